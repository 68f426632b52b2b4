/* render_text.c: the trace as the lecture writes it, in plain text.
 *
 * Lays out the events of the walk (walk.c): quantities a student writes on
 * a line of their own (net, o, E, delta, new weights, the comparison) get a
 * derivation: the formula, the numbers substituted, the arithmetic, the
 * result.  The others (products, e^-net, o(1-o), sums, Delta w) appear
 * inside the derivation that uses them.  An exercise is laid out step by
 * step, then the table of its cases.
 */
#include "bptrace/render.h"
#include "render/text.h"
#include "write/walk.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define NUM TEXT_NUM

/* "  Inputs: x₁ = 1, x₂ = 0" for a network; "  Given: x₁ = 0.5, ..." for
 * an exercise's step or case, and "  x₁ = 0.5" under a Given heading. */
static void print_givens(bp_text *c, const bp_walk_event *e)
{
    char sym[TEXT_CELL], num[NUM];
    const char *sep = e->label ? ":" : "";
    if (e->label)
        fprintf(c->out, "  %s", e->label);
    else
        fputs(e->step < 0 && e->case_index < 0 ? "  " : "  Given: ", c->out);
    for (int i = 0; i < e->n_items; i++) {
        text_symbol(c, e->items[i], sym, sizeof sym);
        fputs(sep, c->out);
        fputs(e->label ? " " : "", c->out);
        fputs(sym, c->out);
        fputs(" = ", c->out);
        fputs(text_val(c, e->items[i], num), c->out);
        sep = e->label ? "," : ", ";
    }
    fputc('\n', c->out);
}

/* The heading of a part; the weight updates say their rule, and the
 * verification what it is. */
static void part_heading(bp_text *c, bp_phase phase)
{
    char eta[NUM];
    text_heading(c, bp_walk_part_title(phase));
    if (phase == BP_PHASE_UPDATE)
        fprintf(c->out, "  w(new) = w + %s, where %s = %s%sx with %s = %s\n",
                c->st->ascii ? "Delta w" : "Δw",
                c->st->ascii ? "Delta w" : "Δw", c->st->eta,
                c->st->ascii ? "*delta*" : "δ", c->st->eta,
                bp_format(eta, sizeof eta, c->l->eta,
                          (bp_precision){BP_ROUND_NONE, 0}));
    else if (phase == BP_PHASE_VERIFY)
        fprintf(c->out, "  A forward pass with the updated weights:\n");
}

static void unit_heading(bp_text *c, int unit)
{
    char title[TEXT_CELL];
    fprintf(c->out, "%s:\n", bp_walk_unit_title(c->l, unit, title,
                                                sizeof title));
}

static void print_explanation(bp_text *c, const bp_walk_event *e)
{
    char text[4096]; /* sentences with a few symbols */
    bp_str s;
    bp_writer w = text_writer(c);
    bp_str_init(&s, text, sizeof text);
    if (bp_explain(&w, e->q, e->part, "", "", &s))
        text_wrapped(c, "  Interpretation: ", "    ", text);
}

static void print_erratum(bp_text *c, const bp_walk_event *e)
{
    char sym[256];
    text_symbol(c, e->q, sym, sizeof sym);
    fprintf(c->out, "  Erratum: the lecture prints %s = %s here; see "
                    "\"Errata in the lecture\" below.\n",
            sym, e->erratum->printed);
}

/* A key's cell for q: [in brackets] where q was a blank on the worksheet,
 * as the end of its derivation is (LaTeX and Markdown make it bold). */
static void mark_cell(const bp_text *c, const bp_quantity *q, char *cell)
{
    if (!c->marks || !c->marks[q - c->t->q])
        return;
    char plain[TEXT_CELL];
    snprintf(plain, sizeof plain, "%s", cell);
    snprintf(cell, TEXT_CELL, "[%.*s]", TEXT_CELL - 3, plain);
}

/* A table's cells, each kept as long as its text: a row is made in
 * buffers of TEXT_CELL bytes, then copied here (a table of a hundred rows
 * would otherwise touch 800 KB). */
typedef struct {
    char *text;
    size_t used, cap;
    size_t *at;       /* cell i's text at text + at[i] */
    int n, cols;
} cell_pool;

static bool pool_init(cell_pool *p, int rows, int cols)
{
    p->text = NULL;
    p->used = p->cap = 0;
    p->n = 0;
    p->cols = cols;
    p->at = malloc((size_t)rows * (size_t)cols * sizeof *p->at);
    return p->at != NULL;
}

