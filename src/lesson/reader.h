/* lesson_reader.h: the machinery every part of the lesson loader shares
 * (internal).
 *
 * A loader reads one YAML tree (yaml_reader.h) into one bp_lesson.  Every
 * reader returns true, or false after filling the error with the file,
 * the position of the offending node and a one-line message; the first
 * problem found wins.  What a reader allocates it stores in the lesson at
 * once, so that bp_lesson_free cleans up after any failure.
 */
#ifndef BP_LESSON_READER_H
#define BP_LESSON_READER_H

#include "lesson/lesson_internal.h"
#include "util/strings.h"
#include "lesson/yaml_reader.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *name; /* the file name used in messages */
    bp_error *err;
    bp_lesson *lesson; /* being filled */
    bool wide; /* for training only (bp_lesson_load_wide): the training
                  limits, and 'example' may be left out */
} lr_loader;

/* ---- errors ---- */

/* Report a BP_ERR_INPUT at `at` (NULL: no position); returns false. */
bool lr_fail(lr_loader *ld, const yr_node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report BP_ERR_NOMEM; returns false. */
bool lr_fail_nomem(lr_loader *ld);

/* ---- names ---- */

/* "a, b, c" into buf; ", ..." when it does not fit. */
void bp_join_names(char *buf, size_t size, const char *const *names,
                   size_t n_names);
/* What YAML would read a node as, for messages: "a mapping", "a number". */
const char *lr_describe(const yr_node *node);

static inline bool lr_is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool lr_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* [s, end) without its leading, or its trailing, spaces and tabs. */
const char *lr_skip_spaces(const char *s, const char *end);
const char *lr_trim_end(const char *start, const char *end);

/* ---- mappings ---- */

/* One key a mapping may have; a list of them ends with {NULL, false}. */
typedef struct {
    const char *name;
    bool required;
} lr_key;

/* Node must be a mapping with only known keys (an unknown one gets "did
 * you mean" or the list of valid keys) and every required one.  `what`
 * names the mapping in messages: "'notation'", "a unit". */
bool lr_check_mapping(lr_loader *ld, const yr_node *node, const char *what,
                      const lr_key *keys);

/* The key node of `name` in a mapping, or NULL: where to point when the
 * key itself is the problem (yr_map_get gives its value). */
const yr_node *lr_map_key(const yr_node *map, const char *name);

/* ---- scalars ----
 * `what` names the value in messages: "'learning_rate'", "bias '4'". */

/* A plain decimal number (bp_parse_number). */
bool lr_read_number(lr_loader *ld, const yr_node *node, const char *what,
                    double *out);
bool lr_read_bool(lr_loader *ld, const yr_node *node, const char *what,
                  bool *out);
/* A non-empty text of at most size - 1 bytes into buf. */
bool lr_read_text(lr_loader *ld, const yr_node *node, const char *what,
                  char *buf, size_t size);
/* A non-empty text, allocated. */
bool lr_read_text_alloc(lr_loader *ld, const yr_node *node, const char *what,
                        char **out);
/* A number as the lecture prints it: kept as text, which must parse. */
bool lr_read_printed_number(lr_loader *ld, const yr_node *node,
                            const char *what, char *buf, size_t size);
/* One of n names; *out is its index.  A bad value lists the valid ones,
 * calling them `noun`s. */
bool lr_read_enum(lr_loader *ld, const yr_node *node, const char *what,
                  const char *noun, const char *const *names, int n, int *out);

/* ---- files ---- */

/* The whole file into *out (malloc'd, a 0 after its *len bytes), refusing
 * more than BP_MAX_INPUT_BYTES ("WHAT is too large") before reading it
 * all. */
bool lr_read_file(const char *path, const char *what, char **out,
                  size_t *len, bp_error *err);

/* Control characters of a message become '?', so it stays one line. */
void lr_make_one_line(char *message);

#endif
