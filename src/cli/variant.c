/* variant.c: the lesson a command works on (--seed N: a variant of it)
 * and its trace. */
#include "cli/app.h"

int app_vary_lesson(bp_lesson *lesson, uint64_t seed)
{
    bp_error err;
    if (bp_lesson_vary(lesson, seed, &err) == BP_OK)
        return BP_EXIT_OK;
    app_report(&err);
    return app_exit_code(err.status);
}

bp_lesson *app_load_variant(const bp_cli_args *a, int *rc)
{
    bp_lesson *lesson = app_load_lesson(a->lesson, rc);
    if (lesson && a->has_seed &&
        (*rc = app_vary_lesson(lesson, a->seed)) != BP_EXIT_OK) {
        bp_lesson_free(lesson);
        return NULL;
    }
    if (lesson && a->gradients && lesson->exercise) {
        bp_lesson_free(lesson);
        *rc = bp_cli_usage_error("--gradients writes the chain rule of a "
                                 "network, and '%s' is an exercise lesson",
                                 a->lesson);
        return NULL;
    }
    return lesson;
}

bp_trace *app_build_trace(const bp_cli_args *a, const bp_lesson *lesson,
                          bool judges, int *rc)
{
    bp_error err;
    bp_build_options build = {.sequential = a->sequential,
                              .gradients = a->gradients,
                              .exact = judges && a->exact};
    bp_trace *trace = bp_trace_build_with(lesson, &build, &err);
    if (!trace) {
        app_report(&err);
        *rc = app_exit_code(err.status);
    }
    return trace;
}
