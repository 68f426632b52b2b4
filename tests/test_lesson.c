/* test_lesson.c: reading and validating lessons (lesson*.c, yaml_reader.c). */
#include "bptrace.h"
#include "check/check_internal.h"
#include "class/class_internal.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static bp_lesson *parse(const char *yaml, bp_error *err)
{
    return bp_lesson_parse("test.yaml", yaml, strlen(yaml), err);
}

static int unit_by_label(const bp_lesson *l, const char *label)
{
    for (int i = 0; i < l->n_units; i++)
        if (strcmp(l->units[i].label, label) == 0)
            return i;
    return -1;
}

/* The weight from -> to, by labels. */
static const bp_weight *weight(const bp_lesson *l, const char *from,
                               const char *to)
{
    int w = bp_lesson_find_weight(l, unit_by_label(l, from),
                                  unit_by_label(l, to));
    ck_assert_int_ge(w, 0);
    return &l->weights[w];
}

/* A lesson that uses every feature; weights listed out of order. */
static const char full_lesson[] =
    "# every feature of the format\n"
    "title: \"Full lesson\"\n"
    "source: Test suite\n"
    "description: >\n"
    "  Folded text\n"
    "  on two lines.\n"
    "notation:\n"
    "  weights: w_ji\n"
    "  weight_symbol: v\n"
    "  bias_symbol: c\n"
    "network:\n"
    "  layers:\n"
    "    - units: [x, x1]\n"
    "    - units: [4, h]\n"
    "      activation: tanh\n"
    "    - units: [{label: o1, index: 3}]\n"
    "      activation: linear\n"
    "  weights:\n"
    "    h -> o1: 0.6\n"
    "    x1 -> h: 0.4\n"
    "    x -> 4: 0.1\n"
    "    4 -> o1: {value: 0.5, fixed: true}\n"
    "    x -> h: -0.3\n"
    "    x1->4: 0.2\n"
    "  biases:\n"
    "    o1: 0.7\n"
    "    4: {value: -0.4, fixed: true}\n"
    "example:\n"
    "  inputs: {x1: 0.5, x: 1}\n"
    "  targets: {o1: 1}\n"
    "learning_rate: 0.25\n"
    "learning_rate_note: \"small\"\n"
    "rounding:\n"
    "  net: {decimals: 3}\n"
    "  delta: {significant: 2}\n"
    "  verify:\n"
    "    net: {decimals: 2}\n"
    "    exp: {significant: 5}\n"
    "lecture:\n"
    "  net_4: \"-0.70\"\n"
    "  o_4: 0.332\n"
    "errata:\n"
    "  - quantity: o_4\n"
    "    printed: \"0.332\"\n"
    "    correct: \"0.333\"\n"
    "    why: because\n";

/* ------------------------------------------------------------------ */
/* A valid lesson                                                      */
/* ------------------------------------------------------------------ */

