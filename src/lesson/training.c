/* lesson_training.c: what a lesson needs to be trained on: 'example' or
 * 'examples', an optional 'validation' set, and the 'training' block
 * (mode, epochs, stopping rules, momentum, drawn initial weights)
 * (doc/lesson-format.md).
 */
#include "lesson/lesson_internal.h"
#include "lesson/parts.h"
#include "util/random.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EXAMPLES 100000
#define MAX_EPOCHS 1000000 /* the record of every epoch is kept */

/* A drawn weight is kept to 3 significant digits, so that a student can
 * work the first iteration by hand. */
static double draw(bp_rng *r, double low, double high)
{
    double v = bp_round(bp_rng_uniform(r, low, high),
                        (bp_precision){BP_ROUND_SIGNIFICANT, 3});
    return v < low ? low : v > high ? high : v;
}

void bp_lesson_draw_weights(bp_lesson *lesson, double low, double high,
                            unsigned long long seed, bool biases)
{
    bp_rng r;
    bp_rng_seed(&r, seed);
    for (int i = 0; i < lesson->n_weights; i++) {
        double v = draw(&r, low, high);
        if (!lesson->weights[i].fixed)
            lesson->weights[i].value = v;
    }
    for (int u = 0; u < lesson->n_units; u++) {
        bp_unit *unit = &lesson->units[u];
        if (unit->layer == 0)
            continue;
        if (biases && !unit->has_bias)
            unit->has_bias = true;
        if (!unit->has_bias)
            continue;
        double v = draw(&r, low, high);
        if (!unit->bias_fixed)
            unit->bias = v;
    }
}

/* ------------------------------------------------------------------ */
/* The training block                                                  */
/* ------------------------------------------------------------------ */

/* A whole number from low to high. */
static bool read_count(lr_loader *ld, const yr_node *node, const char *what,
                       int low, int high, int *out)
{
    double v;
    if (!lr_read_number(ld, node, what, &v))
        return false;
    if (v < low || v > high || v != floor(v))
        return lr_fail(ld, node, "%s must be a whole number from %d to %d, "
                       "not %s", what, low, high, node->text);
    *out = (int)v;
    return true;
}

/* A number in [low, high) (or [low, high] when `closed`). */
static bool read_in_range(lr_loader *ld, const yr_node *node,
                          const char *what, double low, double high,
                          bool closed, const char *range, double *out)
{
    if (!lr_read_number(ld, node, what, out))
        return false;
    if (*out < low || *out > high || (!closed && *out == high))
        return lr_fail(ld, node, "%s must be %s, not %s", what, range,
                       node->text);
    return true;
}

static bool read_seed(lr_loader *ld, const yr_node *node,
                      unsigned long long *out)
{
    const char *s = node->text;
    bool digits = node->kind == YR_SCALAR && *s != '\0';
    for (const char *p = s; digits && *p; p++)
        digits = lr_is_digit(*p);
    errno = 0;
    unsigned long long v = digits ? strtoull(s, NULL, 10) : 0;
    if (!digits || errno == ERANGE)
        return lr_fail(ld, node, "'seed' must be a whole number from 0 to "
                       "18446744073709551615, not %s",
                       node->kind == YR_SCALAR ? s : lr_describe(node));
    *out = v;
    return true;
}

/* init: {range: [-0.05, 0.05], seed: 1, biases: true} */
static bool read_init(lr_loader *ld, const yr_node *node)
{
    static const lr_key keys[] = {
        {"range", true}, {"seed", true}, {"biases", false}, {NULL, false},
    };
    bp_training *tr = &ld->lesson->training;
    if (!lr_check_mapping(ld, node, "'init'", keys))
        return false;
    const yr_node *range = yr_map_get(node, "range");
    if (range->kind != YR_SEQUENCE)
        return lr_fail(ld, range, "'range' must be a list of two numbers, "
                       "[low, high], not %s", lr_describe(range));
    if (range->count != 2)
        return lr_fail(ld, range, "'range' has %zu %s, expected 2: [low, "
                       "high]", range->count,
                       range->count == 1 ? "number" : "numbers");
    if (!lr_read_number(ld, range->first, "the low end of 'range'",
                        &tr->init_low) ||
        !lr_read_number(ld, range->first->next, "the high end of 'range'",
                        &tr->init_high))
        return false;
    if (!(tr->init_low < tr->init_high))
        return lr_fail(ld, range, "'range' must have its low end below its "
                       "high end, not [%s, %s]", range->first->text,
                       range->first->next->text);
    if (!isfinite(tr->init_high - tr->init_low))
        return lr_fail(ld, range, "'range' is too wide for double precision");
    const yr_node *v;
    tr->init = true;
    tr->init_biases = true;
    if ((v = yr_map_get(node, "biases")) &&
        !lr_read_bool(ld, v, "'biases'", &tr->init_biases))
        return false;
    return read_seed(ld, yr_map_get(node, "seed"), &tr->seed);
}

