/* render_show.c: a lesson at a glance, before the derivation starts.
 *
 * The title and source; for a network, the given values as a table and the
 * network drawn as the lecture's Figure 3 draws it (layers as columns of
 * units, input left, output right), then every connection with its weight;
 * for an exercise, the given values and what each step finds.  It only
 * writes down what the lesson gives: nothing here computes.
 */
#include "symbols.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define LINE_WIDTH 78
#define CELL_MAX (2 * BP_NAME_MAX + 64)

typedef struct {
    const bp_lesson *l;
    const bp_style *st;
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

/* s and spaces up to w columns. */
static void padded(FILE *out, const char *s, int w)
{
    fputs(s, out);
    pad(out, w - width(s));
}

/* Paragraph text, wrapped at LINE_WIDTH columns. */
static void wrapped(ctx *c, const char *first, const char *indent,
                    const char *text)
{
    int col = 0;
    bool first_line = true;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        size_t len = strcspn(p, " \n\t");
        if (!len)
            break;
        if (col && col + 1 + (int)len > LINE_WIDTH) {
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

/* ---- strings ---- */

/* A string being built in a fixed buffer; it stays truncated on overflow
 * (the buffers are sized for the lesson limits). */
typedef struct {
    char *buf;
    size_t size, len;
} sbuf;

static void sb_init(sbuf *s, char *buf, size_t size)
{
    *s = (sbuf){buf, size, 0};
    buf[0] = '\0';
}

__attribute__((format(printf, 2, 3))) static void sb_add(sbuf *s,
                                                         const char *fmt, ...)
{
    if (s->len + 1 >= s->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->buf + s->len, s->size - s->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->len += (size_t)n < s->size - s->len ? (size_t)n
                                               : s->size - s->len - 1;
}

#define LETTERS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

/* A name as the style writes it: "delta_k" -> δₖ, "Delta_w_kh" -> Δwₖₕ,
 * "o_4" -> o₄, "eta" -> η, "w_kh_new" -> wₖₕ(new), "o_k(1-o_k)" ->
 * oₖ(1-oₖ), "x_1*w_1" -> x₁·w₁.  Each word may have a subscript after '_';
 * everything else is kept as it is. */
static void add_name(ctx *c, const char *name, sbuf *s)
{
    static const char *words[] = {"delta", "eta", "sigma"};
    const char *greek[] = {c->st->delta, c->st->eta, c->st->sigma};
    const char *p = name;
    while (*p) {
        if (strncmp(p, "Delta_", 6) == 0) {
            sb_add(s, "%s", c->st->Delta);
            p += 6;
            continue;
        }
        if (strcmp(p, "_new") == 0) {
            sb_add(s, "(new)");
            break;
        }
        size_t len = strspn(p, LETTERS);
        if (!len) {
            if (*p == '*')
                sb_add(s, "%s", c->st->dot);
            else
                sb_add(s, "%c", *p);
            p++;
            continue;
        }
        char base[BP_NAME_MAX], sub[BP_NAME_MAX], written[4 * BP_NAME_MAX];
        snprintf(base, sizeof base, "%.*s", (int)len, p);
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            if (strcmp(base, words[i]) == 0)
                snprintf(base, sizeof base, "%s", greek[i]);
        p += len;
        size_t n = 0;
        if (*p == '_' && strcmp(p, "_new") != 0)
            n = strspn(p + 1, LETTERS "0123456789,");
        snprintf(sub, sizeof sub, "%.*s", (int)n, p + 1);
        if (n)
            p += 1 + n;
        bp_sym(c->st, base, sub, written, sizeof written);
        sb_add(s, "%s", written);
    }
}

static void name_of(ctx *c, const char *name, char *buf, size_t size)
{
    sbuf s;
    sb_init(&s, buf, size);
    add_name(c, name, &s);
}

/* ---- symbols of a network's givens ---- */

/* x₁, x (an input written without a subscript) */
static void input_symbol(ctx *c, int unit, char *buf, size_t size)
{
    const bp_unit *u = &c->l->units[unit];
    bp_sym(c->st, u->symbol, u->symbol_index, buf, size);
}

/* t₆; t₁ for the output written o₁ */
static void target_symbol(ctx *c, int unit, char *buf, size_t size)
{
    const bp_unit *u = &c->l->units[unit];
    bp_sym(c->st, "t", u->symbol_index[0] ? u->symbol_index : u->index, buf,
           size);
}

/* w₄₆: the weight symbol and the subscripts of its stable name (w46,
 * w10,4), so that the indexes come in the notation's order. */
static void weight_symbol(ctx *c, int weight, char *buf, size_t size)
{
    char name[2 * BP_NAME_MAX];
    bp_name_weight(c->l, weight, name, sizeof name);
    size_t skip = strlen(c->l->weight_symbol);
    bp_sym(c->st, c->l->weight_symbol,
           strncmp(name, c->l->weight_symbol, skip) == 0 ? name + skip : name,
           buf, size);
}

static void bias_symbol(ctx *c, int unit, char *buf, size_t size)
{
    bp_sym(c->st, c->l->bias_symbol, c->l->units[unit].index, buf, size);
}

/* A given number, as the lesson gives it. */
static const char *given(double x, char *buf, size_t size)
{
    return bp_format(buf, size, x, (bp_precision){BP_ROUND_NONE, 0});
}

static void print_header(ctx *c)
{
    const bp_lesson *l = c->l;
    /* The title on one line, as `bptrace list` writes it. */
    for (const char *p = l->title ? l->title : "(untitled)"; *p; p++)
        fputc(iscntrl((unsigned char)*p) ? ' ' : *p, c->out);
    fputc('\n', c->out);
    if (l->source) {
        char line[1024];
        snprintf(line, sizeof line, "Source: %s", l->source);
        wrapped(c, "", "        ", line);
    }
    if (l->section)
        fprintf(c->out, "Section: %s\n", l->section);
    if (l->description)
        wrapped(c, "", "", l->description);
}

/* ---- a table of labelled rows of cells ("w₁₄ = 0.2") ---- */

typedef struct {
    char label[64];
    char (*cells)[CELL_MAX];
    int n, cap;
    const char *note;   /* a wrapped remark under the row, or NULL */
} row;

typedef struct {
    row *rows;
    int n, cap;
    bool failed;        /* out of memory */
} table;

static row *table_row(table *t, const char *label)
{
    if (t->failed)
        return NULL;
    if (t->n == t->cap) {
        int cap = t->cap ? 2 * t->cap : 8;
        row *r = realloc(t->rows, (size_t)cap * sizeof *r);
        if (!r) {
            t->failed = true;
            return NULL;
        }
        t->rows = r;
        t->cap = cap;
    }
    row *r = &t->rows[t->n++];
    *r = (row){0};
    snprintf(r->label, sizeof r->label, "%s", label);
    return r;
}

/* Adds "SYMBOL = VALUE" (and "*" when fixed) to the last row. */
static void table_cell(table *t, const char *symbol, const char *value,
                       bool fixed)
{
    if (t->failed || !t->n)
        return;
    row *r = &t->rows[t->n - 1];
    if (r->n == r->cap) {
        int cap = r->cap ? 2 * r->cap : 8;
        char(*cells)[CELL_MAX] = realloc(r->cells, (size_t)cap * CELL_MAX);
        if (!cells) {
            t->failed = true;
            return;
        }
        r->cells = cells;
        r->cap = cap;
    }
    snprintf(r->cells[r->n++], CELL_MAX, "%s = %s%s", symbol, value,
             fixed ? "*" : "");
}

static int cells_width(const row *r)
{
    int w = 1;
    for (int j = 0; j < r->n; j++)
        if (width(r->cells[j]) > w)
            w = width(r->cells[j]);
    return w;
}

/* Rows with their label in the first column and cells in columns, as many
 * to a line as fit; a long row goes on under its first cell.  The columns
 * line up across the rows when every row fits on one line, else within
 * each row. */
static void table_print(ctx *c, const table *t)
{
    int wlabel = 0, wcell = 1;
    for (int i = 0; i < t->n; i++) {
        if (width(t->rows[i].label) > wlabel)
            wlabel = width(t->rows[i].label);
        if (cells_width(&t->rows[i]) > wcell)
            wcell = cells_width(&t->rows[i]);
    }
    int indent = 2 + wlabel + 2;
    bool per_row = false;
    for (int i = 0; i < t->n; i++)
        if (indent + t->rows[i].n * (wcell + 2) - 2 > LINE_WIDTH)
            per_row = true;
    for (int i = 0; i < t->n; i++) {
        const row *r = &t->rows[i];
        int w = per_row ? cells_width(r) : wcell;
        int per_line = (LINE_WIDTH - indent + 2) / (w + 2);
        if (per_line < 1)
            per_line = 1;
        pad(c->out, 2);
        padded(c->out, r->label, wlabel + 2);
        for (int j = 0; j < r->n; j++) {
            if (j && j % per_line == 0) {
                fputc('\n', c->out);
                pad(c->out, indent);
            }
            if ((j + 1) % per_line == 0 || j + 1 == r->n)
                fputs(r->cells[j], c->out); /* no trailing blanks */
            else
                padded(c->out, r->cells[j], w + 2);
        }
        fputc('\n', c->out);
        if (r->note)
            wrapped(c, "    ", "    ", r->note);
    }
}

static void table_free(table *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->rows[i].cells);
    free(t->rows);
}

/* ---- a network ---- */

/* "input", "hidden", "hidden 2", "output". */
static const char *layer_name(const bp_lesson *l, int layer, char *buf,
                              size_t size)
{
    if (layer == 0)
        snprintf(buf, size, "input");
    else if (layer == l->n_layers - 1)
        snprintf(buf, size, "output");
    else if (l->n_layers == 3)
        snprintf(buf, size, "hidden");
    else
        snprintf(buf, size, "hidden %d", layer);
    return buf;
}

static void print_shape(ctx *c)
{
    const bp_lesson *l = c->l;
    char name[32];
    fprintf(c->out, "Network: ");
    for (int i = 0; i < l->n_layers; i++)
        fprintf(c->out, "%s%d", i ? "-" : "", l->layers[i].count);
    for (int i = 1; i < l->n_layers; i++)
        fprintf(c->out, "%s%s: %s", i == 1 ? " (" : ", ",
                layer_name(l, i, name, sizeof name),
                bp_activation_name(l->layers[i].activation));
    fprintf(c->out, "%s\n", l->n_layers > 1 ? ")" : "");
    if (l->n_weights > 0) {
        char sym[CELL_MAX];
        const bp_weight *w = &l->weights[0];
        weight_symbol(c, 0, sym, sizeof sym);
        fprintf(c->out, "Notation: %s is the weight from %s to %s\n", sym,
                l->units[w->from].label, l->units[w->to].label);
    }
}

static bool any_fixed(const bp_lesson *l)
{
    for (int i = 0; i < l->n_weights; i++)
        if (l->weights[i].fixed)
            return true;
    for (int i = 0; i < l->n_units; i++)
        if (l->units[i].has_bias && l->units[i].bias_fixed)
            return true;
    return false;
}

static bool network_givens(ctx *c, table *t)
{
    const bp_lesson *l = c->l;
    const bp_layer *in = &l->layers[0], *outl = &l->layers[l->n_layers - 1];
    char sym[CELL_MAX], num[64];

    table_row(t, in->count == 1 ? "input" : "inputs");
    for (int u = in->first; u < in->first + in->count; u++) {
        input_symbol(c, u, sym, sizeof sym);
        table_cell(t, sym, given(l->units[u].input, num, sizeof num), false);
    }
    table_row(t, outl->count == 1 ? "target" : "targets");
    for (int u = outl->first; u < outl->first + outl->count; u++) {
        target_symbol(c, u, sym, sizeof sym);
        table_cell(t, sym, given(l->units[u].target, num, sizeof num),
                   false);
    }
    row *r = table_row(t, "learning rate");
    table_cell(t, c->st->eta, given(l->eta, num, sizeof num), false);
    if (r)
        r->note = l->eta_note;

    /* Into each unit: its weights, then its bias, as net_j adds them. */
    for (int u = l->layers[1].first; u < l->n_units; u++) {
        char label[64];
        snprintf(label, sizeof label, "into %s", l->units[u].label);
        table_row(t, label);
        for (int i = 0; i < l->n_weights; i++) {
            const bp_weight *w = &l->weights[i];
            if (w->to != u)
                continue;
            weight_symbol(c, i, sym, sizeof sym);
            table_cell(t, sym, given(w->value, num, sizeof num), w->fixed);
        }
        const bp_unit *un = &l->units[u];
        if (un->has_bias) {
            bias_symbol(c, u, sym, sizeof sym);
            table_cell(t, sym, given(un->bias, num, sizeof num),
                       un->bias_fixed);
        }
    }
    return !t->failed;
}

/* The layers as columns of units, input on the left: each column centred
 * against the tallest, its units on every other line, as in Figure 3. */
static void print_columns(ctx *c)
{
    const bp_lesson *l = c->l;
    int tallest = 0, w[BP_MAX_LAYERS];
    char name[32];
    for (int i = 0; i < l->n_layers; i++) {
        const bp_layer *ly = &l->layers[i];
        if (ly->count > tallest)
            tallest = ly->count;
        w[i] = width(layer_name(l, i, name, sizeof name));
        if (i > 0 && width(bp_activation_name(ly->activation)) > w[i])
            w[i] = width(bp_activation_name(ly->activation));
        for (int u = ly->first; u < ly->first + ly->count; u++)
            if (width(l->units[u].label) > w[i])
                w[i] = width(l->units[u].label);
    }
    /* headings: the layer's name, then its activation */
    for (int line = 0; line < 2; line++) {
        int owed = 2; /* blanks not yet written: none at the end of a line */
        for (int i = 0; i < l->n_layers; i++) {
            const char *s =
                line == 0 ? layer_name(l, i, name, sizeof name)
                : i == 0  ? ""
                          : bp_activation_name(l->layers[i].activation);
            if (s[0]) {
                pad(c->out, owed);
                fputs(s, c->out);
                owed = 0;
            }
            owed += w[i] - width(s) + 4;
        }
        fputc('\n', c->out);
    }
    for (int line = 0; line < 2 * tallest - 1; line++) {
        int owed = 2;
        for (int i = 0; i < l->n_layers; i++) {
            const bp_layer *ly = &l->layers[i];
            int k = line - (tallest - ly->count); /* 2 * the unit's place */
            const char *s = "";
            if (k >= 0 && k % 2 == 0 && k / 2 < ly->count)
                s = l->units[ly->first + k / 2].label;
            if (s[0]) {
                pad(c->out, owed);
                fputs(s, c->out);
                owed = 0;
            }
            owed += w[i] - width(s) + 4;
        }
        fputc('\n', c->out);
    }
}

/* Every connection between two adjacent layers, grouped by the unit it goes
 * into:  x1 --(0.2)---> 4   w_14  */
static void print_connections(ctx *c, int layer)
{
    const bp_lesson *l = c->l;
    const bp_layer *to = &l->layers[layer], *from = &l->layers[layer - 1];
    char a[32], b[32];
    fprintf(c->out, "  %s %s %s\n", layer_name(l, layer - 1, a, sizeof a),
            c->st->arrow, layer_name(l, layer, b, sizeof b));

    int wfrom = 0, wvalue = 0, wto = 0;
    char num[64], sym[CELL_MAX];
    for (int i = 0; i < l->n_weights; i++) {
        const bp_weight *w = &l->weights[i];
        if (l->units[w->to].layer != layer)
            continue;
        if (width(l->units[w->from].label) > wfrom)
            wfrom = width(l->units[w->from].label);
        if (width(l->units[w->to].label) > wto)
            wto = width(l->units[w->to].label);
        if (width(given(w->value, num, sizeof num)) > wvalue)
            wvalue = width(num);
    }
    const char *dash = c->st->ascii ? "-" : "─";
    const char *head = c->st->ascii ? ">" : "→";
    for (int u = to->first; u < to->first + to->count; u++) {
        for (int f = from->first; f < from->first + from->count; f++) {
            int i = bp_lesson_find_weight(l, f, u);
            if (i < 0)
                continue;
            const bp_weight *w = &l->weights[i];
            given(w->value, num, sizeof num);
            fputs("    ", c->out);
            padded(c->out, l->units[f].label, wfrom);
            fprintf(c->out, " %s%s(%s)", dash, dash, num);
            for (int k = width(num); k < wvalue + 2; k++)
                fputs(dash, c->out);
            fprintf(c->out, "%s ", head);
            padded(c->out, l->units[u].label, wto + 3);
            weight_symbol(c, i, sym, sizeof sym);
            fprintf(c->out, "%s%s\n", sym, w->fixed ? " (fixed)" : "");
        }
    }
}

static int show_network(ctx *c)
{
    const bp_lesson *l = c->l;
    print_shape(c);

    fprintf(c->out, "\nGiven values\n");
    table t = {0};
    bool ok = network_givens(c, &t);
    if (ok)
        table_print(c, &t);
    table_free(&t);
    if (!ok)
        return -1;
    if (any_fixed(l))
        fprintf(c->out, "  * fixed: kept as given, not updated\n");

    fprintf(c->out, "\nNetwork (input on the left, output on the right)\n");
    print_columns(c);
    fprintf(c->out, "\nConnections, with their weights\n");
    for (int i = 1; i < l->n_layers; i++)
        print_connections(c, i);
    return 0;
}

/* ---- an exercise ---- */

/* One argument: o_k, w_kh*delta_k (w_kh·δₖ), t_1-o_1 ((t₁ - o₁)). */
static void add_arg(ctx *c, const bp_arg *a, sbuf *s)
{
    if (a->join == '-')
        sb_add(s, "(");
    add_name(c, a->a, s);
    if (a->join == '*') {
        sb_add(s, "%s", c->st->dot);
        add_name(c, a->b, s);
    } else if (a->join == '-') {
        sb_add(s, " - ");
        add_name(c, a->b, s);
        sb_add(s, ")");
    }
}

static void add_args(ctx *c, const bp_find *f, int first, const char *sep,
                     const char *after, sbuf *s)
{
    for (int i = first; i < f->n_args; i++) {
        if (i > first)
            sb_add(s, "%s", sep);
        add_arg(c, &f->args[i], s);
        sb_add(s, "%s", after);
    }
}

/* o(1 - o), written from the op's first argument. */
static void add_derivative(ctx *c, const bp_find *f, sbuf *s)
{
    if (f->n_args < 1)
        return;
    add_arg(c, &f->args[0], s);
    sb_add(s, "(1 - ");
    add_arg(c, &f->args[0], s);
    sb_add(s, ")");
}

/* What a step finds: "δₖ = oₖ(1 - oₖ)(tₖ - oₖ)". */
static void find_formula(ctx *c, const bp_find *f, sbuf *s)
{
    add_name(c, f->name, s);
    sb_add(s, " = ");
    switch (f->op) {
    case BP_OP_PRODUCT:
    case BP_OP_CHANGE:
        add_args(c, f, 0, c->st->dot, "", s);
        break;
    case BP_OP_NET:
    case BP_OP_TOTAL:
        add_args(c, f, 0, " + ", "", s);
        break;
    case BP_OP_SIGMOID:
        sb_add(s, "%s(", c->st->sigma);
        add_args(c, f, 0, ", ", "", s);
        sb_add(s, ")");
        break;
    case BP_OP_DERIVATIVE:
        add_derivative(c, f, s);
        break;
    case BP_OP_OUTPUT_DELTA:
        add_derivative(c, f, s);
        if (f->n_args >= 2) {
            sb_add(s, "(");
            add_arg(c, &f->args[1], s);
            sb_add(s, " - ");
            add_arg(c, &f->args[0], s);
            sb_add(s, ")");
        }
        break;
    case BP_OP_HIDDEN_DELTA:
        add_derivative(c, f, s);
        sb_add(s, "(");
        add_args(c, f, 1, " + ", "", s);
        sb_add(s, ")");
        break;
    case BP_OP_UPDATE:
        add_args(c, f, 0, " + ", "", s);
        break;
    case BP_OP_LOSS:
        sb_add(s, "%s[", c->st->half);
        add_args(c, f, 0, " + ", c->st->squared, s);
        sb_add(s, "]");
        break;
    default:
        assert(false);
    }
}

static void givens_row(ctx *c, table *t, const char *label,
                       const bp_given *g, int n)
{
    char sym[CELL_MAX], num[64];
    if (!n)
        return;
    table_row(t, label);
    for (int i = 0; i < n; i++) {
        name_of(c, g[i].name, sym, sizeof sym);
        table_cell(t, sym, given(g[i].value, num, sizeof num), false);
    }
}

static int show_exercise(ctx *c)
{
    const bp_exercise *x = c->l->exercise;
    table t = {0};
    givens_row(c, &t, x->n_cases ? "every case" : "given", x->given,
               x->n_given);
    for (int i = 0; i < x->n_cases; i++) {
        char label[64];
        snprintf(label, sizeof label, "case %s", x->cases[i].label);
        givens_row(c, &t, label, x->cases[i].given, x->cases[i].n_given);
    }
    for (int i = 0; i < x->n_steps; i++) {
        char label[64];
        snprintf(label, sizeof label, "step %d", i + 1);
        givens_row(c, &t, label, x->steps[i].given, x->steps[i].n_given);
    }
    if (t.failed) {
        table_free(&t);
        return -1;
    }
    fprintf(c->out, "\nGiven values\n");
    if (t.n)
        table_print(c, &t);
    else
        fprintf(c->out, "  (none)\n");
    table_free(&t);

    if (x->n_cases) {
        fprintf(c->out, "\nCases (the steps are worked for each)\n");
        for (int i = 0; i < x->n_cases; i++) {
            const bp_case *k = &x->cases[i];
            char first[64];
            snprintf(first, sizeof first, "  (%s) ", k->label);
            if (k->title)
                wrapped(c, first, "      ", k->title);
            else
                fprintf(c->out, "  (%s)\n", k->label);
        }
    }

    fprintf(c->out, "\nSteps\n");
    for (int i = 0; i < x->n_steps; i++) {
        const bp_step *st = &x->steps[i];
        if (st->title) /* "Step 1: Calculate ..." */
            wrapped(c, "  ", "  ", st->title);
        else
            fprintf(c->out, "  Step %d\n", i + 1);
        for (int j = 0; j < st->n_finds; j++) {
            char buf[4096];
            sbuf s;
            sb_init(&s, buf, sizeof buf);
            find_formula(c, &st->finds[j], &s);
            fprintf(c->out, "    finds %s\n", buf);
        }
    }
    return 0;
}

int bp_render_show(const bp_lesson *lesson, bool ascii, FILE *out)
{
    ctx c = {lesson, bp_style_get(ascii), out};
    print_header(&c);
    int rc = 0;
    if (lesson->n_layers > 0) {
        fputc('\n', out);
        rc = show_network(&c);
    } else if (lesson->exercise) {
        rc = show_exercise(&c);
    }
    return rc || ferror(out) ? -1 : 0;
}
