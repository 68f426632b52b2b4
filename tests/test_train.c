/* test_train.c: the fast engine against the derivation graph and against
 * arithmetic done by hand; epochs, stopping rules, momentum, the
 * generator of initial weights, the gradient check, and the shipped
 * training lessons (XOR, the 8-3-8 encoder). */
#include "bptrace.h"
#include "train/net.h"
#include "util/random.h"
#include "train/train.h"
#include "unit.h"
#include "train/data.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bp_train_config config_of(const bp_lesson *l)
{
    return (bp_train_config){.rules = l->training, .eta = l->eta};
}

/* ------------------------------------------------------------------ */
/* The fast engine agrees with the derivation graph                   */
/* ------------------------------------------------------------------ */

/* Each new weight and bias of the trace equals, double for double, the
 * fast engine's after its step; how many were compared. */
static int same_new_params(const bp_trace *t, const bp_lesson *l,
                           const bp_net *net, const char *what)
{
    int checked = 0;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (q->kind != BP_Q_NEW_PARAM || q->phase != BP_PHASE_UPDATE)
            continue;
        double fast = q->weight >= 0
                          ? net->w[bp_net_weight_slot(net, l, q->weight)]
                          : net->b[q->unit];
        ck_assert_msg(fast == q->exact, "%s: %s: fast %.17g, traced %.17g",
                      what, q->name, fast, q->exact);
        checked++;
    }
    return checked;
}

/* One stochastic step on the lecture's section 7 gives, double for
 * double, the new weights of `bptrace trace --exact`. */
