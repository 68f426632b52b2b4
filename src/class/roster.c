/* roster.c: a class list (one student id per line), and the manifest of
 * the directory `bptrace worksheet --roster` writes: which seed, and which
 * files, each student got.
 *
 * A student id becomes part of file names, so it is held to a charset that
 * cannot leave the directory or hide a file ('../x', '.bashrc', '-rf'),
 * and two ids that differ only in case are one id: their files would
 * clash on a case-insensitive file system.
 */
#include "class/class_internal.h"
#include "lesson/reader.h"
#include "util/random.h"
#include "util/strings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_STUDENTS = 100000 };

/* ------------------------------------------------------------------ */
/* Ids                                                                 */
/* ------------------------------------------------------------------ */

static bool id_char(char c)
{
    return lr_is_letter(c) || lr_is_digit(c) || c == '.' || c == '_' ||
           c == '-';
}

bool bp_student_id_valid(const char *id, size_t *bad)
{
    size_t i = 0;
    if (id[0] != '.' && id[0] != '-')
        while (id[i] && id_char(id[i]) && i < BP_STUDENT_ID_MAX - 1)
            i++;
    if (bad)
        *bad = i;
    return id[i] == '\0' && i > 0;
}

/* Why an id is not valid, for messages. */
static void describe_bad_id(const char *id, size_t bad, char *buf,
                            size_t size)
{
    unsigned char c = (unsigned char)id[bad];
    if (bad >= BP_STUDENT_ID_MAX - 1)
        snprintf(buf, size, "is longer than %d characters",
                 BP_STUDENT_ID_MAX - 1);
    else if (bad == 0 && (c == '.' || c == '-'))
        snprintf(buf, size, "starts with '%c'", c);
    else if (c == ' ')
        snprintf(buf, size, "holds a space");
    else if (c > ' ' && c < 0x7F)
        snprintf(buf, size, "holds '%c'", c);
    else
        snprintf(buf, size, "holds the byte 0x%02X", c);
}

static const char id_rule[] =
    "an id is letters, digits, '.', '_' and '-', not first '.' or '-', "
    "since it names the student's files";

/* A hash of the id ignoring case, for finding duplicates. */
static uint64_t id_hash(const char *id)
{
    uint64_t h = BP_FNV1A64_OFFSET;
    for (const char *p = id; *p; p++) {
        char c = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        h = bp_fnv1a64(h, &c, 1);
    }
    return h;
}

static bool same_id_any_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* Open addressing over the students so far: index + 1, or 0. */
typedef struct {
    int *slots;
    size_t mask;
} id_index;

static bool index_init(id_index *ix, int n)
{
    size_t cap = 16;
    while (cap < (size_t)n * 2)
        cap *= 2;
    ix->slots = calloc(cap, sizeof *ix->slots);
    ix->mask = cap - 1;
    return ix->slots != NULL;
}

/* The earlier student with the same id (any case), or BP_NOT_FOUND after
 * adding. */
static int index_add(id_index *ix, const bp_student *s, int i)
{
    size_t h = (size_t)id_hash(s[i].id) & ix->mask;
    for (; ix->slots[h]; h = (h + 1) & ix->mask)
        if (same_id_any_case(s[ix->slots[h] - 1].id, s[i].id))
            return ix->slots[h] - 1;
    ix->slots[h] = i + 1;
    return BP_NOT_FOUND;
}

/* ------------------------------------------------------------------ */
/* The roster                                                          */
/* ------------------------------------------------------------------ */

/* The 1-based column of byte `offset` of a line, counting characters. */
static int column_of(const char *line, size_t offset)
{
    int col = 1;
    for (size_t i = 0; i < offset; i++)
        col += ((unsigned char)line[i] & 0xC0) != 0x80;
    return col;
}

/* The next line: where it starts, and its text [*start, *stop) without
 * the spaces around it and a '\r' before the newline. */
