/* render_text.c: the trace as the lecture writes it, in plain text.
 *
 * One walk over the quantities in order.  Quantities a student writes on a
 * line of their own (net, o, E, delta, new weights, the comparison) get a
 * derivation: the formula, the numbers substituted, the arithmetic, the
 * result.  The others (products, e^-net, o(1-o), sums, Delta w) appear
 * inside the derivation that uses them.
 */
#include "derive.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define NUM 64

typedef struct {
    const bp_trace *t;
    const bp_lesson *l;
    const bp_style *st;
    bp_numfmt nf;
    FILE *out;
} ctx;

/* Columns a UTF-8 string takes: one per code point. */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void pad(FILE *out, int n)
{
    for (int i = 0; i < n; i++)
        fputc(' ', out);
}

/* Steps that repeat the one before (a single term, an integer) are
 * dropped, so nothing is written twice. */
static void chain_print(ctx *c, const bp_chain *ch, bool compact)
{
    fprintf(c->out, "  %s%s %s", ch->lhs, ch->labelled ? ":" : " =",
            ch->step[0]);
    for (int i = 1; i < ch->n; i++) {
        if (strcmp(ch->step[i], ch->step[i - 1]) == 0)
            continue;
        if (compact) {
            fprintf(c->out, " = %s", ch->step[i]);
        } else {
            fputc('\n', c->out);
            pad(c->out, 2 + width(ch->lhs));
            fprintf(c->out, " = %s", ch->step[i]);
        }
    }
    fputc('\n', c->out);
}

static const char *val(ctx *c, const bp_quantity *q, char *buf)
{
    return bp_formula_value(&c->nf, q, buf, NUM);
}

static const bp_quantity *in(ctx *c, const bp_quantity *q, int i)
{
    return bp_trace_input(c->t, q, i);
}

static void symbol_of(ctx *c, const bp_quantity *q, char *buf, size_t size)
{
    bp_str s;
    bp_str_init(&s, buf, size);
    bp_formula_symbol(c->st, c->t, q, &s);
}

/* ---- explanations: one line that says what a step means ---- */

static void wrapped(ctx *c, const char *first, const char *indent,
                    const char *text);
