/* data.c: reading a CSV data set for `bptrace train --data` (data.h).
 *
 * A data file comes from strangers: every bad byte, field and row is an
 * error at file:line:column, and nothing is kept from a bad file.
 */
#include "lesson/lesson_internal.h"
#include "train/data.h"
#include "util/random.h"
#include "util/strings.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 65536
#define MAX_NAME 256 /* bytes of a column name or a class */

/* What a column gives. */
typedef enum { COL_INPUT, COL_TARGET, COL_CLASS, COL_IGNORED } col_role;

typedef struct {
    char name[MAX_NAME];
    col_role role;
    int unit; /* COL_INPUT: input index; COL_TARGET: output index */
} column;

/* One field of the current line, unquoted in place. */
typedef struct {
    char *text;
    int column; /* 1-based byte column where it starts */
} field;

typedef struct {
    const char *path;
    const bp_lesson *lesson;
    bp_data_spec *spec;
    bp_error *err;
    FILE *fp;
    char *line;    /* BP_DATA_MAX_LINE + 2 bytes */
    char shown[256]; /* the line as read, for messages: split_fields
                        writes over line's commas */
    size_t len;
    int line_no;
    field *fields; /* MAX_COLUMNS + 1 */
    int n_fields;
    column *cols;
    int n_cols;
} reader;

