/* torture.c: every allocation of a lesson's whole run fails in turn.
 *
 * torture [--seed N] LESSON... [--bad BAD_LESSON...]: for each lesson
 * (with --seed, each lesson's variant N), the run is
 * loading it, building its trace and rendering it in every way the command
 * can (show, text in hand and exact mode, ASCII, JSON).  The run is first made with nothing failing,
 * which counts its allocations; then again with allocation 1 failing, then
 * 2, ..., until a run makes fewer allocations than the number chosen (as
 * curl's torture tests do).  Each failed allocation must end the run with a
 * clean error: BP_ERR_NOMEM from the loader, the engine or a
 * renderer; or, where the library gets by without that block, as the run
 * that did not fail ends.  A bad lesson (after --bad) must be rejected by
 * the loader or the engine, and with a failed allocation too: then with
 * BP_ERR_NOMEM or the same message.  Nothing may leak: alloc.c counts
 * the blocks in and out, and valgrind or LeakSanitizer see the rest.
 * Speaks TAP. */
#include "alloc.h"
#include "bptrace.h"
#include "check/check_internal.h"
#include "class/class_internal.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUT_SIZE (8L * 1024 * 1024)
#define MAX_REPORTS 10

static char reference[OUT_SIZE];
static long reference_len;
static char output[OUT_SIZE];

enum { STAGE_LOAD, STAGE_BUILD, STAGE_RENDER, STAGE_DONE };

typedef struct {
    int stage;         /* where the run stopped (STAGE_DONE: it did not) */
    const char *what;  /* what stopped it */
    bp_status status;  /* of the loader or the engine */
    int rc;            /* of the renderer */
    char message[512];
    long len;          /* of the output */
} run_result;

static int render_all(const bp_lesson *lesson, const bp_trace *trace,
                      FILE *out, const char **what)
{
    bp_mode mode = trace->hand_rounding ? BP_MODE_HAND : BP_MODE_EXACT;
    const bp_render_options hand = {.mode = mode, .digits = 4};
    const bp_render_options exact = {.mode = BP_MODE_EXACT, .digits = 6};
    const bp_render_options ascii = {.mode = mode, .digits = 4,
                                     .ascii = true};
    const bp_render_options annotated = {.mode = mode, .digits = 4,
                                         .annotate = true};
    int rc;
    if ((rc = bp_render_show(lesson, false, out)) != 0)
        return *what = "bp_render_show", rc;
    if ((rc = bp_render_show(lesson, true, out)) != 0)
        return *what = "bp_render_show --ascii", rc;
    if ((rc = bp_render_text(trace, &hand, out)) != 0)
        return *what = "bp_render_text", rc;
    if ((rc = bp_render_text(trace, &exact, out)) != 0)
        return *what = "bp_render_text --exact", rc;
    if ((rc = bp_render_text(trace, &ascii, out)) != 0)
        return *what = "bp_render_text --ascii", rc;
    if ((rc = bp_render_json(trace, &hand, out)) != 0)
        return *what = "bp_render_json", rc;
    if ((rc = bp_render_json(trace, &exact, out)) != 0)
        return *what = "bp_render_json --exact", rc;
    if ((rc = bp_render_latex(trace, &hand, out)) != 0)
        return *what = "bp_render_latex", rc;
    if ((rc = bp_render_markdown(trace, &hand, out)) != 0)
        return *what = "bp_render_markdown", rc;
    if ((rc = bp_render_dot(trace, &annotated, out)) != 0 &&
        !(rc == BP_ERR_INPUT && lesson->exercise))
        return *what = "bp_render_dot", rc;
    bp_worksheet_options sheet = {.format = BP_RENDER_LATEX,
                                  .blank = BP_WORKSHEET_ALL, .mode = mode};
    if ((rc = bp_render_worksheet(trace, &sheet, out)) != 0)
        return *what = "bp_render_worksheet", rc;
    if ((rc = bp_worksheet_answers_template(trace, &sheet, out)) != 0)
        return *what = "bp_worksheet_answers_template", rc;
    return 0;
}

/* One run, allocation fail_at failing (0: none). */
/* --seed N: each lesson is varied (bp_lesson_vary_trace), twice, as a
 * roster varies one lesson for each student: seed N + 1, then N. */
static bool vary;
static uint64_t vary_seed;

static bp_trace *build(bp_lesson *lesson, bp_error *err)
{
    if (!vary)
        return bp_trace_build(lesson, err);
    bp_trace *t = bp_lesson_vary_trace(lesson, vary_seed + 1, err);
    if (!t)
        return NULL;
    bp_trace_free(t);
    return bp_lesson_vary_trace(lesson, vary_seed, err);
}

static void run(const char *path, long fail_at, FILE *out, run_result *r)
{
    memset(r, 0, sizeof *r);
    rewind(out);
    torture_begin(fail_at);

    bp_error err;
    memset(&err, 0, sizeof err);
    bp_lesson *lesson = bp_lesson_load(path, &err);
    bp_trace *trace = NULL;
    if (!lesson) {
        r->stage = STAGE_LOAD;
        r->what = "bp_lesson_load";
    } else if (!(trace = build(lesson, &err))) {
        r->stage = STAGE_BUILD;
        r->what = vary ? "bp_lesson_vary_trace" : "bp_trace_build";
    } else if ((r->rc = render_all(lesson, trace, out, &r->what)) != 0) {
        r->stage = STAGE_RENDER;
    } else {
        r->stage = STAGE_DONE;
    }
    if (r->stage <= STAGE_BUILD) {
        r->status = err.status;
        snprintf(r->message, sizeof r->message, "%s", err.message);
    }
    bp_trace_free(trace);
    bp_lesson_free(lesson);

    torture_end();
    fflush(out);
    r->len = ftell(out);
}

