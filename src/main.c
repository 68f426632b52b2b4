/* main.c: the bptrace command.  It parses the command line and wires the
 * lesson loader, the engine and a renderer together; nothing else. */
#include "bptrace.h"
#include "cli.h"
#include "lesson_list.h"
#include "lesson_path.h"
#include "output.h"
#include "report.h"

#include <errno.h>
#include <string.h>

static const char *progname = "bptrace";

static const bp_cli_command trace_command = {
    "trace", bp_cli_trace_help_text,
    BP_OPT_EXACT | BP_OPT_DIGITS | BP_OPT_ASCII | BP_OPT_FORMAT |
        BP_OPT_OUTPUT | BP_OPT_SEQUENTIAL,
    true, false};
static const bp_cli_command check_command = {
    "check", bp_cli_check_help_text,
    BP_OPT_EXACT | BP_OPT_ASCII | BP_OPT_FORMAT | BP_OPT_GRADESCOPE |
        BP_OPT_SUMMARY | BP_OPT_TEMPLATE | BP_OPT_OUTPUT,
    true, true};
static const bp_cli_command show_command = {
    "show", bp_cli_show_help_text, BP_OPT_ASCII | BP_OPT_OUTPUT, true, false};
static const bp_cli_command list_command = {
    "list", bp_cli_list_help_text, BP_OPT_OUTPUT, false, false};

static int exit_code_for(bp_status status)
{
    switch (status) {
    case BP_ERR_IO: return BP_EXIT_IO;
    case BP_ERR_NOMEM: return BP_EXIT_NOMEM;
    default: return BP_EXIT_BAD_INPUT; /* an invalid lesson, an overflow */
    }
}

/* file:line:column: message, then the line and a caret under the column. */
static void report(const bp_error *err)
{
    fprintf(stderr, "%s: ", progname);
    if (err->file[0] && err->pos.line > 0)
        fprintf(stderr, "%s:%d:%d: ", err->file, err->pos.line,
                err->pos.column);
    else if (err->file[0])
        fprintf(stderr, "%s: ", err->file);
    fprintf(stderr, "%s\n", err->message);
    if (!err->source_line[0] || err->pos.column < 1)
        return;
    fprintf(stderr, "  %s\n  ", err->source_line);
    /* Tabs stay tabs so that the caret lines up however they are shown. */
    const unsigned char *p = (const unsigned char *)err->source_line;
    for (int col = 1; col < err->pos.column && *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue; /* a continuation byte: same column */
        fputc(*p == '\t' ? '\t' : ' ', stderr);
        col++;
    }
    fputs("^\n", stderr);
}

/* An output that is written whole or not at all: `path`, or standard
 * output when NULL.  0, or the exit code after saying why not. */
static int output_open(bp_output *out, const char *path)
{
    if (bp_output_open(out, path) != 0) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", progname, path,
                strerror(errno));
        return errno == ENOMEM ? BP_EXIT_NOMEM : BP_EXIT_IO;
    }
    errno = 0;
    return BP_EXIT_OK;
}

/* Commit the output when what was written to it (`emitted`: 0, -1 a
 * failed write, -2 out of memory, as the renderers return) all went well;
 * otherwise throw it away.  The exit code. */
static int output_close(bp_output *out, const char *path, int emitted)
{
    if (emitted == -2) {
        bp_output_abort(out);
        fprintf(stderr, "%s: out of memory\n", progname);
        return BP_EXIT_NOMEM;
    }
    if (emitted != 0 || bp_output_commit(out) != 0) {
        int e = errno;
        bp_output_abort(out);
        fprintf(stderr, "%s: cannot write %s%s%s: %s\n", progname,
                path ? "'" : "", path ? path : "the output",
                path ? "'" : "", strerror(e ? e : EIO));
        return e == ENOMEM ? BP_EXIT_NOMEM : BP_EXIT_IO;
    }
    return BP_EXIT_OK;
}

/* Writes what `emit` writes to `path` (standard output when NULL), whole
 * or not at all.  emit returns 0, -1 (a failed write) or -2 (out of
 * memory), as the renderers do. */
