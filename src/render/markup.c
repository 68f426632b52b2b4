/* markup.c: the walk's events laid out in a markup format (markup.h):
 * what LaTeX and Markdown share, each string and escape from the
 * format's table. */
#include "bptrace/render.h"
#include "render/markup.h"

#include <assert.h>
#include <string.h>

void tex_given(bp_text *c, const bp_quantity *q, FILE *out)
{
    char sym[TEXT_CELL], num[TEXT_NUM];
    text_symbol(c, q, sym, sizeof sym);
    fprintf(out, "%s = %s", sym,
            text_blank(c, q) ? c->blank : text_val(c, q, num));
}

/* A key's cell for q: bold where q was a blank on the worksheet, so that
 * a grader finds the answers at a glance; `text` rewritten in place. */
static const char *marked_cell(const bp_text *c, const bp_quantity *q,
                               char *text)
{
    if (!c->marks || !c->marks[q - c->t->q])
        return text;
    char plain[TEXT_CELL];
    snprintf(plain, sizeof plain, "%s", text);
    snprintf(text, TEXT_CELL, "\\mathbf{%.*s}", TEXT_CELL - 16, plain);
    return text;
}

void bp_markup_chain(FILE *out, const bp_chain *ch, bool compact,
                     const bp_chain_form *form)
{
    if (ch->labelled)
        fprintf(out, form->labelled, ch->lhs, ch->step[0]);
    else
        fprintf(out, form->unlabelled, ch->lhs, ch->step[0]);
    for (int i = 1; i < ch->n; i++) {
        if (bp_chain_repeats(ch, i))
            continue;
        if (compact || ch->labelled)
            fprintf(out, " = %s", ch->step[i]);
        else
            fprintf(out, form->row, ch->step[i]);
    }
}

/* The rows of an aligned derivation: "lhs &= step \\ &= step ...", or
 * compact on one row. */
static const bp_chain_form tex_rows = {
    .labelled = "  \\text{%s:}\\quad %s",
    .unlabelled = "  %s &= %s",
    .row = " \\\\\n  &= %s",
};

/* open, the text escaped, close. */
static void marked(const bp_tex *x, const char *open, const char *text,
                   const char *close)
{
    fputs(open, x->c.out);
    x->m->escape(x->c.out, text);
    fputs(close, x->c.out);
}

static void heading(const bp_tex *x, int level, const char *text)
{
    marked(x, x->m->heading_open[level - 2], text, x->m->heading_close);
}

static void header(bp_tex *x, const char *description)
{
    const bp_markup *m = x->m;
    const bp_lesson *l = x->c.l;
    char profile[1024];
    if (!x->fragment && x->paper && m->sheet_preamble)
        fprintf(x->c.out, m->sheet_preamble, x->paper);
    else if (!x->fragment)
        fputs(m->preamble, x->c.out);
    marked(x, m->title_open, l->title, m->source_open);
    marked(x, "", l->source, m->source_close);
    if (description)
        marked(x, m->description_open, description, m->description_close);
    marked(x, m->numbers_open, text_numbers(&x->c, profile, sizeof profile),
           m->numbers_close);
}

static void givens(bp_tex *x, const bp_walk_event *e)
{
    FILE *out = x->c.out;
    bool scoped = e->step >= 0 || e->case_index >= 0;
    fputs(scoped ? x->m->scoped_givens_open : x->m->givens_open, out);
    if (e->label)
        marked(x, "", e->label, ": ");
    else if (scoped)
        fputs("Given: ", out);
    for (int i = 0; i < e->n_items; i++) {
        fputs(i ? ", $" : "$", out);
        tex_given(&x->c, e->items[i], out);
        fputs("$", out);
    }
    fputs(x->m->givens_close, out);
}

static void part(bp_tex *x, bp_phase phase)
{
    const bp_markup *m = x->m;
    FILE *out = x->c.out;
    char eta[TEXT_NUM];
    heading(x, 2, bp_walk_part_title(phase));
    if (phase == BP_PHASE_UPDATE)
        fprintf(out, "%s$w^{(\\mathrm{new})} = w + \\Delta w$, where "
                     "$\\Delta w = \\eta\\delta x$ with $\\eta = %s$.%s",
                m->para_open,
                bp_format(eta, sizeof eta, x->c.l->eta,
                          (bp_precision){BP_ROUND_NONE, 0}),
                m->para_close);
    else if (phase == BP_PHASE_VERIFY)
        fprintf(out, "%sA forward pass with the updated weights:%s",
                m->para_open, m->para_close);
}