/* The run with nothing failing. */
static run_result expected;

/* Whether a run ended as the run with nothing failing did. */
static bool as_expected(const run_result *r)
{
    return r->stage == expected.stage && r->status == expected.status &&
           r->rc == expected.rc &&
           strcmp(r->message, expected.message) == 0 &&
           r->len == reference_len &&
           memcmp(output, reference, (size_t)r->len) == 0;
}

/* What went wrong with a run whose allocation n failed, or NULL. */
static const char *judge(const run_result *r, char *why, size_t size)
{
    bool nomem = false;
    if (r->stage == STAGE_LOAD || r->stage == STAGE_BUILD)
        nomem = r->status == BP_ERR_NOMEM;
    else if (r->stage == STAGE_RENDER)
        nomem = r->rc == BP_ERR_NOMEM;
    if (!torture_injected() && !as_expected(r)) {
        snprintf(why, size, "no allocation failed, but the run ended "
                 "otherwise (%s)", r->what ? r->what : "it went on");
        return why;
    }
    if (nomem && !r->message[0] && r->stage != STAGE_RENDER) {
        snprintf(why, size, "%s: BP_ERR_NOMEM without a message", r->what);
        return why;
    }
    /* Not out of memory: the library did without the block, and the run
     * must then end as it does with nothing failing. */
    if (!nomem && !as_expected(r)) {
        if (r->stage == STAGE_RENDER)
            snprintf(why, size, "%s returned %d, not BP_ERR_NOMEM", r->what, r->rc);
        else if (r->stage != STAGE_DONE)
            snprintf(why, size, "%s failed with status %d, not "
                     "BP_ERR_NOMEM (%d): %s", r->what, (int)r->status,
                     (int)BP_ERR_NOMEM, r->message);
        else
            snprintf(why, size, "the run went on and wrote something else "
                     "(%ld bytes, not %ld)", r->len, reference_len);
        return why;
    }
    if (torture_live() != 0) {
        snprintf(why, size, "%ld block(s) leaked (stopped in %s)",
                 torture_live(), r->what ? r->what : "nothing");
        return why;
    }
    return NULL;
}

/* The whole torture of one lesson; returns the number of findings.  A bad
 * lesson must be rejected by the loader or the engine: then each failed
 * allocation must end in BP_ERR_NOMEM or in the same rejection. */
static int torture_lesson(const char *path, bool bad, int number)
{
    FILE *out = fmemopen(reference, OUT_SIZE, "w");
    run(path, 0, out, &expected);
    fclose(out);
    long total = torture_count();
    bool rejected = expected.stage == STAGE_LOAD ||
                    expected.stage == STAGE_BUILD;
    if (bad ? !rejected || expected.status == BP_ERR_NOMEM ||
                  expected.status == BP_ERR_IO
            : expected.stage != STAGE_DONE) {
        printf("not ok %d - %s: %s with nothing failing (%s: %s)\n", number,
               path, bad ? "not rejected" : "fails", expected.what ?
               expected.what : "-", expected.message);
        return 1;
    }
    if (torture_live() != 0) {
        printf("not ok %d - %s: %ld block(s) leaked with nothing failing\n",
               number, path, torture_live());
        return 1;
    }
    reference_len = expected.len;

    out = fmemopen(output, OUT_SIZE, "w");
    int findings = 0;
    long swallowed = 0, n;
    run_result r;
    for (n = 1;; n++) {
        run(path, n, out, &r);
        /* With fewer allocations than n, all have failed in turn. */
        bool last = !torture_injected();
        char why[768];
        if (judge(&r, why, sizeof why)) {
            if (++findings <= MAX_REPORTS) {
                printf("# %s: allocation %ld of %ld failed: %s\n", path, n,
                       total, why);
                fflush(stdout);
                fprintf(stderr, "%s: allocation %ld: %s\n", path, n, why);
                torture_print_backtrace();
            }
        } else if (!last && as_expected(&r)) {
            swallowed++;
        }
        if (last)
            break;
    }
    fclose(out);
    n--;
    if (findings)
        printf("not ok %d - %s: %d of %ld failed allocations handled "
               "badly\n", number, path, findings, n);
    else
        printf("ok %d - %s: each of %ld allocations failed in turn%s"
               " (the run did without %ld of them)\n", number, path, n,
               bad ? ", rejected" : "", swallowed);
    fflush(stdout);
    return findings;
}

int main(int argc, char **argv)
{
    int tests = 0;
    if (argc > 2 && strcmp(argv[1], "--seed") == 0) {
        vary = true;
        vary_seed = strtoull(argv[2], NULL, 10);
        argc -= 2;
        argv += 2;
    }
    for (int i = 1; i < argc; i++)
        tests += strcmp(argv[i], "--bad") != 0;
    if (tests == 0) {
        fprintf(stderr, "usage: %s [--seed N] LESSON... [--bad "
                        "BAD_LESSON...]\n",
                argv[0]);
        return 2;
    }
    printf("1..%d\n", tests);
    int failed = 0, number = 0;
    bool bad = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--bad") == 0)
            bad = true;
        else
            failed += torture_lesson(argv[i], bad, ++number) != 0;
    }
    return failed ? 1 : 0;
}