START_TEST(test_full_lesson_texts)
{
    bp_error err;
    bp_lesson *l = parse(full_lesson, &err);
    ck_assert_msg(l, "%d:%d: %s", err.pos.line, err.pos.column, err.message);
    ck_assert_str_eq(l->file, "test.yaml");
    ck_assert_str_eq(l->title, "Full lesson");
    ck_assert_str_eq(l->source, "Test suite");
    ck_assert_str_eq(l->description, "Folded text on two lines.");
    ck_assert_str_eq(l->eta_note, "small");
    ck_assert_double_eq(l->eta, 0.25);
    ck_assert_int_eq(l->order, BP_ORDER_TO_FROM);
    ck_assert_str_eq(l->weight_symbol, "v");
    ck_assert_str_eq(l->bias_symbol, "c");
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_full_lesson_units)
{
    bp_error err;
    bp_lesson *l = parse(full_lesson, &err);
    ck_assert_msg(l, "%s", err.message);
    ck_assert_int_eq(l->n_layers, 3);
    ck_assert_int_eq(l->n_units, 5);
    ck_assert_int_eq(l->layers[1].first, 2);
    ck_assert_int_eq(l->layers[1].count, 2);
    ck_assert_int_eq(l->layers[1].activation, BP_ACT_TANH);
    ck_assert_int_eq(l->layers[2].activation, BP_ACT_LINEAR);

    /* label: symbol, symbol_index, index */
    static const char *const expect[][4] = {
        {"x", "x", "", "x"},   {"x1", "x", "1", "1"}, {"4", "o", "4", "4"},
        {"h", "o", "h", "h"},  {"o1", "o", "1", "3"},
    };
    static const int layer[] = {0, 0, 1, 1, 2};
    for (int i = 0; i < 5; i++) {
        const bp_unit *u = &l->units[i];
        ck_assert_str_eq(u->label, expect[i][0]);
        ck_assert_str_eq(u->symbol, expect[i][1]);
        ck_assert_str_eq(u->symbol_index, expect[i][2]);
        ck_assert_str_eq(u->index, expect[i][3]);
        ck_assert_int_eq(u->layer, layer[i]);
    }
    ck_assert_int_eq(l->units[0].pos.line, 13);
    ck_assert_int_eq(l->units[0].pos.column, 15);
    ck_assert_double_eq(l->units[0].input, 1);
    ck_assert_double_eq(l->units[1].input, 0.5);
    ck_assert_double_eq(l->units[4].target, 1);
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_digit_input_unit)
{
    const char *yaml =
        "title: t\nsource: s\n"
        "network:\n  layers: [{units: [1]}, {units: [2]}]\n"
        "  weights: {1 -> 2: 0.5}\n"
        "example: {inputs: {1: 1}, targets: {2: 0}}\n"
        "learning_rate: 1\n";
    bp_error err;
    bp_lesson *l = parse(yaml, &err);
    ck_assert_msg(l, "%s", err.message);
    ck_assert_str_eq(l->units[0].symbol, "x");
    ck_assert_str_eq(l->units[0].symbol_index, "1");
    ck_assert_str_eq(l->units[1].symbol, "o");
    ck_assert(!l->units[1].has_bias);
    ck_assert(!l->has_rounding);
    ck_assert_int_eq(l->order, BP_ORDER_FROM_TO);
    ck_assert_str_eq(l->weight_symbol, "w");
    ck_assert_str_eq(l->bias_symbol, "b");
    ck_assert_ptr_null(l->description);
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_weight_order)
{
    bp_error err;
    bp_lesson *l = parse(full_lesson, &err);
    ck_assert_msg(l, "%s", err.message);
    /* Layer by layer, then by "to", then by "from", in units order. */
    static const char *const order[][2] = {
        {"x", "4"}, {"x1", "4"}, {"x", "h"}, {"x1", "h"}, {"4", "o1"},
        {"h", "o1"},
    };
    ck_assert_int_eq(l->n_weights, 6);
    for (int i = 0; i < 6; i++) {
        ck_assert_str_eq(l->units[l->weights[i].from].label, order[i][0]);
        ck_assert_str_eq(l->units[l->weights[i].to].label, order[i][1]);
        ck_assert_int_eq(bp_lesson_find_weight(l, l->weights[i].from,
                                               l->weights[i].to), i);
    }
    ck_assert_double_eq(weight(l, "x1", "4")->value, 0.2);
    ck_assert_int_eq(weight(l, "x1", "4")->pos.line, 24);
    ck_assert_double_eq(weight(l, "x", "h")->value, -0.3);
    ck_assert_int_eq(bp_lesson_find_weight(l, 0, 4), -1); /* not adjacent */
    ck_assert_int_eq(bp_lesson_find_weight(l, 2, 0), -1); /* backwards */
    ck_assert_int_eq(bp_lesson_find_weight(l, -1, 2), -1);
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_fixed_and_biases)
{
    bp_error err;
    bp_lesson *l = parse(full_lesson, &err);
    ck_assert_msg(l, "%s", err.message);
    ck_assert(weight(l, "4", "o1")->fixed);
    ck_assert_double_eq(weight(l, "4", "o1")->value, 0.5);
    ck_assert(!weight(l, "h", "o1")->fixed);

    const bp_unit *u4 = &l->units[unit_by_label(l, "4")];
    const bp_unit *h = &l->units[unit_by_label(l, "h")];
    const bp_unit *o1 = &l->units[unit_by_label(l, "o1")];
    ck_assert(u4->has_bias && u4->bias_fixed);
    ck_assert_double_eq(u4->bias, -0.4);
    ck_assert(!h->has_bias);
    ck_assert(o1->has_bias && !o1->bias_fixed);
    ck_assert_double_eq(o1->bias, 0.7);
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_fixed_biases_flag)
{
    const char *yaml =
        "title: t\nsource: s\n"
        "network:\n  layers: [{units: [x1]}, {units: [2, 3]}]\n"
        "  weights: {x1 -> 2: 0.5, x1 -> 3: 0.1}\n"
        "  biases: {2: 0.1, 3: 0.2}\n"
        "  fixed_biases: true\n"
        "example: {inputs: {x1: 1}, targets: {2: 0, 3: 1}}\n"
        "learning_rate: 1\n";
    bp_error err;
    bp_lesson *l = parse(yaml, &err);
    ck_assert_msg(l, "%s", err.message);
    ck_assert(l->units[1].bias_fixed && l->units[2].bias_fixed);
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_rounding)
{
    bp_error err;
    bp_lesson *l = parse(full_lesson, &err);
    ck_assert_msg(l, "%s", err.message);
    ck_assert(l->has_rounding);
    ck_assert_int_eq(l->rounding[BP_RK_NET].mode, BP_ROUND_DECIMALS);
    ck_assert_int_eq(l->rounding[BP_RK_NET].digits, 3);
    ck_assert_int_eq(l->rounding[BP_RK_DELTA].mode, BP_ROUND_SIGNIFICANT);
    ck_assert_int_eq(l->rounding[BP_RK_DELTA].digits, 2);
    /* Kinds not named: 4 decimals. */
    ck_assert_int_eq(l->rounding[BP_RK_EXP].mode, BP_ROUND_DECIMALS);
    ck_assert_int_eq(l->rounding[BP_RK_EXP].digits, 4);
    /* verify: a copy of rounding with its overrides. */
    ck_assert_int_eq(l->verify_rounding[BP_RK_NET].digits, 2);
    ck_assert_int_eq(l->verify_rounding[BP_RK_EXP].mode,
                     BP_ROUND_SIGNIFICANT);
    ck_assert_int_eq(l->verify_rounding[BP_RK_EXP].digits, 5);
    ck_assert_int_eq(l->verify_rounding[BP_RK_DELTA].mode,
                     BP_ROUND_SIGNIFICANT);
    ck_assert_int_eq(l->verify_rounding[BP_RK_DELTA].digits, 2);
    ck_assert_int_eq(l->verify_rounding[BP_RK_ERROR].digits, 4);
    /* 'gradient' not named: as delta (dE/dnet is -delta). */
    ck_assert_int_eq(l->rounding[BP_RK_GRADIENT].mode, BP_ROUND_SIGNIFICANT);
    ck_assert_int_eq(l->rounding[BP_RK_GRADIENT].digits, 2);
    bp_lesson_free(l);
    /* named: its own */
    const char *at = strstr(full_lesson, "  delta: {significant: 2}\n");
    ck_assert_ptr_nonnull(at);
    char named[4096];
    snprintf(named, sizeof named, "%.*s  gradient: {decimals: 5}\n%s",
             (int)(at - full_lesson), full_lesson, at);
    l = parse(named, &err);
    ck_assert_msg(l, "%s", err.message);
    ck_assert_int_eq(l->rounding[BP_RK_GRADIENT].mode, BP_ROUND_DECIMALS);
    ck_assert_int_eq(l->rounding[BP_RK_GRADIENT].digits, 5);
    ck_assert_int_eq(l->rounding[BP_RK_DELTA].digits, 2);
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_lecture_and_errata)
{
    bp_error err;
    bp_lesson *l = parse(full_lesson, &err);
    ck_assert_msg(l, "%s", err.message);
    ck_assert_int_eq(l->n_lecture, 2);
    ck_assert_str_eq(l->lecture[0].name, "net_4");
    ck_assert_str_eq(l->lecture[0].printed, "-0.70");
    ck_assert_str_eq(l->lecture[1].printed, "0.332");
    ck_assert_int_eq(l->n_errata, 1);
    ck_assert_str_eq(l->errata[0].name, "o_4");
    ck_assert_str_eq(l->errata[0].printed, "0.332");
    ck_assert_str_eq(l->errata[0].correct, "0.333");
    ck_assert_str_eq(l->errata[0].why, "because");
    bp_lesson_free(l);
}
END_TEST

/* The section 7 network, with its weights in the matrix form. */
static const char edge_form[] =
    "title: t\nsource: s\n"
    "network:\n"
    "  layers:\n"
    "    - units: [x1, x2, x3]\n"
    "    - units: [4, 5]\n"
    "    - units: [6]\n"
    "  weights:\n"
    "    x1 -> 4: 0.2\n    x2 -> 4: 0.4\n    x3 -> 4: -0.5\n"
    "    x1 -> 5: -0.3\n    x2 -> 5: 0.1\n    x3 -> 5: 0.2\n"
    "    4 -> 6: -0.3\n    5 -> 6: -0.2\n"
    "  biases: {4: -0.4, 5: 0.2, 6: 0.1}\n"
    "example: {inputs: {x1: 1, x2: 0, x3: 1}, targets: {6: 1}}\n"
    "learning_rate: 0.9\n";

static const char matrix_form[] =
    "title: t\nsource: s\n"
    "network:\n"
    "  layers:\n"
    "    - units: [x1, x2, x3]\n"
    "    - units: [4, 5]\n"
    "      weights: [[0.2, 0.4, -0.5],\n"
    "                [-0.3, 0.1, 0.2]]\n"
    "      biases: [-0.4, 0.2]\n"
    "    - units: [6]\n"
    "      weights: [[-0.3, -0.2]]\n"
    "      biases: [0.1]\n"
    "example: {inputs: {x1: 1, x2: 0, x3: 1}, targets: {6: 1}}\n"
    "learning_rate: 0.9\n";

START_TEST(test_matrix_form_equals_edge_form)
{
    bp_error err;
    bp_lesson *a = parse(edge_form, &err);
    ck_assert_msg(a, "%s", err.message);
    bp_lesson *b = parse(matrix_form, &err);
    ck_assert_msg(b, "%s", err.message);
    ck_assert_int_eq(a->n_weights, b->n_weights);
    for (int i = 0; i < a->n_weights; i++) {
        ck_assert_int_eq(a->weights[i].from, b->weights[i].from);
        ck_assert_int_eq(a->weights[i].to, b->weights[i].to);
        ck_assert_double_eq(a->weights[i].value, b->weights[i].value);
        ck_assert_int_eq(a->weights[i].fixed, b->weights[i].fixed);
    }
    ck_assert_int_eq(a->n_units, b->n_units);
    for (int i = 0; i < a->n_units; i++) {
        ck_assert_int_eq(a->units[i].has_bias, b->units[i].has_bias);
        ck_assert_double_eq(a->units[i].bias, b->units[i].bias);
    }
    bp_lesson_free(a);
    bp_lesson_free(b);
}
END_TEST

