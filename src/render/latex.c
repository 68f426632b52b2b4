/* latex.c: the trace as a LaTeX document (article, amsmath): the markup
 * layer (markup.c) with LaTeX's strings, derivations in align*, the
 * network drawn in a picture environment (LaTeX's own: no package beyond
 * amsmath, so that texlive-latex-base compiles it), tables as tabulars. */
#include "bptrace/render.h"
#include "render/figure_labels.h"
#include "render/markup.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Lesson text as LaTeX prose: & % $ # _ { } ~ ^ \ escaped, newlines and
 * other control characters as spaces. */
static void tex_escape(FILE *out, const char *s)
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

static const char *symbol(const bp_tex *x, void (*of)(const bp_lesson *, int,
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

/* What unit_at needs beyond the lesson (fig_network's layout). */
typedef struct {
    int tallest;
    long height;
} layout;

static fig_point unit_centre(const fig_network *n, int u)
{
    const layout *g = n->layout;
    point p = unit_at(n->l, u, g->tallest, g->height);
    return (fig_point){(double)p.x, (double)p.y};
}

/* A straight line, as \\qbezier draws it at any slope. */
static void segment(FILE *out, fig_point a, fig_point b)
{
    long ax = lround(a.x), ay = lround(a.y), bx = lround(b.x),
         by = lround(b.y);
    /* its control point halfway, to the half unit: straight */
    fprintf(out, "\\qbezier(%ld,%ld)(%g,%g)(%ld,%ld)\n", ax, ay,
            (double)(ax + bx) / 2, (double)(ay + by) / 2, bx, by);
}

/* The connections, drawn first so that the units are drawn over them,
 * from circle to circle so that a unit's label stays clear; each weight's
 * value on its edge, in a gap of the edge, where figure_labels.c finds no
 * other edge, label or unit (near where the edge starts, where a unit's
 * edges fan out).  False when it found no such place for some weight: the
 * edges are drawn whole and no value is written. */
static bool weights(bp_tex *x, int tallest, long height, double scale)
{
    const bp_lesson *l = x->c.l;
    FILE *out = x->c.out;
    char num[TEXT_NUM];
    layout g = {tallest, height};
    fig_network net = {l, RADIUS, unit_centre, &g};
    fig_box box[FIG_MAX_LABELS];
    bool labelled = fig_place_weight_labels(&net, FIG_LATEX, scale, box);
    for (int i = 0; i < l->n_weights; i++) {
        fig_point a1, b1;
        double t0, t1;
        fig_edge_ends(&net, i, &a1, &b1);
        if (!labelled || !fig_segment_clip(a1, b1, box[i], 1, &t0, &t1)) {
            segment(out, a1, b1);
            continue;
        }
        segment(out, a1, (fig_point){a1.x + t0 * (b1.x - a1.x),
                                     a1.y + t0 * (b1.y - a1.y)});
        segment(out, (fig_point){a1.x + t1 * (b1.x - a1.x),
                                 a1.y + t1 * (b1.y - a1.y)}, b1);
        bp_format(num, sizeof num, l->weights[i].value,
                  (bp_precision){BP_ROUND_NONE, 0});
        fprintf(out, "\\put(%ld,%ld){\\makebox(%ld,%ld){\\scriptsize $%s$}}\n",
                lround(box[i].x0), lround(box[i].y0),
                lround(box[i].x1 - box[i].x0), lround(box[i].y1 - box[i].y0),
                num);
    }
    return labelled;
}

static void figure(bp_tex *x)
{
    const bp_lesson *l = x->c.l;
    FILE *out = x->c.out;
    char sym[TEXT_CELL], name[32];
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
    bool labelled = weights(x, tallest, height, scale);
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
        /* below the unit, where a dense network's edges cross it */
        if (un->has_bias && labelled)
            put_value(out, (point){p.x, p.y - 19}, "",
                      symbol(x, bp_symbol_bias, u, sym, sizeof sym),
                      un->bias);
        if (un->layer == l->n_layers - 1)
            put_value(out, (point){p.x + 15, p.y}, "[l]",
                      symbol(x, bp_symbol_target, u, sym, sizeof sym),
                      un->target);
    }
    fputs("\\end{picture}\n\\end{center}\n", out);
    if (!labelled)
        fputs("\\noindent{\\small Too many connections to write each "
              "weight and bias on the figure: they are listed under Given, "
              "by the unit they go into.}\\par\n",
              out);
}

/* A worksheet's derivation: a block that no page break splits (a
 * minipage), its steps in inline math so that a step too long for the line
 * breaks at a + or =, each step after the first on a line of its own
 * (compact: run on) and indented; under a blank
 * one, `space` ruled lines to work on. */
static void sheet_chain(FILE *out, const bp_chain *ch, bool compact,
                        bool blank, int space)
{
    static const bp_chain_form steps = {
        .labelled = "  %s: $%s",
        .unlabelled = "  $%s = %s",
        .row = "$\\\\\n  \\hspace*{2em}$= %s",
    };
    fputs("\\par\\medskip\\noindent\\begin{minipage}{\\linewidth}"
          "\\raggedright\n", out);
    bp_markup_chain(out, ch, compact, &steps);
    fputs("$\\par\n", out);
    for (int i = 0; blank && i < space; i++)
        fputs("\\vspace{1.2\\baselineskip}\\hrule\n", out);
    fputs("\\end{minipage}\\par\n", out);
}

const bp_markup bp_markup_latex = {
    .escape = tex_escape,
    .figure = figure,
    .bar = NULL,
    .preamble = "\\documentclass{article}\n\\usepackage{amsmath}\n"
                "\\allowdisplaybreaks\n\\begin{document}\n",
    .postamble = "\\end{document}\n",
    .title_open = "\\section*{",
    .source_open = "}\n\\noindent Source: ",
    .source_close = "\\par\n",
    .description_open = "\\medskip\\noindent ",
    .description_close = "\\par\n",
    .numbers_open = "\\medskip\\noindent{\\small ",
    .numbers_close = "}\\par\n",
    .warning = "\\medskip\\noindent\\textbf{Warning:} this trace makes the "
               "sequential-update mistake on purpose. Each layer's weights "
               "are updated before the error terms of the layer below are "
               "computed, so those use the new weights. The lecture computes "
               "every delta before any weight changes: each number this "
               "changes is set beside the correct one at the end.\\par\n",
    .heading_open = {"\\subsection*{", "\\subsubsection*{"},
    .heading_close = "}\n",
    .given_heading_after = "",
    .givens_open = "\\noindent ",
    .scoped_givens_open = "\\noindent ",
    .givens_close = "\\par\n",
    .note_open = "\\noindent\\quad{\\small ",
    .note_close = "}\\par\n",
    .para_open = "\\noindent ",
    .para_close = "\\par\n",
    .lead_open = "\\medskip\\noindent\\textbf{",
    .lead_close = ":}",
    .math_open = "\\begin{align*}\n",
    .math_close = "\\end{align*}\n",
    .interpretation_open = "\\noindent\\emph{Interpretation:} ",
    .erratum_open = "\\noindent Erratum: the lecture prints ",
    .erratum_close = " here; see ``Errata in the lecture'' below.\\par\n",
    .table_open = "\\begin{center}\n\\begin{tabular}{",
    .col = {"l", "r", "p{0.45\\linewidth}"},
    .table_open_close = "}\n",
    .row_open = "",
    .cell_first = "",
    .cell_sep = " & ",
    .cell_close = "",
    .row_close = " \\\\\n",
    .rule_open = "\\hline\n",
    .rule = {"", "", ""},
    .rule_close = "",
    .table_close = "\\end{tabular}\n\\end{center}\n",
    .table_page_rows = 40, /* of a page's 50 or so */
    .list_open = "\\begin{itemize}\n",
    .item_open = "\\item ",
    .list_close = "\\end{itemize}\n",
    .sheet_preamble = "\\documentclass[%s]{article}\n"
                      "\\usepackage[margin=2cm]{geometry}\n"
                      "\\usepackage{amsmath}\n"
                      "\\begin{document}\n",
    .sheet_blank = "\\mbox{\\underline{\\rule{0pt}{2.2ex}\\hspace{3.5em}}}",
    .sheet_chain = sheet_chain,
    .display_chain = latex_display_chain,
    /* in an exponent: raised from the exponent's baseline to the top of
     * the e, so that it reads as a superscript, not as a line beside it */
    .sheet_blank_exp = "\\raisebox{0.5ex}{\\underline{\\rule{0pt}{2.2ex}"
                       "\\hspace{3.5em}}}",
    .sheet_keep = "\\nopagebreak\n",
};

bp_status bp_render_latex(const bp_trace *t, const bp_render_options *opt,
                          FILE *out)
{
    return markup_render(t, opt, &bp_markup_latex, opt->fragment, out);
}
