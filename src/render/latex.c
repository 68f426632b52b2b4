/* render_latex.c: the trace as a LaTeX document (article, amsmath): the
 * walk's events laid out as the lecture sets them, derivations in align*,
 * the network drawn in a picture environment (LaTeX's own: no package
 * beyond amsmath, so that texlive-latex-base compiles it), the summary as
 * a tabular. */
#include "bptrace/render.h"
#include "render/tex.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void tex_escape(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            fprintf(out, "\\%c", *p);
            break;
        /* in the fonts every TeX has (no TS1 symbols to generate) */
        case '~': fputs("\\~{}", out); break;
        case '^': fputs("\\^{}", out); break;
        case '\\': fputs("$\\backslash$", out); break;
        case '<': fputs("$<$", out); break;
        case '>': fputs("$>$", out); break;
        case '|': fputs("$|$", out); break;
        default:
            fputc(*p < 0x20 || *p == 0x7F ? ' ' : *p, out);
        }
    }
}

void tex_chain(FILE *out, const bp_chain *ch, bool compact)
{
    if (ch->labelled)
        fprintf(out, "  \\text{%s:}\\quad %s", ch->lhs, ch->step[0]);
    else
        fprintf(out, "  %s &= %s", ch->lhs, ch->step[0]);
    for (int i = 1; i < ch->n; i++) {
        if (strcmp(ch->step[i], ch->step[i - 1]) == 0)
            continue;
        if (compact || ch->labelled)
            fprintf(out, " = %s", ch->step[i]);
        else
            fprintf(out, " \\\\\n  &= %s", ch->step[i]);
    }
    fputc('\n', out);
}

void tex_given(bp_text *c, const bp_quantity *q, FILE *out)
{
    char sym[TEXT_CELL], num[TEXT_NUM];
    text_symbol(c, q, sym, sizeof sym);
    fprintf(out, "%s = %s", sym,
            text_blank(c, q) ? c->blank : text_val(c, q, num));
}

/* ---- the figure: the lecture's Figure 3 ---- */

#define COL 120 /* between layers, in the picture's units */
#define ROW 50  /* between units of a layer */
#define RADIUS 12

/* Whole units: integers print fast, and the picture needs no finer. */
typedef struct {
    long x, y;
} point;

static point unit_at(const bp_lesson *l, int u, int tallest, long height)
{
    const bp_unit *un = &l->units[u];
    const bp_layer *ly = &l->layers[un->layer];
    long k = u - ly->first;
    long top = height - 30 - (tallest - ly->count) * ROW / 2;
    return (point){40 + COL * un->layer, top - k * ROW};
}

/* "$x_{1} = 1$" beside a unit, aligned as `pos` says ("", "[r]", "[l]"). */
static void put_value(FILE *out, point p, const char *pos, const char *sym,
                      double value)
{
    char num[TEXT_NUM];
    bp_format(num, sizeof num, value, (bp_precision){BP_ROUND_NONE, 0});
    fprintf(out, "\\put(%ld,%ld){\\makebox(0,0)%s{\\scriptsize $%s = %s$}}\n",
            p.x, p.y, pos, sym, num);
}

static const char *symbol(bp_tex *x, void (*of)(const bp_lesson *, int,
                                                bp_symbol *),
                          int u, char *buf, size_t size)
{
    bp_symbol sym;
    bp_str s;
    of(x->c.l, u, &sym);
    bp_str_init(&s, buf, size);
    bp_symbol_write(x->c.st, &sym, &s);
    return buf;
}

