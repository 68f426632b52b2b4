/* app_variant.c: --seed N: a command works on a variant of its lesson. */
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
    return lesson;
}

int app_check_gradients(const bp_cli_args *a, bp_lesson *lesson)
{
    if (!a->gradients || !lesson->exercise)
        return 0;
    bp_lesson_free(lesson);
    return bp_cli_usage_error("--gradients writes the chain rule of a "
                              "network, and '%s' is an exercise lesson",
                              a->lesson);
}
