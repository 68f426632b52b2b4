/* fuzz_answers.c: the answers loader and the checker on any bytes.
 *
 * Answers files come from students: any input must be read or rejected
 * with a status and a one-line message, and an answers file that loads is
 * judged against section 7's trace (built once) without fault. */
#include "bptrace.h"
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#ifndef BP_SOURCE_ROOT
#define BP_SOURCE_ROOT "."
#endif

static bp_lesson *lesson;
static bp_trace *trace;

static void build_once(void)
{
    if (trace)
        return;
    bp_error err;
    lesson = bp_lesson_load(BP_SOURCE_ROOT "/lessons/complete-example.yaml",
                            &err);
    trace = lesson ? bp_trace_build(lesson, &err) : NULL;
    if (!trace)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    build_once();
    bp_error err;
    bp_answers *answers = fuzz_answers_parse(data, size, &err);
    if (!answers) {
        return 0;
    }
    bp_check_result *r = bp_check(trace, answers, &err);
    if (r) {
        if (r->score < 0 || r->score > r->max_score + 1e-9)
            abort(); /* a score out of its range */
        bp_check_free(r);
    } else if (err.status == BP_OK || !err.message[0]) {
        abort();
    }
    bp_answers_free(answers);
    return 0;
}
