/* test_lesson.c: reading and validating lessons (lesson.c, yaml_reader.c). */
#include "bptrace.h"

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
     "unknown key 'foo' (expected one of: title, source, description, "
     "notation, network, example, learning_rate, learning_rate_note, "
     "rounding, lecture, errata)"},
    {"learning_rate: 0.9\n", "", 1, 1, "missing required key 'learning_rate'"},
    {"learning_rate: 0.9", "learning_rate: [0.9]", 19, 16,
     "'learning_rate' must be a number, not a sequence"},
    {"learning_rate: 0.9", "learning_rate: 1e999", 19, 16,
     "'1e999' is out of range"},
    {"learning_rate: 0.9", "learning_rate: .nan", 19, 16,
     "'.nan' is not finite"},
    {"learning_rate: 0.9", "learning_rate: 1,5", 19, 16,
     "'1,5' is not a decimal number"},
    {"learning_rate: 0.9", "learning_rate: -1", 19, 16,
     "'learning_rate' must be greater than 0, not -1"},
    {"    - units: [4, 5]\n", "    - units: [4, 5]\n      activation: sigmod\n",
     7, 19,
     "unknown activation 'sigmod' (expected one of: sigmoid, tanh, relu, "
     "linear)"},
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
     "unit 'o1' has the subscript '5' of unit '5' (line 6, column 18)"},
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
