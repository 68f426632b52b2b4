/* html.c: the trace as one self-contained HTML page: the walk's events as
 * HTML, formulas as MathML (html_math.c, from the LaTeX style's TeX), the
 * network as an inline SVG figure, the summary as a table.  The page's
 * script and its WebAssembly module (src/web/) add step, quiz and edit
 * modes; without them the page is the whole trace all the same. */
#include "bptrace/render.h"
#include "render/figure_labels.h"
#include "render/html.h"
#include "trace/graph.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void html_escape(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*p < 0x20 || *p == 0x7F ? ' ' : *p, out);
        }
    }
}

/* Prose with $...$ math (bp_explain's), the math as MathML. */
static void prose_with_math(FILE *out, const char *text)
{
    char piece[4096];
    bool math = false;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "$");
        snprintf(piece, sizeof piece, "%.*s", (int)(n < 4095 ? n : 4095), p);
        if (math)
            html_math(out, piece, false);
        else
            html_escape(out, piece);
        p += n;
        if (*p == '$') {
            math = !math;
            p++;
        }
    }
}

static void header(bp_html *h, const char *description)
{
    bp_text *c = &h->x.c;
    FILE *out = c->out;
    char profile[1024];
    fputs("<header>\n<h1>", out);
    html_escape(out, c->l->title);
    fputs("</h1>\n<p class=\"source\">Source: ", out);
    html_escape(out, c->l->source);
    fputs("</p>\n", out);
    if (description) {
        fputs("<p>", out);
        html_escape(out, description);
        fputs("</p>\n", out);
    }
    fputs("<p class=\"numbers\">", out);
    html_escape(out, text_numbers(c, profile, sizeof profile));
    fputs("</p>\n</header>\n", out);
}

static void givens(bp_html *h, const bp_walk_event *e)
{
    bp_text *c = &h->x.c;
    FILE *out = c->out;
    fputs("<p class=\"given\">", out);
    if (e->label) {
        html_escape(out, e->label);
        fputs(": ", out);
    } else if (e->step >= 0 || e->case_index >= 0) {
        fputs("Given: ", out);
    }
    for (int i = 0; i < e->n_items; i++) {
        char sym[TEXT_CELL], num[TEXT_NUM], tex[TEXT_CELL + TEXT_NUM + 8];
        text_symbol(c, e->items[i], sym, sizeof sym);
        snprintf(tex, sizeof tex, "%s = %s", sym,
                 text_blank(c, e->items[i]) ? c->blank
                                            : text_val(c, e->items[i], num));
        if (i)
            fputs(", ", out);
        html_math(out, tex, false);
    }
    fputs("</p>\n", out);
}

/* ---- the figure: the lecture's Figure 3, in SVG ---- */

#define COL 170  /* between layers, in pixels */
#define ROW 70   /* between units of a layer */
#define RADIUS 18
#define LEFT 90  /* room for the inputs' values */

static void unit_at(const bp_lesson *l, int u, int tallest, long *x, long *y)
{
    const bp_unit *un = &l->units[u];
    const bp_layer *ly = &l->layers[un->layer];
    *x = LEFT + COL * (long)un->layer;
    *y = 60 + (tallest - ly->count) * ROW / 2 + (u - ly->first) * ROW;
}

/* A unit's symbol as the text trace writes it (o₄, w₄₆): SVG has no
 * MathML. */
static const char *svg_symbol(const bp_lesson *l,
                              void (*of)(const bp_lesson *, int, bp_symbol *),
                              int i, char *buf, size_t size)
{
    bp_symbol sym;
    bp_str s;
    of(l, i, &sym);
    bp_str_init(&s, buf, size);
    bp_symbol_write(bp_style_get(false), &sym, &s);
    return buf;
}

static void svg_value(FILE *out, long x, long y, const char *anchor,
                      const char *sym, double value)
{
    char num[TEXT_NUM];
    bp_format(num, sizeof num, value, (bp_precision){BP_ROUND_NONE, 0});
    fprintf(out, "<text x=\"%ld\" y=\"%ld\" text-anchor=\"%s\" "
                 "class=\"value\">", x, y, anchor);
    html_escape(out, sym);
    fprintf(out, " = %s</text>\n", num);
}