static void figure(bp_tex *x)
{
    const bp_lesson *l = x->c.l;
    FILE *out = x->c.out;
    char num[TEXT_NUM], sym[TEXT_CELL], name[32];
    int tallest = 0;
    for (int i = 0; i < l->n_layers; i++)
        if (l->layers[i].count > tallest)
            tallest = l->layers[i].count;
    long width = 80 + COL * (l->n_layers - 1);
    long height = 70 + ROW * (tallest - 1);
    double scale = 1; /* to fit the page */
    if (340.0 / width < scale)
        scale = 340.0 / width;
    if (520.0 / height < scale)
        scale = 520.0 / height;
    fprintf(out, "\\begin{center}\n\\setlength{\\unitlength}{%.3fpt}\n"
                 "\\begin{picture}(%ld,%ld)\n", scale, width, height);
    for (int i = 0; i < l->n_layers; i++) {
        const bp_layer *ly = &l->layers[i];
        fprintf(out, "\\put(%ld,%ld){\\makebox(0,0){\\small ",
                40 + COL * (long)i, height - 8);
        tex_escape(out, bp_walk_layer_name(l, i, name, sizeof name));
        if (i > 0) { /* leaky_relu: escaped */
            fputs(" (", out);
            tex_escape(out, bp_activation_name(ly->activation));
            fputs(")", out);
        }
        fputs("}}\n", out);
    }
    /* connections first, so that the units are drawn over them, from
     * circle to circle, so that a unit's label stays clear; a weight's
     * label near where its edge starts, where a unit's edges fan out */
    for (int i = 0; i < l->n_weights; i++) {
        const bp_weight *w = &l->weights[i];
        point a = unit_at(l, w->from, tallest, height);
        point b = unit_at(l, w->to, tallest, height);
        double dx = (double)(b.x - a.x), dy = (double)(b.y - a.y);
        double len = sqrt(dx * dx + dy * dy);
        point a1 = {a.x + lround(RADIUS * dx / len),
                    a.y + lround(RADIUS * dy / len)};
        point b1 = {b.x - lround(RADIUS * dx / len),
                    b.y - lround(RADIUS * dy / len)};
        fprintf(out, "\\qbezier(%ld,%ld)(%ld,%ld)(%ld,%ld)\n", a1.x, a1.y,
                (a1.x + b1.x) / 2, (a1.y + b1.y) / 2, b1.x, b1.y);
        bp_format(num, sizeof num, w->value, (bp_precision){BP_ROUND_NONE, 0});
        fprintf(out, "\\put(%ld,%ld){\\makebox(0,0){\\scriptsize $%s$}}\n",
                a.x + lround(0.3 * dx), a.y + lround(0.3 * dy) + 5, num);
    }
    for (int u = 0; u < l->n_units; u++) {
        const bp_unit *un = &l->units[u];
        point p = unit_at(l, u, tallest, height);
        fprintf(out, "\\put(%ld,%ld){\\circle{24}}\n"
                     "\\put(%ld,%ld){\\makebox(0,0){\\footnotesize ",
                p.x, p.y, p.x, p.y);
        tex_escape(out, un->label);
        fputs("}}\n", out);
        if (un->layer == 0) {
            put_value(out, (point){p.x - 15, p.y}, "[r]",
                      symbol(x, bp_symbol_output, u, sym, sizeof sym),
                      un->input);
            continue;
        }
        if (un->has_bias)
            put_value(out, (point){p.x, p.y - 19}, "",
                      symbol(x, bp_symbol_bias, u, sym, sizeof sym),
                      un->bias);
        if (un->layer == l->n_layers - 1)
            put_value(out, (point){p.x + 15, p.y}, "[l]",
                      symbol(x, bp_symbol_target, u, sym, sizeof sym),
                      un->target);
    }
    fputs("\\end{picture}\n\\end{center}\n", out);
}

/* ---- the rest of the events ---- */

static void header(bp_tex *x, const char *description)
{
    const bp_lesson *l = x->c.l;
    FILE *out = x->c.out;
    char profile[1024];
    if (!x->fragment)
        fputs("\\documentclass{article}\n\\usepackage{amsmath}\n"
              "\\allowdisplaybreaks\n\\begin{document}\n",
              out);
    fputs("\\section*{", out);
    tex_escape(out, l->title);
    fputs("}\n\\noindent Source: ", out);
    tex_escape(out, l->source);
    fputs("\\par\n", out);
    if (description) {
        fputs("\\medskip\\noindent ", out);
        tex_escape(out, description);
        fputs("\\par\n", out);
    }
    fputs("\\medskip\\noindent{\\small ", out);
    tex_escape(out, text_numbers(&x->c, profile, sizeof profile));
    fputs("}\\par\n", out);
}