static bp_status fail_at(reader *r, int column, bool show_line,
                         const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bp_status fail_at(reader *r, int column, bool show_line,
                         const char *fmt, ...)
{
    char msg[sizeof r->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bp_error_set(r->err, BP_ERR_INPUT, r->path,
                 (bp_pos){r->line_no, column}, "%s", msg);
    if (show_line && r->err)
        snprintf(r->err->source_line, sizeof r->err->source_line, "%s",
                 r->shown);
    return BP_ERR_INPUT;
}

/* ------------------------------------------------------------------ */
/* Lines                                                               */
/* ------------------------------------------------------------------ */

/* The first byte of s[0..n) that is not well-formed UTF-8, or -1. */
static long bad_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t more = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1
                      : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 9;
        if (more == 9 || (more == 1 && c < 0xC2) || c > 0xF4 ||
            (more > 0 && i + more >= n))
            return (long)i;
        unsigned cp = more == 0 ? c : c & (0x3F >> more);
        for (size_t k = 1; k <= more; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return (long)i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((more == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (more == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return (long)i;
        i += more + 1;
    }
    return BP_NOT_FOUND;
}

/* The next line into r->line without its end ("\n" or "\r\n").  1 read;
 * 0 end of file; or a bp_status after an error (negated). */
static int next_line(reader *r)
{
    int c;
    size_t n = 0;
    bool any = false;
    r->line_no++;
    while ((c = getc(r->fp)) != EOF) {
        any = true;
        if (c == '\n')
            break;
        if (n == BP_DATA_MAX_LINE) {
            r->line[n] = '\0';
            return -fail_at(r, BP_DATA_MAX_LINE + 1, false,
                            "the line is longer than %d bytes",
                            BP_DATA_MAX_LINE);
        }
        if (c == '\0') {
            r->line[n] = '\0';
            return -fail_at(r, (int)n + 1, false,
                            "a NUL byte: this is not a text (CSV) file");
        }
        r->line[n++] = (char)c;
    }
    if (ferror(r->fp))
        return -bp_error_set(r->err, BP_ERR_IO, r->path, (bp_pos){0, 0},
                             "cannot read: %s", strerror(errno));
    if (!any)
        return 0;
    if (n > 0 && r->line[n - 1] == '\r')
        n--;
    r->line[n] = '\0';
    r->len = n;
    long bad = bad_utf8((const unsigned char *)r->line, n);
    if (bad >= 0) {
        unsigned byte = (unsigned char)r->line[bad];
        return -fail_at(r, (int)bad + 1, false,
                        "a byte (0x%02x) that is not UTF-8 text", byte);
    }
    return 1;
}

/* Split r->line at commas into r->fields; a field in double quotes may
 * hold commas, and "" for a quote.  Spaces around a field are dropped. */
static bp_status split_fields(reader *r)
{
    char *s = r->line, *w;
    snprintf(r->shown, sizeof r->shown, "%s", r->line);
    r->n_fields = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (r->n_fields == MAX_COLUMNS)
            return fail_at(r, (int)(s - r->line) + 1, true,
                           "more than %d columns", MAX_COLUMNS);
        field *f = &r->fields[r->n_fields++];
        f->column = (int)(s - r->line) + 1;
        f->text = w = s;
        if (*s == '"') {
            s++;
            for (;;) {
                if (*s == '\0')
                    return fail_at(r, f->column, true,
                                   "a quoted field without its closing "
                                   "quote");
                if (*s == '"' && s[1] != '"')
                    break;
                if (*s == '"')
                    s++;
                *w++ = *s++;
            }
            s++;
            while (*s == ' ' || *s == '\t')
                s++;
            if (*s != ',' && *s != '\0')
                return fail_at(r, (int)(s - r->line) + 1, true,
                               "text after a quoted field's closing quote");
        } else {
            while (*s != ',' && *s != '\0')
                *w++ = *s++;
            while (w > f->text && (w[-1] == ' ' || w[-1] == '\t'))
                w--;
        }
        bool last = *s == '\0';
        *w = '\0';
        if (last)
            return BP_OK;
        s++;
    }
}

/* ------------------------------------------------------------------ */
/* The header                                                          */
/* ------------------------------------------------------------------ */

static int find_label(const bp_lesson *l, int layer, const char *label)
{
    const bp_layer *ly = &l->layers[layer];
    for (int i = 0; i < ly->count; i++)
        if (strcmp(l->units[ly->first + i].label, label) == 0)
            return i;
    return BP_NOT_FOUND;
}

/* What --columns maps `name` to: its LABEL, "-", or NULL when it does not
 * name it.  The label is copied into buf. */
static const char *mapped(const char *map, const char *name, char *buf,
                          size_t size)
{
    size_t n = strlen(name);
    for (const char *p = map; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (eq && (size_t)(eq - p) == n && memcmp(p, name, n) == 0) {
            size_t vlen = len - n - 1;
            if (vlen >= size)
                vlen = size - 1;
            memcpy(buf, eq + 1, vlen);
            buf[vlen] = '\0';
            return buf;
        }
        p = end ? end + 1 : NULL;
    }
    return NULL;
}

static bp_status read_column(reader *r, int c, bool *input_seen,
                             bool *target_seen)
{
    const bp_lesson *l = r->lesson;
    const field *f = &r->fields[c];
    column *col = &r->cols[c];
    if (f->text[0] == '\0')
        return fail_at(r, f->column, true,
                       "column %d has no name: the first line must name "
                       "every column", c + 1);
    if (strlen(f->text) >= MAX_NAME)
        return fail_at(r, f->column, true, "a column name longer than %d "
                       "bytes", MAX_NAME - 1);
    strcpy(col->name, f->text);
    for (int k = 0; k < c; k++)
        if (strcmp(r->cols[k].name, col->name) == 0)
            return fail_at(r, f->column, true, "duplicate column '%s' "
                           "(first at column %d)", col->name,
                           r->fields[k].column);
    if (r->spec->one_hot && strcmp(col->name, r->spec->one_hot) == 0) {
        col->role = COL_CLASS;
        return BP_OK;
    }
    char buf[MAX_NAME];
    const char *label = mapped(r->spec->columns, col->name, buf, sizeof buf);
    if (label && strcmp(label, "-") == 0) {
        col->role = COL_IGNORED;
        return BP_OK;
    }
    const char *as = label ? label : col->name;
    int i = find_label(l, 0, as), k = find_label(l, l->n_layers - 1, as);
    if (i < 0 && k < 0)
        return fail_at(r, f->column, true,
                       label ? "--columns maps column '%s' to '%s', which "
                               "is no input or output unit of the lesson"
                             : "unknown column '%s'%.0s: the lesson has no "
                               "input or output unit of that label (map it "
                               "with --columns NAME=LABEL, or NAME=- to "
                               "leave it out)",
                       col->name, as);
    if (k >= 0 && r->spec->one_hot)
        return fail_at(r, f->column, true,
                       "column '%s' gives output unit '%s', which the "
                       "one-hot column '%s' gives (leave it out with "
                       "--columns '%s=-')", col->name, as, r->spec->one_hot,
                       col->name);
    col->role = i >= 0 ? COL_INPUT : COL_TARGET;
    col->unit = i >= 0 ? i : k;
    bool *seen = i >= 0 ? &input_seen[i] : &target_seen[k];
    if (*seen)
        return fail_at(r, f->column, true, "column '%s' gives unit '%s' a "
                       "second time", col->name, as);
    *seen = true;
    return BP_OK;
}

static bp_status read_header(reader *r)
{
    const bp_lesson *l = r->lesson;
    const bp_layer *in = &l->layers[0], *out = &l->layers[l->n_layers - 1];
    bp_status st = split_fields(r);
    if (st != BP_OK)
        return st;
    /* --one-hot names a column of the file: say so before any column's
     * role is judged by it */
    int c = 0;
    while (r->spec->one_hot && c < r->n_fields &&
           strcmp(r->fields[c].text, r->spec->one_hot) != 0)
        c++;
    if (c == r->n_fields)
        return fail_at(r, 1, true, "no column '%s' for --one-hot",
                       r->spec->one_hot);
    r->n_cols = r->n_fields;
    r->cols = calloc((size_t)r->n_cols, sizeof *r->cols);
    bool *input_seen = calloc((size_t)in->count, sizeof *input_seen);
    bool *target_seen = calloc((size_t)out->count, sizeof *target_seen);
    if (!r->cols || !input_seen || !target_seen) {
        free(input_seen);
        free(target_seen);
        return bp_error_set(r->err, BP_ERR_NOMEM, r->path, (bp_pos){0, 0},
                            "out of memory");
    }
    for (c = 0; c < r->n_cols && st == BP_OK; c++)
        st = read_column(r, c, input_seen, target_seen);
    for (int i = 0; i < in->count && st == BP_OK; i++)
        if (!input_seen[i])
            st = fail_at(r, 1, true, "no column gives input unit '%s'",
                         l->units[in->first + i].label);
    for (int k = 0; k < out->count && st == BP_OK && !r->spec->one_hot; k++)
        if (!target_seen[k])
            st = fail_at(r, 1, true, "no column gives output unit '%s' "
                         "(or name a class column with --one-hot)",
                         l->units[out->first + k].label);
    free(input_seen);
    free(target_seen);
    return st;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

static bp_status nomem(reader *r)
{
    return bp_error_set(r->err, BP_ERR_NOMEM, r->path, (bp_pos){0, 0},
                        "out of memory");
}

/* The output unit of class `name`: a known class, or a new one. */
static bp_status class_unit(reader *r, const field *f, bool may_add,
                            int *unit)
{
    bp_data_spec *sp = r->spec;
    int n_out = r->lesson->layers[r->lesson->n_layers - 1].count;
    for (int k = 0; k < sp->n_classes; k++)
        if (strcmp(sp->classes[k], f->text) == 0) {
            *unit = k;
            return BP_OK;
        }
    if (f->text[0] == '\0')
        return fail_at(r, f->column, true, "missing field: column '%s' "
                       "(the class) is empty", sp->one_hot);
    if (!may_add)
        return fail_at(r, f->column, true, "class '%s' is not in the "
                       "training data", f->text);
    if (sp->n_classes == n_out)
        return fail_at(r, f->column, true, "class '%s' is class %d, and "
                       "the output layer has %d unit%s, one per class",
                       f->text, n_out + 1, n_out, n_out == 1 ? "" : "s");
    if (strlen(f->text) >= MAX_NAME)
        return fail_at(r, f->column, true, "a class name longer than %d "
                       "bytes", MAX_NAME - 1);
    if (!sp->classes &&
        !(sp->classes = calloc((size_t)n_out, sizeof *sp->classes)))
        return nomem(r);
    if (!(sp->classes[sp->n_classes] = strdup(f->text)))
        return nomem(r);
    *unit = sp->n_classes++;
    return BP_OK;
}

/* Room for one more example. */
static bool grow(bp_example_set *set, int *cap)
{
    if (set->n < *cap)
        return true;
    int n = *cap ? *cap * 2 : 64;
    double *in = realloc(set->inputs,
                         (size_t)n * (size_t)set->n_inputs * sizeof *in);
    if (in)
        set->inputs = in;
    double *t = realloc(set->targets,
                        (size_t)n * (size_t)set->n_targets * sizeof *t);
    if (t)
        set->targets = t;
    bp_pos *p = realloc(set->pos, (size_t)n * sizeof *p);
    if (p)
        set->pos = p;
    if (!in || !t || !p)
        return false;
    *cap = n;
    return true;
}

static bp_status read_row(reader *r, bp_example_set *set, bool may_add)
{
    bp_status st = split_fields(r);
    if (st != BP_OK)
        return st;
    if (r->n_fields > r->n_cols)
        return fail_at(r, r->fields[r->n_cols].column, true,
                       "wrong count: this row has %d fields, the header "
                       "names %d columns", r->n_fields, r->n_cols);
    if (r->n_fields < r->n_cols)
        return fail_at(r, (int)r->len + 1, true,
                       "missing field: this row has %d fields, the header "
                       "names %d columns (the next is '%s')", r->n_fields,
                       r->n_cols, r->cols[r->n_fields].name);
    double *x = set->inputs + (size_t)set->n * (size_t)set->n_inputs;
    double *t = set->targets + (size_t)set->n * (size_t)set->n_targets;
    int first_target = 0;
    for (int c = 0; c < r->n_cols; c++) {
        const field *f = &r->fields[c];
        const column *col = &r->cols[c];
        if (col->role == COL_IGNORED)
            continue;
        if (col->role == COL_CLASS) {
            int k = 0;
            if ((st = class_unit(r, f, may_add, &k)) != BP_OK)
                return st;
            for (int j = 0; j < set->n_targets; j++)
                t[j] = j == k ? 1.0 : 0.0;
            first_target = f->column;
            continue;
        }
        if (f->text[0] == '\0')
            return fail_at(r, f->column, true, "missing field: column '%s' "
                           "is empty", col->name);
        double v;
        switch (bp_parse_number(f->text, &v)) {
        case BP_NUM_OK:
            break;
        case BP_NUM_EMPTY:
        case BP_NUM_SYNTAX:
            return fail_at(r, f->column, true, "'%.40s' in column '%s' is "
                           "not a number", f->text, col->name);
        case BP_NUM_NONFINITE:
        case BP_NUM_RANGE:
            return fail_at(r, f->column, true, "'%.40s' in column '%s' is "
                           "not a finite number", f->text, col->name);
        }
        if (col->role == COL_INPUT) {
            x[col->unit] = v;
        } else {
            t[col->unit] = v;
            if (!first_target)
                first_target = f->column;
        }
    }
    char why[256];
    if (!bp_lesson_check_targets(r->lesson, t, why, sizeof why))
        return fail_at(r, first_target, true, "%s", why);
    set->pos[set->n++] = (bp_pos){r->line_no, 1};
    return BP_OK;
}

/* ------------------------------------------------------------------ */
/* The file                                                            */
/* ------------------------------------------------------------------ */

void bp_data_set_free(bp_example_set *set)
{
    free(set->inputs);
    free(set->targets);
    free(set->pos);
    *set = (bp_example_set){0};
}

void bp_data_spec_free(bp_data_spec *spec)
{
    for (int k = 0; k < spec->n_classes; k++)
        free(spec->classes[k]);
    free(spec->classes);
    spec->classes = NULL;
    spec->n_classes = 0;
}

static bp_status read_all(reader *r, bp_example_set *set)
{
    int got = next_line(r);
    if (got < 0)
        return (bp_status)-got;
    if (got == 0)
        return fail_at(r, 1, false, "the file is empty: a data file needs "
                       "a first line naming its columns, then a line per "
                       "example");
    size_t bom = bp_bom_length(r->line, r->len);
    if (bom) {
        r->len -= bom;
        memmove(r->line, r->line + bom, r->len + 1);
    }
    bp_status st = read_header(r);
    if (st != BP_OK)
        return st;
    bool may_add = r->spec->n_classes == 0;
    int cap = 0;
    while ((got = next_line(r)) > 0) {
        if (r->len == 0)
            continue; /* a blank line */
        if (set->n == BP_DATA_MAX_ROWS)
            return fail_at(r, 1, false, "more than %d examples",
                           BP_DATA_MAX_ROWS);
        if (!grow(set, &cap))
            return nomem(r);
        if ((st = read_row(r, set, may_add)) != BP_OK)
            return st;
    }
    if (got < 0)
        return (bp_status)-got;
    if (set->n == 0) {
        r->line_no = 2;
        return fail_at(r, 1, false, "only the header: the file has no "
                       "examples after its first line");
    }
    return BP_OK;
}

bp_status bp_data_read(const char *path, const bp_lesson *lesson,
                       bp_data_spec *spec, bp_example_set *set, bp_error *err)
{
    const bp_layer *out = &lesson->layers[lesson->n_layers - 1];
    *set = (bp_example_set){.n_inputs = lesson->layers[0].count,
                            .n_targets = out->count};
    reader r = {.path = path, .lesson = lesson, .spec = spec, .err = err};
    r.fp = fopen(path, "rb");
    if (!r.fp)
        return bp_error_set(err, BP_ERR_IO, path, (bp_pos){0, 0},
                            "cannot open: %s", strerror(errno));
    r.line = malloc(BP_DATA_MAX_LINE + 2);
    r.fields = malloc((MAX_COLUMNS + 1) * sizeof *r.fields);
    bp_status st = r.line && r.fields ? read_all(&r, set) : nomem(&r);
    fclose(r.fp);
    free(r.line);
    free(r.fields);
    free(r.cols);
    if (st != BP_OK)
        bp_data_set_free(set);
    return st;
}

/* ------------------------------------------------------------------ */
/* Split and standardise                                               */
/* ------------------------------------------------------------------ */

static void swap_rows(double *v, int width, int a, int b)
{
    double *x = v + (size_t)a * (size_t)width, *y = v + (size_t)b * width;
    for (int i = 0; i < width; i++) {
        double t = x[i];
        x[i] = y[i];
        y[i] = t;
    }
}

bp_status bp_data_split(bp_example_set *all, double fraction, uint64_t seed,
                        bp_example_set *test)
{
    bp_rng rng;
    bp_rng_seed(&rng, seed);
    /* Fisher-Yates, the examples and their positions together */
    for (int d = all->n - 1; d > 0; d--) {
        int e = (int)bp_rng_below(&rng, (uint64_t)d + 1);
        swap_rows(all->inputs, all->n_inputs, d, e);
        swap_rows(all->targets, all->n_targets, d, e);
        bp_pos p = all->pos[d];
        all->pos[d] = all->pos[e];
        all->pos[e] = p;
    }
    int n_test = (int)lround(fraction * all->n);
    n_test = n_test < 1 ? 1 : n_test > all->n - 1 ? all->n - 1 : n_test;
    int keep = all->n - n_test;
    *test = (bp_example_set){.n = n_test, .n_inputs = all->n_inputs,
                             .n_targets = all->n_targets};
    size_t ni = (size_t)all->n_inputs, nt = (size_t)all->n_targets;
    test->inputs = malloc((size_t)n_test * ni * sizeof *test->inputs);
    test->targets = malloc((size_t)n_test * nt * sizeof *test->targets);
    test->pos = malloc((size_t)n_test * sizeof *test->pos);
    if (!test->inputs || !test->targets || !test->pos) {
        bp_data_set_free(test);
        return BP_ERR_NOMEM;
    }
    memcpy(test->inputs, all->inputs + (size_t)keep * ni,
           (size_t)n_test * ni * sizeof *test->inputs);
    memcpy(test->targets, all->targets + (size_t)keep * nt,
           (size_t)n_test * nt * sizeof *test->targets);
    memcpy(test->pos, all->pos + keep, (size_t)n_test * sizeof *test->pos);
    all->n = keep;
    return BP_OK;
}

static void shift_scale(bp_example_set *set, int i, double mean, double sd)
{
    for (int d = 0; set && d < set->n; d++) {
        double *x = &set->inputs[(size_t)d * set->n_inputs + i];
        *x = sd > 0 ? (*x - mean) / sd : 0.0;
    }
}

void bp_data_standardize(bp_example_set *train, bp_example_set *test)
{
    for (int i = 0; i < train->n_inputs; i++) {
        double sum = 0.0, sq = 0.0;
        for (int d = 0; d < train->n; d++)
            sum += train->inputs[(size_t)d * train->n_inputs + i];
        double mean = sum / train->n;
        for (int d = 0; d < train->n; d++) {
            double e = train->inputs[(size_t)d * train->n_inputs + i] - mean;
            sq += e * e;
        }
        double sd = sqrt(sq / train->n);
        shift_scale(train, i, mean, sd);
        shift_scale(test, i, mean, sd);
    }
}
