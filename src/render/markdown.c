/* render_markdown.c: the trace as GitHub-flavoured Markdown: the walk's
 * events with $...$ math inline and $$...$$ aligned derivations, the
 * network as a Mermaid flowchart, the summary as a table. */
#include "bptrace/render.h"
#include "render/tex.h"

#include <assert.h>
#include <string.h>

void md_escape(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (strchr("\\`*_[]<>|$~#", *p) && *p)
            fputc('\\', out);
        fputc(*p < 0x20 || *p == 0x7F ? ' ' : *p, out);
    }
}

static void header(bp_tex *x, const char *description)
{
    const bp_lesson *l = x->c.l;
    FILE *out = x->c.out;
    char profile[1024];
    fputs("# ", out);
    md_escape(out, l->title);
    fputs("\n\nSource: ", out);
    md_escape(out, l->source);
    fputs("\n\n", out);
    if (description) {
        md_escape(out, description);
        fputs("\n\n", out);
    }
    md_escape(out, text_numbers(&x->c, profile, sizeof profile));
    fputs("\n", out);
}

static void givens(bp_tex *x, const bp_walk_event *e)
{
    FILE *out = x->c.out;
    fputs("- ", out);
    if (e->label) {
        md_escape(out, e->label);
        fputs(": ", out);
    } else if (e->step >= 0 || e->case_index >= 0) {
        fputs("Given: ", out);
    }
    for (int i = 0; i < e->n_items; i++) {
        fputs(i ? ", $" : "$", out);
        tex_given(&x->c, e->items[i], out);
        fputs("$", out);
    }
    fputs("\n", out);
}

/* The network as a Mermaid flowchart, a subgraph per layer. */
static void figure(bp_tex *x)
{
    const bp_lesson *l = x->c.l;
    FILE *out = x->c.out;
    char num[TEXT_NUM], name[32], sym[TEXT_CELL];
    fputs("\n```mermaid\nflowchart LR\n", out);
    for (int i = 0; i < l->n_layers; i++) {
        const bp_layer *ly = &l->layers[i];
        fprintf(out, "  subgraph L%d [\"%s%s%s%s\"]\n", i,
                bp_walk_layer_name(l, i, name, sizeof name),
                i ? " (" : "", i ? bp_activation_name(ly->activation) : "",
                i ? ")" : "");
        for (int u = ly->first; u < ly->first + ly->count; u++) {
            const bp_unit *un = &l->units[u];
            fprintf(out, "    u%d((\"%s", u, un->label);
            if (i == 0) {
                bp_name_output(l, u, sym, sizeof sym);
                fprintf(out, "<br/>%s = %s", sym,
                        bp_format(num, sizeof num, un->input,
                                  (bp_precision){BP_ROUND_NONE, 0}));
            } else if (un->has_bias) {
                bp_name_bias(l, u, sym, sizeof sym);
                fprintf(out, "<br/>%s = %s", sym,
                        bp_format(num, sizeof num, un->bias,
                                  (bp_precision){BP_ROUND_NONE, 0}));
            }
            if (i == l->n_layers - 1) {
                bp_name_target(l, u, sym, sizeof sym);
                fprintf(out, "<br/>%s = %s", sym,
                        bp_format(num, sizeof num, un->target,
                                  (bp_precision){BP_ROUND_NONE, 0}));
            }
            fputs("\"))\n", out);
        }
        fputs("  end\n", out);
    }
    for (int i = 0; i < l->n_weights; i++) {
        const bp_weight *w = &l->weights[i];
        fprintf(out, "  u%d -- \"%s\" --> u%d\n", w->from,
                bp_format(num, sizeof num, w->value,
                          (bp_precision){BP_ROUND_NONE, 0}),
                w->to);
    }
    fputs("```\n", out);
}

