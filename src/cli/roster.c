/* app_roster.c: --roster FILE --output-dir DIR: for each student of the
 * roster a worksheet, its key and an answers template, all from the
 * student's own variant (the seed derived from the id), and a manifest
 * that `bptrace check --manifest` grades with.
 *
 * Nothing half-written: everything goes into a hidden temporary directory
 * beside DIR, which is renamed to DIR only when every file is complete.
 * DIR must not exist, or be empty.  On any failure the temporary
 * directory is removed; only a kill that allows no clean-up (SIGKILL, a
 * power cut) can leave it behind, as ".DIR.bptrace-XXXXXX", never DIR.
 */
#include "cli/app.h"
#include "cli/lesson_path.h"
#include "cli/pdf.h"

#include <dirent.h>
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory being written. */
typedef struct {
    const bp_cli_args *a;
    bp_worksheet_options opt; /* as the worksheet command set them */
    char dir[4096];      /* DIR, without trailing slashes */
    char tmp[4096 + 32]; /* the temporary directory beside it */
    const char *lesson_bytes; /* the lesson as read when loaded */
    size_t lesson_len;
} roster_job;

/* ---- files ---- */

typedef int (*emit_fn)(const void *arg, FILE *out);

/* Write one file of the temporary directory; 0, or the exit code after
 * saying why not. */
static int write_file(const roster_job *job, const char *name, emit_fn emit,
                      const void *arg)
{
    char path[sizeof job->tmp + 128];
    snprintf(path, sizeof path, "%s/%s", job->tmp, name);
    FILE *f = fopen(path, "wx");
    if (!f) {
        fprintf(stderr, "%s: cannot write '%s/%s': %s\n", app_progname,
                job->dir, name, strerror(errno));
        return errno == ENOMEM ? BP_EXIT_NOMEM : BP_EXIT_IO;
    }
    int emitted = emit(arg, f);
    if (ferror(f) && emitted == 0)
        emitted = -1;
    int e = errno;
    if (fclose(f) != 0 && emitted == 0) {
        emitted = -1;
        e = errno;
    }
    if (emitted == 0)
        return BP_EXIT_OK;
    if (emitted == -2) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    fprintf(stderr, "%s: cannot write '%s/%s': %s\n", app_progname, job->dir,
            name, strerror(e ? e : EIO));
    return BP_EXIT_IO;
}

/* Remove the temporary directory and what was written into it (plain
 * files only: nothing else is ever put there). */
