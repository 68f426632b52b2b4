/* lesson_network.c: a network lesson's 'network' and 'example'.
 *
 * Units, layers (with their activation), weights as a map of edges or as
 * per-layer matrices, biases, and the training example's inputs and
 * targets (doc/lesson-format.md).
 */
#include "lesson/lesson_internal.h"
#include "lesson/parts.h"
#include "math/activation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What reading 'network' needs to remember between its parts. */
typedef struct {
    lr_loader *ld;
    const yr_node *network; /* the 'network' mapping */
    const yr_node *layer_node[BP_MAX_LAYERS];
    bool layer_matrix[BP_MAX_LAYERS];    /* weights given as a matrix */
    bool layer_bias_list[BP_MAX_LAYERS]; /* biases given as a list */
    bool *weight_given;                  /* per slot of lesson->weights */
} network_reader;

/* ------------------------------------------------------------------ */
/* Units                                                               */
/* ------------------------------------------------------------------ */

/* The label forms of the format's table: "4", "x1"/"h12", "x"/"h". */
typedef enum { LABEL_DIGITS, LABEL_LETTERS_DIGITS, LABEL_LETTERS,
               LABEL_INVALID } label_form;

static label_form classify_label(const char *label, size_t *n_letters)
{
    size_t i = 0;
    while (lr_is_letter(label[i]))
        i++;
    *n_letters = i;
    size_t j = i;
    while (lr_is_digit(label[j]))
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
        if (!((letters && lr_is_letter(*s)) || (digits && lr_is_digit(*s))))
            return false;
    return true;
}

static bool read_label(lr_loader *ld, const yr_node *node, bp_unit *u)
{
    if (!lr_read_text(ld, node, "a unit label", u->label, sizeof u->label))
        return false;
    size_t n_letters;
    label_form form = classify_label(u->label, &n_letters);
    if (form == LABEL_INVALID)
        return lr_fail(ld, node,
                       "unit label '%s' must be digits (4), letters (h) or "
                       "letters then digits (x1)",
                       u->label);
    derive_names(u, form, n_letters);
    return true;
}

/* {label: o1, index: 3, symbol: o} */
static bool read_unit_mapping(lr_loader *ld, const yr_node *node, bp_unit *u)
{
    static const lr_key keys[] = {
        {"label", true}, {"index", false}, {"symbol", false}, {NULL, false},
    };
    if (!lr_check_mapping(ld, node, "a unit", keys) ||
        !read_label(ld, yr_map_get(node, "label"), u))
        return false;
    const yr_node *v;
    if ((v = yr_map_get(node, "index"))) {
        if (!lr_read_text(ld, v, "'index'", u->index, sizeof u->index))
            return false;
        if (!all_chars(u->index, true, true))
            return lr_fail(ld, v, "unit index '%s' must be letters and digits",
                           u->index);
    }
    if ((v = yr_map_get(node, "symbol"))) {
        if (!lr_read_text(ld, v, "'symbol'", u->symbol, sizeof u->symbol))
            return false;
        if (!all_chars(u->symbol, true, false))
            return lr_fail(ld, v, "unit symbol '%s' must be letters",
                           u->symbol);
    }
    return true;
}

/* Labels are unique; subscripts within a layer and among non-input units
 * (inputs x1 and hidden h1 may both be "1"). */
static bool check_unit_unique(lr_loader *ld, const yr_node *node, int unit)
{
    const bp_lesson *l = ld->lesson;
    const bp_unit *u = &l->units[unit];
    for (int i = 0; i < unit; i++) {
        const bp_unit *v = &l->units[i];
        if (strcmp(u->label, v->label) == 0)
            return lr_fail(ld, node,
                           "duplicate unit label '%s' (first at line %d, "
                           "column %d)",
                           u->label, v->pos.line, v->pos.column);
        bool same_scope =
            v->layer == u->layer || (v->layer > 0 && u->layer > 0);
        if (strcmp(u->symbol, v->symbol) == 0 &&
            strcmp(u->symbol_index, v->symbol_index) == 0)
            return lr_fail(ld, node,
                           "unit '%s' would be written %s_%s, as unit '%s' "
                           "is (line %d, column %d): give one of them "
                           "another label",
                           u->label, u->symbol, u->symbol_index, v->label,
                           v->pos.line, v->pos.column);
        if (same_scope && strcmp(u->index, v->index) == 0)
            return lr_fail(ld, node,
                           "unit '%s' has the subscript '%s' of unit '%s' "
                           "(line %d, column %d); net, delta and the weights "
                           "need one per unit: write {label: %s, index: N} "
                           "with an N of its own",
                           u->label, u->index, v->label, v->pos.line,
                           v->pos.column, u->label);
    }
    return true;
}

