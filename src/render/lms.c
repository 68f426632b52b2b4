/* lms.c: what the Moodle and QTI writers share: XML escaping, a variant's
 * question as HTML with MathJax TeX (the worksheet's walk, laid out), a
 * quantity's question on its own, and its worked step as feedback. */
#include "render/lms.h"
#include "render/markup.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* XML 1.0 has no control characters but tab, newline and carriage
 * return, not even escaped ("\x07" in a lesson's YAML): a space. */
static void put_xml_char(FILE *out, char c)
{
    unsigned char u = (unsigned char)c;
    fputc(u < 0x20 && u != '\t' && u != '\n' && u != '\r' ? ' ' : c, out);
}

void lms_xml_escape(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: put_xml_char(out, *s); break;
        }
    }
}

void lms_cdata(FILE *out, const char *s)
{
    fputs("<![CDATA[", out);
    for (; *s; s++) {
        if (strncmp(s, "]]>", 3) == 0) {
            fputs("]]]]><![CDATA[>", out); /* "]]" ends one, ">" starts the next */
            s += 2;
            continue;
        }
        put_xml_char(out, *s);
    }
    fputs("]]>", out);
}

const char *lms_number(double x, int places, char *buf, size_t size)
{
    if (places < 0)
        places = 0;
    if (fabs(x) < 0.5 * pow(10.0, -places))
        x = 0; /* never "-0.000" */
    snprintf(buf, size, "%.*f", places, x);
    return buf;
}

void lms_ident(const char *name, char *buf, size_t size)
{
    size_t n = 0, len;
    const char *slash = strrchr(name, '/');
    name = slash ? slash + 1 : name; /* a lesson's path: its file's name */
    len = strlen(name);
    if (len > 5 && strcmp(name + len - 5, ".yaml") == 0)
        len -= 5;
    for (const char *p = name; p < name + len && n + 1 < size; p++)
        buf[n++] = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                           (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'
                       ? *p
                       : '_';
    buf[n] = '\0';
}

const char *lms_variant_name(const bp_lms_variant *v, char *buf,
                             size_t size)
{
    if (v->varied)
        snprintf(buf, size, "seed %llu", (unsigned long long)v->seed);
    else
        snprintf(buf, size, "the lesson's own numbers");
    return buf;
}

const char *lms_trace_command(const bp_lms_bank *b, const bp_lms_variant *v,
                              char *buf, size_t size)
{
    if (v->varied)
        snprintf(buf, size, "bptrace trace %s --seed %llu", b->lesson,
                 (unsigned long long)v->seed);
    else
        snprintf(buf, size, "bptrace trace %s", b->lesson);
    return buf;
}

/* A text context over the variant's trace with TeX symbols. */
static void tex_context(const bp_lms_bank *b, const bp_lms_variant *v,
                        const bool *blanks, FILE *out, bp_text *c)
{
    bp_render_options ropt = {.mode = b->mode,
                              .digits = b->digits > 0 ? b->digits : 4};
    text_init(c, v->trace, &ropt, out);
    c->st = bp_style_latex();
    c->blanks = blanks;
    c->blank = "\\square";
    c->worksheet = true;
}

void lms_worked(const bp_lms_bank *b, const bp_lms_variant *v,
                const bp_quantity *q, char *buf, size_t size)
{
    bp_writer w = {.t = v->trace,
                   .st = bp_style_get(true),
                   .nf = {b->mode, b->digits > 0 ? b->digits : 4}};
    bp_chain *ch = malloc(sizeof *ch);
    bp_str s;
    bp_str_init(&s, buf, size);
    if (!ch) {
        bp_str_put(&s, q->name);
        return;
    }
    bp_derive(&w, q, ch);
    bp_str_add(&s, "%s%s%s", ch->lhs, ch->labelled ? ": " : " = ",
               ch->n ? ch->step[0] : "");
    for (int i = 1; i < ch->n; i++)
        if (!bp_chain_repeats(ch, i))
            bp_str_add(&s, " = %s", ch->step[i]);
    free(ch);
    lms_plain(buf);
}

char *lms_plain(char *s)
{
    for (char *p = s; *p; p++)
        if (strchr("{}#~\\<>&\"", *p))
            *p = *p == '{' ? '(' : *p == '}' ? ')' : ' ';
    return s;
}

/* ---- the question: the walk's events as HTML ---- */

typedef struct {
    bp_text c;
    const bp_lms_bank *b;
    const bp_lms_variant *v;
    lms_gap_fn gap;
    void *gap_ctx;
    bool stop; /* only the givens were asked for, and they are written */
} html_ctx;

/* "\( lhs = step = ... = \)" and the gap, or the whole chain. */
static void chain_html(FILE *out, const bp_chain *ch, bool blank)
{
    int n = blank ? ch->n - 1 : ch->n; /* a blank's last step is the box */
    fputs("\\(", out);
    if (ch->labelled) {
        fputs("\\text{", out);
        lms_xml_escape(out, ch->lhs);
        fputs(":}\\quad ", out);
    } else {
        lms_xml_escape(out, ch->lhs);
        fputs(" = ", out);
    }
    for (int i = 0; i < n; i++) {
        if (bp_chain_repeats(ch, i))
            continue;
        if (i)
            fputs(" = ", out);
        lms_xml_escape(out, ch->step[i]);
    }
    fputs(blank ? " = \\)" : "\\)", out);
}

static bp_status figure_html(html_ctx *x)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return BP_ERR_NOMEM;
    bp_text fig;
    text_init(&fig, x->v->trace,
              &(bp_render_options){.mode = x->b->mode, .digits = 4}, mem);
    text_figure(&fig);
    if (fclose(mem) != 0) {
        free(text);
        return BP_ERR_NOMEM;
    }
    fputs("<p>The network (inputs on the left):</p>\n<pre>", x->c.out);
    lms_xml_escape(x->c.out, text);
    fputs("</pre>\n", x->c.out);
    free(text);
    return BP_OK;
}

