/* cmd_gradcheck.c: `bptrace gradcheck`: every dE/dw by backpropagation
 * beside its central finite difference, and what each method cost. */
#include "cli/app.h"
#include "cli/cmd_train.h"
#include "train/report.h"

#include <math.h>
#include <stdlib.h>

static const bp_cli_command gradcheck_command = {
    "gradcheck", bp_cli_gradcheck_help_text,
    BP_OPT_OUTPUT | BP_OPT_ASCII | BP_OPT_SEED, true, false, NULL};

static int write_gradcheck(const void *arg, FILE *out)
{
    return app_emitted(bp_report_gradcheck_text(arg, out));
}

int cmd_gradcheck(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&gradcheck_command, argc, argv, &a, &rc))
        return rc;
    bp_lesson *lesson = app_load_lesson(a.lesson, &rc);
    if (!lesson)
        return rc;
    bp_train_config cfg;
    if ((rc = train_setup(lesson, &a, "gradcheck", &cfg)) != 0) {
        bp_lesson_free(lesson);
        return rc;
    }
    bp_net *net = bp_net_from_lesson(lesson);
    bp_gradient *grads =
        net ? calloc((size_t)net->n_weights + (size_t)net->n_units,
                     sizeof *grads)
            : NULL;
    bp_gradcheck_report r = {.lesson = lesson, .net = net, .grads = grads,
                             .n_examples = lesson->examples.n,
                             .ascii = a.ascii};
    if (grads)
        r.n = bp_gradcheck(net, &lesson->examples, grads, &r.backprop_passes,
                           &r.numeric_passes);
    if (!grads || r.n == BP_GRADCHECK_NOMEM) {
        bp_error err;
        bp_error_set(&err, BP_ERR_NOMEM, lesson->file, (bp_pos){0, 0},
                     "out of memory");
        app_report(&err);
        free(grads);
        bp_net_free(net);
        bp_lesson_free(lesson);
        return BP_EXIT_NOMEM;
    }
    /* A gradient that overflowed is no check: name it, as trace does. */
    for (int i = 0; i < r.n; i++) {
        if (isfinite(grads[i].backprop) && isfinite(grads[i].numeric))
            continue;
        bp_error err;
        bp_error_set(&err, BP_ERR_NUMERIC, lesson->file, (bp_pos){0, 0},
                     "dE/dw of parameter %d of %d is not a finite number: "
                     "the values it is computed from are too large for "
                     "double precision (about 1.8e308); use smaller inputs "
                     "or weights", i + 1, r.n);
        app_report(&err);
        free(grads);
        bp_net_free(net);
        bp_lesson_free(lesson);
        return app_exit_code(err.status);
    }
    bool agree = true;
    for (int i = 0; i < r.n; i++)
        agree = agree && grads[i].relative < BP_GRADCHECK_TOLERANCE;
    rc = app_write_output(a.output, write_gradcheck, &r);
    free(grads);
    bp_net_free(net);
    bp_lesson_free(lesson);
    if (rc == BP_EXIT_OK && !agree)
        rc = BP_EXIT_WRONG;
    return rc;
}
