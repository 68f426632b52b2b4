/* lesson.c: a lesson's YAML tree -> bp_lesson, validated.
 *
 * The reader (yaml_reader.c) guarantees the YAML subset; this file checks
 * the lesson format (doc/lesson-format.md) and reports the first problem
 * as file:line:column, a one-line message and the source line.
 */
#include "bptrace.h"
#include "yaml_reader.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

static const char *const activation_names[BP_ACT_COUNT] = {
    "sigmoid", "tanh", "relu", "linear",
};

static const char *const round_kind_names[BP_RK_COUNT] = {
    "net", "exp", "activation", "derivative", "product",
    "sum", "delta", "weight_change", "new_weight", "error",
};

const char *bp_activation_name(bp_activation act)
{
    return (unsigned)act < BP_ACT_COUNT ? activation_names[act] : "unknown";
}

const char *bp_round_kind_name(bp_round_kind kind)
{
    return (unsigned)kind < BP_RK_COUNT ? round_kind_names[kind] : "unknown";
}

/* ------------------------------------------------------------------ */
/* The loader and its errors                                           */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *name;
    bp_error *err;
    bp_lesson *lesson;
    const yr_node *network;          /* the 'network' mapping */
    const yr_node *layer_node[BP_MAX_LAYERS];
    bool layer_matrix[BP_MAX_LAYERS];    /* weights given as a matrix */
    bool layer_bias_list[BP_MAX_LAYERS]; /* biases given as a list */
    bool *weight_given;              /* per slot of lesson->weights */
} loader;

/* The message is one line even when it quotes a key with a newline. */
static void make_one_line(char *message)
{
    for (unsigned char *p = (unsigned char *)message; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            *p = '?';
}

static bool fail(loader *ld, const yr_node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(loader *ld, const yr_node *at, const char *fmt, ...)
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

static bool fail_nomem(loader *ld)
{
    bp_error_set(ld->err, BP_ERR_NOMEM, ld->name, (bp_pos){0, 0},
                 "out of memory");
    return false;
}

/* ------------------------------------------------------------------ */
/* Mappings: unknown keys (with "did you mean"), missing keys          */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *name;
    bool required;
} key_spec;

/* Optimal string alignment distance (Levenshtein plus transpositions);
 * INT_MAX for strings too long to be a misspelt key. */
static int edit_distance(const char *a, const char *b)
{
    enum { MAX = 40 };
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX || m > MAX)
        return INT_MAX;
    int d[MAX + 1][MAX + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

/* The valid name closest to a misspelt one, or NULL when none is close:
 * at most 2 edits, and no more than half the word (so 'x' is not 'exp'). */
static const char *closest_name(const char *word, const char *const *names,
                                size_t n_names)
{
    const char *best = NULL;
    int best_distance = 3;
    for (size_t i = 0; i < n_names; i++) {
        int d = edit_distance(word, names[i]);
        size_t longer = strlen(word) > strlen(names[i]) ? strlen(word)
                                                        : strlen(names[i]);
        if (d < best_distance && 2 * (size_t)d <= longer) {
            best = names[i];
            best_distance = d;
        }
    }
    return best;
}

/* "a, b, c" into buf; ", ..." when it does not fit. */
static void join_names(char *buf, size_t size, const char *const *names,
                       size_t n_names)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n_names; i++) {
        const char *sep = i ? ", " : "";
        size_t need = strlen(sep) + strlen(names[i]);
        if (used + need + sizeof ", ..." > size) {
            snprintf(buf + used, size - used, "%s...", sep);
            return;
        }
        used += (size_t)snprintf(buf + used, size - used, "%s%s", sep,
                                 names[i]);
    }
}

static size_t spec_names(const key_spec *specs, const char **names)
{
    size_t n = 0;
    for (; specs[n].name; n++)
        names[n] = specs[n].name;
    return n;
}

static bool is_known_key(const char *key, const key_spec *specs)
{
    for (size_t i = 0; specs[i].name; i++)
        if (strcmp(key, specs[i].name) == 0)
            return true;
    return false;
}

static bool fail_unknown_key(loader *ld, const yr_node *key,
                             const key_spec *specs)
{
    const char *names[32];
    size_t n = spec_names(specs, names);
    const char *guess = closest_name(key->text, names, n);
    if (guess)
        return fail(ld, key, "unknown key '%s' (did you mean '%s'?)",
                    key->text, guess);
    char list[256];
    join_names(list, sizeof list, names, n);
    return fail(ld, key, "unknown key '%s' (expected one of: %s)", key->text,
                list);
}

/* "a scalar" is too vague for messages: say what YAML would read. */
static bool is_boolean_word(const char *s)
{
    static const char *const words[] = {"true", "True", "TRUE",
                                        "false", "False", "FALSE"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(s, words[i]) == 0)
            return true;
    return false;
}

static const char *describe(const yr_node *node)
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
static bool check_mapping(loader *ld, const yr_node *node, const char *what,
                          const key_spec *specs)
{
    if (node->kind != YR_MAPPING)
        return fail(ld, node, "%s must be a mapping, not %s", what,
                    describe(node));
    for (const yr_node *key = node->first; key; key = key->next)
        if (!is_known_key(key->text, specs))
            return fail_unknown_key(ld, key, specs);
    for (size_t i = 0; specs[i].name; i++)
        if (specs[i].required && !yr_map_get(node, specs[i].name))
            return fail(ld, node, "missing required key '%s'",
                        specs[i].name);
    return true;
}

