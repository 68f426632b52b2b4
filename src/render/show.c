/* render_show.c: a lesson at a glance, before the derivation starts.
 *
 * The title and source; for a network, the given values as a table and the
 * network drawn as the lecture's Figure 3 draws it (layers as columns of
 * units, input left, output right), then every connection with its weight;
 * for an exercise, the given values and what each step finds.  It only
 * writes down what the lesson gives: nothing here computes.
 */
#include "bptrace/render.h"
#include "render/text.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define LINE_WIDTH TEXT_LINE
#define CELL_MAX (2 * BP_NAME_MAX + 64)

typedef struct {
    const bp_lesson *l;
    const bp_style *st;
    FILE *out;
} ctx;

/* s and spaces up to w columns. */
static void padded(FILE *out, const char *s, int w)
{
    fputs(s, out);
    text_pad(out, w - text_width(s));
}

/* ---- strings ---- */

/* A name as the style writes it: "delta_k" -> δₖ, "x_1*w_1" -> x₁·w₁. */
static void add_name(ctx *c, const char *name, bp_str *s)
{
    bp_formula_display(c->st, name, s);
}

static void name_of(ctx *c, const char *name, char *buf, size_t size)
{
    bp_str s;
    bp_str_init(&s, buf, size);
    add_name(c, name, &s);
}

/* ---- symbols of a network's givens ---- */

typedef void (*symbol_of)(const bp_lesson *, int, bp_symbol *);

/* x₁, t₆, w₄₆, b₄: a unit's or a parameter's symbol, written. */
static void symbol(ctx *c, symbol_of which, int i, char *buf, size_t size)
{
    bp_symbol sym;
    bp_str s;
    which(c->l, i, &sym);
    bp_str_init(&s, buf, size);
    bp_symbol_write(c->st, &sym, &s);
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
    if (l->source)
        text_wrap(c->out, "Source: ", "        ", l->source);
    if (l->section)
        fprintf(c->out, "Section: %s\n", l->section);
    if (l->description)
        text_wrap(c->out, "", "", l->description);
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
    bp_str cell; /* cut short, not overflowing, past CELL_MAX */
    bp_str_init(&cell, r->cells[r->n++], CELL_MAX);
    bp_str_add(&cell, "%s = %s%s", symbol, value, fixed ? "*" : "");
}

static int cells_width(const row *r)
{
    int w = 1;
    for (int j = 0; j < r->n; j++)
        if (text_width(r->cells[j]) > w)
            w = text_width(r->cells[j]);
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
        if (text_width(t->rows[i].label) > wlabel)
            wlabel = text_width(t->rows[i].label);
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
        text_pad(c->out, 2);
        padded(c->out, r->label, wlabel + 2);
        for (int j = 0; j < r->n; j++) {
            if (j && j % per_line == 0) {
                fputc('\n', c->out);
                text_pad(c->out, indent);
            }
            if ((j + 1) % per_line == 0 || j + 1 == r->n)
                fputs(r->cells[j], c->out); /* no trailing blanks */
            else
                padded(c->out, r->cells[j], w + 2);
        }
        fputc('\n', c->out);
        if (r->note)
            text_wrap(c->out, "    ", "    ", r->note);
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
    if (l->loss != BP_LOSS_SQUARED) /* squared, the lecture's, goes unsaid */
        fprintf(c->out, "Loss: %s\n", bp_loss_name(l->loss));
    if (l->n_weights > 0) {
        char sym[CELL_MAX];
        const bp_weight *w = &l->weights[0];
        symbol(c, bp_symbol_weight, 0, sym, sizeof sym);
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
        symbol(c, bp_symbol_output, u, sym, sizeof sym);
        table_cell(t, sym, given(l->units[u].input, num, sizeof num), false);
    }
    table_row(t, outl->count == 1 ? "target" : "targets");
    for (int u = outl->first; u < outl->first + outl->count; u++) {
        symbol(c, bp_symbol_target, u, sym, sizeof sym);
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
            symbol(c, bp_symbol_weight, i, sym, sizeof sym);
            table_cell(t, sym, given(w->value, num, sizeof num), w->fixed);
        }
        const bp_unit *un = &l->units[u];
        if (un->has_bias) {
            symbol(c, bp_symbol_bias, u, sym, sizeof sym);
            table_cell(t, sym, given(un->bias, num, sizeof num),
                       un->bias_fixed);
        }
    }
    return !t->failed;
}

/* One cell of the layers' picture: s after the blanks still owed (those
 * at the end of a line are never written), in a column w wide, 4 apart. */
static void put_column(FILE *out, const char *s, int w, int *owed)
{
    if (s[0]) {
        text_pad(out, *owed);
        fputs(s, out);
        *owed = 0;
    }
    *owed += w - text_width(s) + 4;
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
        w[i] = text_width(layer_name(l, i, name, sizeof name));
        if (i > 0 && text_width(bp_activation_name(ly->activation)) > w[i])
            w[i] = text_width(bp_activation_name(ly->activation));
        for (int u = ly->first; u < ly->first + ly->count; u++)
            if (text_width(l->units[u].label) > w[i])
                w[i] = text_width(l->units[u].label);
    }
    /* headings: the layer's name, then its activation */
    for (int line = 0; line < 2; line++) {
        int owed = 2; /* blanks not yet written: none at the end of a line */
        for (int i = 0; i < l->n_layers; i++) {
            const char *s =
                line == 0 ? layer_name(l, i, name, sizeof name)
                : i == 0  ? ""
                          : bp_activation_name(l->layers[i].activation);
            put_column(c->out, s, w[i], &owed);
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
            put_column(c->out, s, w[i], &owed);
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
        if (text_width(l->units[w->from].label) > wfrom)
            wfrom = text_width(l->units[w->from].label);
        if (text_width(l->units[w->to].label) > wto)
            wto = text_width(l->units[w->to].label);
        if (text_width(given(w->value, num, sizeof num)) > wvalue)
            wvalue = text_width(num);
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
            for (int k = text_width(num); k < wvalue + 2; k++)
                fputs(dash, c->out);
            fprintf(c->out, "%s ", head);
            padded(c->out, l->units[u].label, wto + 3);
            symbol(c, bp_symbol_weight, i, sym, sizeof sym);
            fprintf(c->out, "%s%s\n", sym, w->fixed ? " (fixed)" : "");
        }
    }
}