static void explain(ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void explain(ctx *c, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(text, sizeof text, "Interpretation: ");
    vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
    va_end(ap);
    wrapped(c, "  ", "    ", text);
}

static bool net_is(ctx *c, const bp_quantity *net, int sign)
{
    double v = bp_quantity_value(net, c->nf.mode);
    return sign < 0 ? v < 0 : sign > 0 ? v > 0 : v == 0;
}

static void explain_activation(ctx *c, const bp_quantity *q)
{
    char o[128], net[128];
    const bp_quantity *n = in(c, q, 0);
    symbol_of(c, q, o, sizeof o);
    symbol_of(c, n, net, sizeof net);
    switch (q->activation) {
    case BP_ACT_SIGMOID:
        explain(c, "%s is %s, so %s = %s(%s) is %s 0.5.", net,
                net_is(c, n, -1) ? "negative" : net_is(c, n, 1) ? "positive"
                                                               : "zero",
                o, c->st->sigma, net,
                net_is(c, n, -1) ? "below" : net_is(c, n, 1) ? "above"
                                                            : "exactly");
        break;
    case BP_ACT_TANH:
        explain(c, "tanh squashes %s into (-1, 1); its sign is kept.", net);
        break;
    case BP_ACT_RELU:
        explain(c, "%s", net_is(c, n, 1)
                             ? "relu passes a positive net input through unchanged."
                             : "relu gives 0 for a net input at or below 0: the unit is off.");
        break;
    case BP_ACT_LINEAR:
        explain(c, "a linear unit outputs its net input unchanged.");
        break;
    default:
        assert(false);
    }
}

static void explain_delta(ctx *c, const bp_quantity *q)
{
    char d[128];
    const char *label = c->l->units[q->unit].label;
    double v = bp_quantity_value(q, c->nf.mode);
    symbol_of(c, q, d, sizeof d);
    const char *direction = v > 0   ? "grow"
                            : v < 0 ? "shrink"
                                    : "stay as they are";
    if (q->kind == BP_Q_OUTPUT_DELTA)
        explain(c, "%s is %s: the output is %s its target, so weights from "
                   "positive inputs into unit %s will %s.",
                d, v > 0 ? "positive" : v < 0 ? "negative" : "zero",
                v > 0 ? "below" : v < 0 ? "above" : "at", label, direction);
    else
        explain(c, "unit %s has no target: %s is its share of the error of "
                   "the units it feeds, weighted by its weights to them and "
                   "scaled by the derivative; weights from positive inputs "
                   "into unit %s will %s.",
                label, d, label, direction);
}

static void explain_comparison(ctx *c, const bp_quantity *q)
{
    char a[NUM], b[NUM];
    const bp_quantity *before = in(c, q, 0), *after = in(c, q, 1);
    double v = bp_quantity_value(q, c->nf.mode);
    val(c, before, a);
    val(c, after, b);
    if (v > 0)
        explain(c, "the error went down from %s to %s: the network has "
                   "learned from this example.", a, b);
    else if (v < 0)
        explain(c, "the error went up from %s to %s: eta may be too large "
                   "(lecture section 9.2).", a, b);
    else
        explain(c, "the error did not change at this precision.");
}

/* ---- headings ---- */

static void heading(ctx *c, const char *text)
{
    fprintf(c->out, "\n%s\n", text);
}

static void part_heading(ctx *c, bp_phase phase)
{
    char eta[NUM];
    switch (phase) {
    case BP_PHASE_FORWARD:
        heading(c, "Part 1: Forward pass - computing activations");
        break;
    case BP_PHASE_ERROR:
        heading(c, "Part 2: Error");
        break;
    case BP_PHASE_BACKWARD:
        heading(c, "Part 3: Backward pass - computing error terms");
        break;
    case BP_PHASE_UPDATE:
        heading(c, "Part 4: Weight updates");
        fprintf(c->out, "  w(new) = w + %s, where %s = %s%sx with %s = %s\n",
                c->st->ascii ? "Delta w" : "Δw",
                c->st->ascii ? "Delta w" : "Δw", c->st->eta,
                c->st->ascii ? "*delta*" : "δ", c->st->eta,
                bp_format(eta, sizeof eta, c->l->eta,
                          (bp_precision){BP_ROUND_NONE, 0}));
        break;
    case BP_PHASE_VERIFY:
        heading(c, "Part 5: Verification - a forward pass with the new weights");
        break;
    default:
        assert(false);
    }
}

static const char *layer_name(ctx *c, int layer, char *buf, size_t size)
{
    if (layer == c->l->n_layers - 1)
        snprintf(buf, size, "Output layer");
    else if (c->l->n_layers == 3)
        snprintf(buf, size, "Hidden layer");
    else
        snprintf(buf, size, "Hidden layer %d", layer);
    return buf;
}

static void unit_heading(ctx *c, const bp_quantity *q)
{
    char layer[32];
    const bp_unit *u = &c->l->units[q->unit];
    fprintf(c->out, "%s, unit %s:\n",
            layer_name(c, u->layer, layer, sizeof layer), u->label);
}

/* Paragraph text, wrapped at 78 columns. */
static void wrapped(ctx *c, const char *first, const char *indent,
                    const char *text)
{
    int col = 0;
    bool first_line = true;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\n')
            p++;
        size_t len = strcspn(p, " \n");
        if (!len)
            break;
        if (col && col + 1 + (int)len > 78) {
            fputc('\n', c->out);
            col = 0;
            first_line = false;
        }
        if (!col)
            col = fprintf(c->out, "%s", first_line ? first : indent);
        else
            col += fprintf(c->out, " ");
        col += fprintf(c->out, "%.*s", (int)len, p);
        p += len;
    }
    if (col)
        fputc('\n', c->out);
}