START_TEST(test_bom_accepted)
{
    char buf[sizeof edge_form + 3] = "\xEF\xBB\xBF";
    strcat(buf, edge_form);
    bp_error err;
    bp_lesson *l = bp_lesson_parse("bom.yaml", buf, strlen(buf), &err);
    ck_assert_msg(l, "%s", err.message);
    ck_assert_int_eq(l->units[0].pos.line, 5);
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_names)
{
    ck_assert_str_eq(bp_activation_name(BP_ACT_SIGMOID), "sigmoid");
    ck_assert_str_eq(bp_activation_name(BP_ACT_LINEAR), "linear");
    static const char *const kinds[BP_RK_COUNT] = {
        "net", "exp", "activation", "derivative", "product",
        "sum", "delta", "weight_change", "new_weight", "error",
        "gradient",
    };
    for (int k = 0; k < BP_RK_COUNT; k++)
        ck_assert_str_eq(bp_round_kind_name((bp_round_kind)k), kinds[k]);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Bad lessons                                                         */
/* ------------------------------------------------------------------ */

/* The edge-form lesson with one line replaced. */
static char *edit(const char *from, const char *to)
{
    const char *at = strstr(edge_form, from);
    ck_assert_ptr_nonnull(at);
    size_t n = strlen(edge_form) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    ck_assert_ptr_nonnull(out);
    snprintf(out, n, "%.*s%s%s", (int)(at - edge_form), edge_form, to,
             at + strlen(from));
    return out;
}

typedef struct {
    const char *from, *to; /* the edit to the edge-form lesson */
    int line, column;
    const char *message;
} bad_case;

static const bad_case bad_cases[] = {
    {"learning_rate: 0.9", "lerning_rate: 0.9", 19, 1,
     "unknown key 'lerning_rate' (did you mean 'learning_rate'?)"},
    {"title: t", "foo: t", 1, 1,
     "unknown key 'foo' (expected one of: title, source, section, "
     "description, notation, network, example, examples, validation, "
     "exercise, learning_rate, learning_rate_note, training, loss, "
     "rounding, lecture, errata, grading, variants)"},
    {"learning_rate: 0.9\n", "", 1, 1, "missing required key 'learning_rate'"},
    {"example: {inputs: {x1: 1, x2: 0, x3: 1}, targets: {6: 1}}\n", "", 1, 1,
     "missing required key 'example' (or 'examples')"},
    {"learning_rate: 0.9", "learning_rate: [0.9]", 19, 16,
     "'learning_rate' must be a number, not a sequence"},
    {"learning_rate: 0.9", "learning_rate: 1e999", 19, 16,
     "'1e999' is out of range"},
    {"learning_rate: 0.9", "learning_rate: .nan", 19, 16,
     "'.nan' is not finite"},
    {"learning_rate: 0.9", "learning_rate: 1,5", 19, 16,
     "'1,5' is not a decimal number (write a decimal point, not a comma: "
     "1.5)"},
    {"learning_rate: 0.9", "learning_rate: -0,7", 19, 16,
     "'-0,7' is not a decimal number (write a decimal point, not a comma: "
     "-0.7)"},
    {"learning_rate: 0.9", "learning_rate: 1,000,5", 19, 16,
     "'1,000,5' is not a decimal number (write a decimal point, not a "
     "comma)"},
    {"learning_rate: 0.9", "learning_rate: \xe2\x88\x92" "0.9", 19, 16,
     "'\xe2\x88\x92" "0.9' is not a decimal number (that minus sign is the "
     "typographic \xe2\x88\x92; type a plain '-')"},
    {"learning_rate: 0.9", "learning_rate: -1", 19, 16,
     "'learning_rate' must be greater than 0, not -1"},
    {"    - units: [4, 5]\n", "    - units: [4, 5]\n      activation: sigmod\n",
     7, 19,
     "unknown activation 'sigmod' (expected one of: sigmoid, tanh, relu, "
     "linear, softmax, leaky_relu, softplus)"},
    {"x1 -> 4: 0.2", "x1 -> 9: 0.2", 9, 5, "weight 'x1 -> 9': no unit '9'"},
    {"x1 -> 4: 0.2", "x1 -> 6: 0.2", 9, 5,
     "weight 'x1 -> 6' does not connect adjacent layers (x1 is in layer 1, "
     "6 in layer 3)"},
    {"    x3 -> 5: 0.2\n", "", 9, 5, "missing weight 'x3 -> 5'"},
    {"x1 -> 4: 0.2", "x1 - 4: 0.2", 9, 5,
     "'x1 - 4' is not of the form 'FROM -> TO'"},
    {"x2 -> 4: 0.4", "x1  ->  4: 0.4", 10, 5,
     "duplicate weight 'x1 -> 4' (first at line 9, column 5)"},
    {"x1: 1, x2: 0, x3: 1", "x1: 1, x2: 0", 18, 19,
     "missing input value for 'x3'"},
    {"targets: {6: 1}", "targets: {7: 1}", 18, 52,
     "no output unit '7' (output units: 6)"},
    {"    - units: [4, 5]\n    - units: [6]\n", "", 5, 5,
     "a network needs at least 2 layers (input and output)"},
    {"units: [6]", "units: [5]", 7, 15,
     "duplicate unit label '5' (first at line 6, column 18)"},
    {"units: [6]", "units: [{label: o1, index: 5}]", 7, 15,
     "unit 'o1' has the subscript '5' of unit '5' (line 6, column 18); net, "
     "delta and the weights need one per unit: write {label: o1, index: N} "
     "with an N of its own"},
    {"title: t", "title: &a [*a]", 1, 8,
     "anchors and aliases are not supported"},
    {"title: t", "title: t\ntitle: u", 2, 1,
     "duplicate key 'title' (first at line 1, column 1)"},
    {"source: s", "source: \"s", 20, 1,
     "found unexpected end of stream (while scanning a quoted scalar at "
     "line 2, column 9)"},
};

START_TEST(test_bad_lesson)
{
    const bad_case *c = &bad_cases[_i];
    char *yaml = edit(c->from, c->to);
    bp_error err;
    bp_lesson *l = parse(yaml, &err);
    free(yaml);
    ck_assert_msg(!l, "accepted: %s", c->to);
    ck_assert_int_eq(err.status, BP_ERR_INPUT);
    ck_assert_str_eq(err.file, "test.yaml");
    ck_assert_str_eq(err.message, c->message);
    ck_assert_int_eq(err.pos.line, c->line);
    ck_assert_int_eq(err.pos.column, c->column);
}
END_TEST

START_TEST(test_empty)
{
    static const char *const empties[] = {"", "# only\n# comments\n", "---\n",
                                          "\n\n"};
    for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
        bp_error err;
        ck_assert_ptr_null(parse(empties[i], &err));
        ck_assert_str_eq(err.message, "the lesson is empty");
        ck_assert_int_eq(err.pos.line, 0);
    }
}
END_TEST

START_TEST(test_deep_nesting_is_fast)
{
    size_t n = 100000;
    char *yaml = malloc(n + 1);
    ck_assert_ptr_nonnull(yaml);
    memset(yaml, '[', n);
    yaml[n] = '\0';
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bp_error err;
    ck_assert_ptr_null(bp_lesson_parse("deep.yaml", yaml, n, &err));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    ck_assert_int_eq(err.pos.line, 1);
    ck_assert_int_eq(err.pos.column, BP_MAX_DEPTH + 1);
    /* About 1 ms natively; generous for valgrind and sanitizers. */
    ck_assert_msg(ms < 2000, "took %.1f ms", ms);
    free(yaml);
}
END_TEST