static bool pool_keep(cell_pool *p, const char *cell)
{
    size_t len = strlen(cell) + 1;
    if (p->cap - p->used < len) {
        size_t cap = p->cap ? 2 * p->cap : 4096;
        while (cap - p->used < len)
            cap *= 2;
        char *text = realloc(p->text, cap);
        if (!text)
            return false;
        p->text = text;
        p->cap = cap;
    }
    memcpy(p->text + p->used, cell, len);
    p->at[p->n++] = p->used;
    p->used += len;
    return true;
}

static bool pool_keep_row(cell_pool *p, char cell[][TEXT_CELL])
{
    for (int j = 0; j < p->cols; j++)
        if (!pool_keep(p, cell[j]))
            return false;
    return true;
}

/* The pool's cells as a grid of its rows. */
static bp_status pool_grid(bp_text *c, cell_pool *p)
{
    const char **cells = malloc((size_t)p->n * sizeof *cells);
    if (!cells)
        return BP_ERR_NOMEM;
    for (int i = 0; i < p->n; i++)
        cells[i] = p->text + p->at[i];
    bp_status rc = text_grid(c, cells, p->n / p->cols, p->cols);
    free(cells);
    return rc;
}

static void pool_free(cell_pool *p)
{
    free(p->text);
    free(p->at);
}

/* The lecture's Table 2: each row's old value at the precision of the new
 * one, the new value and the change. */
static bp_status print_summary(bp_text *c, const bp_walk_event *e)
{
    cell_pool pool;
    char cell[4][TEXT_CELL] = {"Parameter", "Old", "New", "Change"};
    bool ok = pool_init(&pool, e->n_rows + 1, 4) && pool_keep_row(&pool, cell);
    for (int i = 0; ok && i < e->n_rows; i++) {
        const bp_walk_row *r = &e->rows[i];
        bp_str s;
        bp_str_init(&s, cell[0], TEXT_CELL);
        bp_str_put(&s, r->label);
        bp_formula_symbol(c->st, c->t, r->before, &s);
        text_cell(c, bp_quantity_value(r->before, c->nf.mode), r->after,
                  cell[1]);
        text_cell(c, bp_quantity_value(r->after, c->nf.mode), r->after,
                  cell[2]);
        if (r->change)
            text_signed_cell(c, r->change, cell[3]);
        else
            snprintf(cell[3], TEXT_CELL, "fixed");
        /* a worksheet's blanks stay blank in the table too */
        if (text_blank(c, r->before))
            snprintf(cell[1], TEXT_CELL, "%s", c->blank);
        if (text_blank(c, r->after))
            snprintf(cell[2], TEXT_CELL, "%s", c->blank);
        if (r->change && text_blank(c, r->change))
            snprintf(cell[3], TEXT_CELL, "%s", c->blank);
        mark_cell(c, r->before, cell[1]);
        mark_cell(c, r->after, cell[2]);
        if (r->change)
            mark_cell(c, r->change, cell[3]);
        ok = pool_keep_row(&pool, cell);
    }
    bp_status rc = BP_ERR_NOMEM;
    if (ok) {
        text_heading(c, "Summary");
        rc = pool_grid(c, &pool);
    }
    pool_free(&pool);
    return rc;
}

/* A sequential trace's numbers beside the correct path's: the
 * quantity, the student's (sequential) number, the correct one. */
static bp_status print_paths(bp_text *c, const bp_walk_event *e)
{
    cell_pool pool;
    char cell[3][TEXT_CELL] = {"Quantity", "Yours (sequential)", "Correct"};
    bool ok = pool_init(&pool, e->n_rows + 1, 3) && pool_keep_row(&pool, cell);
    for (int i = 0; ok && i < e->n_rows; i++) {
        const bp_walk_row *r = &e->rows[i];
        text_symbol(c, r->before, cell[0], TEXT_CELL);
        text_cell(c, bp_quantity_value(r->before, c->nf.mode), r->before,
                  cell[1]);
        text_cell(c, bp_quantity_value(r->after, c->nf.mode), r->after,
                  cell[2]);
        ok = pool_keep_row(&pool, cell);
    }
    bp_status rc = BP_ERR_NOMEM;
    if (ok) {
        text_heading(c, "The sequential path beside the correct one");
        text_wrapped(c, "  ", "  ",
                     e->n_rows ? bp_walk_paths_note : bp_walk_paths_none);
        rc = e->n_rows ? pool_grid(c, &pool) : BP_OK;
    }
    pool_free(&pool);
    return rc;
}

/* The lecture's comparison table: one row per case, a column per name
 * the lesson lists, then the cases' notes. */
