/* cmd_check.c: `bptrace check`: every answers file checked against the
 * lesson's trace and reported, one at a time; or the answers template. */
#include "cli/app.h"
#include "cli/clash.h"
#include "check/report.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const bp_cli_command check_command = {
    "check", bp_cli_check_help_text,
    BP_OPT_EXACT | BP_OPT_ASCII | BP_OPT_FORMAT | BP_OPT_GRADESCOPE |
        BP_OPT_SUMMARY | BP_OPT_TEMPLATE | BP_OPT_OUTPUT | BP_OPT_SEED |
        BP_OPT_MANIFEST | BP_OPT_GRADIENTS | BP_OPT_NO_REPORT | BP_OPT_SHEET,
    true, true, bp_cli_check_args};

/* Of two exit codes, the one to exit with: out of memory, then I/O, then
 * an invalid file, then a wrong answer. */
static int worse(int a, int b)
{
    static const int rank[] = {
        [BP_EXIT_OK] = 0, [BP_EXIT_WRONG] = 1, [BP_EXIT_BAD_INPUT] = 2,
        [BP_EXIT_USAGE] = 3, [BP_EXIT_IO] = 4, [BP_EXIT_NOMEM] = 5};
    return rank[b] > rank[a] ? b : a;
}

static bool all_right(const bp_check_result *r)
{
    for (int i = 0; i < r->n; i++)
        if (r->items[i].verdict != BP_VERDICT_RIGHT &&
            r->items[i].verdict != BP_VERDICT_GIVEN)
            return false;
    return true;
}

typedef struct {
    char *text;
    size_t len;
} buffer;

static int write_buffer(const void *arg, FILE *out)
{
    const buffer *b = arg;
    return fwrite(b->text, 1, b->len, out) == b->len ? 0 : -1;
}

/* The answers template, only when check can read it back: an answers
 * file is read up to BP_MAX_INPUT_BYTES, like every input, and the
 * template of a network of hundreds of units is larger. */
static int write_template(const bp_cli_args *a, const bp_trace *t)
{
    buffer b = {NULL, 0};
    FILE *mem = open_memstream(&b.text, &b.len);
    int emitted = mem ? app_emitted(bp_report_template(t, mem)) : -2;
    if (mem && fclose(mem) != 0 && emitted == 0)
        emitted = -2;
    int rc;
    if (emitted != 0) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        rc = BP_EXIT_NOMEM;
    } else if (b.len > (size_t)BP_MAX_INPUT_BYTES) {
        bp_error err;
        bp_error_set(&err, BP_ERR_INPUT, t->lesson->file, (bp_pos){0, 0},
                     "the answers template would be %zu bytes, more than "
                     "check reads from an answers file (%ld): the network "
                     "is too large to be worked by hand",
                     b.len, (long)BP_MAX_INPUT_BYTES);
        app_report(&err);
        rc = BP_EXIT_BAD_INPUT;
    } else {
        rc = app_write_output(a->output, write_buffer, &b);
    }
    free(b.text);
    return rc;
}

typedef struct {
    const bp_cli_args *a;
    const bp_manifest *manifest; /* --manifest: a variant per student */
    bp_lesson *lesson;           /* the manifest's, varied for each */
    int n_files;
    bp_output out, csv;
    bp_status out_rc, csv_rc; /* what writing each returned */
    int reported;       /* reports written so far */
    int exit;           /* the exit code so far */
    char **files;       /* the answers files, in order */
    char **students;    /* the student each names (NULL: none), read
                           before any is graded; NULL for one file */
    bool sheet;         /* --blank, --reveal: the worksheet's givens */
    unsigned blank_kinds, reveal_kinds;
} check_job;

/* Before bp_check: the names against the trace, and with --blank the
 * numbers the worksheet gives (on t, the student's own variant). */
static bp_status match_answers(const check_job *job, const bp_trace *t,
                               bp_answers *answers)
{
    if (!job->sheet)
        return bp_answers_match(t, NULL, answers);
    bool *blank = malloc(((size_t)t->n + 1) * sizeof *blank);
    if (!blank)
        return BP_ERR_NOMEM;
    bp_worksheet_blanks_shown(t, job->blank_kinds, job->reveal_kinds, blank);
    bp_status rc = bp_answers_match(t, blank, answers);
    free(blank);
    return rc;
}