static bool read_unit(lr_loader *ld, const yr_node *node, int layer)
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
        ok = lr_fail(ld, node, "a unit must be a label or a mapping, not %s",
                     lr_describe(node));
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
    return BP_NOT_FOUND;
}

/* ------------------------------------------------------------------ */
/* Layers                                                              */
/* ------------------------------------------------------------------ */

static const lr_key layer_keys[] = {
    {"units", true},   {"activation", false}, {"weights", false},
    {"biases", false}, {"slope", false}, {NULL, false},
};

/* The limits of a trace, or of training (lr_loader.wide). */
static int max_per_layer(const lr_loader *ld)
{
    return ld->wide ? BP_MAX_TRAIN_UNITS_PER_LAYER : BP_MAX_UNITS_PER_LAYER;
}

static int max_units(const lr_loader *ld)
{
    return ld->wide ? BP_MAX_TRAIN_UNITS : BP_MAX_UNITS;
}

/* "the limit is 64 for a trace; bptrace train takes 4096" */
static const char *limit_note(const lr_loader *ld, int trace, int train,
                              char *buf, size_t size)
{
    if (ld->wide)
        snprintf(buf, size, "the limit is %d for training", train);
    else
        snprintf(buf, size, "the limit is %d for a trace; bptrace train "
                 "takes up to %d", trace, train);
    return buf;
}

/* The symbol of the k-th hidden layer's generated labels (k from 1). */
static const char *hidden_symbol(int k)
{
    static const char *const symbols[] = {"h", "k", "m", "n", "p", "q",
                                          "r", "s", "u", "v", "y", "z",
                                          "a", "c", "e", "f"};
    return symbols[(k - 1) % 16];
}

/* units: N: labels x1..xN (input), h1.. (hidden; k1.., m1.. for a second
 * and third hidden layer), o1.. (output); a non-input unit's subscript in
 * net, delta and the weights counts on from the inputs' (the lecture's
 * numbering: x1, x2, then 3, 4, ...). */
static bool generate_units(lr_loader *ld, const yr_node *node, int layer,
                           bool output, int count)
{
    bp_lesson *l = ld->lesson;
    const char *sym = layer == 0 ? "x" : output ? "o" : hidden_symbol(layer);
    for (int i = 0; i < count; i++) {
        bp_unit *u = &l->units[l->n_units++];
        *u = (bp_unit){.layer = layer, .pos = node->pos};
        snprintf(u->label, sizeof u->label, "%s%d", sym, i + 1);
        snprintf(u->symbol, sizeof u->symbol, "%s", sym);
        snprintf(u->symbol_index, sizeof u->symbol_index, "%d", i + 1);
        snprintf(u->index, sizeof u->index, "%d",
                 layer == 0 ? i + 1 : l->n_units);
    }
    return true;
}