/* ------------------------------------------------------------------ */
/* Scalars                                                             */
/* ------------------------------------------------------------------ */

static bool read_number(loader *ld, const yr_node *node, const char *what,
                        double *out)
{
    if (node->kind != YR_SCALAR || node->quoted || yr_is_null(node) ||
        is_boolean_word(node->text))
        return fail(ld, node, "%s must be a number, not %s", what,
                    describe(node));
    bp_num_status status = bp_parse_number(node->text, out);
    if (status != BP_NUM_OK)
        return fail(ld, node, "'%s' %s", node->text,
                    bp_num_status_message(status));
    return true;
}

static bool read_bool(loader *ld, const yr_node *node, const char *what,
                      bool *out)
{
    static const char *const truths[] = {"true", "True", "TRUE"};
    if (node->kind != YR_SCALAR)
        return fail(ld, node, "%s must be true or false, not %s", what,
                    describe(node));
    if (node->quoted || !is_boolean_word(node->text))
        return fail(ld, node, "%s must be true or false, not '%s'", what,
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

static bool check_text(loader *ld, const yr_node *node, const char *what,
                       size_t max)
{
    if (node->kind != YR_SCALAR || yr_is_null(node))
        return fail(ld, node, "%s must be a string, not %s", what,
                    describe(node));
    size_t n = text_length(node);
    if (n == 0)
        return fail(ld, node, "%s must not be empty", what);
    if (n > max)
        return fail(ld, node, "%s is too long (the limit is %zu characters)",
                    what, max);
    return true;
}

/* Text into a fixed buffer. */
static bool read_text(loader *ld, const yr_node *node, const char *what,
                      char *buf, size_t size)
{
    if (!check_text(ld, node, what, size - 1))
        return false;
    size_t n = text_length(node);
    memcpy(buf, node->text, n);
    buf[n] = '\0';
    return true;
}

static bool read_text_alloc(loader *ld, const yr_node *node, const char *what,
                            char **out)
{
    if (!check_text(ld, node, what, BP_MAX_INPUT_BYTES))
        return false;
    size_t n = text_length(node);
    *out = malloc(n + 1);
    if (!*out)
        return fail_nomem(ld);
    memcpy(*out, node->text, n);
    (*out)[n] = '\0';
    return true;
}

/* A number as the lecture prints it: kept as text, which must parse. */
static bool read_printed_number(loader *ld, const yr_node *node,
                                const char *what, char *buf, size_t size)
{
    if (!read_text(ld, node, what, buf, size))
        return false;
    bp_num_status status = bp_parse_number(buf, NULL);
    if (status != BP_NUM_OK)
        return fail(ld, node, "'%s' %s", buf, bp_num_status_message(status));
    return true;
}

/* One of a list of names; a bad value lists the valid ones. */
static bool read_enum(loader *ld, const yr_node *node, const char *what,
                      const char *noun, const char *const *names, int n,
                      int *out)
{
    if (node->kind != YR_SCALAR || yr_is_null(node))
        return fail(ld, node, "%s must be a string, not %s", what,
                    describe(node));
    for (int i = 0; i < n; i++) {
        if (strcmp(node->text, names[i]) == 0) {
            *out = i;
            return true;
        }
    }
    char list[256];
    join_names(list, sizeof list, names, (size_t)n);
    return fail(ld, node, "unknown %s '%s' (expected one of: %s)", noun,
                node->text, list);
}

/* ------------------------------------------------------------------ */
/* Top-level texts and notation                                        */
/* ------------------------------------------------------------------ */

static const key_spec lesson_keys[] = {
    {"title", true},       {"source", true},
    {"description", false}, {"notation", false},
    {"network", true},     {"example", true},
    {"learning_rate", true}, {"learning_rate_note", false},
    {"rounding", false},   {"lecture", false},
    {"errata", false},     {NULL, false},
};

static bool read_texts(loader *ld, const yr_node *root)
{
    bp_lesson *l = ld->lesson;
    const yr_node *v;
    if (!read_text_alloc(ld, yr_map_get(root, "title"), "'title'", &l->title))
        return false;
    if (!read_text_alloc(ld, yr_map_get(root, "source"), "'source'",
                         &l->source))
        return false;
    if ((v = yr_map_get(root, "description")) &&
        !read_text_alloc(ld, v, "'description'", &l->description))
        return false;
    if ((v = yr_map_get(root, "learning_rate_note")) &&
        !read_text_alloc(ld, v, "'learning_rate_note'", &l->eta_note))
        return false;
    return true;
}

static bool read_notation(loader *ld, const yr_node *node)
{
    static const key_spec keys[] = {
        {"weights", false}, {"weight_symbol", false},
        {"bias_symbol", false}, {NULL, false},
    };
    static const char *const orders[] = {"w_ij", "w_ji"};
    bp_lesson *l = ld->lesson;
    if (!check_mapping(ld, node, "'notation'", keys))
        return false;
    const yr_node *v;
    int order;
    if ((v = yr_map_get(node, "weights"))) {
        if (!read_enum(ld, v, "'weights'", "weight notation", orders, 2,
                       &order))
            return false;
        l->order = order == 0 ? BP_ORDER_FROM_TO : BP_ORDER_TO_FROM;
    }
    if ((v = yr_map_get(node, "weight_symbol")) &&
        !read_text(ld, v, "'weight_symbol'", l->weight_symbol,
                   sizeof l->weight_symbol))
        return false;
    if ((v = yr_map_get(node, "bias_symbol")) &&
        !read_text(ld, v, "'bias_symbol'", l->bias_symbol,
                   sizeof l->bias_symbol))
        return false;
    return true;
}

/* ------------------------------------------------------------------ */
/* Units                                                               */
/* ------------------------------------------------------------------ */

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The label forms of the format's table: "4", "x1"/"h12", "x"/"h". */
typedef enum { LABEL_DIGITS, LABEL_LETTERS_DIGITS, LABEL_LETTERS,
               LABEL_INVALID } label_form;

static label_form classify_label(const char *label, size_t *n_letters)
{
    size_t i = 0;
    while (is_letter(label[i]))
        i++;
    *n_letters = i;
    size_t j = i;
    while (is_digit(label[j]))
        j++;
    if (label[j] != '\0' || j == 0)
        return LABEL_INVALID;
    if (i == 0)
        return LABEL_DIGITS;
    return i == j ? LABEL_LETTERS : LABEL_LETTERS_DIGITS;
}

static void copy_label(char *dst, const char *src, size_t n)
{
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Symbol and subscripts from the label, by the format's table. */
static void derive_names(bp_unit *u, label_form form, size_t n_letters)
{
    const char *label = u->label;
    size_t len = strlen(label);
    bool input = u->layer == 0;
    switch (form) {
    case LABEL_DIGITS:
        copy_label(u->symbol, input ? "x" : "o", 1);
        copy_label(u->symbol_index, label, len);
        break;
    case LABEL_LETTERS_DIGITS:
        copy_label(u->symbol, label, n_letters);
        copy_label(u->symbol_index, label + n_letters, len - n_letters);
        break;
    case LABEL_LETTERS:
        copy_label(u->symbol, input ? label : "o", input ? len : 1);
        copy_label(u->symbol_index, input ? "" : label, input ? 0 : len);
        break;
    case LABEL_INVALID:
        break;
    }
    if (form == LABEL_LETTERS && input)
        copy_label(u->index, label, len);
    else
        copy_label(u->index, u->symbol_index, strlen(u->symbol_index));
}

static bool all_chars(const char *s, bool letters, bool digits)
{
    for (; *s; s++)
        if (!((letters && is_letter(*s)) || (digits && is_digit(*s))))
            return false;
    return true;
}

static bool read_label(loader *ld, const yr_node *node, bp_unit *u)
{
    if (!read_text(ld, node, "a unit label", u->label, sizeof u->label))
        return false;
    size_t n_letters;
    label_form form = classify_label(u->label, &n_letters);
    if (form == LABEL_INVALID)
        return fail(ld, node,
                    "unit label '%s' must be digits (4), letters (h) or "
                    "letters then digits (x1)",
                    u->label);
    derive_names(u, form, n_letters);
    return true;
}

/* {label: o1, index: 3, symbol: o} */
static bool read_unit_mapping(loader *ld, const yr_node *node, bp_unit *u)
{
    static const key_spec keys[] = {
        {"label", true}, {"index", false}, {"symbol", false}, {NULL, false},
    };
    if (!check_mapping(ld, node, "a unit", keys) ||
        !read_label(ld, yr_map_get(node, "label"), u))
        return false;
    const yr_node *v;
    if ((v = yr_map_get(node, "index"))) {
        if (!read_text(ld, v, "'index'", u->index, sizeof u->index))
            return false;
        if (!all_chars(u->index, true, true))
            return fail(ld, v, "unit index '%s' must be letters and digits",
                        u->index);
    }
    if ((v = yr_map_get(node, "symbol"))) {
        if (!read_text(ld, v, "'symbol'", u->symbol, sizeof u->symbol))
            return false;
        if (!all_chars(u->symbol, true, false))
            return fail(ld, v, "unit symbol '%s' must be letters", u->symbol);
    }
    return true;
}

/* Labels are unique; subscripts within a layer and among non-input units
 * (inputs x1 and hidden h1 may both be "1"). */
static bool check_unit_unique(loader *ld, const yr_node *node, int unit)
{
    const bp_lesson *l = ld->lesson;
    const bp_unit *u = &l->units[unit];
    for (int i = 0; i < unit; i++) {
        const bp_unit *v = &l->units[i];
        if (strcmp(u->label, v->label) == 0)
            return fail(ld, node,
                        "duplicate unit label '%s' (first at line %d, "
                        "column %d)",
                        u->label, v->pos.line, v->pos.column);
        bool same_scope = v->layer == u->layer || (v->layer > 0 && u->layer > 0);
        if (same_scope && strcmp(u->index, v->index) == 0)
            return fail(ld, node,
                        "unit '%s' has the subscript '%s' of unit '%s' "
                        "(line %d, column %d)",
                        u->label, u->index, v->label, v->pos.line,
                        v->pos.column);
    }
    return true;
}

static bool read_unit(loader *ld, const yr_node *node, int layer)
{
    bp_lesson *l = ld->lesson;
    int unit = l->n_units;
    bp_unit *u = &l->units[unit];
    *u = (bp_unit){.layer = layer, .pos = node->pos};
    bool ok;
    if (node->kind == YR_MAPPING)
        ok = read_unit_mapping(ld, node, u);
    else if (node->kind == YR_SCALAR)
        ok = read_label(ld, node, u);
    else
        ok = fail(ld, node, "a unit must be a label or a mapping, not %s",
                  describe(node));
    if (!ok || !check_unit_unique(ld, node, unit))
        return false;
    l->n_units++;
    return true;
}

/* -1 when no unit has this label (text need not be NUL-terminated). */
static int find_unit(const bp_lesson *l, const char *text, size_t len)
{
    for (int i = 0; i < l->n_units; i++)
        if (strlen(l->units[i].label) == len &&
            memcmp(l->units[i].label, text, len) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Layers                                                              */
/* ------------------------------------------------------------------ */

static const key_spec layer_keys[] = {
    {"units", true}, {"activation", false}, {"weights", false},
    {"biases", false}, {NULL, false},
};

static bool read_units(loader *ld, const yr_node *units, int layer)
{
    bp_lesson *l = ld->lesson;
    if (units->kind != YR_SEQUENCE)
        return fail(ld, units, "'units' must be a sequence, not %s",
                    describe(units));
    if (units->count == 0)
        return fail(ld, units, "a layer needs at least one unit");
    int in_layer = 0;
    for (const yr_node *item = units->first; item; item = item->next) {
        if (++in_layer > BP_MAX_UNITS_PER_LAYER)
            return fail(ld, item,
                        "too many units in one layer (the limit is %d)",
                        BP_MAX_UNITS_PER_LAYER);
        if (l->n_units == BP_MAX_UNITS)
            return fail(ld, item, "too many units (the limit is %d in all)",
                        BP_MAX_UNITS);
        if (!read_unit(ld, item, layer))
            return false;
    }
    return true;
}

/* The input layer only lists its units. */
static bool check_input_layer(loader *ld, const yr_node *node)
{
    static const char *const others[] = {"activation", "weights", "biases"};
    for (size_t i = 0; i < 3; i++) {
        const yr_node *v = yr_map_get(node, others[i]);
        if (v)
            return fail(ld, v, "the input layer cannot have '%s'", others[i]);
    }
    return true;
}

static bool read_layer(loader *ld, const yr_node *node, int layer)
{
    bp_lesson *l = ld->lesson;
    char what[32];
    snprintf(what, sizeof what, "layer %d", layer + 1);
    if (!check_mapping(ld, node, what, layer_keys))
        return false;
    if (layer == 0 && !check_input_layer(ld, node))
        return false;
    bp_layer *ly = &l->layers[layer];
    ly->first = l->n_units;
    ly->activation = layer == 0 ? BP_ACT_LINEAR : BP_ACT_SIGMOID;
    if (!read_units(ld, yr_map_get(node, "units"), layer))
        return false;
    ly->count = l->n_units - ly->first;
    const yr_node *v = yr_map_get(node, "activation");
    int act;
    if (v) {
        if (!read_enum(ld, v, "'activation'", "activation", activation_names,
                       BP_ACT_COUNT, &act))
            return false;
        ly->activation = (bp_activation)act;
    }
    ld->layer_node[layer] = node;
    l->n_layers = layer + 1;
    return true;
}

static bool read_layers(loader *ld, const yr_node *layers)
{
    if (layers->kind != YR_SEQUENCE)
        return fail(ld, layers, "'layers' must be a sequence, not %s",
                    describe(layers));
    if (layers->count < 2)
        return fail(ld, layers,
                    "a network needs at least 2 layers (input and output)");
    int layer = 0;
    for (const yr_node *item = layers->first; item; item = item->next) {
        if (layer == BP_MAX_LAYERS)
            return fail(ld, item, "too many layers (the limit is %d)",
                        BP_MAX_LAYERS);
        if (!read_layer(ld, item, layer++))
            return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Weights and biases                                                  */
/* ------------------------------------------------------------------ */

/* Where the weight from -> to sits in weights[]: layer by layer, then by
 * the "to" unit, then by the "from" unit, in units order. */
static int weight_slot(const bp_lesson *l, int from, int to)
{
    int layer = l->units[to].layer;
    int offset = 0;
    for (int k = 1; k < layer; k++)
        offset += l->layers[k - 1].count * l->layers[k].count;
    return offset + (to - l->layers[layer].first) * l->layers[layer - 1].count +
           (from - l->layers[layer - 1].first);
}

static bool allocate_weights(loader *ld)
{
    bp_lesson *l = ld->lesson;
    int n = 0;
    for (int k = 1; k < l->n_layers; k++)
        n += l->layers[k - 1].count * l->layers[k].count;
    l->weights = calloc((size_t)n, sizeof *l->weights);
    ld->weight_given = calloc((size_t)n, sizeof *ld->weight_given);
    if (!l->weights || !ld->weight_given)
        return fail_nomem(ld);
    l->n_weights = n;
    for (int k = 1; k < l->n_layers; k++) {
        const bp_layer *to = &l->layers[k], *from = &l->layers[k - 1];
        for (int t = to->first; t < to->first + to->count; t++) {
            for (int f = from->first; f < from->first + from->count; f++) {
                bp_weight *w = &l->weights[weight_slot(l, f, t)];
                w->from = f;
                w->to = t;
            }
        }
    }
    return true;
}

/* A parameter: a number, or {value: N, fixed: true}. */
static bool read_param(loader *ld, const yr_node *node, const char *what,
                       double *value, bool *fixed)
{
    static const key_spec keys[] = {
        {"value", true}, {"fixed", false}, {NULL, false},
    };
    *fixed = false;
    if (node->kind == YR_SEQUENCE)
        return fail(ld, node, "%s must be a number or a mapping, not %s",
                    what, describe(node));
    if (node->kind == YR_SCALAR)
        return read_number(ld, node, what, value);
    if (!check_mapping(ld, node, what, keys) ||
        !read_number(ld, yr_map_get(node, "value"), "'value'", value))
        return false;
    const yr_node *v = yr_map_get(node, "fixed");
    return !v || read_bool(ld, v, "'fixed'", fixed);
}

static bool set_weight(loader *ld, const yr_node *at, const yr_node *value,
                       int from, int to)
{
    bp_lesson *l = ld->lesson;
    char what[2 * BP_LABEL_MAX + 16];
    snprintf(what, sizeof what, "weight '%s -> %s'", l->units[from].label,
             l->units[to].label);
    int slot = weight_slot(l, from, to);
    bp_weight *w = &l->weights[slot];
    if (ld->weight_given[slot])
        return fail(ld, at, "duplicate %s (first at line %d, column %d)",
                    what, w->pos.line, w->pos.column);
    if (!read_param(ld, value, what, &w->value, &w->fixed))
        return false;
    w->pos = at->pos;
    ld->weight_given[slot] = true;
    return true;
}

static bool set_bias(loader *ld, const yr_node *value, int unit)
{
    bp_unit *u = &ld->lesson->units[unit];
    char what[BP_LABEL_MAX + 16];
    snprintf(what, sizeof what, "bias '%s'", u->label);
    if (!read_param(ld, value, what, &u->bias, &u->bias_fixed))
        return false;
    u->has_bias = true;
    return true;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* weights: [[...], ...]: a row per unit of this layer, a column per unit
 * of the layer before. */
static bool read_matrix(loader *ld, const yr_node *matrix, int layer)
{
    const bp_lesson *l = ld->lesson;
    const bp_layer *to = &l->layers[layer], *from = &l->layers[layer - 1];
    if (matrix->kind != YR_SEQUENCE)
        return fail(ld, matrix, "'weights' of layer %d must be a sequence of "
                    "rows, not %s", layer + 1, describe(matrix));
    if (matrix->count != (size_t)to->count)
        return fail(ld, matrix,
                    "layer %d: 'weights' has %zu %s, expected %d (one per "
                    "unit of layer %d)",
                    layer + 1, matrix->count,
                    plural(matrix->count, "row", "rows"), to->count,
                    layer + 1);
    int t = to->first;
    for (const yr_node *row = matrix->first; row; row = row->next, t++) {
        int r = t - to->first + 1;
        if (row->kind != YR_SEQUENCE)
            return fail(ld, row, "layer %d: row %d of 'weights' must be a "
                        "sequence, not %s", layer + 1, r, describe(row));
        if (row->count != (size_t)from->count)
            return fail(ld, row,
                        "layer %d: row %d of 'weights' has %zu %s, expected "
                        "%d (one per unit of layer %d)",
                        layer + 1, r, row->count,
                        plural(row->count, "entry", "entries"), from->count,
                        layer);
        int f = from->first;
        for (const yr_node *e = row->first; e; e = e->next, f++)
            if (!set_weight(ld, e, e, f, t))
                return false;
    }
    ld->layer_matrix[layer] = true;
    return true;
}

static bool read_bias_list(loader *ld, const yr_node *list, int layer)
{
    const bp_layer *ly = &ld->lesson->layers[layer];
    if (list->kind != YR_SEQUENCE)
        return fail(ld, list, "'biases' of layer %d must be a sequence, not "
                    "%s", layer + 1, describe(list));
    if (list->count != (size_t)ly->count)
        return fail(ld, list,
                    "layer %d: 'biases' has %zu %s, expected %d (one per "
                    "unit)",
                    layer + 1, list->count,
                    plural(list->count, "entry", "entries"), ly->count);
    int u = ly->first;
    for (const yr_node *e = list->first; e; e = e->next, u++)
        if (!set_bias(ld, e, u))
            return false;
    ld->layer_bias_list[layer] = true;
    return true;
}

/* The matrix form: each layer's own 'weights' and 'biases'. */
static bool read_layer_params(loader *ld)
{
    for (int k = 1; k < ld->lesson->n_layers; k++) {
        const yr_node *v;
        if ((v = yr_map_get(ld->layer_node[k], "weights")) &&
            !read_matrix(ld, v, k))
            return false;
        if ((v = yr_map_get(ld->layer_node[k], "biases")) &&
            !read_bias_list(ld, v, k))
            return false;
    }
    return true;
}

static const char *skip_spaces(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

static const char *trim_end(const char *start, const char *end)
{
    while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    return end;
}

/* "FROM -> TO" into its two labels, as [start, end) ranges. */
static bool split_edge(const char *text, const char *from[2],
                       const char *to[2])
{
    const char *arrow = strstr(text, "->");
    if (!arrow || strstr(arrow + 2, "->"))
        return false;
    const char *end = text + strlen(text);
    from[0] = skip_spaces(text, arrow);
    from[1] = trim_end(from[0], arrow);
    to[0] = skip_spaces(arrow + 2, end);
    to[1] = trim_end(to[0], end);
    return from[1] > from[0] && to[1] > to[0];
}

static bool read_edge(loader *ld, const yr_node *key)
{
    const bp_lesson *l = ld->lesson;
    const char *from_text[2], *to_text[2];
    if (!split_edge(key->text, from_text, to_text))
        return fail(ld, key, "'%s' is not of the form 'FROM -> TO'",
                    key->text);
    int from_len = (int)(from_text[1] - from_text[0]);
    int to_len = (int)(to_text[1] - to_text[0]);
    int from = find_unit(l, from_text[0], (size_t)from_len);
    int to = find_unit(l, to_text[0], (size_t)to_len);
    if (from < 0 || to < 0)
        return fail(ld, key, "weight '%.*s -> %.*s': no unit '%.*s'",
                    from_len, from_text[0], to_len, to_text[0],
                    from < 0 ? from_len : to_len,
                    from < 0 ? from_text[0] : to_text[0]);
    const char *f = l->units[from].label, *t = l->units[to].label;
    int lf = l->units[from].layer + 1, lt = l->units[to].layer + 1;
    if (lt == lf - 1)
        return fail(ld, key,
                    "weight '%s -> %s' goes backwards (%s is in layer %d, %s "
                    "in layer %d); write '%s -> %s'",
                    f, t, f, lf, t, lt, t, f);
    if (lt != lf + 1)
        return fail(ld, key,
                    "weight '%s -> %s' does not connect adjacent layers (%s "
                    "is in layer %d, %s in layer %d)",
                    f, t, f, lf, t, lt);
    if (ld->layer_matrix[lt - 1])
        return fail(ld, key,
                    "weight '%s -> %s': layer %d already has a 'weights' "
                    "matrix",
                    f, t, lt);
    return set_weight(ld, key, key->value, from, to);
}

static bool read_weight_map(loader *ld, const yr_node *map)
{
    if (map->kind != YR_MAPPING)
        return fail(ld, map, "'weights' must be a mapping of 'FROM -> TO: "
                    "value', not %s", describe(map));
    for (const yr_node *key = map->first; key; key = key->next)
        if (!read_edge(ld, key))
            return false;
    return true;
}

static bool read_bias_map(loader *ld, const yr_node *map)
{
    const bp_lesson *l = ld->lesson;
    if (map->kind != YR_MAPPING)
        return fail(ld, map, "'biases' must be a mapping of 'UNIT: value', "
                    "not %s", describe(map));
    for (const yr_node *key = map->first; key; key = key->next) {
        int unit = find_unit(l, key->text, strlen(key->text));
        if (unit < 0)
            return fail(ld, key, "bias '%s': no unit '%s'", key->text,
                        key->text);
        int layer = l->units[unit].layer;
        if (layer == 0)
            return fail(ld, key, "bias '%s': an input unit has no bias",
                        key->text);
        if (ld->layer_bias_list[layer])
            return fail(ld, key,
                        "bias '%s': layer %d already has a 'biases' list",
                        key->text, layer + 1);
        if (!set_bias(ld, key->value, unit))
            return false;
    }
    return true;
}

static bool check_all_weights(loader *ld, const yr_node *weight_map)
{
    const bp_lesson *l = ld->lesson;
    for (int i = 0; i < l->n_weights; i++) {
        if (ld->weight_given[i])
            continue;
        if (!weight_map)
            return fail(ld, ld->network, "missing required key 'weights'");
        return fail(ld, weight_map, "missing weight '%s -> %s'",
                    l->units[l->weights[i].from].label,
                    l->units[l->weights[i].to].label);
    }
    return true;
}

static bool read_network(loader *ld, const yr_node *node)
{
    static const key_spec keys[] = {
        {"layers", true}, {"weights", false}, {"biases", false},
        {"fixed_biases", false}, {NULL, false},
    };
    bp_lesson *l = ld->lesson;
    ld->network = node;
    if (!check_mapping(ld, node, "'network'", keys) ||
        !read_layers(ld, yr_map_get(node, "layers")) ||
        !allocate_weights(ld) || !read_layer_params(ld))
        return false;
    const yr_node *weight_map = yr_map_get(node, "weights");
    const yr_node *v;
    if (weight_map && !read_weight_map(ld, weight_map))
        return false;
    if ((v = yr_map_get(node, "biases")) && !read_bias_map(ld, v))
        return false;
    if (!check_all_weights(ld, weight_map))
        return false;
    bool all_fixed = false;
    if ((v = yr_map_get(node, "fixed_biases")) &&
        !read_bool(ld, v, "'fixed_biases'", &all_fixed))
        return false;
    for (int i = 0; all_fixed && i < l->n_units; i++)
        if (l->units[i].has_bias)
            l->units[i].bias_fixed = true;
    return true;
}

/* ------------------------------------------------------------------ */
/* The training example                                                */
/* ------------------------------------------------------------------ */

/* "x1, x2, x3": the labels of a layer, for messages. */
static void layer_labels(const bp_lesson *l, int layer, char *buf,
                         size_t size)
{
    const char *names[BP_MAX_UNITS_PER_LAYER];
    const bp_layer *ly = &l->layers[layer];
    for (int i = 0; i < ly->count; i++)
        names[i] = l->units[ly->first + i].label;
    join_names(buf, size, names, (size_t)ly->count);
}

/* inputs: {x1: 1, ...} or targets: {6: 1}: each unit of the layer once. */
static bool read_layer_values(loader *ld, const yr_node *map, int layer,
                              bool targets)
{
    bp_lesson *l = ld->lesson;
    const char *key_name = targets ? "'targets'" : "'inputs'";
    const char *kind = targets ? "output" : "input";
    if (map->kind != YR_MAPPING)
        return fail(ld, map, "%s must be a mapping, not %s", key_name,
                    describe(map));
    bool given[BP_MAX_UNITS] = {false};
    for (const yr_node *key = map->first; key; key = key->next) {
        int unit = find_unit(l, key->text, strlen(key->text));
        if (unit < 0 || l->units[unit].layer != layer) {
            char list[256];
            layer_labels(l, layer, list, sizeof list);
            return fail(ld, key, "no %s unit '%s' (%s units: %s)", kind,
                        key->text, kind, list);
        }
        char what[BP_LABEL_MAX + 16];
        snprintf(what, sizeof what, "%s '%s'", targets ? "target" : "input",
                 key->text);
        bp_unit *u = &l->units[unit];
        if (!read_number(ld, key->value, what, targets ? &u->target
                                                       : &u->input))
            return false;
        given[unit] = true;
    }
    const bp_layer *ly = &l->layers[layer];
    for (int i = ly->first; i < ly->first + ly->count; i++)
        if (!given[i])
            return fail(ld, map, "missing %s for '%s'",
                        targets ? "target" : "input value", l->units[i].label);
    return true;
}

static bool read_example(loader *ld, const yr_node *node)
{
    static const key_spec keys[] = {
        {"inputs", true}, {"targets", true}, {NULL, false},
    };
    const bp_lesson *l = ld->lesson;
    return check_mapping(ld, node, "'example'", keys) &&
           read_layer_values(ld, yr_map_get(node, "inputs"), 0, false) &&
           read_layer_values(ld, yr_map_get(node, "targets"),
                             l->n_layers - 1, true);
}

static bool read_learning_rate(loader *ld, const yr_node *node)
{
    if (!read_number(ld, node, "'learning_rate'", &ld->lesson->eta))
        return false;
    if (!(ld->lesson->eta > 0))
        return fail(ld, node, "'learning_rate' must be greater than 0, not %s",
                    node->text);
    return true;
}

/* ------------------------------------------------------------------ */
/* Rounding                                                            */
/* ------------------------------------------------------------------ */

static bool read_digits(loader *ld, const yr_node *node, const char *key,
                        int low, int *out)
{
    double v;
    if (!read_number(ld, node, key, &v))
        return false;
    if (v < low || v > 15 || v != (double)(int)v)
        return fail(ld, node, "%s must be a whole number from %d to 15, not "
                    "%s", key, low, node->text);
    *out = (int)v;
    return true;
}

/* {decimals: N} or {significant: N} */
static bool read_precision(loader *ld, const yr_node *node, const char *kind,
                           bp_precision *out)
{
    static const key_spec keys[] = {
        {"decimals", false}, {"significant", false}, {NULL, false},
    };
    char what[48];
    snprintf(what, sizeof what, "'%s'", kind);
    if (!check_mapping(ld, node, what, keys))
        return false;
    const yr_node *dec = yr_map_get(node, "decimals");
    const yr_node *sig = yr_map_get(node, "significant");
    if (dec && sig)
        return fail(ld, node, "%s gives both 'decimals' and 'significant'; "
                    "give one", what);
    if (!dec && !sig)
        return fail(ld, node, "%s needs 'decimals' or 'significant'", what);
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
static bool read_profile(loader *ld, const yr_node *node, const char *what,
                         bool top, bp_precision *profile)
{
    key_spec keys[BP_RK_COUNT + 2];
    for (int k = 0; k < BP_RK_COUNT; k++)
        keys[k] = (key_spec){round_kind_names[k], false};
    keys[BP_RK_COUNT] = (key_spec){top ? "verify" : NULL, false};
    keys[BP_RK_COUNT + 1] = (key_spec){NULL, false};
    if (!check_mapping(ld, node, what, keys))
        return false;
    for (const yr_node *key = node->first; key; key = key->next) {
        int k = round_kind_of(key->text);
        if (k >= 0 && !read_precision(ld, key->value, key->text, &profile[k]))
            return false;
    }
    return true;
}

static bool read_rounding(loader *ld, const yr_node *node)
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

static bool read_lecture(loader *ld, const yr_node *node)
{
    bp_lesson *l = ld->lesson;
    if (node->kind != YR_MAPPING)
        return fail(ld, node, "'lecture' must be a mapping, not %s",
                    describe(node));
    l->lecture = calloc(node->count ? node->count : 1, sizeof *l->lecture);
    if (!l->lecture)
        return fail_nomem(ld);
    for (const yr_node *key = node->first; key; key = key->next) {
        bp_lecture_value *lv = &l->lecture[l->n_lecture];
        if (!read_text(ld, key, "a quantity name", lv->name, sizeof lv->name))
            return false;
        char what[sizeof lv->name + 16];
        snprintf(what, sizeof what, "lecture value '%s'", lv->name);
        if (!read_printed_number(ld, key->value, what, lv->printed,
                                 sizeof lv->printed))
            return false;
        lv->pos = key->pos;
        l->n_lecture++;
    }
    return true;
}

static bool read_erratum(loader *ld, const yr_node *node, bp_erratum *e)
{
    static const key_spec keys[] = {
        {"quantity", true}, {"printed", true}, {"correct", true},
        {"why", true}, {NULL, false},
    };
    e->pos = node->pos;
    return check_mapping(ld, node, "an erratum", keys) &&
           read_text(ld, yr_map_get(node, "quantity"), "'quantity'", e->name,
                     sizeof e->name) &&
           read_printed_number(ld, yr_map_get(node, "printed"), "'printed'",
                               e->printed, sizeof e->printed) &&
           read_printed_number(ld, yr_map_get(node, "correct"), "'correct'",
                               e->correct, sizeof e->correct) &&
           read_text(ld, yr_map_get(node, "why"), "'why'", e->why,
                     sizeof e->why);
}

static bool read_errata(loader *ld, const yr_node *node)
{
    bp_lesson *l = ld->lesson;
    if (node->kind != YR_SEQUENCE)
        return fail(ld, node, "'errata' must be a sequence, not %s",
                    describe(node));
    l->errata = calloc(node->count ? node->count : 1, sizeof *l->errata);
    if (!l->errata)
        return fail_nomem(ld);
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

static bool set_defaults(loader *ld)
{
    bp_lesson *l = ld->lesson;
    l->file = strdup(ld->name);
    l->layers = calloc(BP_MAX_LAYERS, sizeof *l->layers);
    l->units = calloc(BP_MAX_UNITS, sizeof *l->units);
    if (!l->file || !l->layers || !l->units)
        return fail_nomem(ld);
    l->order = BP_ORDER_FROM_TO;
    snprintf(l->weight_symbol, sizeof l->weight_symbol, "w");
    snprintf(l->bias_symbol, sizeof l->bias_symbol, "b");
    for (int k = 0; k < BP_RK_COUNT; k++)
        l->rounding[k] = l->verify_rounding[k] =
            (bp_precision){BP_ROUND_DECIMALS, 4};
    return true;
}

static bool read_lesson(loader *ld, const yr_node *root)
{
    if (!set_defaults(ld) ||
        !check_mapping(ld, root, "the lesson", lesson_keys) ||
        !read_texts(ld, root))
        return false;
    const yr_node *v;
    if ((v = yr_map_get(root, "notation")) && !read_notation(ld, v))
        return false;
    if (!read_network(ld, yr_map_get(root, "network")) ||
        !read_example(ld, yr_map_get(root, "example")) ||
        !read_learning_rate(ld, yr_map_get(root, "learning_rate")))
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
    loader ld = {.name = name, .err = err};
    ld.lesson = calloc(1, sizeof *ld.lesson);
    bool ok = ld.lesson ? read_lesson(&ld, yr_root(doc)) : fail_nomem(&ld);
    free(ld.weight_given);
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
    free(lesson->description);
    free(lesson->eta_note);
    free(lesson->layers);
    free(lesson->units);
    free(lesson->weights);
    free(lesson->lecture);
    free(lesson->errata);
    free(lesson);
}

int bp_lesson_find_weight(const bp_lesson *lesson, int from, int to)
{
    if (!lesson || from < 0 || to < 0 || from >= lesson->n_units ||
        to >= lesson->n_units)
        return -1;
    int lf = lesson->units[from].layer, lt = lesson->units[to].layer;
    if (lf >= 0 && lt == lf + 1 && lt < lesson->n_layers) {
        int slot = weight_slot(lesson, from, to);
        if (slot >= 0 && slot < lesson->n_weights &&
            lesson->weights[slot].from == from &&
            lesson->weights[slot].to == to)
            return slot;
    }
    /* A lesson built by hand may order its weights differently. */
    for (int i = 0; i < lesson->n_weights; i++)
        if (lesson->weights[i].from == from && lesson->weights[i].to == to)
            return i;
    return -1;
}