/* plateau: {epochs: 500, min_decrease: 1e-6} */
static bool read_plateau(lr_loader *ld, const yr_node *node)
{
    static const lr_key keys[] = {
        {"epochs", true}, {"min_decrease", true}, {NULL, false},
    };
    bp_training *tr = &ld->lesson->training;
    return lr_check_mapping(ld, node, "'plateau'", keys) &&
           read_count(ld, yr_map_get(node, "epochs"), "'epochs'", 1,
                      MAX_EPOCHS, &tr->plateau_epochs) &&
           read_in_range(ld, yr_map_get(node, "min_decrease"),
                         "'min_decrease'", 0, INFINITY, true,
                         "0 or more", &tr->plateau_min);
}

bool lr_read_training(lr_loader *ld, const yr_node *node)
{
    static const lr_key keys[] = {
        {"mode", false},     {"epochs", false},    {"error_threshold", false},
        {"patience", false}, {"plateau", false},   {"momentum", false},
        {"tolerance", false}, {"init", false},     {NULL, false},
    };
    static const char *const modes[] = {"stochastic", "batch"};
    bp_training *tr = &ld->lesson->training;
    if (!lr_check_mapping(ld, node, "'training'", keys))
        return false;
    const yr_node *v;
    int mode;
    if ((v = yr_map_get(node, "mode"))) {
        if (!lr_read_enum(ld, v, "'mode'", "training mode", modes, 2, &mode))
            return false;
        tr->mode = mode == 0 ? BP_TRAIN_STOCHASTIC : BP_TRAIN_BATCH;
    }
    if ((v = yr_map_get(node, "epochs")) &&
        !read_count(ld, v, "'epochs'", 1, MAX_EPOCHS, &tr->epochs))
        return false;
    if ((v = yr_map_get(node, "error_threshold")) &&
        !read_in_range(ld, v, "'error_threshold'", 0, INFINITY, true,
                       "0 or more", &tr->error_threshold))
        return false;
    if ((v = yr_map_get(node, "patience")) &&
        !read_count(ld, v, "'patience'", 1, MAX_EPOCHS, &tr->patience))
        return false;
    if ((v = yr_map_get(node, "plateau")) && !read_plateau(ld, v))
        return false;
    if ((v = yr_map_get(node, "momentum")) &&
        !read_in_range(ld, v, "'momentum'", 0, 1, false,
                       "from 0 to below 1", &tr->momentum))
        return false;
    if ((v = yr_map_get(node, "tolerance")) &&
        !read_in_range(ld, v, "'tolerance'", 0, INFINITY, true,
                       "0 or more", &tr->tolerance))
        return false;
    if ((v = yr_map_get(node, "init")) && !read_init(ld, v))
        return false;
    return true;
}

/* ------------------------------------------------------------------ */
/* Examples                                                            */
/* ------------------------------------------------------------------ */

static bool set_alloc(lr_loader *ld, bp_example_set *set, int n)
{
    const bp_lesson *l = ld->lesson;
    set->n_inputs = l->layers[0].count;
    set->n_targets = l->layers[l->n_layers - 1].count;
    set->inputs = calloc((size_t)n * (size_t)set->n_inputs,
                         sizeof *set->inputs);
    set->targets = calloc((size_t)n * (size_t)set->n_targets,
                          sizeof *set->targets);
    set->pos = calloc((size_t)n, sizeof *set->pos);
    if (!set->inputs || !set->targets || !set->pos)
        return lr_fail_nomem(ld);
    return true;
}