/* An answers file made for a variant names it in its header: "# Lesson:
 * lesson.yaml (variant N)" (worksheet --seed N), or "(the student's
 * variant, in the manifest)" (a roster's); checked against another
 * variant every number would look wrong, so say which to use.  A hint
 * only: the file is still checked as asked. */
static void hint_variant(const check_job *job, const bp_answers *ans,
                         const char *file)
{
    if (job->manifest || !ans->source)
        return;
    const char *line = ans->source;
    while (line[0] == '#') {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (strncmp(line, "# Lesson: ", 10) == 0) {
            const char *v = strstr(line, "(variant ");
            const char *m = strstr(line, "variant, in the manifest)");
            if (v && v < line + len && v[9] >= '0' && v[9] <= '9') {
                unsigned long long seed = strtoull(v + 9, NULL, 10);
                if (!job->a->has_seed || job->a->seed != seed)
                    fprintf(stderr, "%s: %s: its header says it is for "
                                    "variant %llu: check it with --seed "
                                    "%llu, or with --manifest for a class\n",
                            app_progname, file, seed, seed);
            } else if (m && m < line + len) {
                fprintf(stderr, "%s: %s: its header says it is for a "
                                "student's variant: check it with the "
                                "class's --manifest\n",
                        app_progname, file);
            }
            return;
        }
        if (!end)
            return;
        line = end + 1;
    }
}

/* Two files for one student: a copy handed in under a classmate's name
 * (one file named twice is checked once: each_once).  Neither is graded,
 * whichever comes first, so that no score of the wrong file reaches a
 * gradebook and no student can push a classmate's file out by naming
 * them; each is reported with the other's name.  Ids are compared in
 * any case, as a roster compares them.  The students are read before the
 * first file is graded. */
static bool claim_student(const check_job *job, int index,
                          const bp_answers *ans, bp_error *err)
{
    if (!ans->student || !job->students)
        return true; /* a file of nobody in particular, or the only one */
    for (int i = 0; i < job->n_files; i++) {
        if (i != index && job->students[i] &&
            strcasecmp(job->students[i], ans->student) == 0) {
            bp_error_set(err, BP_ERR_INPUT, ans->file, ans->student_pos,
                         "student '%s' is also named by '%s': each student "
                         "hands in one answers file, so neither is graded",
                         ans->student, job->files[i]);
            return false;
        }
    }
    return true;
}

/* Every file's student, read before any is graded (claim_student). */
static bool read_students(check_job *job)
{
    job->students = calloc((size_t)job->n_files, sizeof *job->students);
    if (!job->students)
        return false;
    for (int i = 0; i < job->n_files; i++) {
        bp_error err;
        bp_answers *ans = bp_answers_load(job->files[i], &err);
        const char *id = ans ? bp_answers_student(ans) : NULL;
        job->students[i] = id ? strdup(id) : NULL;
        bp_answers_free(ans);
        if (id && !job->students[i])
            return false;
    }
    return true;
}

/* The trace of the student's own variant (--manifest), built from the
 * manifest's copy of the lesson; NULL after filling err. */
static bp_trace *student_trace(check_job *job, const bp_answers *ans,
                               bp_error *err)
{
    const bp_manifest *m = job->manifest;
    const bp_student *s = ans->student ? bp_manifest_find(m, ans->student)
                                       : NULL;
    if (!ans->student) {
        bp_error_set(err, BP_ERR_INPUT, ans->file, (bp_pos){0, 0},
                     "names no student: with --manifest each answers file "
                     "needs 'student: ID' to find its variant");
        return NULL;
    }
    if (!s) {
        bp_error_set(err, BP_ERR_INPUT, ans->file, ans->student_pos,
                     "student '%s' is not in the manifest %s", ans->student,
                     m->file);
        return NULL;
    }
    bp_trace *varied = bp_lesson_vary_trace(job->lesson, s->seed, err);
    if (!varied || !job->a->exact)
        return varied;
    /* --exact: the variant judged against its exact values (and its hand
     * route beside them) */
    bp_trace_free(varied);
    return bp_trace_build_with(job->lesson, &(bp_build_options){.exact = true},
                               err);
}

/* Each problem of a file that was read, with its line and a caret: they
 * cost their items, and the exit code says the file needs correcting. */