static bool read_units(lr_loader *ld, const yr_node *units, int layer,
                       bool output)
{
    bp_lesson *l = ld->lesson;
    char note[128];
    if (units->kind == YR_SCALAR) { /* units: N */
        double n;
        if (!lr_read_number(ld, units, "'units'", &n))
            return false;
        if (n < 1 || n != (int)n)
            return lr_fail(ld, units, "'units' must be a list of labels or "
                           "a whole number of units from 1, not %s",
                           units->text);
        if (n > max_per_layer(ld))
            return lr_fail(ld, units, "too many units in one layer (%s)",
                           limit_note(ld, BP_MAX_UNITS_PER_LAYER,
                                      BP_MAX_TRAIN_UNITS_PER_LAYER, note,
                                      sizeof note));
        if (l->n_units + n > max_units(ld))
            return lr_fail(ld, units, "too many units in all (%s)",
                           limit_note(ld, BP_MAX_UNITS, BP_MAX_TRAIN_UNITS,
                                      note, sizeof note));
        return generate_units(ld, units, layer, output, (int)n);
    }
    if (units->kind != YR_SEQUENCE)
        return lr_fail(ld, units, "'units' must be a sequence, not %s",
                       lr_describe(units));
    if (units->count == 0)
        return lr_fail(ld, units, "a layer needs at least one unit");
    int in_layer = 0;
    for (const yr_node *item = units->first; item; item = item->next) {
        if (++in_layer > max_per_layer(ld))
            return lr_fail(ld, item, "too many units in one layer (%s)",
                           limit_note(ld, BP_MAX_UNITS_PER_LAYER,
                                      BP_MAX_TRAIN_UNITS_PER_LAYER, note,
                                      sizeof note));
        if (l->n_units == max_units(ld))
            return lr_fail(ld, item, "too many units in all (%s)",
                           limit_note(ld, BP_MAX_UNITS, BP_MAX_TRAIN_UNITS,
                                      note, sizeof note));
        if (!read_unit(ld, item, layer))
            return false;
    }
    return true;
}

/* The input layer only lists its units. */
static bool check_input_layer(lr_loader *ld, const yr_node *node)
{
    static const char *const others[] = {"activation", "weights", "biases",
                                         "slope"};
    for (size_t i = 0; i < 4; i++) {
        const yr_node *v = yr_map_get(node, others[i]);
        if (v)
            return lr_fail(ld, v, "the input layer cannot have '%s'",
                           others[i]);
    }
    return true;
}

static bool read_layer(network_reader *nr, const yr_node *node, int layer,
                       bool output)
{
    lr_loader *ld = nr->ld;
    bp_lesson *l = ld->lesson;
    char what[32];
    snprintf(what, sizeof what, "layer %d", layer + 1);
    if (!lr_check_mapping(ld, node, what, layer_keys))
        return false;
    if (layer == 0 && !check_input_layer(ld, node))
        return false;
    bp_layer *ly = &l->layers[layer];
    ly->first = l->n_units;
    ly->activation = layer == 0 ? BP_ACT_LINEAR : BP_ACT_SIGMOID;
    if (!read_units(ld, yr_map_get(node, "units"), layer, output))
        return false;
    ly->count = l->n_units - ly->first;
    const yr_node *v = yr_map_get(node, "activation");
    int act;
    if (v) {
        const char *names[BP_ACT_COUNT];
        for (int i = 0; i < BP_ACT_COUNT; i++)
            names[i] = bp_activation_name((bp_activation)i);
        if (!lr_read_enum(ld, v, "'activation'", "activation", names,
                          BP_ACT_COUNT, &act))
            return false;
        ly->activation = (bp_activation)act;
    }
    /* leaky_relu's slope below 0: the layer's 'slope:', else 0.01 */
    ly->slope = ly->activation == BP_ACT_LEAKY_RELU ? BP_LEAKY_SLOPE_DEFAULT
                                                    : 0.0;
    const yr_node *slope = yr_map_get(node, "slope");
    if (slope && ly->activation != BP_ACT_LEAKY_RELU)
        return lr_fail(ld, slope, "'slope' belongs to a leaky_relu layer "
                                  "(this layer is %s)",
                       bp_activation_name(ly->activation));
    if (slope && !lr_read_number(ld, slope, "'slope'", &ly->slope))
        return false;
    if (slope && !(ly->slope >= 0 && ly->slope < 1))
        return lr_fail(ld, slope, "'slope' must be from 0 to below 1 (the "
                                  "factor of a net input below 0)");
    nr->layer_node[layer] = node;
    l->n_layers = layer + 1;
    return true;
}

