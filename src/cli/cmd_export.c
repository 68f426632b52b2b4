/* cmd_export.c: `bptrace export`: a lesson for another program: a
 * question bank of its variants for a course's LMS (Moodle XML, a QTI
 * package), or a Python script that works the iteration (numpy,
 * PyTorch).  Each format is a row of one table. */
#include "cli/app.h"
#include "class/lms_bank.h"
#include "cli/export_python.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const bp_cli_command export_command = {
    "export", bp_cli_export_help_text,
    BP_OPT_EXPORT | BP_OPT_OUTPUT | BP_OPT_SEED, true, false, NULL};

typedef struct {
    const char *name;
    const char *extension; /* what -o FILE should end in */
    bool binary;           /* not for a terminal */
    int (*run)(const bp_cli_args *a);
} export_format;

/* ---- LMS question banks (Moodle XML, QTI) ---- */

typedef struct {
    const bp_lms_bank *bank;
    bp_status (*render)(const bp_lms_bank *bank, FILE *out);
} lms_job;

static int write_bank(const void *arg, FILE *out)
{
    const lms_job *job = arg;
    return app_emitted(job->render(job->bank, out));
}

/* The name `bptrace trace` takes for the lesson: a lesson's name as
 * given; a path without its directory and ".yaml" only when it has none. */
static void lesson_name(const char *arg, char *buf, size_t size)
{
    size_t len = strlen(arg);
    if (!strchr(arg, '/') && len > 5 && strcmp(arg + len - 5, ".yaml") == 0)
        len -= 5;
    snprintf(buf, size, "%.*s", (int)len, arg);
}

typedef struct {
    bp_lesson *lesson;
    bp_trace *trace;
    bool *blank;
    bp_lms_answer *answers;
} variant_data;

static void variants_free(variant_data *d, bp_lms_variant *v, int n)
{
    for (int i = 0; d && i < n; i++) {
        bp_trace_free(d[i].trace);
        bp_lesson_free(d[i].lesson);
        free(d[i].blank);
        free(d[i].answers);
    }
    free(d);
    free(v);
}

/* Says on standard error where the LMS cannot tell a mistake from the
 * answer. */
static void warn_clashes(const bp_lms_bank *b, const bp_lms_variant *v)
{
    char name[128];
    for (int i = 0; i < v->trace->n; i++) {
        const bp_lms_answer *a = &v->answers[i];
        if (!a->asked || !a->clash)
            continue;
        fprintf(stderr,
                "%s: warning: %s, %s: %s: no range separates the answer "
                "%.*f from the mistake \"%s\" (%.*f): the LMS accepts both\n",
                app_progname, b->lesson,
                lms_variant_name(v, name, sizeof name), v->trace->q[i].name,
                a->decimals, a->key, a->clash, a->decimals + 2,
                a->clash_value);
    }
}

/* Builds variant i: the lesson, drawn with its seed, and its answers. */
static int build_variant(const bp_cli_args *a, unsigned kinds, bool varied,
                         uint64_t seed, variant_data *d, bp_lms_variant *v,
                         bp_mode *mode)
{
    int rc;
    bp_error err;
    if (!(d->lesson = app_load_lesson(a->lesson, &rc)))
        return rc;
    d->trace = varied ? bp_lesson_vary_trace(d->lesson, seed, &err)
                      : bp_trace_build(d->lesson, &err);
    if (!d->trace) {
        app_report(&err);
        return app_exit_code(err.status);
    }
    size_t n = (size_t)d->trace->n + 1;
    d->blank = calloc(n, sizeof *d->blank);
    d->answers = calloc(n, sizeof *d->answers);
    if (!d->blank || !d->answers) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    *mode = d->trace->hand_rounding ? BP_MODE_HAND : BP_MODE_EXACT;
    if (bp_lms_answers(d->trace, kinds, *mode, 4, d->blank, d->answers) !=
        BP_OK) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    *v = (bp_lms_variant){varied, seed, d->trace, d->blank, d->answers};
    return BP_EXIT_OK;
}

