/* report_json.c: the judgements of `bptrace check` as JSON, and as
 * Gradescope's results.json.
 *
 * Values are written as the trace writes them, as strings ("0.1180" keeps
 * its digits); scores and credits as numbers.  Nothing here judges.
 */
#include "check/check_internal.h"
#include "check/report.h"
#include "write/formula.h"
#include "util/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void json_string_or_null(FILE *out, const char *s)
{
    if (s && *s)
        bp_json_string(out, s);
    else
        fputs("null", out);
}


static const char *given_text(const bp_judgement *j)
{
    return j->answer && j->answer->answered ? j->answer->text : NULL;
}

/* "problems": the items that could not be read, only when there are
 * any (and "more_problems" when more than were kept). */
static void put_problems(const bp_answers *a, FILE *out)
{
    if (!a->n_problems)
        return;
    fputs(",\n  \"problems\": [", out);
    for (int i = 0; i < a->n_problems; i++) {
        const bp_error *e = &a->problems[i];
        fprintf(out, "%s{\"line\": %d, \"column\": %d, \"message\": ",
                i ? ",\n    " : "\n    ", e->pos.line, e->pos.column);
        bp_json_string(out, e->message);
        fputc('}', out);
    }
    fputs("\n  ]", out);
    if (a->n_more_problems)
        fprintf(out, ",\n  \"more_problems\": %d", a->n_more_problems);
}