static void givens(bp_tex *x, const bp_walk_event *e)
{
    FILE *out = x->c.out;
    fputs("\\noindent ", out);
    if (e->label) {
        tex_escape(out, e->label);
        fputs(": ", out);
    } else if (e->step >= 0 || e->case_index >= 0) {
        fputs("Given: ", out);
    }
    for (int i = 0; i < e->n_items; i++) {
        fputs(i ? ", $" : "$", out);
        tex_given(&x->c, e->items[i], out);
        fputs("$", out);
    }
    fputs("\\par\n", out);
}

static void part(bp_tex *x, bp_phase phase)
{
    FILE *out = x->c.out;
    char eta[TEXT_NUM];
    fputs("\\subsection*{", out);
    tex_escape(out, bp_walk_part_title(phase));
    fputs("}\n", out);
    if (phase == BP_PHASE_UPDATE)
        fprintf(out, "\\noindent $w^{(\\mathrm{new})} = w + \\Delta w$, "
                     "where $\\Delta w = \\eta\\delta x$ with $\\eta = %s$.\\par\n",
                bp_format(eta, sizeof eta, x->c.l->eta,
                          (bp_precision){BP_ROUND_NONE, 0}));
    else if (phase == BP_PHASE_VERIFY)
        fputs("\\noindent A forward pass with the updated weights:\\par\n",
              out);
}

