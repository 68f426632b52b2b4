/* render_text.c: the trace as the lecture writes it, in plain text.
 *
 * One walk over the quantities in order.  Quantities a student writes on a
 * line of their own (net, o, E, delta, new weights, the comparison) get a
 * derivation: the formula, the numbers substituted, the arithmetic, the
 * result.  The others (products, e^-net, o(1-o), sums, Delta w) appear
 * inside the derivation that uses them.
 */
#include "text.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define NUM 64

/* ---- explanations: one line that says what a step means ---- */

static bool net_is(bp_text *c, const bp_quantity *net, int sign)
{
    double v = bp_quantity_value(net, c->nf.mode);
    return sign < 0 ? v < 0 : sign > 0 ? v > 0 : v == 0;
}

static void explain_activation(bp_text *c, const bp_quantity *q)
{
    char o[128], net[128];
    const bp_quantity *n = text_in(c, q, 0);
    text_symbol(c, q, o, sizeof o);
    text_symbol(c, n, net, sizeof net);
    switch (q->activation) {
    case BP_ACT_SIGMOID:
        text_explain(c, "%s is %s, so %s = %s(%s) is %s 0.5.", net,
                net_is(c, n, -1) ? "negative" : net_is(c, n, 1) ? "positive"
                                                               : "zero",
                o, c->st->sigma, net,
                net_is(c, n, -1) ? "below" : net_is(c, n, 1) ? "above"
                                                            : "exactly");
        break;
    case BP_ACT_TANH:
        text_explain(c, "tanh squashes %s into (-1, 1); its sign is kept.", net);
        break;
    case BP_ACT_RELU:
        text_explain(c, "%s", net_is(c, n, 1)
                             ? "relu passes a positive net input through unchanged."
                             : "relu gives 0 for a net input at or below 0: the unit is off.");
        break;
    case BP_ACT_LINEAR:
        text_explain(c, "a linear unit outputs its net input unchanged.");
        break;
    case BP_ACT_SOFTMAX:
        text_explain(c, "the outputs of a softmax layer are positive and sum "
                        "to 1: %s is the network's probability for class %s.",
                     o, c->l->units[q->unit].label);
        break;
    default:
        assert(false);
    }
}

/* Why an output's delta is t - o with cross-entropy. */
static void explain_ce_delta(bp_text *c, const bp_quantity *q)
{
    char d[128], o[128], t[128], net[128], tj[64], sum_j[64];
    const bp_quantity *out = text_in(c, q, 0);
    text_symbol(c, q, d, sizeof d);
    text_symbol(c, out, o, sizeof o);
    text_symbol(c, text_in(c, text_in(c, q, 1), 0), t, sizeof t);
    bp_sym(c->st, "net", c->l->units[q->unit].index, net, sizeof net);
    if (q->activation == BP_ACT_SOFTMAX) {
        char oj[64];
        bp_sym(c->st, "t", "j", tj, sizeof tj);
        bp_sym(c->st, out->sym.base, "j", oj, sizeof oj);
        bp_sym(c->st, c->st->sum, "j", sum_j, sizeof sum_j);
        text_explain(c, "every softmax output depends on every net input: "
                        "d%s/d%s = %s([j = %s] - %s), where [j = %s] is 1 "
                        "for %s itself and 0 for the others. With "
                        "cross-entropy -dE/d%s = %s/%s, so the %s cancel and "
                        "the sum leaves %s - %s %s %s; the targets are "
                        "probabilities, %s %s = 1, so %s = %s - %s.",
                     oj, net, oj, out->sym.sub, o, out->sym.sub, o, oj, tj,
                     oj, oj, t, o, sum_j, tj, sum_j, tj, d, t, o);
    } else {
        text_explain(c, "with cross-entropy, -dE/d%s = (%s - %s)/(%s(1 - %s)); "
                        "the sigmoid's derivative %s(1 - %s) cancels that "
                        "denominator, so %s = %s - %s with no o(1 - o) "
                        "factor: the error term stays large when the output "
                        "saturates at the wrong end, where squared error's "
                        "would vanish.",
                     o, t, o, o, o, o, o, d, t, o);
    }
}

static const char *sign_word(double v, const char *pos, const char *neg,
                             const char *zero)
{
    return v > 0 ? pos : v < 0 ? neg : zero;
}

