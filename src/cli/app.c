/* app.c: what every command of the bptrace program shares: its name in
 * messages, exit codes for library errors, error reports with a caret,
 * outputs written whole or not at all, and finding a lesson. */
#include "cli/app.h"
#include "cli/lesson_path.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char app_progname[] = "bptrace";

int app_exit_code(bp_status status)
{
    switch (status) {
    case BP_ERR_IO: return BP_EXIT_IO;
    case BP_ERR_NOMEM: return BP_EXIT_NOMEM;
    default: return BP_EXIT_BAD_INPUT; /* an invalid lesson, an overflow */
    }
}

/* file:line:column: message, then the line and a caret under the column. */
void app_report(const bp_error *err)
{
    fprintf(stderr, "%s: ", app_progname);
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
int app_output_open(bp_output *out, const char *path)
{
    if (bp_output_open(out, path) != 0) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", app_progname, path,
                strerror(errno));
        return errno == ENOMEM ? BP_EXIT_NOMEM : BP_EXIT_IO;
    }
    errno = 0;
    return BP_EXIT_OK;
}

/* Commit the output when what was written to it (`emitted`: 0, -1 a
 * failed write, -2 out of memory, as the renderers return) all went well;
 * otherwise throw it away.  The exit code. */
int app_output_close(bp_output *out, const char *path, int emitted)
{
    if (emitted == -2) {
        bp_output_abort(out);
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    if (emitted != 0 || bp_output_commit(out) != 0) {
        int e = errno;
        bp_output_abort(out);
        fprintf(stderr, "%s: cannot write %s%s%s: %s\n", app_progname,
                path ? "'" : "", path ? path : "the output",
                path ? "'" : "", strerror(e ? e : EIO));
        return e == ENOMEM ? BP_EXIT_NOMEM : BP_EXIT_IO;
    }
    return BP_EXIT_OK;
}

/* Writes what `emit` writes to `path` (standard output when NULL), whole
 * or not at all.  emit returns 0, -1 (a failed write) or -2 (out of
 * memory), as the renderers do. */
int app_write_output(const char *path, int (*emit)(const void *, FILE *),
                        const void *arg)
{
    bp_output out;
    int rc = app_output_open(&out, path);
    if (rc != BP_EXIT_OK)
        return rc;
    return app_output_close(&out, path, emit(arg, out.fp));
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
bp_lesson *app_load_lesson(const char *arg, int *rc)
{
    char path[4096];
    bp_error err;
    bp_lesson *lesson =
        bp_lesson_load(bp_lesson_path(arg, path, sizeof path), &err);
    if (!lesson) {
        app_report(&err);
        *rc = app_exit_code(err.status);
        if (err.status == BP_ERR_IO && !strchr(arg, '/'))
            report_search_path(arg);
    }
    return lesson;
}

char *app_read_source(const bp_lesson *lesson)
{
    FILE *in = lesson->file ? fopen(lesson->file, "rb") : NULL;
    if (!in)
        return NULL;
    char *text = NULL;
    size_t len = 0, cap = 0, n;
    char buf[8192];
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            char *p = realloc(text, cap);
            if (!p) {
                free(text);
                fclose(in);
                return NULL;
            }
            text = p;
        }
        memcpy(text + len, buf, n);
        len += n;
    }
    if (text)
        text[len] = '\0';
    /* a NUL inside would cut the lesson short: not a lesson's text */
    bool bad = ferror(in) || !text || strlen(text) != len;
    fclose(in);
    if (bad) {
        free(text);
        return NULL;
    }
    return text;
}
