/* worksheet.c: a lesson as a worksheet, its answer key and its answers
 * file: the same walk as the trace (walk.c), laid out by the text, LaTeX
 * or Markdown renderer, with the chosen kinds of quantity left blank. */
#include "bptrace/render.h"
#include "render/answers_template.h"
#include "trace/graph.h"
#include "render/markup.h"
#include "render/html.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_BLANK "______"
/* "ID (NAME)": an id and a display name (bptrace/class.h's limits) */
#define BP_STUDENT_LINE_MAX 256

/* The names of the kinds, as the rounding profile names them, and short
 * forms a teacher types. */
static const struct {
    const char *name;
    bp_round_kind kind;
} kind_names[] = {
    {"net", BP_RK_NET},
    {"exp", BP_RK_EXP},
    {"activation", BP_RK_ACTIVATION},
    {"o", BP_RK_ACTIVATION},
    {"derivative", BP_RK_DERIVATIVE},
    {"product", BP_RK_PRODUCT},
    {"sum", BP_RK_SUM},
    {"delta", BP_RK_DELTA},
    {"weight_change", BP_RK_WEIGHT_CHANGE},
    {"change", BP_RK_WEIGHT_CHANGE},
    {"new_weight", BP_RK_NEW_WEIGHT},
    {"new", BP_RK_NEW_WEIGHT},
    {"error", BP_RK_ERROR},
    {"gradient", BP_RK_GRADIENT}, /* worksheet --gradients */
    /* quiz --only's names for the same kinds: one vocabulary */
    {"output", BP_RK_ACTIVATION},
    {"signal", BP_RK_SUM},
    {"weight", BP_RK_NEW_WEIGHT},
};
#define N_KIND_NAMES (sizeof kind_names / sizeof kind_names[0])

/* NAME, or its plural ("deltas"), as quiz --only takes it. */
static bool kind_name_is(const char *name, const char *p, size_t len)
{
    size_t n = strlen(name);
    return strncmp(p, name, n) == 0 &&
           (len == n || (len == n + 1 && p[n] == 's'));
}

bp_status bp_worksheet_parse_kinds(const char *text, unsigned *kinds,
                                   bp_error *err)
{
    *kinds = 0;
    if (strcmp(text, "all") == 0) {
        *kinds = BP_WORKSHEET_ALL;
        return BP_OK;
    }
    const char *p = text;
    for (;;) {
        size_t len = strcspn(p, ",");
        size_t i = 0;
        while (i < N_KIND_NAMES && !kind_name_is(kind_names[i].name, p, len))
            i++;
        if (i == N_KIND_NAMES) {
            char valid[512];
            bp_worksheet_kind_list(BP_WORKSHEET_ALL, valid, sizeof valid);
            return bp_error_set(err, BP_ERR_INPUT, "", (bp_pos){0, 0},
                                "unknown kind '%.*s' (the kinds are: all, "
                                "%s; and o, change, new for short, and "
                                "output, signal, weight as quiz --only "
                                "names them; each also as a plural)",
                                (int)(len < 64 ? len : 64), p, valid);
        }
        *kinds |= 1u << kind_names[i].kind;
        if (!p[len])
            return BP_OK;
        p += len + 1;
    }
}

const char *bp_worksheet_kind_list(unsigned kinds, char *buf, size_t size)
{
    bp_str s;
    bp_str_init(&s, buf, size);
    for (int k = 0; k < BP_RK_COUNT; k++)
        if (kinds & (1u << k))
            bp_str_add(&s, "%s%s", s.len ? ", " : "", bp_round_kind_name(k));
    return buf;
}

/* A quantity of a chosen kind is blank (a kept parameter is not: there is
 * nothing to find), and so is every number worked out from a blank,
 * wherever it is written: shown, it would give the blank back in a step
 * (t - o = 1 - ______ = 0.526; -0.3 + ______ = -0.261; a new bias and
 * the old one give eta delta).  A quantity of a kind in `reveal` is shown
 * all the same: the instructor's choice.  The trace is in order: inputs
 * come first, so one pass closes the set. */
