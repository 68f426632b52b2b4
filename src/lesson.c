/* lesson.c: a lesson's YAML tree -> bp_lesson, validated.
 *
 * The reader (yaml_reader.c) guarantees the YAML subset; this file checks
 * the top level of the lesson format (doc/lesson-format.md): which kind of
 * lesson it is, the texts, the notation, the learning rate, the rounding
 * profile, the lecture's numbers and errata.  It hands 'network' and
 * 'example' to lesson_network.c and 'exercise' to lesson_exercise.c.  The
 * first problem is reported as file:line:column, a one-line message and
 * the source line.
 */
#include "lesson_parts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

static const char *const round_kind_names[BP_RK_COUNT] = {
    "net", "exp",   "activation",    "derivative", "product",
    "sum", "delta", "weight_change", "new_weight", "error",
};

const char *bp_round_kind_name(bp_round_kind kind)
{
    return (unsigned)kind < BP_RK_COUNT ? round_kind_names[kind] : "unknown";
}

/* The message is one line even when it quotes a key with a newline. */
static void make_one_line(char *message)
{
    for (unsigned char *p = (unsigned char *)message; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            *p = '?';
}

/* ------------------------------------------------------------------ */
/* The top level: which kind of lesson, texts, notation                */
/* ------------------------------------------------------------------ */

/* 'network' or 'exercise' is required, and which one it is decides about
 * the others: see check_lesson_kind. */
static const lr_key lesson_keys[] = {
    {"title", true},          {"source", true},
    {"section", false},       {"description", false},
    {"notation", false},      {"network", false},
    {"example", false},       {"exercise", false},
    {"learning_rate", false}, {"learning_rate_note", false},
    {"rounding", false},      {"lecture", false},
    {"errata", false},        {NULL, false},
};

/* An exercise has none of a network lesson's keys; why, for each. */
static const struct {
    const char *key;
    const char *why;
} network_only[] = {
    {"example", "its values are givens"},
    {"learning_rate", "eta is one of its givens"},
    {"learning_rate_note", "say it in a step's 'note'"},
    {"notation", "its names are written as they are given"},
};

static bool comes_after(const yr_node *a, const yr_node *b)
{
    return a->pos.line > b->pos.line ||
           (a->pos.line == b->pos.line && a->pos.column > b->pos.column);
}

static bool check_exercise_keys(lr_loader *ld, const yr_node *root)
{
    const yr_node *network = lr_map_key(root, "network");
    const yr_node *exercise = lr_map_key(root, "exercise");
    if (network)
        return lr_fail(ld, comes_after(network, exercise) ? network : exercise,
                       "a lesson has 'network' or 'exercise', not both");
    for (size_t i = 0; i < sizeof network_only / sizeof *network_only; i++) {
        const yr_node *key = lr_map_key(root, network_only[i].key);
        if (key)
            return lr_fail(ld, key, "an exercise lesson has no '%s': %s",
                           key->text, network_only[i].why);
    }
    return true;
}

/* A network lesson needs 'network', 'example' and 'learning_rate'; an
 * exercise has none of them. */
static bool check_lesson_kind(lr_loader *ld, const yr_node *root)
{
    static const char *const required[] = {
        "network", "example", "learning_rate",
    };
    if (yr_map_get(root, "exercise"))
        return check_exercise_keys(ld, root);
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!yr_map_get(root, required[i]))
            return lr_fail(ld, root, "missing required key '%s'%s", required[i],
                           i == 0 ? " (or 'exercise')" : "");
    return true;
}

static bool read_texts(lr_loader *ld, const yr_node *root)
{
    bp_lesson *l = ld->lesson;
    const yr_node *v;
    if (!lr_read_text_alloc(ld, yr_map_get(root, "title"), "'title'",
                            &l->title))
        return false;
    if (!lr_read_text_alloc(ld, yr_map_get(root, "source"), "'source'",
                            &l->source))
        return false;
    if ((v = yr_map_get(root, "section")) &&
        !lr_read_text_alloc(ld, v, "'section'", &l->section))
        return false;
    if ((v = yr_map_get(root, "description")) &&
        !lr_read_text_alloc(ld, v, "'description'", &l->description))
        return false;
    if ((v = yr_map_get(root, "learning_rate_note")) &&
        !lr_read_text_alloc(ld, v, "'learning_rate_note'", &l->eta_note))
        return false;
    return true;
}