static bp_status print_table(bp_text *c, const char *notes)
{
    const bp_exercise *ex = c->l->exercise;
    int cols = ex->n_table + (notes ? 1 : 0);
    int n = ex->n_cases + 1;
    char *text = calloc((size_t)n * (size_t)cols, TEXT_CELL);
    const char **cells = calloc((size_t)n * (size_t)cols, sizeof *cells);
    if (!text || !cells) {
        free(text);
        free(cells);
        return BP_ERR_NOMEM;
    }
    for (int i = 0; i < n * cols; i++)
        cells[i] = text + (size_t)i * TEXT_CELL;
    for (int j = 0; j < cols; j++) {
        bp_str s;
        bp_str_init(&s, text + (size_t)j * TEXT_CELL, TEXT_CELL);
        if (j < ex->n_table)
            bp_formula_display(c->st, ex->table[j], &s);
        else
            bp_str_put(&s, notes);
    }
    for (int k = 0; k < ex->n_cases; k++) {
        for (int j = 0; j < cols; j++) {
            bp_str s;
            bp_str_init(&s, text + (size_t)((k + 1) * cols + j) * TEXT_CELL,
                        TEXT_CELL);
            char num[NUM];
            if (j >= ex->n_table) {
                bp_str_put(&s, ex->cases[k].note ? ex->cases[k].note : "");
                continue;
            }
            const bp_quantity *q = bp_walk_table_value(c->t, j, k);
            bp_str_put(&s, !q                  ? "-"
                           : text_blank(c, q) ? c->blank
                                              : text_val(c, q, num));
        }
    }
    text_heading(c, "Comparison");
    bp_status rc = text_grid(c, cells, n, cols);
    free(cells);
    free(text);
    return rc;
}

bp_status text_on_event(const bp_walk_event *e, void *ctx)
{
    bp_text *c = ctx;
    char title[BP_LABEL_MAX + 8];
    switch (e->kind) {
    case BP_WALK_HEADER:
        text_header(c, e->text);
        break;
    case BP_WALK_WARNING:
        text_wrapped(c, "", "",
                     "WARNING: this trace makes the sequential-update "
                     "mistake on purpose. Each layer's weights are updated "
                     "before the error terms of the layer below are "
                     "computed, so those use the new weights. The lecture "
                     "computes every delta before any weight changes: "
                     "each number this changes is set beside the correct "
                     "one at the end.");
        break;
    case BP_WALK_GIVEN_HEADING:
        text_heading(c, "Given");
        break;
    case BP_WALK_GIVENS:
        print_givens(c, e);
        break;
    case BP_WALK_GIVEN_NOTE:
        text_wrapped(c, "    ", "    ", e->text);
        break;
    case BP_WALK_FIGURE:
        if (c->figure)
            text_figure(c);
        break;
    case BP_WALK_PART:
        part_heading(c, e->phase);
        break;
    case BP_WALK_UNIT:
        unit_heading(c, e->unit);
        break;
    case BP_WALK_CASE:
        text_heading(c, bp_walk_case_title(c->l, e->case_index, title,
                                           sizeof title));
        break;
    case BP_WALK_STEP:
        text_heading(c, c->l->exercise->steps[e->step].title);
        break;
    case BP_WALK_DERIVATION:
        text_chain(c, e->chain, e->compact);
        break;
    case BP_WALK_EXPLAIN:
        print_explanation(c, e);
        break;
    case BP_WALK_ERRATUM:
        print_erratum(c, e);
        break;
    case BP_WALK_STEP_NOTE:
        text_wrapped(c, "  Interpretation: ", "    ", e->text);
        break;
    case BP_WALK_SUMMARY:
        return print_summary(c, e);
    case BP_WALK_TABLE:
        return print_table(c, e->text);
    case BP_WALK_CLOSING:
        fputc('\n', c->out);
        text_wrapped(c, "Interpretation: ", "  ", e->text);
        break;
    case BP_WALK_ERRATA:
        text_errata(c);
        break;
    case BP_WALK_PATHS:
        return print_paths(c, e);
    case BP_WALK_KIND_COUNT:
        assert(false);
    }
    return BP_OK;
}

bp_status bp_render_text(const bp_trace *t, const bp_render_options *opt,
                         FILE *out)
{
    bp_text c;
    text_init(&c, t, opt, out);
    bp_writer w = text_writer(&c);
    bp_status rc = bp_walk(t, &(bp_walk_options){&w, false}, text_on_event,
                           &c);
    if (rc)
        return rc;
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