static int write_output(const char *path, int (*emit)(const void *, FILE *),
                        const void *arg)
{
    bp_output out;
    int rc = output_open(&out, path);
    if (rc != BP_EXIT_OK)
        return rc;
    return output_close(&out, path, emit(arg, out.fp));
}

/* A name that is neither a file nor a lesson: say where it was looked
 * for, so that a misspelt name is easy to see. */
static void report_search_path(const char *arg)
{
    bp_lesson_dir dirs[BP_LESSON_DIRS_MAX];
    int n = bp_lesson_dirs(dirs);
    fprintf(stderr, "  '%s' is not a file, nor a lesson in:\n", arg);
    for (int i = 0; i < n; i++)
        fprintf(stderr, "    %s (%s)\n", dirs[i].path, dirs[i].what);
    fprintf(stderr, "  'bptrace list' shows the lessons there are.\n");
}

/* The lesson a command names, found by name or path; NULL after reporting
 * why, with *rc the exit code. */
static bp_lesson *load_lesson(const char *arg, int *rc)
{
    char path[4096];
    bp_error err;
    bp_lesson *lesson =
        bp_lesson_load(bp_lesson_path(arg, path, sizeof path), &err);
    if (!lesson) {
        report(&err);
        *rc = exit_code_for(err.status);
        if (err.status == BP_ERR_IO && !strchr(arg, '/'))
            report_search_path(arg);
    }
    return lesson;
}

/* ---- trace ---- */

typedef struct {
    const bp_trace *trace;
    const bp_cli_args *args;
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
    };
    return a->format == BP_FORMAT_JSON
               ? bp_render_json(job->trace, &opt, out)
               : bp_render_text(job->trace, &opt, out);
}