START_TEST(test_bad_utf8_position)
{
    /* Columns count characters: 'é' is one column, two bytes. */
    const char yaml[] = "title: t\nsource: \"\xC3\xA9t\xFF\"\n";
    bp_error err;
    ck_assert_ptr_null(parse(yaml, &err));
    ck_assert_str_eq(err.message, "invalid leading UTF-8 octet");
    ck_assert_int_eq(err.pos.line, 2);
    ck_assert_int_eq(err.pos.column, 12);
    ck_assert_str_eq(err.source_line, "source: \"\xC3\xA9t\xFF\"");
}
END_TEST

START_TEST(test_nul_byte)
{
    const char yaml[] = "title: t\nsource: a\0b\n";
    bp_error err;
    ck_assert_ptr_null(bp_lesson_parse("nul.yaml", yaml, sizeof yaml - 1,
                                       &err));
    ck_assert_str_eq(err.message, "NUL characters are not allowed");
    ck_assert_int_eq(err.pos.line, 2);
    ck_assert_int_eq(err.pos.column, 10);
}
END_TEST

START_TEST(test_too_large)
{
    size_t n = (size_t)BP_MAX_INPUT_BYTES + 1;
    char *yaml = malloc(n);
    ck_assert_ptr_nonnull(yaml);
    memset(yaml, ' ', n);
    bp_error err;
    ck_assert_ptr_null(bp_lesson_parse("big.yaml", yaml, n, &err));
    ck_assert_int_eq(err.status, BP_ERR_INPUT);
    ck_assert_str_eq(err.message,
                     "the lesson is too large (the limit is 4194304 bytes)");
    free(yaml);
}
END_TEST

START_TEST(test_source_line_keeps_tabs)
{
    const char yaml[] = "title: t\n\tsource: s\n";
    bp_error err;
    ck_assert_ptr_null(parse(yaml, &err));
    ck_assert_int_eq(err.pos.line, 2);
    ck_assert_int_eq(err.pos.column, 1);
    ck_assert_str_eq(err.source_line, "\tsource: s");
    ck_assert_str_eq(err.message,
                     "tabs are not allowed here; indent with spaces");
}
END_TEST

START_TEST(test_source_line_truncated)
{
    /* A long line of 'é' is cut at a character boundary. */
    char yaml[2048] = "learning_rate: \"";
    for (int i = 0; i < 400; i++)
        strcat(yaml, "\xC3\xA9");
    strcat(yaml, "\"\n");
    bp_error err;
    ck_assert_ptr_null(parse(yaml, &err));
    size_t n = strlen(err.source_line);
    ck_assert_uint_lt(n, sizeof err.source_line);
    ck_assert_uint_eq(n, 16 + 2 * 119); /* 255 bytes would split one */
}
END_TEST

START_TEST(test_message_is_one_line)
{
    const char yaml[] = "\"bad\\nkey\": 1\n";
    bp_error err;
    ck_assert_ptr_null(parse(yaml, &err));
    ck_assert_ptr_null(strchr(err.message, '\n'));
}
END_TEST

START_TEST(test_null_error_is_allowed)
{
    ck_assert_ptr_null(parse("- 1\n", NULL));
    ck_assert_ptr_null(bp_lesson_load("/nonexistent/lesson.yaml", NULL));
}
END_TEST

START_TEST(test_load_errors)
{
    bp_error err;
    ck_assert_ptr_null(bp_lesson_load("/nonexistent/lesson.yaml", &err));
    ck_assert_int_eq(err.status, BP_ERR_IO);
    ck_assert_str_eq(err.file, "/nonexistent/lesson.yaml");
    ck_assert_str_eq(err.message, "No such file or directory");
    ck_assert_ptr_null(bp_lesson_load("/", &err));
    ck_assert_int_eq(err.status, BP_ERR_IO);
    ck_assert_str_eq(err.message, "Is a directory");
}
END_TEST