static bool read_notation(lr_loader *ld, const yr_node *node)
{
    static const lr_key keys[] = {
        {"weights", false}, {"weight_symbol", false},
        {"bias_symbol", false}, {NULL, false},
    };
    static const char *const orders[] = {"w_ij", "w_ji"};
    bp_lesson *l = ld->lesson;
    if (!lr_check_mapping(ld, node, "'notation'", keys))
        return false;
    const yr_node *v;
    int order;
    if ((v = yr_map_get(node, "weights"))) {
        if (!lr_read_enum(ld, v, "'weights'", "weight notation", orders, 2,
                          &order))
            return false;
        l->order = order == 0 ? BP_ORDER_FROM_TO : BP_ORDER_TO_FROM;
    }
    if ((v = yr_map_get(node, "weight_symbol")) &&
        !lr_read_text(ld, v, "'weight_symbol'", l->weight_symbol,
                      sizeof l->weight_symbol))
        return false;
    if ((v = yr_map_get(node, "bias_symbol")) &&
        !lr_read_text(ld, v, "'bias_symbol'", l->bias_symbol,
                      sizeof l->bias_symbol))
        return false;
    return true;
}

static bool read_learning_rate(lr_loader *ld, const yr_node *node)
{
    if (!lr_read_number(ld, node, "'learning_rate'", &ld->lesson->eta))
        return false;
    if (!(ld->lesson->eta > 0))
        return lr_fail(ld, node,
                       "'learning_rate' must be greater than 0, not %s",
                       node->text);
    return true;
}

/* ------------------------------------------------------------------ */
/* Rounding                                                            */
/* ------------------------------------------------------------------ */

static bool read_digits(lr_loader *ld, const yr_node *node, const char *key,
                        int low, int *out)
{
    double v;
    if (!lr_read_number(ld, node, key, &v))
        return false;
    if (v < low || v > 15 || v != (double)(int)v)
        return lr_fail(ld, node,
                       "%s must be a whole number from %d to 15, not %s", key,
                       low, node->text);
    *out = (int)v;
    return true;
}

/* {decimals: N} or {significant: N} */
static bool read_precision(lr_loader *ld, const yr_node *node, const char *kind,
                           bp_precision *out)
{
    static const lr_key keys[] = {
        {"decimals", false}, {"significant", false}, {NULL, false},
    };
    char what[48];
    snprintf(what, sizeof what, "'%s'", kind);
    if (!lr_check_mapping(ld, node, what, keys))
        return false;
    const yr_node *dec = yr_map_get(node, "decimals");
    const yr_node *sig = yr_map_get(node, "significant");
    if (dec && sig)
        return lr_fail(ld, node,
                       "%s gives both 'decimals' and 'significant'; give one",
                       what);
    if (!dec && !sig)
        return lr_fail(ld, node, "%s needs 'decimals' or 'significant'", what);
    out->mode = dec ? BP_ROUND_DECIMALS : BP_ROUND_SIGNIFICANT;
    return dec ? read_digits(ld, dec, "'decimals'", 0, &out->digits)
               : read_digits(ld, sig, "'significant'", 1, &out->digits);
}

static int round_kind_of(const char *name)
{
    for (int k = 0; k < BP_RK_COUNT; k++)
        if (strcmp(name, round_kind_names[k]) == 0)
            return k;
    return -1;
}