/* A label's box's foot is this far below its text's baseline. */
#define LABEL_DESCENT 3

static fig_point unit_centre(const fig_network *n, int u)
{
    long x, y;
    unit_at(n->l, u, *(const int *)n->layout, &x, &y);
    return (fig_point){(double)x, (double)y};
}

/* The edges, drawn first so that the units are drawn over them; each
 * weight's value on its edge in a white box, where figure_labels.c finds
 * no other edge, label or unit (near where the edge starts, where a
 * unit's edges fan out).  False when it found no such place for some
 * weight: no value is written. */
static bool edges(bp_html *h, int tallest)
{
    const bp_lesson *l = h->x.c.l;
    FILE *out = h->x.c.out;
    char num[TEXT_NUM], sym[TEXT_CELL], name[32];
    fig_network net = {l, RADIUS, unit_centre, &tallest};
    fig_box box[FIG_MAX_LABELS];
    bool labelled = fig_place_weight_labels(&net, FIG_HTML, 1, box);
    for (int i = 0; i < l->n_weights; i++) {
        const bp_weight *w = &l->weights[i];
        fig_point a, b;
        fig_edge_ends(&net, i, &a, &b);
        bp_name_weight(l, i, name, sizeof name);
        fprintf(out, "<g class=\"edge\" data-from=\"%d\" data-to=\"%d\" "
                     "id=\"bp-w-",
                w->from, w->to);
        html_escape(out, name);
        fprintf(out, "\"><line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\"/>",
                lround(a.x), lround(a.y), lround(b.x), lround(b.y));
        if (labelled) {
            long x0 = lround(box[i].x0), y0 = lround(box[i].y0),
                 x1 = lround(box[i].x1), y1 = lround(box[i].y1);
            fprintf(out, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" "
                         "height=\"%ld\" fill=\"#fff\"/><text x=\"%ld\" "
                         "y=\"%ld\" text-anchor=\"middle\" class=\"weight\">"
                         "<title>",
                    x0, y0, x1 - x0, y1 - y0, (x0 + x1) / 2,
                    y1 - LABEL_DESCENT);
            html_escape(out,
                        svg_symbol(l, bp_symbol_weight, i, sym, sizeof sym));
            fprintf(out, "</title>%s</text>",
                    bp_format(num, sizeof num, w->value,
                              (bp_precision){BP_ROUND_NONE, 0}));
        }
        fputs("</g>\n", out);
    }
    return labelled;
}

static void figure(bp_html *h)
{
    const bp_lesson *l = h->x.c.l;
    FILE *out = h->x.c.out;
    char sym[TEXT_CELL], name[32];
    int tallest = 0;
    for (int i = 0; i < l->n_layers; i++)
        if (l->layers[i].count > tallest)
            tallest = l->layers[i].count;
    long width = LEFT + COL * (l->n_layers - 1) + 90;
    long height = 60 + ROW * (tallest - 1) + 50;
    fprintf(out, "<figure class=\"network\">\n<svg viewBox=\"0 0 %ld %ld\" "
                 "width=\"%ld\" height=\"%ld\" role=\"img\" "
                 "aria-labelledby=\"bp-figcaption\">\n",
            width, height, width, height);
    for (int i = 0; i < l->n_layers; i++) {
        fprintf(out, "<text x=\"%ld\" y=\"18\" text-anchor=\"middle\" "
                     "class=\"layer\">",
                LEFT + COL * (long)i);
        html_escape(out, bp_walk_layer_name(l, i, name, sizeof name));
        if (i > 0)
            fprintf(out, " (%s)",
                    bp_activation_name(l->layers[i].activation));
        fputs("</text>\n", out);
    }
    bool labelled = edges(h, tallest);
    for (int u = 0; u < l->n_units; u++) {
        const bp_unit *un = &l->units[u];
        long x, y;
        unit_at(l, u, tallest, &x, &y);
        fprintf(out, "<g class=\"unit\" id=\"bp-u-%d\"><circle cx=\"%ld\" "
                     "cy=\"%ld\" r=\"%d\"/><text x=\"%ld\" y=\"%ld\" "
                     "text-anchor=\"middle\">",
                u, x, y, RADIUS, x, y + 5);
        html_escape(out, un->label);
        fputs("</text></g>\n", out);
        if (un->layer == 0) {
            svg_value(out, x - RADIUS - 6, y + 5, "end",
                      svg_symbol(l, bp_symbol_output, u, sym, sizeof sym),
                      un->input);
            continue;
        }
        /* below the unit, where a dense network's edges cross it */
        if (un->has_bias && labelled)
            svg_value(out, x, y + RADIUS + 16, "middle",
                      svg_symbol(l, bp_symbol_bias, u, sym, sizeof sym),
                      un->bias);
        if (un->layer == l->n_layers - 1)
            svg_value(out, x + RADIUS + 6, y + 5, "start",
                      svg_symbol(l, bp_symbol_target, u, sym, sizeof sym),
                      un->target);
    }
    fprintf(out, "</svg>\n<figcaption id=\"bp-figcaption\">The network: %s, "
                 "the inputs on the left, the targets on the right."
                 "</figcaption>\n</figure>\n",
            labelled ? "each edge's weight on it, each unit's bias below it"
                     : "too many edges to write each weight and bias on it "
                       "(they are listed under Given, by the unit they go "
                       "into)");
}