static void interpretation(bp_tex *x, const char *text, bool escape)
{
    fputs("\\noindent\\emph{Interpretation:} ", x->c.out);
    if (escape)
        tex_escape(x->c.out, text);
    else
        fputs(text, x->c.out);
    fputs("\\par\n", x->c.out);
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

static void summary(bp_tex *x, const bp_walk_event *e)
{
    bp_text *c = &x->c;
    FILE *out = c->out;
    char cell[TEXT_CELL];
    fputs("\\subsection*{Summary}\n\\begin{center}\n"
          "\\begin{tabular}{lrrr}\nParameter & Old & New & Change \\\\\n"
          "\\hline\n",
          out);
    for (int i = 0; i < e->n_rows; i++) {
        const bp_walk_row *r = &e->rows[i];
        char sym[TEXT_CELL];
        tex_escape(out, r->label);
        text_symbol(c, r->before, sym, sizeof sym);
        fprintf(out, "$%s$", sym);
        text_cell(c, bp_quantity_value(r->before, c->nf.mode), r->after, cell);
        fprintf(out, " & $%s$", text_blank(c, r->before) ? c->blank : cell);
        text_cell(c, bp_quantity_value(r->after, c->nf.mode), r->after, cell);
        fprintf(out, " & $%s$", text_blank(c, r->after) ? c->blank : cell);
        if (!r->change)
            fputs(" & fixed", out);
        else if (text_blank(c, r->change))
            fprintf(out, " & $%s$", c->blank);
        else
            fprintf(out, " & $%s$", (text_signed_cell(c, r->change, cell), cell));
        fputs(" \\\\\n", out);
    }
    fputs("\\end{tabular}\n\\end{center}\n", out);
}

static void table(bp_tex *x, const char *notes)
{
    bp_text *c = &x->c;
    FILE *out = c->out;
    const bp_exercise *ex = c->l->exercise;
    char cell[TEXT_CELL];
    fputs("\\subsection*{Comparison}\n\\begin{center}\n\\begin{tabular}{", out);
    for (int j = 0; j < ex->n_table; j++)
        fputs("r", out);
    fputs(notes ? "p{0.45\\linewidth}}\n" : "}\n", out);
    for (int j = 0; j < ex->n_table; j++) {
        bp_str s;
        bp_str_init(&s, cell, sizeof cell);
        bp_formula_display(c->st, ex->table[j], &s);
        fprintf(out, "%s$%s$", j ? " & " : "", cell);
    }
    if (notes) {
        fputs(" & ", out);
        tex_escape(out, notes);
    }
    fputs(" \\\\\n\\hline\n", out);
    for (int k = 0; k < ex->n_cases; k++) {
        for (int j = 0; j < ex->n_table; j++) {
            const bp_quantity *q = bp_walk_table_value(c->t, j, k);
            fprintf(out, "%s$%s$", j ? " & " : "",
                    !q                  ? "-"
                    : text_blank(c, q) ? c->blank
                                       : text_val(c, q, cell));
        }
        if (notes) {
            fputs(" & ", out);
            if (ex->cases[k].note)
                tex_escape(out, ex->cases[k].note);
        }
        fputs(" \\\\\n", out);
    }
    fputs("\\end{tabular}\n\\end{center}\n", out);
}

static void errata(bp_tex *x)
{
    FILE *out = x->c.out;
    fputs("\\subsection*{Errata in the lecture}\n\\begin{itemize}\n", out);
    for (int i = 0; i < x->c.l->n_errata; i++) {
        const bp_erratum *e = &x->c.l->errata[i];
        fputs("\\item ", out);
        tex_escape(out, e->name);
        fputs(": the lecture prints ", out);
        tex_escape(out, e->printed);
        fputs(", correct is ", out);
        tex_escape(out, e->correct);
        fputs(". ", out);
        tex_escape(out, e->why);
        fputc('\n', out);
    }
    fputs("\\end{itemize}\n", out);
}

static void heading(FILE *out, const char *level, const char *text)
{
    fprintf(out, "\\%s*{", level);
    tex_escape(out, text);
    fputs("}\n", out);
}

int latex_on_event(const bp_walk_event *e, void *ctx)
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
        fputs("\\medskip\\noindent\\textbf{Warning:} this trace makes the "
              "sequential-update mistake on purpose. Each layer's weights "
              "are updated before the error terms of the layer below are "
              "computed, so those use the new weights. The lecture computes "
              "every delta before any weight changes: compare with the "
              "trace without \\texttt{-{}-sequential}.\\par\n",
              out);
        break;
    case BP_WALK_GIVEN_HEADING:
        heading(out, "subsection", "Given");
        break;
    case BP_WALK_GIVENS:
        givens(x, e);
        break;
    case BP_WALK_GIVEN_NOTE:
        fputs("\\noindent\\quad{\\small ", out);
        tex_escape(out, e->text);
        fputs("}\\par\n", out);
        break;
    case BP_WALK_FIGURE:
        figure(x);
        break;
    case BP_WALK_PART:
        part(x, e->phase);
        break;
    case BP_WALK_UNIT:
        fputs("\\medskip\\noindent\\textbf{", out);
        tex_escape(out, bp_walk_unit_title(c->l, e->unit, buf, sizeof buf));
        fputs(":}\\par\n", out);
        break;
    case BP_WALK_CASE:
        heading(out, "subsection",
                bp_walk_case_title(c->l, e->case_index, buf, sizeof buf));
        break;
    case BP_WALK_STEP:
        heading(out, "subsubsection", c->l->exercise->steps[e->step].title);
        break;
    case BP_WALK_DERIVATION:
        fputs("\\begin{align*}\n", out);
        tex_chain(out, e->chain, e->compact);
        fputs("\\end{align*}\n", out);
        break;
    case BP_WALK_EXPLAIN:
        explain(x, e);
        break;
    case BP_WALK_ERRATUM:
        text_symbol(c, e->q, buf, sizeof buf);
        fprintf(out, "\\noindent Erratum: the lecture prints $%s$ = ", buf);
        tex_escape(out, e->erratum->printed);
        fputs(" here; see ``Errata in the lecture'' below.\\par\n", out);
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
    case BP_WALK_ERRATA:
        errata(x);
        break;
    default:
        assert(false);
    }
    return 0;
}

void latex_end(bp_tex *x)
{
    if (!x->fragment)
        fputs("\\end{document}\n", x->c.out);
}

int bp_render_latex(const bp_trace *t, const bp_render_options *opt,
                    FILE *out)
{
    bp_tex x = {.fragment = opt->fragment};
    text_init(&x.c, t, opt, out);
    x.c.st = bp_style_latex();
    bp_writer w = text_writer(&x.c);
    int rc = bp_walk(t, &(bp_walk_options){&w, false}, latex_on_event, &x);
    if (rc)
        return rc;
    latex_end(&x);
    return ferror(out) ? -1 : 0;
}