static int cmd_trace(int argc, char **argv)
{
    bp_cli_args a;
    int rc = bp_cli_parse(&trace_command, argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? BP_EXIT_OK : rc;
    bp_lesson *lesson = load_lesson(a.lesson, &rc);
    if (!lesson)
        return rc;
    bp_error err;
    bp_trace *trace =
        a.sequential
            ? bp_trace_build_with(lesson,
                                  &(bp_build_options){.sequential = true},
                                  &err)
            : bp_trace_build(lesson, &err);
    if (!trace) {
        report(&err);
        bp_lesson_free(lesson);
        return exit_code_for(err.status);
    }
    rc = write_output(a.output, write_trace, &(trace_job){trace, &a});
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}

/* ---- check ---- */

/* Of two exit codes, the one to exit with: out of memory, then I/O, then
 * an invalid file, then a wrong answer. */
static int worse(int a, int b)
{
    static const int rank[] = {
        [BP_EXIT_OK] = 0, [BP_EXIT_WRONG] = 1, [BP_EXIT_BAD_INPUT] = 2,
        [BP_EXIT_USAGE] = 3, [BP_EXIT_IO] = 4, [BP_EXIT_NOMEM] = 5};
    return rank[b] > rank[a] ? b : a;
}

/* bp_check finds a misspelt name after the file was read: add the line it
 * is on, so that its message gets a caret like any other. */
static void add_source_line(bp_error *err)
{
    if (err->source_line[0] || err->pos.line < 1 || !err->file[0])
        return;
    FILE *f = fopen(err->file, "r");
    if (!f)
        return;
    size_t n = 0, max = sizeof err->source_line - 1;
    int line = 1, c;
    while ((c = getc(f)) != EOF && line <= err->pos.line) {
        if (c == '\n')
            line++;
        else if (line == err->pos.line && n < max)
            err->source_line[n++] = (char)c;
    }
    fclose(f);
    if (n == max) { /* cut short: never inside a UTF-8 character */
        const unsigned char *l = (const unsigned char *)err->source_line;
        while (n > 0 && (l[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0 && l[n - 1] >= 0xC0)
            n--;
    }
    if (n > 0 && n < max && err->source_line[n - 1] == '\r')
        n--;
    err->source_line[n] = '\0';
}

static bool all_right(const bp_check_result *r)
{
    for (int i = 0; i < r->n; i++)
        if (r->items[i].verdict != BP_VERDICT_RIGHT)
            return false;
    return true;
}

static int write_template(const void *arg, FILE *out)
{
    return bp_report_template(arg, out);
}

typedef struct {
    const bp_cli_args *a;
    bp_output out, csv;
    int out_rc, csv_rc; /* what writing each returned: 0, -1, -2 */
    int reported;       /* reports written so far */
    int exit;           /* the exit code so far */
} check_job;

/* One answers file: loaded, checked, reported, and freed before the next,
 * so that memory stays flat however many there are. */
static void check_one(check_job *job, const bp_trace *t, const char *file)
{
    const bp_cli_args *a = job->a;
    bp_error err;
    bp_answers *answers = bp_answers_load(file, &err);
    bp_check_result *r = answers ? bp_check(t, answers, &err) : NULL;
    if (!r) {
        if (answers)
            add_source_line(&err);
        report(&err);
        job->exit = worse(job->exit, exit_code_for(err.status));
        if (a->format == BP_FORMAT_GRADESCOPE)
            job->out_rc = bp_report_gradescope_error(&err, job->out.fp);
        if (a->summary)
            job->csv_rc = bp_report_csv_failed(t, file, job->csv.fp);
        bp_answers_free(answers);
        return;
    }
    if (!all_right(r))
        job->exit = worse(job->exit, BP_EXIT_WRONG);
    FILE *out = job->out.fp;
    switch (a->format) {
    case BP_FORMAT_TEXT:
        if (job->reported)
            fputc('\n', out);
        job->out_rc = bp_report_text(
            r, &(bp_report_options){.ascii = a->ascii}, out);
        break;
    case BP_FORMAT_JSON:
        if (a->n_files > 1)
            fputs(job->reported ? ",\n" : "", out);
        job->out_rc = bp_report_json(r, out);
        break;
    case BP_FORMAT_GRADESCOPE:
        job->out_rc = bp_report_gradescope(r, out);
        break;
    }
    if (a->summary && job->out_rc == 0)
        job->csv_rc = bp_report_csv_row(r, job->csv.fp);
    job->reported++;
    bp_check_free(r);
    bp_answers_free(answers);
}

/* Every answers file, one report each; a broken one is reported and the
 * others still checked. */
static int check_all(const bp_trace *t, const bp_cli_args *a)
{
    check_job job = {.a = a};
    int rc = output_open(&job.out, a->output);
    if (rc != BP_EXIT_OK)
        return rc;
    if (a->summary && (rc = output_open(&job.csv, a->summary)) != 0) {
        bp_output_abort(&job.out);
        return rc;
    }
    bool array = a->format == BP_FORMAT_JSON && a->n_files > 1;
    if (array)
        fputs("[\n", job.out.fp);
    if (a->summary)
        job.csv_rc = bp_report_csv_header(t, job.csv.fp);
    for (int i = 0; i < a->n_files && !job.out_rc && !job.csv_rc; i++)
        check_one(&job, t, a->files[i]);
    if (array)
        fputs(job.reported ? "\n]\n" : "]\n", job.out.fp);
    else if (a->format == BP_FORMAT_JSON && job.reported)
        fputc('\n', job.out.fp);
    if (!job.out_rc && ferror(job.out.fp))
        job.out_rc = -1;
    rc = output_close(&job.out, a->output, job.out_rc);
    if (a->summary) {
        if (rc != BP_EXIT_OK)
            bp_output_abort(&job.csv); /* the reports were not written */
        else
            rc = output_close(&job.csv, a->summary, job.csv_rc);
    }
    return worse(job.exit, rc);
}

static int cmd_check(int argc, char **argv)
{
    bp_cli_args a;
    int rc = bp_cli_parse(&check_command, argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? BP_EXIT_OK : rc;
    if ((rc = bp_cli_check_args(&a)) != 0)
        return rc;
    bp_lesson *lesson = load_lesson(a.lesson, &rc);
    if (!lesson)
        return rc;
    if (a.exact)
        lesson->has_rounding = false; /* judged against exact values */
    bp_error err;
    bp_trace *trace = bp_trace_build(lesson, &err);
    if (!trace) {
        report(&err);
        bp_lesson_free(lesson);
        return exit_code_for(err.status);
    }
    rc = a.template_only ? write_output(a.output, write_template, trace)
                         : check_all(trace, &a);
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}

/* ---- show ---- */

typedef struct {
    const bp_lesson *lesson;
    bool ascii;
} show_job;

static int write_show(const void *arg, FILE *out)
{
    const show_job *job = arg;
    return bp_render_show(job->lesson, job->ascii, out);
}

static int cmd_show(int argc, char **argv)
{
    bp_cli_args a;
    int rc = bp_cli_parse(&show_command, argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? BP_EXIT_OK : rc;
    bp_lesson *lesson = load_lesson(a.lesson, &rc);
    if (!lesson)
        return rc;
    rc = write_output(a.output, write_show, &(show_job){lesson, a.ascii});
    bp_lesson_free(lesson);
    return rc;
}

/* ---- list ---- */

static int write_list(const void *arg, FILE *out)
{
    return bp_lesson_list_write(arg, out);
}

static int cmd_list(int argc, char **argv)
{
    bp_cli_args a;
    int rc = bp_cli_parse(&list_command, argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? BP_EXIT_OK : rc;

    char dir[BP_LESSON_DIR_SIZE];
    if (!bp_lesson_dir_first(dir, sizeof dir)) {
        bp_lesson_dir dirs[BP_LESSON_DIRS_MAX];
        int n = bp_lesson_dirs(dirs);
        fprintf(stderr, "%s: no lesson directory found; looked in:\n",
                progname);
        for (int i = 0; i < n; i++)
            fprintf(stderr, "  %s (%s)\n", dirs[i].path, dirs[i].what);
        return BP_EXIT_IO;
    }
    bp_lesson_list list;
    bp_error err;
    if (bp_lesson_list_read(dir, &list, &err) != BP_OK) {
        report(&err);
        return exit_code_for(err.status);
    }
    rc = write_output(a.output, write_list, &list);
    /* The lessons that did not load, in full, after the listing. */
    int failed = BP_EXIT_OK;
    for (int i = 0; i < list.n; i++) {
        const bp_lesson_entry *e = &list.entries[i];
        if (e->title)
            continue;
        report(&e->err);
        if (failed != BP_EXIT_IO)
            failed = exit_code_for(e->err.status);
    }
    bp_lesson_list_free(&list);
    return rc != BP_EXIT_OK ? rc : failed;
}

/* ---- help ---- */

static int cmd_help(int argc, char **argv)
{
    static const struct {
        const char *name;
        const char *text;
    } helps[] = {
        {"trace", bp_cli_trace_help_text},
        {"check", bp_cli_check_help_text},
        {"show", bp_cli_show_help_text},
        {"list", bp_cli_list_help_text},
        {"help", bp_cli_usage_text},
    };
    if (argc == 0) {
        fputs(bp_cli_usage_text, stdout);
        return BP_EXIT_OK;
    }
    if (argc > 1)
        return bp_cli_usage_error("help takes one command, got '%s' and '%s'",
                                  argv[0], argv[1]);
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++) {
        if (strcmp(argv[0], helps[i].name) == 0) {
            fputs(helps[i].text, stdout);
            return BP_EXIT_OK;
        }
    }
    return bp_cli_usage_error("no help for '%s' (commands: " BP_CLI_COMMANDS
                              ")", argv[0]);
}

/* Standard output is closed here so that a write error that stdio kept
 * buffered (bptrace trace x > /dev/full) is still reported. */
static int finish(int rc)
{
    if (fclose(stdout) != 0 && rc == BP_EXIT_OK) {
        fprintf(stderr, "%s: cannot write the output: %s\n", progname,
                strerror(errno));
        return BP_EXIT_IO;
    }
    return rc;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        {"trace", cmd_trace},
        {"check", cmd_check},
        {"show", cmd_show},
        {"list", cmd_list},
        {"help", cmd_help},
    };
    if (argc < 2)
        return bp_cli_usage_error("missing COMMAND (try 'bptrace trace "
                                  "complete-example')");
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
        return finish(cmd_help(0, NULL));
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("bptrace %s\n", BP_VERSION);
        return finish(BP_EXIT_OK);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return finish(commands[i].run(argc - 2, argv + 2));
    return bp_cli_usage_error("unknown command '%s' (commands: "
                              BP_CLI_COMMANDS ")", cmd);
}
