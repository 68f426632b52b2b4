/* report_text.c: the judgements of `bptrace check` as a text table, and
 * what the reports share.
 *
 *   Answers: hw/alice.yaml
 *   Student: alice
 *   Lesson:  Complete worked example: 3 inputs, 2 hidden units, 1 output
 *
 *     Quantity    Symbol   Status  Expected  Given   Credit  Hint
 *     net_4       net₄     right   -0.7      -0.7    1
 *     ...
 *
 *   Problems in this file (an item that could not be read is not graded):
 *     line 7, column 8: the answer 'o_4' must be a number, not a string
 *
 *   Score: 38.5 / 41 (94%)
 *   First wrong step: delta_6 (δ₆ = o₆(1 - o₆)(t₆ - o₆))
 *
 * Nothing here judges: bp_check did.
 */
#include "check/check_internal.h"
#include "check/report.h"
#include "write/derive.h"
#include "render/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A symbol written as its formula (a sum of 64 long-named terms) fits. */
#define CELL (1 << 15)

const char *bp_report_expected(const bp_judgement *j, char *buf, size_t size)
{
    bp_precision p = j->q->rounded ? j->q->precision
                                   : (bp_precision){BP_ROUND_NONE, 0};
    return bp_format(buf, size, j->expected, p);
}

const char *bp_report_points(double x, char *buf, size_t size)
{
    /* Credits are a lesson's short decimals and their sums: 12 figures
     * keep them and drop the binary noise (0.30000000000000004). */
    snprintf(buf, size, "%.12g", x == 0 ? 0.0 : x);
    return buf;
}

/* Text from an answers file is the student's: a control character in it
 * (C0, DEL, or C1 such as U+009B, a CSI) is written as '?', so that it
 * cannot rewrite a terminal. */
static void put_untrusted(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fputc('?', out);
            p++;
        } else {
            fputc(*p < 0x20 || *p == 0x7F ? '?' : *p, out);
        }
    }
}

enum { C_NAME, C_SYMBOL, C_STATUS, C_EXPECTED, C_GIVEN, C_CREDIT, C_HINT,
       N_COLS };

static const char *const headings[N_COLS] = {
    "Quantity", "Symbol", "Status", "Expected", "Given", "Credit", "Hint"};

#define NUM 64

/* The cells of item i; the symbol is written into `symbol` (CELL bytes),
 * the expected value is expected[i], worked out once. */
static void fill_row(const bp_check_result *r, const bp_style *st, int i,
                     char (*expected)[NUM], char *symbol, char *credit,
                     const char **cells)
{
    const bp_judgement *j = &r->items[i];
    bp_str s;
    bp_str_init(&s, symbol, CELL);
    bp_formula_symbol(st, r->trace, j->q, &s);
    cells[C_NAME] = j->q->name;
    cells[C_SYMBOL] = symbol;
    cells[C_STATUS] = bp_verdict_name(j->verdict);
    cells[C_EXPECTED] = expected[i];
    cells[C_GIVEN] = j->answer && j->answer->answered ? j->answer->text : "";
    /* a given number counts for nothing, not even a 0 */
    cells[C_CREDIT] = j->verdict == BP_VERDICT_GIVEN
                          ? "-"
                          : bp_report_points(j->credit, credit, NUM);
}

/* Words wrapped at TEXT_LINE, from column `col` on, later lines starting
 * at column `indent`. */
static void put_wrapped(FILE *out, int col, int indent, const char *text)
{
    int at = col;
    bool first = true;
    for (const char *p = text; *p;) {
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        size_t len = strcspn(p, " \n\t");
        if (!len)
            break;
        char word[CELL];
        snprintf(word, sizeof word, "%.*s", (int)len, p);
        int wlen = text_width(word);
        if (!first && at + 1 + wlen > TEXT_LINE) {
            fputc('\n', out);
            text_pad(out, indent);
            at = indent;
        } else if (!first) {
            fputc(' ', out);
            at++;
        }
        put_untrusted(out, word);
        at += wlen;
        first = false;
        p += len;
    }
}

/* The cells of a row, aligned; then the hint, in its column when the
 * table leaves it room (hint_col > 0), else on the lines below. */