START_TEST(test_load_file)
{
    char path[] = "/tmp/test_lesson_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(edge_form, f);
    fclose(f);
    bp_error err;
    bp_lesson *l = bp_lesson_load(path, &err);
    remove(path);
    ck_assert_msg(l, "%s", err.message);
    ck_assert_str_eq(l->file, path);
    ck_assert_int_eq(l->n_weights, 8);
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The section                                                         */
/* ------------------------------------------------------------------ */

START_TEST(test_section)
{
    /* A plain scalar keeps its text: 3.10 is not 3.1. */
    static const char *const given[][2] = {
        {"source: s\nsection: 7\n", "7"},
        {"source: s\nsection: 3.10\n", "3.10"},
        {"source: s\nsection: \"12\"\n", "12"},
        {"source: s\nsection: Appendix A\n", "Appendix A"},
    };
    for (size_t i = 0; i < sizeof given / sizeof *given; i++) {
        char *yaml = edit("source: s\n", given[i][0]);
        bp_error err;
        bp_lesson *l = parse(yaml, &err);
        free(yaml);
        ck_assert_msg(l, "%s", err.message);
        ck_assert_str_eq(l->section, given[i][1]);
        ck_assert_ptr_null(l->exercise);
        bp_lesson_free(l);
    }
    bp_error err;
    bp_lesson *l = parse(edge_form, &err);
    ck_assert_msg(l, "%s", err.message);
    ck_assert_ptr_null(l->section);
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Exercises                                                           */
/* ------------------------------------------------------------------ */

/* Section 9.2's three learning rates, with every key an exercise has. */
static const char exercise_lesson[] =
    "title: Comparing learning rates\n"                  /* 1 */
    "source: Lecture section 9.2\n"                      /* 2 */
    "section: 9.2\n"                                     /* 3 */
    "exercise:\n"                                        /* 4 */
    "  given: {w: 0.5, delta: 0.2, x: 0.8}\n"            /* 5 */
    "  steps:\n"                                         /* 6 */
    "    - title: \"Step 1: the weight change\"\n"       /* 7 */
    "      find:\n"                                      /* 8 */
    "        Delta_w: change(eta, delta, x)\n"           /* 9 */
    "      note: eta delta x\n"                          /* 10 */
    "    - title: \"Step 2: the new weight\"\n"          /* 11 */
    "      given: {c: 0.1}\n"                            /* 12 */
    "      find:\n"                                      /* 13 */
    "        w_new: update(w, Delta_w)\n"                /* 14 */
    "        w_c: product(w_new, c)\n"                   /* 15 */
    "  cases:\n"                                         /* 16 */
    "    - label: \"0.01\"\n"                            /* 17 */
    "      title: \"Case 1: small (eta = 0.01)\"\n"      /* 18 */
    "      given: {eta: 0.01}\n"                         /* 19 */
    "      note: Very slow, stable\n"                    /* 20 */
    "    - {label: 0.1, given: {eta: 0.1}}\n"            /* 21 */
    "    - label: 1.0\n"                                 /* 22 */
    "      given: {eta: 1.0}\n"                          /* 23 */
    "  table: [eta, Delta_w, w_new]\n"                   /* 24 */
    "  table_note: Effect\n"                             /* 25 */
    "  interpretation: >\n"                              /* 26 */
    "    Small steps are slow,\n"                        /* 27 */
    "    large ones overshoot.\n"                        /* 28 */
    "rounding:\n"                                        /* 29 */
    "  weight_change: {significant: 2}\n"                /* 30 */
    "lecture:\n"                                         /* 31 */
    "  Delta_w(0.01): \"0.0016\"\n";                     /* 32 */

static void assert_given(const bp_given *g, const char *name, double value,
                         int line, int column)
{
    ck_assert_str_eq(g->name, name);
    ck_assert_double_eq(g->value, value);
    ck_assert_int_eq(g->pos.line, line);
    ck_assert_int_eq(g->pos.column, column);
}

/* The arguments written back: "a b*c t-o". */
static void args_text(const bp_find *f, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < f->n_args; i++) {
        const bp_arg *a = &f->args[i];
        char join[2] = {a->join, '\0'};
        used += (size_t)snprintf(buf + used, size - used, "%s%s%s%s",
                                 i ? " " : "", a->a, join, a->b);
        ck_assert_uint_lt(used, size);
    }
}

START_TEST(test_exercise_full)
{
    bp_error err;
    bp_lesson *l = parse(exercise_lesson, &err);
    ck_assert_msg(l, "%d:%d: %s", err.pos.line, err.pos.column, err.message);
    ck_assert_str_eq(l->title, "Comparing learning rates");
    ck_assert_str_eq(l->section, "9.2");
    ck_assert_int_eq(l->n_layers, 0);
    ck_assert_int_eq(l->n_units, 0);
    ck_assert_int_eq(l->n_weights, 0);
    ck_assert(l->has_rounding);
    ck_assert_int_eq(l->rounding[BP_RK_WEIGHT_CHANGE].mode,
                     BP_ROUND_SIGNIFICANT);
    ck_assert_int_eq(l->n_lecture, 1);
    ck_assert_str_eq(l->lecture[0].name, "Delta_w(0.01)");

    const bp_exercise *x = l->exercise;
    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(x->n_given, 3);
    assert_given(&x->given[0], "w", 0.5, 5, 11);
    assert_given(&x->given[1], "delta", 0.2, 5, 19);
    assert_given(&x->given[2], "x", 0.8, 5, 31);

    ck_assert_int_eq(x->n_steps, 2);
    const bp_step *s1 = &x->steps[0], *s2 = &x->steps[1];
    ck_assert_str_eq(s1->title, "Step 1: the weight change");
    ck_assert_str_eq(s1->note, "eta delta x");
    ck_assert_int_eq(s1->n_given, 0);
    ck_assert_int_eq(s1->n_finds, 1);
    ck_assert_str_eq(s1->finds[0].name, "Delta_w");
    ck_assert_int_eq(s1->finds[0].op, BP_OP_CHANGE);
    ck_assert_int_eq(s1->finds[0].pos.line, 9);
    ck_assert_int_eq(s1->finds[0].pos.column, 9);
    char buf[256];
    args_text(&s1->finds[0], buf, sizeof buf);
    ck_assert_str_eq(buf, "eta delta x");

    ck_assert_ptr_null(s2->note);
    ck_assert_int_eq(s2->n_given, 1);
    assert_given(&s2->given[0], "c", 0.1, 12, 15);
    ck_assert_int_eq(s2->n_finds, 2);
    ck_assert_str_eq(s2->finds[0].name, "w_new");
    ck_assert_int_eq(s2->finds[0].op, BP_OP_UPDATE);
    ck_assert_str_eq(s2->finds[1].name, "w_c");
    ck_assert_int_eq(s2->finds[1].op, BP_OP_PRODUCT);
    ck_assert_int_eq(s2->finds[1].pos.line, 15);

    ck_assert_int_eq(x->n_cases, 3);
    ck_assert_str_eq(x->cases[0].label, "0.01");
    ck_assert_str_eq(x->cases[0].title, "Case 1: small (eta = 0.01)");
    ck_assert_str_eq(x->cases[0].note, "Very slow, stable");
    ck_assert_int_eq(x->cases[0].n_given, 1);
    assert_given(&x->cases[0].given[0], "eta", 0.01, 19, 15);
    ck_assert_str_eq(x->cases[1].label, "0.1");
    ck_assert_ptr_null(x->cases[1].title);
    ck_assert_ptr_null(x->cases[1].note);
    ck_assert_str_eq(x->cases[2].label, "1.0"); /* its text, not 1 */
    ck_assert_double_eq(x->cases[2].given[0].value, 1.0);

    ck_assert_int_eq(x->n_table, 3);
    ck_assert_str_eq(x->table[0], "eta");
    ck_assert_str_eq(x->table[1], "Delta_w");
    ck_assert_str_eq(x->table[2], "w_new");
    ck_assert_str_eq(x->table_note_heading, "Effect");
    ck_assert_str_eq(x->interpretation,
                     "Small steps are slow, large ones overshoot.");
    bp_lesson_free(l);
}
END_TEST

START_TEST(test_exercise_minimal)
{
    const char yaml[] = "title: t\nsource: s\nexercise:\n  steps:\n"
                        "    - {title: s, find: {o: sigmoid(n)}}\n";
    bp_error err;
    bp_lesson *l = parse(yaml, &err);
    ck_assert_msg(l, "%s", err.message);
    const bp_exercise *x = l->exercise;
    ck_assert_ptr_null(l->section);
    ck_assert_double_eq(l->eta, 0);
    ck_assert_int_eq(x->n_given, 0);
    ck_assert_int_eq(x->n_cases, 0);
    ck_assert_int_eq(x->n_table, 0);
    ck_assert_ptr_null(x->table_note_heading);
    ck_assert_ptr_null(x->interpretation);
    ck_assert_int_eq(x->n_steps, 1);
    ck_assert_int_eq(x->steps[0].finds[0].op, BP_OP_SIGMOID);
    bp_lesson_free(l);
}
END_TEST

/* A one-step exercise finding q by `formula` (line 7, column 12). */
static bp_lesson *parse_formula(const char *formula, bp_error *err)
{
    char yaml[4096];
    snprintf(yaml, sizeof yaml,
             "title: t\nsource: s\nexercise:\n  steps:\n    - title: s\n"
             "      find:\n        q: %s\n",
             formula);
    return parse(yaml, err);
}

typedef struct {
    const char *formula;
    bp_op op;
    const char *args; /* as args_text writes them */
} good_formula;

/* Every op, every argument form, spaces anywhere between tokens. */
static const good_formula good_formulas[] = {
    {"product(x_1, w_14)", BP_OP_PRODUCT, "x_1 w_14"},
    {"net(x_1*w_14, x_2 * w_24, b_4)", BP_OP_NET, "x_1*w_14 x_2*w_24 b_4"},
    {"net(p_1)", BP_OP_NET, "p_1"},
    {"sigmoid( net_4 )", BP_OP_SIGMOID, "net_4"},
    {"sigmoid  (net')", BP_OP_SIGMOID, "net'"},
    {"derivative(o_h)", BP_OP_DERIVATIVE, "o_h"},
    {"output_delta(o_k,t_k)", BP_OP_OUTPUT_DELTA, "o_k t_k"},
    {"hidden_delta(o_h, w_kh*delta_k)", BP_OP_HIDDEN_DELTA,
     "o_h w_kh*delta_k"},
    {"hidden_delta(o_4, w46*delta_6, w47 *delta_7)", BP_OP_HIDDEN_DELTA,
     "o_4 w46*delta_6 w47*delta_7"},
    {"change(eta, delta_j, x_ji)", BP_OP_CHANGE, "eta delta_j x_ji"},
    {"update(w_ji, Delta_w_ji)", BP_OP_UPDATE, "w_ji Delta_w_ji"},
    {"loss(t_1-o_1, t_2 - o_2)", BP_OP_LOSS, "t_1-o_1 t_2-o_2"},
    {"loss(t-o)", BP_OP_LOSS, "t-o"},
    {"total(E_1, E_2)", BP_OP_TOTAL, "E_1 E_2"},
    {"total(a, b, c, d)", BP_OP_TOTAL, "a b c d"},
};

START_TEST(test_exercise_formula)
{
    const good_formula *c = &good_formulas[_i];
    bp_error err;
    bp_lesson *l = parse_formula(c->formula, &err);
    ck_assert_msg(l, "%s: %s", c->formula, err.message);
    const bp_find *f = &l->exercise->steps[0].finds[0];
    ck_assert_str_eq(f->name, "q");
    ck_assert_int_eq(f->op, c->op);
    char buf[512];
    args_text(f, buf, sizeof buf);
    ck_assert_str_eq(buf, c->args);
    for (int i = 0; i < f->n_args; i++)
        if (!f->args[i].join)
            ck_assert_str_eq(f->args[i].b, "");
    bp_lesson_free(l);
}
END_TEST

/* A one-step exercise finding `key` by `formula` (line 7, column 9). */
static bp_lesson *parse_find(const char *key, const char *formula,
                             bp_error *err)
{
    char yaml[1024];
    snprintf(yaml, sizeof yaml,
             "title: t\nsource: s\nexercise:\n  steps:\n    - title: s\n"
             "      find:\n        %s: %s\n",
             key, formula);
    return parse(yaml, err);
}

/* A product or a derivative may be named by its own formula, as the
 * lecture writes it; the name is kept without spaces. */
START_TEST(test_exercise_formula_names)
{
    static const char *const good[][3] = {
        {"x_1*w_j1", "product(x_1, w_j1)", "x_1*w_j1"},
        {"x_1 * w_j1", "product(x_1,w_j1)", "x_1*w_j1"},
        {"o_h(1-o_h)", "derivative(o_h)", "o_h(1-o_h)"},
        {"o_h( 1 - o_h )", "derivative(o_h)", "o_h(1-o_h)"},
        {"sigma'", "derivative(o_h)", "sigma'"},
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        bp_error err;
        bp_lesson *l = parse_find(good[i][0], good[i][1], &err);
        ck_assert_msg(l, "%s: %s", good[i][0], err.message);
        ck_assert_str_eq(l->exercise->steps[0].finds[0].name, good[i][2]);
        bp_lesson_free(l);
    }
    static const char *const bad[][3] = {
        {"x_1*w_j2", "product(x_1, w_j1)",
         "'x_1*w_j2' is written as a formula, so it must be found by "
         "product(x_1, w_j2)"},
        {"x*w", "net(x*w)",
         "'x*w' is written as a formula, so it must be found by "
         "product(x, w)"},
        {"o(1-o)", "derivative(h)",
         "'o(1-o)' is written as a formula, so it must be found by "
         "derivative(o)"},
        {"o(1-h)", "derivative(o)",
         "'o(1-h)' is not a name (a letter, then letters, digits, _ or ')"},
        {"x*w*v", "product(x, w)",
         "'x*w*v' is not a name (a letter, then letters, digits, _ or ')"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        bp_error err;
        ck_assert_ptr_null(parse_find(bad[i][0], bad[i][1], &err));
        ck_assert_str_eq(err.message, bad[i][2]);
        ck_assert_int_eq(err.pos.line, 7);
        ck_assert_int_eq(err.pos.column, 9);
    }
}
END_TEST

START_TEST(test_op_names)
{
    static const char *const names[BP_OP_COUNT] = {
        "product", "net",          "sigmoid", "derivative", "output_delta",
        "hidden_delta", "change", "update",  "loss",       "total",
    };
    for (int op = 0; op < BP_OP_COUNT; op++)
        ck_assert_str_eq(bp_op_name((bp_op)op), names[op]);
    ck_assert_str_eq(bp_op_name(BP_OP_COUNT), "unknown");
}
END_TEST

typedef struct {
    const char *formula;
    const char *message; /* at the formula: line 7, column 12 */
} bad_formula;

static const bad_formula bad_formulas[] = {
    /* arity, for every op */
    {"product(a)", "'product' takes 2 arguments (a, b), not 1"},
    {"net()", "'net' takes 1 or more arguments (term, ...), not 0"},
    {"sigmoid(a, b)", "'sigmoid' takes 1 argument (net), not 2"},
    {"derivative( )", "'derivative' takes 1 argument (o), not 0"},
    {"output_delta(o)", "'output_delta' takes 2 arguments (o, t), not 1"},
    {"hidden_delta(o_h)",
     "'hidden_delta' takes 2 or more arguments (o, w*d, ...), not 1"},
    {"change(eta, d)", "'change' takes 3 arguments (eta, delta, x), not 2"},
    {"update(w, c, x)", "'update' takes 2 arguments (w, change), not 3"},
    {"loss()", "'loss' takes 1 or more arguments (t-o, ...), not 0"},
    {"total(E_1)", "'total' takes 2 or more arguments (a, b, ...), not 1"},
    /* argument forms */
    {"net(t-o)", "'net' arguments are written a*b or as a plain name, "
                 "not 't-o'"},
    {"hidden_delta(o*h, w*d)",
     "'hidden_delta' argument 1 is a plain name, not 'o*h'"},
    {"hidden_delta(o, w - d)",
     "'hidden_delta' arguments after the first are written w*d, "
     "not 'w - d'"},
    {"total(a, b-c)", "'total' arguments are plain names (a, b, ...), "
                      "not 'b-c'"},
    {"loss(t*o)", "'loss' arguments are written t-o, not 't*o'"},
    {"loss(t_1)", "'loss' arguments are written t-o, not 't_1'"},
    {"sigmoid(-net)",
     "argument '-net' of 'sigmoid' is not NAME, NAME*NAME or NAME-NAME"},
    {"net(a*)", "argument 'a*' of 'net' is not NAME, NAME*NAME or "
                "NAME-NAME"},
    {"net(a*b-c)", "argument 'a*b-c' of 'net' is not NAME, NAME*NAME or "
                   "NAME-NAME"},
    {"net(a + b)", "argument 'a + b' of 'net' is a sum: write its terms as "
                   "arguments of their own"},
    {"sigmoid(2x)", "'2x' is not a name (a letter, then letters, digits, _ "
                    "or ')"},
    {"sigmoid(net 4)", "'net 4' is not a name (a letter, then letters, "
                       "digits, _ or ')"},
    {"sigmoid(-0.5)", "'-0.5' is a number: name it in 'given'"},
    {"net(x*0.5)", "'0.5' is a number: name it in 'given'"},
    {"net(a,,b)", "argument 2 of 'net' is empty"},
    /* the form OP(ARGS) */
    {"sigmod(net)", "unknown operation 'sigmod' (did you mean 'sigmoid'?)"},
    {"softmax(net)", "unknown operation 'softmax' (expected one of: "
                     "product, net, sigmoid, derivative, output_delta, "
                     "hidden_delta, change, update, loss, total)"},
    {"x_1 + w", "'x_1 + w' is not of the form OP(ARGS)"},
    {"sigmoid net", "'sigmoid net' is not of the form OP(ARGS)"},
    {"sigmoid(net", "'sigmoid(net' is not of the form OP(ARGS)"},
    {"sigmoid(net) + 1", "'sigmoid(net) + 1' is not of the form OP(ARGS)"},
    {"(net)", "'(net)' is not of the form OP(ARGS)"},
    {"2(net)", "'2(net)' is not of the form OP(ARGS)"},
    {"0.5", "'0.5' is not of the form OP(ARGS)"},
    {"\"\"", "'' is not of the form OP(ARGS)"},
    {"sigmoid(net(a))", "'sigmoid(net(a))': an argument is a name, not a "
                        "formula (find it on a line of its own first)"},
    {"[sigmoid, n]", "'q' must be found by a formula OP(ARGS), not a "
                     "sequence"},
    {"~", "'q' must be found by a formula OP(ARGS), not null"},
};

START_TEST(test_exercise_bad_formula)
{
    const bad_formula *c = &bad_formulas[_i];
    bp_error err;
    ck_assert_ptr_null(parse_formula(c->formula, &err));
    ck_assert_int_eq(err.status, BP_ERR_INPUT);
    ck_assert_str_eq(err.message, c->message);
    ck_assert_int_eq(err.pos.line, 7);
    ck_assert_int_eq(err.pos.column, 12);
}
END_TEST

/* The exercise lesson with one line replaced. */
static char *edit_exercise(const char *from, const char *to)
{
    const char *at = strstr(exercise_lesson, from);
    ck_assert_ptr_nonnull(at);
    size_t n = strlen(exercise_lesson) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    ck_assert_ptr_nonnull(out);
    snprintf(out, n, "%.*s%s%s", (int)(at - exercise_lesson),
             exercise_lesson, to, at + strlen(from));
    return out;
}

static const bad_case bad_exercises[] = {
    {"exercise:\n", "example: {inputs: {x: 1}}\nexercise:\n", 4, 1,
     "an exercise lesson has no 'example': its values are givens"},
    {"exercise:\n", "learning_rate_note: slow\nexercise:\n", 4, 1,
     "an exercise lesson has no 'learning_rate_note': say it in a step's "
     "'note'"},
    {"exercise:\n", "notation: {weights: w_ji}\nexercise:\n", 4, 1,
     "an exercise lesson has no 'notation': its names are written as they "
     "are given"},
    {"exercise:\n", "network: {}\nexercise:\n", 5, 1,
     "a lesson has 'network' or 'exercise', not both"},
    {"rounding:\n", "network: {}\nrounding:\n", 29, 1,
     "a lesson has 'network' or 'exercise', not both"},
    {"title: Comparing learning rates\n", "", 1, 1,
     "missing required key 'title'"},
    {"  steps:\n", "  stpes:\n", 6, 3,
     "unknown key 'stpes' (did you mean 'steps'?)"},
    {"  table: [eta, Delta_w, w_new]\n", "", 24, 3,
     "'table_note' heads a column of 'table', but there is no 'table'"},
    {"  table: [eta, Delta_w, w_new]\n", "  table: []\n", 24, 10,
     "'table' needs at least one column"},
    {"  table: [eta, Delta_w, w_new]\n", "  table: [eta, 1x]\n", 24, 16,
     "'1x' is not a name (a letter, then letters, digits, _ or ')"},
    {"  table: [eta, Delta_w, w_new]\n", "  table: [eta, [w]]\n", 24, 16,
     "a column of 'table' must be a name, not a sequence"},
    {"  table: [eta, Delta_w, w_new]\n", "  table: [eta, w*c, w*c]\n", 24,
     21, "'table' has the column 'w*c' twice"},
    {"  table: [eta, Delta_w, w_new]\n", "  table: eta\n", 24, 10,
     "'table' must be a sequence of names, not a string"},
    {"    - label: \"0.01\"\n",
     "    - label: \"01234567890123456789012345678901\"\n", 17, 14,
     "a case label is too long (the limit is 31 characters)"},
    {"    - label: \"0.01\"\n", "    - label: \"(a)\"\n", 17, 14,
     "case label '(a)' must be letters, digits, '.', '-' or '+'"},
    {"    - label: \"0.01\"\n", "    - label: 1.0\n", 22, 14,
     "duplicate case label '1.0' (first at line 17, column 14)"},
    {"    - label: \"0.01\"\n      title:", "    - title:", 17, 7,
     "missing required key 'label'"},
    {"    - {label: 0.1, given: {eta: 0.1}}\n", "    - 0.1\n", 21, 7,
     "case 2 must be a mapping, not a number"},
    {"  cases:\n    - label: \"0.01\"\n"
     "      title: \"Case 1: small (eta = 0.01)\"\n"
     "      given: {eta: 0.01}\n"
     "      note: Very slow, stable\n"
     "    - {label: 0.1, given: {eta: 0.1}}\n"
     "    - label: 1.0\n"
     "      given: {eta: 1.0}\n",
     "  cases: []\n", 16, 10, "'cases' needs at least one case"},
    {"      note: Very slow, stable\n", "      notes: x\n", 20, 7,
     "unknown key 'notes' (did you mean 'note'?)"},
    {"    - title: \"Step 1: the weight change\"\n", "    - heading: s\n", 7,
     7, "unknown key 'heading' (expected one of: title, given, find, note)"},
    {"      note: eta delta x\n", "      note: [x]\n", 10, 13,
     "'note' must be a string, not a sequence"},
    {"        Delta_w: change", "        Delta w: change", 9, 9,
     "'Delta w' is not a name (a letter, then letters, digits, _ or ')"},
    {"        Delta_w: change", "        Delta_wwwwwwwwwwwwwwwwwwwwwwwwwwww"
     "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww: change", 9, 9,
     "name 'Delta_wwwwwwwwwwwwwwwwwwwwwwwwww...' is too long (the limit is "
     "64 characters)"},
    {"      find:\n        Delta_w: change(eta, delta, x)\n",
     "      find: []\n", 8, 13,
     "'find' must be a mapping of NAME: OP(ARGS), not a sequence"},
    {"{w: 0.5,", "{w: \"0.5\",", 5, 14,
     "given 'w' must be a number, not a string"},
    {"{w: 0.5,", "{w: 1e999,", 5, 14, "'1e999' is out of range"},
    {"{w: 0.5,", "{w: .nan,", 5, 14, "'.nan' is not finite"},
    {"{w: 0.5,", "{w2: 0x1p4,", 5, 15, "'0x1p4' is not a decimal number"},
    {"  given: {w: 0.5, delta: 0.2, x: 0.8}\n", "  given: [w, 0.5]\n", 5, 10,
     "'given' must be a mapping of NAME: number, not a sequence"},
    {"      given: {c: 0.1}\n", "      given: {c': 0.1, 2c: 1}\n", 12, 24,
     "'2c' is not a name (a letter, then letters, digits, _ or ')"},
};

START_TEST(test_exercise_bad)
{
    const bad_case *c = &bad_exercises[_i];
    char *yaml = edit_exercise(c->from, c->to);
    bp_error err;
    bp_lesson *l = parse(yaml, &err);
    free(yaml);
    ck_assert_msg(!l, "accepted: %s", c->to);
    ck_assert_int_eq(err.status, BP_ERR_INPUT);
    ck_assert_str_eq(err.message, c->message);
    ck_assert_int_eq(err.pos.line, c->line);
    ck_assert_int_eq(err.pos.column, c->column);
}
END_TEST

START_TEST(test_network_or_exercise)
{
    bp_error err;
    ck_assert_ptr_null(parse("title: t\nsource: s\nsection: 1\n", &err));
    ck_assert_str_eq(err.message,
                     "missing required key 'network' (or 'exercise')");
    ck_assert_int_eq(err.pos.line, 1);
    ck_assert_int_eq(err.pos.column, 1);

    char *yaml = edit("learning_rate: 0.9\n",
                      "learning_rate: 0.9\nexercise: {steps: []}\n");
    ck_assert_ptr_null(parse(yaml, &err));
    free(yaml);
    ck_assert_str_eq(err.message,
                     "a lesson has 'network' or 'exercise', not both");
    ck_assert_int_eq(err.pos.line, 20);
}
END_TEST

/* ---- limits ---- */

/* A growing text; the tests assert that memory is there. */
typedef struct {
    char *text;
    size_t size;
    FILE *f;
} builder;

static void build_start(builder *b)
{
    b->f = open_memstream(&b->text, &b->size);
    ck_assert_ptr_nonnull(b->f);
    fputs("title: t\nsource: s\nexercise:\n", b->f);
}

static bp_lesson *build_parse(builder *b, bp_error *err)
{
    ck_assert_int_eq(fclose(b->f), 0);
    bp_lesson *l = parse(b->text, err);
    free(b->text);
    return l;
}

/* n steps of one find each. */
static bp_lesson *with_steps(int n, bp_error *err)
{
    builder b;
    build_start(&b);
    fputs("  steps:\n", b.f);
    for (int i = 0; i < n; i++)
        fprintf(b.f, "    - {title: s, find: {o%d: sigmoid(n)}}\n", i);
    return build_parse(&b, err);
}

/* One step finding n quantities. */
static bp_lesson *with_finds(int n, bp_error *err)
{
    builder b;
    build_start(&b);
    fputs("  steps:\n    - title: s\n      find:\n", b.f);
    for (int i = 0; i < n; i++)
        fprintf(b.f, "        o%d: sigmoid(n)\n", i);
    return build_parse(&b, err);
}

/* One find, total(...) of n arguments. */
static bp_lesson *with_args(int n, bp_error *err)
{
    builder b;
    build_start(&b);
    fputs("  steps:\n    - title: s\n      find:\n        E: total(", b.f);
    for (int i = 0; i < n; i++)
        fprintf(b.f, "%sE_%d", i ? ", " : "", i);
    fputs(")\n", b.f);
    return build_parse(&b, err);
}

/* n cases, each giving eta. */
static bp_lesson *with_cases(int n, bp_error *err)
{
    builder b;
    build_start(&b);
    fputs("  steps: [{title: s, find: {o: sigmoid(n)}}]\n  cases:\n", b.f);
    for (int i = 0; i < n; i++)
        fprintf(b.f, "    - {label: c%d, given: {eta: 0.1}}\n", i);
    return build_parse(&b, err);
}

/* n givens: up to 200 shared, the rest in one case. */
static bp_lesson *with_givens(int n, bp_error *err)
{
    builder b;
    build_start(&b);
    fputs("  given:\n", b.f);
    for (int i = 0; i < n && i < 200; i++)
        fprintf(b.f, "    g%d: %d\n", i, i);
    fputs("  steps: [{title: s, find: {o: sigmoid(n)}}]\n"
          "  cases:\n    - label: a\n      given:\n",
          b.f);
    for (int i = 200; i < n; i++)
        fprintf(b.f, "        g%d: %d\n", i, i);
    return build_parse(&b, err);
}

/* A table of n columns. */
static bp_lesson *with_columns(int n, bp_error *err)
{
    builder b;
    build_start(&b);
    fputs("  steps: [{title: s, find: {o: sigmoid(n)}}]\n"
          "  cases: [{label: a}]\n  table:\n",
          b.f);
    for (int i = 0; i < n; i++)
        fprintf(b.f, "    - c%d\n", i);
    return build_parse(&b, err);
}

typedef struct {
    bp_lesson *(*make)(int n, bp_error *err);
    int limit;
    int line; /* of the first item beyond the limit */
    const char *message;
} limit_case;

static const limit_case limits[] = {
    {with_steps, 64, 69, "too many steps (the limit is 64)"},
    {with_finds, 64, 71,
     "too many quantities to find in one step (the limit is 64)"},
    {with_args, 64, 7, "'total' has 65 arguments (the limit is 64)"},
    {with_cases, 64, 70, "too many cases (the limit is 64)"},
    {with_givens, 256, 265, "too many givens (the limit is 256 in all)"},
    {with_columns, 64, 71, "too many columns in 'table' (the limit is 64)"},
};

START_TEST(test_exercise_limits)
{
    const limit_case *c = &limits[_i];
    bp_error err;
    bp_lesson *l = c->make(c->limit, &err);
    ck_assert_msg(l, "%s", err.message);
    bp_lesson_free(l);
    ck_assert_ptr_null(c->make(c->limit + 1, &err));
    ck_assert_str_eq(err.message, c->message);
    ck_assert_int_eq(err.pos.line, c->line);
}
END_TEST

/* ------------------------------------------------------------------ */

static Suite *lesson_suite(void)
{
    Suite *s = suite_create("lesson");
    TCase *valid = tcase_create("valid");
    tcase_add_test(valid, test_full_lesson_texts);
    tcase_add_test(valid, test_full_lesson_units);
    tcase_add_test(valid, test_digit_input_unit);
    tcase_add_test(valid, test_weight_order);
    tcase_add_test(valid, test_fixed_and_biases);
    tcase_add_test(valid, test_fixed_biases_flag);
    tcase_add_test(valid, test_rounding);
    tcase_add_test(valid, test_lecture_and_errata);
    tcase_add_test(valid, test_matrix_form_equals_edge_form);
    tcase_add_test(valid, test_bom_accepted);
    tcase_add_test(valid, test_names);
    suite_add_tcase(s, valid);

    TCase *bad = tcase_create("bad");
    tcase_add_loop_test(bad, test_bad_lesson, 0,
                        (int)(sizeof bad_cases / sizeof *bad_cases));
    tcase_add_test(bad, test_empty);
    tcase_add_test(bad, test_deep_nesting_is_fast);
    tcase_add_test(bad, test_bad_utf8_position);
    tcase_add_test(bad, test_nul_byte);
    tcase_add_test(bad, test_too_large);
    tcase_add_test(bad, test_source_line_keeps_tabs);
    tcase_add_test(bad, test_source_line_truncated);
    tcase_add_test(bad, test_message_is_one_line);
    tcase_add_test(bad, test_null_error_is_allowed);
    suite_add_tcase(s, bad);

    TCase *files = tcase_create("files");
    tcase_add_test(files, test_load_errors);
    tcase_add_test(files, test_load_file);
    suite_add_tcase(s, files);

    TCase *exercise = tcase_create("exercise");
    tcase_add_test(exercise, test_section);
    tcase_add_test(exercise, test_exercise_full);
    tcase_add_test(exercise, test_exercise_minimal);
    tcase_add_loop_test(exercise, test_exercise_formula, 0,
                        (int)(sizeof good_formulas / sizeof *good_formulas));
    tcase_add_test(exercise, test_exercise_formula_names);
    tcase_add_test(exercise, test_op_names);
    tcase_add_loop_test(exercise, test_exercise_bad_formula, 0,
                        (int)(sizeof bad_formulas / sizeof *bad_formulas));
    tcase_add_loop_test(exercise, test_exercise_bad, 0,
                        (int)(sizeof bad_exercises / sizeof *bad_exercises));
    tcase_add_test(exercise, test_network_or_exercise);
    tcase_add_loop_test(exercise, test_exercise_limits, 0,
                        (int)(sizeof limits / sizeof *limits));
    suite_add_tcase(s, exercise);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(lesson_suite());
    srunner_run_all(sr, CK_ENV);
    int failures = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failures ? 1 : 0;
}
