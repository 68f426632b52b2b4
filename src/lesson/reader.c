/* lesson_reader.c: the machinery every part of the lesson loader shares:
 * errors, "did you mean", mappings and scalars (see lesson_reader.h).
 */
#include "lesson/lesson_internal.h"
#include "lesson/reader.h"

#include <errno.h>
#include <sys/stat.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

bool lr_fail(lr_loader *ld, const yr_node *at, const char *fmt, ...)
{
    char message[sizeof ld->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    bp_pos pos = at ? at->pos : (bp_pos){0, 0};
    bp_error_set(ld->err, BP_ERR_INPUT, ld->name, pos, "%s", message);
    return false;
}

bool lr_fail_nomem(lr_loader *ld)
{
    bp_error_set(ld->err, BP_ERR_NOMEM, ld->name, (bp_pos){0, 0},
                 "out of memory");
    return false;
}

/* ------------------------------------------------------------------ */
/* Names and text                                                      */
/* ------------------------------------------------------------------ */

const char *lr_skip_spaces(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

const char *lr_trim_end(const char *start, const char *end)
{
    while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    return end;
}

/* ------------------------------------------------------------------ */
/* Mappings: unknown keys (with "did you mean"), missing keys          */
/* ------------------------------------------------------------------ */

static size_t spec_names(const lr_key *specs, const char **names)
{
    size_t n = 0;
    for (; specs[n].name; n++)
        names[n] = specs[n].name;
    return n;
}

static bool is_known_key(const char *key, const lr_key *specs)
{
    for (size_t i = 0; specs[i].name; i++)
        if (strcmp(key, specs[i].name) == 0)
            return true;
    return false;
}

static bool fail_unknown_key(lr_loader *ld, const yr_node *key,
                             const lr_key *specs)
{
    const char *names[32];
    size_t n = spec_names(specs, names);
    const char *guess = bp_closest_name(key->text, names, n);
    if (guess)
        return lr_fail(ld, key, "unknown key '%s' (did you mean '%s'?)",
                       key->text, guess);
    char list[256];
    bp_join_names(list, sizeof list, names, n);
    return lr_fail(ld, key, "unknown key '%s' (expected one of: %s)", key->text,
                   list);
}

/* "a scalar" is too vague for messages: say what YAML would read. */
static bool is_boolean_word(const char *s)
{
    static const char *const words[] = {"true",  "True",  "TRUE",
                                        "false", "False", "FALSE"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(s, words[i]) == 0)
            return true;
    return false;
}

const char *lr_describe(const yr_node *node)
{
    if (node->kind == YR_MAPPING)
        return "a mapping";
    if (node->kind == YR_SEQUENCE)
        return "a sequence";
    if (node->quoted)
        return "a string";
    if (yr_is_null(node))
        return "null";
    if (is_boolean_word(node->text))
        return "a boolean";
    if (bp_parse_number(node->text, NULL) == BP_NUM_OK)
        return "a number";
    return "a string";
}

/* Node must be a mapping with only known keys and every required one. */
bool lr_check_mapping(lr_loader *ld, const yr_node *node, const char *what,
                      const lr_key *specs)
{
    if (node->kind != YR_MAPPING)
        return lr_fail(ld, node, "%s must be a mapping, not %s", what,
                       lr_describe(node));
    for (const yr_node *key = node->first; key; key = key->next)
        if (!is_known_key(key->text, specs))
            return fail_unknown_key(ld, key, specs);
    for (size_t i = 0; specs[i].name; i++)
        if (specs[i].required && !yr_map_get(node, specs[i].name))
            return lr_fail(ld, node, "missing required key '%s'",
                           specs[i].name);
    return true;
}

const yr_node *lr_map_key(const yr_node *map, const char *name)
{
    if (map->kind != YR_MAPPING)
        return NULL;
    for (const yr_node *key = map->first; key; key = key->next)
        if (strcmp(key->text, name) == 0)
            return key;
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Scalars                                                             */
/* ------------------------------------------------------------------ */

/* How many bytes of a bad value a message quotes: at most 40, whole
 * characters, so that the reason after it is never cut off by the
 * message's length (a number of a million digits). */
static int quoted_length(const char *text)
{
    size_t n = strlen(text);
    if (n <= 40)
        return (int)n;
    n = 40;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

bool lr_read_number(lr_loader *ld, const yr_node *node, const char *what,
                    double *out)
{
    if (node->kind != YR_SCALAR || node->quoted || yr_is_null(node) ||
        is_boolean_word(node->text))
        return lr_fail(ld, node, "%s must be a number, not %s", what,
                       lr_describe(node));
    bp_num_status status = bp_parse_number(node->text, out);
    char hint[96];
    if (status != BP_NUM_OK)
        return lr_fail(ld, node, "'%.*s%s' %s%s", quoted_length(node->text),
                       node->text, node->text[quoted_length(node->text)]
                                       ? "..." : "",
                       bp_num_status_message(status),
                       bp_num_hint(node->text, hint, sizeof hint));
    return true;
}

bool lr_read_bool(lr_loader *ld, const yr_node *node, const char *what,
                  bool *out)
{
    static const char *const truths[] = {"true", "True", "TRUE"};
    if (node->kind != YR_SCALAR)
        return lr_fail(ld, node, "%s must be true or false, not %s", what,
                       lr_describe(node));
    if (node->quoted || !is_boolean_word(node->text))
        return lr_fail(ld, node, "%s must be true or false, not '%s'", what,
                       node->text);
    *out = false;
    for (size_t i = 0; i < sizeof truths / sizeof *truths; i++)
        if (strcmp(node->text, truths[i]) == 0)
            *out = true;
    return true;
}

/* A scalar's text without the newline a block scalar (>) ends with. */
static size_t text_length(const yr_node *node)
{
    size_t n = strlen(node->text);
    while (n > 0 && strchr(" \t\r\n", node->text[n - 1]))
        n--;
    return n;
}

static bool check_text(lr_loader *ld, const yr_node *node, const char *what,
                       size_t max)
{
    if (node->kind != YR_SCALAR || yr_is_null(node))
        return lr_fail(ld, node, "%s must be a string, not %s", what,
                       lr_describe(node));
    size_t n = text_length(node);
    if (n == 0)
        return lr_fail(ld, node, "%s must not be empty", what);
    if (n > max)
        return lr_fail(ld, node, "%s is too long (the limit is %zu characters)",
                       what, max);
    return true;
}

/* Text into a fixed buffer. */
bool lr_read_text(lr_loader *ld, const yr_node *node, const char *what,
                  char *buf, size_t size)
{
    if (!check_text(ld, node, what, size - 1))
        return false;
    size_t n = text_length(node);
    memcpy(buf, node->text, n);
    buf[n] = '\0';
    return true;
}

bool lr_read_text_alloc(lr_loader *ld, const yr_node *node, const char *what,
                        char **out)
{
    if (!check_text(ld, node, what, BP_MAX_INPUT_BYTES))
        return false;
    size_t n = text_length(node);
    *out = malloc(n + 1);
    if (!*out)
        return lr_fail_nomem(ld);
    memcpy(*out, node->text, n);
    (*out)[n] = '\0';
    return true;
}

/* A number as the lecture prints it: kept as text, which must parse. */
bool lr_read_printed_number(lr_loader *ld, const yr_node *node,
                            const char *what, char *buf, size_t size)
{
    if (!lr_read_text(ld, node, what, buf, size))
        return false;
    bp_num_status status = bp_parse_number(buf, NULL);
    char hint[96];
    if (status != BP_NUM_OK)
        return lr_fail(ld, node, "'%.*s%s' %s%s", quoted_length(buf), buf,
                       buf[quoted_length(buf)] ? "..." : "",
                       bp_num_status_message(status),
                       bp_num_hint(buf, hint, sizeof hint));
    return true;
}

/* One of a list of names; a bad value lists the valid ones. */
bool lr_read_enum(lr_loader *ld, const yr_node *node, const char *what,
                  const char *noun, const char *const *names, int n, int *out)
{
    if (node->kind != YR_SCALAR || yr_is_null(node))
        return lr_fail(ld, node, "%s must be a string, not %s", what,
                       lr_describe(node));
    for (int i = 0; i < n; i++) {
        if (strcmp(node->text, names[i]) == 0) {
            *out = i;
            return true;
        }
    }
    char list[256];
    bp_join_names(list, sizeof list, names, (size_t)n);
    return lr_fail(ld, node, "unknown %s '%s' (expected one of: %s)", noun,
                   node->text, list);
}

/* The message is one line even when it quotes a key with a newline. */
void lr_make_one_line(char *message)
{
    for (unsigned char *p = (unsigned char *)message; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            *p = '?';
}

static bool read_stream(FILE *f, const char *path, const char *what,
                        bool regular, long size, char **out, size_t *out_len,
                        bp_error *err)
{
    const size_t limit = (size_t)BP_MAX_INPUT_BYTES;
    size_t cap = regular ? (size_t)size + 1 : 64 * 1024;
    size_t len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            bp_error_set(err, BP_ERR_NOMEM, path, (bp_pos){0, 0},
                         "out of memory");
            return false;
        }
        len += fread(buf + len, 1, cap - len, f);
        if (ferror(f)) {
            bp_error_set(err, BP_ERR_IO, path, (bp_pos){0, 0}, "%s",
                         strerror(errno));
            free(buf);
            return false;
        }
        if (len > limit) {
            bp_error_set(err, BP_ERR_INPUT, path, (bp_pos){0, 0},
                         "%s is too large (the limit is %ld bytes)", what,
                         (long)BP_MAX_INPUT_BYTES);
            free(buf);
            return false;
        }
        if (feof(f))
            break;
        if (len == cap) {
            /* Grow to at most one byte past the limit: enough to tell. */
            size_t next = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *bigger = realloc(buf, next);
            if (!bigger)
                free(buf);
            buf = bigger;
            cap = next;
        }
    }
    if (len == cap) { /* room for the 0 after the bytes */
        char *bigger = realloc(buf, cap + 1);
        if (!bigger) {
            free(buf);
            bp_error_set(err, BP_ERR_NOMEM, path, (bp_pos){0, 0},
                         "out of memory");
            return false;
        }
        buf = bigger;
    }
    buf[len] = '\0'; /* so that a text file reads as a string too */
    *out = buf;
    *out_len = len;
    return true;
}

/* The whole file, refusing more than BP_MAX_INPUT_BYTES before reading. */
bool lr_read_file(const char *path, const char *what, char **out,
                  size_t *len, bp_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bp_error_set(err, BP_ERR_IO, path, (bp_pos){0, 0}, "%s",
                     strerror(errno));
        return false;
    }
    struct stat st;
    bool ok = false;
    if (fstat(fileno(f), &st) != 0)
        bp_error_set(err, BP_ERR_IO, path, (bp_pos){0, 0}, "%s",
                     strerror(errno));
    else if (S_ISDIR(st.st_mode))
        bp_error_set(err, BP_ERR_IO, path, (bp_pos){0, 0}, "%s",
                     strerror(EISDIR));
    else if (S_ISREG(st.st_mode) && st.st_size > BP_MAX_INPUT_BYTES)
        bp_error_set(err, BP_ERR_INPUT, path, (bp_pos){0, 0},
                     "%s is too large (the limit is %ld bytes)", what,
                     (long)BP_MAX_INPUT_BYTES);
    else
        ok = read_stream(f, path, what, S_ISREG(st.st_mode), (long)st.st_size, out,
                         len, err);
    fclose(f);
    return ok;
}

