/* lesson_variants.c: a lesson's optional 'variants': from what each kind
 * of given value of a variant is drawn (doc/lesson-format.md, "Variants").
 *
 *   variants:
 *     inputs: [0, 1]                              # one of these
 *     weights: {min: -0.5, max: 0.5, decimals: 1} # -0.5, -0.4, ..., 0.5
 *     biases: fixed                               # the lesson's own
 *     targets: [0, 1]
 *
 * An exercise names the givens that vary; the others keep their values:
 *
 *   variants:
 *     given:
 *       o_k: {min: 0.1, max: 0.9, decimals: 1}
 *       t_k: [0, 1]
 *
 * Read after the body, so that an exercise's given names can be checked.
 */
#include "lesson/lesson_internal.h"
#include "lesson/parts.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_DECIMALS = 4,
    MAX_MAGNITUDE = 1000, /* of min and max: a hand-worked exercise */
};

static bool read_whole(lr_loader *ld, const yr_node *node, const char *what,
                       int low, int high, int *out)
{
    double v;
    if (!lr_read_number(ld, node, what, &v))
        return false;
    if (v < low || v > high || v != (double)(int)v)
        return lr_fail(ld, node, "%s must be a whole number from %d to %d, "
                                 "not %s", what, low, high, node->text);
    *out = (int)v;
    return true;
}

/* A bound of a range, as a whole number of steps of 10^-decimals. */
static bool read_bound(lr_loader *ld, const yr_node *node, const char *what,
                       int decimals, int64_t *out)
{
    double v;
    if (!lr_read_number(ld, node, what, &v))
        return false;
    if (fabs(v) > MAX_MAGNITUDE)
        return lr_fail(ld, node, "%s must be from -%d to %d, not %s", what,
                       MAX_MAGNITUDE, MAX_MAGNITUDE, node->text);
    double scaled = v * pow(10, decimals);
    double steps = round(scaled);
    if (fabs(scaled - steps) > 1e-6)
        return lr_fail(ld, node, "%s %s has more decimals than 'decimals: "
                                 "%d' gives", what, node->text, decimals);
    *out = (int64_t)steps;
    return true;
}

/* {min: A, max: B, decimals: N} */
static bool read_range(lr_loader *ld, const yr_node *node, const char *what,
                       bp_draw *d)
{
    static const lr_key keys[] = {
        {"min", true}, {"max", true}, {"decimals", false}, {NULL, false},
    };
    if (!lr_check_mapping(ld, node, what, keys))
        return false;
    d->kind = BP_DRAW_RANGE;
    d->decimals = 1;
    const yr_node *dec = yr_map_get(node, "decimals");
    if (dec && !read_whole(ld, dec, "'decimals'", 0, MAX_DECIMALS,
                           &d->decimals))
        return false;
    const yr_node *max = yr_map_get(node, "max");
    if (!read_bound(ld, yr_map_get(node, "min"), "'min'", d->decimals,
                    &d->min) ||
        !read_bound(ld, max, "'max'", d->decimals, &d->max))
        return false;
    if (d->max < d->min)
        return lr_fail(ld, max, "'max' %s is below 'min' %s", max->text,
                       yr_map_get(node, "min")->text);
    return true;
}

/* [a, b, ...] */
static bool read_list(lr_loader *ld, const yr_node *node, const char *what,
                      bp_draw *d)
{
    if (node->count == 0)
        return lr_fail(ld, node, "%s lists no values", what);
    if (node->count > BP_DRAW_LIST_MAX)
        return lr_fail(ld, node, "%s lists %zu values; at most %d", what,
                       node->count, BP_DRAW_LIST_MAX);
    d->kind = BP_DRAW_LIST;
    for (const yr_node *item = node->first; item; item = item->next) {
        char item_what[BP_NAME_MAX + 32];
        snprintf(item_what, sizeof item_what, "a value of %s", what);
        if (!lr_read_number(ld, item, item_what, &d->values[d->n_values]))
            return false;
        d->n_values++;
    }
    return true;
}

/* A range, a list, or "fixed". */
static bool read_draw(lr_loader *ld, const yr_node *node, const char *what,
                      bp_draw *d)
{
    d->pos = node->pos;
    switch (node->kind) {
    case YR_MAPPING: return read_range(ld, node, what, d);
    case YR_SEQUENCE: return read_list(ld, node, what, d);
    case YR_SCALAR:
        if (!node->quoted && strcmp(node->text, "fixed") == 0) {
            d->kind = BP_DRAW_FIXED;
            return true;
        }
        return lr_fail(ld, node, "%s must be {min: A, max: B, decimals: N}, "
                                 "a list of values, or fixed, not '%s'",
                       what, node->text);
    }
    assert(false);
    return false;
}

/* ---- exercises ---- */

static bool is_given(const bp_given *g, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(g[i].name, name) == 0)
            return true;
    return false;
}

/* Shared givens and the steps' may vary; the cases' are what the cases
 * are about, and are kept. */