START_TEST(test_step_matches_trace)
{
    static const char *lessons[] = {
        "lessons/complete-example.yaml", "lessons/chain-rule.yaml",
        "lessons/two-outputs.yaml", "tests/lessons/activations.yaml",
        "lessons/xor.yaml", "lessons/cross-entropy.yaml",
        "lessons/softmax.yaml",
    };
    bp_lesson *l = unit_load(lessons[_i]);
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_ptr_nonnull(t);
    bp_net *net = bp_net_from_lesson(l);
    ck_assert_ptr_nonnull(net);
    bp_net_step(net, l->examples.inputs, l->examples.targets, l->eta, 0.0);
    int checked = same_new_params(t, l, net, lessons[_i]);
    int n_bias = 0;
    for (int u = 0; u < l->n_units; u++)
        n_bias += l->units[u].layer > 0 && l->units[u].has_bias;
    ck_assert_int_eq(checked, l->n_weights + n_bias);
    /* E of the example: the lecture's equation (1), or the cross-entropy */
    const bp_quantity *E = bp_trace_find(t, "E");
    ck_assert_ptr_nonnull(E);
    bp_net_free(net);
    net = bp_net_from_lesson(l);
    bp_example_set one = l->examples;
    one.n = 1;
    ck_assert_double_eq(bp_net_set_error(net, &one, 0.5, NULL), E->exact);
    bp_net_free(net);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* A wider network than the lecture's: 19 hidden and 27 output units take
 * every path of the forward pass (blocks of 16 and of 8 units summed side
 * by side, pairs, a single unit), and one step still gives the traced
 * engine's doubles; with momentum too (Delta w(n - 1) = 0 on the first
 * step, so the same doubles, through the momentum's loops). */
START_TEST(test_wide_step_matches_trace)
{
    static char text[2048];
    int n = snprintf(text, sizeof text,
                     "title: wide\nsource: s\nnetwork:\n  layers:\n"
                     "    - units: 5\n    - units: 19\n    - units: 27\n"
                     "example:\n  inputs: [0.3, -1, 0.25, 2, 0.7]\n"
                     "  targets: [");
    for (int k = 0; k < 27; k++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%s%g",
                      k ? ", " : "", (k % 3) / 2.0);
    snprintf(text + n, sizeof text - (size_t)n,
             "]\nlearning_rate: 0.3\n"
             "training: {init: {range: [-0.5, 0.5], seed: 7}}\n");
    bp_lesson *l = unit_parse(text);
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_ptr_nonnull(t);
    bp_net *net = bp_net_from_lesson(l);
    ck_assert_ptr_nonnull(net);
    bp_net_step(net, l->examples.inputs, l->examples.targets, l->eta,
                 _i ? 0.9 : 0.0);
    int checked = same_new_params(t, l, net, "wide");
    ck_assert_int_eq(checked, 5 * 19 + 19 * 27 + 19 + 27);
    bp_net_free(net);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Batch against stochastic, by hand                                  */
/* ------------------------------------------------------------------ */

/* tests/lessons/two-examples.yaml: o = w x + b (linear), w = 0.5, b = 0,
 * eta = 0.1; example 1: x = 1, t = 1; example 2: x = 2, t = 0.
 *
 * Stochastic (a step per example):
 *   ex 1: o = 0.5(1) + 0 = 0.5; delta = t - o = 0.5 (f' = 1)
 *         Delta w = 0.1(0.5)(1) = 0.05 -> w = 0.55
 *         Delta b = 0.1(0.5)    = 0.05 -> b = 0.05
 *   ex 2: o = 0.55(2) + 0.05 = 1.15; delta = 0 - 1.15 = -1.15
 *         Delta w = 0.1(-1.15)(2) = -0.23  -> w = 0.55 - 0.23  = 0.32
 *         Delta b = 0.1(-1.15)    = -0.115 -> b = 0.05 - 0.115 = -0.065
 * Batch (both from w = 0.5, b = 0, summed, then applied):
 *   ex 1: delta = 0.5:  Delta w = 0.05, Delta b = 0.05
 *   ex 2: o = 0.5(2) + 0 = 1; delta = -1: Delta w = 0.1(-1)(2) = -0.2,
 *         Delta b = -0.1
 *   sum:  Delta w = -0.15 -> w = 0.35; Delta b = -0.05 -> b = -0.05
 * E over D after the batch epoch (equation (1)):
 *   o1 = 0.35 - 0.05 = 0.3, o2 = 0.7 - 0.05 = 0.65
 *   E = 1/2 [(1 - 0.3)^2 + (0 - 0.65)^2] = 1/2 (0.49 + 0.4225) = 0.45625
 * and before training: o1 = 0.5, o2 = 1:
 *   E = 1/2 [(0.5)^2 + (1)^2] = 0.625 */
START_TEST(test_batch_vs_stochastic)
{
    bp_lesson *l = unit_load("tests/lessons/two-examples.yaml");
    bp_train_config cfg = config_of(l);
    bp_net *net = bp_net_from_lesson(l);
    ck_assert_double_eq_tol(bp_net_set_error(net, &l->examples, 0.5, NULL),
                            0.625, 1e-15);
    bp_train_epoch(net, &cfg, &l->examples);
    ck_assert_double_eq_tol(net->w[0], 0.32, 1e-15);
    ck_assert_double_eq_tol(net->b[1], -0.065, 1e-15);
    bp_net_free(net);

    cfg.rules.mode = BP_TRAIN_BATCH;
    net = bp_net_from_lesson(l);
    bp_train_epoch(net, &cfg, &l->examples);
    ck_assert_double_eq_tol(net->w[0], 0.35, 1e-15);
    ck_assert_double_eq_tol(net->b[1], -0.05, 1e-15);
    ck_assert_double_eq_tol(bp_net_set_error(net, &l->examples, 0.5, NULL),
                            0.45625, 1e-15);
    bp_net_free(net);

    /* bp_train records E before and after the epoch */
    net = bp_net_from_lesson(l);
    bp_train_result res;
    ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res), BP_OK);
    ck_assert_int_eq(res.n_epochs, 1);
    ck_assert_int_eq(res.stop, BP_STOP_EPOCHS);
    ck_assert_double_eq_tol(bp_train_at(&res, 0)->error, 0.625, 1e-15);
    ck_assert_double_eq_tol(bp_train_at(&res, 1)->error, 0.45625, 1e-15);
    ck_assert(isnan(bp_train_at(&res, 1)->validation));
    bp_train_result_free(&res);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Momentum, by hand                                                   */
/* ------------------------------------------------------------------ */

/* o = w x (linear, no bias), w = 0.5, x = 1, t = 1, eta = 0.1, alpha = 0.5:
 *   step 1: o = 0.5, delta = 0.5
 *           Delta w(1) = 0.1(0.5)(1) + 0.5(0) = 0.05       -> w = 0.55
 *   step 2: o = 0.55, delta = 0.45
 *           Delta w(2) = 0.1(0.45)(1) + 0.5(0.05)
 *                      = 0.045 + 0.025 = 0.07             -> w = 0.62
 * (without momentum step 2 gives 0.55 + 0.045 = 0.595).
 * In batch mode with the same single example the epochs are the same
 * steps, so the numbers are the same. */
START_TEST(test_momentum_two_steps)
{
    bp_lesson *l = unit_parse(
        "title: m\nsource: s\n"
        "network:\n  layers:\n    - units: [x1]\n"
        "    - units: [2]\n      activation: linear\n"
        "  weights: {x1 -> 2: 0.5}\n"
        "example: {inputs: {x1: 1}, targets: {2: 1}}\n"
        "learning_rate: 0.1\n"
        "training: {momentum: 0.5, epochs: 2}\n");
    ck_assert_double_eq(l->training.momentum, 0.5);
    for (int batch = 0; batch < 2; batch++) {
        bp_train_config cfg = config_of(l);
        cfg.rules.mode = batch ? BP_TRAIN_BATCH : BP_TRAIN_STOCHASTIC;
        bp_net *net = bp_net_from_lesson(l);
        bp_train_epoch(net, &cfg, &l->examples);
        ck_assert_double_eq_tol(net->w[0], 0.55, 1e-15);
        ck_assert_double_eq_tol(net->dw[0], 0.05, 1e-15);
        bp_train_epoch(net, &cfg, &l->examples);
        ck_assert_double_eq_tol(net->dw[0], 0.07, 1e-15);
        ck_assert_double_eq_tol(net->w[0], 0.62, 1e-15);
        /* bp_train starts from no previous change */
        bp_net_free(net);
        net = bp_net_from_lesson(l);
        bp_train_result res;
        ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res),
                         BP_OK);
        ck_assert_double_eq_tol(net->w[0], 0.62, 1e-15);
        bp_train_result_free(&res);
        bp_net_free(net);
    }
    bp_lesson_free(l);
}
END_TEST