static void explain_delta(bp_text *c, const bp_quantity *q)
{
    char d[128];
    const char *label = c->l->units[q->unit].label;
    double v = bp_quantity_value(q, c->nf.mode);
    const char *direction = sign_word(v, "grow", "shrink", "stay as they are");
    text_symbol(c, q, d, sizeof d);
    if (q->kind == BP_Q_CE_DELTA)
        explain_ce_delta(c, q);
    if (q->kind == BP_Q_HIDDEN_DELTA) {
        text_explain(c, "unit %s has no target: %s is its share of the error of "
                   "the units it feeds, weighted by its weights to them and "
                   "scaled by the derivative; weights from positive inputs "
                   "into unit %s will %s.",
                label, d, label, direction);
        return;
    }
    /* Below or above the target is the sign of t - o, not of delta: a
     * saturated or switched-off unit has delta 0 however wrong it is. */
    double err = bp_quantity_value(text_in(c, q, 1), c->nf.mode);
    if (v == 0 && err != 0)
        text_explain(c, "the output is %s its target, but the derivative is 0 "
                   "here, so %s is 0 and no weight into unit %s changes.",
                sign_word(err, "below", "above", "at"), d, label);
    else
        text_explain(c, "%s is %s: the output is %s its target, so weights from "
                   "positive inputs into unit %s will %s.",
                d, sign_word(v, "positive", "negative", "zero"),
                sign_word(err, "below", "above", "at"), label, direction);
}

/* After "Error reduced by" (one output) or "Loss reduced by": did the
 * iteration help?  The lecture's section 9.2 warns of a rate too large. */
static void explain_comparison(bp_text *c, const bp_quantity *q)
{
    char a[NUM], b[NUM], sym[128];
    const bp_quantity *before = text_in(c, q, 0), *after = text_in(c, q, 1);
    double v = bp_quantity_value(q, c->nf.mode);
    const char *what = "E";
    if (before->kind == BP_Q_ABS_ERROR) {
        const bp_quantity *o = text_in(c, before, 1);
        text_symbol(c, o, sym, sizeof sym);
        what = sym;
        before = o;
        after = text_in(c, after, 1);
        text_val(c, before, a);
        text_val(c, after, b);
        if (v > 0)
            text_explain(c, "%s moved from %s to %s, closer to its target: the "
                       "network has learned from this example.", what, a, b);
        else if (v < 0)
            text_explain(c, "%s moved from %s to %s, away from its target: the "
                       "error went up, and eta may be too large (lecture "
                       "section 9.2).", what, a, b);
        else
            text_explain(c, "%s did not move at this precision.", what);
        return;
    }
    text_val(c, before, a);
    text_val(c, after, b);
    if (v > 0)
        text_explain(c, "the loss E went down from %s to %s.", a, b);
    else if (v < 0)
        text_explain(c, "the loss E went up from %s to %s: eta may be too large "
                   "(lecture section 9.2).", a, b);
    else
        text_explain(c, "the loss E did not change at this precision.");
}

/* ---- headings ---- */

/* The lecture's parts: the error closes the forward pass, and the
 * verification is not numbered. */
static void part_heading(bp_text *c, bp_phase phase)
{
    char eta[NUM];
    switch (phase) {
    case BP_PHASE_FORWARD:
        text_heading(c, "Part 1: Forward Pass - Computing Activations");
        break;
    case BP_PHASE_ERROR:
        fprintf(c->out, "\nForward pass summary:\n");
        break;
    case BP_PHASE_BACKWARD:
        text_heading(c, "Part 2: Backward Pass - Computing Error Terms");
        break;
    case BP_PHASE_UPDATE:
        text_heading(c, "Part 3: Weight Updates");
        fprintf(c->out, "  w(new) = w + %s, where %s = %s%sx with %s = %s\n",
                c->st->ascii ? "Delta w" : "Δw",
                c->st->ascii ? "Delta w" : "Δw", c->st->eta,
                c->st->ascii ? "*delta*" : "δ", c->st->eta,
                bp_format(eta, sizeof eta, c->l->eta,
                          (bp_precision){BP_ROUND_NONE, 0}));
        break;
    case BP_PHASE_VERIFY:
        text_heading(c, "Verification: Does the error reduce?");
        fprintf(c->out, "  A forward pass with the updated weights:\n");
        break;
    default:
        assert(false);
    }
}

static const char *layer_name(bp_text *c, int layer, char *buf, size_t size)
{
    if (layer == c->l->n_layers - 1)
        snprintf(buf, size, "Output layer");
    else if (c->l->n_layers == 3)
        snprintf(buf, size, "Hidden layer");
    else
        snprintf(buf, size, "Hidden layer %d", layer);
    return buf;
}

/* The quantities of a softmax layer are worked together, after its nets:
 * m, the exponentials, their sum and the outputs. */
