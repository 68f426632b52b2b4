/* yaml_reader.c: read a YAML document into a tree with libyaml's event API.
 *
 * The event API lets us stop at the first event that breaks a limit: the
 * 33rd nested '[' of a 100,000-deep file, the first alias of a "billion
 * laughs", the second key of a duplicate.  Nodes and their text live in an
 * arena, so a 4 MiB file of tiny scalars stays compact and freeing is one
 * walk over a list of chunks.
 */
#include "lesson/lesson_internal.h"
#include "lesson/yaml_reader.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ------------------------------------------------------------------ */
/* Arena                                                               */
/* ------------------------------------------------------------------ */

#define ARENA_CHUNK_SIZE (64 * 1024)

typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t used;
    size_t cap;
    alignas(max_align_t) unsigned char data[];
} arena_chunk;

typedef struct {
    arena_chunk *head;
} arena;

static void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

static size_t round_up(size_t n, size_t align)
{
    return (n + align - 1) / align * align;
}

static arena_chunk *arena_new_chunk(size_t cap)
{
    arena_chunk *c = malloc(sizeof *c + cap);
    if (c) {
        c->next = NULL;
        c->used = 0;
        c->cap = cap;
    }
    return c;
}

static void *arena_alloc(arena *a, size_t size, size_t align)
{
    arena_chunk *c = a->head;
    if (c) {
        size_t at = round_up(c->used, align);
        if (at <= c->cap && size <= c->cap - at) {
            c->used = at + size;
            return c->data + at;
        }
    }
    /* A large request gets a chunk of its own behind the current one, so
     * the current chunk's free space is not wasted. */
    bool own_chunk = size > ARENA_CHUNK_SIZE / 4;
    c = arena_new_chunk(own_chunk ? size : ARENA_CHUNK_SIZE);
    if (!c)
        return NULL;
    c->used = size;
    if (own_chunk && a->head) {
        c->next = a->head->next;
        a->head->next = c;
    } else {
        c->next = a->head;
        a->head = c;
    }
    return c->data;
}

/* ------------------------------------------------------------------ */
/* Lines and positions in the raw buffer                               */
/* ------------------------------------------------------------------ */

/* Length of the line break at p (CR LF, LF, CR, and YAML 1.1's NEL, LS and
 * PS, as libyaml counts lines), or 0. */
static size_t line_break_length(const char *data, size_t len, size_t at)
{
    const unsigned char *p = (const unsigned char *)data + at;
    size_t left = len - at;
    if (p[0] == '\n')
        return 1;
    if (p[0] == '\r')
        return left >= 2 && p[1] == '\n' ? 2 : 1;
    if (left >= 2 && p[0] == 0xC2 && p[1] == 0x85)
        return 2;
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
        (p[2] == 0xA8 || p[2] == 0xA9))
        return 3;
    return 0;
}

static bool starts_with_bom(const char *data, size_t len)
{
    return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
}

/* Where line `line` (1-based) starts, or len when there is no such line. */
static size_t line_start(const char *data, size_t len, int line)
{
    size_t at = starts_with_bom(data, len) ? 3 : 0;
    for (int l = 1; l < line && at < len;) {
        size_t brk = line_break_length(data, len, at);
        at += brk ? brk : 1;
        if (brk)
            l++;
    }
    return at;
}

/* The 1-based line and column (in characters, as libyaml counts them) of a
 * byte offset.  libyaml reports reader errors (bad UTF-8) as an offset. */
static bp_pos locate_offset(const char *data, size_t len, size_t offset)
{
    bp_pos pos = {1, 1};
    size_t at = starts_with_bom(data, len) ? 3 : 0;
    if (offset > len)
        offset = len;
    while (at < offset) {
        size_t brk = line_break_length(data, len, at);
        if (brk && at + brk <= offset) {
            pos.line++;
            pos.column = 1;
            at += brk;
            continue;
        }
        if (((unsigned char)data[at] & 0xC0) != 0x80)
            pos.column++;
        at++;
    }
    return pos;
}

/* Cut n bytes of text back so that no UTF-8 sequence is split. */
static size_t utf8_boundary(const char *text, size_t n, size_t full)
{
    if (n >= full)
        return full;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    return n;
}