/* Fixed parameters stay put, in both modes. */
START_TEST(test_fixed_parameters)
{
    bp_lesson *l = unit_parse(
        "title: f\nsource: s\n"
        "network:\n  layers:\n    - units: [x1, x2]\n"
        "    - units: [3]\n"
        "  weights: {x1 -> 3: {value: 0.5, fixed: true}, x2 -> 3: 0.2}\n"
        "  biases: {3: {value: 0.1, fixed: true}}\n"
        "example: {inputs: {x1: 1, x2: 1}, targets: {3: 1}}\n"
        "learning_rate: 1\n"
        "training: {momentum: 0.9, epochs: 5}\n");
    for (int batch = 0; batch < 2; batch++) {
        bp_train_config cfg = config_of(l);
        cfg.rules.mode = batch ? BP_TRAIN_BATCH : BP_TRAIN_STOCHASTIC;
        bp_net *net = bp_net_from_lesson(l);
        bp_train_result res;
        ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res),
                         BP_OK);
        ck_assert_double_eq(net->w[0], 0.5);
        ck_assert_double_eq(net->b[2], 0.1);
        ck_assert_double_gt(net->w[1], 0.2);
        bp_train_result_free(&res);
        bp_net_free(net);
    }
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Stopping rules                                                      */
/* ------------------------------------------------------------------ */

/* The validation target is the opposite of the training one: every
 * epoch makes the validation error worse, so the best is epoch 0; after
 * `patience` epochs without improvement training stops and the initial
 * weights come back. */
START_TEST(test_patience_restores_best)
{
    bp_lesson *l = unit_parse(
        "title: p\nsource: s\n"
        "network:\n  layers:\n    - units: [x1]\n"
        "    - units: [2]\n      activation: linear\n"
        "  weights: {x1 -> 2: 0.5}\n"
        "examples: [{inputs: [1], targets: [1]}]\n"
        "validation: [{inputs: [1], targets: [0]}]\n"
        "learning_rate: 0.1\n"
        "training: {patience: 3, epochs: 100}\n");
    bp_train_config cfg = config_of(l);
    bp_net *net = bp_net_from_lesson(l);
    bp_train_result res;
    ck_assert_int_eq(bp_train(net, &cfg, &l->examples, &l->validation, &res),
                     BP_OK);
    ck_assert_int_eq(res.stop, BP_STOP_PATIENCE);
    ck_assert_int_eq(res.n_epochs, 3);
    ck_assert_int_eq(res.best_epoch, 0);
    /* validation E before training: 1/2 (0 - 0.5)^2 = 0.125 */
    ck_assert_double_eq_tol(bp_train_at(&res, 0)->validation, 0.125, 1e-15);
    ck_assert_double_gt(bp_train_at(&res, 3)->validation, 0.125);
    ck_assert_double_eq(net->w[0], 0.5);
    bp_train_result_free(&res);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_threshold_and_divergence)
{
    bp_lesson *l = unit_load("tests/lessons/two-examples.yaml");
    bp_train_config cfg = config_of(l);
    cfg.rules.epochs = 100000;
    cfg.rules.error_threshold = 0.3;
    bp_net *net = bp_net_from_lesson(l);
    bp_train_result res;
    ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res), BP_OK);
    ck_assert_int_eq(res.stop, BP_STOP_THRESHOLD);
    ck_assert_double_le(bp_train_at(&res, res.n_epochs)->error, 0.3);
    ck_assert_double_gt(bp_train_at(&res, res.n_epochs - 1)->error, 0.3);
    bp_train_result_free(&res);
    bp_net_free(net);
    /* eta = 10: each step multiplies the error by about 1 - 10 x^2 */
    cfg.eta = 10;
    net = bp_net_from_lesson(l);
    ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res), BP_OK);
    ck_assert_int_eq(res.stop, BP_STOP_DIVERGED);
    ck_assert(!isfinite(bp_train_at(&res, res.n_epochs)->error));
    ck_assert_int_lt(res.n_epochs, 1000);
    bp_train_result_free(&res);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

/* Measuring only every k-th epoch (the text report's) gives the same E
 * at those epochs as measuring every one, and NAN (wrong = -1) between;
 * the weights do not depend on it. */