static void report_problems(check_job *job, const bp_answers *answers)
{
    for (int i = 0; i < answers->n_problems; i++)
        app_report(&answers->problems[i]);
    if (answers->n_more_problems)
        fprintf(stderr, "%s: %s: and %d more problems\n", app_progname,
                answers->file, answers->n_more_problems);
    if (answers->n_problems)
        job->exit = worse(job->exit, BP_EXIT_BAD_INPUT);
}

/* A file that was not graded: its error, and a row that names the student
 * even when the file did not load. */
static void report_failed(check_job *job, const bp_trace *t,
                          const bp_answers *answers, const char *file,
                          bp_error *err)
{
    const bp_cli_args *a = job->a;
    if (answers && strcmp(err->file, answers->file) == 0)
        bp_answers_fill_source_line(answers, err);
    app_report(err);
    job->exit = worse(job->exit, app_exit_code(err->status));
    if (a->format == BP_FORMAT_GRADESCOPE)
        job->out_rc = bp_report_gradescope_error(err, job->out.fp);
    if (!a->summary)
        return;
    char guess[64];
    const char *student = answers ? answers->student : NULL;
    if (!answers && bp_answers_guess_student(file, guess, sizeof guess))
        student = guess;
    job->csv_rc = bp_report_csv_failed(t, student, file, job->csv.fp);
}

/* One answers file: loaded, checked, reported, and freed before the next,
 * so that memory stays flat however many there are. */
static void check_one(check_job *job, const bp_trace *t, int index)
{
    const char *file = job->files[index];
    const bp_cli_args *a = job->a;
    bp_error err;
    bp_answers *answers = bp_answers_load(file, &err);
    bp_trace *own = NULL;
    bool judged = false;
    if (answers) {
        own = job->manifest ? student_trace(job, answers, &err) : NULL;
        judged = (!job->manifest || own) &&
                 claim_student(job, index, answers, &err);
        /* the names against this student's own trace */
        if (judged && match_answers(job, own ? own : t, answers) != BP_OK) {
            bp_error_set(&err, BP_ERR_NOMEM, "", (bp_pos){0, 0},
                         "out of memory");
            judged = false;
        }
        report_problems(job, answers);
        hint_variant(job, answers, file);
    }
    bp_check_result *r =
        judged ? bp_check(own ? own : t, answers, &err) : NULL;
    if (!r) {
        report_failed(job, t, answers, file, &err);
        bp_answers_free(answers);
        bp_trace_free(own);
        return;
    }
    if (r->max_score == 0 && r->n > 0) {
        /* every item given: nothing was graded, which is not "all right" */
        fprintf(stderr, "%s: %s: nothing to grade: every item is marked "
                        "given (grade with --blank KINDS or --manifest, so "
                        "that the worksheet says what it gives)\n",
                app_progname, file);
        job->exit = worse(job->exit, BP_EXIT_WRONG);
    } else if (!all_right(r)) {
        job->exit = worse(job->exit, BP_EXIT_WRONG);
    }
    FILE *out = job->out.fp;
    switch (a->format) {
    case BP_FORMAT_NONE: /* no report is built: only the gradebook row */
        break;
    case BP_FORMAT_TEXT:
        if (job->reported)
            fputc('\n', out);
        job->out_rc = bp_report_text(
            r, &(bp_report_options){.ascii = a->ascii}, out);
        break;
    case BP_FORMAT_JSON:
        if (job->n_files > 1)
            fputs(job->reported ? ",\n" : "", out);
        job->out_rc = bp_report_json(r, out);
        break;
    case BP_FORMAT_GRADESCOPE:
        job->out_rc = bp_report_gradescope(
            r, &(bp_report_options){.hide_expected = a->hide_expected}, out);
        break;
    case BP_FORMAT_CSV: /* check takes no other format */
        assert(false);
    }
    if (a->summary && job->out_rc == BP_OK)
        job->csv_rc = bp_report_csv_row(r, job->csv.fp);
    job->reported++;
    bp_check_free(r);
    bp_answers_free(answers);
    bp_trace_free(own);
}

/* What the worksheet gave (job->sheet): --blank and --reveal as worksheet
 * reads them, or what the manifest recorded of them.  Both must agree: a
 * grader who names other kinds than the worksheets were made with would
 * grade given numbers as answers, or answers as given.  0, or the exit
 * code of a usage error. */