static void part(bp_html *h, bp_phase phase)
{
    FILE *out = h->x.c.out;
    char eta[TEXT_NUM], tex[256];
    fputs("<h2>", out);
    html_escape(out, bp_walk_part_title(phase));
    fputs("</h2>\n", out);
    if (phase == BP_PHASE_UPDATE) {
        fputs("<p>", out);
        html_math(out, "w^{(\\mathrm{new})} = w + \\Delta w", false);
        fputs(", where ", out);
        html_math(out, "\\Delta w = \\eta\\delta x", false);
        fputs(" with ", out);
        snprintf(tex, sizeof tex, "\\eta = %s",
                 bp_format(eta, sizeof eta, h->x.c.l->eta,
                           (bp_precision){BP_ROUND_NONE, 0}));
        html_math(out, tex, false);
        fputs(".</p>\n", out);
    } else if (phase == BP_PHASE_VERIFY) {
        fputs("<p>A forward pass with the updated weights:</p>\n", out);
    }
}

/* One step of a chain as a table cell's math: "= step", in an mrow that
 * is the result's (class r) from the chain's `shown` steps on. */
static bp_status chain_step(FILE *out, const bp_chain *ch, int i)
{
    char *m = html_mathml(ch->step[i]);
    if (!m)
        return BP_ERR_NOMEM;
    fprintf(out, "<mrow%s><mo>=</mo>%s</mrow>",
            i >= ch->shown ? " class=\"r\"" : "", m);
    free(m);
    return BP_OK;
}

/* A derivation as the LaTeX renderer aligns it: lhs = step, then = step a
 * row, or all on one row when compact; steps that repeat the one before
 * left out. */
static bp_status derivation(bp_html *h, const bp_walk_event *e)
{
    bp_text *c = &h->x.c;
    FILE *out = c->out;
    const bp_chain *ch = e->chain;
    bool one_row = e->compact || ch->labelled;
    fputs("<div class=\"derivation\" data-q=\"", out);
    html_escape(out, e->q->name);
    fprintf(out, "\" data-unit=\"%d\"%s>\n<math display=\"block\">"
                 "<mtable><mtr><mtd>",
            e->q->unit, e->blank ? " data-blank=\"1\"" : "");
    if (ch->labelled) {
        fputs("<mtext>", out);
        html_escape(out, ch->lhs);
        fputs(":</mtext>", out);
    } else {
        char *m = html_mathml(ch->lhs);
        if (!m)
            return BP_ERR_NOMEM;
        fputs(m, out);
        free(m);
    }
    fputs("</mtd><mtd>", out);
    if (ch->labelled) { /* "Old error: step = step" */
        char *m = html_mathml(ch->step[0]);
        if (!m)
            return BP_ERR_NOMEM;
        fprintf(out, "<mrow%s>%s</mrow>", ch->shown <= 0 ? " class=\"r\"" : "",
                m);
        free(m);
    } else if (chain_step(out, ch, 0)) {
        return BP_ERR_NOMEM;
    }
    for (int i = 1; i < ch->n; i++) {
        if (bp_chain_repeats(ch, i))
            continue;
        if (!one_row)
            fprintf(out, "</mtd></mtr>\n<mtr%s><mtd></mtd><mtd>",
                    i >= ch->shown ? " class=\"r\"" : "");
        if (chain_step(out, ch, i))
            return BP_ERR_NOMEM;
    }
    fputs("</mtd></mtr></mtable></math>\n", out);
    if (h->quiz_inputs || e->blank) {
        char sym[TEXT_CELL];
        text_symbol(c, e->q, sym, sizeof sym);
        fputs("<p class=\"answer\"", out);
        fputs(e->blank ? ">" : " hidden>", out);
        fputs("<label for=\"bp-a-", out);
        html_escape(out, e->q->name);
        fputs("\">", out);
        html_math(out, sym, false);
        fputs(" =</label> <input type=\"text\" inputmode=\"decimal\" "
              "autocomplete=\"off\" spellcheck=\"false\" id=\"bp-a-",
              out);
        html_escape(out, e->q->name);
        fputs("\" data-name=\"", out);
        html_escape(out, e->q->name);
        fputs("\"> <output aria-live=\"polite\"></output></p>\n", out);
    }
    fputs("</div>\n", out);
    return BP_OK;
}