static void print_header(ctx *c)
{
    const bp_lesson *l = c->l;
    fprintf(c->out, "%s\n", l->title);
    char source[1024];
    snprintf(source, sizeof source, "Source: %s", l->source);
    wrapped(c, "", "", source);
    if (l->description)
        wrapped(c, "", "", l->description);
    if (c->nf.mode == BP_MODE_EXACT) {
        fprintf(c->out, "Numbers: exact, shown to %d significant digits.\n",
                c->nf.digits);
        return;
    }
    char profile[1024];
    bp_str s;
    bp_str_init(&s, profile, sizeof profile);
    bp_str_add(&s, "Numbers: by hand. Each written number is rounded half "
                   "away from zero and used rounded from then on:");
    for (int k = 0; k < BP_RK_COUNT; k++) {
        bp_precision p = l->rounding[k];
        bp_str_add(&s, " %s %d %s%s", bp_round_kind_name(k), p.digits,
                   p.mode == BP_ROUND_SIGNIFICANT ? "sf" : "dp",
                   k + 1 < BP_RK_COUNT ? "," : ".");
    }
    bool first = true;
    for (int k = 0; k < BP_RK_COUNT; k++) {
        bp_precision p = l->verify_rounding[k], q = l->rounding[k];
        if (p.mode == q.mode && p.digits == q.digits)
            continue;
        bp_str_add(&s, "%s %s %d %s", first ? " Verification:" : ",",
                   bp_round_kind_name(k), p.digits,
                   p.mode == BP_ROUND_SIGNIFICANT ? "sf" : "dp");
        first = false;
    }
    if (!first)
        bp_str_add(&s, ".");
    wrapped(c, "", "", profile);
}

static void print_given_line(ctx *c, const char *label, bp_qkind kind)
{
    char sym[128], num[NUM];
    const char *sep = ":";
    fprintf(c->out, "  %s", label);
    for (int i = 0; i < c->t->n; i++) {
        const bp_quantity *q = &c->t->q[i];
        if (q->kind != kind)
            continue;
        symbol_of(c, q, sym, sizeof sym);
        fprintf(c->out, "%s %s = %s", sep, sym, val(c, q, num));
        sep = ",";
    }
    fputc('\n', c->out);
}

static void print_givens(ctx *c)
{
    const bp_lesson *l = c->l;
    const bp_trace *t = c->t;
    char sym[128], num[NUM];
    heading(c, "Given");
    print_given_line(c, "Inputs", BP_Q_INPUT);
    print_given_line(c, l->layers[l->n_layers - 1].count == 1 ? "Target"
                                                              : "Targets",
                     BP_Q_TARGET);
    print_given_line(c, "Learning rate", BP_Q_RATE);
    if (l->eta_note)
        wrapped(c, "    ", "    ", l->eta_note);
    /* weights and bias into each unit, one line per unit */
    for (int u = l->layers[1].first; u < l->n_units; u++) {
        fprintf(c->out, "  Into unit %s:", l->units[u].label);
        const char *sep = "";
        for (int i = 0; i < t->n; i++) {
            const bp_quantity *q = &t->q[i];
            if ((q->kind != BP_Q_WEIGHT && q->kind != BP_Q_BIAS) ||
                q->unit != u)
                continue;
            symbol_of(c, q, sym, sizeof sym);
            fprintf(c->out, "%s %s = %s", sep, sym, val(c, q, num));
            sep = ",";
        }
        fputc('\n', c->out);
    }
}

/* ---- the summary table (the lecture's Table 2) ---- */

typedef struct {
    char cell[4][NUM * 2];
} row;

/* A table cell: in hand mode every digit of the precision, so that the
 * column lines up (0.200 beside 0.192), as the lecture's table does. */