bp_status bp_report_json(const bp_check_result *r, FILE *out)
{
    char num[64];
    fputs("{\n  \"file\": ", out);
    bp_json_string(out, r->answers->file ? r->answers->file : "");
    fputs(",\n  \"student\": ", out);
    json_string_or_null(out, r->answers->student);
    fputs(",\n  \"score\": ", out);
    bp_json_number(out, r->score);
    fputs(",\n  \"max_score\": ", out);
    bp_json_number(out, r->max_score);
    fputs(",\n  \"first_wrong\": ", out);
    json_string_or_null(out, r->first_wrong >= 0
                                 ? r->items[r->first_wrong].q->name
                                 : NULL);
    fputs(",\n  \"items\": [", out);
    for (int i = 0; i < r->n; i++) {
        const bp_judgement *j = &r->items[i];
        fputs(i ? ",\n    " : "\n    ", out);
        fputs("{\"name\": ", out);
        bp_json_string(out, j->q->name);
        fputs(", \"status\": ", out);
        bp_json_string(out, bp_verdict_name(j->verdict));
        fputs(", \"expected\": ", out);
        bp_json_string(out, bp_report_expected(j, num, sizeof num));
        fputs(", \"given\": ", out);
        json_string_or_null(out, given_text(j));
        fputs(", \"hint\": ", out);
        json_string_or_null(out, j->hint);
        fputs(", \"credit\": ", out);
        bp_json_number(out, j->credit);
        fputs("}", out);
    }
    fputs(r->n ? "\n  ]" : "]", out);
    put_problems(r->answers, out);
    fputs("\n}", out); /* the caller ends the line */
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

/* ---- Gradescope ---- */

/* One test's output: what was expected, what was given, why. */
/* A hint as a sentence of its own: a capital letter first (every hint
 * starts with a lower-case ASCII word or a quantity's name). */
static void add_sentence(bp_str *o, const char *text)
{
    size_t len = strlen(text);
    if (!len)
        return;
    char first = text[0] >= 'a' && text[0] <= 'z' ? (char)(text[0] - 'a' + 'A')
                                                  : text[0];
    bp_str_add(o, " %c%s%s", first, text + 1,
               text[len - 1] == '.' ? "" : ".");
}

static void test_output(const bp_check_result *r, const bp_judgement *j,
                        bool hide_expected, char *buf, size_t size)
{
    static char formula[1 << 15];
    char expected[64], credit[64];
    const bp_style *st = bp_style_get(false);
    bp_str s;
    bp_str_init(&s, formula, sizeof formula);
    bp_formula_symbol(st, r->trace, j->q, &s);
    if (j->q->sym.has && !bp_qkind_is_given(j->q->kind)) {
        bp_str_put(&s, " = ");
        bp_formula_symbolic(st, r->trace, j->q, &s);
    }
    bp_report_expected(j, expected, sizeof expected);
    bp_str o;
    bp_str_init(&o, buf, size);
    bp_str_add(&o, "%s: %s.", formula, bp_verdict_name(j->verdict));
    if (hide_expected)
        bp_str_add(&o, given_text(j) ? " You wrote %s." : " No answer given.",
                   given_text(j));
    else if (given_text(j))
        bp_str_add(&o, " Expected %s, you wrote %s.", expected,
                   given_text(j));
    else
        bp_str_add(&o, " Expected %s; no answer given.", expected);
    add_sentence(&o, j->hint);
    bp_str_add(&o, " Credit %s.",
               bp_report_points(j->credit, credit, sizeof credit));
}

static void overall_output(const bp_check_result *r, char *buf, size_t size)
{
    char score[64], max[64];
    bp_str o;
    bp_str_init(&o, buf, size);
    bp_str_add(&o, "Score: %s / %s.",
               bp_report_points(r->score, score, sizeof score),
               bp_report_points(r->max_score, max, sizeof max));
    if (r->first_wrong >= 0)
        bp_str_add(&o, " First wrong step: %s.",
                   r->items[r->first_wrong].q->name);
    /* a changed given number has no test of its own to say so */
    for (int i = 0; i < r->n; i++)
        if (r->items[i].verdict == BP_VERDICT_GIVEN &&
            r->items[i].hint[0]) {
            bp_str_add(&o, "\n%s:", r->items[i].q->name);
            add_sentence(&o, r->items[i].hint);
        }
    const bp_answers *a = r->answers;
    for (int i = 0; i < a->n_problems; i++)
        bp_str_add(&o, "%sLine %d, column %d: %s.",
                   i ? "\n" : "\nProblems in this file (an item that "
                               "could not be read is not graded):\n",
                   a->problems[i].pos.line, a->problems[i].pos.column,
                   a->problems[i].message);
    if (a->n_more_problems)
        bp_str_add(&o, "\nAnd %d more.", a->n_more_problems);
}

bp_status bp_report_gradescope(const bp_check_result *r,
                               const bp_report_options *opt, FILE *out)
{
    static char text[1 << 16];
    char num[32];
    fputs("{\n  \"score\": ", out);
    bp_json_number(out, r->score);
    fputs(",\n  \"output\": ", out);
    overall_output(r, text, sizeof text);
    bp_json_string(out, text);
    fputs(",\n  \"visibility\": \"visible\",\n  \"tests\": [", out);
    int tests = 0;
    for (int i = 0; i < r->n; i++) {
        const bp_judgement *j = &r->items[i];
        if (j->verdict == BP_VERDICT_GIVEN)
            continue; /* the worksheet's own number: no test */
        bool passed = j->verdict == BP_VERDICT_RIGHT ||
                      j->verdict == BP_VERDICT_ECF;
        fputs(tests ? ",\n    " : "\n    ", out);
        fputs("{\"name\": ", out);
        bp_json_string(out, j->q->name);
        snprintf(num, sizeof num, "%d", ++tests);
        fputs(", \"number\": ", out);
        bp_json_string(out, num);
        fputs(", \"score\": ", out);
        bp_json_number(out, j->credit);
        fputs(", \"max_score\": 1, \"status\": ", out);
        bp_json_string(out, passed ? "passed" : "failed");
        fputs(",\n     \"output\": ", out);
        test_output(r, j, opt && opt->hide_expected, text, sizeof text);
        bp_json_string(out, text);
        fputs(", \"visibility\": \"visible\"}", out);
    }
    fputs(tests ? "\n  ]\n}\n" : "]\n}\n", out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

bp_status bp_report_gradescope_error(const bp_error *err, FILE *out)
{
    static char text[2048];
    bp_str o;
    bp_str_init(&o, text, sizeof text);
    bp_str_put(&o, "Your answers file could not be read: ");
    if (err->file[0] && err->pos.line > 0)
        bp_str_add(&o, "%s:%d:%d: ", err->file, err->pos.line,
                   err->pos.column);
    else if (err->file[0])
        bp_str_add(&o, "%s: ", err->file);
    bp_str_put(&o, err->message);
    if (err->source_line[0])
        bp_str_add(&o, "\n  %s", err->source_line);
    fputs("{\n  \"score\": 0,\n  \"output\": ", out);
    bp_json_string(out, text);
    fputs(",\n  \"visibility\": \"visible\",\n  \"tests\": []\n}\n", out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
