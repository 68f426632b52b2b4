/* cmd_export.c: `bptrace export LESSON --format FORMAT`: the lesson in
 * another form, by the table of export formats below. */
#include "cli/app.h"
#include "cli/export_python.h"

#include <stdlib.h>
#include <string.h>

const char bp_cli_export_help_text[] =
    "Usage: bptrace export LESSON --format FORMAT [OPTIONS]\n"
    "\n"
    "Writes LESSON in another form.  FORMAT:\n"
    "  numpy             a Python script (python3 and numpy) that works the\n"
    "                    iteration in float64, unit by unit as the lecture\n"
    "                    writes it and then in matrix form (W @ x), prints\n"
    "                    every value and compares it with the trace's exact\n"
    "                    value, embedded in it: exit 0 when all agree within\n"
    "                    1e-12, 1 (naming the ones that differ) otherwise;\n"
    "                    the variables are the trace's names (net_4, o_4,\n"
    "                    delta_6, Delta_w46, w46_new)\n"
    "  pytorch           the same with PyTorch's autograd: E.backward(),\n"
    "                    delta = -dE/dnet and Delta w = -eta * w.grad\n"
    "Networks only: an exercise lesson is a usage error.\n"
    "\n"
    "Options:\n"
    "  --format FORMAT   numpy or pytorch (required)\n"
    "  --seed N          export variant N of the lesson (see trace)\n"
    "  -o, --output FILE write to FILE, whole or not at all, instead of\n"
    "                    standard output\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 success; 1 invalid lesson; 2 usage error (also an\n"
    "exercise lesson); 3 I/O; 4 out of memory.\n";

/* The export formats: the lesson and the output path (NULL: standard
 * output) in, the exit code out. */
typedef struct {
    const char *name;
    const char *extension; /* of the file it writes */
    int (*write)(const bp_lesson *lesson, const char *output);
} export_format;

static const export_format export_formats[] = {
    {"numpy", ".py", export_numpy},
    {"pytorch", ".py", export_pytorch},
};

static const bp_cli_command export_command = {
    "export", bp_cli_export_help_text, BP_OPT_OUTPUT | BP_OPT_SEED, true,
    false};

static const export_format *find_format(const char *name)
{
    for (size_t i = 0; i < sizeof export_formats / sizeof export_formats[0];
         i++)
        if (strcmp(name, export_formats[i].name) == 0)
            return &export_formats[i];
    return NULL;
}

/* Take --format NAME (or --format=NAME) out of argv, which keeps the
 * other arguments in order for bp_cli_parse; the name, or NULL. */
static int take_format(int *argc, char **argv, const char **name)
{
    int kept = 0;
    *name = NULL;
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[kept++] = argv[i++];
            break;
        }
        if (strncmp(argv[i], "--format=", 9) == 0) {
            *name = argv[i] + 9;
            continue;
        }
        if (strcmp(argv[i], "--format") == 0) {
            if (i + 1 >= *argc)
                return bp_cli_usage_error("--format needs a FORMAT: numpy "
                                          "or pytorch");
            *name = argv[++i];
            continue;
        }
        argv[kept++] = argv[i];
    }
    *argc = kept;
    return 0;
}

int cmd_export(int argc, char **argv)
{
    const char *name;
    int rc = take_format(&argc, argv, &name);
    if (rc != 0)
        return rc;
    bp_cli_args a;
    rc = bp_cli_parse(&export_command, argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? BP_EXIT_OK : rc;
    if (!name)
        return bp_cli_usage_error("export needs --format FORMAT: numpy or "
                                  "pytorch");
    const export_format *format = find_format(name);
    if (!format)
        return bp_cli_usage_error("unknown export format '%s' (expected one "
                                  "of: numpy, pytorch)", name);
    bp_lesson *lesson = app_load_variant(&a, &rc);
    if (!lesson)
        return rc;
    rc = format->write(lesson, a.output);
    bp_lesson_free(lesson);
    return rc;
}