/* A list of {inputs, targets}; `key` names it in messages. */
static bool read_set(lr_loader *ld, const yr_node *node, const char *key,
                     bp_example_set *set)
{
    if (node->kind != YR_SEQUENCE)
        return lr_fail(ld, node, "'%s' must be a list of examples, each "
                       "{inputs: ..., targets: ...}, not %s", key,
                       lr_describe(node));
    if (node->count == 0)
        return lr_fail(ld, node, "'%s' needs at least one example", key);
    if (node->count > MAX_EXAMPLES)
        return lr_fail(ld, node, "too many examples in '%s' (the limit is "
                       "%d)", key, MAX_EXAMPLES);
    if (!set_alloc(ld, set, (int)node->count))
        return false;
    for (const yr_node *item = node->first; item; item = item->next) {
        char what[64];
        snprintf(what, sizeof what, "example %d of '%s'", set->n + 1, key);
        if (!lr_read_example_values(
                ld, item, what, set->inputs + set->n * set->n_inputs,
                set->targets + set->n * set->n_targets))
            return false;
        set->pos[set->n++] = item->pos;
    }
    return true;
}

/* The units' input and target values are those of the first example: the
 * iteration `bptrace trace` works. */
static void set_units_from_first(bp_lesson *l)
{
    const bp_example_set *set = &l->examples;
    const bp_layer *in = &l->layers[0], *out = &l->layers[l->n_layers - 1];
    for (int i = 0; i < in->count; i++)
        l->units[in->first + i].input = set->inputs[i];
    for (int k = 0; k < out->count; k++)
        l->units[out->first + k].target = set->targets[k];
}

static bool check_rules(lr_loader *ld, const yr_node *root)
{
    const bp_lesson *l = ld->lesson;
    const yr_node *training = yr_map_get(root, "training");
    const yr_node *patience = training ? yr_map_get(training, "patience")
                                       : NULL;
    if (patience && l->validation.n == 0)
        return lr_fail(ld, patience, "'patience' watches the error on the "
                       "validation set: add a 'validation:' list of "
                       "examples");
    return true;
}

bool lr_read_examples(lr_loader *ld, const yr_node *root)
{
    bp_lesson *l = ld->lesson;
    const yr_node *one = yr_map_get(root, "example");
    const yr_node *many = yr_map_get(root, "examples");
    const yr_node *v;
    if (one && many) {
        const yr_node *k1 = lr_map_key(root, "example");
        const yr_node *k2 = lr_map_key(root, "examples");
        bool second = k2->pos.line > k1->pos.line ||
                      (k2->pos.line == k1->pos.line &&
                       k2->pos.column > k1->pos.column);
        return lr_fail(ld, second ? k2 : k1, "a lesson has 'example' or "
                       "'examples', not both");
    }
    if (!one && !many) { /* bp_lesson_load_wide: from a data file */
        if (!set_alloc(ld, &l->examples, 1))
            return false;
        /* targets the loss takes (softmax: summing to 1) until then */
        for (int k = 0; k < l->examples.n_targets; k++)
            l->examples.targets[k] = 1.0 / l->examples.n_targets;
    } else if (one) {
        if (!set_alloc(ld, &l->examples, 1) ||
            !lr_read_example_values(ld, one, "'example'", l->examples.inputs,
                                    l->examples.targets))
            return false;
        l->examples.pos[0] = one->pos;
        l->examples.n = 1;
    } else if (!read_set(ld, many, "examples", &l->examples)) {
        return false;
    }
    set_units_from_first(l);
    if ((v = yr_map_get(root, "validation")) &&
        !read_set(ld, v, "validation", &l->validation))
        return false;
    return check_rules(ld, root);
}

void lr_example_set_free(bp_example_set *set)
{
    free(set->inputs);
    free(set->targets);
    free(set->pos);
}

/* Every example's targets as the loss needs them (lesson_loss.c checks
 * the first; cross-entropy wants targets from 0 to 1, softmax targets that
 * sum to 1). */
bool lr_check_example_targets(lr_loader *ld, const yr_node *root)
{
    static const char *const keys[] = {"examples", "validation"};
    const bp_lesson *l = ld->lesson;
    for (int s = 0; s < 2; s++) {
        const bp_example_set *set = s ? &l->validation : &l->examples;
        const yr_node *list = yr_map_get(root, keys[s]);
        const yr_node *item = list ? list->first : NULL;
        for (int d = 0; item && d < set->n; d++, item = item->next) {
            char why[256];
            if (!bp_lesson_check_targets(
                    l, set->targets + (size_t)d * set->n_targets, why,
                    sizeof why))
                return lr_fail(ld, yr_map_get(item, "targets"),
                               "example %d of '%s': %s", d + 1, keys[s], why);
        }
    }
    return true;
}
