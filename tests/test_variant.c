/* test_variant.c: variants (the same numbers for a seed on every machine,
 * the rules that reject a poor draw), student ids and seeds, rosters and
 * manifests.
 *
 * The drawn numbers are written out here by hand, as constants: a
 * platform whose arithmetic or generator differs fails these tests. */
#include "bptrace.h"
#include "util/random.h"
#include "unit.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bp_lesson *vary(const char *relative, uint64_t seed)
{
    bp_lesson *l = unit_load(relative);
    bp_error err;
    ck_assert_msg(bp_lesson_vary(l, seed, &err) == BP_OK, "%s", err.message);
    return l;
}

static int unit(const bp_lesson *l, const char *label)
{
    for (int u = 0; u < l->n_units; u++)
        if (strcmp(l->units[u].label, label) == 0)
            return u;
    ck_abort_msg("no unit '%s'", label);
    return -1;
}

static double weight(const bp_lesson *l, const char *from, const char *to)
{
    int w = bp_lesson_find_weight(l, unit(l, from), unit(l, to));
    ck_assert_int_ge(w, 0);
    return l->weights[w].value;
}

static double given(const bp_lesson *l, const char *name)
{
    const bp_exercise *x = l->exercise;
    for (int i = 0; i < x->n_given; i++)
        if (strcmp(x->given[i].name, name) == 0)
            return x->given[i].value;
    ck_abort_msg("no given '%s'", name);
    return 0;
}

/* ------------------------------------------------------------------ */
/* The generator and the hash, against their published test vectors    */
/* ------------------------------------------------------------------ */

START_TEST(splitmix64_vectors)
{
    /* splitmix64 seeded with 1234567 (Vigna's reference, splitmix64.c) */
    static const uint64_t expected[] = {
        UINT64_C(6457827717110365317), UINT64_C(3203168211198807973),
        UINT64_C(9817491932198370423), UINT64_C(4593380528125082431),
        UINT64_C(16408922859458223821),
    };
    bp_rng rng;
    bp_rng_seed(&rng, 1234567);
    for (int i = 0; i < 5; i++)
        ck_assert_uint_eq(bp_rng_next(&rng), expected[i]);
    /* numbers below 11, as a range of 11 tenths draws them */
    static const uint64_t below[] = {9, 5, 2, 1, 2, 9, 7, 2, 10, 10};
    bp_rng_seed(&rng, 42);
    for (int i = 0; i < 10; i++)
        ck_assert_uint_eq(bp_rng_below(&rng, 11), below[i]);
}
END_TEST

START_TEST(fnv1a_vectors_and_seeds)
{
    /* FNV-1a 64 (the FNV authors' test vectors) */
    ck_assert_uint_eq(bp_fnv1a64(BP_FNV1A64_OFFSET, "", 0),
                      UINT64_C(0xcbf29ce484222325));
    ck_assert_uint_eq(bp_fnv1a64(BP_FNV1A64_OFFSET, "a", 1),
                      UINT64_C(0xaf63dc4c8601ec8c));
    ck_assert_uint_eq(bp_fnv1a64(BP_FNV1A64_OFFSET, "foobar", 6),
                      UINT64_C(0x85944171f73967e8));
    /* a student's seed is the hash of the id; a salt changes it */
    ck_assert_uint_eq(bp_seed_from_id("alice", NULL),
                      UINT64_C(5803779529149266183));
    ck_assert_uint_eq(bp_seed_from_id("alice", ""),
                      UINT64_C(5803779529149266183));
    ck_assert_uint_eq(bp_seed_from_id("alice", "2026"),
                      UINT64_C(1376238629297371603));
    /* the 0 byte between salt and id: "ab"+"c" is not "a"+"bc" */
    ck_assert_uint_ne(bp_seed_from_id("c", "ab"), bp_seed_from_id("bc", "a"));
}
END_TEST

START_TEST(seeds_as_written)
{
    uint64_t s;
    ck_assert(bp_seed_parse("0", &s) && s == 0);
    ck_assert(bp_seed_parse("18446744073709551615", &s) && s == UINT64_MAX);
    ck_assert(!bp_seed_parse("18446744073709551616", &s));
    ck_assert(!bp_seed_parse("", &s));
    ck_assert(!bp_seed_parse("-1", &s));
    ck_assert(!bp_seed_parse("1e3", &s));
    ck_assert(!bp_seed_parse(" 1", &s));
}
END_TEST