static void interpretation(bp_tex *x, const char *text, bool escape)
{
    fputs(x->m->interpretation_open, x->c.out);
    if (escape)
        x->m->escape(x->c.out, text);
    else
        fputs(text, x->c.out);
    fputs(x->m->para_close, x->c.out);
}

static void explain(bp_tex *x, const bp_walk_event *e)
{
    char text[4096];
    bp_str s;
    bp_writer w = text_writer(&x->c);
    bp_str_init(&s, text, sizeof text);
    if (bp_explain(&w, e->q, e->part, "$", "$", &s))
        interpretation(x, text, false);
}

/* ---- tables ---- */

static int align_of(char a)
{
    return a == 'l' ? MARKUP_LEFT : a == 'r' ? MARKUP_RIGHT
                                             : MARKUP_PARAGRAPH;
}

/* A table with a column per letter of `aligns` (l, r, p) begins. */
static void table_open(const bp_tex *x, const char *aligns)
{
    fputs(x->m->table_open, x->c.out);
    for (const char *a = aligns; *a; a++)
        fputs(x->m->col[align_of(*a)], x->c.out);
    fputs(x->m->table_open_close, x->c.out);
}

/* The rule under the header row. */
static void table_rule(const bp_tex *x, const char *aligns)
{
    fputs(x->m->rule_open, x->c.out);
    for (const char *a = aligns; *a; a++)
        fputs(x->m->rule[align_of(*a)], x->c.out);
    fputs(x->m->rule_close, x->c.out);
}

/* Before cell j of a row (the row's opening before the first). */
static void cell(const bp_tex *x, int j)
{
    if (!j)
        fputs(x->m->row_open, x->c.out);
    fputs(j ? x->m->cell_sep : x->m->cell_first, x->c.out);
}

static void cell_end(const bp_tex *x)
{
    fputs(x->m->cell_close, x->c.out);
}

/* Math in a table cell, with the format's stand-in for a bar. */
static void cell_math(const bp_tex *x, const char *tex)
{
    FILE *out = x->c.out;
    fputc('$', out);
    for (const char *p = tex; *p; p++) {
        if (*p == '|' && x->m->bar)
            fputs(x->m->bar, out);
        else
            fputc(*p, out);
    }
    fputc('$', out);
}

/* A table of columns `aligns`: its opening and header row `heads`. */
static void table_start(const bp_tex *x, const char *aligns,
                        const char *const *heads)
{
    table_open(x, aligns);
    for (int j = 0; aligns[j]; j++) {
        cell(x, j);
        fputs(heads[j], x->c.out);
        cell_end(x);
    }
    fputs(x->m->row_close, x->c.out);
    table_rule(x, aligns);
}

/* Before row i (i > 0) of a table that table_start began: where a page of
 * rows is full (table_page_rows), the table closed and begun again, so
 * that a long table breaks across pages, its header on each. */
static void table_page(const bp_tex *x, int i, const char *aligns,
                       const char *const *heads)
{
    int page = x->m->table_page_rows;
    if (i == 0 || page == 0 || i % page != 0)
        return;
    fputs(x->m->table_close, x->c.out);
    table_start(x, aligns, heads);
}

/* Column j of a summary row: q's number, with every digit of the
 * precision of `as` (the new value), or its blank. */
static void number_cell(bp_tex *x, int j, const bp_quantity *q,
                        const bp_quantity *as)
{
    bp_text *c = &x->c;
    char text[TEXT_CELL];
    cell(x, j);
    text_cell(c, bp_quantity_value(q, c->nf.mode), as, text);
    cell_math(x, text_blank(c, q) ? c->blank : marked_cell(c, q, text));
    cell_end(x);
}

