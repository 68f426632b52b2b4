/* text.c: what the text renderers share. */
#include "bptrace/render.h"
#include "render/text.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define NUM TEXT_NUM

void text_init(bp_text *c, const bp_trace *t, const bp_render_options *opt,
               FILE *out)
{
    *c = (bp_text){.t = t, .l = t->lesson, .st = bp_style_get(opt->ascii),
                   .nf = {opt->mode, opt->digits}, .out = out};
}

bp_writer text_writer(const bp_text *c)
{
    return (bp_writer){.t = c->t, .st = c->st, .nf = c->nf,
                       .blank = c->blanks, .blank_text = c->blank,
                       .blank_exp_text = c->blank_exp};
}

bool text_blank(const bp_text *c, const bp_quantity *q)
{
    return c->blanks && c->blanks[q - c->t->q];
}

/* Columns a UTF-8 string takes: one per code point. */
int text_width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* A line gathered from its pieces and written with one call: stdio costs
 * about a hundred instructions a call, and a derivation or a paragraph is
 * dozens of pieces. */
typedef struct {
    FILE *out;
    size_t len;
    char buf[1024];
} text_line;

/* An empty line; its buffer is left as it is (zeroing 1 KB a line would
 * cost more than writing the line). */
static text_line line_start(FILE *out)
{
    text_line l;
    l.out = out;
    l.len = 0;
    return l;
}

static void line_put(text_line *l, const char *s, size_t n)
{
    if (l->len + n > sizeof l->buf) {
        fwrite(l->buf, 1, l->len, l->out);
        l->len = 0;
        if (n > sizeof l->buf) {
            fwrite(s, 1, n, l->out);
            return;
        }
    }
    memcpy(l->buf + l->len, s, n);
    l->len += n;
}

static void line_puts(text_line *l, const char *s)
{
    line_put(l, s, strlen(s));
}

static void line_pad(text_line *l, int n)
{
    for (; n > 0; n--)
        line_put(l, " ", 1);
}

static void line_end(text_line *l)
{
    line_put(l, "\n", 1);
    fwrite(l->buf, 1, l->len, l->out);
    l->len = 0;
}

void text_pad(FILE *out, int n)
{
    static const char spaces[] = "                                ";
    for (; n > 0; n -= (int)sizeof spaces - 1)
        fwrite(spaces, 1, n < (int)sizeof spaces - 1 ? (size_t)n
                                                     : sizeof spaces - 1,
               out);
}

/* Steps that repeat the one before (a single term, an integer) are
 * dropped, so nothing is written twice. */
void text_chain(bp_text *c, const bp_chain *ch, bool compact)
{
    text_line line = line_start(c->out);
    line_puts(&line, "  ");
    line_puts(&line, ch->lhs);
    line_puts(&line, ch->labelled ? ": " : " = ");
    line_puts(&line, ch->step[0]);
    for (int i = 1; i < ch->n; i++) {
        if (bp_chain_repeats(ch, i))
            continue;
        if (!compact) {
            line_end(&line);
            line_pad(&line, 2 + text_width(ch->lhs));
        }
        line_puts(&line, " = ");
        line_puts(&line, ch->step[i]);
    }
    line_end(&line);
}

const char *text_val(bp_text *c, const bp_quantity *q, char *buf)
{
    return bp_formula_value(&c->nf, q, buf, NUM);
}

const bp_quantity *text_in(bp_text *c, const bp_quantity *q, int i)
{
    return bp_trace_input(c->t, q, i);
}

void text_symbol(bp_text *c, const bp_quantity *q, char *buf, size_t size)
{
    bp_str s;
    bp_str_init(&s, buf, size);
    bp_formula_symbol(c->st, c->t, q, &s);
}

/* The lesson's record of the lecture's slips, with the reasons. */
void text_errata(bp_text *c)
{
    if (!c->l->n_errata)
        return;
    text_heading(c, "Errata in the lecture");
    for (int i = 0; i < c->l->n_errata; i++) {
        const bp_erratum *e = &c->l->errata[i];
        /* the quantity as the derivations write it (Δw₄₆), its name
         * where the trace has none of that name */
        const bp_quantity *q = bp_trace_find(c->t, e->name);
        char sym[TEXT_CELL];
        if (q)
            text_symbol(c, q, sym, sizeof sym);
        char text[TEXT_CELL + 2 * BP_NAME_MAX + 1024];
        snprintf(text, sizeof text, "%s: the lecture prints %s, correct is "
                                    "%s. %s", q ? sym : e->name, e->printed,
                 e->correct, e->why);
        text_wrapped(c, "  - ", "    ", text);
    }
}

void text_heading(bp_text *c, const char *text)
{
    fprintf(c->out, "\n%s\n", text);
}