static void interpretation(FILE *out, const char *text, bool math)
{
    fputs("<p class=\"explain\"><em>Interpretation:</em> ", out);
    if (math)
        prose_with_math(out, text);
    else
        html_escape(out, text);
    fputs("</p>\n", out);
}

static void explain(bp_html *h, const bp_walk_event *e)
{
    char text[4096];
    bp_str s;
    bp_writer w = text_writer(&h->x.c);
    bp_str_init(&s, text, sizeof text);
    if (bp_explain(&w, e->q, e->part, "$", "$", &s))
        interpretation(h->x.c.out, text, true);
}

static void math_cell(FILE *out, const char *tex)
{
    fputs("<td>", out);
    html_math(out, tex, false);
    fputs("</td>", out);
}

static void summary(bp_html *h, const bp_walk_event *e)
{
    bp_text *c = &h->x.c;
    FILE *out = c->out;
    char cell[TEXT_CELL], sym[TEXT_CELL];
    fputs("<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr>"
          "<th scope=\"col\">Parameter</th><th scope=\"col\">Old</th>"
          "<th scope=\"col\">New</th><th scope=\"col\">Change</th></tr>"
          "</thead>\n<tbody>\n",
          out);
    for (int i = 0; i < e->n_rows; i++) {
        const bp_walk_row *r = &e->rows[i];
        fputs("<tr><th scope=\"row\">", out);
        html_escape(out, r->label);
        text_symbol(c, r->before, sym, sizeof sym);
        html_math(out, sym, false);
        fputs("</th>", out);
        text_cell(c, bp_quantity_value(r->before, c->nf.mode), r->after, cell);
        math_cell(out, text_blank(c, r->before) ? c->blank : cell);
        text_cell(c, bp_quantity_value(r->after, c->nf.mode), r->after, cell);
        math_cell(out, text_blank(c, r->after) ? c->blank : cell);
        if (!r->change)
            fputs("<td>fixed</td>", out);
        else if (text_blank(c, r->change))
            math_cell(out, c->blank);
        else
            math_cell(out, (text_signed_cell(c, r->change, cell), cell));
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

/* A sequential trace's numbers beside the correct path's. */
static void paths(bp_html *h, const bp_walk_event *e)
{
    bp_text *c = &h->x.c;
    FILE *out = c->out;
    char cell[TEXT_CELL], sym[TEXT_CELL];
    fputs("<h2>The sequential path beside the correct one</h2>\n<p>", out);
    html_escape(out, e->n_rows ? bp_walk_paths_note : bp_walk_paths_none);
    fputs("</p>\n", out);
    if (!e->n_rows)
        return;
    fputs("<table class=\"summary\">\n<thead><tr>"
          "<th scope=\"col\">Quantity</th>"
          "<th scope=\"col\">Yours (sequential)</th>"
          "<th scope=\"col\">Correct</th></tr></thead>\n<tbody>\n",
          out);
    for (int i = 0; i < e->n_rows; i++) {
        const bp_walk_row *r = &e->rows[i];
        fputs("<tr><th scope=\"row\">", out);
        text_symbol(c, r->before, sym, sizeof sym);
        html_math(out, sym, false);
        fputs("</th>", out);
        text_cell(c, bp_quantity_value(r->before, c->nf.mode), r->before,
                  cell);
        math_cell(out, cell);
        text_cell(c, bp_quantity_value(r->after, c->nf.mode), r->after, cell);
        math_cell(out, cell);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

static void table(bp_html *h, const char *notes)
{
    bp_text *c = &h->x.c;
    FILE *out = c->out;
    const bp_exercise *ex = c->l->exercise;
    char cell[TEXT_CELL];
    fputs("<h2>Comparison</h2>\n<table class=\"comparison\">\n<thead><tr>",
          out);
    for (int j = 0; j < ex->n_table; j++) {
        bp_str s;
        bp_str_init(&s, cell, sizeof cell);
        bp_formula_display(c->st, ex->table[j], &s);
        fputs("<th scope=\"col\">", out);
        html_math(out, cell, false);
        fputs("</th>", out);
    }
    if (notes) {
        fputs("<th scope=\"col\">", out);
        html_escape(out, notes);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int k = 0; k < ex->n_cases; k++) {
        fputs("<tr>", out);
        for (int j = 0; j < ex->n_table; j++) {
            const bp_quantity *q = bp_walk_table_value(c->t, j, k);
            math_cell(out, !q                  ? "-"
                           : text_blank(c, q) ? c->blank
                                              : text_val(c, q, cell));
        }
        if (notes) {
            fputs("<td class=\"note\">", out);
            if (ex->cases[k].note)
                html_escape(out, ex->cases[k].note);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

static void errata(bp_html *h)
{
    FILE *out = h->x.c.out;
    fputs("<h2 id=\"bp-errata\">Errata in the lecture</h2>\n<ul>\n", out);
    for (int i = 0; i < h->x.c.l->n_errata; i++) {
        const bp_erratum *e = &h->x.c.l->errata[i];
        fputs("<li>", out);
        html_escape(out, e->name);
        fputs(": the lecture prints ", out);
        html_escape(out, e->printed);
        fputs(", correct is ", out);
        html_escape(out, e->correct);
        fputs(". ", out);
        html_escape(out, e->why);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

static void heading(FILE *out, const char *tag, const char *attrs,
                    const char *text)
{
    fprintf(out, "<%s%s>", tag, attrs);
    html_escape(out, text);
    fprintf(out, "</%s>\n", tag);
}

bp_status html_on_event(const bp_walk_event *e, void *ctx)
{
    bp_html *h = ctx;
    bp_text *c = &h->x.c;
    FILE *out = c->out;
    char buf[TEXT_CELL];
    switch (e->kind) {
    case BP_WALK_HEADER:
        header(h, e->text);
        break;
    case BP_WALK_WARNING:
        fputs("<p class=\"warning\" role=\"note\"><strong>Warning:</strong> "
              "this trace makes the sequential-update mistake on purpose. "
              "Each layer's weights are updated before the error terms of "
              "the layer below are computed, so those use the new weights. "
              "The lecture computes every delta before any weight changes: "
              "each number this changes is set beside the correct one at "
              "the end.</p>\n",
              out);
        break;
    case BP_WALK_GIVEN_HEADING:
        heading(out, "h2", "", "Given");
        break;
    case BP_WALK_GIVENS:
        givens(h, e);
        break;
    case BP_WALK_GIVEN_NOTE:
        heading(out, "p", " class=\"note\"", e->text);
        break;
    case BP_WALK_FIGURE:
        figure(h);
        break;
    case BP_WALK_PART:
        part(h, e->phase);
        break;
    case BP_WALK_UNIT:
        snprintf(buf, sizeof buf, " class=\"unit\" data-unit=\"%d\"",
                 e->unit);
        fprintf(out, "<h3%s>", buf);
        html_escape(out, bp_walk_unit_title(c->l, e->unit, buf, sizeof buf));
        fputs("</h3>\n", out);
        break;
    case BP_WALK_CASE:
        heading(out, "h2", "",
                bp_walk_case_title(c->l, e->case_index, buf, sizeof buf));
        break;
    case BP_WALK_STEP:
        heading(out, "h3", "", c->l->exercise->steps[e->step].title);
        break;
    case BP_WALK_DERIVATION:
        return derivation(h, e);
    case BP_WALK_EXPLAIN:
        explain(h, e);
        break;
    case BP_WALK_ERRATUM:
        text_symbol(c, e->q, buf, sizeof buf);
        fputs("<p class=\"erratum\">Erratum: the lecture prints ", out);
        html_math(out, buf, false);
        fputs(" = ", out);
        html_escape(out, e->erratum->printed);
        fputs(" here; see <a href=\"#bp-errata\">Errata in the lecture</a> "
              "below.</p>\n",
              out);
        break;
    case BP_WALK_STEP_NOTE:
    case BP_WALK_CLOSING:
        interpretation(out, e->text, false);
        break;
    case BP_WALK_SUMMARY:
        summary(h, e);
        break;
    case BP_WALK_TABLE:
        table(h, e->text);
        break;
    case BP_WALK_PATHS:
        paths(h, e);
        break;
    case BP_WALK_ERRATA:
        errata(h);
        break;
    case BP_WALK_KIND_COUNT:
        assert(false);
        break;
    }
    return BP_OK;
}

/* ---- the page around the events ---- */

/* A JSON string, safe inside a <script>: < written as \u003c. */
static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

void html_page_begin(bp_html *h, const char *source, bool worksheet)
{
    FILE *out = h->x.c.out;
    bool modes = source && bp_html_module_js[0];
    bool quiz = modes && !h->key;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<meta name=\"generator\" content=\"bptrace\">\n"
          "<title>",
          out);
    html_escape(out, h->x.c.l->title);
    fputs(worksheet ? " (worksheet)" : "", out);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body%s>\n",
            bp_html_page_css, worksheet ? " class=\"worksheet\"" : "");
    fputs("<nav id=\"bp-bar\" aria-label=\"Modes\" hidden>\n"
          "<button type=\"button\" data-mode=\"trace\" aria-pressed=\"true\">"
          "Trace</button>\n"
          "<button type=\"button\" data-mode=\"step\" aria-pressed=\"false\">"
          "Step</button>\n",
          out);
    if (quiz)
        fputs("<button type=\"button\" data-mode=\"quiz\" "
              "aria-pressed=\"false\">Quiz</button>\n",
              out);
    if (modes) /* page.js hides it on a worksheet */
        fputs("<button type=\"button\" data-mode=\"edit\" "
              "aria-pressed=\"false\">Edit</button>\n",
              out);
    fputs("<span id=\"bp-step-controls\" hidden>"
          "<button type=\"button\" id=\"bp-back\" aria-keyshortcuts=\"ArrowLeft\">"
          "&#8592; Back</button> "
          "<button type=\"button\" id=\"bp-next\" aria-keyshortcuts=\"ArrowRight\">"
          "Next &#8594;</button> <span id=\"bp-step-at\" aria-live=\"polite\">"
          "</span></span>\n",
          out);
    if (quiz)
        fputs("<span id=\"bp-quiz-controls\" hidden>"
              "<button type=\"button\" id=\"bp-check\">Check my answers"
              "</button> <a id=\"bp-save\" download=\"answers.yaml\" "
              "href=\"#\">Save answers</a> <span id=\"bp-score\" "
              "aria-live=\"polite\"></span></span>\n",
              out);
    fputs("</nav>\n", out);
    if (modes)
        fputs("<form id=\"bp-edit\" hidden aria-label=\"Edit the lesson\">"
              "</form>\n",
              out);
    if (!modes)
        fputs("<p class=\"nomodes\">This page shows the whole trace. Quiz "
              "and edit modes need bptrace built with its WebAssembly "
              "module: ask your teacher for a page made with it.</p>\n",
              out);
    fputs("<main id=\"bp-main\">\n", out);
}

/* A given the page's edit mode may change: {"name", "label", "value"}. */
static void param(FILE *out, bool *first, const char *name, const char *label,
                  double value)
{
    char num[TEXT_NUM];
    fputs(*first ? "\n  {\"name\": " : ",\n  {\"name\": ", out);
    *first = false;
    json_string(out, name);
    fputs(", \"label\": ", out);
    json_string(out, label);
    fputs(", \"value\": ", out);
    json_string(out, bp_format(num, sizeof num, value,
                               (bp_precision){BP_ROUND_NONE, 0}));
    fputc('}', out);
}

/* What edit mode offers (src/web/api.c applies it): the inputs, the
 * weights, the biases, eta and the activation; none for an exercise. */
static void params(FILE *out, const bp_lesson *l)
{
    char name[64], sym[TEXT_CELL];
    bool first = true;
    bp_activation act = BP_ACT_SIGMOID;
    fputs("[", out);
    if (l->n_layers > 0) {
        for (int u = 0; u < l->n_units && l->units[u].layer == 0; u++) {
            bp_name_output(l, u, name, sizeof name);
            param(out, &first, name,
                  svg_symbol(l, bp_symbol_output, u, sym, sizeof sym),
                  l->units[u].input);
        }
        for (int i = 0; i < l->n_weights; i++) {
            bp_name_weight(l, i, name, sizeof name);
            param(out, &first, name,
                  svg_symbol(l, bp_symbol_weight, i, sym, sizeof sym),
                  l->weights[i].value);
        }
        for (int u = 0; u < l->n_units; u++) {
            if (l->units[u].layer == 0 || !l->units[u].has_bias)
                continue;
            bp_name_bias(l, u, name, sizeof name);
            param(out, &first, name,
                  svg_symbol(l, bp_symbol_bias, u, sym, sizeof sym),
                  l->units[u].bias);
        }
        param(out, &first, "eta", "\xCE\xB7", l->eta);
        act = l->layers[l->n_layers - 1].activation == BP_ACT_SOFTMAX &&
                      l->n_layers > 2
                  ? l->layers[1].activation
                  : l->layers[l->n_layers - 1].activation;
        fputs(",\n  {\"name\": \"activation\", \"label\": \"activation\", "
              "\"value\": ",
              out);
        json_string(out, bp_activation_name(act));
        fputs(", \"choices\": [", out);
        for (int a = 0; a < BP_ACT_COUNT; a++) {
            if (a == BP_ACT_SOFTMAX)
                continue;
            fputs(a ? ", " : "", out);
            json_string(out, bp_activation_name((bp_activation)a));
        }
        fputs("]}", out);
    }
    fputs("]", out);
}

void html_page_end(bp_html *h, const char *source, bool worksheet)
{
    FILE *out = h->x.c.out;
    const bp_lesson *l = h->x.c.l;
    char seed[32] = "";
    fputs("</main>\n", out);
    if (source) {
        if (l->is_variant)
            snprintf(seed, sizeof seed, "%llu", (unsigned long long)l->seed);
        fputs("<script type=\"application/json\" id=\"bp-data\">{\"lesson\": ",
              out);
        json_string(out, source);
        fputs(", \"seed\": ", out);
        json_string(out, seed);
        fprintf(out, ", \"exact\": %s, \"worksheet\": %s, \"params\": ",
                h->x.c.nf.mode == BP_MODE_EXACT ? "true" : "false",
                worksheet ? "true" : "false");
        params(out, l);
        fputs("}</script>\n", out);
    }
    /* the module first: the page's script looks for it */
    if (source && bp_html_module_js[0])
        fprintf(out, "<script>\n%s</script>\n", bp_html_module_js);
    fprintf(out, "<script>\n%s</script>\n", bp_html_page_js);
    fputs("</body>\n</html>\n", out);
}

bp_status bp_render_html(const bp_trace *t, const bp_render_options *opt,
                         FILE *out)
{
    bp_html h = {.quiz_inputs = true};
    text_init(&h.x.c, t, opt, out);
    h.x.c.st = bp_style_latex();
    h.x.fragment = opt->fragment;
    bp_writer w = text_writer(&h.x.c);
    if (!opt->fragment)
        html_page_begin(&h, opt->source, false);
    bp_status rc = bp_walk(t, &(bp_walk_options){&w, false}, html_on_event, &h);
    if (rc)
        return rc;
    if (!opt->fragment)
        html_page_end(&h, opt->source, false);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