static void summary(bp_tex *x, const bp_walk_event *e)
{
    static const char *const heads[] = {"Parameter", "Old", "New", "Change"};
    bp_text *c = &x->c;
    FILE *out = c->out;
    char cell_text[TEXT_CELL], sym[TEXT_CELL];
    heading(x, 2, "Summary");
    table_start(x, "lrrr", heads);
    for (int i = 0; i < e->n_rows; i++) {
        const bp_walk_row *r = &e->rows[i];
        table_page(x, i, "lrrr", heads);
        cell(x, 0);
        x->m->escape(out, r->label);
        text_symbol(c, r->before, sym, sizeof sym);
        cell_math(x, sym);
        cell_end(x);
        number_cell(x, 1, r->before, r->after);
        number_cell(x, 2, r->after, r->after);
        cell(x, 3);
        if (!r->change)
            fputs("fixed", out);
        else if (text_blank(c, r->change))
            cell_math(x, c->blank);
        else
            cell_math(x, (text_signed_cell(c, r->change, cell_text),
                          marked_cell(c, r->change, cell_text)));
        cell_end(x);
        fputs(x->m->row_close, out);
    }
    fputs(x->m->table_close, out);
}

/* A sequential trace's numbers beside the correct path's. */
static void paths(bp_tex *x, const bp_walk_event *e)
{
    static const char *const heads[] = {"Quantity", "Yours (sequential)",
                                        "Correct"};
    bp_text *c = &x->c;
    FILE *out = c->out;
    char cell_text[TEXT_CELL], sym[TEXT_CELL];
    heading(x, 2, "The sequential path beside the correct one");
    marked(x, x->m->para_open,
           e->n_rows ? bp_walk_paths_note : bp_walk_paths_none,
           x->m->para_close);
    if (!e->n_rows)
        return;
    table_start(x, "lrr", heads);
    for (int i = 0; i < e->n_rows; i++) {
        const bp_walk_row *r = &e->rows[i];
        table_page(x, i, "lrr", heads);
        cell(x, 0);
        text_symbol(c, r->before, sym, sizeof sym);
        cell_math(x, sym);
        cell_end(x);
        const bp_quantity *q[2] = {r->before, r->after};
        for (int k = 0; k < 2; k++) {
            cell(x, k + 1);
            text_cell(c, bp_quantity_value(q[k], c->nf.mode), q[k],
                      cell_text);
            cell_math(x, cell_text);
            cell_end(x);
        }
        fputs(x->m->row_close, out);
    }
    fputs(x->m->table_close, out);
}

/* An exercise's comparison of its cases: a column per quantity of its
 * table, and the cases' notes. */
static void table(bp_tex *x, const char *notes)
{
    bp_text *c = &x->c;
    FILE *out = c->out;
    const bp_exercise *ex = c->l->exercise;
    char cell_text[TEXT_CELL];
    char aligns[2 * 64 + 2] = "";
    int n = 0;
    for (int j = 0; j < ex->n_table && n < (int)sizeof aligns - 2; j++)
        aligns[n++] = 'r';
    if (notes)
        aligns[n++] = 'p';
    aligns[n] = '\0';
    heading(x, 2, "Comparison");
    table_open(x, aligns);
    for (int j = 0; j < ex->n_table; j++) {
        bp_str s;
        bp_str_init(&s, cell_text, sizeof cell_text);
        bp_formula_display(c->st, ex->table[j], &s);
        cell(x, j);
        cell_math(x, cell_text);
        cell_end(x);
    }
    if (notes) {
        cell(x, ex->n_table);
        x->m->escape(out, notes);
        cell_end(x);
    }
    fputs(x->m->row_close, out);
    table_rule(x, aligns);
    for (int k = 0; k < ex->n_cases; k++) {
        for (int j = 0; j < ex->n_table; j++) {
            const bp_quantity *q = bp_walk_table_value(c->t, j, k);
            cell(x, j);
            cell_math(x, !q                  ? "-"
                         : text_blank(c, q) ? c->blank
                                            : text_val(c, q, cell_text));
            cell_end(x);
        }
        if (notes) {
            cell(x, ex->n_table);
            if (ex->cases[k].note)
                x->m->escape(out, ex->cases[k].note);
            cell_end(x);
        }
        fputs(x->m->row_close, out);
    }
    fputs(x->m->table_close, out);
}

static void errata(bp_tex *x)
{
    FILE *out = x->c.out;
    heading(x, 2, "Errata in the lecture");
    fputs(x->m->list_open, out);
    for (int i = 0; i < x->c.l->n_errata; i++) {
        const bp_erratum *e = &x->c.l->errata[i];
        /* the quantity in math as the derivations write it */
        const bp_quantity *q = bp_trace_find(x->c.t, e->name);
        char sym[TEXT_CELL];
        if (q) {
            text_symbol(&x->c, q, sym, sizeof sym);
            fprintf(out, "%s$%s$: the lecture prints ", x->m->item_open,
                    sym);
        } else
            marked(x, x->m->item_open, e->name, ": the lecture prints ");
        marked(x, "", e->printed, ", correct is ");
        marked(x, "", e->correct, ". ");
        marked(x, "", e->why, "\n");
    }
    fputs(x->m->list_close, out);
}

