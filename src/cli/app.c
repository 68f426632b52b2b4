/* app.c: what every command of the bptrace program shares: its name in
 * messages, exit codes for library errors, error reports with a caret,
 * outputs written whole or not at all, and finding a lesson. */
#include "cli/app.h"
#include "cli/lesson_path.h"
#include "lesson/reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char app_progname[] = "bptrace";

int app_exit_code(bp_status status)
{
    switch (status) {
    case BP_ERR_IO: return BP_EXIT_IO;
    case BP_ERR_NOMEM: return BP_EXIT_NOMEM;
    case BP_OK:
    case BP_ERR_INPUT:
    case BP_ERR_NUMERIC: break;
    }
    return BP_EXIT_BAD_INPUT; /* an invalid lesson, an overflow */
}

/* The bytes of the UTF-8 character at p, or 0 when p starts none (a
 * stray byte such as 0x9B, which a terminal not in UTF-8 takes for a
 * CSI). */
static size_t utf8_char(const unsigned char *p)
{
    size_t n = p[0] < 0x80                   ? 1
               : p[0] >= 0xC2 && p[0] <= 0xDF ? 2
               : (p[0] & 0xF0) == 0xE0       ? 3
               : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4
                                              : 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80) /* the string's NUL stops it too */
            return 0;
    return n;
}

/* Text from a file or a file's name, with every control character but a
 * tab, and every byte that is not UTF-8, shown as '?': nothing a
 * stranger wrote reaches the terminal as a command to it. */
static void put_clean(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_char(p);
        bool c1 = p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
        if (n == 0 || (*p < 0x20 && *p != '\t') || *p == 0x7F || c1)
            fputc('?', stderr);
        else
            fwrite(p, 1, n, stderr);
        p += n ? n : 1;
    }
}

/* file:line:column: message, then the line and a caret under the column. */
void app_report(const bp_error *err)
{
    fprintf(stderr, "%s: ", app_progname);
    put_clean(err->file);
    if (err->file[0] && err->pos.line > 0)
        fprintf(stderr, ":%d:%d: ", err->pos.line, err->pos.column);
    else if (err->file[0])
        fputs(": ", stderr);
    put_clean(err->message);
    fputc('\n', stderr);
    if (!err->source_line[0] || err->pos.column < 1)
        return;
    fputs("  ", stderr);
    put_clean(err->source_line);
    fputs("\n  ", stderr);
    /* Tabs stay tabs so that the caret lines up however they are shown. */
    const unsigned char *p = (const unsigned char *)err->source_line;
    for (int col = 1; col < err->pos.column && *p; col++) {
        fputc(*p == '\t' ? '\t' : ' ', stderr);
        size_t n = utf8_char(p);
        p += n ? n : 1; /* a character, or a '?' */
    }
    fputs("^\n", stderr);
}

/* An output that is written whole or not at all: `path`, or standard
 * output when NULL.  0, or the exit code after saying why not. */
int app_output_open(bp_output *out, const char *path)
{
    if (bp_output_open(out, path) != 0) {
        if (out->refused) {
            fprintf(stderr, "%s: refusing to write '%s': it is another "
                            "user's symlink in a sticky directory (remove "
                            "it, or write elsewhere)\n", app_progname, path);
            return BP_EXIT_IO;
        }
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

int app_emitted(bp_status status)
{
    switch (status) {
    case BP_OK: return 0;
    case BP_ERR_NOMEM: return -2;
    case BP_ERR_IO:
    case BP_ERR_INPUT:
    case BP_ERR_NUMERIC: return -1;
    }
    return -1;
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
    char guess[128];
    if (bp_lesson_closest(arg, guess, sizeof guess))
        fprintf(stderr, "  Did you mean '%s'?\n", guess);
    fprintf(stderr, "  'bptrace list' shows the lessons there are.\n");
}

/* The lesson a command names, found by name or path; NULL after reporting
 * why, with *rc the exit code.  With bytes, the file's bytes as read (for
 * a roster's copy of the lesson); wide: a training lesson's limits. */
static bp_lesson *load_lesson(const char *arg, char **bytes, size_t *len,
                              int *rc, bool wide)
{
    char path[4096];
    bp_error err;
    const char *file = bp_lesson_path(arg, path, sizeof path);
    bp_lesson *lesson = NULL;
    if (wide) {
        lesson = bp_lesson_load_wide(file, &err);
    } else {
        char *data = NULL;
        size_t n = 0;
        if (lr_read_file(file, "the lesson", &data, &n, &err))
            lesson = bp_lesson_parse(file, data, n, &err);
        if (lesson && bytes) {
            *bytes = data;
            *len = n;
        } else {
            free(data);
        }
    }
    if (!lesson) {
        app_report(&err);
        *rc = app_exit_code(err.status);
        if (err.status == BP_ERR_IO && !strchr(arg, '/'))
            report_search_path(arg);
    }
    return lesson;
}

bp_lesson *app_load_lesson_bytes(const char *arg, char **bytes, size_t *len,
                                 int *rc)
{
    return load_lesson(arg, bytes, len, rc, false);
}

bp_lesson *app_load_lesson(const char *arg, int *rc)
{
    return load_lesson(arg, NULL, NULL, rc, false);
}

bp_lesson *app_load_training_lesson(const char *arg, int *rc)
{
    return load_lesson(arg, NULL, NULL, rc, true);
}

char *app_read_source(const bp_lesson *lesson)
{
    char *data = NULL;
    size_t len = 0;
    bp_error err;
    if (!lesson->file || !lr_read_file(lesson->file, "the lesson", &data,
                                       &len, &err))
        return NULL;
    char *text = realloc(data, len + 1);
    if (!text) {
        free(data);
        return NULL;
    }
    text[len] = '\0';
    /* a NUL inside would cut the lesson short: not a lesson's text */
    if (strlen(text) != len) {
        free(text);
        return NULL;
    }
    return text;
}