void yr_fill_source_line(bp_error *err, const char *data, size_t len)
{
    if (!err)
        return;
    err->source_line[0] = '\0';
    if (!data || err->pos.line <= 0)
        return;
    size_t start = line_start(data, len, err->pos.line);
    size_t end = start;
    while (end < len && !line_break_length(data, len, end) && data[end])
        end++;
    size_t n = utf8_boundary(data + start, sizeof err->source_line - 1,
                             end - start);
    memcpy(err->source_line, data + start, n);
    err->source_line[n] = '\0';
}

/* ------------------------------------------------------------------ */
/* Key sets: duplicate keys found at the second one, in O(1)           */
/* ------------------------------------------------------------------ */

typedef struct {
    const yr_node **slots; /* open addressing; NULL = empty */
    size_t cap;            /* a power of two, or 0 */
    size_t used;
} key_set;

static uint64_t hash_text(const char *s)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Insert key; *dup is the earlier key with the same text, if any. */
static bool key_set_insert(key_set *set, const yr_node *key,
                           const yr_node **dup);

static bool key_set_grow(key_set *set)
{
    size_t cap = set->cap ? set->cap * 2 : 16;
    const yr_node **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    key_set old = *set;
    *set = (key_set){.slots = slots, .cap = cap, .used = 0};
    for (size_t i = 0; i < old.cap; i++) {
        const yr_node *ignored;
        if (old.slots[i])
            key_set_insert(set, old.slots[i], &ignored);
    }
    free(old.slots);
    return true;
}

static bool key_set_insert(key_set *set, const yr_node *key,
                           const yr_node **dup)
{
    *dup = NULL;
    if (2 * (set->used + 1) > set->cap && !key_set_grow(set))
        return false;
    size_t mask = set->cap - 1;
    for (size_t i = hash_text(key->text) & mask;; i = (i + 1) & mask) {
        if (!set->slots[i]) {
            set->slots[i] = key;
            set->used++;
            return true;
        }
        if (strcmp(set->slots[i]->text, key->text) == 0) {
            *dup = set->slots[i];
            return true;
        }
    }
}

/* ------------------------------------------------------------------ */
/* The tree builder                                                    */
/* ------------------------------------------------------------------ */

struct yr_document {
    arena arena;
    yr_node *root;
};

typedef struct {
    yr_node *node;   /* an open sequence or mapping */
    yr_node *last;   /* its last item or key */
    bool want_value; /* a mapping whose last key has no value yet */
    key_set keys;    /* a mapping's keys */
} frame;

typedef struct {
    const char *name;
    const char *what; /* "the lesson", "the answers file", ... */
    const char *data;
    size_t len;
    bp_error *err;
    yr_document *doc;
    frame stack[BP_MAX_DEPTH];
    int depth;
    int documents;
} builder;

static bool fail_at(builder *b, bp_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail_at(builder *b, bp_pos pos, const char *fmt, ...)
{
    char message[sizeof b->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    bp_error_set(b->err, BP_ERR_INPUT, b->name, pos, "%s", message);
    yr_fill_source_line(b->err, b->data, b->len);
    return false;
}

static bool fail_nomem(builder *b)
{
    bp_error_set(b->err, BP_ERR_NOMEM, b->name, (bp_pos){0, 0},
                 "out of memory");
    return false;
}

static bp_pos mark_pos(yaml_mark_t mark)
{
    return (bp_pos){(int)mark.line + 1, (int)mark.column + 1};
}

static yr_node *new_node(builder *b, yr_kind kind, yaml_mark_t mark)
{
    yr_node *n = arena_alloc(&b->doc->arena, sizeof *n, alignof(yr_node));
    if (!n)
        return NULL;
    *n = (yr_node){.kind = kind, .pos = mark_pos(mark), .text = ""};
    return n;
}

/* Hang a new node under the innermost open collection (or make it the
 * root), checking mapping keys as they arrive. */
static bool attach(builder *b, yr_node *node)
{
    if (b->depth == 0) {
        b->doc->root = node;
        return true;
    }
    frame *f = &b->stack[b->depth - 1];
    if (f->node->kind == YR_MAPPING && f->want_value) {
        f->last->value = node;
        f->want_value = false;
        return true;
    }
    if (f->node->kind == YR_MAPPING) {
        if (node->kind != YR_SCALAR)
            return fail_at(b, node->pos, "a mapping key must be a scalar");
        const yr_node *dup;
        if (!key_set_insert(&f->keys, node, &dup))
            return fail_nomem(b);
        if (dup)
            return fail_at(b, node->pos,
                           "duplicate key '%s' (first at line %d, column %d)",
                           node->text, dup->pos.line, dup->pos.column);
        f->want_value = true;
    }
    if (f->last)
        f->last->next = node;
    else
        f->node->first = node;
    f->last = node;
    f->node->count++;
    return true;
}

/* Anchors, aliases and tags are outside the lesson format; refusing them
 * also rules out alias bombs. */
static bool check_properties(builder *b, yaml_mark_t mark,
                             const yaml_char_t *anchor,
                             const yaml_char_t *tag)
{
    if (anchor)
        return fail_at(b, mark_pos(mark),
                       "anchors and aliases are not supported");
    if (tag)
        return fail_at(b, mark_pos(mark), "tags are not supported");
    return true;
}

/* The first control character of a scalar once its escapes are undone
 * (libyaml rejects raw ones, but "\e[2J", "\a" and "\u009b" pass): C0
 * but for tab and newline, DEL, and C1 (U+0080-U+009F, 0xC2 0x80-0x9F in
 * UTF-8).  0 when there is none.  These would reach a terminal or a CSV
 * through every message and report that quotes the text. */
static unsigned control_character(const char *text, size_t length)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < length; i++) {
        if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') || p[i] == 0x7F)
            return p[i];
        if (p[i] == 0xC2 && i + 1 < length && p[i + 1] >= 0x80 &&
            p[i + 1] <= 0x9F)
            return p[i + 1];
    }
    return 0;
}