static bool softmax_part(const bp_quantity *q)
{
    return q->kind == BP_Q_MAX || q->kind == BP_Q_SOFTMAX_EXP ||
           q->kind == BP_Q_EXP_SUM ||
           (q->kind == BP_Q_ACTIVATION && q->activation == BP_ACT_SOFTMAX);
}
#define SOFTMAX_GROUP (-2) /* the heading key of a softmax layer's part */

static void unit_heading(bp_text *c, const bp_quantity *q)
{
    char layer[32];
    if (softmax_part(q)) {
        const bp_layer *ly = &c->l->layers[c->l->n_layers - 1];
        fprintf(c->out, "%s, softmax over units",
                layer_name(c, c->l->n_layers - 1, layer, sizeof layer));
        for (int u = ly->first; u < ly->first + ly->count; u++)
            fprintf(c->out, "%s %s", u > ly->first ? "," : "",
                    c->l->units[u].label);
        fputs(":\n", c->out);
        return;
    }
    const bp_unit *u = &c->l->units[q->unit];
    fprintf(c->out, "%s, unit %s:\n",
            layer_name(c, u->layer, layer, sizeof layer), u->label);
}

static void print_given_line(bp_text *c, const char *label, bp_qkind kind)
{
    char sym[128], num[NUM];
    const char *sep = ":";
    fprintf(c->out, "  %s", label);
    for (int i = 0; i < c->t->n; i++) {
        const bp_quantity *q = &c->t->q[i];
        if (q->kind != kind)
            continue;
        text_symbol(c, q, sym, sizeof sym);
        fprintf(c->out, "%s %s = %s", sep, sym, text_val(c, q, num));
        sep = ",";
    }
    fputc('\n', c->out);
}

static void print_givens(bp_text *c)
{
    const bp_lesson *l = c->l;
    const bp_trace *t = c->t;
    char sym[128], num[NUM];
    text_heading(c, "Given");
    print_given_line(c, "Inputs", BP_Q_INPUT);
    print_given_line(c, l->layers[l->n_layers - 1].count == 1 ? "Target"
                                                              : "Targets",
                     BP_Q_TARGET);
    print_given_line(c, "Learning rate", BP_Q_RATE);
    if (l->eta_note)
        text_wrapped(c, "    ", "    ", l->eta_note);
    /* weights and bias into each unit, one line per unit */
    for (int u = l->layers[1].first; u < l->n_units; u++) {
        fprintf(c->out, "  Into unit %s:", l->units[u].label);
        const char *sep = "";
        for (int i = 0; i < t->n; i++) {
            const bp_quantity *q = &t->q[i];
            if ((q->kind != BP_Q_WEIGHT && q->kind != BP_Q_BIAS) ||
                q->unit != u)
                continue;
            text_symbol(c, q, sym, sizeof sym);
            fprintf(c->out, "%s %s = %s", sep, sym, text_val(c, q, num));
            sep = ",";
        }
        fputc('\n', c->out);
    }
}

/* ---- the summary table (the lecture's Table 2) ---- */

/* One row from a summary change (new - old): its label, the old value at
 * the precision of the new one, the new value and the change. */
static void change_row(bp_text *c, const char *label, const bp_quantity *change,
                       const bp_quantity *fixed, text_row *r)
{
    const bp_quantity *after = fixed ? fixed : text_in(c, change, 0);
    const bp_quantity *before = fixed ? text_in(c, fixed, 0) : text_in(c, change, 1);
    bp_str s;
    bp_str_init(&s, r->cell[0], TEXT_CELL);
    bp_str_add(&s, "%s", label);
    bp_formula_symbol(c->st, c->t, before, &s);
    text_cell(c, bp_quantity_value(before, c->nf.mode), after, r->cell[1]);
    text_cell(c, bp_quantity_value(after, c->nf.mode), after, r->cell[2]);
    if (fixed)
        snprintf(r->cell[3], TEXT_CELL, "fixed");
    else
        text_signed_cell(c, change, r->cell[3]);
}

/* The parameter a summary change or a kept parameter belongs to: its
 * weight, or after the weights its unit's bias. */
static int param_slot(bp_text *c, const bp_quantity *q)
{
    return q->weight >= 0 ? q->weight : c->l->n_weights + q->unit;
}

/* Parameters in the lesson's order (weights layer by layer, then biases,
 * as Table 2), then the output, its error and the loss. */
