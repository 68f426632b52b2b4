/* test_engine.c: the derivation graph against the lecture and against
 * an independent computation. */
#include "bptrace.h"
#include "math/activation.h"
#include "math/loss.h"
#include "trace/names.h"
#include "util/strings.h"
#include "write/formula.h"
#include "write/symbols.h"
#include "unit.h"

#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *shipped[] = {
    "complete-example", "chain-rule",  "two-outputs",    "total-error",
    "weighted-sum",     "weighted-sum-selftest",           "sigmoid-table",
    "error-terms",      "weight-update", "learning-rates", "self-test",
};
#define N_SHIPPED ((int)(sizeof shipped / sizeof shipped[0]))
/* Shipped lessons that are not the lecture's (no lecture values). */
static const char *derived[] = {"cross-entropy", "softmax", "leaky-relu",
                                "softplus"};
#define N_DERIVED ((int)(sizeof derived / sizeof derived[0]))
#define ANY_SHIPPED(i) ((i) < N_SHIPPED ? shipped[i] : derived[(i) - N_SHIPPED])

/* Two decimals written by the lecture and by us are equal as numbers. */
static bool same_number(const char *printed, double value)
{
    double p;
    ck_assert_int_eq(bp_parse_number(printed, &p), BP_NUM_OK);
    return fabs(p - value) < 1e-12;
}

/* ---- the lecture's values ---- */

/* Every value the lecture prints agrees with the hand value, except the
 * recorded errata, which disagree and whose correct value is ours. */
