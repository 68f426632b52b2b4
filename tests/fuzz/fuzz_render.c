/* fuzz_render.c: a lesson, then its trace through every renderer.
 *
 * Whatever loads must build (or fail with a message: an input error or a
 * value that overflows) and then render in every mode without failing:
 * the output goes to /dev/null, so a renderer that returns anything but 0
 * is a finding. */
#include "bptrace.h"
#include "check/check_internal.h"
#include "class/class_internal.h"
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

static FILE *null_out(void)
{
    static FILE *out;
    if (!out) {
        out = fopen("/dev/null", "w");
        if (!out)
            abort();
    }
    return out;
}

static void must(int rc)
{
    if (rc != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bp_error err;
    memset(&err, 0, sizeof err);
    bp_lesson *lesson =
        bp_lesson_parse("fuzz.yaml", (const char *)data, size, &err);
    if (!lesson)
        return 0; /* fuzz_lesson holds the loader's own promises */

    FILE *out = null_out();
    must(bp_render_show(lesson, false, out));
    must(bp_render_show(lesson, true, out));

    memset(&err, 0, sizeof err);
    bp_trace *trace = bp_trace_build(lesson, &err);
    if (!trace) {
        if ((err.status != BP_ERR_INPUT && err.status != BP_ERR_NUMERIC) ||
            !err.message[0])
            abort();
        bp_lesson_free(lesson);
        return 0;
    }

    /* Every digit count the command accepts, chosen by the input. */
    int digits = 1 + (int)(size % 17);
    bp_render_options hand = {.mode = BP_MODE_HAND, .digits = 4};
    bp_render_options exact = {.mode = BP_MODE_EXACT, .digits = digits};
    bp_render_options hand_ascii = {.mode = BP_MODE_HAND, .digits = 4,
                                    .ascii = true};
    bp_render_options exact_ascii = {.mode = BP_MODE_EXACT,
                                     .digits = digits, .ascii = true};
    bp_render_options annotated = {.mode = BP_MODE_HAND, .digits = 4,
                                   .annotate = true};

    must(bp_render_text(trace, &hand, out));
    must(bp_render_text(trace, &exact, out));
    must(bp_render_text(trace, &hand_ascii, out));
    must(bp_render_text(trace, &exact_ascii, out));
    must(bp_render_json(trace, &hand, out));
    must(bp_render_json(trace, &exact, out));
    must(bp_render_latex(trace, &hand, out));
    must(bp_render_latex(trace, &exact, out));
    must(bp_render_markdown(trace, &hand, out));
    if (!lesson->exercise)
        must(bp_render_dot(trace, &annotated, out));
    for (int f = 0; f < BP_RENDER_FORMAT_COUNT; f++) {
        if (!bp_render_format_about((bp_render_format)f)->worksheet)
            continue;
        bp_worksheet_options sheet = {
            .format = (bp_render_format)f,
            .blank = (unsigned)size & BP_WORKSHEET_ALL, /* by the input */
            .mode = BP_MODE_HAND, .digits = 4};
        must(bp_render_worksheet(trace, &sheet, out));
        sheet.key = true;
        must(bp_render_worksheet(trace, &sheet, out));
    }
    must(fflush(out) == 0 ? 0 : -1);

    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return 0;
}
