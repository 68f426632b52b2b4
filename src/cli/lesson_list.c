/* lesson_list.c: the lessons of a directory, in the lecture's order. */
#include "cli/lesson_list.h"
#include "lesson/lesson_internal.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- sections ---- */

/* One part of a section ("3" of "3.2"): its leading digits without leading
 * zeros, and the text up to the next '.'. */
typedef struct {
    const char *num;
    size_t num_len;
    const char *rest;
    size_t rest_len;
    bool has_num;
} part;

static const char *next_part(const char *s, part *p)
{
    size_t digits = strspn(s, "0123456789");
    p->has_num = digits > 0;
    p->num = s;
    p->num_len = digits;
    while (p->num_len > 1 && p->num[0] == '0') { /* "007" is 7 */
        p->num++;
        p->num_len--;
    }
    p->rest = s + digits;
    p->rest_len = strcspn(p->rest, ".");
    s = p->rest + p->rest_len;
    return *s == '.' ? s + 1 : s;
}

static int part_compare(const part *a, const part *b)
{
    if (a->has_num != b->has_num)
        return a->has_num ? -1 : 1; /* numbers before words */
    if (a->num_len != b->num_len)
        return a->num_len < b->num_len ? -1 : 1;
    int c = memcmp(a->num, b->num, a->num_len);
    if (c)
        return c;
    size_t n = a->rest_len < b->rest_len ? a->rest_len : b->rest_len;
    c = memcmp(a->rest, b->rest, n);
    if (c)
        return c;
    return a->rest_len < b->rest_len ? -1 : a->rest_len > b->rest_len;
}

int bp_section_compare(const char *a, const char *b)
{
    if (!a || !b)
        return a ? -1 : b ? 1 : 0;
    while (*a && *b) {
        part pa, pb;
        a = next_part(a, &pa);
        b = next_part(b, &pb);
        int c = part_compare(&pa, &pb);
        if (c)
            return c;
    }
    return *a ? 1 : *b ? -1 : 0;
}

/* ---- reading a directory ---- */