static void put_row(FILE *out, const char *const *cells, const int *width,
                    const char *hint, int hint_col)
{
    int n = N_COLS - 1;
    fputs("  ", out);
    for (int c = 0; c < n; c++) {
        if (c)
            text_pad(out, 2);
        put_untrusted(out, cells[c]);
        if (c + 1 < n || (hint_col > 0 && hint && *hint))
            text_pad(out, width[c] - text_width(cells[c]));
    }
    if (hint && *hint && hint_col > 0) {
        text_pad(out, 2);
        put_wrapped(out, hint_col, hint_col, hint);
    } else if (hint && *hint) {
        fputs("\n      ", out);
        put_wrapped(out, 6, 6, hint);
    }
    fputc('\n', out);
}

/* The items that could not be read, each with its place (the messages
 * with the line and a caret went to standard error). */
static void put_problems(const bp_answers *a, FILE *out)
{
    if (!a->n_problems)
        return;
    fputs("\nProblems in this file (an item that could not be read is not graded):\n",
          out);
    for (int i = 0; i < a->n_problems; i++) {
        fprintf(out, "  line %d, column %d: ", a->problems[i].pos.line,
                a->problems[i].pos.column);
        put_untrusted(out, a->problems[i].message);
        fputc('\n', out);
    }
    if (a->n_more_problems)
        fprintf(out, "  and %d more\n", a->n_more_problems);
}

bp_status bp_report_text(const bp_check_result *r,
                         const bp_report_options *opt, FILE *out)
{
    const bp_style *st = bp_style_get(opt && opt->ascii);
    const bp_lesson *l = r->trace->lesson;
    static char symbol[CELL]; /* big enough for any formula: off the stack */
    char credit[NUM];
    const char *cells[N_COLS - 1];

    /* Two passes, widths then rows: the numbers are written once. */
    char(*expected)[NUM] = malloc((size_t)(r->n ? r->n : 1) * sizeof *expected);
    if (!expected)
        return BP_ERR_NOMEM;
    for (int i = 0; i < r->n; i++)
        bp_report_expected(&r->items[i], expected[i], NUM);

    fputs("Answers: ", out);
    put_untrusted(out, r->answers->file ? r->answers->file : "");
    fputs("\nStudent: ", out);
    if (r->answers->student && r->answers->student[0])
        put_untrusted(out, r->answers->student);
    else
        fputs("(not given)", out);
    fprintf(out, "\nLesson:  %s\n\n", l->title);

    int width[N_COLS - 1];
    for (int c = 0; c < N_COLS - 1; c++)
        width[c] = text_width(headings[c]);
    for (int i = 0; i < r->n; i++) {
        fill_row(r, st, i, expected, symbol, credit, cells);
        for (int c = 0; c < N_COLS - 1; c++)
            if (text_width(cells[c]) > width[c])
                width[c] = text_width(cells[c]);
    }
    /* The hints in a column of their own when it has room enough. */
    enum { MIN_ROOM = 30 };
    bool any_hint = false;
    int hint_col = 2;
    for (int i = 0; i < r->n; i++)
        any_hint |= r->items[i].hint[0] != '\0';
    for (int c = 0; c < N_COLS - 1; c++)
        hint_col += width[c] + 2;
    if (TEXT_LINE - hint_col < MIN_ROOM)
        hint_col = 0;
    put_row(out, headings, width,
            any_hint && hint_col ? headings[C_HINT] : NULL, hint_col);
    for (int i = 0; i < r->n; i++) {
        fill_row(r, st, i, expected, symbol, credit, cells);
        put_row(out, cells, width, r->items[i].hint, hint_col);
    }
    free(expected);
    put_problems(r->answers, out);

    char score[64], max[64];
    int percent = 0;
    if (r->max_score > 0) {
        percent = (int)floor(100.0 * r->score / r->max_score + 0.5);
        if (percent == 100 && r->score < r->max_score)
            percent = 99; /* 100% is for full marks only */
    }
    fprintf(out, "\nScore: %s / %s (%d%%)\n",
            bp_report_points(r->score, score, sizeof score),
            bp_report_points(r->max_score, max, sizeof max), percent);
    if (r->first_wrong >= 0) {
        const bp_quantity *q = r->items[r->first_wrong].q;
        static char sym[CELL];
        bp_str s;
        bp_str_init(&s, sym, sizeof sym);
        bp_formula_symbol(st, r->trace, q, &s);
        if (q->sym.has && !bp_qkind_is_given(q->kind)) {
            bp_str_put(&s, " = ");
            bp_formula_symbolic(st, r->trace, q, &s);
        }
        fprintf(out, "First wrong step: %s (%s)\n", q->name, sym);
    }
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