static bool read_layers(network_reader *nr, const yr_node *layers)
{
    lr_loader *ld = nr->ld;
    if (layers->kind != YR_SEQUENCE)
        return lr_fail(ld, layers, "'layers' must be a sequence, not %s",
                       lr_describe(layers));
    if (layers->count < 2)
        return lr_fail(ld, layers,
                       "a network needs at least 2 layers (input and output)");
    int layer = 0;
    for (const yr_node *item = layers->first; item; item = item->next) {
        if (layer == BP_MAX_LAYERS)
            return lr_fail(ld, item, "too many layers (the limit is %d)",
                           BP_MAX_LAYERS);
        if (!read_layer(nr, item, layer++, item->next == NULL))
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

static bool allocate_weights(network_reader *nr)
{
    lr_loader *ld = nr->ld;
    bp_lesson *l = ld->lesson;
    long n = 0;
    for (int k = 1; k < l->n_layers; k++)
        n += (long)l->layers[k - 1].count * l->layers[k].count;
    if (n > BP_MAX_TRAIN_WEIGHTS)
        return lr_fail(ld, nr->network, "too many weights: %ld (the limit "
                       "is %d)", n, BP_MAX_TRAIN_WEIGHTS);
    l->weights = calloc((size_t)n, sizeof *l->weights);
    nr->weight_given = calloc((size_t)n, sizeof *nr->weight_given);
    if (!l->weights || !nr->weight_given)
        return lr_fail_nomem(ld);
    l->n_weights = (int)n;
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
static bool read_param(lr_loader *ld, const yr_node *node, const char *what,
                       double *value, bool *fixed)
{
    static const lr_key keys[] = {
        {"value", true}, {"fixed", false}, {NULL, false},
    };
    *fixed = false;
    if (node->kind == YR_SEQUENCE)
        return lr_fail(ld, node, "%s must be a number or a mapping, not %s",
                       what, lr_describe(node));
    if (node->kind == YR_SCALAR)
        return lr_read_number(ld, node, what, value);
    if (!lr_check_mapping(ld, node, what, keys) ||
        !lr_read_number(ld, yr_map_get(node, "value"), "'value'", value))
        return false;
    const yr_node *v = yr_map_get(node, "fixed");
    return !v || lr_read_bool(ld, v, "'fixed'", fixed);
}

static bool set_weight(network_reader *nr, const yr_node *at,
                       const yr_node *value, int from, int to)
{
    lr_loader *ld = nr->ld;
    bp_lesson *l = ld->lesson;
    char what[2 * BP_LABEL_MAX + 16];
    snprintf(what, sizeof what, "weight '%s -> %s'", l->units[from].label,
             l->units[to].label);
    int slot = weight_slot(l, from, to);
    bp_weight *w = &l->weights[slot];
    if (nr->weight_given[slot])
        return lr_fail(ld, at, "duplicate %s (first at line %d, column %d)",
                       what, w->pos.line, w->pos.column);
    if (!read_param(ld, value, what, &w->value, &w->fixed))
        return false;
    w->pos = at->pos;
    nr->weight_given[slot] = true;
    return true;
}

static bool set_bias(lr_loader *ld, const yr_node *value, int unit)
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
static bool read_matrix(network_reader *nr, const yr_node *matrix, int layer)
{
    lr_loader *ld = nr->ld;
    const bp_lesson *l = ld->lesson;
    const bp_layer *to = &l->layers[layer], *from = &l->layers[layer - 1];
    if (matrix->kind != YR_SEQUENCE)
        return lr_fail(ld, matrix,
                       "'weights' of layer %d must be a sequence of "
                       "rows, not %s",
                       layer + 1, lr_describe(matrix));
    if (matrix->count != (size_t)to->count)
        return lr_fail(ld, matrix,
                       "layer %d: 'weights' has %zu %s, expected %d (one per "
                       "unit of layer %d)",
                       layer + 1, matrix->count,
                       plural(matrix->count, "row", "rows"), to->count,
                       layer + 1);
    int t = to->first;
    for (const yr_node *row = matrix->first; row; row = row->next, t++) {
        int r = t - to->first + 1;
        if (row->kind != YR_SEQUENCE)
            return lr_fail(ld, row,
                           "layer %d: row %d of 'weights' must be a sequence, "
                           "not %s",
                           layer + 1, r, lr_describe(row));
        if (row->count != (size_t)from->count)
            return lr_fail(ld, row,
                           "layer %d: row %d of 'weights' has %zu %s, expected "
                           "%d (one per unit of layer %d)",
                           layer + 1, r, row->count,
                           plural(row->count, "entry", "entries"), from->count,
                           layer);
        int f = from->first;
        for (const yr_node *e = row->first; e; e = e->next, f++)
            if (!set_weight(nr, e, e, f, t))
                return false;
    }
    nr->layer_matrix[layer] = true;
    return true;
}

static bool read_bias_list(network_reader *nr, const yr_node *list, int layer)
{
    lr_loader *ld = nr->ld;
    const bp_layer *ly = &ld->lesson->layers[layer];
    if (list->kind != YR_SEQUENCE)
        return lr_fail(ld, list,
                       "'biases' of layer %d must be a sequence, not %s",
                       layer + 1, lr_describe(list));
    if (list->count != (size_t)ly->count)
        return lr_fail(ld, list,
                       "layer %d: 'biases' has %zu %s, expected %d (one per "
                       "unit)",
                       layer + 1, list->count,
                       plural(list->count, "entry", "entries"), ly->count);
    int u = ly->first;
    for (const yr_node *e = list->first; e; e = e->next, u++)
        if (!set_bias(ld, e, u))
            return false;
    nr->layer_bias_list[layer] = true;
    return true;
}

/* The matrix form: each layer's own 'weights' and 'biases'. */
static bool read_layer_params(network_reader *nr)
{
    lr_loader *ld = nr->ld;
    for (int k = 1; k < ld->lesson->n_layers; k++) {
        const yr_node *v;
        if ((v = yr_map_get(nr->layer_node[k], "weights")) &&
            !read_matrix(nr, v, k))
            return false;
        if ((v = yr_map_get(nr->layer_node[k], "biases")) &&
            !read_bias_list(nr, v, k))
            return false;
    }
    return true;
}

/* "FROM -> TO" into its two labels, as [start, end) ranges. */
static bool split_edge(const char *text, const char *from[2],
                       const char *to[2])
{
    const char *arrow = strstr(text, "->");
    if (!arrow || strstr(arrow + 2, "->"))
        return false;
    const char *end = text + strlen(text);
    from[0] = lr_skip_spaces(text, arrow);
    from[1] = lr_trim_end(from[0], arrow);
    to[0] = lr_skip_spaces(arrow + 2, end);
    to[1] = lr_trim_end(to[0], end);
    return from[1] > from[0] && to[1] > to[0];
}

static bool read_edge(network_reader *nr, const yr_node *key)
{
    lr_loader *ld = nr->ld;
    const bp_lesson *l = ld->lesson;
    const char *from_text[2], *to_text[2];
    if (!split_edge(key->text, from_text, to_text))
        return lr_fail(ld, key, "'%s' is not of the form 'FROM -> TO'",
                       key->text);
    int from_len = (int)(from_text[1] - from_text[0]);
    int to_len = (int)(to_text[1] - to_text[0]);
    int from = find_unit(l, from_text[0], (size_t)from_len);
    int to = find_unit(l, to_text[0], (size_t)to_len);
    if (from < 0 || to < 0)
        return lr_fail(ld, key, "weight '%.*s -> %.*s': no unit '%.*s'",
                       from_len, from_text[0], to_len, to_text[0],
                       from < 0 ? from_len : to_len,
                       from < 0 ? from_text[0] : to_text[0]);
    const char *f = l->units[from].label, *t = l->units[to].label;
    int lf = l->units[from].layer + 1, lt = l->units[to].layer + 1;
    if (lt == lf - 1)
        return lr_fail(ld, key,
                       "weight '%s -> %s' goes backwards (%s is in layer %d, "
                       "%s in layer %d); write '%s -> %s'",
                       f, t, f, lf, t, lt, t, f);
    if (lt != lf + 1)
        return lr_fail(ld, key,
                       "weight '%s -> %s' does not connect adjacent layers (%s "
                       "is in layer %d, %s in layer %d)",
                       f, t, f, lf, t, lt);
    if (nr->layer_matrix[lt - 1])
        return lr_fail(ld, key,
                       "weight '%s -> %s': layer %d already has a 'weights' "
                       "matrix",
                       f, t, lt);
    return set_weight(nr, key, key->value, from, to);
}

static bool read_weight_map(network_reader *nr, const yr_node *map)
{
    lr_loader *ld = nr->ld;
    if (map->kind != YR_MAPPING)
        return lr_fail(ld, map,
                       "'weights' must be a mapping of 'FROM -> TO: value', "
                       "not %s",
                       lr_describe(map));
    for (const yr_node *key = map->first; key; key = key->next)
        if (!read_edge(nr, key))
            return false;
    return true;
}

static bool read_bias_map(network_reader *nr, const yr_node *map)
{
    lr_loader *ld = nr->ld;
    const bp_lesson *l = ld->lesson;
    if (map->kind != YR_MAPPING)
        return lr_fail(ld, map,
                       "'biases' must be a mapping of 'UNIT: value', not %s",
                       lr_describe(map));
    for (const yr_node *key = map->first; key; key = key->next) {
        int unit = find_unit(l, key->text, strlen(key->text));
        if (unit < 0)
            return lr_fail(ld, key, "bias '%s': no unit '%s'", key->text,
                           key->text);
        int layer = l->units[unit].layer;
        if (layer == 0)
            return lr_fail(ld, key, "bias '%s': an input unit has no bias",
                           key->text);
        if (nr->layer_bias_list[layer])
            return lr_fail(ld, key,
                           "bias '%s': layer %d already has a 'biases' list",
                           key->text, layer + 1);
        if (!set_bias(ld, key->value, unit))
            return false;
    }
    return true;
}

static bool check_all_weights(network_reader *nr, const yr_node *weight_map)
{
    lr_loader *ld = nr->ld;
    const bp_lesson *l = ld->lesson;
    for (int i = 0; i < l->n_weights; i++) {
        if (nr->weight_given[i])
            continue;
        if (!weight_map)
            return lr_fail(ld, nr->network, "missing required key 'weights'");
        return lr_fail(ld, weight_map, "missing weight '%s -> %s'",
                       l->units[l->weights[i].from].label,
                       l->units[l->weights[i].to].label);
    }
    return true;
}

/* With 'training: init' the weights and biases are drawn: giving some
 * as well would be ambiguous. */
static bool check_nothing_given(network_reader *nr)
{
    lr_loader *ld = nr->ld;
    const char *keys[] = {"weights", "biases"};
    for (int k = 0; k < ld->lesson->n_layers; k++) {
        const yr_node *node = k == 0 ? nr->network : nr->layer_node[k];
        for (int i = 0; i < 2; i++) {
            const yr_node *key = lr_map_key(node, keys[i]);
            if (key)
                return lr_fail(ld, key,
                               "'%s' is given, but 'training: init' draws "
                               "the initial weights and biases; give one or "
                               "the other", keys[i]);
        }
    }
    return true;
}

static bool read_network(network_reader *nr, const yr_node *node)
{
    static const lr_key keys[] = {
        {"layers", true},        {"weights", false}, {"biases", false},
        {"fixed_biases", false}, {NULL, false},
    };
    lr_loader *ld = nr->ld;
    bp_lesson *l = ld->lesson;
    nr->network = node;
    if (!lr_check_mapping(ld, node, "'network'", keys) ||
        !read_layers(nr, yr_map_get(node, "layers")) || !allocate_weights(nr) ||
        !read_layer_params(nr))
        return false;
    const yr_node *weight_map = yr_map_get(node, "weights");
    const yr_node *v;
    if (weight_map && !read_weight_map(nr, weight_map))
        return false;
    if ((v = yr_map_get(node, "biases")) && !read_bias_map(nr, v))
        return false;
    if (l->training.init ? !check_nothing_given(nr)
                         : !check_all_weights(nr, weight_map))
        return false;
    bool all_fixed = false;
    if ((v = yr_map_get(node, "fixed_biases")) &&
        !lr_read_bool(ld, v, "'fixed_biases'", &all_fixed))
        return false;
    for (int i = 0; all_fixed && i < l->n_units; i++)
        if (l->units[i].has_bias)
            l->units[i].bias_fixed = true;
    return true;
}

bool lr_read_network(lr_loader *ld, const yr_node *node)
{
    bp_lesson *l = ld->lesson;
    l->layers = calloc(BP_MAX_LAYERS, sizeof *l->layers);
    /* room for the most units a lesson may have; each unit is filled in
     * whole when it is read, so the room is not cleared (a trace's lesson
     * uses a few of its 256) */
    l->units = malloc((size_t)max_units(ld) * sizeof *l->units);
    if (!l->layers || !l->units)
        return lr_fail_nomem(ld);
    network_reader nr = {.ld = ld};
    bool ok = read_network(&nr, node);
    free(nr.weight_given);
    return ok;
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
    int n = ly->count < BP_MAX_UNITS_PER_LAYER ? ly->count
                                               : BP_MAX_UNITS_PER_LAYER;
    for (int i = 0; i < n; i++)
        names[i] = l->units[ly->first + i].label;
    bp_join_names(buf, size, names, (size_t)n);
}

/* inputs: {x1: 1, ...} or targets: {6: 1}: each unit of the layer once;
 * or a list in the layer's order: [1, 0, 1].  values[i] is the value of
 * the layer's i-th unit. */
static bool read_layer_values(lr_loader *ld, const yr_node *map, int layer,
                              bool targets, double *values)
{
    bp_lesson *l = ld->lesson;
    const char *key_name = targets ? "'targets'" : "'inputs'";
    const char *kind = targets ? "output" : "input";
    const char *value_kind = targets ? "target '" : "input '";
    const bp_layer *ly = &l->layers[layer];
    char what[BP_LABEL_MAX + 16];
    if (map->kind == YR_SEQUENCE) {
        if (map->count != (size_t)ly->count) {
            char list[256];
            layer_labels(l, layer, list, sizeof list);
            return lr_fail(ld, map, "%s has %zu %s, expected %d (%s units: "
                           "%s)", key_name, map->count,
                           map->count == 1 ? "value" : "values", ly->count,
                           kind, list);
        }
        int i = 0;
        for (const yr_node *e = map->first; e; e = e->next, i++) {
            bp_concat(what, sizeof what, value_kind,
                      l->units[ly->first + i].label, "'");
            if (!lr_read_number(ld, e, what, &values[i]))
                return false;
        }
        return true;
    }
    if (map->kind != YR_MAPPING)
        return lr_fail(ld, map, "%s must be a mapping or a list, not %s",
                       key_name, lr_describe(map));
    bool given[BP_MAX_TRAIN_UNITS] = {false};
    for (const yr_node *key = map->first; key; key = key->next) {
        int unit = find_unit(l, key->text, strlen(key->text));
        if (unit < 0 || l->units[unit].layer != layer) {
            char list[256];
            layer_labels(l, layer, list, sizeof list);
            return lr_fail(ld, key, "no %s unit '%s' (%s units: %s)", kind,
                           key->text, kind, list);
        }
        bp_concat(what, sizeof what, value_kind, key->text, "'");
        if (!lr_read_number(ld, key->value, what, &values[unit - ly->first]))
            return false;
        given[unit] = true;
    }
    for (int i = ly->first; i < ly->first + ly->count; i++)
        if (!given[i])
            return lr_fail(ld, map, "missing %s for '%s'",
                           targets ? "target" : "input value",
                           l->units[i].label);
    return true;
}

bool lr_read_example_values(lr_loader *ld, const yr_node *node,
                            const char *what, double *inputs,
                            double *targets)
{
    static const lr_key keys[] = {
        {"inputs", true}, {"targets", true}, {NULL, false},
    };
    const bp_lesson *l = ld->lesson;
    return lr_check_mapping(ld, node, what, keys) &&
           read_layer_values(ld, yr_map_get(node, "inputs"), 0, false,
                             inputs) &&
           read_layer_values(ld, yr_map_get(node, "targets"), l->n_layers - 1,
                             true, targets);
}

/* ------------------------------------------------------------------ */
/* Looking up weights                                                  */
/* ------------------------------------------------------------------ */

int bp_lesson_find_weight(const bp_lesson *lesson, int from, int to)
{
    if (!lesson || from < 0 || to < 0 || from >= lesson->n_units ||
        to >= lesson->n_units)
        return BP_NOT_FOUND;
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
    return BP_NOT_FOUND;
}