static char *dup_str(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static bool is_lesson_file(const char *dir, const char *name, char **path)
{
    size_t len = strlen(name);
    *path = NULL;
    if (name[0] == '.' || len <= 5 || strcmp(name + len - 5, ".yaml") != 0)
        return false;
    size_t size = strlen(dir) + 1 + len + 1;
    *path = malloc(size);
    if (!*path)
        return true; /* the caller reports the lack of memory */
    snprintf(*path, size, "%s/%s", dir, name);
    struct stat st;
    if (stat(*path, &st) == 0 && S_ISDIR(st.st_mode)) {
        free(*path);
        *path = NULL;
        return false;
    }
    return true; /* a dangling link is listed, and fails to load */
}

/* The lesson at path, read only when it is a regular file: opened with
 * O_NONBLOCK (a FIFO someone left in the directory must not block the
 * listing) and checked with fstat on what was opened, so that a file
 * swapped for a FIFO after the directory was read changes nothing. */
static bp_lesson *load_regular(const char *path, bp_error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        bp_error_set(err, errno == ENOMEM ? BP_ERR_NOMEM : BP_ERR_IO, path,
                     (bp_pos){0, 0}, "%s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    char *data = NULL;
    size_t len = 0;
    if (!S_ISREG(st.st_mode))
        bp_error_set(err, BP_ERR_IO, path, (bp_pos){0, 0},
                     "not a regular file");
    else if (st.st_size > BP_MAX_INPUT_BYTES)
        bp_error_set(err, BP_ERR_INPUT, path, (bp_pos){0, 0},
                     "the lesson is too large (the limit is %ld bytes)",
                     (long)BP_MAX_INPUT_BYTES);
    else if (!(data = malloc((size_t)st.st_size + 1)))
        bp_error_set(err, BP_ERR_NOMEM, path, (bp_pos){0, 0},
                     "out of memory");
    else {
        ssize_t n = 0;
        while (len < (size_t)st.st_size &&
               ((n = read(fd, data + len, (size_t)st.st_size - len)) > 0 ||
                (n < 0 && errno == EINTR)))
            len += n > 0 ? (size_t)n : 0;
        if (n < 0) {
            bp_error_set(err, BP_ERR_IO, path, (bp_pos){0, 0}, "%s",
                         strerror(errno));
            free(data);
            data = NULL;
        }
    }
    close(fd);
    if (!data)
        return NULL;
    bp_lesson *lesson = bp_lesson_parse(path, data, len, err);
    free(data);
    return lesson;
}

/* Load the lesson at e->path and keep what the listing shows.  A lesson
 * counts as valid only when it also traces: an exercise naming a value
 * nobody gives loads, but does not work. */
static bp_status load_entry(bp_lesson_entry *e)
{
    bp_lesson *lesson = load_regular(e->path, &e->err);
    if (!lesson)
        return e->err.status == BP_ERR_NOMEM ? BP_ERR_NOMEM : BP_OK;
    bp_trace *trace = bp_trace_build(lesson, &e->err);
    if (!trace) {
        bp_lesson_free(lesson);
        return e->err.status == BP_ERR_NOMEM ? BP_ERR_NOMEM : BP_OK;
    }
    bp_trace_free(trace);
    e->title = dup_str(lesson->title ? lesson->title : "");
    e->section = dup_str(lesson->section);
    bool nomem = !e->title || (lesson->section && !e->section);
    bp_lesson_free(lesson);
    return nomem ? BP_ERR_NOMEM : BP_OK;
}

static int entry_compare(const void *pa, const void *pb)
{
    const bp_lesson_entry *a = pa, *b = pb;
    int c = bp_section_compare(a->section, b->section);
    return c ? c : strcmp(a->name, b->name);
}

bp_status bp_lesson_list_read(const char *dir, bp_lesson_list *list,
                              bp_error *err)
{
    *list = (bp_lesson_list){0};
    DIR *d = opendir(dir);
    if (!d)
        return bp_error_set(err, errno == ENOMEM ? BP_ERR_NOMEM : BP_ERR_IO,
                            dir, (bp_pos){0, 0}, "%s", strerror(errno));
    int cap = 0;
    bp_status status = BP_OK;
    struct dirent *de;
    for (errno = 0; (de = readdir(d)) != NULL; errno = 0) {
        char *path;
        if (!is_lesson_file(dir, de->d_name, &path))
            continue;
        if (!path)
            goto nomem;
        if (list->n == cap) {
            int new_cap = cap ? 2 * cap : 16;
            bp_lesson_entry *e =
                realloc(list->entries, (size_t)new_cap * sizeof *e);
            if (!e) {
                free(path);
                goto nomem;
            }
            list->entries = e;
            cap = new_cap;
        }
        bp_lesson_entry *e = &list->entries[list->n++];
        *e = (bp_lesson_entry){.path = path};
        e->name = dup_str(de->d_name);
        if (!e->name)
            goto nomem;
        e->name[strlen(e->name) - 5] = '\0'; /* drop ".yaml" */
    }
    if (errno) {
        status = bp_error_set(err, BP_ERR_IO, dir, (bp_pos){0, 0}, "%s",
                              strerror(errno));
        goto fail;
    }
    closedir(d);
    d = NULL;
    for (int i = 0; i < list->n; i++)
        if (load_entry(&list->entries[i]) != BP_OK)
            goto nomem;
    if (list->n > 1)
        qsort(list->entries, (size_t)list->n, sizeof *list->entries,
              entry_compare);
    return BP_OK;
nomem:
    status = bp_error_set(err, BP_ERR_NOMEM, dir, (bp_pos){0, 0},
                          "out of memory");
fail:
    if (d)
        closedir(d);
    bp_lesson_list_free(list);
    return status;
}

void bp_lesson_list_free(bp_lesson_list *list)
{
    for (int i = 0; i < list->n; i++) {
        bp_lesson_entry *e = &list->entries[i];
        free(e->name);
        free(e->path);
        free(e->section);
        free(e->title);
    }
    free(list->entries);
    *list = (bp_lesson_list){0};
}

/* ---- writing ---- */

/* Columns a UTF-8 string takes: one per code point. */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static int one_line(FILE *out, const char *s);

/* s, then spaces up to w columns and a gap of two. */
static int column(FILE *out, const char *s, int w)
{
    if (one_line(out, s) != 0) /* a file name may hold an escape */
        return -1;
    for (int i = width(s); i < w + 2; i++)
        if (fputc(' ', out) == EOF)
            return -1;
    return 0;
}

/* A title or message on one line: control characters become spaces. */
static int one_line(FILE *out, const char *s)
{
    for (; *s; s++)
        if (fputc(iscntrl((unsigned char)*s) ? ' ' : *s, out) == EOF)
            return -1;
    return 0;
}

int bp_lesson_list_write(const bp_lesson_list *list, FILE *out)
{
    int wname = 0, wsection = 1;
    for (int i = 0; i < list->n; i++) {
        const bp_lesson_entry *e = &list->entries[i];
        if (width(e->name) > wname)
            wname = width(e->name);
        if (e->section && width(e->section) > wsection)
            wsection = width(e->section);
    }
    for (int i = 0; i < list->n; i++) {
        const bp_lesson_entry *e = &list->entries[i];
        if (column(out, e->name, wname) != 0 ||
            column(out, e->section ? e->section : "-", wsection) != 0)
            return -1;
        if (e->title) {
            if (one_line(out, e->title) != 0)
                return -1;
        } else {
            char where[32] = "";
            if (e->err.pos.line > 0)
                snprintf(where, sizeof where, "line %d: ", e->err.pos.line);
            if (fprintf(out, "(%s: %s", e->err.status == BP_ERR_IO
                                            ? "cannot read"
                                            : "invalid",
                        where) < 0 ||
                one_line(out, e->err.message) != 0 || fputc(')', out) == EOF)
                return -1;
        }
        if (fputc('\n', out) == EOF)
            return -1;
    }
    return 0;
}