void bp_worksheet_blanks_shown(const bp_trace *t, unsigned kinds,
                               unsigned reveal, bool *blank)
{
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        blank[i] = false;
        if (bp_qkind_is_given(q->kind) || (q->kind == BP_Q_NEW_PARAM &&
                                           q->fixed))
            continue;
        bp_round_kind k = bp_qkind_round_kind(q->kind);
        unsigned bit = k < BP_RK_COUNT ? 1u << k : 0;
        if (bit & kinds)
            blank[i] = true;
        else if (!(bit & reveal))
            for (int j = 0; j < q->n_in && !blank[i]; j++)
                blank[i] = blank[t->in_pool[q->first_in + j]];
    }
}

void bp_worksheet_blanks(const bp_trace *t, unsigned kinds, bool *blank)
{
    bp_worksheet_blanks_shown(t, kinds, 0, blank);
}

/* ---- the worksheet: a renderer's events, and what a worksheet says
 * after the header ---- */

typedef struct {
    bp_walk_emit base;
    bp_tex *x;
    const bp_worksheet_options *o;
    bp_chain *marked; /* a key: a derivation with its answer marked */
} sheet;

/* A key's derivation of what was a blank on the worksheet: its result
 * marked, bold in LaTeX and Markdown, [in brackets] in text, so that a
 * grader finds each answer at a glance. */
static const bp_walk_event *mark_answer(const sheet *s,
                                        const bp_walk_event *e,
                                        bp_walk_event *copy)
{
    const bp_text *c = &s->x->c;
    if (e->kind != BP_WALK_DERIVATION || !c->marks ||
        !c->marks[e->q - c->t->q] || e->chain->n < 1)
        return e;
    *s->marked = *e->chain;
    char *last = s->marked->step[s->marked->n - 1];
    char plain[BP_STEP_MAX];
    snprintf(plain, sizeof plain, "%s", last);
    snprintf(last, BP_STEP_MAX, s->x->m ? "\\mathbf{%.*s}" : "[%.*s]",
             BP_STEP_MAX - 16, plain);
    *copy = *e;
    copy->chain = s->marked;
    return copy;
}

/* A roster's student: who the sheet is for, beside the variant in the
 * title. */
static void student_line(const sheet *s)
{
    const bp_worksheet_options *o = s->o;
    char who[BP_STUDENT_LINE_MAX];
    if (o->student_name && *o->student_name)
        snprintf(who, sizeof who, "%s (%s)", o->student, o->student_name);
    else
        snprintf(who, sizeof who, "%s", o->student);
    if (s->x->m) {
        markup_lead(s->x, "Student", who);
        return;
    }
    fprintf(s->x->c.out, "\nStudent: %s\n", who);
}

static void instructions(const sheet *s)
{
    char kinds[512];
    bp_worksheet_kind_list(s->o->blank, kinds, sizeof kinds);
    const char *what = s->o->key ? "Answer key" : "Worksheet";
    const char *todo = s->o->key
                           ? "the worksheet's blanks filled in"
                           : "work out each number left blank and write "
                             "it with the digits the rounding above asks "
                             "for";
    const char *left = s->o->blank ? kinds : "nothing";
    if (s->o->format == BP_RENDER_HTML) {
        fprintf(s->x->c.out, "<p class=\"instructions\"><strong>%s:</strong> "
                             "%s. Left blank: ", what, todo);
        html_escape(s->x->c.out, left);
        fputs(".</p>\n", s->x->c.out);
        return;
    }
    if (s->x->m) {
        markup_instructions(s->x, what, todo, left);
        return;
    }
    char line[1024];
    snprintf(line, sizeof line, "%s: %s. Left blank: %s.", what, todo, left);
    fputc('\n', s->x->c.out);
    text_wrap(s->x->c.out, "", "", line);
}