/* A map of kind -> precision; `verify` is allowed at the top level only. */
static bool read_profile(lr_loader *ld, const yr_node *node, const char *what,
                         bool top, bp_precision *profile)
{
    lr_key keys[BP_RK_COUNT + 2];
    for (int k = 0; k < BP_RK_COUNT; k++)
        keys[k] = (lr_key){round_kind_names[k], false};
    keys[BP_RK_COUNT] = (lr_key){top ? "verify" : NULL, false};
    keys[BP_RK_COUNT + 1] = (lr_key){NULL, false};
    if (!lr_check_mapping(ld, node, what, keys))
        return false;
    for (const yr_node *key = node->first; key; key = key->next) {
        int k = round_kind_of(key->text);
        if (k >= 0 && !read_precision(ld, key->value, key->text, &profile[k]))
            return false;
    }
    return true;
}

static bool read_rounding(lr_loader *ld, const yr_node *node)
{
    bp_lesson *l = ld->lesson;
    l->has_rounding = true;
    if (!read_profile(ld, node, "'rounding'", true, l->rounding))
        return false;
    memcpy(l->verify_rounding, l->rounding, sizeof l->rounding);
    const yr_node *verify = yr_map_get(node, "verify");
    return !verify ||
           read_profile(ld, verify, "'verify'", false, l->verify_rounding);
}

/* ------------------------------------------------------------------ */
/* The lecture's numbers and its errata                                */
/* ------------------------------------------------------------------ */

static bool read_lecture(lr_loader *ld, const yr_node *node)
{
    bp_lesson *l = ld->lesson;
    if (node->kind != YR_MAPPING)
        return lr_fail(ld, node, "'lecture' must be a mapping, not %s",
                       lr_describe(node));
    l->lecture = calloc(node->count ? node->count : 1, sizeof *l->lecture);
    if (!l->lecture)
        return lr_fail_nomem(ld);
    for (const yr_node *key = node->first; key; key = key->next) {
        bp_lecture_value *lv = &l->lecture[l->n_lecture];
        if (!lr_read_text(ld, key, "a quantity name", lv->name,
                          sizeof lv->name))
            return false;
        char what[sizeof lv->name + 16];
        snprintf(what, sizeof what, "lecture value '%s'", lv->name);
        if (!lr_read_printed_number(ld, key->value, what, lv->printed,
                                    sizeof lv->printed))
            return false;
        lv->pos = key->pos;
        l->n_lecture++;
    }
    return true;
}

static bool read_erratum(lr_loader *ld, const yr_node *node, bp_erratum *e)
{
    static const lr_key keys[] = {
        {"quantity", true}, {"printed", true}, {"correct", true},
        {"why", true},      {NULL, false},
    };
    e->pos = node->pos;
    return lr_check_mapping(ld, node, "an erratum", keys) &&
           lr_read_text(ld, yr_map_get(node, "quantity"), "'quantity'", e->name,
                        sizeof e->name) &&
           lr_read_printed_number(ld, yr_map_get(node, "printed"), "'printed'",
                                  e->printed, sizeof e->printed) &&
           lr_read_printed_number(ld, yr_map_get(node, "correct"), "'correct'",
                                  e->correct, sizeof e->correct) &&
           lr_read_text(ld, yr_map_get(node, "why"), "'why'", e->why,
                        sizeof e->why);
}