static int sheet_kinds(const bp_cli_args *a, const bp_manifest *manifest,
                       check_job *job)
{
    const bp_sheet_kinds *recorded = manifest ? bp_manifest_sheet(manifest)
                                              : NULL;
    if (recorded) {
        job->sheet = true;
        job->blank_kinds = recorded->blank;
        job->reveal_kinds = recorded->reveal;
    }
    if (!a->blank && !a->reveal)
        return BP_EXIT_OK;
    bp_error err;
    unsigned blank = BP_WORKSHEET_ALL, reveal = 0;
    if (a->blank && bp_worksheet_parse_kinds(a->blank, &blank, &err))
        return bp_cli_usage_error("--blank: %s", err.message);
    if (a->reveal && bp_worksheet_parse_kinds(a->reveal, &reveal, &err))
        return bp_cli_usage_error("--reveal: %s", err.message);
    if (a->gradients && blank == BP_WORKSHEET_ALL) /* as worksheet does */
        blank |= BP_WORKSHEET_GRADIENT;
    if (recorded && (blank != recorded->blank || reveal != recorded->reveal)) {
        char given[2][512], made[2][512];
        bp_worksheet_kind_list(blank, given[0], sizeof given[0]);
        bp_worksheet_kind_list(reveal, given[1], sizeof given[1]);
        bp_worksheet_kind_list(recorded->blank, made[0], sizeof made[0]);
        bp_worksheet_kind_list(recorded->reveal, made[1], sizeof made[1]);
        return bp_cli_usage_error(
            "--blank and --reveal (blank: %s; revealed: %s) disagree with "
            "the manifest %s, whose worksheets were made with blank: %s; "
            "revealed: %s (leave --blank and --reveal out to grade as the "
            "manifest says)",
            given[0], reveal ? given[1] : "nothing", manifest->file, made[0],
            recorded->reveal ? made[1] : "nothing");
    }
    job->sheet = true;
    job->blank_kinds = blank;
    job->reveal_kinds = reveal;
    return BP_EXIT_OK;
}

/* A file as the system knows it: a name that cannot be looked at is
 * known by its text only. */
typedef struct {
    const char *name;
    bool found;
    dev_t dev;
    ino_t ino;
} file_id;

static bool same_file(const file_id *a, const file_id *b)
{
    if (!a->found || !b->found)
        return !a->found && !b->found && strcmp(a->name, b->name) == 0;
    return a->dev == b->dev && a->ino == b->ino;
}

/* The files, each once: a file named again is checked at its first name
 * (not taken for a second file of its student, which would grade neither).
 * Each name is looked at once (1,000 files are 1,000 stat calls, not
 * half a million pairs of them).  Fills *n; NULL when out of memory. */
static char **each_once(char **files, int n_files, int *n)
{
    char **once = malloc(((size_t)n_files + 1) * sizeof *once);
    file_id *ids = malloc(((size_t)n_files + 1) * sizeof *ids);
    if (!once || !ids) {
        free(once);
        free(ids);
        return NULL;
    }
    *n = 0;
    for (int i = 0; i < n_files; i++) {
        struct stat st;
        file_id id = {.name = files[i]};
        if (stat(files[i], &st) == 0)
            id = (file_id){files[i], true, st.st_dev, st.st_ino};
        int seen = 0;
        while (seen < *n && !same_file(&ids[seen], &id))
            seen++;
        if (seen < *n) {
            fprintf(stderr, "%s: %s: named twice (also as '%s'): checked "
                            "once\n", app_progname, files[i], once[seen]);
        } else {
            ids[*n] = id;
            once[(*n)++] = files[i];
        }
    }
    free(ids);
    return once;
}

/* Every answers file, one report each; a broken one is reported and the
 * others still checked. */