static int print_summary(bp_text *c)
{
    const bp_trace *t = c->t;
    const bp_lesson *l = c->l;
    int slots = l->n_weights + l->n_units;
    int n = 0, cap = slots + 2 * l->n_units + 2;
    text_row *rows = calloc((size_t)cap, sizeof *rows);
    int *param = malloc((size_t)slots * sizeof *param);
    if (!rows || !param) {
        free(rows);
        free(param);
        return -2;
    }
    for (int i = 0; i < slots; i++)
        param[i] = -1;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        bool kept = q->kind == BP_Q_NEW_PARAM && q->fixed;
        bool moved = q->summary && text_in(c, q, 0)->kind == BP_Q_NEW_PARAM;
        if (kept || moved)
            param[param_slot(c, q)] = i;
    }
    snprintf(rows[n].cell[0], TEXT_CELL, "Parameter");
    snprintf(rows[n].cell[1], TEXT_CELL, "Old");
    snprintf(rows[n].cell[2], TEXT_CELL, "New");
    snprintf(rows[n].cell[3], TEXT_CELL, "Change");
    n++;
    for (int i = 0; i < slots; i++) {
        if (param[i] < 0)
            continue;
        const bp_quantity *q = &t->q[param[i]];
        change_row(c, "", q->fixed ? NULL : q, q->fixed ? q : NULL,
                   &rows[n++]);
    }
    for (int i = 0; i < t->n && n < cap; i++) {
        const bp_quantity *q = &t->q[i];
        if (!q->summary || text_in(c, q, 0)->kind == BP_Q_NEW_PARAM)
            continue;
        bp_qkind k = text_in(c, q, 0)->kind;
        change_row(c, k == BP_Q_ACTIVATION ? "Output "
                      : k == BP_Q_LOSS || k == BP_Q_CROSS_ENTROPY ? "Loss "
                                                                  : "Error ",
                   q, NULL, &rows[n++]);
    }
    text_heading(c, "Summary");
    int rc = text_rows(c, rows, n, 4);
    free(rows);
    free(param);
    return rc;
}

/* ---- the walk ---- */

int bp_render_text(const bp_trace *t, const bp_render_options *opt,
                   FILE *out)
{
    if (t->lesson->exercise)
        return bp_render_exercise_text(t, opt, out);
    bp_text c;
    text_init(&c, t, opt, out);
    bp_writer w = text_writer(&c);
    bp_chain *ch = malloc(sizeof *ch);
    if (!ch)
        return -2;
    text_header(&c);
    if (t->sequential)
        text_wrapped(&c, "", "",
                     "WARNING: this trace makes the sequential-update "
                     "mistake on purpose. Each layer's weights are updated "
                     "before the error terms of the layer below are "
                     "computed, so those use the new weights. The lecture "
                     "computes every delta before any weight changes: "
                     "compare with the trace without --sequential.");
    print_givens(&c);
    bp_phase phase = BP_PHASE_GIVEN;
    int unit = -1;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (!bp_derive_standalone(t, q))
            continue;
        if (q->phase != phase) {
            part_heading(&c, q->phase);
            phase = q->phase;
            unit = -1;
        }
        bool per_unit = phase == BP_PHASE_FORWARD ||
                        phase == BP_PHASE_BACKWARD ||
                        phase == BP_PHASE_UPDATE;
        int key = softmax_part(q) ? SOFTMAX_GROUP : q->unit;
        if (per_unit && key != unit) {
            unit_heading(&c, q);
            unit = key;
        }
        bp_derive(&w, q, ch);
        text_chain(&c, ch, bp_derive_compact(q));
        if (q->kind == BP_Q_ACTIVATION && phase == BP_PHASE_FORWARD)
            explain_activation(&c, q);
        else if (q->kind == BP_Q_OUTPUT_DELTA ||
                 q->kind == BP_Q_HIDDEN_DELTA || q->kind == BP_Q_CE_DELTA)
            explain_delta(&c, q);
        else if (q->kind == BP_Q_LOSS && phase == BP_PHASE_ERROR)
            text_explain(&c, "E = %s%s(t - o)%s measures how far the outputs are "
                        "from their targets; training makes it smaller.",
                    c.st->half, c.st->sum, c.st->squared);
        else if (q->kind == BP_Q_CROSS_ENTROPY && phase == BP_PHASE_ERROR)
            text_explain(&c, "E is the cross-entropy: 0 when every output "
                        "equals its target, and without bound as an output "
                        "nears the wrong end (ln 0); training makes it "
                        "smaller.");
        else if (q->kind == BP_Q_MAX && phase == BP_PHASE_FORWARD)
            text_explain(&c, "subtracting the largest net input m keeps every "
                        "exponential at most 1, so none overflows; the "
                        "outputs do not change, as e^(-m) cancels between "
                        "each numerator and the sum.");
        else if (q->kind == BP_Q_COMPARE)
            explain_comparison(&c, q);
        text_erratum_note(&c, q);
    }
    free(ch);
    int rc = print_summary(&c);
    text_errata(&c);
    if (rc)
        return rc;
    return ferror(out) ? -1 : 0;
}