static void cell(ctx *c, double value, const bp_quantity *q, char *buf,
                 size_t size)
{
    if (c->nf.mode == BP_MODE_HAND)
        bp_format(buf, size, value, q->precision);
    else
        bp_format_sig(buf, size, value, c->nf.digits);
}

static void signed_value(ctx *c, const bp_quantity *q, bool negate, char *buf)
{
    char v[NUM];
    bp_str s;
    bp_str_init(&s, buf, NUM * 2);
    cell(c, bp_quantity_value(q, c->nf.mode), q, v, sizeof v);
    if (negate)
        bp_str_add_negated(&s, v);
    else
        bp_str_add(&s, "%s", v);
    if (buf[0] != '-' && strspn(buf, "0.") != strlen(buf)) {
        memmove(buf + 1, buf, strlen(buf) + 1);
        buf[0] = '+';
    }
}

/* Old values are written at the precision of the new ones. */
static void param_row(ctx *c, const bp_quantity *newq, row *r)
{
    const bp_quantity *old = in(c, newq, 0);
    symbol_of(c, old, r->cell[0], sizeof r->cell[0]);
    cell(c, old->exact, newq, r->cell[1], sizeof r->cell[1]);
    cell(c, bp_quantity_value(newq, c->nf.mode), newq, r->cell[2],
         sizeof r->cell[2]);
    if (newq->fixed)
        snprintf(r->cell[3], sizeof r->cell[3], "fixed");
    else
        signed_value(c, in(c, newq, 1), false, r->cell[3]);
}

static void comparison_row(ctx *c, const bp_quantity *cmp, row *r)
{
    const bp_quantity *a = in(c, cmp, 0), *b = in(c, cmp, 1);
    bool reduction = a->kind != BP_Q_ACTIVATION; /* old - new */
    const bp_quantity *before = reduction ? a : b;
    const bp_quantity *after = reduction ? b : a;
    bp_str name;
    bp_str_init(&name, r->cell[0], sizeof r->cell[0]);
    bp_str_add(&name, "%s", before->kind == BP_Q_ACTIVATION ? "Output "
                            : before->kind == BP_Q_LOSS     ? "Loss "
                                                            : "Error ");
    bp_formula_symbol(c->st, c->t, before, &name);
    cell(c, bp_quantity_value(before, c->nf.mode), before, r->cell[1],
         sizeof r->cell[1]);
    cell(c, bp_quantity_value(after, c->nf.mode), after, r->cell[2],
         sizeof r->cell[2]);
    signed_value(c, cmp, reduction, r->cell[3]);
}

static void print_rows(ctx *c, const row *rows, int n)
{
    int w[4] = {0};
    for (int i = 0; i < n; i++)
        for (int j = 0; j < 4; j++)
            if (width(rows[i].cell[j]) > w[j])
                w[j] = width(rows[i].cell[j]);
    for (int i = 0; i < n; i++) {
        fprintf(c->out, "  %s", rows[i].cell[0]);
        pad(c->out, w[0] - width(rows[i].cell[0]));
        for (int j = 1; j < 4; j++) {
            pad(c->out, 3 + w[j] - width(rows[i].cell[j]));
            fputs(rows[i].cell[j], c->out);
        }
        fputc('\n', c->out);
    }
}