static void remove_tmp(const roster_job *job)
{
    DIR *d = opendir(job->tmp);
    if (d) {
        struct dirent *entry;
        while ((entry = readdir(d))) {
            if (strcmp(entry->d_name, ".") == 0 ||
                strcmp(entry->d_name, "..") == 0)
                continue;
            char path[sizeof job->tmp + 256];
            snprintf(path, sizeof path, "%s/%s", job->tmp, entry->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(job->tmp);
}

/* ---- signals ----
 * A signal that ends the program while the temporary directory exists
 * removes it first: the handler unlinks the files it knows by name
 * (unlink, rmdir, strlen and memcpy are async-signal-safe) and dies of
 * the signal.  A signal the caller ignores stays ignored. */

static const roster_job *volatile signal_job;
static const bp_roster *volatile signal_roster;
/* whether the hidden directory exists: set with the signals blocked */
static volatile sig_atomic_t signal_tmp_made;

static void unlink_in(const char *dir, const char *name)
{
    char path[sizeof ((roster_job *)0)->tmp + 128];
    size_t d = strlen(dir), n = strlen(name);
    if (!n || d + 1 + n >= sizeof path)
        return;
    memcpy(path, dir, d);
    path[d] = '/';
    memcpy(path + d + 1, name, n + 1);
    unlink(path);
}

/* --pdf: ID.worksheet.pdf beside ID.worksheet.tex. */
static void unlink_pdf_in(const char *dir, const char *tex)
{
    char name[sizeof ((bp_student *)0)->key];
    size_t n = strlen(tex);
    if (n < 4 || n >= sizeof name || strcmp(tex + n - 4, ".tex") != 0)
        return;
    memcpy(name, tex, n - 3);
    memcpy(name + n - 3, "pdf", 4);
    unlink_in(dir, name);
}

static void remove_tmp_and_die(int sig)
{
    const roster_job *job = signal_job;
    const bp_roster *r = signal_roster;
    if (job && r && signal_tmp_made) {
        for (int i = 0; i < r->n; i++) {
            unlink_in(job->tmp, r->students[i].worksheet);
            unlink_in(job->tmp, r->students[i].key);
            unlink_in(job->tmp, r->students[i].answers);
            unlink_pdf_in(job->tmp, r->students[i].worksheet);
            unlink_pdf_in(job->tmp, r->students[i].key);
        }
        unlink_in(job->tmp, APP_PDF_ALL_WORKSHEETS);
        unlink_in(job->tmp, APP_PDF_ALL_KEYS);
        unlink_in(job->tmp, "lesson.yaml");
        unlink_in(job->tmp, "manifest.yaml");
        rmdir(job->tmp);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Every signal whose default action ends the program and that a user, a
 * script or a time limit may send (SIGPIPE too: a closed stderr). */
static const int watched[] = {SIGINT,  SIGTERM, SIGHUP,  SIGPIPE,
                              SIGXFSZ, SIGQUIT, SIGUSR1, SIGUSR2,
                              SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU};

static void watch_signals(const roster_job *job, const bp_roster *roster)
{
    signal_job = job;
    signal_roster = roster;
    for (size_t i = 0; i < sizeof watched / sizeof *watched; i++) {
        struct sigaction sa, old;
        if (sigaction(watched[i], NULL, &old) != 0 ||
            old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_tmp_and_die;
        sigemptyset(&sa.sa_mask);
        sigaction(watched[i], &sa, NULL);
    }
}

static void unwatch_signals(void)
{
    signal_job = NULL;
    signal_roster = NULL;
    signal_tmp_made = 0;
}

/* DIR may not exist yet, or be an empty directory (rename replaces it). */
static int check_dir_free(const roster_job *job)
{
    struct stat st;
    if (stat(job->dir, &st) != 0) {
        if (errno == ENOENT)
            return BP_EXIT_OK;
        fprintf(stderr, "%s: cannot write '%s': %s\n", app_progname,
                job->dir, strerror(errno));
        return BP_EXIT_IO;
    }
    bool empty = false;
    DIR *d = S_ISDIR(st.st_mode) ? opendir(job->dir) : NULL;
    if (d) {
        struct dirent *entry;
        empty = true;
        while (empty && (entry = readdir(d)))
            empty = strcmp(entry->d_name, ".") == 0 ||
                    strcmp(entry->d_name, "..") == 0;
        closedir(d);
    }
    if (empty)
        return BP_EXIT_OK;
    fprintf(stderr, "%s: '%s' exists and is not an empty directory: the "
                    "roster's files go into a directory of their own\n",
            app_progname, job->dir);
    return BP_EXIT_IO;
}

/* A hidden directory beside DIR: .DIR.bptrace-XXXXXX */
static int make_tmp(roster_job *job)
{
    const char *slash = strrchr(job->dir, '/');
    int parent = slash ? (int)(slash - job->dir) + 1 : 0;
    int n = snprintf(job->tmp, sizeof job->tmp, "%.*s.%s.bptrace-XXXXXX",
                     parent, job->dir, job->dir + parent);
    /* the watched signals held back while it is made, so that one
     * arriving then still finds it and removes it */
    sigset_t held, before;
    sigemptyset(&held);
    for (size_t i = 0; i < sizeof watched / sizeof *watched; i++)
        sigaddset(&held, watched[i]);
    sigprocmask(SIG_BLOCK, &held, &before);
    bool made = n > 0 && (size_t)n < sizeof job->tmp && mkdtemp(job->tmp);
    int made_errno = errno;
    signal_tmp_made = made;
    sigprocmask(SIG_SETMASK, &before, NULL);
    if (made)
        return BP_EXIT_OK;
    errno = made_errno;
    fprintf(stderr, "%s: cannot create a directory beside '%s': %s\n",
            app_progname, job->dir, strerror(errno));
    return BP_EXIT_IO;
}

/* ---- what each student gets ---- */

typedef struct {
    const bp_trace *trace;
    bp_worksheet_options opt;
} student_job;

static int emit_worksheet(const void *arg, FILE *out)
{
    const student_job *s = arg;
    bp_worksheet_options opt = s->opt;
    opt.key = false;
    return app_emitted(bp_render_worksheet(s->trace, &opt, out));
}

static int emit_key(const void *arg, FILE *out)
{
    const student_job *s = arg;
    bp_worksheet_options opt = s->opt;
    opt.key = true;
    return app_emitted(bp_render_worksheet(s->trace, &opt, out));
}

static int emit_template(const void *arg, FILE *out)
{
    const student_job *s = arg;
    return app_emitted(bp_worksheet_answers_template(s->trace, &s->opt, out));
}

/* The names of a student's files, known before any is written. */
static void name_files(const roster_job *job, bp_student *s)
{
    const char *ext = bp_render_format_about(job->opt.format)->extension;
    snprintf(s->worksheet, sizeof s->worksheet, "%s.worksheet.%s", s->id,
             ext);
    snprintf(s->key, sizeof s->key, "%s.key.%s", s->id, ext);
    snprintf(s->answers, sizeof s->answers, "%s.answers.yaml", s->id);
}

/* The student's variant, and its three files: the worksheet, its key
 * and its answers file, as `bptrace worksheet` writes them. */
static int write_student(const roster_job *job, bp_lesson *lesson,
                         const bp_student *s)
{
    bp_error err;
    bp_trace *trace = bp_lesson_vary_trace(lesson, s->seed, &err);
    if (trace && bp_lesson_variant_for(lesson, s->id, &err) != BP_OK) {
        bp_trace_free(trace);
        trace = NULL;
    }
    int rc = BP_EXIT_OK;
    if (!trace) {
        app_report(&err);
        fprintf(stderr, "%s: (for student '%s', line %d of the roster, "
                        "seed %llu)\n",
                app_progname, s->id, s->pos.line,
                (unsigned long long)s->seed);
        rc = app_exit_code(err.status);
    } else {
        student_job sj = {trace, job->opt};
        sj.opt.student = s->id;
        sj.opt.student_name = s->name;
        sj.opt.mode = job->a->exact || !trace->hand_rounding ? BP_MODE_EXACT
                                                             : BP_MODE_HAND;
        if ((rc = write_file(job, s->worksheet, emit_worksheet, &sj)) == 0 &&
            (rc = write_file(job, s->key, emit_key, &sj)) == 0)
            rc = write_file(job, s->answers, emit_template, &sj);
    }
    bp_trace_free(trace);
    return rc;
}

/* ---- the manifest and the lesson's copy ---- */

typedef struct {
    const bp_roster *roster;
    const char *source;
    const bp_sheet_kinds *sheet; /* a partial worksheet's, or NULL */
} manifest_job;

static int emit_manifest(const void *arg, FILE *out)
{
    const manifest_job *m = arg;
    return app_emitted(bp_manifest_write("lesson.yaml", m->source, m->sheet,
                                         m->roster->students, m->roster->n,
                                         out));
}

/* The lesson, byte for byte as it was read when the variants were made
 * (not read again: a pipe is empty by now, and the file may have been
 * edited meanwhile): the manifest grades against this copy, so that later
 * edits of the lesson change no student's variant. */
static int emit_copy(const void *arg, FILE *out)
{
    const roster_job *job = arg;
    if (job->lesson_len &&
        fwrite(job->lesson_bytes, 1, job->lesson_len, out) != job->lesson_len)
        return -1;
    return ferror(out) ? -1 : 0;
}

/* ---- the roster ---- */

static int write_all(roster_job *job, bp_lesson *lesson, bp_roster *roster)
{
    int rc = BP_EXIT_OK;
    for (int i = 0; i < roster->n && rc == BP_EXIT_OK; i++)
        rc = write_student(job, lesson, &roster->students[i]);
    if (rc == BP_EXIT_OK)
        rc = write_file(job, "lesson.yaml", emit_copy, job);
    /* --blank, --reveal: recorded, so that check --manifest knows the
     * numbers the worksheets give */
    bp_sheet_kinds sheet = {job->opt.blank, job->opt.reveal};
    bool partial = job->a->blank || job->a->reveal;
    if (rc == BP_EXIT_OK)
        rc = write_file(job, "manifest.yaml", emit_manifest,
                        &(manifest_job){roster, job->a->lesson,
                                        partial ? &sheet : NULL});
    if (rc == BP_EXIT_OK && job->a->pdf) /* each .tex through pdflatex */
        rc = app_pdf_roster(job->tmp, job->dir, roster, job->a->two_sided);
    if (rc == BP_EXIT_OK && rename(job->tmp, job->dir) != 0) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", app_progname,
                job->dir, strerror(errno));
        rc = BP_EXIT_IO;
    }
    return rc;
}

int app_write_roster(const bp_cli_args *a, const bp_worksheet_options *opt)
{
    if (!a->output_dir)
        return bp_cli_usage_error("--roster needs --output-dir DIR, the "
                                  "directory to write into");
    if (a->has_seed || a->output || a->key || a->answers_template)
        return bp_cli_usage_error("--roster gives each student a seed and "
                                  "writes a worksheet, a key and an answers "
                                  "file into --output-dir: it takes no "
                                  "--seed, -o, --key or --answers-template");
    roster_job job = {.a = a, .opt = *opt};
#ifdef __GLIBC__
    /* A trace per student: without this glibc gives the heap back to the
     * kernel after each one and asks for it again (two brk calls each). */
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
#endif
    size_t len = strlen(a->output_dir);
    while (len > 1 && a->output_dir[len - 1] == '/')
        len--;
    if (len >= sizeof job.dir - 32)
        return bp_cli_usage_error("--output-dir: the path is too long");
    memcpy(job.dir, a->output_dir, len);
    job.dir[len] = '\0';

    int rc;
    char *bytes = NULL;
    bp_lesson *lesson =
        app_load_lesson_bytes(a->lesson, &bytes, &job.lesson_len, &rc);
    if (!lesson)
        return rc;
    job.lesson_bytes = bytes;
    bp_error err;
    /* every variant has the lesson's quantities: one trace says whether
     * the sheets leave anything blank (a bad lesson is reported below) */
    bp_trace *shape = bp_trace_build(lesson, &err);
    rc = shape ? app_worksheet_asks(a, shape, opt) : 0;
    bp_trace_free(shape);
    if (rc != 0) {
        bp_lesson_free(lesson);
        free(bytes);
        return rc;
    }
    bp_roster *roster = bp_roster_load(a->roster, a->salt, &err);
    if (!roster) {
        app_report(&err);
        bp_lesson_free(lesson);
        free(bytes);
        return app_exit_code(err.status);
    }
    char *source = job.opt.format == BP_RENDER_HTML
                       ? app_read_source(lesson) : NULL;
    job.opt.source = source;
    if ((rc = check_dir_free(&job)) == BP_EXIT_OK) {
        /* the names first: a signal from the moment the hidden directory
         * is made removes every file it may hold */
        for (int i = 0; i < roster->n; i++)
            name_files(&job, &roster->students[i]);
        watch_signals(&job, roster);
        if ((rc = make_tmp(&job)) == BP_EXIT_OK) {
            rc = write_all(&job, lesson, roster); /* varied for each */
            if (rc != BP_EXIT_OK) {
                remove_tmp(&job);
                fprintf(stderr, "%s: nothing was written to '%s'\n",
                        app_progname, job.dir);
            }
        }
        unwatch_signals();
    }
    bp_roster_free(roster);
    bp_lesson_free(lesson);
    free(bytes);
    free(source);
    return rc;
}