/* The network drawn, then its connections: the lecture's Figure 3. */
static void print_figure(ctx *c)
{
    fprintf(c->out, "\nNetwork (input on the left, output on the right)\n");
    print_columns(c);
    fprintf(c->out, "\nConnections, with their weights\n");
    for (int i = 1; i < c->l->n_layers; i++)
        print_connections(c, i);
}

static bp_status show_network(ctx *c)
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
        return BP_ERR_NOMEM;
    if (any_fixed(l))
        fprintf(c->out, "  * fixed: kept as given, not updated\n");

    print_figure(c);
    return BP_OK;
}

void text_figure(bp_text *t)
{
    ctx c = {t->l, t->st, t->out};
    print_figure(&c);
}

/* ---- an exercise ---- */

/* One argument: o_k, w_kh*delta_k (w_kh·δₖ), t_1-o_1 ((t₁ - o₁)). */
static void add_arg(ctx *c, const bp_arg *a, bp_str *s)
{
    if (a->join == '-')
        bp_str_put(s, "(");
    add_name(c, a->a, s);
    if (a->join == '*') {
        bp_str_put(s, c->st->dot);
        add_name(c, a->b, s);
    } else if (a->join == '-') {
        bp_str_put(s, " - ");
        add_name(c, a->b, s);
        bp_str_put(s, ")");
    }
}

static void add_args(ctx *c, const bp_find *f, int first, const char *sep,
                     const char *after, bp_str *s)
{
    for (int i = first; i < f->n_args; i++) {
        if (i > first)
            bp_str_put(s, sep);
        add_arg(c, &f->args[i], s);
        bp_str_put(s, after);
    }
}

/* o(1 - o), written from the op's first argument. */
static void add_derivative(ctx *c, const bp_find *f, bp_str *s)
{
    if (f->n_args < 1)
        return;
    add_arg(c, &f->args[0], s);
    bp_str_put(s, "(1 - ");
    add_arg(c, &f->args[0], s);
    bp_str_put(s, ")");
}

/* What a step finds: "δₖ = oₖ(1 - oₖ)(tₖ - oₖ)". */
static void find_formula(ctx *c, const bp_find *f, bp_str *s)
{
    add_name(c, f->name, s);
    bp_str_put(s, " = ");
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
        bp_str_add(s, "%s(", c->st->sigma);
        add_args(c, f, 0, ", ", "", s);
        bp_str_put(s, ")");
        break;
    case BP_OP_DERIVATIVE:
        add_derivative(c, f, s);
        break;
    case BP_OP_OUTPUT_DELTA:
        add_derivative(c, f, s);
        if (f->n_args >= 2) {
            bp_str_put(s, "(");
            add_arg(c, &f->args[1], s);
            bp_str_put(s, " - ");
            add_arg(c, &f->args[0], s);
            bp_str_put(s, ")");
        }
        break;
    case BP_OP_HIDDEN_DELTA:
        add_derivative(c, f, s);
        bp_str_put(s, "(");
        add_args(c, f, 1, " + ", "", s);
        bp_str_put(s, ")");
        break;
    case BP_OP_UPDATE:
        add_args(c, f, 0, " + ", "", s);
        break;
    case BP_OP_LOSS:
        bp_str_add(s, "%s[", c->st->half);
        add_args(c, f, 0, " + ", c->st->squared, s);
        bp_str_put(s, "]");
        break;
    case BP_OP_COUNT:
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

static bp_status show_exercise(ctx *c)
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
        return BP_ERR_NOMEM;
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
                text_wrap(c->out, first, "      ", k->title);
            else
                fprintf(c->out, "  (%s)\n", k->label);
        }
    }

    fprintf(c->out, "\nSteps\n");
    for (int i = 0; i < x->n_steps; i++) {
        const bp_step *st = &x->steps[i];
        if (st->title) /* "Step 1: Calculate ..." */
            text_wrap(c->out, "  ", "  ", st->title);
        else
            fprintf(c->out, "  Step %d\n", i + 1);
        for (int j = 0; j < st->n_finds; j++) {
            char buf[4096];
            bp_str s;
            bp_str_init(&s, buf, sizeof buf);
            find_formula(c, &st->finds[j], &s);
            fprintf(c->out, "    finds %s\n", buf);
        }
    }
    return BP_OK;
}

bp_status bp_render_show(const bp_lesson *lesson, bool ascii, FILE *out)
{
    ctx c = {lesson, bp_style_get(ascii), out};
    print_header(&c);
    bp_status rc = BP_OK;
    if (lesson->n_layers > 0) {
        fputc('\n', out);
        rc = show_network(&c);
    } else if (lesson->exercise) {
        rc = show_exercise(&c);
    }
    return rc ? rc : ferror(out) ? BP_ERR_IO : BP_OK;
}
