/* lesson_loss.c: a lesson's 'loss', and what it asks of the network and
 * of the targets.
 *
 * Cross-entropy takes ln o_k and ln(1 - o_k), so the outputs must lie
 * between 0 and 1 (sigmoid or softmax) and so must the targets.  Softmax
 * is a function of the whole output layer; bptrace derives it only with
 * cross-entropy, where delta_k = t_k - o_k needs the targets to sum to 1.
 * With squared error its delta would need the full Jacobian of softmax,
 * which the lecture's notation has no line for: such a lesson is refused.
 */
#include "lesson/lesson_internal.h"
#include "lesson/parts.h"
#include "math/activation.h"
#include "math/loss.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const bp_layer *output_layer(const bp_lesson *l)
{
    return &l->layers[l->n_layers - 1];
}

bool bp_lesson_check_targets(const bp_lesson *l, const double *targets,
                             char *why, size_t size)
{
    char unused[8];
    if (!why) {
        why = unused;
        size = sizeof unused;
    }
    if (l->n_layers < 1) { /* an exercise has no output layer to check */
        snprintf(why, size, "the lesson has no network, so no targets");
        return false;
    }
    const bp_layer *out = output_layer(l);
    double sum = 0;
    for (int i = 0; i < out->count; i++) {
        double t = targets[i];
        if (bp_loss_row_of(l->loss)->targets_are_probabilities &&
            !(t >= 0 && t <= 1)) {
            char num[32];
            snprintf(why, size,
                     "target '%s' must be from 0 to 1 with %s, not %s",
                     l->units[out->first + i].label, bp_loss_name(l->loss),
                     bp_format(num, sizeof num, t,
                               (bp_precision){BP_ROUND_NONE, 0}));
            return false;
        }
        /* a target no output can reach (1.5 for sigmoid): an iteration
         * that only ever pushes toward the end of the range */
        const bp_activation_row *row = bp_act_row(out->activation);
        if (!(t >= row->low && t <= row->high)) {
            char num[32], low[32], high[32];
            bp_format(num, sizeof num, t, (bp_precision){BP_ROUND_NONE, 0});
            bp_format(low, sizeof low, row->low,
                      (bp_precision){BP_ROUND_NONE, 0});
            bp_format(high, sizeof high, row->high,
                      (bp_precision){BP_ROUND_NONE, 0});
            if (isinf(row->high))
                snprintf(why, size, "target '%s' must be %s or more for a %s "
                         "unit, not %s", l->units[out->first + i].label, low,
                         row->name, num);
            else
                snprintf(why, size, "target '%s' must be from %s to %s for a "
                         "%s unit, not %s", l->units[out->first + i].label,
                         low, high, row->name, num);
            return false;
        }
        sum += t;
    }
    if (out->activation == BP_ACT_SOFTMAX && fabs(sum - 1) > 1e-9) {
        char num[32];
        snprintf(why, size,
                 "the targets of softmax outputs must sum to 1, not %s "
                 "(they are the probabilities of the classes)",
                 bp_format(num, sizeof num,
                           bp_round(sum, (bp_precision){BP_ROUND_SIGNIFICANT,
                                                        12}),
                           (bp_precision){BP_ROUND_NONE, 0}));
        return false;
    }
    return true;
}

/* The node of layer i's 'activation', or of the layer. */
static const yr_node *activation_node(const yr_node *root, int layer)
{
    const yr_node *layers = yr_map_get(yr_map_get(root, "network"), "layers");
    const yr_node *item = layers ? layers->first : NULL;
    for (int i = 0; item && i < layer; i++)
        item = item->next;
    const yr_node *act = item ? yr_map_get(item, "activation") : NULL;
    return act ? act : item;
}

/* The example's target of output unit u, or the targets mapping. */
static const yr_node *target_node(const yr_node *root, const char *label)
{
    const yr_node *targets = yr_map_get(yr_map_get(root, "example"),
                                        "targets");
    const yr_node *v = targets ? yr_map_get(targets, label) : NULL;
    return v ? v : targets;
}

static bool check_network(lr_loader *ld, const yr_node *root,
                          const yr_node *loss_node)
{
    const bp_lesson *l = ld->lesson;
    int last = l->n_layers - 1;
    for (int i = 1; i < last; i++)
        if (l->layers[i].activation == BP_ACT_SOFTMAX)
            return lr_fail(ld, activation_node(root, i),
                           "softmax is an output layer's activation only "
                           "(layer %d is a hidden layer)", i + 1);
    bp_activation act = l->layers[last].activation;
    if (act == BP_ACT_SOFTMAX && l->layers[last].count < 2)
        return lr_fail(ld, activation_node(root, last),
                       "a softmax layer needs at least 2 units (the softmax "
                       "of one unit is always 1)");
    if (act == BP_ACT_SOFTMAX && l->loss != BP_LOSS_CROSS_ENTROPY)
        return lr_fail(ld, activation_node(root, last),
                       "softmax outputs need 'loss: cross-entropy' (bptrace "
                       "does not derive softmax with squared error)");
    const bp_activation_row *out = bp_act_row(act);
    if (bp_loss_row_of(l->loss)->targets_are_probabilities &&
        !(out->low >= 0 && out->high <= 1))
        return lr_fail(ld, loss_node,
                       "cross-entropy needs sigmoid or softmax outputs, whose "
                       "values lie between 0 and 1 (the output layer is %s)",
                       bp_activation_name(act));
    return true;
}

bool lr_read_loss(lr_loader *ld, const yr_node *root)
{
    bp_lesson *l = ld->lesson;
    const yr_node *v = yr_map_get(root, "loss");
    int loss = BP_LOSS_SQUARED;
    const char *names[BP_LOSS_COUNT];
    for (int i = 0; i < BP_LOSS_COUNT; i++)
        names[i] = bp_loss_name((bp_loss)i);
    if (v && !lr_read_enum(ld, v, "'loss'", "loss", names, BP_LOSS_COUNT,
                           &loss))
        return false;
    l->loss = (bp_loss)loss;
    if (!check_network(ld, root, v))
        return false;
    const bp_layer *out = output_layer(l);
    double targets[BP_MAX_TRAIN_UNITS_PER_LAYER];
    for (int i = 0; i < out->count; i++)
        targets[i] = l->units[out->first + i].target;
    char why[256];
    if (bp_lesson_check_targets(l, targets, why, sizeof why))
        return true;
    /* point at the offending target, or at the whole map for a sum */
    const char *label = NULL;
    for (int i = 0; i < out->count && !label; i++) {
        double t = targets[i];
        if (bp_loss_row_of(l->loss)->targets_are_probabilities &&
            !(t >= 0 && t <= 1))
            label = l->units[out->first + i].label;
    }
    const yr_node *at = target_node(root, label ? label : "");
    return lr_fail(ld, at, "%s", why);
}