static int print_summary(ctx *c)
{
    const bp_trace *t = c->t;
    const bp_lesson *l = c->l;
    int n = 0, cap = l->n_weights + l->n_units + 2 * l->n_units + 2;
    row *rows = calloc((size_t)cap, sizeof *rows);
    int *new_of_weight = calloc((size_t)l->n_weights + 1, sizeof(int));
    int *new_of_bias = calloc((size_t)l->n_units, sizeof(int));
    if (!rows || !new_of_weight || !new_of_bias) {
        free(rows);
        free(new_of_weight);
        free(new_of_bias);
        return -1;
    }
    for (int i = 0; i < t->n; i++) {
        if (t->q[i].kind != BP_Q_NEW_PARAM)
            continue;
        if (t->q[i].weight >= 0)
            new_of_weight[t->q[i].weight] = i;
        else
            new_of_bias[t->q[i].unit] = i;
    }
    snprintf(rows[n].cell[0], sizeof rows[n].cell[0], "Parameter");
    snprintf(rows[n].cell[1], sizeof rows[n].cell[1], "Old");
    snprintf(rows[n].cell[2], sizeof rows[n].cell[2], "New");
    snprintf(rows[n].cell[3], sizeof rows[n].cell[3], "Change");
    n++;
    for (int w = 0; w < l->n_weights; w++)
        param_row(c, &t->q[new_of_weight[w]], &rows[n++]);
    for (int u = 0; u < l->n_units; u++)
        if (l->units[u].layer > 0 && l->units[u].has_bias)
            param_row(c, &t->q[new_of_bias[u]], &rows[n++]);
    for (int i = 0; i < t->n; i++)
        if (t->q[i].kind == BP_Q_COMPARE && n < cap)
            comparison_row(c, &t->q[i], &rows[n++]);
    heading(c, "Summary");
    print_rows(c, rows, n);
    free(rows);
    free(new_of_weight);
    free(new_of_bias);
    return 0;
}

/* ---- the walk ---- */

static bool stands_alone(const bp_quantity *q)
{
    switch (q->kind) {
    case BP_Q_NET:
    case BP_Q_ACTIVATION:
    case BP_Q_LOSS:
    case BP_Q_OUTPUT_DELTA:
    case BP_Q_HIDDEN_DELTA:
    case BP_Q_NEW_PARAM:
    case BP_Q_ABS_ERROR:
        return true;
    case BP_Q_ERROR:
        return q->phase == BP_PHASE_ERROR;
    case BP_Q_COMPARE:
        return true;
    default:
        return false;
    }
}


int bp_render_text(const bp_trace *t, const bp_render_options *opt,
                   FILE *out)
{
    ctx c = {t, t->lesson, bp_style_get(opt->ascii),
             {opt->mode, opt->digits}, out};
    bp_writer w = {t, c.st, c.nf};
    bp_chain *ch = malloc(sizeof *ch);
    if (!ch)
        return -1;
    print_header(&c);
    print_givens(&c);
    bp_phase phase = BP_PHASE_GIVEN;
    int unit = -1;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (!stands_alone(q))
            continue;
        if (q->kind == BP_Q_COMPARE &&
            bp_trace_input(t, q, 0)->kind == BP_Q_ACTIVATION)
            continue; /* the output's move: summary table only */
        if (q->phase != phase) {
            part_heading(&c, q->phase);
            phase = q->phase;
            unit = -1;
        }
        bool per_unit = phase == BP_PHASE_FORWARD ||
                        phase == BP_PHASE_BACKWARD ||
                        phase == BP_PHASE_UPDATE;
        if (per_unit && q->unit != unit) {
            unit_heading(&c, q);
            unit = q->unit;
        }
        bp_derive(&w, q, ch);
        chain_print(&c, ch, bp_derive_compact(q));
        if (q->kind == BP_Q_ACTIVATION && phase == BP_PHASE_FORWARD)
            explain_activation(&c, q);
        else if (q->kind == BP_Q_OUTPUT_DELTA ||
                 q->kind == BP_Q_HIDDEN_DELTA)
            explain_delta(&c, q);
        else if (q->kind == BP_Q_LOSS && phase == BP_PHASE_ERROR)
            explain(&c, "E = %s%s(t - o)%s measures how far the outputs are "
                        "from their targets; each update makes it smaller.",
                    c.st->half, c.st->sum, c.st->squared);
        else if (q->kind == BP_Q_COMPARE &&
                 bp_trace_input(t, q, 0)->kind == BP_Q_LOSS)
            explain_comparison(&c, q);
    }
    free(ch);
    int rc = print_summary(&c);
    return rc || ferror(out) ? -1 : 0;
}