static bool check_given_name(lr_loader *ld, const yr_node *key)
{
    const bp_exercise *x = ld->lesson->exercise;
    if (is_given(x->given, x->n_given, key->text))
        return true;
    for (int s = 0; s < x->n_steps; s++)
        if (is_given(x->steps[s].given, x->steps[s].n_given, key->text))
            return true;
    for (int c = 0; c < x->n_cases; c++)
        if (is_given(x->cases[c].given, x->cases[c].n_given, key->text))
            return lr_fail(ld, key, "'%s' is given by each case; a variant "
                                    "keeps the cases' values", key->text);
    enum { MAX_NAMES = 256 };
    const char *names[MAX_NAMES] = {NULL};
    size_t n = 0;
    for (int i = 0; i < x->n_given && n < MAX_NAMES; i++)
        names[n++] = x->given[i].name;
    for (int s = 0; s < x->n_steps; s++)
        for (int i = 0; i < x->steps[s].n_given && n < MAX_NAMES; i++)
            names[n++] = x->steps[s].given[i].name;
    const char *close = bp_closest_name(key->text, names, n);
    char list[256];
    bp_join_names(list, sizeof list, names, n);
    if (close)
        return lr_fail(ld, key, "'%s' is not a given of this exercise (did "
                                "you mean '%s'?)", key->text, close);
    return lr_fail(ld, key, "'%s' is not a given of this exercise (its "
                            "givens: %s)", key->text, n ? list : "none");
}

static bool read_exercise_variants(lr_loader *ld, const yr_node *node)
{
    static const lr_key keys[] = {{"given", true}, {NULL, false}};
    bp_variants *v = &ld->lesson->variants;
    const yr_node *network_key = NULL;
    static const char *const network_keys[] = {"inputs", "weights", "biases",
                                               "targets"};
    for (size_t i = 0; i < 4 && !network_key; i++)
        network_key = lr_map_key(node, network_keys[i]);
    if (network_key)
        return lr_fail(ld, network_key, "an exercise has no '%s' to vary: "
                                        "name the givens that vary under "
                                        "'given'", network_key->text);
    if (!lr_check_mapping(ld, node, "'variants'", keys))
        return false;
    const yr_node *given = yr_map_get(node, "given");
    if (given->kind != YR_MAPPING || given->count == 0)
        return lr_fail(ld, given, "'given' must map each given that varies "
                                  "to a range, a list or fixed, not %s",
                       lr_describe(given));
    v->given = calloc(given->count, sizeof *v->given);
    if (!v->given)
        return lr_fail_nomem(ld);
    for (const yr_node *key = given->first; key; key = key->next) {
        bp_given_draw *g = &v->given[v->n_given];
        if (!check_given_name(ld, key))
            return false;
        snprintf(g->name, sizeof g->name, "%s", key->text);
        char what[BP_NAME_MAX + 16];
        snprintf(what, sizeof what, "given '%s'", g->name);
        if (!read_draw(ld, key->value, what, &g->draw))
            return false;
        v->n_given++;
    }
    return true;
}

/* ---- networks ---- */

/* Targets a variant may not draw: softmax targets sum to 1 (a variant
 * draws them one-hot), cross-entropy targets are from 0 to 1. */
static bool check_targets(lr_loader *ld, const yr_node *node,
                          const bp_draw *d)
{
    const bp_lesson *l = ld->lesson;
    if (!node || d->kind == BP_DRAW_FIXED)
        return true;
    if (l->layers[l->n_layers - 1].activation == BP_ACT_SOFTMAX)
        return lr_fail(ld, node, "the targets of softmax outputs sum to 1: "
                                 "a variant draws them one-hot (one 1, the "
                                 "others 0); leave 'targets' out, or write "
                                 "fixed");
    if (l->loss != BP_LOSS_CROSS_ENTROPY)
        return true;
    double low = d->kind == BP_DRAW_RANGE ? (double)d->min : d->values[0];
    double high = d->kind == BP_DRAW_RANGE ? (double)d->max : d->values[0];
    for (int i = 0; i < d->n_values; i++) {
        low = d->values[i] < low ? d->values[i] : low;
        high = d->values[i] > high ? d->values[i] : high;
    }
    if (d->kind == BP_DRAW_RANGE) {
        double scale = pow(10, d->decimals);
        low /= scale;
        high /= scale;
    }
    if (low < 0 || high > 1)
        return lr_fail(ld, node, "with cross-entropy the targets must be "
                                 "from 0 to 1, and 'targets' draws %g",
                       low < 0 ? low : high);
    return true;
}

static bool read_network_variants(lr_loader *ld, const yr_node *node)
{
    static const lr_key keys[] = {
        {"inputs", false}, {"weights", false}, {"biases", false},
        {"targets", false}, {NULL, false},
    };
    bp_variants *v = &ld->lesson->variants;
    const yr_node *given = lr_map_key(node, "given");
    if (given)
        return lr_fail(ld, given, "a network lesson varies 'inputs', "
                                  "'weights', 'biases' and 'targets', not "
                                  "'given'");
    if (!lr_check_mapping(ld, node, "'variants'", keys))
        return false;
    struct {
        const char *key, *what;
        bp_draw *draw;
    } parts[] = {
        {"inputs", "'inputs'", &v->inputs},
        {"weights", "'weights'", &v->weights},
        {"biases", "'biases'", &v->biases},
        {"targets", "'targets'", &v->targets},
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const yr_node *d = yr_map_get(node, parts[i].key);
        if (d && !read_draw(ld, d, parts[i].what, parts[i].draw))
            return false;
    }
    return check_targets(ld, yr_map_get(node, "targets"), &v->targets);
}

bool lr_read_variants(lr_loader *ld, const yr_node *node)
{
    bp_variants *v = &ld->lesson->variants;
    v->stated = true;
    v->pos = node->pos;
    if (node->kind != YR_MAPPING)
        return lr_fail(ld, node, "'variants' must be a mapping, not %s",
                       lr_describe(node));
    return ld->lesson->exercise ? read_exercise_variants(ld, node)
                                : read_network_variants(ld, node);
}
