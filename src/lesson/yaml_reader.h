/* yaml_reader.h: a YAML document as a small tree of nodes (internal).
 *
 * The reader uses libyaml's event API with its own limits, because
 * yaml_parser_load has no nesting limit and follows aliases that point at
 * themselves.  It accepts the subset the lesson format allows: mappings,
 * sequences and scalars, one document, no anchors, aliases or tags, no
 * duplicate keys, no NUL characters, at most BP_MAX_INPUT_BYTES and
 * BP_MAX_DEPTH levels of nesting.
 */
#ifndef BP_YAML_READER_H
#define BP_YAML_READER_H

#include "lesson/lesson_internal.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { YR_SCALAR = 0, YR_SEQUENCE, YR_MAPPING } yr_kind;

typedef struct yr_node yr_node;
struct yr_node {
    yr_kind kind;
    bool quoted;       /* a scalar written quoted or as a block (| >) */
    bp_pos pos;        /* 1-based, where the node starts */
    const char *text;  /* a scalar's text; "" for collections */
    size_t count;      /* items of a sequence, pairs of a mapping */
    yr_node *first;    /* first item of a sequence, first key of a mapping */
    yr_node *next;     /* next item of the same sequence or key of the same
                          mapping, or NULL */
    yr_node *value;    /* a mapping key: its value */
};

typedef struct yr_document yr_document;

/* Parse data (len bytes, not NUL-terminated) into a tree.  On failure
 * returns NULL and fills err (BP_ERR_INPUT or BP_ERR_NOMEM) with `name`,
 * the position and the source line. */
yr_document *yr_read(const char *name, const char *data, size_t len,
                     bp_error *err);
/* The same for another kind of file: `what` ("the answers file", "the
 * manifest") is what its messages call it; yr_read says "the lesson". */
yr_document *yr_read_file(const char *name, const char *what,
                          const char *data, size_t len, bp_error *err);
const yr_node *yr_root(const yr_document *doc);
void yr_free(yr_document *doc);

/* The value of `key` in a mapping, or NULL. */
const yr_node *yr_map_get(const yr_node *map, const char *key);

/* Is this a plain scalar YAML reads as null ("", "~", "null")? */
bool yr_is_null(const yr_node *node);

/* Copy the text of line err->pos.line of data into err->source_line
 * (tabs kept, truncated at a character boundary); "" if there is none. */
void yr_fill_source_line(bp_error *err, const char *data, size_t len);

#endif