static bool next_line(const char **p, const char *end, const char **line,
                      const char **start, const char **stop)
{
    if (*p >= end)
        return false;
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    const char *line_end = nl ? nl : end;
    *line = *p;
    *start = lr_skip_spaces(*p, line_end);
    *stop = lr_trim_end(*start, line_end);
    if (*stop > *start && (*stop)[-1] == '\r')
        *stop = lr_trim_end(*start, *stop - 1);
    *p = nl ? nl + 1 : end;
    return true;
}

/* Every id is checked as it is read; the first bad one is the error. */
typedef struct {
    bp_roster *r;
    id_index ix;
    const char *name, *data;
    size_t len;
    bp_error *err;
} roster_reader;

static bool fail_at(roster_reader *rr, int line, int col, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));

static bool fail_at(roster_reader *rr, int line, int col, const char *fmt,
                    ...)
{
    char message[sizeof rr->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    bp_error_set(rr->err, BP_ERR_INPUT, rr->name, (bp_pos){line, col}, "%s",
                 message);
    lr_make_one_line(rr->err->message);
    yr_fill_source_line(rr->err, rr->data, rr->len);
    return false;
}

/* The length of the UTF-8 sequence at p (before end), or 0 when it is
 * not one. */
static size_t utf8_length(const unsigned char *p, const unsigned char *end)
{
    size_t n = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2
                             : (p[0] & 0xF0) == 0xE0 ? 3
                             : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || (size_t)(end - p) < n || (n == 2 && p[0] < 0xC2))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* The display name after an id's comma, [s, e) trimmed: printed on every
 * sheet (LaTeX escapes it), so no control characters and valid UTF-8. */
static bool read_name(roster_reader *rr, int line, const char *line_start,
                      const char *s, const char *e, bp_student *st)
{
    s = lr_skip_spaces(s, e);
    e = lr_trim_end(s, e);
    size_t n = (size_t)(e - s);
    int col = column_of(line_start, (size_t)(s - line_start));
    if (n >= sizeof st->name)
        return fail_at(rr, line, col, "the name of student '%s' is longer "
                       "than %d bytes", st->id, (int)sizeof st->name - 1);
    for (const unsigned char *p = (const unsigned char *)s;
         p < (const unsigned char *)e;) {
        size_t k = utf8_length(p, (const unsigned char *)e);
        if (k == 0 || *p < 0x20 || *p == 0x7F)
            return fail_at(rr, line,
                           column_of(line_start,
                                     (size_t)((const char *)p - line_start)),
                           "the name of student '%s' holds the byte 0x%02X "
                           "(a name is UTF-8 text without control "
                           "characters)", st->id, *p);
        p += k;
    }
    memcpy(st->name, s, n);
    st->name[n] = '\0';
    return true;
}

static bool read_id(roster_reader *rr, int line, const char *line_start,
                    const char *s, const char *e)
{
    bp_roster *r = rr->r;
    if (r->n == MAX_STUDENTS)
        return fail_at(rr, line, 1, "more than %d students in the roster",
                       MAX_STUDENTS);
    bp_student *st = &r->students[r->n];
    const char *comma = memchr(s, ',', (size_t)(e - s));
    const char *name = comma ? comma + 1 : e, *name_end = e;
    if (comma)
        e = lr_trim_end(s, comma);
    size_t n = (size_t)(e - s), bad;
    bool too_long = n >= sizeof st->id;
    snprintf(st->id, sizeof st->id, "%.*s", (int)(too_long ? sizeof st->id - 1
                                                           : n), s);
    bool has_nul = memchr(s, '\0', n) != NULL;
    if (too_long || has_nul || !bp_student_id_valid(st->id, &bad)) {
        if (too_long)
            bad = sizeof st->id - 1;
        else if (has_nul)
            bad = strlen(st->id);
        char why[64];
        describe_bad_id(s, bad, why, sizeof why);
        return fail_at(rr, line,
                       column_of(line_start, (size_t)(s - line_start) + bad),
                       "student id '%s%s' %s: %s", st->id,
                       too_long ? "..." : "", why, id_rule);
    }
    st->name[0] = '\0';
    if (comma && !read_name(rr, line, line_start, name, name_end, st))
        return false;
    st->seed = bp_seed_from_id(st->id, NULL);
    st->pos = (bp_pos){line, column_of(line_start, (size_t)(s - line_start))};
    int first = index_add(&rr->ix, r->students, r->n);
    if (first >= 0) {
        const bp_student *f = &r->students[first];
        if (strcmp(f->id, st->id) == 0)
            return fail_at(rr, line, st->pos.column,
                           "duplicate student id '%s' (first on line %d)",
                           st->id, f->pos.line);
        return fail_at(rr, line, st->pos.column,
                       "student id '%s' is '%s' (line %d) in another case: "
                       "their files would clash where file names ignore "
                       "case", st->id, f->id, f->pos.line);
    }
    r->n++;
    return true;
}

/* A CSV file's first line: "id,name" (any case, spaces around). */
static bool is_heading(const char *s, const char *e)
{
    static const char heading[] = "id,name";
    char buf[sizeof heading + 8];
    size_t n = 0;
    for (; s < e && n < sizeof buf - 1; s++)
        if (*s != ' ' && *s != '\t')
            buf[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
    return s == e && n == sizeof heading - 1 &&
           memcmp(buf, heading, n) == 0;
}

bp_roster *bp_roster_parse(const char *name, const char *data, size_t len,
                           const char *salt, bp_error *err)
{
    size_t bom = bp_bom_length(data, len);
    data += bom;
    len -= bom;
    const char *end = data + len, *p = data, *line_start, *s, *e;
    int lines = 0;
    while (next_line(&p, end, &line_start, &s, &e))
        lines++;
    if (lines > MAX_STUDENTS)
        lines = MAX_STUDENTS + 1;
    roster_reader rr = {calloc(1, sizeof *rr.r), {NULL, 0}, name, data, len,
                        err};
    bool ok = rr.r && (rr.r->file = strdup(name)) &&
              (rr.r->students = calloc((size_t)lines + 1,
                                       sizeof *rr.r->students)) &&
              index_init(&rr.ix, lines);
    if (!ok)
        bp_error_set(err, BP_ERR_NOMEM, name, (bp_pos){0, 0},
                     "out of memory");
    int line = 0;
    p = data;
    while (ok && next_line(&p, end, &line_start, &s, &e)) {
        line++;
        if (s < e && *s != '#' && !(rr.r->n == 0 && is_heading(s, e)))
            ok = read_id(&rr, line, line_start, s, e);
    }
    free(rr.ix.slots);
    if (ok && rr.r->n == 0)
        ok = fail_at(&rr, 0, 0, "the roster names no student (one id a "
                                "line; '#' starts a comment)");
    if (!ok) {
        bp_roster_free(rr.r);
        return NULL;
    }
    for (int i = 0; i < rr.r->n; i++)
        rr.r->students[i].seed = bp_seed_from_id(rr.r->students[i].id, salt);
    return rr.r;
}

bp_roster *bp_roster_load(const char *path, const char *salt, bp_error *err)
{
    char *data = NULL;
    size_t len = 0;
    if (!lr_read_file(path, "the roster", &data, &len, err))
        return NULL;
    bp_roster *r = bp_roster_parse(path, data, len, salt, err);
    free(data);
    return r;
}

int bp_roster_count(const bp_roster *r)
{
    return r->n;
}

const bp_student *bp_roster_student(const bp_roster *r, int i)
{
    return i >= 0 && i < r->n ? &r->students[i] : NULL;
}

void bp_roster_free(bp_roster *r)
{
    if (!r)
        return;
    free(r->file);
    free(r->students);
    free(r);
}