START_TEST(lecture_values_hold)
{
    bp_lesson *l = unit_load_shipped(shipped[_i]);
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_gt(l->n_lecture, 0);
    int disagreements = 0;
    for (int i = 0; i < l->n_lecture; i++) {
        const bp_lecture_value *v = &l->lecture[i];
        double h = unit_hand(t, v->name);
        const bp_erratum *e = unit_erratum(l, v->name);
        if (e) {
            ck_assert_msg(!same_number(v->printed, h),
                          "%s: erratum recorded but the lecture's %s is right",
                          v->name, v->printed);
            ck_assert_msg(same_number(e->correct, h),
                          "%s: erratum says %s, engine says %.17g", v->name,
                          e->correct, h);
            ck_assert_str_eq(e->printed, v->printed);
            disagreements++;
        } else {
            ck_assert_msg(same_number(v->printed, h),
                          "%s: lecture prints %s, engine says %.17g", v->name,
                          v->printed, h);
        }
    }
    ck_assert_int_eq(disagreements, l->n_errata);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* The errata named in the README: these two and no others. */
START_TEST(complete_example_errata)
{
    bp_lesson *l = unit_load_shipped("complete-example");
    ck_assert_int_eq(l->n_errata, 2);
    ck_assert_str_eq(l->errata[0].name, "Delta_w46");
    ck_assert_str_eq(l->errata[1].name, "verify_o_5");
    bp_trace *t = bp_trace_build(l, NULL);
    ck_assert_double_eq_tol(unit_hand(t, "Delta_w46"), 0.0392, 1e-12);
    ck_assert_double_eq_tol(unit_hand(t, "verify_o_5"), 0.520, 1e-12);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* The values DESIGN.md singles out: decimal rounding, not binary. */
START_TEST(decimal_rounding_in_the_trace)
{
    bp_lesson *l = unit_load_shipped("two-outputs");
    bp_trace *t = bp_trace_build(l, NULL);
    /* 1/2 (0.144 + 0.419) = 0.2815 -> 0.282 although the double is below */
    ck_assert_double_eq_tol(unit_hand(t, "E"), 0.282, 1e-12);
    bp_trace_free(t);
    bp_lesson_free(l);
    l = unit_load_shipped("complete-example");
    t = bp_trace_build(l, NULL);
    /* 0.9 x -0.0065 = -0.00585 -> -0.0059 */
    ck_assert_double_eq_tol(unit_hand(t, "Delta_w15"), -0.0059, 1e-12);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* Hand values differ from exact ones; exact mode is not rounded. */
START_TEST(exact_mode_is_not_rounded)
{
    bp_lesson *l = unit_load_shipped("complete-example");
    bp_trace *t = bp_trace_build(l, NULL);
    ck_assert_double_eq_tol(unit_exact(t, "o_4"), 1.0 / (1.0 + exp(0.7)), 1e-15);
    ck_assert_double_eq_tol(unit_hand(t, "o_4"), 0.332, 1e-15);
    ck_assert_double_eq_tol(unit_exact(t, "net_4"), -0.7, 1e-15);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* ---- the shape of the graph ---- */

/* Every delta exists before any weight changes (the lecture's order, and
 * the cure for the sequential-update mistake). */
START_TEST(deltas_before_updates)
{
    bp_lesson *l = unit_load_shipped(ANY_SHIPPED(_i));
    bp_trace *t = bp_trace_build(l, NULL);
    int last_delta = -1, first_update = t->n;
    for (int i = 0; i < t->n; i++) {
        bp_qkind k = t->q[i].kind;
        if (k == BP_Q_OUTPUT_DELTA || k == BP_Q_HIDDEN_DELTA ||
            k == BP_Q_CE_DELTA)
            last_delta = i;
        if ((k == BP_Q_CHANGE || k == BP_Q_NEW_PARAM) && i < first_update)
            first_update = i;
    }
    ck_assert_int_lt(last_delta, first_update);
    /* inputs always come first */
    for (int i = 0; i < t->n; i++)
        for (int j = 0; j < t->q[i].n_in; j++)
            ck_assert_int_lt(t->in_pool[t->q[i].first_in + j], i);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

START_TEST(names_are_unique)
{
    bp_lesson *l = unit_load_shipped(ANY_SHIPPED(_i));
    bp_trace *t = bp_trace_build(l, NULL);
    for (int i = 0; i < t->n; i++)
        ck_assert_ptr_eq(bp_trace_find(t, t->q[i].name), &t->q[i]);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* The hidden delta uses the OLD output weight, not the updated one. */
START_TEST(hidden_delta_uses_old_weights)
{
    bp_lesson *l = unit_load_shipped("complete-example");
    bp_trace *t = bp_trace_build(l, NULL);
    const bp_quantity *term = bp_trace_find(t, "w46*delta_6");
    ck_assert_ptr_nonnull(term);
    ck_assert_str_eq(bp_trace_input(t, term, 0)->name, "w46");
    ck_assert_double_eq_tol(unit_hand(t, "w46*delta_6"), -0.0393, 1e-12);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

START_TEST(fixed_parameters_are_kept)
{
    bp_lesson *l = unit_parse(
        "title: t\nsource: s\n"
        "network:\n  layers:\n    - units: [x1]\n    - units: [2]\n"
        "  weights:\n    x1 -> 2: {value: 0.5, fixed: true}\n"
        "  biases:\n    2: 0.1\n"
        "example: {inputs: {x1: 1}, targets: {2: 1}}\n"
        "learning_rate: 1\n");
    bp_trace *t = bp_trace_build(l, NULL);
    ck_assert_double_eq(unit_hand(t, "w12_new"), 0.5);
    ck_assert_ptr_null(bp_trace_find(t, "Delta_w12"));
    ck_assert(bp_trace_find(t, "w12_new")->fixed);
    ck_assert_double_gt(unit_hand(t, "b2_new"), 0.1);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* ---- formulas ---- */

static double eval(bp_qkind kind, bp_activation act, const double *in,
                   int n_in)
{
    bp_quantity q;
    memset(&q, 0, sizeof q);
    q.kind = kind;
    q.activation = act;
    q.n_in = n_in;
    return bp_quantity_eval(&q, in, NULL);
}

START_TEST(formulas)
{
    double d[3];
    d[0] = 0.332; d[1] = -0.3;
    ck_assert_double_eq_tol(eval(BP_Q_PRODUCT, 0, d, 2), -0.0996, 1e-15);
    d[0] = 0.2; d[1] = -0.5; d[2] = -0.4;
    ck_assert_double_eq_tol(eval(BP_Q_NET, 0, d, 3), -0.7, 1e-15);
    d[0] = -0.7;
    ck_assert_double_eq_tol(eval(BP_Q_EXP, 0, d, 1), exp(0.7), 1e-15);
    d[0] = -0.7; d[1] = 2.0138;
    ck_assert_double_eq_tol(eval(BP_Q_ACTIVATION, BP_ACT_SIGMOID, d, 2),
                            1 / 3.0138, 1e-15);
    d[0] = 0.5;
    ck_assert_double_eq_tol(eval(BP_Q_ACTIVATION, BP_ACT_TANH, d, 1),
                            tanh(0.5), 1e-15);
    d[0] = -0.5;
    ck_assert_double_eq(eval(BP_Q_ACTIVATION, BP_ACT_RELU, d, 1), 0.0);
    ck_assert_double_eq(eval(BP_Q_ACTIVATION, BP_ACT_LINEAR, d, 1), -0.5);
    d[0] = 1; d[1] = 0.474;
    ck_assert_double_eq_tol(eval(BP_Q_ERROR, 0, d, 2), 0.526, 1e-15);
    d[0] = 0; d[1] = 0.647;
    ck_assert_double_eq_tol(eval(BP_Q_ABS_ERROR, 0, d, 2), 0.647, 1e-15);
    d[0] = 0.144; d[1] = 0.419;
    ck_assert_double_eq_tol(eval(BP_Q_LOSS, 0, d, 2), 0.2815, 1e-15);
    /* delta_k = o(1 - o)(t - o), section 6.1.3: 0.8 x 0.2 x 0.2 */
    d[0] = 0.8; d[1] = 0.2; d[2] = 1.386;
    ck_assert_double_eq_tol(eval(BP_Q_OUTPUT_DELTA, BP_ACT_SIGMOID, d, 3),
                            0.032, 1e-15);
    /* tanh: (1 - o^2)(t - o); relu: 1 or 0 by the sign of net; linear: 1 */
    d[0] = 0.6; d[1] = 0.4; d[2] = 0.69;
    ck_assert_double_eq_tol(eval(BP_Q_OUTPUT_DELTA, BP_ACT_TANH, d, 3),
                            0.64 * 0.4, 1e-15);
    d[2] = -1;
    ck_assert_double_eq(eval(BP_Q_OUTPUT_DELTA, BP_ACT_RELU, d, 3), 0.0);
    d[2] = 1;
    ck_assert_double_eq_tol(eval(BP_Q_OUTPUT_DELTA, BP_ACT_RELU, d, 3), 0.4,
                            1e-15);
    ck_assert_double_eq_tol(eval(BP_Q_OUTPUT_DELTA, BP_ACT_LINEAR, d, 3),
                            0.4, 1e-15);
    d[0] = 0.6; d[1] = 0;
    ck_assert_double_eq_tol(eval(BP_Q_DERIVATIVE, BP_ACT_SIGMOID, d, 2), 0.24,
                            1e-15);
    /* section 12, question 8: 0.24 x (0.2 x 0.5 + -0.1 x -0.3) */
    d[0] = 0.1; d[1] = 0.03;
    ck_assert_double_eq_tol(eval(BP_Q_SIGNAL, 0, d, 2), 0.13, 1e-15);
    d[0] = 0.24; d[1] = 0.13;
    ck_assert_double_eq_tol(eval(BP_Q_HIDDEN_DELTA, 0, d, 2), 0.0312, 1e-15);
    /* section 6.1.4: 0.1 x 0.15 x 0.8 = 0.012, 0.3 + 0.012 = 0.312 */
    d[0] = 0.1; d[1] = 0.15; d[2] = 0.8;
    ck_assert_double_eq_tol(eval(BP_Q_CHANGE, 0, d, 3), 0.012, 1e-15);
    d[0] = 0.3; d[1] = 0.012;
    ck_assert_double_eq_tol(eval(BP_Q_NEW_PARAM, 0, d, 2), 0.312, 1e-15);
    d[0] = 0.526; d[1] = 0.485;
    ck_assert_double_eq_tol(eval(BP_Q_COMPARE, 0, d, 2), 0.041, 1e-15);
}
END_TEST

/* ---- the tolerance rule of bptrace check ---- */

START_TEST(agrees_at_the_precision_written)
{
    /* the issue's own example: 0.33 for 0.332 is right, 0.34 is not */
    ck_assert(bp_agrees(0.33, 2, 0.332));
    ck_assert(!bp_agrees(0.34, 2, 0.332));
    /* more digits than the lesson: right when they are the value's */
    ck_assert(bp_agrees(0.3318, 4, 0.331807));
    ck_assert(!bp_agrees(0.3319, 4, 0.331807));
    /* halves round away from zero, in decimal: 0.2815 -> 0.282, and
     * -0.00585 -> -0.0059, although the doubles sit below the half */
    ck_assert(bp_agrees(0.282, 3, 0.2815));
    ck_assert(!bp_agrees(0.281, 3, 0.2815));
    ck_assert(bp_agrees(-0.0059, 4, -0.00585));
    ck_assert(!bp_agrees(-0.0058, 4, -0.00585));
    /* the sign matters, and so does zero */
    ck_assert(!bp_agrees(0.0087, 4, -0.0087));
    ck_assert(bp_agrees(0, 2, 0.004));
    ck_assert(bp_agrees(0, 2, -0.004)); /* never -0 */
    /* out of range: never right */
    ck_assert(!bp_agrees(1, 16, 1.0));
    ck_assert(!bp_agrees(1, -1, 1.0));
    ck_assert(!bp_agrees(1, 2, NAN));
}
END_TEST

/* ---- exact mode against central finite differences of E ---- */

/* An independent forward pass: E(w) for a layered network read straight
 * from the lesson, perturbing one parameter. */
static double act_fn(bp_activation a, double x)
{
    switch (a) {
    case BP_ACT_SIGMOID: return 1 / (1 + exp(-x));
    case BP_ACT_TANH: return tanh(x);
    case BP_ACT_RELU: return x > 0 ? x : 0;
    case BP_ACT_LINEAR:
    case BP_ACT_SOFTMAX: /* the net, finished in loss() */
    /* in no network here (gradcheck and tests/golden/independent_act.py
     * test them) */
    case BP_ACT_LEAKY_RELU:
    case BP_ACT_SOFTPLUS:
    case BP_ACT_COUNT: break;
    }
    return x;
}

static double loss(const bp_lesson *l, int weight, int bias_unit, double h)
{
    double o[BP_MAX_UNITS];
    for (int u = 0; u < l->n_units; u++) {
        const bp_unit *unit = &l->units[u];
        if (unit->layer == 0) {
            o[u] = unit->input;
            continue;
        }
        double net = unit->has_bias ? unit->bias : 0;
        if (u == bias_unit)
            net += h;
        for (int w = 0; w < l->n_weights; w++)
            if (l->weights[w].to == u)
                net += o[l->weights[w].from] *
                       (l->weights[w].value + (w == weight ? h : 0));
        o[u] = act_fn(l->layers[unit->layer].activation, net);
    }
    double e = 0;
    const bp_layer *out = &l->layers[l->n_layers - 1];
    if (out->activation == BP_ACT_SOFTMAX) { /* o[] holds the nets */
        double sum = 0;
        for (int u = out->first; u < out->first + out->count; u++)
            sum += exp(o[u]);
        for (int u = out->first; u < out->first + out->count; u++)
            o[u] = exp(o[u]) / sum;
    }
    for (int u = out->first; u < out->first + out->count; u++) {
        double t = l->units[u].target;
        if (l->loss == BP_LOSS_CROSS_ENTROPY &&
            out->activation == BP_ACT_SOFTMAX)
            e -= t * log(o[u]);
        else if (l->loss == BP_LOSS_CROSS_ENTROPY)
            e -= t * log(o[u]) + (1 - t) * log(1 - o[u]);
        else
            e += 0.5 * (t - o[u]) * (t - o[u]);
    }
    return e;
}

static void check_gradients(const char *yaml)
{
    bp_lesson *l = unit_parse(yaml);
    bp_trace *t = bp_trace_build(l, NULL);
    const double h = 1e-6;
    int checked = 0;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (q->kind != BP_Q_CHANGE)
            continue;
        int w = q->weight, b = q->weight < 0 ? q->unit : -1;
        double numeric = (loss(l, w, b, h) - loss(l, w, b, -h)) / (2 * h);
        double backprop = -q->exact / l->eta; /* Delta w = -eta dE/dw */
        double scale = fmax(fabs(numeric), 1e-3);
        ck_assert_msg(fabs(numeric - backprop) / scale < 1e-6,
                      "%s: backprop %.10g, finite difference %.10g", q->name,
                      backprop, numeric);
        checked++;
    }
    int biases = 0, deltas = 0;
    for (int u = 0; u < l->n_units; u++)
        biases += l->units[u].layer > 0 && l->units[u].has_bias;
    ck_assert_int_eq(checked, l->n_weights + biases);
    /* every delta, the output ones above all, is -dE/dnet: perturbing a
     * unit's net is what loss() does for its "bias" */
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (q->kind != BP_Q_OUTPUT_DELTA && q->kind != BP_Q_HIDDEN_DELTA &&
            q->kind != BP_Q_CE_DELTA)
            continue;
        ck_assert(q->phase == BP_PHASE_BACKWARD);
        double numeric = -(loss(l, -1, q->unit, h) -
                           loss(l, -1, q->unit, -h)) / (2 * h);
        double scale = fmax(fabs(numeric), 1e-3);
        ck_assert_msg(fabs(numeric - q->exact) / scale < 1e-6,
                      "%s: backprop %.10g, finite difference %.10g", q->name,
                      q->exact, numeric);
        ck_assert_int_eq(q->kind == BP_Q_CE_DELTA,
                         l->loss == BP_LOSS_CROSS_ENTROPY &&
                             l->units[q->unit].layer == l->n_layers - 1);
        deltas++;
    }
    ck_assert_int_eq(deltas, l->n_units - l->layers[0].count);
    /* and E itself is the independent forward pass's */
    const bp_quantity *e = NULL;
    for (int i = 0; i < t->n && !e; i++)
        if (strcmp(t->q[i].name, "E") == 0)
            e = &t->q[i];
    ck_assert(e != NULL);
    ck_assert_double_eq_tol(e->exact, loss(l, -1, -1, 0), 1e-12);
    bp_trace_free(t);
    bp_lesson_free(l);
}

static const char *two_hidden_layers =
    "title: t\nsource: s\n"
    "network:\n"
    "  layers:\n"
    "    - units: [x1, x2]\n"
    "    - units: [3, 4]\n      activation: %s\n"
    "    - units: [5]\n      activation: %s\n"
    "    - units: [6]\n      activation: %s\n"
    "  weights:\n"
    "    x1 -> 3: 0.3\n    x2 -> 3: -0.4\n    x1 -> 4: 0.25\n"
    "    x2 -> 4: 0.5\n    3 -> 5: 0.7\n    4 -> 5: -0.35\n    5 -> 6: 0.9\n"
    "  biases: {3: 0.1, 4: 0.2, 5: 0.15}\n"
    "example: {inputs: {x1: 0.6, x2: -0.9}, targets: {6: 0.8}}\n"
    "learning_rate: 0.5\n";

START_TEST(gradients_match_finite_differences)
{
    static const char *acts[][3] = {
        {"sigmoid", "sigmoid", "sigmoid"},
        {"tanh", "tanh", "linear"},
        {"relu", "relu", "linear"},
        {"linear", "tanh", "sigmoid"},
    };
    char yaml[2048];
    snprintf(yaml, sizeof yaml, two_hidden_layers, acts[_i][0], acts[_i][1],
             acts[_i][2]);
    check_gradients(yaml);
}
END_TEST

/* Cross-entropy with sigmoid outputs and softmax with cross-entropy: two
 * hidden layers, three outputs, soft targets (summing to 1 for softmax). */
static const char *three_outputs =
    "title: t\nsource: s\nloss: cross-entropy\n"
    "network:\n"
    "  layers:\n"
    "    - units: [x1, x2]\n"
    "    - units: [3, 4]\n      activation: %s\n"
    "    - units: [5, 6]\n      activation: %s\n"
    "    - units: [7, 8, 9]\n      activation: %s\n"
    "  weights:\n"
    "    x1 -> 3: 0.3\n    x2 -> 3: -0.4\n    x1 -> 4: 0.25\n"
    "    x2 -> 4: 0.5\n    3 -> 5: 0.7\n    4 -> 5: -0.35\n"
    "    3 -> 6: -0.6\n    4 -> 6: 0.45\n"
    "    5 -> 7: 0.9\n    6 -> 7: -0.2\n    5 -> 8: -0.8\n"
    "    6 -> 8: 0.65\n    5 -> 9: 0.1\n    6 -> 9: 1.2\n"
    "  biases: {3: 0.1, 4: 0.2, 5: 0.15, 7: -0.3, 8: 0.05}\n"
    "example: {inputs: {x1: 0.6, x2: -0.9}, targets: {%s}}\n"
    "learning_rate: 0.7\n";

START_TEST(cross_entropy_gradients_match_finite_differences)
{
    static const char *cases[][4] = {
        {"sigmoid", "sigmoid", "sigmoid", "7: 1, 8: 0, 9: 0.3"},
        {"tanh", "relu", "sigmoid", "7: 0, 8: 1, 9: 1"},
        {"sigmoid", "sigmoid", "softmax", "7: 0, 8: 1, 9: 0"},
        {"tanh", "linear", "softmax", "7: 0.2, 8: 0.5, 9: 0.3"},
    };
    char yaml[2048];
    snprintf(yaml, sizeof yaml, three_outputs, cases[_i][0], cases[_i][1],
             cases[_i][2], cases[_i][3]);
    check_gradients(yaml);
}
END_TEST

/* Softmax subtracts the largest net: nets of a thousand (e^1000 is beyond
 * a double) still give finite outputs that sum to 1, and a finite E. */
START_TEST(softmax_is_stable)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
             "title: t\nsource: s\nloss: cross-entropy\n"
             "network:\n  layers:\n    - units: [x1]\n"
             "    - units: [o1, o2, o3]\n      activation: softmax\n"
             "  weights: {x1 -> o1: 1000, x1 -> o2: 999, x1 -> o3: 998}\n"
             "example: {inputs: {x1: 1}, targets: {o1: 0, o2: 1, o3: 0}}\n"
             "learning_rate: 0.1\n");
    bp_lesson *l = unit_parse(yaml);
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    double o1 = unit_exact(t, "o_1"), o2 = unit_exact(t, "o_2"), o3 = unit_exact(t, "o_3");
    ck_assert_double_eq_tol(o1 + o2 + o3, 1, 1e-15);
    double z = 1 + exp(-1.0) + exp(-2.0);
    ck_assert_double_eq_tol(o1, 1 / z, 1e-15);
    ck_assert_double_eq_tol(o3, exp(-2.0) / z, 1e-15);
    ck_assert_double_eq(unit_exact(t, "max_net"), 1000);
    ck_assert_double_eq(unit_exact(t, "e^(net_1-m)"), 1);
    ck_assert_double_eq_tol(unit_exact(t, "S"), z, 1e-15);
    ck_assert_double_eq_tol(unit_exact(t, "E"), -log(o2), 1e-12);
    ck_assert_double_eq_tol(unit_exact(t, "delta_1"), -o1, 1e-15);
    ck_assert_double_eq_tol(unit_exact(t, "delta_2"), 1 - o2, 1e-15);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* An output of exactly 1 has no ln(1 - o): the trace stops and says why
 * rather than print -inf. */
START_TEST(cross_entropy_log_of_zero_is_reported)
{
    bp_lesson *l = unit_parse(
        "title: t\nsource: s\nloss: cross-entropy\n"
        "network:\n  layers:\n    - units: [x1]\n    - units: [o1]\n"
        "  weights: {x1 -> o1: 50}\n"
        "example: {inputs: {x1: 1}, targets: {o1: 0}}\n"
        "learning_rate: 0.1\n");
    bp_error err;
    ck_assert(bp_trace_build(l, &err) == NULL);
    ck_assert_int_eq(err.status, BP_ERR_NUMERIC);
    ck_assert_msg(strstr(err.message, "'ln(1-o_1)' is not a finite number: "
                                      "an output of exactly 0 or 1"),
                  "%s", err.message);
    bp_lesson_free(l);
}
END_TEST

/* Enormous weights: where a value overflows a double, the trace stops and
 * names the quantity, rather than print inf or nan. */
START_TEST(overflow_is_reported)
{
    bp_lesson *l = unit_parse(
        "title: t\nsource: s\n"
        "network:\n  layers:\n    - units: [x1, x2]\n    - units: [3]\n"
        "  weights: {x1 -> 3: 1e300, x2 -> 3: 1e300}\n"
        "example: {inputs: {x1: 1e300, x2: 1e300}, targets: {3: 1}}\n"
        "learning_rate: 0.5\n");
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_ptr_null(t);
    ck_assert_int_eq(err.status, BP_ERR_NUMERIC);
    ck_assert_msg(strstr(err.message, "'x_1*w13' is not a finite number"),
                  "%s", err.message);
    bp_lesson_free(l);
}
END_TEST

/* Large but finite: every quantity of the trace is finite, and the
 * saturated sigmoid is 1, not 1/(1 + inf). */
START_TEST(large_values_stay_finite)
{
    bp_lesson *l = unit_parse(
        "title: t\nsource: s\n"
        "network:\n  layers:\n    - units: [x1]\n    - units: [2]\n"
        "    - units: [3]\n"
        "  weights: {x1 -> 2: 1e150, 2 -> 3: -700}\n"
        "example: {inputs: {x1: 1e150}, targets: {3: 1}}\n"
        "learning_rate: 0.5\n");
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    for (int i = 0; i < t->n; i++) {
        ck_assert_msg(isfinite(t->q[i].exact), "%s", t->q[i].name);
        ck_assert_msg(isfinite(t->q[i].hand), "%s", t->q[i].name);
    }
    ck_assert_double_eq(unit_exact(t, "o_2"), 1.0);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* A fixed parameter is kept exactly: not even rounded, in the update or
 * in the verification pass. */
START_TEST(fixed_parameters_are_not_rounded)
{
    bp_lesson *l = unit_parse(
        "title: t\nsource: s\n"
        "network:\n  layers:\n    - units: [x1]\n    - units: [2]\n"
        "  weights:\n    x1 -> 2: {value: 0.12345, fixed: true}\n"
        "  biases:\n    2: {value: -0.0004, fixed: true}\n"
        "example: {inputs: {x1: 1}, targets: {2: 1}}\n"
        "learning_rate: 0.5\n"
        "rounding: {net: {decimals: 4}, new_weight: {decimals: 3}}\n");
    bp_trace *t = bp_trace_build(l, NULL);
    ck_assert_double_eq(unit_hand(t, "w12_new"), 0.12345);
    ck_assert_double_eq(unit_hand(t, "b2_new"), -0.0004);
    /* 0.12345 - 0.0004 = 0.12305 -> 0.1231 (net, 4 dp) */
    ck_assert_double_eq_tol(unit_hand(t, "verify_net_2"), 0.1231, 1e-12);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST


/* ---- the activation and loss tables ---- */

/* f(net) and f'(net) of one row, the derivative as the graph calls it:
 * from o, and from net. */
static double act_value(bp_activation act, double slope, double net)
{
    return bp_act_value(act, slope, net, NULL);
}

static double act_slope(bp_activation act, double slope, double net)
{
    double shown;
    return bp_act_derivative(act, slope, act_value(act, slope, net), net,
                             &shown);
}

/* Each row's value and derivative at net = 0, either side, and at a large
 * |net|, where each must stay finite and exact to the function's limit. */
START_TEST(activation_rows_at_known_points)
{
    const double s = 0.01; /* leaky_relu's default slope */
    ck_assert_double_eq(act_value(BP_ACT_SIGMOID, 0, 0), 0.5);
    ck_assert_double_eq(act_slope(BP_ACT_SIGMOID, 0, 0), 0.25);
    ck_assert_double_eq(act_value(BP_ACT_SIGMOID, 0, 800), 1.0);
    ck_assert(act_value(BP_ACT_SIGMOID, 0, -800) >= 0);
    ck_assert_double_eq(act_value(BP_ACT_TANH, 0, 0), 0.0);
    ck_assert_double_eq(act_slope(BP_ACT_TANH, 0, 0), 1.0);
    ck_assert_double_eq(act_value(BP_ACT_TANH, 0, -800), -1.0);
    ck_assert_double_eq(act_slope(BP_ACT_TANH, 0, 800), 0.0);
    ck_assert_double_eq(act_value(BP_ACT_RELU, 0, -2), 0.0);
    ck_assert_double_eq(act_value(BP_ACT_RELU, 0, 0), 0.0);
    ck_assert_double_eq(act_value(BP_ACT_RELU, 0, 1e300), 1e300);
    ck_assert_double_eq(act_slope(BP_ACT_RELU, 0, 0), 0.0);
    ck_assert_double_eq(act_slope(BP_ACT_RELU, 0, 3), 1.0);
    ck_assert_double_eq(act_value(BP_ACT_LINEAR, 0, -2.5), -2.5);
    ck_assert_double_eq(act_slope(BP_ACT_LINEAR, 0, -2.5), 1.0);
    /* leaky_relu: net above 0, slope x net at or below it */
    ck_assert_double_eq(act_value(BP_ACT_LEAKY_RELU, s, 3), 3.0);
    ck_assert_double_eq(act_value(BP_ACT_LEAKY_RELU, s, 0), 0.0);
    ck_assert_double_eq_tol(act_value(BP_ACT_LEAKY_RELU, s, -2), -0.02,
                            1e-15);
    ck_assert_double_eq_tol(act_value(BP_ACT_LEAKY_RELU, 0.1, -0.55),
                            -0.055, 1e-15);
    ck_assert_double_eq(act_value(BP_ACT_LEAKY_RELU, s, -1e6), -1e4);
    ck_assert_double_eq(act_slope(BP_ACT_LEAKY_RELU, s, 3), 1.0);
    ck_assert_double_eq(act_slope(BP_ACT_LEAKY_RELU, s, 0), s);
    ck_assert_double_eq(act_slope(BP_ACT_LEAKY_RELU, 0.1, -1e6), 0.1);
    /* softplus: ln 2 at 0; net itself for a large net, without overflow;
     * e^net for a very negative one, without being lost to 0 */
    ck_assert_double_eq_tol(act_value(BP_ACT_SOFTPLUS, 0, 0), log(2.0),
                            1e-15);
    ck_assert_double_eq_tol(act_value(BP_ACT_SOFTPLUS, 0, 0.3),
                            0.854355244468527, 1e-14);
    ck_assert_double_eq_tol(act_value(BP_ACT_SOFTPLUS, 0, -0.8),
                            0.371100665947778, 1e-14);
    ck_assert_double_eq(act_value(BP_ACT_SOFTPLUS, 0, 1000), 1000.0);
    ck_assert_double_eq_tol(act_value(BP_ACT_SOFTPLUS, 0, -40), exp(-40.0),
                            1e-30);
    ck_assert(act_value(BP_ACT_SOFTPLUS, 0, -40) > 0);
    ck_assert_double_eq(act_value(BP_ACT_SOFTPLUS, 0, -1000), 0.0);
    ck_assert_double_eq(act_slope(BP_ACT_SOFTPLUS, 0, 0), 0.5);
    ck_assert_double_eq_tol(act_slope(BP_ACT_SOFTPLUS, 0, 0.3),
                            0.574442516811659, 1e-14);
    ck_assert_double_eq(act_slope(BP_ACT_SOFTPLUS, 0, 1000), 1.0);
    ck_assert_double_eq(act_slope(BP_ACT_SOFTPLUS, 0, -1000), 0.0);
}
END_TEST

/* Every row's derivative is its value's slope (a central difference away
 * from relu's kink), and its layer and long double forms agree with it. */
START_TEST(activation_rows_are_consistent)
{
    const double nets[] = {-1.3, -0.4, 0.7, 2.1};
    for (int a = 0; a < BP_ACT_COUNT; a++) {
        const bp_activation_row *row = bp_act_row((bp_activation)a);
        bp_activation back;
        ck_assert(bp_act_from_name(row->name, &back));
        ck_assert_int_eq(back, a);
        ck_assert_str_eq(bp_activation_name((bp_activation)a), row->name);
        if (a == BP_ACT_SOFTMAX) /* a layer's function: bp_softmax */
            continue;
        double slope = a == BP_ACT_LEAKY_RELU ? 0.1 : 0.0;
        double out[4], d[4] = {1, 1, 1, 1};
        row->layer_value(nets, out, 4, slope);
        row->layer_derivative(out, nets, d, 4, slope);
        for (int i = 0; i < 4; i++) {
            double h = 1e-6, net = nets[i];
            double v = act_value((bp_activation)a, slope, net);
            double fd = (act_value((bp_activation)a, slope, net + h) -
                         act_value((bp_activation)a, slope, net - h)) /
                        (2 * h);
            ck_assert_msg(fabs(act_slope((bp_activation)a, slope, net) - fd) <
                              1e-8,
                          "%s'(%g)", row->name, net);
            ck_assert_double_eq_tol(out[i], v, 1e-15);
            ck_assert_double_eq_tol(d[i], act_slope((bp_activation)a, slope,
                                                     net), 1e-15);
            ck_assert_double_eq_tol((double)row->value_long(net, slope), v,
                                    1e-15);
        }
    }
    bp_activation unknown;
    ck_assert(!bp_act_from_name("sigmod", &unknown));
}
END_TEST

START_TEST(loss_rows)
{
    const bp_loss_row *sq = bp_loss_row_of(BP_LOSS_SQUARED);
    const bp_loss_row *ce = bp_loss_row_of(BP_LOSS_CROSS_ENTROPY);
    ck_assert_double_eq_tol(sq->factor * sq->term(1, 0.4, true), 0.18, 1e-15);
    ck_assert_double_eq_tol((double)sq->term_long(1, 0.4L, true), 0.18,
                            1e-15);
    ck_assert(!sq->cancels_derivative && ce->cancels_derivative);
    ck_assert(!sq->targets_are_probabilities && ce->targets_are_probabilities);
    ck_assert_double_eq_tol(ce->factor * ce->term(1, 0.5, true), log(2.0),
                            1e-15);
    ck_assert_double_eq_tol(ce->factor * ce->term(0, 0.2, true),
                            -log(0.8), 1e-15);
    ck_assert_double_eq(ce->term(1, 1, true), 0.0);   /* 0 ln 0 is 0 */
    ck_assert_double_eq(ce->term(0, 0.3, false), 0.0); /* softmax */
    ck_assert_double_eq_tol((double)ce->term_long(0, 0.2L, true), -log(0.8),
                            1e-15);
    for (int i = 0; i < BP_LOSS_COUNT; i++) {
        bp_loss back;
        ck_assert(bp_loss_from_name(bp_loss_name((bp_loss)i), &back));
        ck_assert_int_eq(back, i);
    }
}
END_TEST

/* The slope comes from the lesson's layer, 0.01 when it gives none, and
 * reaches the graph: h2's net -0.55 gives -0.055 and a derivative 0.1. */
START_TEST(leaky_slope_from_the_lesson)
{
    bp_lesson *l = unit_load_shipped("leaky-relu");
    ck_assert_int_eq(l->layers[1].activation, BP_ACT_LEAKY_RELU);
    ck_assert_double_eq(l->layers[1].slope, 0.1);
    ck_assert_double_eq(l->layers[2].slope, 0.01);
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert(t != NULL);
    ck_assert_double_eq_tol(unit_hand(t, "h_2"), -0.055, 1e-15);
    ck_assert_double_eq_tol(unit_hand(t, "f'(net_2)"), 0.1, 1e-15);
    ck_assert_double_eq_tol(unit_hand(t, "delta_2"), -0.0251, 1e-15);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* ---- names and symbols joined without printf ---- */

/* bp_concat leaves what snprintf("%s%s%s") leaves, at every size. */
START_TEST(concat_cuts_as_snprintf)
{
    const char *a = "Delta_", *b = "w10,4", *c = "_new";
    for (size_t size = 0; size < 24; size++) {
        char got[24], want[24];
        memset(got, 'x', sizeof got);
        memset(want, 'x', sizeof want);
        got[23] = want[23] = '\0';
        bp_concat(got, size, a, b, c);
        snprintf(want, size, "%s%s%s", a, b, c);
        ck_assert_str_eq(got, want); /* size 0: nothing written */
    }
}
END_TEST

/* bp_str_add joins "%s" arguments itself: what it leaves, cut short or
 * not, is what the printf path leaves (cut before a broken UTF-8
 * character); a number still goes through printf. */
START_TEST(str_add_cuts_as_printf)
{
    for (size_t size = 2; size < 40; size++) {
        char got[40], want[64];
        bp_str s;
        bp_str_init(&s, got, size);
        bp_str_add(&s, "%s = %s%s", "δ₄₆", "0.5", "·Δw");
        /* the same text through printf, then cut as bp_str cuts */
        char full[64];
        snprintf(full, sizeof full, "%s = %s%s", "δ₄₆", "0.5", "·Δw");
        size_t end = strlen(full) < size - 1 ? strlen(full) : size - 1;
        memcpy(want, full, end); /* what snprintf(want, size) leaves */
        want[end] = '\0';
        if (strlen(full) >= size) {
            while (end > 0 && ((unsigned char)want[end - 1] & 0xC0) == 0x80)
                end--;
            if (end > 0 && ((unsigned char)want[end - 1] & 0x80))
                end--;
            want[end] = '\0';
        }
        ck_assert_str_eq(got, want);
        ck_assert_uint_eq(s.len, strlen(want));
    }
    char buf[32];
    bp_str s;
    bp_str_init(&s, buf, sizeof buf);
    bp_str_add(&s, "%s%d%%", "n=", 42);
    ck_assert_str_eq(buf, "n=42%");
}
END_TEST

/* bp_str_put and bp_str_cat leave what bp_str_add leaves with a format
 * of the same pieces, at every size, after text already there: cut short
 * before a broken UTF-8 character, and then nothing more added. */
START_TEST(str_put_cat_cut_as_str_add)
{
    for (size_t size = 2; size < 64; size++) {
        char got[64], want[64];
        bp_str g, w;
        bp_str_init(&g, got, size);
        bp_str_init(&w, want, size);
        bp_str_put(&g, "Δw₄₆");
        bp_str_add(&w, "%s", "Δw₄₆");
        bp_str_cat(&g, " = (", "-0.5", ")·η");
        bp_str_add(&w, "%s%s%s", " = (", "-0.5", ")·η");
        bp_str_put(&g, "");
        bp_str_add(&w, "%s", "");
        bp_str_cat(&g, " + δ₆", "", "o₄");
        bp_str_add(&w, " + δ₆%so₄", "");
        bp_str_cat(&g, " - ", "0.25", "");
        bp_str_add(&w, " - %s", "0.25");
        bp_str_cat(&g, " + ", "δ₆", "");
        bp_str_add(&w, " + %s", "δ₆");
        ck_assert_msg(strcmp(got, want) == 0 && g.len == w.len,
                      "size %zu: '%s' (%zu), bp_str_add '%s' (%zu)", size,
                      got, g.len, want, w.len);
    }
}
END_TEST

/* bp_sym returns the symbol's whole length, as snprintf would, and
 * leaves what fits: the text of a buffer large enough, cut short. */
START_TEST(sym_length_as_snprintf)
{
    const bp_style *styles[] = {bp_style_get(false), bp_style_get(true),
                                bp_style_latex()};
    for (int k = 0; k < 3; k++) {
        char full[64];
        size_t n = bp_sym(styles[k], "net", "10,4", full, sizeof full);
        ck_assert_uint_eq(n, strlen(full));
        /* size 0: the length, and nothing written, before it either */
        char untouched[3] = "yx";
        ck_assert_uint_eq(bp_sym(styles[k], "net", "10,4", untouched + 1, 0),
                          n);
        ck_assert_str_eq(untouched, "yx");
        for (size_t size = 1; size <= n + 1; size++) {
            char got[64];
            memset(got, 'x', sizeof got);
            ck_assert_uint_eq(bp_sym(styles[k], "net", "10,4", got, size), n);
            ck_assert_uint_eq(strlen(got), size - 1 < n ? size - 1 : n);
            ck_assert(memcmp(got, full, strlen(got)) == 0);
        }
    }
    char buf[64];
    bp_sym(bp_style_get(false), "w", "46", buf, sizeof buf);
    ck_assert_str_eq(buf, "w₄₆");
    bp_sym(bp_style_get(false), "o", "h2", buf, sizeof buf);
    ck_assert_str_eq(buf, "oₕ₂");
    bp_sym(bp_style_get(false), "o", "y2", buf, sizeof buf); /* no ᵧ */
    ck_assert_str_eq(buf, "o_y2");
}
END_TEST

/* bp_vformat leaves and returns what vsnprintf does, at every size, for
 * formats of strings (its own path: literal text, %s, %.*s with a count
 * shorter, longer and negative, empty pieces) and for others. */
static int vformat(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = bp_vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

START_TEST(vformat_is_vsnprintf)
{
    for (size_t size = 0; size < 40; size++) {
        char got[40], want[40];
        memset(got, 'x', sizeof got);
        memset(want, 'x', sizeof want);
#define SAME(...)                                                           \
    do {                                                                    \
        int n = vformat(got, size, __VA_ARGS__);                            \
        int m = snprintf(want, size, __VA_ARGS__);                          \
        ck_assert_int_eq(n, m);                                             \
        ck_assert_mem_eq(got, want, sizeof got);                            \
    } while (0)
        SAME("%s = %s%s", "δ₄₆", "0.5", "·Δw");
        SAME("net_%s", "4");
        SAME("(%s)", "");
        SAME("no conversion at all");
        SAME("%.*s|%.*s|%.*s", 3, "abcdef", 9, "ab", -1, "whole");
        SAME("%s%s", "", "");
        SAME("%s*%s has %d terms, 100%%", "x_1", "w14", 2);
#undef SAME
    }
}
END_TEST

/* bp_sym in each style, and cut short as a prefix of what it writes. */
START_TEST(symbols_written)
{
    char buf[64];
    bp_sym(bp_style_get(false), "w", "46", buf, sizeof buf);
    ck_assert_str_eq(buf, "w₄₆");
    bp_sym(bp_style_get(false), "w", "10,4", buf, sizeof buf);
    ck_assert_str_eq(buf, "w₁₀,₄");
    bp_sym(bp_style_get(false), "o", "b1", buf, sizeof buf);
    ck_assert_str_eq(buf, "o_b1");
    bp_sym(bp_style_get(true), "w", "46", buf, sizeof buf);
    ck_assert_str_eq(buf, "w_46");
    bp_sym(bp_style_latex(), "net", "4", buf, sizeof buf);
    ck_assert_str_eq(buf, "\\mathrm{net}_{4}");
    bp_sym(bp_style_latex(), "x", "a_1", buf, sizeof buf);
    ck_assert_str_eq(buf, "x_{a\\_1}");
    char full[64];
    bp_sym(bp_style_latex(), "net", "a&b", full, sizeof full);
    for (size_t size = 1; size < sizeof full; size++) {
        char cut[64];
        bp_sym(bp_style_latex(), "net", "a&b", cut, size);
        ck_assert_uint_eq(strlen(cut), strlen(full) < size - 1
                                           ? strlen(full) : size - 1);
        ck_assert(strncmp(cut, full, strlen(cut)) == 0);
    }
}
END_TEST

/* A trace's quantities keep their names and symbols in its string pool:
 * a weight's two subscripts are joined there (46; 10,4 where one is
 * longer), and a symbol made by bp_symbol_weight joins them where it is
 * written. */
START_TEST(weight_symbols_joined)
{
    bp_lesson *l = unit_load_shipped("complete-example");
    bp_trace *t = unit_trace(l);
    const bp_quantity *w = bp_trace_find(t, "w46");
    ck_assert_ptr_nonnull(w);
    ck_assert_str_eq(w->sym.base, "w");
    ck_assert_str_eq(w->sym.sub, "46");
    ck_assert_ptr_null(w->sym.sub2);
    const bp_quantity *d = bp_trace_find(t, "Delta_w46");
    ck_assert_ptr_nonnull(d);
    ck_assert(d->sym.delta_prefix);
    ck_assert_str_eq(d->sym.sub, "46");
    ck_assert_str_eq(bp_trace_find(t, "o_4")->sym.sub, "4");
    bp_trace_free(t);
    bp_lesson_free(l);

    l = unit_load_shipped("encoder-8-3-8");
    t = unit_trace(l);
    for (int i = 0; i < l->n_weights; i++) {
        bp_symbol sym;
        char joined[BP_SYMBOL_SUB_MAX], name[BP_NAME_MAX];
        bp_symbol_weight(l, i, &sym);
        bp_name_weight(l, i, name, sizeof name);
        const bp_quantity *q = bp_trace_find(t, name);
        ck_assert_ptr_nonnull(q);
        ck_assert_str_eq(q->sym.sub, bp_symbol_sub(&sym, joined,
                                                   sizeof joined));
        ck_assert(strlen(q->sym.sub) == 2 || strchr(q->sym.sub, ','));
    }
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

static Suite *engine_suite(void)
{
    Suite *s = suite_create("engine");
    TCase *tc = tcase_create("lecture");
    tcase_add_loop_test(tc, lecture_values_hold, 0, N_SHIPPED);
    tcase_add_test(tc, complete_example_errata);
    tcase_add_test(tc, decimal_rounding_in_the_trace);
    tcase_add_test(tc, exact_mode_is_not_rounded);
    suite_add_tcase(s, tc);

    tc = tcase_create("graph");
    tcase_add_loop_test(tc, deltas_before_updates, 0, N_SHIPPED + N_DERIVED);
    tcase_add_loop_test(tc, names_are_unique, 0, N_SHIPPED + N_DERIVED);
    tcase_add_test(tc, hidden_delta_uses_old_weights);
    tcase_add_test(tc, fixed_parameters_are_kept);
    suite_add_tcase(s, tc);

    tc = tcase_create("tolerance");
    tcase_add_test(tc, agrees_at_the_precision_written);
    suite_add_tcase(s, tc);

    tc = tcase_create("formulas");
    tcase_add_test(tc, formulas);
    tcase_add_loop_test(tc, gradients_match_finite_differences, 0, 4);
    tcase_add_loop_test(tc, cross_entropy_gradients_match_finite_differences,
                        0, 4);
    tcase_add_test(tc, softmax_is_stable);
    tcase_add_test(tc, cross_entropy_log_of_zero_is_reported);
    tcase_add_test(tc, overflow_is_reported);
    tcase_add_test(tc, large_values_stay_finite);
    tcase_add_test(tc, fixed_parameters_are_not_rounded);
    suite_add_tcase(s, tc);

    tc = tcase_create("tables");
    tcase_add_test(tc, activation_rows_at_known_points);
    tcase_add_test(tc, activation_rows_are_consistent);
    tcase_add_test(tc, loss_rows);
    tcase_add_test(tc, leaky_slope_from_the_lesson);
    suite_add_tcase(s, tc);

    tc = tcase_create("text");
    tcase_add_test(tc, concat_cuts_as_snprintf);
    tcase_add_test(tc, str_add_cuts_as_printf);
    tcase_add_test(tc, str_put_cat_cut_as_str_add);
    tcase_add_test(tc, sym_length_as_snprintf);
    tcase_add_test(tc, vformat_is_vsnprintf);
    tcase_add_test(tc, symbols_written);
    tcase_add_test(tc, weight_symbols_joined);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(engine_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