static void part(bp_tex *x, bp_phase phase)
{
    FILE *out = x->c.out;
    char eta[TEXT_NUM];
    fputs("\n## ", out);
    md_escape(out, bp_walk_part_title(phase));
    fputs("\n", out);
    if (phase == BP_PHASE_UPDATE)
        fprintf(out, "\n$w^{(\\mathrm{new})} = w + \\Delta w$, where "
                     "$\\Delta w = \\eta\\delta x$ with $\\eta = %s$.\n",
                bp_format(eta, sizeof eta, x->c.l->eta,
                          (bp_precision){BP_ROUND_NONE, 0}));
    else if (phase == BP_PHASE_VERIFY)
        fputs("\nA forward pass with the updated weights:\n", out);
}

static void interpretation(bp_tex *x, const char *text, bool escape)
{
    fputs("\n*Interpretation:* ", x->c.out);
    if (escape)
        md_escape(x->c.out, text);
    else
        fputs(text, x->c.out);
    fputs("\n", x->c.out);
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

/* Math in a table cell: a | would end the cell, \vert does not. */
static void cell_math(FILE *out, const char *tex)
{
    fputc('$', out);
    for (const char *p = tex; *p; p++) {
        if (*p == '|')
            fputs("\\vert{}", out);
        else
            fputc(*p, out);
    }
    fputc('$', out);
}

static void summary(bp_tex *x, const bp_walk_event *e)
{
    bp_text *c = &x->c;
    FILE *out = c->out;
    char cell[TEXT_CELL], sym[TEXT_CELL];
    fputs("\n## Summary\n\n| Parameter | Old | New | Change |\n"
          "|:--|--:|--:|--:|\n",
          out);
    for (int i = 0; i < e->n_rows; i++) {
        const bp_walk_row *r = &e->rows[i];
        fputs("| ", out);
        md_escape(out, r->label);
        text_symbol(c, r->before, sym, sizeof sym);
        cell_math(out, sym);
        text_cell(c, bp_quantity_value(r->before, c->nf.mode), r->after, cell);
        fprintf(out, " | $%s$", text_blank(c, r->before) ? c->blank : cell);
        text_cell(c, bp_quantity_value(r->after, c->nf.mode), r->after, cell);
        fprintf(out, " | $%s$", text_blank(c, r->after) ? c->blank : cell);
        if (!r->change)
            fputs(" | fixed", out);
        else if (text_blank(c, r->change))
            fprintf(out, " | $%s$", c->blank);
        else
            fprintf(out, " | $%s$", (text_signed_cell(c, r->change, cell), cell));
        fputs(" |\n", out);
    }
}

static void table(bp_tex *x, const char *notes)
{
    bp_text *c = &x->c;
    FILE *out = c->out;
    const bp_exercise *ex = c->l->exercise;
    char cell[TEXT_CELL];
    fputs("\n## Comparison\n\n|", out);
    for (int j = 0; j < ex->n_table; j++) {
        bp_str s;
        bp_str_init(&s, cell, sizeof cell);
        bp_formula_display(c->st, ex->table[j], &s);
        fputc(' ', out);
        cell_math(out, cell);
        fputs(" |", out);
    }
    if (notes) {
        fputs(" ", out);
        md_escape(out, notes);
        fputs(" |", out);
    }
    fputs("\n|", out);
    for (int j = 0; j < ex->n_table; j++)
        fputs("--:|", out);
    fputs(notes ? ":--|\n" : "\n", out);
    for (int k = 0; k < ex->n_cases; k++) {
        fputs("|", out);
        for (int j = 0; j < ex->n_table; j++) {
            const bp_quantity *q = bp_walk_table_value(c->t, j, k);
            fprintf(out, " $%s$ |",
                    !q                  ? "-"
                    : text_blank(c, q) ? c->blank
                                       : text_val(c, q, cell));
        }
        if (notes) {
            fputs(" ", out);
            if (ex->cases[k].note)
                md_escape(out, ex->cases[k].note);
            fputs(" |", out);
        }
        fputs("\n", out);
    }
}

static void errata(bp_tex *x)
{
    FILE *out = x->c.out;
    fputs("\n## Errata in the lecture\n\n", out);
    for (int i = 0; i < x->c.l->n_errata; i++) {
        const bp_erratum *e = &x->c.l->errata[i];
        fputs("- ", out);
        md_escape(out, e->name);
        fputs(": the lecture prints ", out);
        md_escape(out, e->printed);
        fputs(", correct is ", out);
        md_escape(out, e->correct);
        fputs(". ", out);
        md_escape(out, e->why);
        fputc('\n', out);
    }
}

static void heading(FILE *out, const char *level, const char *text)
{
    fprintf(out, "\n%s ", level);
    md_escape(out, text);
    fputs("\n", out);
}

int markdown_on_event(const bp_walk_event *e, void *ctx)
{
    bp_tex *x = ctx;
    bp_text *c = &x->c;
    FILE *out = c->out;
    char buf[TEXT_CELL];
    switch (e->kind) {
    case BP_WALK_HEADER:
        header(x, e->text);
        break;
    case BP_WALK_WARNING:
        fputs("\n> **Warning:** this trace makes the sequential-update "
              "mistake on purpose. Each layer's weights are updated before "
              "the error terms of the layer below are computed, so those "
              "use the new weights. The lecture computes every delta before "
              "any weight changes: compare with the trace without "
              "`--sequential`.\n",
              out);
        break;
    case BP_WALK_GIVEN_HEADING:
        heading(out, "##", "Given");
        fputc('\n', out);
        break;
    case BP_WALK_GIVENS:
        if (e->case_index >= 0 || e->step >= 0)
            fputc('\n', out);
        givens(x, e);
        break;
    case BP_WALK_GIVEN_NOTE:
        fputs("  ", out);
        md_escape(out, e->text);
        fputc('\n', out);
        break;
    case BP_WALK_FIGURE:
        figure(x);
        break;
    case BP_WALK_PART:
        part(x, e->phase);
        break;
    case BP_WALK_UNIT:
        fputs("\n**", out);
        md_escape(out, bp_walk_unit_title(c->l, e->unit, buf, sizeof buf));
        fputs(":**\n", out);
        break;
    case BP_WALK_CASE:
        heading(out, "##",
                bp_walk_case_title(c->l, e->case_index, buf, sizeof buf));
        break;
    case BP_WALK_STEP:
        heading(out, "###", c->l->exercise->steps[e->step].title);
        break;
    case BP_WALK_DERIVATION:
        fputs("\n$$\n\\begin{aligned}\n", out);
        tex_chain(out, e->chain, e->compact);
        fputs("\\end{aligned}\n$$\n", out);
        break;
    case BP_WALK_EXPLAIN:
        explain(x, e);
        break;
    case BP_WALK_ERRATUM:
        text_symbol(c, e->q, buf, sizeof buf);
        fprintf(out, "\n> Erratum: the lecture prints $%s$ = ", buf);
        md_escape(out, e->erratum->printed);
        fputs(" here; see *Errata in the lecture* below.\n", out);
        break;
    case BP_WALK_STEP_NOTE:
        interpretation(x, e->text, true);
        break;
    case BP_WALK_CLOSING:
        interpretation(x, e->text, true);
        break;
    case BP_WALK_SUMMARY:
        summary(x, e);
        break;
    case BP_WALK_TABLE:
        table(x, e->text);
        break;
    case BP_WALK_ERRATA:
        errata(x);
        break;
    default:
        assert(false);
    }
    return 0;
}

int bp_render_markdown(const bp_trace *t, const bp_render_options *opt,
                       FILE *out)
{
    bp_tex x = {.fragment = true};
    text_init(&x.c, t, opt, out);
    x.c.st = bp_style_latex();
    bp_writer w = text_writer(&x.c);
    int rc = bp_walk(t, &(bp_walk_options){&w, false}, markdown_on_event, &x);
    if (rc)
        return rc;
    return ferror(out) ? -1 : 0;
}