static bp_status sheet_on_event(const bp_walk_event *e, void *ctx)
{
    sheet *s = ctx;
    bp_walk_event copy;
    e = mark_answer(s, e, &copy);
    bp_status rc = s->base(e, s->x->m ? (void *)s->x : (void *)&s->x->c);
    if (!rc && e->kind == BP_WALK_HEADER) {
        if (s->o->student)
            student_line(s);
        instructions(s);
    }
    return rc;
}

/* The worksheet is laid out by the format's markup (markup.c), or with
 * none by the text renderer, which draws the network after the givens. */
bp_status bp_render_worksheet(const bp_trace *t, const bp_worksheet_options *o,
                              FILE *out)
{
    if (!bp_render_format_about(o->format)->worksheet)
        return BP_ERR_INPUT;
    size_t n = (size_t)t->n + 1;
    /* blank[0, n): the worksheet's blanks; a key's are none, and
     * blank[n, 2n) says which to mark */
    bool *blank = calloc(2 * n, sizeof *blank);
    bp_chain *marked = o->key ? malloc(sizeof *marked) : NULL;
    if (!blank || (o->key && !marked)) {
        free(blank);
        free(marked);
        return BP_ERR_NOMEM;
    }
    bp_worksheet_blanks_shown(t, o->blank, o->reveal,
                              o->key ? blank + n : blank);
    /* a lesson without a rounding profile has only exact numbers */
    bp_render_options ropt = {
        .mode = t->hand_rounding ? o->mode : BP_MODE_EXACT,
        .digits = o->digits > 0 ? o->digits : 4,
        .ascii = o->ascii};
    bool html = o->format == BP_RENDER_HTML;
    bp_html h = {.x = {.m = markup_of(o->format),
                       .fragment = o->fragment ||
                                   !bp_render_format_about(o->format)
                                        ->fragment},
                 .key = o->key};
    bp_tex *x = &h.x; /* h's first member: html_on_event takes either */
    text_init(&x->c, t, &ropt, out);
    x->c.blanks = blank;
    x->c.marks = o->key ? blank + n : NULL;
    x->c.worksheet = true;
    sheet s = {html ? html_on_event : x->m ? markup_on_event : text_on_event,
               x, o, marked};
    if (x->m || html) {
        x->c.st = bp_style_latex();
        x->c.blank = x->m && x->m->sheet_blank ? x->m->sheet_blank : TEX_BLANK;
        x->c.blank_exp = x->m ? x->m->sheet_blank_exp : NULL;
        x->paper = o->paper == BP_PAPER_LETTER ? "letterpaper" : "a4paper";
        x->space = o->space;
    } else {
        x->c.blank = TEXT_BLANK;
        x->c.figure = true;
    }
    bp_writer w = text_writer(&x->c);
    if (html)
        html_page_begin(&h, o->source, true);
    bp_status rc =
        bp_walk(t, &(bp_walk_options){&w, true}, sheet_on_event, &s);
    if (!rc && x->m)
        markup_end(x);
    if (!rc && html)
        html_page_end(&h, o->source, true);
    free(blank);
    free(marked);
    if (rc)
        return rc;
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

bp_status bp_worksheet_answers_template(const bp_trace *t,
                                        const bp_worksheet_options *o,
                                        FILE *out)
{
    bool *blank = malloc(((size_t)t->n + 1) * sizeof *blank);
    if (!blank)
        return BP_ERR_NOMEM;
    bp_worksheet_blanks_shown(t, o->blank, o->reveal, blank);
    /* who the file is for, beside the variant the next line names (a
     * roster's name holds no line break: class.h) */
    if (o->student)
        fprintf(out, "# Student: %s%s%s%s\n", o->student,
                o->student_name && *o->student_name ? " (" : "",
                o->student_name ? o->student_name : "",
                o->student_name && *o->student_name ? ")" : "");
    bp_status rc = bp_report_template_for(
        t, blank, t->hand_rounding ? o->mode : BP_MODE_EXACT,
        o->digits > 0 ? o->digits : 4, o->student, out);
    free(blank);
    return rc;
}
