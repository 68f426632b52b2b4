/* render_exercise.c: an exercise lesson as text, step by step as the
 * lecture works it, then the table of its cases. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* "Given: x₁ = 0.5, wⱼ₁ = 0.4" for the givens of one step and case;
 * `label` comes first ("  Given:", or just "  " under a Given heading). */
void text_exercise_givens(bp_text *c, int step, int case_index,
                          const char *label)
{
    char sym[TEXT_CELL], num[TEXT_NUM];
    const char *sep = "";
    bool any = false;
    for (int i = 0; i < c->t->n; i++) {
        const bp_quantity *q = &c->t->q[i];
        if (q->kind != BP_Q_VALUE || q->step != step ||
            q->case_index != case_index)
            continue;
        if (!any)
            fprintf(c->out, "%s", label);
        text_symbol(c, q, sym, sizeof sym);
        fprintf(c->out, "%s%s = %s", sep, sym, text_val(c, q, num));
        sep = ", ";
        any = true;
    }
    if (any)
        fputc('\n', c->out);
}

/* One step: its title, its own givens, then what it finds. */
static void print_step(bp_text *c, bp_writer *w, bp_chain *ch, int step,
                       int case_index)
{
    const bp_step *s = &c->l->exercise->steps[step];
    text_heading(c, s->title);
    text_exercise_givens(c, step, case_index, "  Given: ");
    for (int i = 0; i < c->t->n; i++) {
        const bp_quantity *q = &c->t->q[i];
        if (q->step != step || q->case_index != case_index ||
            !q->standalone)
            continue;
        text_quantity(c, w, ch, q);
    }
    if (s->note)
        text_wrapped(c, "  Interpretation: ", "    ", s->note);
}

/* The value of a table column in one case: the case's own quantity, or
 * one all cases share. */
static const bp_quantity *column_value(bp_text *c, const char *name,
                                       const bp_case *k)
{
    char full[BP_NAME_MAX + BP_LABEL_MAX + 3];
    snprintf(full, sizeof full, "%s(%s)", name, k->label);
    const bp_quantity *q = bp_trace_find(c->t, full);
    return q ? q : bp_trace_find(c->t, name);
}

/* The lecture's comparison table: one row per case, a column per name
 * the lesson lists, then the cases' notes. */
static int print_table(bp_text *c)
{
    const bp_exercise *ex = c->l->exercise;
    if (!ex->n_table || !ex->n_cases)
        return 0;
    int cols = ex->n_table + (ex->table_note_heading ? 1 : 0);
    int n = ex->n_cases + 1;
    char *text = calloc((size_t)n * (size_t)cols, TEXT_CELL);
    const char **cells = calloc((size_t)n * (size_t)cols, sizeof *cells);
    if (!text || !cells) {
        free(text);
        free(cells);
        return -2;
    }
    for (int i = 0; i < n * cols; i++)
        cells[i] = text + (size_t)i * TEXT_CELL;
    for (int j = 0; j < cols; j++) {
        bp_str s;
        bp_str_init(&s, text + (size_t)j * TEXT_CELL, TEXT_CELL);
        if (j < ex->n_table)
            bp_formula_display(c->st, ex->table[j], &s);
        else
            bp_str_add(&s, "%s", ex->table_note_heading);
    }
    for (int k = 0; k < ex->n_cases; k++) {
        for (int j = 0; j < cols; j++) {
            bp_str s;
            bp_str_init(&s, text + (size_t)((k + 1) * cols + j) * TEXT_CELL,
                        TEXT_CELL);
            const bp_quantity *q =
                j < ex->n_table ? column_value(c, ex->table[j], &ex->cases[k])
                                : NULL;
            char num[TEXT_NUM];
            if (j >= ex->n_table)
                bp_str_add(&s, "%s", ex->cases[k].note ? ex->cases[k].note
                                                       : "");
            else
                bp_str_add(&s, "%s", q ? text_val(c, q, num) : "-");
        }
    }
    text_heading(c, "Comparison");
    int rc = text_grid(c, cells, n, cols);
    free(cells);
    free(text);
    return rc;
}

int bp_render_exercise_text(const bp_trace *t, const bp_render_options *opt,
                            FILE *out)
{
    const bp_exercise *ex = t->lesson->exercise;
    bp_text c;
    text_init(&c, t, opt, out);
    bp_writer w = text_writer(&c);
    bp_chain *ch = malloc(sizeof *ch);
    if (!ch)
        return -2;
    text_header(&c);
    bool shared = false;
    for (int i = 0; i < t->n && !shared; i++)
        shared = t->q[i].kind == BP_Q_VALUE && t->q[i].step < 0 &&
                 t->q[i].case_index < 0;
    if (shared) {
        text_heading(&c, "Given");
        text_exercise_givens(&c, -1, -1, "  ");
    }
    int cases = ex->n_cases ? ex->n_cases : 1;
    for (int k = 0; k < cases; k++) {
        int case_index = ex->n_cases ? k : -1;
        if (ex->n_cases) {
            const bp_case *kc = &ex->cases[k];
            if (kc->title) {
                text_heading(&c, kc->title);
            } else {
                char title[BP_LABEL_MAX + 8];
                snprintf(title, sizeof title, "Case %s", kc->label);
                text_heading(&c, title);
            }
            text_exercise_givens(&c, -1, k, "  Given: ");
        }
        for (int s = 0; s < ex->n_steps; s++)
            print_step(&c, &w, ch, s, case_index);
    }
    free(ch);
    int rc = print_table(&c);
    if (ex->interpretation) {
        fputc('\n', out);
        text_wrapped(&c, "Interpretation: ", "  ", ex->interpretation);
    }
    text_errata(&c);
    if (rc)
        return rc;
    return ferror(out) ? -1 : 0;
}