static int check_each(const bp_trace *t, const bp_cli_args *a,
                      const bp_manifest *manifest, bp_lesson *lesson,
                      char **files, int n_files)
{
    check_job job = {.a = a, .manifest = manifest, .lesson = lesson,
                     .n_files = n_files, .files = files};
    int rc = sheet_kinds(a, manifest, &job);
    if (rc != BP_EXIT_OK)
        return rc;
    if (n_files > 1 && !read_students(&job)) {
        for (int i = 0; job.students && i < n_files; i++)
            free(job.students[i]);
        free(job.students);
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    /* --format none: nothing goes to standard output, not even opened */
    bool reports = a->format != BP_FORMAT_NONE;
    rc = reports ? app_output_open(&job.out, a->output) : BP_EXIT_OK;
    if (rc == BP_EXIT_OK && a->summary &&
        (rc = app_output_open(&job.csv, a->summary)) != 0 && reports)
        bp_output_abort(&job.out);
    if (rc != BP_EXIT_OK) {
        for (int i = 0; job.students && i < n_files; i++)
            free(job.students[i]);
        free(job.students);
        return rc;
    }
    bool array = a->format == BP_FORMAT_JSON && n_files > 1;
    if (array)
        fputs("[\n", job.out.fp);
    if (a->summary)
        job.csv_rc = bp_report_csv_header(t, job.csv.fp);
    for (int i = 0; i < n_files && !job.out_rc && !job.csv_rc; i++)
        check_one(&job, t, i);
    if (array)
        fputs(job.reported ? "\n]\n" : "]\n", job.out.fp);
    else if (a->format == BP_FORMAT_JSON && job.reported)
        fputc('\n', job.out.fp);
    if (reports && !job.out_rc && ferror(job.out.fp))
        job.out_rc = BP_ERR_IO;
    if (reports)
        rc = app_output_close(&job.out, a->output, app_emitted(job.out_rc));
    if (a->summary) {
        if (rc != BP_EXIT_OK)
            bp_output_abort(&job.csv); /* the reports were not written */
        else
            rc = app_output_close(&job.csv, a->summary,
                                  app_emitted(job.csv_rc));
    }
    for (int i = 0; job.students && i < n_files; i++)
        free(job.students[i]);
    free(job.students);
    return worse(job.exit, rc);
}

static int check_all(const bp_trace *t, const bp_cli_args *a,
                     const bp_manifest *manifest, bp_lesson *lesson,
                     char **files, int n_files)
{
    int n;
    char **once = each_once(files, n_files, &n);
    if (!once) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    int rc = check_each(t, a, manifest, lesson, once, n);
    free(once);
    return rc;
}

/* --manifest FILE ANSWERS...: each answers file against the variant of
 * the student it names.  The lesson as it is gives the CSV's columns,
 * which every variant shares. */
static int check_manifest(const bp_cli_args *a)
{
    bp_error err;
    bp_manifest *m = bp_manifest_load(a->manifest, &err);
    if (!m) {
        app_report(&err);
        return app_exit_code(err.status);
    }
    int rc = app_check_clash_with(a, "the manifest's lesson",
                                  m->lesson_path);
    if (rc != 0) {
        bp_manifest_free(m);
        return rc;
    }
    bp_lesson *lesson = bp_lesson_load(m->lesson_path, &err);
    bp_lesson *variants = lesson ? bp_lesson_load(m->lesson_path, &err) : NULL;
    bp_trace *trace = variants ? bp_trace_build(lesson, &err) : NULL;
    /* the first ANSWERS stood where a LESSON would */
    char **files = malloc(((size_t)a->n_files + 1) * sizeof *files);
    if (!trace) {
        app_report(&err);
        /* a path the grader never typed: say where it came from */
        if (!lesson && err.status == BP_ERR_IO)
            fprintf(stderr, "%s: it is the lesson the manifest '%s' names "
                    "(lesson: \"%s\", beside the manifest)\n",
                    app_progname, a->manifest, m->lesson);
        rc = app_exit_code(err.status);
    } else if (!files) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        rc = BP_EXIT_NOMEM;
    } else {
        files[0] = (char *)a->lesson;
        memcpy(files + 1, a->files, (size_t)a->n_files * sizeof *files);
        rc = check_all(trace, a, m, variants, files, a->n_files + 1);
    }
    free(files);
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    bp_lesson_free(variants);
    bp_manifest_free(m);
    return rc;
}

int cmd_check(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&check_command, argc, argv, &a, &rc))
        return rc;
    if (a.manifest)
        return check_manifest(&a);
    bp_lesson *lesson = app_load_variant(&a, &rc);
    if (!lesson)
        return rc;
    /* --gradients: the partial derivatives are quantities to judge too */
    bp_trace *trace = app_build_trace(&a, lesson, true, &rc);
    if (!trace) {
        bp_lesson_free(lesson);
        return rc;
    }
    rc = a.template_only ? write_template(&a, trace)
                         : check_all(trace, &a, NULL, NULL, a.files,
                                     a.n_files);
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}