void text_wrap(FILE *out, const char *first, const char *indent,
               const char *text)
{
    text_line line = line_start(out);
    int col = 0;
    bool first_line = true;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        size_t len = strcspn(p, " \n\t");
        if (!len)
            break;
        if (col && col + 1 + (int)len > TEXT_LINE) {
            line_end(&line);
            col = 0;
            first_line = false;
        }
        /* columns counted in bytes, as they always were */
        if (!col) {
            const char *lead = first_line ? first : indent;
            line_puts(&line, lead);
            col = (int)strlen(lead);
        } else {
            line_put(&line, " ", 1);
            col++;
        }
        line_put(&line, p, len);
        col += (int)len;
        p += len;
    }
    if (col)
        line_end(&line);
}

void text_wrapped(bp_text *c, const char *first, const char *indent,
                  const char *text)
{
    text_wrap(c->out, first, indent, text);
}

/* How the numbers are written: "Numbers: by hand. ..." or exact. */
const char *text_numbers(const bp_text *c, char *profile, size_t size)
{
    const bp_lesson *l = c->l;
    bp_str s;
    bp_str_init(&s, profile, size);
    if (c->nf.mode == BP_MODE_EXACT) {
        bp_str_add(&s, "Numbers: exact, shown to %d significant digits.",
                   c->nf.digits);
        return profile;
    }
    if (c->worksheet) /* the examples could be a lesson's answers */
        bp_str_add(&s, "Numbers: by hand. Round each number you write half "
                       "away from zero and use it rounded from then on:");
    else
        bp_str_add(&s, "Numbers: by hand. Each written number is rounded "
                       "half away from zero and used rounded from then on "
                       "(a rounded number is written with every digit, "
                       "0.4700; one that came out exact as it is, 0.515):");
    /* the gradient view's kind is said only where it is shown */
    int kinds = c->t && c->t->gradients ? BP_RK_COUNT : BP_RK_GRADIENT;
    for (int k = 0; k < kinds; k++) {
        bp_precision p = l->rounding[k];
        bp_str_add(&s, " %s %d %s%s", bp_round_kind_name(k), p.digits,
                   p.mode == BP_ROUND_SIGNIFICANT ? "sf" : "dp",
                   k + 1 < kinds ? "," : ".");
    }
    bool first = true;
    for (int k = 0; k < kinds; k++) {
        bp_precision p = l->verify_rounding[k], q = l->rounding[k];
        if (p.mode == q.mode && p.digits == q.digits)
            continue;
        bp_str_add(&s, "%s %s %d %s", first ? " Verification:" : ",",
                   bp_round_kind_name(k), p.digits,
                   p.mode == BP_ROUND_SIGNIFICANT ? "sf" : "dp");
        first = false;
    }
    if (!first)
        bp_str_put(&s, ".");
    return profile;
}

void text_header(bp_text *c, const char *description)
{
    const bp_lesson *l = c->l;
    char profile[1024];
    fprintf(c->out, "%s\n", l->title);
    text_wrapped(c, "Source: ", "", l->source);
    if (description)
        text_wrapped(c, "", "", description);
    if (c->nf.mode == BP_MODE_EXACT)
        fprintf(c->out, "%s\n", text_numbers(c, profile, sizeof profile));
    else
        text_wrapped(c, "", "", text_numbers(c, profile, sizeof profile));
}

/* A table cell: in hand mode every digit of the precision, so that the
 * column lines up (0.200 beside 0.192), as the lecture's table does. */
void text_cell(bp_text *c, double value, const bp_quantity *q, char *buf)
{
    if (c->nf.mode == BP_MODE_HAND)
        bp_format(buf, TEXT_CELL, value, q->precision);
    else
        bp_format_sig(buf, TEXT_CELL, value, c->nf.digits);
}

void text_signed_cell(bp_text *c, const bp_quantity *q, char *buf)
{
    text_cell(c, bp_quantity_value(q, c->nf.mode), q, buf);
    if (buf[0] != '-' && strspn(buf, "0.") != strlen(buf)) {
        memmove(buf + 1, buf, strlen(buf) + 1);
        buf[0] = '+';
    }
}

bp_status text_grid(bp_text *c, const char *const *cells, int n, int cols)
{
    int *w = calloc((size_t)cols, sizeof *w);
    if (!w)
        return BP_ERR_NOMEM;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < cols; j++)
            if (text_width(cells[i * cols + j]) > w[j])
                w[j] = text_width(cells[i * cols + j]);
    for (int i = 0; i < n; i++) {
        const char *const *row = cells + i * cols;
        text_line line = line_start(c->out);
        line_puts(&line, "  ");
        line_puts(&line, row[0]);
        line_pad(&line, w[0] - text_width(row[0]));
        for (int j = 1; j < cols; j++) {
            line_pad(&line, 3 + w[j] - text_width(row[j]));
            line_puts(&line, row[j]);
        }
        line_end(&line);
    }
    free(w);
    return BP_OK;
}

bp_status text_rows(bp_text *c, const text_row *rows, int n, int cols)
{
    const char **cells = malloc((size_t)n * (size_t)cols * sizeof *cells);
    if (!cells)
        return BP_ERR_NOMEM;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < cols; j++)
            cells[i * cols + j] = rows[i].cell[j];
    bp_status rc = text_grid(c, cells, n, cols);
    free(cells);
    return rc;
}
