/* export_python.c: bptrace export --format numpy|pytorch: the trace as a
 * Python script that checks itself (src/render/python.c writes it). */
#include "cli/app.h"
#include "cli/export_python.h"

typedef bp_status (*python_renderer)(const bp_trace *, FILE *);

typedef struct {
    const bp_trace *trace;
    python_renderer render;
} python_job;

static int write_python(const void *arg, FILE *out)
{
    const python_job *job = arg;
    return app_emitted(job->render(job->trace, out));
}

static int export_python(const bp_lesson *lesson, const char *output,
                         const char *format, python_renderer render)
{
    if (lesson->exercise)
        return bp_cli_usage_error("export --format %s writes a network's "
                                  "iteration, and '%s' is an exercise "
                                  "lesson (try trace)", format,
                                  lesson->file);
    bp_error err;
    bp_trace *trace = bp_trace_build(lesson, &err);
    if (!trace) {
        app_report(&err);
        return app_exit_code(err.status);
    }
    int rc = app_write_output(output, write_python,
                              &(python_job){trace, render});
    bp_trace_free(trace);
    return rc;
}

int export_numpy(const bp_lesson *lesson, const char *output)
{
    return export_python(lesson, output, "numpy", bp_render_numpy);
}

int export_pytorch(const bp_lesson *lesson, const char *output)
{
    return export_python(lesson, output, "pytorch", bp_render_pytorch);
}