static void header_html(html_ctx *x)
{
    FILE *out = x->c.out;
    char buf[2048];
    fputs("<p><strong>", out);
    lms_xml_escape(out, x->c.l->title ? x->c.l->title : "");
    fputs("</strong></p>\n<p>Variant: ", out);
    lms_xml_escape(out, lms_variant_name(x->v, buf, sizeof buf));
    fputs(" (<code>", out);
    lms_xml_escape(out, lms_trace_command(x->b, x->v, buf, sizeof buf));
    fputs("</code> works it).</p>\n<p>", out);
    lms_xml_escape(out, text_numbers(&x->c, buf, sizeof buf));
    fputs("</p>\n", out);
}

static bp_status on_event(const bp_walk_event *e, void *ctx)
{
    html_ctx *x = ctx;
    FILE *out = x->c.out;
    char buf[TEXT_CELL];
    switch (e->kind) {
    case BP_WALK_HEADER:
        header_html(x);
        break;
    case BP_WALK_GIVEN_HEADING:
        fputs("<p><strong>Given</strong></p>\n", out);
        break;
    case BP_WALK_GIVENS:
        fputs("<p>", out);
        if (e->label) {
            lms_xml_escape(out, e->label);
            fputs(": ", out);
        } else if (e->step >= 0 || e->case_index >= 0) {
            fputs("Given: ", out);
        }
        for (int i = 0; i < e->n_items; i++) {
            fputs(i ? ", \\(" : "\\(", out);
            tex_given(&x->c, e->items[i], out);
            fputs("\\)", out);
        }
        fputs("</p>\n", out);
        break;
    case BP_WALK_GIVEN_NOTE:
        fputs("<p><small>", out);
        lms_xml_escape(out, e->text);
        fputs("</small></p>\n", out);
        break;
    case BP_WALK_FIGURE:
        /* a question on its own has the givens: the drawing would only
         * repeat them, once per item */
        return x->gap ? figure_html(x) : BP_OK;
    case BP_WALK_PART:
        if (!x->gap) {
            x->stop = true; /* only the givens were asked for */
            return BP_OK;
        }
        fputs("<p><strong>", out);
        lms_xml_escape(out, bp_walk_part_title(e->phase));
        fputs("</strong></p>\n", out);
        break;
    case BP_WALK_UNIT:
        fputs("<p><em>", out);
        lms_xml_escape(out, bp_walk_unit_title(x->c.l, e->unit, buf,
                                               sizeof buf));
        fputs(":</em></p>\n", out);
        break;
    case BP_WALK_CASE:
        if (!x->gap) {
            x->stop = true;
            return BP_OK;
        }
        fputs("<p><strong>", out);
        lms_xml_escape(out, bp_walk_case_title(x->c.l, e->case_index, buf,
                                               sizeof buf));
        fputs("</strong></p>\n", out);
        break;
    case BP_WALK_STEP:
        if (!x->gap) {
            x->stop = true;
            return BP_OK;
        }
        fputs("<p><em>", out);
        lms_xml_escape(out, x->c.l->exercise->steps[e->step].title);
        fputs("</em></p>\n", out);
        break;
    case BP_WALK_DERIVATION: {
        bool asked = e->blank && x->v->answers[e->q - x->v->trace->q].asked;
        fputs("<p>", out);
        chain_html(out, e->chain, e->blank);
        if (asked) {
            fputc(' ', out);
            bp_status rc = x->gap(x->v, e->q, out, x->gap_ctx);
            if (rc != BP_OK)
                return rc;
        } else if (e->blank) {
            fputs(" \\(\\square\\)", out);
        }
        fputs("</p>\n", out);
        break;
    }
    /* what would give a number away, or that a bank has no room for */
    case BP_WALK_WARNING:
    case BP_WALK_EXPLAIN:
    case BP_WALK_ERRATUM:
    case BP_WALK_STEP_NOTE:
    case BP_WALK_SUMMARY:
    case BP_WALK_TABLE:
    case BP_WALK_CLOSING:
    case BP_WALK_ERRATA:
    case BP_WALK_PATHS:
    case BP_WALK_KIND_COUNT:
        break;
    }
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

bp_status lms_question_html(const bp_lms_bank *b, const bp_lms_variant *v,
                            lms_gap_fn gap, void *ctx, FILE *out)
{
    html_ctx x = {.b = b, .v = v, .gap = gap, .gap_ctx = ctx};
    tex_context(b, v, gap ? v->blank : NULL, out, &x.c);
    bp_writer w = text_writer(&x.c);
    bp_walk_iter *it = bp_walk_start(v->trace, &(bp_walk_options){&w, true});
    if (!it)
        return BP_ERR_NOMEM;
    bp_status rc = BP_OK;
    const bp_walk_event *e;
    while (rc == BP_OK && !x.stop && (e = bp_walk_next(it)))
        rc = on_event(e, &x);
    if (rc == BP_OK && !x.stop && bp_walk_status(it) == BP_ERR_NOMEM)
        rc = BP_ERR_NOMEM;
    bp_walk_free(it);
    if (rc != BP_OK)
        return rc;
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

bp_status lms_find_html(const bp_lms_bank *b, const bp_lms_variant *v,
                        const bp_quantity *q, FILE *out)
{
    const bp_trace *t = v->trace;
    bool *only = calloc((size_t)t->n + 1, sizeof *only);
    bp_chain *ch = malloc(sizeof *ch);
    if (!only || !ch) {
        free(only);
        free(ch);
        return BP_ERR_NOMEM;
    }
    only[q - t->q] = true;
    bp_text c;
    tex_context(b, v, only, out, &c);
    bp_writer w = text_writer(&c);
    bp_derive(&w, q, ch);
    ch->n = ch->shown; /* the formula and the numbers substituted */
    const bp_lms_answer *a = &v->answers[q - t->q];
    char num[64];
    fputs("<p>Find ", out);
    if (ch->n) {
        chain_html(out, ch, false);
    } else {
        fputs("\\(", out);
        lms_xml_escape(out, ch->lhs);
        fputs("\\)", out);
    }
    fputs(" = ?", out);
    snprintf(num, sizeof num, "%d", a->decimals);
    fprintf(out, "</p>\n<p>Give it with %s decimal%s.</p>\n", num,
            a->decimals == 1 ? "" : "s");
    free(ch);
    free(only);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