/* ------------------------------------------------------------------ */
/* The same seed, the same variant: the numbers themselves             */
/* ------------------------------------------------------------------ */

START_TEST(complete_example_seed_1)
{
    bp_lesson *l = vary("lessons/complete-example.yaml", 1);
    ck_assert_double_eq(l->units[unit(l, "x1")].input, 0);
    ck_assert_double_eq(l->units[unit(l, "x2")].input, 0);
    ck_assert_double_eq(l->units[unit(l, "x3")].input, 1);
    ck_assert_double_eq(weight(l, "x1", "4"), 0.2);
    ck_assert_double_eq(weight(l, "x2", "4"), 0.4);
    ck_assert_double_eq(weight(l, "x3", "4"), 0.1);
    ck_assert_double_eq(weight(l, "x1", "5"), 0);
    ck_assert_double_eq(weight(l, "x2", "5"), -0.5);
    ck_assert_double_eq(weight(l, "x3", "5"), -0.1);
    ck_assert_double_eq(weight(l, "4", "6"), 0.3);
    ck_assert_double_eq(weight(l, "5", "6"), -0.3);
    ck_assert_double_eq(l->units[unit(l, "4")].bias, 0);
    ck_assert_double_eq(l->units[unit(l, "5")].bias, -0.4);
    ck_assert_double_eq(l->units[unit(l, "6")].bias, 0.1);
    ck_assert_double_eq(l->units[unit(l, "6")].target, 0);
    ck_assert_double_eq(l->eta, 0.9); /* the learning rate is kept */
    ck_assert(l->is_variant);
    ck_assert_uint_eq(l->seed, 1);
    ck_assert_str_eq(l->title, "Complete worked example: 3 inputs, 2 hidden "
                               "units, 1 output (variant 1)");
    /* and the trace of those numbers, worked by hand */
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_ptr_nonnull(t);
    ck_assert_double_eq(bp_trace_find(t, "net_6")->hand, 0.1441);
    ck_assert_double_eq(bp_trace_find(t, "o_6")->hand, 0.536);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

/* The variants: map of a test lesson: a range of tenths for the inputs,
 * hundredths for the weights, biases kept, targets from a list. */
START_TEST(stated_ranges_seed_5)
{
    bp_lesson *l = vary("tests/lessons/variants.yaml", 5);
    ck_assert_double_eq(l->units[unit(l, "x1")].input, 0.5);
    ck_assert_double_eq(l->units[unit(l, "x2")].input, 0.7);
    ck_assert_double_eq(weight(l, "x1", "h1"), 0.33);
    ck_assert_double_eq(weight(l, "x2", "h1"), -0.38);
    ck_assert_double_eq(weight(l, "x1", "h2"), -0.01);
    ck_assert_double_eq(weight(l, "x2", "h2"), 0.18);
    ck_assert_double_eq(weight(l, "h1", "o"), -0.08);
    ck_assert_double_eq(weight(l, "h2", "o"), -0.2);
    ck_assert_double_eq(l->units[unit(l, "h1")].bias, 0.1);  /* fixed */
    ck_assert_double_eq(l->units[unit(l, "h2")].bias, -0.1);
    ck_assert_double_eq(l->units[unit(l, "o")].bias, 0.05);
    ck_assert_double_eq(l->units[unit(l, "o")].target, 0.1);
    bp_lesson_free(l);
}
END_TEST

START_TEST(exercise_seed_7)
{
    bp_lesson *l = vary("lessons/error-terms.yaml", 7);
    ck_assert_double_eq(given(l, "o_k"), 0.4);
    ck_assert_double_eq(given(l, "t_k"), 0);
    ck_assert_double_eq(given(l, "o_h"), 0.1);
    ck_assert_double_eq(given(l, "w_kh"), 0.2);
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_double_eq(bp_trace_find(t, "delta_k")->hand, -0.096);
    ck_assert_double_eq(bp_trace_find(t, "delta_h")->hand, -0.00173);
    bp_trace_free(t);
    bp_lesson_free(l);
}
END_TEST

START_TEST(same_seed_same_variant)
{
    for (uint64_t seed = 0; seed < 50; seed++) {
        bp_lesson *a = vary("lessons/two-outputs.yaml", seed);
        bp_lesson *b = vary("lessons/two-outputs.yaml", seed);
        for (int w = 0; w < a->n_weights; w++)
            ck_assert_double_eq(a->weights[w].value, b->weights[w].value);
        for (int u = 0; u < a->n_units; u++) {
            ck_assert_double_eq(a->units[u].input, b->units[u].input);
            ck_assert_double_eq(a->units[u].target, b->units[u].target);
        }
        bp_lesson_free(a);
        bp_lesson_free(b);
    }
}
END_TEST

/* Different seeds give different numbers (of 100, all distinct). */
START_TEST(seeds_give_different_variants)
{
    enum { N = 100 };
    static double w[N][8];
    for (int s = 0; s < N; s++) {
        bp_lesson *l = vary("lessons/complete-example.yaml", (uint64_t)s);
        ck_assert_int_eq(l->n_weights, 8);
        for (int i = 0; i < 8; i++)
            w[s][i] = l->weights[i].value;
        bp_lesson_free(l);
    }
    for (int a = 0; a < N; a++)
        for (int b = a + 1; b < N; b++)
            ck_assert_msg(memcmp(w[a], w[b], sizeof w[a]) != 0,
                          "seeds %d and %d give the same weights", a, b);
}
END_TEST

/* A lesson varied again is drawn from its own values, as if just loaded:
 * a roster loads the lesson once. */
START_TEST(varied_again)
{
    static const char *const lessons[] = {
        "lessons/complete-example.yaml", "tests/lessons/variants.yaml",
        "lessons/two-outputs.yaml", "lessons/weight-update.yaml",
    };
    for (size_t i = 0; i < sizeof lessons / sizeof *lessons; i++) {
        bp_lesson *again = vary(lessons[i], 11);
        bp_error err;
        ck_assert(bp_lesson_vary(again, 12, &err) == BP_OK);
        bp_lesson *fresh = vary(lessons[i], 12);
        ck_assert_str_eq(again->title, fresh->title);
        for (int w = 0; w < fresh->n_weights; w++)
            ck_assert_double_eq(again->weights[w].value,
                                fresh->weights[w].value);
        for (int u = 0; u < fresh->n_units; u++) {
            ck_assert_double_eq(again->units[u].input, fresh->units[u].input);
            ck_assert_double_eq(again->units[u].bias, fresh->units[u].bias);
            ck_assert_double_eq(again->units[u].target,
                                fresh->units[u].target);
        }
        for (int g = 0; fresh->exercise && g < fresh->exercise->n_given; g++)
            ck_assert_double_eq(again->exercise->given[g].value,
                                fresh->exercise->given[g].value);
        bp_lesson_free(again);
        bp_lesson_free(fresh);
    }
}
END_TEST

/* An exercise's givens drawn from ranges differ from each other. */
START_TEST(exercise_givens_differ)
{
    static const char yaml[] =
        "title: t\nsource: s\n"
        "exercise:\n  given: {o_k: 0.8, t_k: 1, o_h: 0.6, w_kh: 0.5}\n"
        "  steps:\n    - title: s\n      find:\n"
        "        delta_k: output_delta(o_k, t_k)\n"
        "        delta_h: hidden_delta(o_h, w_kh*delta_k)\n"
        "variants:\n  given:\n"
        "    o_k: {min: 0.4, max: 0.5, decimals: 1}\n"
        "    o_h: {min: 0.4, max: 0.5, decimals: 1}\n";
    int swapped = 0;
    for (uint64_t seed = 0; seed < 40; seed++) {
        bp_lesson *l = unit_parse(yaml);
        bp_error err;
        ck_assert(bp_lesson_vary(l, seed, &err) == BP_OK);
        double o_k = given(l, "o_k"), o_h = given(l, "o_h");
        ck_assert(o_k != o_h);
        ck_assert(o_k == 0.4 || o_k == 0.5);
        swapped += o_k == 0.5;
        ck_assert_double_eq(given(l, "w_kh"), 0.5); /* not named: kept */
        bp_lesson_free(l);
    }
    ck_assert(swapped > 0 && swapped < 40);
}
END_TEST

/* Softmax targets are one-hot: one class drawn, the others 0. */
START_TEST(softmax_targets_one_hot)
{
    int first = 0;
    for (uint64_t seed = 0; seed < 40; seed++) {
        bp_lesson *l = vary("lessons/softmax.yaml", seed);
        double t1 = l->units[unit(l, "o1")].target;
        double t2 = l->units[unit(l, "o2")].target;
        ck_assert(t1 + t2 == 1 && (t1 == 0 || t1 == 1));
        first += t1 == 1;
        bp_lesson_free(l);
    }
    ck_assert(first > 0 && first < 40);
    /* seed 3, written out: the second class */
    bp_lesson *l = vary("lessons/softmax.yaml", 3);
    ck_assert_double_eq(l->units[unit(l, "o1")].target, 1);
    ck_assert_double_eq(l->units[unit(l, "o2")].target, 0);
    bp_lesson_free(l);
}
END_TEST

/* What the lecture says of its own numbers is gone from a variant. */
START_TEST(lecture_values_dropped)
{
    bp_lesson *l = vary("tests/lessons/variants.yaml", 3);
    ck_assert_int_eq(l->n_lecture, 0);
    ck_assert_int_eq(l->n_errata, 0);
    ck_assert_ptr_null(l->description);
    bp_lesson_free(l);
    l = vary("lessons/error-terms.yaml", 3);
    ck_assert_ptr_null(l->exercise->interpretation);
    ck_assert_int_eq(l->n_lecture, 0);
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The rules                                                           */
/* ------------------------------------------------------------------ */

/* A 2-1-1 network with the values given. */
static bp_lesson *tiny(const char *x1, const char *x2, const char *w1,
                       const char *w2, const char *w3, const char *t)
{
    char yaml[1024];
    snprintf(yaml, sizeof yaml,
             "title: t\nsource: s\n"
             "network:\n  layers:\n    - units: [x1, x2]\n"
             "    - units: [h]\n    - units: [o]\n"
             "  weights: {x1 -> h: %s, x2 -> h: %s, h -> o: %s}\n"
             "example: {inputs: {x1: %s, x2: %s}, targets: {o: %s}}\n"
             "learning_rate: 0.5\n"
             "rounding: {delta: {decimals: 4}}\n",
             w1, w2, w3, x1, x2, t);
    return unit_parse(yaml);
}

static bp_poor poor_trace(const bp_lesson *l)
{
    bp_error err;
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_ptr_nonnull(t);
    bp_poor p = bp_variant_poor_trace(t);
    bp_trace_free(t);
    return p;
}

START_TEST(rule_equal_weights)
{
    bp_lesson *l = tiny("1", "0", "0.2", "0.2", "0.3", "1");
    ck_assert_int_eq(bp_variant_poor_values(l), BP_POOR_EQUAL);
    bp_lesson_free(l);
    l = tiny("1", "0", "0.2", "-0.2", "0.3", "1");
    ck_assert_int_eq(bp_variant_poor_values(l), BP_POOR_NONE);
    ck_assert_int_eq(poor_trace(l), BP_POOR_NONE);
    bp_lesson_free(l);
}
END_TEST

START_TEST(rule_zero_inputs)
{
    bp_lesson *l = tiny("0", "0", "0.2", "0.4", "0.3", "1");
    ck_assert_int_eq(bp_variant_poor_values(l), BP_POOR_ZERO_INPUTS);
    bp_lesson_free(l);
}
END_TEST

START_TEST(rule_saturated)
{
    /* net_h = 5: o_h = 0.9933 is above 0.99 */
    bp_lesson *l = tiny("1", "0", "5", "0.4", "0.3", "1");
    ck_assert_int_eq(poor_trace(l), BP_POOR_SATURATED);
    bp_lesson_free(l);
    /* net_h = -4.7: o_h = 0.0090 is below 0.01 */
    l = tiny("1", "0", "-4.7", "0.4", "0.3", "1");
    ck_assert_int_eq(poor_trace(l), BP_POOR_SATURATED);
    bp_lesson_free(l);
    /* net_h = 4.5: o_h = 0.9890 is not */
    l = tiny("1", "0", "4.5", "0.4", "0.3", "1");
    ck_assert_int_eq(poor_trace(l), BP_POOR_NONE);
    bp_lesson_free(l);
}
END_TEST

START_TEST(rule_zero_delta)
{
    /* w_ho = 0: delta_h = o(1 - o) 0 delta_o is 0 */
    bp_lesson *l = tiny("1", "0", "0.2", "0.4", "0", "1");
    ck_assert_int_eq(poor_trace(l), BP_POOR_ZERO_DELTA);
    bp_lesson_free(l);
    /* w_ho = 0.001: delta_h is about 0.00003, 0.0000 at 4 decimals */
    l = tiny("1", "0", "0.2", "0.4", "0.001", "1");
    ck_assert_int_eq(poor_trace(l), BP_POOR_ZERO_DELTA);
    bp_lesson_free(l);
}
END_TEST

/* Every variant drawn keeps every rule (the draws that broke one were
 * drawn again), here for ranges where many draws break one. */
START_TEST(variants_keep_the_rules)
{
    static const char yaml[] =
        "title: t\nsource: s\n"
        "network:\n  layers:\n    - units: [x1, x2]\n"
        "    - units: [h]\n    - units: [o]\n"
        "  weights: {x1 -> h: 0.1, x2 -> h: 0.2, h -> o: 0.3}\n"
        "example: {inputs: {x1: 1, x2: 0}, targets: {o: 1}}\n"
        "learning_rate: 0.5\n"
        "rounding: {delta: {decimals: 2}}\n"
        "variants:\n"
        "  weights: {min: -6, max: 6, decimals: 0}\n" /* many saturate */
        "  targets: [0, 1]\n";
    int zero_inputs = 0;
    for (uint64_t seed = 0; seed < 200; seed++) {
        bp_lesson *l = unit_parse(yaml);
        bp_error err;
        ck_assert_msg(bp_lesson_vary(l, seed, &err) == BP_OK, "%s",
                      err.message);
        ck_assert_int_eq(bp_variant_poor_values(l), BP_POOR_NONE);
        ck_assert_int_eq(poor_trace(l), BP_POOR_NONE);
        zero_inputs += l->units[0].input == 0 && l->units[1].input == 0;
        bp_lesson_free(l);
    }
    ck_assert_int_eq(zero_inputs, 0);
}
END_TEST

/* The seed is drawn again after a poor draw, from the same stream: a
 * seed whose first draw is poor still gives a good variant, the same
 * each time. */
START_TEST(a_poor_first_draw_is_drawn_again)
{
    /* with 8 weights from 11 tenths, most first draws repeat a weight */
    int redrawn = 0;
    for (uint64_t seed = 0; seed < 20; seed++) {
        bp_lesson *l = unit_load("lessons/complete-example.yaml");
        bp_rng rng;
        bp_rng_seed(&rng, seed);
        double first[8];
        for (int i = 0; i < 3; i++) /* the inputs are drawn first */
            (void)bp_rng_below(&rng, 2);
        for (int i = 0; i < 8; i++)
            first[i] = ((double)bp_rng_below(&rng, 11) - 5) / 10;
        bp_error err;
        ck_assert(bp_lesson_vary(l, seed, &err) == BP_OK);
        bool same = true;
        for (int i = 0; i < 8; i++)
            same &= l->weights[i].value == first[i];
        redrawn += !same;
        bp_lesson_free(l);
    }
    ck_assert_int_ge(redrawn, 15);
}
END_TEST

START_TEST(impossible_ranges_are_an_error)
{
    /* 3 weights, 2 values: they cannot all differ */
    bp_lesson *l = unit_parse("title: t\nsource: s\n"
                         "network:\n  layers:\n    - units: [x1, x2]\n"
                         "    - units: [h]\n    - units: [o]\n"
                         "  weights: {x1 -> h: 0.1, x2 -> h: 0.2, h -> o: 0.3}\n"
                         "example: {inputs: {x1: 1, x2: 0}, targets: {o: 1}}\n"
                         "learning_rate: 0.5\n"
                         "variants:\n"
                         "  weights: {min: 0.1, max: 0.2, decimals: 1}\n");
    bp_error err;
    ck_assert_int_eq(bp_lesson_vary(l, 1, &err), BP_ERR_INPUT);
    ck_assert_str_eq(err.message, "the weights of a variant must all differ, "
                                  "but 'weights' gives 2 values for 3 "
                                  "weights");
    ck_assert_int_eq(err.pos.line, 12);
    ck_assert_int_eq(err.pos.column, 12);
    bp_lesson_free(l);
    /* every draw saturates the hidden unit */
    l = unit_parse("title: t\nsource: s\n"
              "network:\n  layers:\n    - units: [x1, x2]\n"
              "    - units: [h]\n    - units: [o]\n"
              "  weights: {x1 -> h: 0.1, x2 -> h: 0.2, h -> o: 0.3}\n"
              "example: {inputs: {x1: 1, x2: 0}, targets: {o: 1}}\n"
              "learning_rate: 0.5\n"
              "variants:\n"
              "  inputs: [1]\n"
              "  weights: {min: 10, max: 20, decimals: 0}\n");
    ck_assert_int_eq(bp_lesson_vary(l, 1, &err), BP_ERR_INPUT);
    ck_assert_str_eq(err.message,
                     "no good variant for seed 1 in 10000 draws: most were "
                     "rejected because a unit is saturated (o above 0.99 or "
                     "below 0.01) (7427 times); widen the ranges of "
                     "'variants'");
    ck_assert_int_eq(err.pos.line, 12); /* the variants: map */
    bp_lesson_free(l);
}
END_TEST

START_TEST(exercise_without_variants_is_refused)
{
    bp_lesson *l = unit_load("lessons/learning-rates.yaml");
    bp_error err;
    ck_assert_int_eq(bp_lesson_vary(l, 1, &err), BP_ERR_INPUT);
    ck_assert_str_eq(err.message,
                     "this exercise has no variants: an exercise varies only "
                     "the givens that its 'variants: given:' map names (see "
                     "\"Variants\" in doc/lesson-format.md)");
    bp_lesson_free(l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Rosters and manifests                                               */
/* ------------------------------------------------------------------ */

static void roster_fails(const char *text, int line, int column,
                         const char *message)
{
    bp_error err;
    bp_roster *r = bp_roster_parse("class.txt", text, strlen(text), NULL,
                                   &err);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(err.status, BP_ERR_INPUT);
    ck_assert_str_eq(err.message, message);
    ck_assert_int_eq(err.pos.line, line);
    ck_assert_int_eq(err.pos.column, column);
}

START_TEST(roster_ids)
{
    static const char text[] = "# class of 2026\n"
                               "alice\n"
                               "\n"
                               "  bob.smith_2  \r\n"
                               "   # away\n"
                               "C-3PO";
    bp_error err;
    bp_roster *r = bp_roster_parse("class.txt", text, sizeof text - 1, NULL,
                                   &err);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->n, 3);
    ck_assert_str_eq(r->students[0].id, "alice");
    ck_assert_int_eq(r->students[0].pos.line, 2);
    ck_assert_uint_eq(r->students[0].seed, UINT64_C(5803779529149266183));
    ck_assert_str_eq(r->students[1].id, "bob.smith_2");
    ck_assert_int_eq(r->students[1].pos.line, 4);
    ck_assert_int_eq(r->students[1].pos.column, 3);
    ck_assert_str_eq(r->students[2].id, "C-3PO");
    bp_roster_free(r);
    r = bp_roster_parse("class.txt", text, sizeof text - 1, "2026", &err);
    ck_assert_uint_eq(r->students[0].seed, UINT64_C(1376238629297371603));
    bp_roster_free(r);
}
END_TEST

START_TEST(roster_bad_ids)
{
    static const char rule[] =
        ": an id is letters, digits, '.', '_' and '-', not first '.' or "
        "'-', since it names the student's files";
    char m[512];
    snprintf(m, sizeof m, "student id '../x' starts with '.'%s", rule);
    roster_fails("alice\n../x\n", 2, 1, m);
    snprintf(m, sizeof m, "student id 'a/b' holds '/'%s", rule);
    roster_fails("  a/b\n", 1, 4, m);
    snprintf(m, sizeof m, "student id '-rf' starts with '-'%s", rule);
    roster_fails("-rf\n", 1, 1, m);
    snprintf(m, sizeof m, "student id 'jo smith' holds a space%s", rule);
    roster_fails("jo smith\n", 1, 3, m);
    snprintf(m, sizeof m, "student id 'jos\xc3\xa9' holds the byte 0xC3%s",
             rule);
    roster_fails("jos\xc3\xa9\n", 1, 4, m);
    snprintf(m, sizeof m, "student id '%s...' is longer than 63 "
                          "characters%s",
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
             rule);
    roster_fails("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                 "aaaa\n", 1, 64, m);
    roster_fails("alice\nbob\nalice\n", 3, 1,
                 "duplicate student id 'alice' (first on line 1)");
    roster_fails("alice\nbob\nAlice\n", 3, 1,
                 "student id 'Alice' is 'alice' (line 1) in another case: "
                 "their files would clash where file names ignore case");
    roster_fails("# nobody\n\n", 0, 0,
                 "the roster names no student (one id a line; '#' starts a "
                 "comment)");
    ck_assert(bp_student_id_valid("a.b-c_D9", NULL));
    ck_assert(!bp_student_id_valid("", NULL));
    ck_assert(!bp_student_id_valid(".", NULL));
    ck_assert(!bp_student_id_valid("..", NULL));
}
END_TEST

START_TEST(roster_nul_byte)
{
    char m[512];
    snprintf(m, sizeof m, "student id 'ab' holds the byte 0x00: an id is "
                          "letters, digits, '.', '_' and '-', not first '.' "
                          "or '-', since it names the student's files");
    bp_error err;
    bp_roster *r = bp_roster_parse("class.txt", "ab\0c\n", 5, NULL, &err);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err.message, m);
    ck_assert_int_eq(err.pos.column, 3);
}
END_TEST

START_TEST(manifest_round_trip)
{
    bp_student s[2] = {
        {.id = "alice", .seed = UINT64_C(18446744073709551615),
         .worksheet = "alice.worksheet.txt", .key = "alice.key.txt",
         .answers = "alice.answers.yaml"},
        {.id = "bob", .seed = UINT64_C(9007199254740993), /* 2^53 + 1 */
         .worksheet = "bob.worksheet.txt", .key = "bob.key.txt",
         .answers = "bob.answers.yaml"},
    };
    char dir[] = "/tmp/bptrace-manifest-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/manifest.yaml", dir);
    FILE *f = fopen(path, "w");
    ck_assert_int_eq(bp_manifest_write("lesson.yaml", "a \"quoted\" path", NULL,
                                       s, 2, f), BP_OK);
    fclose(f);
    bp_error err;
    bp_manifest *m = bp_manifest_load(path, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    ck_assert_str_eq(m->lesson, "lesson.yaml");
    char lesson_path[300];
    snprintf(lesson_path, sizeof lesson_path, "%s/lesson.yaml", dir);
    ck_assert_str_eq(m->lesson_path, lesson_path);
    ck_assert_str_eq(m->source, "a \"quoted\" path");
    ck_assert_int_eq(m->n, 2);
    ck_assert_uint_eq(bp_manifest_find(m, "alice")->seed, UINT64_MAX);
    ck_assert_uint_eq(bp_manifest_find(m, "bob")->seed,
                      UINT64_C(9007199254740993));
    ck_assert_str_eq(bp_manifest_find(m, "bob")->answers, "bob.answers.yaml");
    ck_assert_ptr_null(bp_manifest_find(m, "carol"));
    ck_assert_ptr_null(bp_manifest_sheet(m)); /* whole worksheets */
    bp_manifest_free(m);
    /* a partial worksheet's kinds come back as they were written */
    unsigned blank = 1u << BP_RK_DELTA | 1u << BP_RK_WEIGHT_CHANGE;
    bp_sheet_kinds sheets[] = {{blank, 0},
                               {BP_WORKSHEET_ALL, 1u << BP_RK_NEW_WEIGHT}};
    for (size_t k = 0; k < sizeof sheets / sizeof *sheets; k++) {
        f = fopen(path, "w");
        ck_assert_int_eq(bp_manifest_write("lesson.yaml", "l.yaml",
                                           &sheets[k], s, 2, f), BP_OK);
        fclose(f);
        m = bp_manifest_load(path, &err);
        ck_assert_msg(m != NULL, "%s", err.message);
        ck_assert_ptr_nonnull(bp_manifest_sheet(m));
        ck_assert_uint_eq(bp_manifest_sheet(m)->blank, sheets[k].blank);
        ck_assert_uint_eq(bp_manifest_sheet(m)->reveal, sheets[k].reveal);
        bp_manifest_free(m);
    }
    remove(path);
    rmdir(dir);
}
END_TEST

START_TEST(manifest_errors)
{
    char dir[] = "/tmp/bptrace-manifest-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/manifest.yaml", dir);
    static const struct {
        const char *text;
        int line, column;
        const char *message;
    } cases[] = {
        {"lesson: l.yaml\nstudents:\n  alice: {seed: 1.5}\n", 3, 17,
         "'seed' must be a whole number from 0 to 18446744073709551615, not "
         "'1.5'"},
        {"lesson: l.yaml\nstudents:\n  alice: {seed: 18446744073709551616}\n",
         3, 17,
         "'seed' must be a whole number from 0 to 18446744073709551615, not "
         "'18446744073709551616'"},
        {"lesson: l.yaml\nstudents:\n  ../x: {seed: 1}\n", 3, 3,
         "'../x' is not a student id (letters, digits, '.', '_' and '-')"},
        {"lesson: l.yaml\nstudents: {}\n", 2, 11,
         "'students' names no student"},
        {"lesson: l.yaml\nstudents: [alice]\n", 2, 11,
         "'students' must map each student id to its seed and files, not a "
         "sequence"},
        {"students:\n  alice: {seed: 1}\n", 1, 1,
         "missing required key 'lesson'"},
        {"lesson: l.yaml\nblank: deltas,sums,nothing\nstudents:\n"
         "  alice: {seed: 1}\n", 2, 8,
         "'blank': unknown kind 'nothing' (the kinds are: all, net, exp, "
         "activation, derivative, product, sum, delta, weight_change, "
         "new_weight, error; and o, change, new for short, and output, "
         "signal, weight as quiz --only names them; each also as a "
         "plural)"},
        {"lesson: l.yaml\nreveal: delta\nstudents:\n  alice: {seed: 1}\n",
         2, 9, "'reveal' without 'blank': the manifest must say what was "
               "left blank"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        FILE *f = fopen(path, "w");
        fputs(cases[i].text, f);
        fclose(f);
        bp_error err;
        bp_manifest *m = bp_manifest_load(path, &err);
        ck_assert_ptr_null(m);
        ck_assert_str_eq(err.message, cases[i].message);
        ck_assert_int_eq(err.pos.line, cases[i].line);
        ck_assert_int_eq(err.pos.column, cases[i].column);
    }
    remove(path);
    rmdir(dir);
}
END_TEST

static Suite *variant_suite(void)
{
    Suite *s = suite_create("variant");
    TCase *tc = tcase_create("random");
    tcase_add_test(tc, splitmix64_vectors);
    tcase_add_test(tc, fnv1a_vectors_and_seeds);
    tcase_add_test(tc, seeds_as_written);
    suite_add_tcase(s, tc);
    tc = tcase_create("variants");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, complete_example_seed_1);
    tcase_add_test(tc, stated_ranges_seed_5);
    tcase_add_test(tc, exercise_seed_7);
    tcase_add_test(tc, same_seed_same_variant);
    tcase_add_test(tc, seeds_give_different_variants);
    tcase_add_test(tc, lecture_values_dropped);
    tcase_add_test(tc, varied_again);
    tcase_add_test(tc, exercise_givens_differ);
    tcase_add_test(tc, softmax_targets_one_hot);
    suite_add_tcase(s, tc);
    tc = tcase_create("rules");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, rule_equal_weights);
    tcase_add_test(tc, rule_zero_inputs);
    tcase_add_test(tc, rule_saturated);
    tcase_add_test(tc, rule_zero_delta);
    tcase_add_test(tc, variants_keep_the_rules);
    tcase_add_test(tc, a_poor_first_draw_is_drawn_again);
    tcase_add_test(tc, impossible_ranges_are_an_error);
    tcase_add_test(tc, exercise_without_variants_is_refused);
    suite_add_tcase(s, tc);
    tc = tcase_create("roster");
    tcase_add_test(tc, roster_ids);
    tcase_add_test(tc, roster_bad_ids);
    tcase_add_test(tc, roster_nul_byte);
    tcase_add_test(tc, manifest_round_trip);
    tcase_add_test(tc, manifest_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(variant_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