bp_status markup_on_event(const bp_walk_event *e, void *ctx)
{
    bp_tex *x = ctx;
    const bp_markup *m = x->m;
    bp_text *c = &x->c;
    FILE *out = c->out;
    char buf[TEXT_CELL];
    switch (e->kind) {
    case BP_WALK_HEADER:
        header(x, e->text);
        break;
    case BP_WALK_WARNING:
        fputs(m->warning, out);
        break;
    case BP_WALK_GIVEN_HEADING:
        heading(x, 2, "Given");
        fputs(m->given_heading_after, out);
        break;
    case BP_WALK_GIVENS:
        givens(x, e);
        break;
    case BP_WALK_GIVEN_NOTE:
        marked(x, m->note_open, e->text, m->note_close);
        break;
    case BP_WALK_FIGURE:
        m->figure(x);
        break;
    case BP_WALK_PART:
        part(x, e->phase);
        break;
    case BP_WALK_UNIT:
        fputs(m->lead_open, out);
        m->escape(out, bp_walk_unit_title(c->l, e->unit, buf, sizeof buf));
        fprintf(out, "%s%s", m->lead_close, m->para_close);
        if (x->paper && m->sheet_keep)
            fputs(m->sheet_keep, out);
        break;
    case BP_WALK_CASE:
        heading(x, 2, bp_walk_case_title(c->l, e->case_index, buf,
                                         sizeof buf));
        break;
    case BP_WALK_STEP:
        heading(x, 3, c->l->exercise->steps[e->step].title);
        break;
    case BP_WALK_DERIVATION:
        if (x->paper && m->sheet_chain) {
            m->sheet_chain(out, e->chain, e->compact, e->blank, x->space);
            break;
        }
        fputs(m->math_open, out);
        if (m->display_chain)
            m->display_chain(out, e->chain, e->compact);
        else
            bp_markup_chain(out, e->chain, e->compact, &tex_rows);
        fputc('\n', out);
        fputs(m->math_close, out);
        break;
    case BP_WALK_EXPLAIN:
        explain(x, e);
        break;
    case BP_WALK_ERRATUM:
        text_symbol(c, e->q, buf, sizeof buf);
        fprintf(out, "%s$%s$ = ", m->erratum_open, buf);
        marked(x, "", e->erratum->printed, m->erratum_close);
        break;
    case BP_WALK_STEP_NOTE:
    case BP_WALK_CLOSING:
        interpretation(x, e->text, true);
        break;
    case BP_WALK_SUMMARY:
        summary(x, e);
        break;
    case BP_WALK_TABLE:
        table(x, e->text);
        break;
    case BP_WALK_PATHS:
        paths(x, e);
        break;
    case BP_WALK_ERRATA:
        errata(x);
        break;
    case BP_WALK_KIND_COUNT:
        assert(false);
    }
    return BP_OK;
}

void markup_instructions(const bp_tex *x, const char *what, const char *todo,
                         const char *kinds)
{
    FILE *out = x->c.out;
    fprintf(out, "%s%s%s %s. Left blank: ", x->m->lead_open, what,
            x->m->lead_close, todo);
    x->m->escape(out, kinds);
    fprintf(out, ".%s", x->m->para_close);
}

void markup_lead(const bp_tex *x, const char *lead, const char *text)
{
    FILE *out = x->c.out;
    fprintf(out, "%s%s%s ", x->m->lead_open, lead, x->m->lead_close);
    x->m->escape(out, text);
    fputs(x->m->para_close, out);
}

void markup_end(const bp_tex *x)
{
    if (!x->fragment)
        fputs(x->m->postamble, x->c.out);
}

bp_status markup_render(const bp_trace *t, const bp_render_options *opt,
                        const bp_markup *m, bool fragment, FILE *out)
{
    bp_tex x = {.m = m, .fragment = fragment};
    text_init(&x.c, t, opt, out);
    x.c.st = bp_style_latex();
    bp_writer w = text_writer(&x.c);
    bp_status rc =
        bp_walk(t, &(bp_walk_options){&w, false}, markup_on_event, &x);
    if (rc)
        return rc;
    markup_end(&x);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