static bool read_errata(lr_loader *ld, const yr_node *node)
{
    bp_lesson *l = ld->lesson;
    if (node->kind != YR_SEQUENCE)
        return lr_fail(ld, node, "'errata' must be a sequence, not %s",
                       lr_describe(node));
    l->errata = calloc(node->count ? node->count : 1, sizeof *l->errata);
    if (!l->errata)
        return lr_fail_nomem(ld);
    for (const yr_node *item = node->first; item; item = item->next) {
        if (!read_erratum(ld, item, &l->errata[l->n_errata]))
            return false;
        l->n_errata++;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* The lesson                                                          */
/* ------------------------------------------------------------------ */

static bool set_defaults(lr_loader *ld)
{
    bp_lesson *l = ld->lesson;
    l->file = strdup(ld->name);
    if (!l->file)
        return lr_fail_nomem(ld);
    l->order = BP_ORDER_FROM_TO;
    snprintf(l->weight_symbol, sizeof l->weight_symbol, "w");
    snprintf(l->bias_symbol, sizeof l->bias_symbol, "b");
    for (int k = 0; k < BP_RK_COUNT; k++)
        l->rounding[k] = l->verify_rounding[k] =
            (bp_precision){BP_ROUND_DECIMALS, 4};
    return true;
}

/* What the lesson works: a network on its example, or an exercise. */
static bool read_body(lr_loader *ld, const yr_node *root)
{
    const yr_node *exercise = yr_map_get(root, "exercise");
    if (exercise)
        return lr_read_exercise(ld, exercise);
    return lr_read_network(ld, yr_map_get(root, "network")) &&
           lr_read_example(ld, yr_map_get(root, "example")) &&
           read_learning_rate(ld, yr_map_get(root, "learning_rate"));
}

static bool read_lesson(lr_loader *ld, const yr_node *root)
{
    if (!set_defaults(ld) ||
        !lr_check_mapping(ld, root, "the lesson", lesson_keys) ||
        !check_lesson_kind(ld, root) || !read_texts(ld, root))
        return false;
    const yr_node *v;
    if ((v = yr_map_get(root, "notation")) && !read_notation(ld, v))
        return false;
    if (!read_body(ld, root))
        return false;
    if ((v = yr_map_get(root, "rounding")) && !read_rounding(ld, v))
        return false;
    if ((v = yr_map_get(root, "lecture")) && !read_lecture(ld, v))
        return false;
    if ((v = yr_map_get(root, "errata")) && !read_errata(ld, v))
        return false;
    return true;
}

bp_lesson *bp_lesson_parse(const char *name, const char *data, size_t len,
                           bp_error *err)
{
    bp_error local;
    if (!err)
        err = &local;
    if (!name)
        name = "";
    yr_document *doc = yr_read(name, data, len, err);
    if (!doc) {
        make_one_line(err->message);
        return NULL;
    }
    lr_loader ld = {.name = name, .err = err};
    ld.lesson = calloc(1, sizeof *ld.lesson);
    bool ok = ld.lesson ? read_lesson(&ld, yr_root(doc)) : lr_fail_nomem(&ld);
    yr_free(doc);
    if (!ok) {
        make_one_line(err->message);
        yr_fill_source_line(err, data, len);
        bp_lesson_free(ld.lesson);
        return NULL;
    }
    return ld.lesson;
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static bool read_stream(FILE *f, const char *path, bool regular, long size,
                        char **out, size_t *out_len, bp_error *err)
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
                         "the lesson is too large (the limit is %ld bytes)",
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
    *out = buf;
    *out_len = len;
    return true;
}

/* The whole file, refusing more than BP_MAX_INPUT_BYTES before reading. */
static bool read_file(const char *path, char **out, size_t *len,
                      bp_error *err)
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
                     "the lesson is too large (the limit is %ld bytes)",
                     (long)BP_MAX_INPUT_BYTES);
    else
        ok = read_stream(f, path, S_ISREG(st.st_mode), (long)st.st_size, out,
                         len, err);
    fclose(f);
    return ok;
}

bp_lesson *bp_lesson_load(const char *path, bp_error *err)
{
    char *data = NULL;
    size_t len = 0;
    if (!read_file(path, &data, &len, err))
        return NULL;
    bp_lesson *lesson = bp_lesson_parse(path, data, len, err);
    free(data);
    return lesson;
}

void bp_lesson_free(bp_lesson *lesson)
{
    if (!lesson)
        return;
    free(lesson->file);
    free(lesson->title);
    free(lesson->source);
    free(lesson->section);
    free(lesson->description);
    free(lesson->eta_note);
    free(lesson->layers);
    free(lesson->units);
    free(lesson->weights);
    free(lesson->lecture);
    free(lesson->errata);
    lr_exercise_free(lesson->exercise);
    free(lesson);
}