static int run_lms(const bp_cli_args *a,
                   bp_status (*render)(const bp_lms_bank *bank, FILE *out))
{
    unsigned kinds = BP_WORKSHEET_ALL;
    bp_error err;
    if (a->blank && bp_worksheet_parse_kinds(a->blank, &kinds, &err))
        return bp_cli_usage_error("--blank: %s", err.message);
    bool varied = a->has_seed || a->variants > 0;
    int n = a->variants > 0 ? a->variants : 1;
    uint64_t first = a->has_seed ? a->seed : 1;
    char name[1024];
    lesson_name(a->lesson, name, sizeof name);
    variant_data *d = calloc((size_t)n, sizeof *d);
    bp_lms_variant *v = calloc((size_t)n, sizeof *v);
    if (!d || !v) {
        variants_free(d, v, 0);
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    bp_lms_bank bank = {name, v, n, a->numerical, BP_MODE_HAND, 4};
    int rc = BP_EXIT_OK, asked = 0;
    for (int i = 0; i < n && rc == BP_EXIT_OK; i++) {
        rc = build_variant(a, kinds, varied, first + (uint64_t)i, &d[i],
                           &v[i], &bank.mode);
        for (int k = 0; rc == BP_EXIT_OK && k < v[i].trace->n; k++)
            asked += v[i].answers[k].asked;
    }
    if (rc == BP_EXIT_OK && asked == 0) {
        char list[512];
        rc = bp_cli_usage_error("--blank %s leaves nothing blank in this "
                                "lesson: no question to ask",
                                a->blank ? a->blank
                                         : bp_worksheet_kind_list(
                                               kinds, list, sizeof list));
    }
    if (rc == BP_EXIT_OK) {
        for (int i = 0; i < n; i++)
            warn_clashes(&bank, &v[i]);
        rc = app_write_output(a->output, write_bank,
                              &(lms_job){&bank, render});
    }
    variants_free(d, v, n);
    return rc;
}

static int run_moodle(const bp_cli_args *a)
{
    return run_lms(a, bp_render_moodle);
}

static int run_qti(const bp_cli_args *a)
{
    if (a->numerical)
        return bp_cli_usage_error("--numerical goes with --format moodle "
                                  "(qti's items are numerical already)");
    return run_lms(a, bp_render_qti);
}

/* ---- Python scripts (numpy, PyTorch) ---- */

static int run_python(const bp_cli_args *a,
                      int (*write)(const bp_lesson *lesson, const char *out))
{
    if (a->variants > 0 || a->blank || a->numerical)
        return bp_cli_usage_error("--variants, --blank and --numerical go "
                                  "with --format moodle or qti");
    int rc;
    bp_lesson *lesson = app_load_variant(a, &rc);
    if (!lesson)
        return rc;
    rc = write(lesson, a->output);
    bp_lesson_free(lesson);
    return rc;
}

static int run_numpy(const bp_cli_args *a)
{
    return run_python(a, export_numpy);
}

static int run_pytorch(const bp_cli_args *a)
{
    return run_python(a, export_pytorch);
}

/* The formats, one row each. */
static const export_format formats[] = {
    {"moodle", ".xml", false, run_moodle},
    {"qti", ".zip", true, run_qti},
    {"numpy", ".py", false, run_numpy},
    {"pytorch", ".py", false, run_pytorch},
};
#define N_FORMATS (sizeof formats / sizeof formats[0])

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

int cmd_export(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&export_command, argc, argv, &a, &rc))
        return rc;
    char names[256] = "";
    for (size_t i = 0; i < N_FORMATS; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                 i ? ", " : "", formats[i].name);
    if (!a.export_format)
        return bp_cli_usage_error("export needs --format (one of: %s)",
                                  names);
    const export_format *f = NULL;
    for (size_t i = 0; i < N_FORMATS && !f; i++)
        if (strcmp(a.export_format, formats[i].name) == 0)
            f = &formats[i];
    if (!f)
        return bp_cli_usage_error("unknown export format '%s' (expected one "
                                  "of: %s)", a.export_format, names);
    bool to_stdout = !a.output || strcmp(a.output, "-") == 0;
    if (f->binary && to_stdout && isatty(STDOUT_FILENO))
        return bp_cli_usage_error("--format %s writes a %s file: give "
                                  "-o FILE%s", f->name, f->extension,
                                  f->extension);
    rc = f->run(&a);
    if (rc == BP_EXIT_OK && !to_stdout && strncmp(a.output, "/dev/", 5) &&
        !ends_with(a.output, f->extension))
        fprintf(stderr, "%s: note: '%s' does not end in %s, as an LMS "
                        "expects of a %s file\n",
                app_progname, a.output, f->extension, f->name);
    return rc;
}