START_TEST(test_measure_every)
{
    bp_lesson *l = unit_load("lessons/encoder-8-3-8.yaml");
    bp_train_config all = config_of(l), some = config_of(l);
    all.rules.epochs = some.rules.epochs = 600;
    some.measure_every = 20;
    some.measure_first = 10;
    bp_net *a = bp_net_from_lesson(l), *b = bp_net_from_lesson(l);
    bp_train_result ra, rb;
    ck_assert_int_eq(bp_train(a, &all, &l->examples, NULL, &ra), BP_OK);
    ck_assert_int_eq(bp_train(b, &some, &l->examples, NULL, &rb), BP_OK);
    ck_assert_int_eq(rb.n_epochs, 600);
    ck_assert_int_eq(rb.stop, BP_STOP_EPOCHS);
    int measured = 0;
    for (int e = 0; e <= 600; e++) {
        bool want = e <= 10 || e % 20 == 0;
        if (want) {
            ck_assert_double_eq(bp_train_at(&rb, e)->error, bp_train_at(&ra, e)->error);
            ck_assert_int_eq(bp_train_at(&rb, e)->wrong, bp_train_at(&ra, e)->wrong);
        } else {
            ck_assert(isnan(bp_train_at(&rb, e)->error));
            ck_assert_int_eq(bp_train_at(&rb, e)->wrong, -1);
        }
        measured += want;
    }
    ck_assert_int_eq(measured, 11 + 30); /* 0..10, then 20, 40, ... 600 */
    ck_assert_int_eq(memcmp(a->w, b->w, (size_t)a->n_weights * sizeof *a->w),
                     0);
    /* a stopping rule that looks at E measures every epoch */
    some.rules.error_threshold = 0;
    bp_train_result rc;
    bp_net *c = bp_net_from_lesson(l);
    ck_assert_int_eq(bp_train(c, &some, &l->examples, NULL, &rc), BP_OK);
    for (int e = 0; e <= rc.n_epochs; e++)
        ck_assert_int_ge(bp_train_at(&rc, e)->wrong, 0);
    bp_train_result_free(&ra);
    bp_train_result_free(&rb);
    bp_train_result_free(&rc);
    bp_net_free(a);
    bp_net_free(b);
    bp_net_free(c);
    bp_lesson_free(l);
}
END_TEST

/* The held-out set: E and the examples right after each measured epoch;
 * the encoder trained on its eight examples classifies them all. */
START_TEST(test_held_out)
{
    bp_lesson *l = unit_load("lessons/encoder-8-3-8.yaml");
    bp_train_config cfg = config_of(l);
    cfg.test = &l->examples;
    bp_net *net = bp_net_from_lesson(l);
    bp_train_result res;
    ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res), BP_OK);
    const bp_epoch *last = bp_train_at(&res, res.n_epochs);
    ck_assert_double_eq(last->test_error, last->error);
    ck_assert_int_eq(last->test_right, 8);
    ck_assert_int_lt(bp_train_at(&res, 0)->test_right, 8);
    int right;
    bp_net_set_accuracy(net, &l->examples, 0.5, &right);
    ck_assert_int_eq(right, 8);
    bp_train_result_free(&res);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

/* --split keeps every example once; --standardize gives the training
 * inputs mean 0 and standard deviation 1 (a constant input 0). */
