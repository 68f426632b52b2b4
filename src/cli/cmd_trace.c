/* cmd_trace.c: `bptrace trace`: load the lesson, build the trace, render
 * it in the format asked for. */
#include "cli/app.h"

#include <stdlib.h>

static const bp_cli_command trace_command = {
    "trace", bp_cli_trace_help_text,
    BP_OPT_EXACT | BP_OPT_DIGITS | BP_OPT_ASCII | BP_OPT_FORMAT |
        BP_OPT_OUTPUT | BP_OPT_SEQUENTIAL | BP_OPT_DOCUMENT | BP_OPT_DOT |
        BP_OPT_FRAGMENT | BP_OPT_ANNOTATE | BP_OPT_SEED | BP_OPT_GRADIENTS,
    true, false, NULL};

typedef struct {
    const bp_trace *trace;
    const bp_cli_args *args;
    const char *source; /* html: the lesson's YAML */
} trace_job;

static int write_trace(const void *arg, FILE *out)
{
    const trace_job *job = arg;
    const bp_cli_args *a = job->args;
    bp_render_options opt = {
        .mode = a->exact || !job->trace->hand_rounding ? BP_MODE_EXACT
                                                       : BP_MODE_HAND,
        .digits = a->digits,
        .ascii = a->ascii,
        .fragment = a->fragment,
        .annotate = a->annotate,
    };
    opt.source = job->source;
    return app_emitted(bp_render(job->trace, a->render_format, &opt, out));
}

int cmd_trace(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&trace_command, argc, argv, &a, &rc))
        return rc;
    const bp_render_format_info *format =
        bp_render_format_about(a.render_format);
    if (a.fragment && !format->fragment)
        return bp_cli_usage_error("--fragment goes with --format latex");
    if (a.annotate && !format->annotate)
        return bp_cli_usage_error("--annotate goes with --format dot");
    bp_lesson *lesson = app_load_variant(&a, &rc);
    if (!lesson)
        return rc;
    if (format->network_only && lesson->exercise) {
        bp_lesson_free(lesson);
        return bp_cli_usage_error("--format %s draws a network, and '%s' "
                                  "is an exercise lesson (try --format "
                                  "latex, markdown or text)", format->name,
                                  a.lesson);
    }
    bp_trace *trace = app_build_trace(&a, lesson, false, &rc);
    if (!trace) {
        bp_lesson_free(lesson);
        return rc;
    }
    char *source = a.render_format == BP_RENDER_HTML ? app_read_source(lesson) : NULL;
    rc = app_write_output(a.output, write_trace,
                          &(trace_job){trace, &a, source});
    free(source);
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}
