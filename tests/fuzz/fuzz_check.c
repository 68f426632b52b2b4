/* fuzz_check.c: an answers file checked against every shipped lesson and
 * written in every report format.
 *
 * Answers files come from students and their reports go to a grader's
 * terminal and gradebook: whatever loads must be judged against each
 * lesson of lessons/ without fault, every report (text, ASCII text, JSON,
 * Gradescope, CSV) must be written in full, and none may carry a control
 * character (an escape sequence, a bell) that the file smuggled in. */
#include "bptrace.h"
#include "check/report.h"
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BP_SOURCE_ROOT
#define BP_SOURCE_ROOT "."
#endif

enum { MAX_LESSONS = 64 };
static bp_trace *traces[MAX_LESSONS];
static int n_traces;

static int by_name(const struct dirent **x, const struct dirent **y)
{
    return strcmp((*x)->d_name, (*y)->d_name);
}

static int is_yaml(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0;
}

/* Each lesson of lessons/, traced once. */
static void build_once(void)
{
    static bool built;
    if (built)
        return;
    built = true;
    struct dirent **names;
    int n = scandir(BP_SOURCE_ROOT "/lessons", &names, is_yaml, by_name);
    if (n <= 0)
        abort();
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/lessons/%s", BP_SOURCE_ROOT,
                 names[i]->d_name);
        free(names[i]);
        bp_error err;
        bp_lesson *lesson = bp_lesson_load(path, &err);
        bp_trace *t = lesson ? bp_trace_build(lesson, &err) : NULL;
        if (!t || n_traces == MAX_LESSONS)
            abort(); /* a shipped lesson must trace */
        traces[n_traces++] = t; /* kept, with its lesson, for the run */
    }
    free(names);
}

/* Nothing below a space but a newline or a tab, no DEL, no C1 control
 * (U+0080 to U+009F, 0xC2 0x80-0x9F in UTF-8). */
static void must_be_clean(const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') || p[i] == 0x7F)
            abort();
        if (p[i] == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 &&
            p[i + 1] <= 0x9F)
            abort();
    }
}

typedef int (*report_fn)(const bp_check_result *r, FILE *out);

static int text_utf8(const bp_check_result *r, FILE *out)
{
    return bp_report_text(r, &(bp_report_options){.ascii = false}, out);
}

static int text_ascii(const bp_check_result *r, FILE *out)
{
    return bp_report_text(r, &(bp_report_options){.ascii = true}, out);
}

static int json(const bp_check_result *r, FILE *out)
{
    return bp_report_json(r, out);
}

static int gradescope(const bp_check_result *r, FILE *out)
{
    bp_report_options opt = {.ascii = false};
    return bp_report_gradescope(r, &opt, out);
}

static int csv(const bp_check_result *r, FILE *out)
{
    if (bp_report_csv_header(r->trace, out) != 0)
        return 1;
    return bp_report_csv_row(r, out) != 0;
}

/* Each returns 0 when the report was written (BP_OK). */
static const report_fn reports[] = {text_utf8, text_ascii, json, gradescope,
                                    csv};

static void write_report(report_fn report, const bp_check_result *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        abort();
    if (report(r, out) != 0)
        abort(); /* a report that could not be written */
    if (fclose(out) != 0)
        abort();
    must_be_clean(text, len);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    build_once();
    bp_error err;
    bp_answers *answers = fuzz_answers_parse(data, size, &err);
    if (!answers) {
        must_be_clean(err.message, strlen(err.message));
        return 0;
    }
    for (int i = 0; i < n_traces; i++) {
        bp_check_result *r = bp_check(traces[i], answers, &err);
        if (!r) {
            if (err.status == BP_OK || !err.message[0])
                abort();
            continue; /* an unknown name, reported */
        }
        if (r->score < 0 || r->score > r->max_score + 1e-9)
            abort(); /* a score out of its range */
        for (size_t k = 0; k < sizeof reports / sizeof *reports; k++)
            write_report(reports[k], r);
        bp_check_free(r);
    }
    bp_answers_free(answers);
    /* as check does it: the names matched first (a copy for each trace,
     * since matching marks the answers), then every item judged */
    for (int i = 0; i < n_traces; i++) {
        answers = bp_answers_parse("fuzz.yaml", (const char *)data, size,
                                   &err);
        if (!answers || bp_answers_match(traces[i], NULL, answers) != BP_OK)
            abort(); /* it loaded once */
        for (int k = 0; k < answers->n_problems; k++)
            if (answers->problems[k].status != BP_ERR_INPUT ||
                strchr(answers->problems[k].message, '\n'))
                abort(); /* a problem that is not one line of input */
        bp_check_result *r = bp_check(traces[i], answers, &err);
        if (!r || r->score < 0 || r->score > r->max_score + 1e-9)
            abort(); /* every name matched: it must check */
        bp_check_free(r);
        bp_answers_free(answers);
    }
    return 0;
}