START_TEST(test_split_and_standardize)
{
    enum { N = 10 };
    double in[N * 2], t[N];
    bp_pos pos[N];
    for (int d = 0; d < N; d++) {
        in[2 * d] = d;
        in[2 * d + 1] = 7;
        t[d] = d;
        pos[d] = (bp_pos){d + 2, 1};
    }
    bp_example_set all = {N, 2, 1, malloc(sizeof in), malloc(sizeof t),
                          malloc(sizeof pos)};
    memcpy(all.inputs, in, sizeof in);
    memcpy(all.targets, t, sizeof t);
    memcpy(all.pos, pos, sizeof pos);
    bp_example_set test;
    ck_assert_int_eq(bp_data_split(&all, 0.25, 1, &test), BP_OK);
    ck_assert_int_eq(test.n, 3); /* round(2.5) */
    ck_assert_int_eq(all.n, 7);
    double seen = 0;
    for (int d = 0; d < all.n; d++) {
        ck_assert_double_eq(all.inputs[2 * d], all.targets[d]);
        ck_assert_int_eq(all.pos[d].line, (int)all.targets[d] + 2);
        seen += all.targets[d];
    }
    for (int d = 0; d < test.n; d++)
        seen += test.targets[d];
    ck_assert_double_eq(seen, 45);
    bp_data_standardize(&all, &test);
    double sum = 0, sq = 0;
    for (int d = 0; d < all.n; d++) {
        sum += all.inputs[2 * d];
        sq += all.inputs[2 * d] * all.inputs[2 * d];
        ck_assert_double_eq(all.inputs[2 * d + 1], 0);
    }
    ck_assert_double_eq_tol(sum / all.n, 0, 1e-12);
    ck_assert_double_eq_tol(sq / all.n, 1, 1e-12);
    bp_data_set_free(&all);
    bp_data_set_free(&test);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The generator                                                       */
/* ------------------------------------------------------------------ */

/* Uniform draws stay in their range (splitmix64's own values are
 * checked in test_variant.c). */
START_TEST(test_random_known_values)
{
    bp_rng r;
    bp_rng_seed(&r, 42);
    for (int i = 0; i < 10000; i++) {
        double v = bp_rng_uniform(&r, -0.05, 0.05);
        ck_assert(v >= -0.05 && v < 0.05);
    }
}
END_TEST

/* A lesson's init: the same seed draws the same weights, another seed
 * others; every non-input unit gets a bias; all within the range and
 * kept to 3 significant digits. */
START_TEST(test_init_drawn)
{
    bp_lesson *a = unit_load("lessons/xor.yaml");
    bp_lesson *b = unit_load("lessons/xor.yaml");
    ck_assert(a->training.init);
    ck_assert_uint_eq(a->training.seed, 18);
    for (int i = 0; i < a->n_weights; i++) {
        double w = a->weights[i].value;
        ck_assert_double_eq(w, b->weights[i].value);
        ck_assert(w >= -0.05 && w <= 0.05);
        ck_assert_double_eq(w, bp_round(w, (bp_precision){
                                               BP_ROUND_SIGNIFICANT, 3}));
    }
    for (int u = a->layers[0].count; u < a->n_units; u++)
        ck_assert(a->units[u].has_bias);
    bp_lesson_draw_weights(b, -0.05, 0.05, 19, true);
    int same = 0;
    for (int i = 0; i < a->n_weights; i++)
        same += a->weights[i].value == b->weights[i].value;
    ck_assert_int_lt(same, a->n_weights);
    bp_lesson_free(a);
    bp_lesson_free(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Examples in a lesson                                                */
/* ------------------------------------------------------------------ */

START_TEST(test_examples_loaded)
{
    bp_lesson *l = unit_load("lessons/encoder-8-3-8.yaml");
    ck_assert_int_eq(l->examples.n, 8);
    ck_assert_int_eq(l->examples.n_inputs, 8);
    ck_assert_int_eq(l->examples.n_targets, 8);
    for (int d = 0; d < 8; d++)
        for (int i = 0; i < 8; i++) {
            ck_assert_double_eq(l->examples.inputs[d * 8 + i], d == i);
            ck_assert_double_eq(l->examples.targets[d * 8 + i], d == i);
        }
    ck_assert_double_eq(l->eta, 0.3);
    ck_assert_int_eq(l->training.epochs, 5000);
    ck_assert_double_eq(l->training.init_low, -0.1);
    ck_assert_double_eq(l->training.init_high, 0.1);
    /* the units carry the first example, which `trace` works */
    ck_assert_double_eq(l->units[0].input, 1);
    ck_assert_double_eq(l->units[1].input, 0);
    bp_lesson_free(l);
    /* a single example: one in the set */
    l = unit_load("lessons/complete-example.yaml");
    ck_assert_int_eq(l->examples.n, 1);
    ck_assert_double_eq(l->examples.inputs[0], 1);
    ck_assert_double_eq(l->examples.inputs[2], 1);
    ck_assert_double_eq(l->examples.targets[0], 1);
    ck_assert_int_eq(l->validation.n, 0);
    ck_assert_int_eq(l->training.mode, BP_TRAIN_STOCHASTIC);
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The gradient check                                                  */
/* ------------------------------------------------------------------ */

static const char *network_lessons[] = {
    "lessons/complete-example.yaml", "lessons/chain-rule.yaml",
    "lessons/two-outputs.yaml",      "lessons/xor.yaml",
    "lessons/encoder-8-3-8.yaml",    "tests/lessons/two-examples.yaml",
    "tests/lessons/activations.yaml", "lessons/cross-entropy.yaml",
    "lessons/softmax.yaml",
};
#define N_NETWORK_LESSONS \
    ((int)(sizeof network_lessons / sizeof network_lessons[0]))

START_TEST(test_gradcheck_shipped)
{
    bp_lesson *l = unit_load(network_lessons[_i]);
    bp_net *net = bp_net_from_lesson(l);
    bp_gradient *g = calloc((size_t)net->n_weights + net->n_units, sizeof *g);
    long bp_passes, fd_passes;
    int n = bp_gradcheck(net, &l->examples, g, &bp_passes, &fd_passes);
    int n_bias = 0;
    for (int u = 0; u < l->n_units; u++)
        n_bias += l->units[u].layer > 0 && l->units[u].has_bias;
    ck_assert_int_eq(n, l->n_weights + n_bias);
    ck_assert_int_eq(bp_passes, l->examples.n);
    ck_assert_int_eq(fd_passes, (long)BP_GRADCHECK_POINTS * n * l->examples.n);
    for (int i = 0; i < n; i++)
        ck_assert_msg(g[i].relative < 1e-7,
                      "%s: parameter %d: backprop %.12g, numeric %.12g, "
                      "relative %.3g", network_lessons[_i], i, g[i].backprop,
                      g[i].numeric, g[i].relative);
    /* the weights are put back as they were */
    bp_net *fresh = bp_net_from_lesson(l);
    ck_assert_int_eq(memcmp(fresh->w, net->w,
                            (size_t)net->n_weights * sizeof *net->w), 0);
    bp_net_free(fresh);
    free(g);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

/* A wrong gradient is caught: the check is not vacuous.  Flipping the
 * sign of an output delta's (t - o) makes every gradient disagree. */
START_TEST(test_gradcheck_catches_a_wrong_gradient)
{
    bp_lesson *l = unit_load("lessons/complete-example.yaml");
    bp_net *net = bp_net_from_lesson(l);
    bp_gradient *g = calloc((size_t)net->n_weights + net->n_units, sizeof *g);
    long a, b;
    int n = bp_gradcheck(net, &l->examples, g, &a, &b);
    /* compare against the finite difference of a doubled E instead */
    for (int i = 0; i < n; i++) {
        double wrong = 2 * g[i].numeric;
        double rel = fabs(g[i].backprop - wrong) /
                     fmax(fmax(fabs(g[i].backprop), fabs(wrong)), 1e-8);
        if (fabs(g[i].backprop) > 1e-6)
            ck_assert_double_gt(rel, 1e-7);
    }
    free(g);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

/* Cross-entropy: delta_k = t_k - o_k is -dE/dnet_k.  Each output's net
 * input is moved by +-h through a bias of 0 (added for the purpose where
 * the unit has none), and the central difference of E compared with the
 * engine's delta_k. */
START_TEST(test_cross_entropy_deltas)
{
    static const char *lessons[] = {
        "lessons/cross-entropy.yaml", "lessons/softmax.yaml",
    };
    bp_lesson *l = unit_load(lessons[_i]);
    ck_assert_int_eq(l->loss, BP_LOSS_CROSS_ENTROPY);
    bp_net *net = bp_net_from_lesson(l);
    ck_assert_int_eq(net->loss, BP_LOSS_CROSS_ENTROPY);
    int last = net->n_layers - 1;
    bp_example_set one = l->examples;
    one.n = 1;
    bp_net_forward(net, one.inputs);
    bp_net_backward(net, one.targets);
    double deltas[BP_MAX_UNITS_PER_LAYER];
    for (int k = 0; k < net->size[last]; k++) {
        deltas[k] = net->delta[net->first[last] + k];
        ck_assert_double_eq(deltas[k],
                            one.targets[k] - bp_net_outputs(net)[k]);
    }
    for (int k = 0; k < net->size[last]; k++) {
        int u = net->first[last] + k;
        double delta = deltas[k];
        bool had = net->b_has[u];
        double b = net->b[u], h = 1e-6;
        net->b_has[u] = true;
        bp_net_refresh(net);
        net->b[u] = b + h;
        double plus = bp_net_set_error(net, &one, 0.5, NULL);
        net->b[u] = b - h;
        double minus = bp_net_set_error(net, &one, 0.5, NULL);
        net->b[u] = b;
        net->b_has[u] = had;
        bp_net_refresh(net);
        double numeric = -(plus - minus) / (2 * h);
        ck_assert_msg(fabs(numeric - delta) <= 1e-8 * fmax(fabs(delta), 1),
                      "%s: output %d: delta %.12g, -dE/dnet %.12g",
                      lessons[_i], k, delta, numeric);
    }
    /* and training lowers the cross-entropy */
    bp_train_config cfg = config_of(l);
    cfg.rules.epochs = 20;
    bp_train_result res;
    ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res), BP_OK);
    ck_assert_double_lt(bp_train_at(&res, 20)->error, bp_train_at(&res, 0)->error);
    bp_train_result_free(&res);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The shipped training lessons                                        */
/* ------------------------------------------------------------------ */

/* XOR learns with its documented seed (18); seed 2 gets stuck, and the
 * plateau rule says so. */
START_TEST(test_xor)
{
    bp_lesson *l = unit_load("lessons/xor.yaml");
    bp_train_config cfg = config_of(l);
    bp_net *net = bp_net_from_lesson(l);
    bp_train_result res;
    ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res), BP_OK);
    ck_assert_int_eq(res.stop, BP_STOP_THRESHOLD);
    ck_assert_int_eq(bp_train_at(&res, res.n_epochs)->wrong, 0);
    ck_assert_double_le(bp_train_at(&res, res.n_epochs)->error, 0.01);
    for (int d = 0; d < 4; d++) {
        bp_net_forward(net, l->examples.inputs + 2 * d);
        double t = l->examples.targets[d];
        ck_assert_double_lt(fabs(t - bp_net_outputs(net)[0]), 0.1);
    }
    bp_train_result_free(&res);
    bp_net_free(net);

    bp_lesson_draw_weights(l, -0.05, 0.05, 2, true);
    net = bp_net_from_lesson(l);
    ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res), BP_OK);
    ck_assert_int_eq(res.stop, BP_STOP_PLATEAU);
    ck_assert_int_gt(bp_train_at(&res, res.n_epochs)->wrong, 0);
    bp_train_result_free(&res);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

/* After 5000 epochs the encoder's hidden values are near 0 or 1: each
 * within 0.2 of one of them for most inputs (with seed 13: all 24
 * values), and the eight inputs get eight different codes. */
START_TEST(test_encoder_near_binary)
{
    bp_lesson *l = unit_load("lessons/encoder-8-3-8.yaml");
    bp_train_config cfg = config_of(l);
    bp_net *net = bp_net_from_lesson(l);
    bp_train_result res;
    ck_assert_int_eq(bp_train(net, &cfg, &l->examples, NULL, &res), BP_OK);
    ck_assert_int_eq(res.n_epochs, 5000);
    ck_assert_int_eq(bp_train_at(&res, 5000)->wrong, 0);
    int near = 0, rows = 0;
    bool seen[8] = {false};
    for (int d = 0; d < 8; d++) {
        bp_net_forward(net, l->examples.inputs + 8 * d);
        const double *h = net->out + net->first[1];
        int code = 0, row_near = 0;
        for (int j = 0; j < 3; j++) {
            bool close = h[j] < 0.2 || h[j] > 0.8;
            near += close;
            row_near += close;
            code = code * 2 + (h[j] >= 0.5);
        }
        rows += row_near == 3;
        ck_assert_msg(!seen[code], "two inputs share the code %d", code);
        seen[code] = true;
    }
    ck_assert_int_ge(rows, 5); /* most inputs */
    ck_assert_int_ge(near, 20);
    bp_train_result_free(&res);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

/* --trace-at: the weights after N - 1 iterations are those of running
 * the steps one by one. */
START_TEST(test_iterations)
{
    bp_lesson *l = unit_load("tests/lessons/two-examples.yaml");
    bp_train_config cfg = config_of(l);
    bp_net *net = bp_net_from_lesson(l);
    bp_train_iterations(net, &cfg, &l->examples, 1);
    ck_assert_double_eq_tol(net->w[0], 0.55, 1e-15);
    ck_assert_double_eq_tol(net->b[1], 0.05, 1e-15);
    bp_train_iterations(net, &cfg, &l->examples, 1); /* example 1 again */
    bp_net_free(net);
    net = bp_net_from_lesson(l);
    bp_train_iterations(net, &cfg, &l->examples, 2);
    ck_assert_double_eq_tol(net->w[0], 0.32, 1e-15);
    bp_net_to_lesson(net, l);
    ck_assert_double_eq_tol(l->weights[0].value, 0.32, 1e-15);
    ck_assert_double_eq_tol(l->units[1].bias, -0.065, 1e-15);
    bp_net_free(net);
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The kernels (train/kernels.h) agree                                  */
/* ------------------------------------------------------------------ */

/* A 9-n-m network with drawn weights and biases, a third of the output
 * units without a bias (the hidden ones all have one: the kernels add
 * those) and one weight kept fixed, on kernel k. */
static bp_net *kernel_net(int n, int m, const bp_kernels *k)
{
    int sizes[] = {9, n, m};
    bp_activation act[] = {BP_ACT_LINEAR, BP_ACT_SIGMOID, BP_ACT_TANH};
    bp_net *net = bp_net_new(3, sizes, act);
    ck_assert_ptr_nonnull(net);
    bp_rng r;
    bp_rng_seed(&r, (uint64_t)(n * 1000 + m));
    /* weights of mixed sizes: a sum of terms of different exponents comes
     * out different when its terms are added in another order */
    for (int i = 0; i < net->n_weights; i++)
        net->w[i] = bp_rng_uniform(&r, -1, 1) * (i % 3 ? 1.0 : 1.0 / 64);
    for (int u = net->size[0]; u < net->n_units; u++) {
        net->b_has[u] = u < net->first[2] || u % 3 != 1;
        net->b[u] = net->b_has[u] ? bp_rng_uniform(&r, -1, 1) : 0.0;
    }
    net->fixed_w = malloc(sizeof *net->fixed_w);
    net->fixed_w_value = malloc(sizeof *net->fixed_w_value);
    net->fixed_w[0] = net->n_weights / 2;
    net->fixed_w_value[0] = net->w[net->n_weights / 2];
    net->n_fixed_w = 1;
    net->kernels = k;
    bp_net_refresh(net);
    return net;
}

/* The bits of n doubles are the same (so that -0.0 and +0.0 differ). */
static void same_doubles(const double *a, const double *b, int n,
                         const char *kernel, const char *what, int width)
{
    for (int i = 0; i < n; i++)
        ck_assert_msg(memcmp(&a[i], &b[i], sizeof a[i]) == 0,
                      "%s, %d units: %s[%d] %.17g, generic %.17g", kernel,
                      width, what, i, b[i], a[i]);
}

/* Every kernel that this processor runs gives the generic kernel's
 * doubles, double for double: layers of odd widths (wider and narrower
 * than each kernel's vector and its blocks), steps with and without
 * momentum and batch mode; each kernel adds the terms of every sum in
 * the same order, so a kernel that changes the order fails here. */
START_TEST(test_kernels_agree)
{
    /* 130: more than a block of the widest kernel (16 x 8 units) */
    static const int widths[] = {1,  2,  3,  7,  8,   15,
                                 16, 17, 31, 33, 64, 100, 130};
    enum { N_WIDTHS = sizeof widths / sizeof widths[0], N_EX = 4 };
    double x[N_EX * 9], t[N_EX * 130];
    bp_rng r;
    bp_rng_seed(&r, 7);
    for (int i = 0; i < N_EX * 9; i++)
        x[i] = i % 5 == 0 ? 0.0 : bp_rng_uniform(&r, -1, 1);
    for (int i = 0; i < N_EX * 130; i++)
        t[i] = bp_rng_uniform(&r, -0.9, 0.9);
    for (int k = 1; k < bp_kernel_count; k++) {
        const bp_kernels *kern = &bp_kernel_table[k];
        if (!kern->supported())
            continue;
        for (int wi = 0; wi < N_WIDTHS; wi++) {
            int n = widths[wi], m = widths[(wi + 5) % N_WIDTHS];
            for (int mode = 0; mode < 3; mode++) {
                bp_net *a = kernel_net(n, m, &bp_kernel_table[0]);
                bp_net *b = kernel_net(n, m, kern);
                for (int step = 0; step < 3 * N_EX; step++) {
                    const double *xs = x + (step % N_EX) * 9;
                    const double *ts = t + (step % N_EX) * 130;
                    double alpha = mode == 1 ? 0.9 : 0.0;
                    if (mode < 2) {
                        bp_net_step(a, xs, ts, 0.3, alpha);
                        bp_net_step(b, xs, ts, 0.3, alpha);
                    } else {
                        bp_net_accumulate(a, xs, ts, 0.3);
                        bp_net_accumulate(b, xs, ts, 0.3);
                        if (step % N_EX == N_EX - 1) {
                            bp_net_apply(a, 0.5);
                            bp_net_apply(b, 0.5);
                        }
                    }
                }
                same_doubles(a->out, b->out, a->n_units, kern->name, "out", n);
                same_doubles(a->w, b->w, a->n_weights, kern->name, "w", n);
                same_doubles(a->b, b->b, a->n_units, kern->name, "b", n);
                same_doubles(a->dw, b->dw, a->n_weights, kern->name, "dw", n);
                bp_net_free(a);
                bp_net_free(b);
            }
        }
    }
    /* The generic kernel itself against plain loops: a layer of 64 units
     * from 17 inputs, and the backward sums along the same 17 x 64 weights
     * read as 64 rows of 17.  The terms of each sum get smaller along it
     * (d[i] about 2^-i), so that a change of order in its first terms is
     * not rounded away by the later ones. */
    double w[17 * 64], d[64], s[64];
    for (int i = 0; i < 17 * 64; i++)
        w[i] = bp_rng_uniform(&r, -1, 1);
    for (int i = 0; i < 64; i++)
        d[i] = ldexp(bp_rng_uniform(&r, -1, 1), -i);
    bp_kernel_table[0].sums(d, w, NULL, 17, 64, s);
    for (int j = 0; j < 64; j++) {
        double sum = 0.0;
        for (int i = 0; i < 17; i++)
            sum += d[i] * w[i * 64 + j];
        ck_assert_msg(memcmp(&sum, &s[j], sizeof sum) == 0,
                      "generic sum of unit %d: %.17g, in order %.17g", j,
                      s[j], sum);
    }
    bp_kernel_table[0].dots(w, d, 64, 17, s);
    for (int h = 0; h < 64; h++) {
        double sum = 0.0;
        for (int k = 0; k < 17; k++)
            sum += w[h * 17 + k] * d[k];
        ck_assert_msg(memcmp(&sum, &s[h], sizeof sum) == 0,
                      "generic backward sum of row %d: %.17g, in order %.17g",
                      h, s[h], sum);
    }
}
END_TEST

static Suite *train_suite(void)
{
    Suite *s = suite_create("train");
    TCase *tc = tcase_create("train");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_step_matches_trace, 0, 7);
    tcase_add_loop_test(tc, test_wide_step_matches_trace, 0, 2);
    tcase_add_loop_test(tc, test_cross_entropy_deltas, 0, 2);
    tcase_add_test(tc, test_batch_vs_stochastic);
    tcase_add_test(tc, test_momentum_two_steps);
    tcase_add_test(tc, test_fixed_parameters);
    tcase_add_test(tc, test_patience_restores_best);
    tcase_add_test(tc, test_threshold_and_divergence);
    tcase_add_test(tc, test_measure_every);
    tcase_add_test(tc, test_held_out);
    tcase_add_test(tc, test_split_and_standardize);
    tcase_add_test(tc, test_random_known_values);
    tcase_add_test(tc, test_init_drawn);
    tcase_add_test(tc, test_examples_loaded);
    tcase_add_loop_test(tc, test_gradcheck_shipped, 0, N_NETWORK_LESSONS);
    tcase_add_test(tc, test_gradcheck_catches_a_wrong_gradient);
    tcase_add_test(tc, test_xor);
    tcase_add_test(tc, test_encoder_near_binary);
    tcase_add_test(tc, test_iterations);
    tcase_add_test(tc, test_kernels_agree);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(train_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