static bool on_scalar(builder *b, const yaml_event_t *ev)
{
    if (!check_properties(b, ev->start_mark, ev->data.scalar.anchor,
                          ev->data.scalar.tag))
        return false;
    size_t length = ev->data.scalar.length;
    const char *value = (const char *)ev->data.scalar.value;
    /* A "\0" escape in a double-quoted string. */
    if (memchr(value, '\0', length))
        return fail_at(b, mark_pos(ev->start_mark),
                       "NUL characters are not allowed");
    unsigned control = control_character(value, length);
    if (control)
        return fail_at(b, mark_pos(ev->start_mark),
                       "control character U+%04X (an escape such as \\e, "
                       "\\a or \\u009b) is not allowed: it would reach "
                       "the terminal", control);
    yr_node *n = new_node(b, YR_SCALAR, ev->start_mark);
    char *text = arena_alloc(&b->doc->arena, length + 1, 1);
    if (!n || !text)
        return fail_nomem(b);
    memcpy(text, value, length);
    text[length] = '\0';
    n->text = text;
    n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    return attach(b, n);
}

static bool on_collection_start(builder *b, const yaml_event_t *ev,
                                yr_kind kind)
{
    const yaml_char_t *anchor = kind == YR_MAPPING
                                    ? ev->data.mapping_start.anchor
                                    : ev->data.sequence_start.anchor;
    const yaml_char_t *tag = kind == YR_MAPPING ? ev->data.mapping_start.tag
                                                : ev->data.sequence_start.tag;
    if (!check_properties(b, ev->start_mark, anchor, tag))
        return false;
    if (b->depth == BP_MAX_DEPTH)
        return fail_at(b, mark_pos(ev->start_mark),
                       "%s is nested too deeply (the limit is %d "
                       "levels)",
                       b->what, BP_MAX_DEPTH);
    yr_node *n = new_node(b, kind, ev->start_mark);
    if (!n)
        return fail_nomem(b);
    if (!attach(b, n))
        return false;
    b->stack[b->depth++] = (frame){.node = n};
    return true;
}

static void on_collection_end(builder *b)
{
    frame *f = &b->stack[--b->depth];
    free(f->keys.slots);
    *f = (frame){0};
}

static bool on_document_start(builder *b, const yaml_event_t *ev)
{
    if (++b->documents > 1)
        return fail_at(b, mark_pos(ev->start_mark),
                       "%s has more than one YAML document", b->what);
    return true;
}

/* Handle one event; *done is set at the end of the stream. */
static bool on_event(builder *b, const yaml_event_t *ev, bool *done)
{
    switch (ev->type) {
    case YAML_STREAM_END_EVENT:
        *done = true;
        return true;
    case YAML_DOCUMENT_START_EVENT:
        return on_document_start(b, ev);
    case YAML_ALIAS_EVENT:
        return fail_at(b, mark_pos(ev->start_mark),
                       "anchors and aliases are not supported");
    case YAML_SCALAR_EVENT:
        return on_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_collection_start(b, ev, YR_SEQUENCE);
    case YAML_MAPPING_START_EVENT:
        return on_collection_start(b, ev, YR_MAPPING);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_collection_end(b);
        return true;
    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
        return true;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* libyaml's own errors                                                */
/* ------------------------------------------------------------------ */

/* The character at a 1-based position, or -1. */
static int char_at(const char *data, size_t len, bp_pos pos)
{
    size_t at = line_start(data, len, pos.line);
    for (int col = 1; at < len && col < pos.column; col++) {
        at++;
        while (at < len && ((unsigned char)data[at] & 0xC0) == 0x80)
            at++;
    }
    return at < len ? (unsigned char)data[at] : -1;
}

static bool fail_syntax(builder *b, const yaml_parser_t *parser)
{
    if (parser->error == YAML_MEMORY_ERROR)
        return fail_nomem(b);
    const char *problem = parser->problem ? parser->problem : "syntax error";
    if (parser->error == YAML_READER_ERROR)
        return fail_at(b, locate_offset(b->data, b->len,
                                        parser->problem_offset),
                       "%s", problem);

    bp_pos pos = mark_pos(parser->problem_mark);
    if (char_at(b->data, b->len, pos) == '\t')
        return fail_at(b, pos, "tabs are not allowed here; indent with "
                               "spaces");
    bp_pos context = mark_pos(parser->context_mark);
    if (parser->context && (context.line != pos.line ||
                            context.column != pos.column))
        return fail_at(b, pos, "%s (%s at line %d, column %d)", problem,
                       parser->context, context.line, context.column);
    if (parser->context)
        return fail_at(b, pos, "%s %s", problem, parser->context);
    return fail_at(b, pos, "%s", problem);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

static bool run_parser(builder *b)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return fail_nomem(b);
    yaml_parser_set_input_string(&parser, (const unsigned char *)b->data,
                                 b->len);
    bool ok = true;
    for (bool done = false; ok && !done;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            ok = fail_syntax(b, &parser);
            break;
        }
        ok = on_event(b, &ev, &done);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    while (b->depth > 0)
        on_collection_end(b);
    return ok;
}

static bool check_input(builder *b)
{
    if (b->len > (size_t)BP_MAX_INPUT_BYTES)
        return fail_at(b, (bp_pos){0, 0},
                       "%s is too large (the limit is %ld bytes)",
                       b->what, (long)BP_MAX_INPUT_BYTES);
    const char *nul = memchr(b->data, '\0', b->len);
    if (nul)
        return fail_at(b, locate_offset(b->data, b->len,
                                        (size_t)(nul - b->data)),
                       "NUL characters are not allowed");
    return true;
}

yr_document *yr_read(const char *name, const char *data, size_t len,
                     bp_error *err)
{
    return yr_read_file(name, "the lesson", data, len, err);
}

yr_document *yr_read_file(const char *name, const char *what,
                          const char *data, size_t len, bp_error *err)
{
    builder b = {.name = name, .what = what, .data = data ? data : "",
                 .len = data ? len : 0, .err = err};
    if (!check_input(&b))
        return NULL;
    b.doc = calloc(1, sizeof *b.doc);
    if (!b.doc) {
        fail_nomem(&b);
        return NULL;
    }
    bool ok = run_parser(&b);
    if (ok && (!b.doc->root || yr_is_null(b.doc->root)))
        ok = fail_at(&b, (bp_pos){0, 0}, "%s is empty", b.what);
    if (!ok) {
        yr_free(b.doc);
        return NULL;
    }
    return b.doc;
}

const yr_node *yr_root(const yr_document *doc)
{
    return doc ? doc->root : NULL;
}

void yr_free(yr_document *doc)
{
    if (!doc)
        return;
    arena_free(&doc->arena);
    free(doc);
}

const yr_node *yr_map_get(const yr_node *map, const char *key)
{
    if (!map || map->kind != YR_MAPPING)
        return NULL;
    for (const yr_node *k = map->first; k; k = k->next)
        if (strcmp(k->text, key) == 0)
            return k->value;
    return NULL;
}

bool yr_is_null(const yr_node *node)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    if (!node || node->kind != YR_SCALAR || node->quoted)
        return false;
    for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
        if (strcmp(node->text, nulls[i]) == 0)
            return true;
    return false;
}
