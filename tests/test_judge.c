/* test_judge.c: the rules by which check and quiz judge a number
 * (doc/instructors.md, "How a number is judged"), each on the lecture's
 * section 7, and the property that more right work never lowers a score.
 */
#include "bptrace.h"
#include "check/check_internal.h"
#include "class/class_internal.h"
#include "util/random.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BP_SOURCE_ROOT
#define BP_SOURCE_ROOT "."
#endif

#define MAX_ANSWERS 256

static bp_lesson *lesson;
static bp_trace *trace;

static void load(const char *name, bool exact)
{
    char path[512];
    if (strchr(name, '/')) /* tests/lessons/NAME */
        snprintf(path, sizeof path, BP_SOURCE_ROOT "/%s.yaml", name);
    else
        snprintf(path, sizeof path, BP_SOURCE_ROOT "/lessons/%s.yaml", name);
    bp_error err;
    lesson = bp_lesson_load(path, &err);
    ck_assert_msg(lesson != NULL, "%s", err.message);
    /* exact: as check --exact builds it, the hand route beside it */
    trace = bp_trace_build_with(lesson, &(bp_build_options){.exact = exact},
                                &err);
    ck_assert_msg(trace != NULL, "%s", err.message);
}

static void unload(void)
{
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    trace = NULL;
    lesson = NULL;
}

/* An answers file being built: name = text pairs. */
typedef struct {
    bp_answer a[MAX_ANSWERS];
    int n;
} sheet;

static void set(sheet *s, const char *name, const char *text)
{
    for (int i = 0; i < s->n; i++) {
        if (strcmp(s->a[i].name, name) == 0) {
            if (!text) { /* removed */
                s->a[i] = s->a[--s->n];
                return;
            }
            ck_assert_int_eq(bp_answer_from_text(&s->a[i], name, text),
                             BP_NUM_OK);
            return;
        }
    }
    if (!text)
        return;
    ck_assert_int_lt(s->n, MAX_ANSWERS);
    ck_assert_int_eq(bp_answer_from_text(&s->a[s->n++], name, text),
                     BP_NUM_OK);
}

/* The key: every quantity a student writes, as the lecture's method
 * writes it; by_hand, in exact mode: as the hand route writes it. */
static void key_text(const bp_quantity *q, bool by_hand, char *buf,
                     size_t size)
{
    if (by_hand && trace->by_hand) {
        const bp_quantity *h = bp_trace_find(trace->by_hand, q->name);
        ck_assert_ptr_nonnull(h);
        bp_format(buf, size, h->hand, h->precision);
        return;
    }
    double v = trace->hand_rounding ? q->hand : q->exact;
    bp_format(buf, size, v, trace->hand_rounding
                                ? q->precision
                                : (bp_precision){BP_ROUND_SIGNIFICANT, 6});
}

static bp_check_result *check_sheet(const sheet *s)
{
    bp_answers a = {.file = "sheet.yaml", .answers = (bp_answer *)s->a,
                    .n = s->n};
    bp_error err;
    bp_check_result *r = bp_check(trace, &a, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    return r;
}

static const bp_judgement *item(const bp_check_result *r, const char *name)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->items[i].q->name, name) == 0)
            return &r->items[i];
    ck_abort_msg("%s is not graded", name);
    return NULL;
}

/* The key of the lesson (by_hand: the hand route's, in exact mode). */
static void key_sheet_of(sheet *s, bool by_hand)
{
    s->n = 0;
    bp_check_result *empty = check_sheet(s);
    for (int i = 0; i < empty->n; i++) {
        char buf[64];
        key_text(empty->items[i].q, by_hand, buf, sizeof buf);
        set(s, empty->items[i].q->name, buf);
    }
    bp_check_free(empty);
}

static void key_sheet(sheet *s)
{
    key_sheet_of(s, false);
}

static double score_of(const sheet *s)
{
    bp_check_result *r = check_sheet(s);
    double score = r->score;
    bp_check_free(r);
    return score;
}

/* ---- 1. right: the hand value or the exact value, consistent ---- */

START_TEST(hand_and_calculator_students_both_right)
{
    load("complete-example", false);
    sheet s;
    key_sheet(&s);
    bp_check_result *r = check_sheet(&s);
    ck_assert_double_eq(r->score, r->max_score); /* the hand student */
    bp_check_free(r);
    /* the calculator student: the exact values rounded to the lesson's
     * decimals, beside o_4 = 0.332, o_5 = 0.525 and o_6 = 0.474 */
    set(&s, "net_6", "-0.1045");
    set(&s, "E", "0.138");
    set(&s, "delta_6", "0.1312");
    r = check_sheet(&s);
    ck_assert_str_eq(bp_verdict_name(item(r, "net_6")->verdict), "right");
    ck_assert_str_eq(bp_verdict_name(item(r, "E")->verdict), "right");
    ck_assert_str_eq(bp_verdict_name(item(r, "delta_6")->verdict), "right");
    ck_assert_double_eq(r->score, r->max_score);
    bp_check_free(r);
    /* and worked on from the calculator's delta_6: 0.9 x 0.1312 x 0.525 */
    set(&s, "Delta_w56", "0.0620");
    r = check_sheet(&s);
    ck_assert_double_eq(r->score, r->max_score);
    bp_check_free(r);
    unload();
}
END_TEST

START_TEST(right_value_that_does_not_follow_is_wrong)
{
    load("complete-example", false);
    sheet s;
    key_sheet(&s);
    /* o5(new) = 0.521 (the exact 0.52057) beside a slip net5(new) =
     * 0.080: sigma(0.080) = 0.51999, 0.520 on every route; the exact value,
     * but not what the student's own net gives.  The lecture prints 0.521
     * too, but a right value is no erratum: no erratum hint. */
    set(&s, "verify_net_5", "0.080");
    set(&s, "verify_o_5", "0.521");
    bp_check_result *r = check_sheet(&s);
    const bp_judgement *j = item(r, "verify_o_5");
    ck_assert_int_eq(j->verdict, BP_VERDICT_WRONG);
    ck_assert_ptr_nonnull(strstr(j->hint, "the correct value, but it does "
                                          "not follow from your own "
                                          "verify_net_5"));
    ck_assert_ptr_null(strstr(j->hint, "erratum"));
    bp_check_free(r);
    unload();
}
END_TEST

/* The student who keeps full calculator precision throughout: every
 * quantity (each product, e^-net and square too) the exact value at the
 * lesson's decimals.  The calculator holds each number it worked out
 * unrounded, so o5(new) = sigma(0.08234) = 0.521 and E(new) = 0.117 of
 * section 7 follow, though w(new) and net5(new) = 0.082 are written
 * rounded; the lecture's own o5(new) = 0.521 is that value.  Full marks in
 * both modes, on every lesson with a rounding profile. */
static void full_precision_sheet(sheet *s)
{
    s->n = 0;
    for (int i = 0; i < trace->n; i++) {
        const bp_quantity *q = &trace->q[i];
        if (bp_qkind_is_given(q->kind))
            continue;
        const bp_quantity *h =
            trace->by_hand ? bp_trace_find(trace->by_hand, q->name) : q;
        ck_assert_ptr_nonnull(h);
        char buf[64];
        bp_format(buf, sizeof buf, q->exact, h->precision);
        set(s, q->name, buf);
    }
}

START_TEST(full_precision_student_right_in_both_modes)
{
    static const char *lessons[] = {
        "complete-example", "two-outputs", "cross-entropy", "softmax",
        "leaky-relu", "softplus", "chain-rule", "error-terms",
        "weight-update", "self-test", "learning-rates", "sigmoid-table",
        "total-error", "weighted-sum", "weighted-sum-selftest"};
    for (size_t i = 0; i < sizeof lessons / sizeof lessons[0]; i++) {
        for (int exact = 0; exact < 2; exact++) {
            load(lessons[i], exact);
            ck_assert(lesson->has_rounding);
            sheet s;
            full_precision_sheet(&s);
            bp_check_result *r = check_sheet(&s);
            if (strcmp(lessons[i], "complete-example") == 0) {
                ck_assert_str_eq(item(r, "verify_o_5")->answer->text, "0.521");
                ck_assert_str_eq(item(r, "verify_E")->answer->text, "0.117");
            }
            for (int k = 0; k < r->n; k++)
                ck_assert_msg(r->items[k].verdict == BP_VERDICT_RIGHT,
                              "%s%s: %s = %s is %s (%s)", lessons[i],
                              exact ? " --exact" : "", r->items[k].q->name,
                              r->items[k].answer ? r->items[k].answer->text
                                                 : "",
                              bp_verdict_name(r->items[k].verdict),
                              r->items[k].hint);
            ck_assert_double_eq(r->score, r->max_score);
            bp_check_free(r);
            unload();
        }
    }
}
END_TEST

/* the same rule in exact mode: the exact values are right, and the
 * numbers worked from right inputs by hand follow from them */
START_TEST(exact_mode_takes_the_calculator_student)
{
    load("complete-example", true);
    sheet s;
    key_sheet(&s);
    set(&s, "o_4", "0.332");
    set(&s, "o_5", "0.525");
    set(&s, "net_6", "-0.1045");
    set(&s, "delta_6", "0.1312");
    bp_check_result *r = check_sheet(&s);
    ck_assert_int_eq(item(r, "net_6")->verdict, BP_VERDICT_RIGHT);
    ck_assert_int_eq(item(r, "delta_6")->verdict, BP_VERDICT_RIGHT);
    bp_check_free(r);
    unload();
}
END_TEST

/* exact mode takes the hand student too, when the lesson has a rounding
 * profile: E = 1/2 [0.277] = 0.139, the square rounded first, and
 * net_6 = -0.1046 from o_4 = 0.332 and o_5 = 0.525 are right, not ECF */
START_TEST(exact_mode_takes_the_hand_student)
{
    load("complete-example", true);
    ck_assert_ptr_nonnull(trace->by_hand);
    sheet s;
    key_sheet_of(&s, true);
    bp_check_result *r = check_sheet(&s);
    ck_assert_str_eq(item(r, "E")->answer->text, "0.139");
    ck_assert_int_eq(item(r, "E")->verdict, BP_VERDICT_RIGHT);
    ck_assert_str_eq(item(r, "net_6")->answer->text, "-0.1046");
    ck_assert_int_eq(item(r, "net_6")->verdict, BP_VERDICT_RIGHT);
    ck_assert_double_eq(r->score, r->max_score);
    /* what exact mode shows as expected stays the exact value */
    ck_assert_double_eq_tol(item(r, "E")->expected, 0.138396445390319,
                            1e-12);
    bp_check_free(r);
    /* the lecture's o5(new) = 0.521 beside net5(new) = 0.082 is the
     * calculator's value: sigma(0.08234), the weights held unrounded */
    set(&s, "verify_o_5", "0.521");
    r = check_sheet(&s);
    ck_assert_int_eq(item(r, "verify_o_5")->verdict, BP_VERDICT_RIGHT);
    bp_check_free(r);
    /* a value of neither route stays wrong: E = 0.140 */
    set(&s, "verify_o_5", "0.520");
    set(&s, "E", "0.140");
    r = check_sheet(&s);
    ck_assert_int_eq(item(r, "E")->verdict, BP_VERDICT_WRONG);
    bp_check_free(r);
    unload();
}
END_TEST

/* a lesson without a rounding profile has no hand route to accept */
START_TEST(exact_mode_without_profile_has_no_hand_route)
{
    load("xor", true);
    ck_assert(!lesson->has_rounding);
    ck_assert_ptr_null(trace->by_hand);
    unload();
}
END_TEST

/* ---- 2. the guard: 0, 1 or one of its own inputs; never a coincidence */

START_TEST(slip_equal_to_another_answer_is_carried_forward)
{
    load("complete-example", false);
    sheet s;
    s.n = 0;
    /* the bias sign flipped: net_4 = 0.2 - 0.5 + 0.4 = 0.1, which is also
     * the right net_5; o_4 = sigma(0.1) = 0.525 and on from it */
    set(&s, "net_4", "0.1");
    set(&s, "o_4", "0.525");
    set(&s, "net_5", "0.1");
    set(&s, "o_5", "0.525");
    set(&s, "net_6", "-0.1625"); /* 0.525(-0.3) + 0.525(-0.2) + 0.1 */
    bp_check_result *r = check_sheet(&s);
    ck_assert_int_eq(item(r, "net_4")->verdict, BP_VERDICT_WRONG);
    ck_assert_int_eq(item(r, "o_4")->verdict, BP_VERDICT_ECF);
    ck_assert_int_eq(item(r, "net_5")->verdict, BP_VERDICT_RIGHT);
    ck_assert_int_eq(item(r, "net_6")->verdict, BP_VERDICT_ECF);
    double with = r->score;
    bp_check_free(r);
    set(&s, "net_5", NULL); /* the same file with net_5 left blank */
    ck_assert_double_eq(score_of(&s), with - 1);
    unload();
}
END_TEST

START_TEST(guard_refuses_zero_one_and_own_input)
{
    load("complete-example", false);
    const char *guesses[][2] = {{"o_4", "0"}, {"o_4", "1"}, {"o_4", "-0.7"}};
    for (int g = 0; g < 3; g++) {
        sheet s;
        s.n = 0;
        set(&s, guesses[g][0], guesses[g][1]);
        /* net_6 worked correctly from that o_4 */
        double o4 = atof(guesses[g][1]);
        char buf[32];
        snprintf(buf, sizeof buf, "%.4f", o4 * -0.3 + 0.525 * -0.2 + 0.1);
        set(&s, "net_6", buf);
        bp_check_result *r = check_sheet(&s);
        const bp_judgement *j = item(r, "net_6");
        if (g < 2) { /* 0 and 1: nothing carried forward */
            ck_assert_int_eq(j->verdict, BP_VERDICT_WRONG);
            ck_assert_ptr_nonnull(strstr(j->hint, "nothing is carried forward"));
            ck_assert_ptr_null(strstr(j->hint, "cop"));
        } else { /* -0.7 is net used where o belongs: a classic mistake */
            ck_assert_int_eq(j->verdict, BP_VERDICT_ECF);
        }
        bp_check_free(r);
    }
    unload();
}
END_TEST

/* ---- 4. the verification with the old weights earns nothing ---- */

START_TEST(verification_with_old_weights_earns_nothing)
{
    load("complete-example", false);
    sheet s;
    key_sheet(&s);
    const char *old[][2] = {
        {"verify_net_4", "-0.7"}, {"verify_o_4", "0.332"},
        {"verify_net_5", "0.1"},  {"verify_o_5", "0.525"},
        {"verify_net_6", "-0.105"}, {"verify_o_6", "0.474"},
        {"verify_E", "0.139"},    {"new_error_6", "0.526"},
        {"error_reduced_6", "0"}, {"E_reduced", "0"}};
    for (size_t i = 0; i < sizeof old / sizeof old[0]; i++)
        set(&s, old[i][0], old[i][1]);
    bp_check_result *r = check_sheet(&s);
    for (size_t i = 0; i < sizeof old / sizeof old[0]; i++) {
        const bp_judgement *j = item(r, old[i][0]);
        ck_assert_msg(j->credit == 0, "%s earns %g", old[i][0], j->credit);
    }
    ck_assert_ptr_nonnull(strstr(item(r, "verify_net_4")->hint,
                                 "worked with the weights before the update"));
    ck_assert_ptr_nonnull(strstr(item(r, "verify_o_4")->hint,
                                 "weights before the update"));
    bp_check_free(r);
    unload();
}
END_TEST

/* ---- 6. the erratum hint only for the number the lecture prints ---- */

START_TEST(erratum_hint_only_for_the_printed_number)
{
    load("complete-example", false);
    sheet s;
    key_sheet(&s);
    set(&s, "Delta_w46", "0.0391");
    bp_check_result *r = check_sheet(&s);
    ck_assert_ptr_nonnull(strstr(item(r, "Delta_w46")->hint, "erratum"));
    bp_check_free(r);
    set(&s, "Delta_w46", "0.0371");
    r = check_sheet(&s);
    ck_assert_int_eq(item(r, "Delta_w46")->verdict, BP_VERDICT_WRONG);
    ck_assert_ptr_null(strstr(item(r, "Delta_w46")->hint, "erratum"));
    bp_check_free(r);
    set(&s, "Delta_w46", "0.0392");
    set(&s, "verify_o_5", "0.522");
    r = check_sheet(&s);
    ck_assert_ptr_null(strstr(item(r, "verify_o_5")->hint, "erratum"));
    bp_check_free(r);
    unload();
}
END_TEST

/* ---- 7. one precision rule, for right and carried-forward numbers ---- */

START_TEST(precision_rule)
{
    load("complete-example", false);
    const bp_quantity *o4 = bp_trace_find(trace, "o_4");
    const bp_quantity *w24 = bp_trace_find(trace, "w24_new");
    bp_grading g = {.ecf_credit = 1, .coarse_credit = 0.5, .min_decimals = 0};
    bp_answer a;
    int least;
    bp_answer_from_text(&a, "o_4", "0.332");
    ck_assert_int_eq(bp_precision_judge(o4, &g, 0.332, &a, &least),
                     BP_PRECISION_OK);
    bp_answer_from_text(&a, "o_4", "0.33");
    ck_assert_int_eq(bp_precision_judge(o4, &g, 0.332, &a, &least),
                     BP_PRECISION_OK);
    ck_assert_int_eq(least, 2); /* one fewer than the lesson's 3 */
    bp_answer_from_text(&a, "o_4", "0.3");
    ck_assert_int_eq(bp_precision_judge(o4, &g, 0.332, &a, NULL),
                     BP_PRECISION_COARSE);
    bp_answer_from_text(&a, "o_4", "0");
    ck_assert_int_eq(bp_precision_judge(o4, &g, 0.332, &a, NULL),
                     BP_PRECISION_NO_DIGIT);
    bp_answer_from_text(&a, "w24_new", "0.4"); /* the value itself */
    ck_assert_int_eq(bp_precision_judge(w24, &g, 0.4, &a, NULL),
                     BP_PRECISION_OK);
    g.min_decimals = 3;
    bp_answer_from_text(&a, "o_4", "0.33");
    ck_assert_int_eq(bp_precision_judge(o4, &g, 0.332, &a, &least),
                     BP_PRECISION_COARSE);
    ck_assert_int_eq(least, 3);
    ck_assert_int_eq(bp_precision_judge(w24, &g, 0.4, &a, NULL),
                     BP_PRECISION_COARSE);
    /* a carried-forward number is held to the same rule: o_4 = 0.9
     * (wrong), then o_6 = 0.4 where its own o_6 is sigma(-0.275) = 0.432 */
    sheet s;
    s.n = 0;
    set(&s, "o_4", "0.9");
    set(&s, "o_6", "0.43");
    bp_check_result *r = check_sheet(&s);
    ck_assert_int_eq(item(r, "o_6")->verdict, BP_VERDICT_ECF);
    ck_assert_double_eq(item(r, "o_6")->credit, 1);
    bp_check_free(r);
    set(&s, "o_6", "0.4");
    r = check_sheet(&s);
    ck_assert_int_eq(item(r, "o_6")->verdict, BP_VERDICT_ECF);
    ck_assert_double_eq(item(r, "o_6")->credit, 0.5);
    ck_assert_ptr_nonnull(strstr(item(r, "o_6")->hint, "at least 2 decimals"));
    bp_check_free(r);
    unload();
}
END_TEST

/* A coarse number that is exactly what the student's own wrong numbers
 * give is worked from them, not the right value rounded: in softmax,
 * e^(net_3 - m) = 1 (not the right 0.8914) makes S = 1 + 1 = 2 and
 * o_1 = 1/2 (1.8914 and 0.471 at fewer decimals); 0.500 would earn
 * nothing there, so 0.5 must not earn more.  After a slip that is no
 * guess (0.90), S = 1.9 is the student's value itself: carried forward in
 * full, as 1.9000 would be.  S = 2 beside the right exponentials is still
 * only too coarse. */
START_TEST(coarse_number_exactly_carried_is_carried)
{
    load("softmax", false);
    sheet s;
    s.n = 0;
    set(&s, "e^(net_3-m)", "1");
    set(&s, "S", "2");
    set(&s, "o_1", "0.5");
    bp_check_result *r = check_sheet(&s);
    ck_assert_int_eq(item(r, "S")->verdict, BP_VERDICT_WRONG);
    ck_assert_ptr_nonnull(strstr(item(r, "S")->hint, "nothing is carried forward"));
    ck_assert_int_eq(item(r, "o_1")->verdict, BP_VERDICT_WRONG);
    ck_assert_double_eq(r->score, 0);
    bp_check_free(r);
    set(&s, "o_1", "0.500"); /* the same with every digit */
    r = check_sheet(&s);
    ck_assert_double_eq(item(r, "o_1")->credit, 0);
    bp_check_free(r);

    s.n = 0;
    set(&s, "e^(net_3-m)", "0.90");
    set(&s, "S", "1.9");
    r = check_sheet(&s);
    ck_assert_int_eq(item(r, "S")->verdict, BP_VERDICT_ECF);
    ck_assert_double_eq(item(r, "S")->credit, 1);
    ck_assert_ptr_nonnull(strstr(item(r, "S")->hint, "follows from your e^(net_3-m)"));
    bp_check_free(r);

    s.n = 0;
    set(&s, "e^(net_3-m)", "0.8914");
    set(&s, "S", "2");
    r = check_sheet(&s);
    ck_assert_int_eq(item(r, "S")->verdict, BP_VERDICT_COARSE);
    bp_check_free(r);
    unload();
}
END_TEST

/* --exact changes the expected values, not the digits a number needs nor
 * what a coarse number is: the same file gets the same verdicts in both
 * modes (a lesson with a rounding profile keeps it for the precision
 * rule). */
START_TEST(exact_mode_keeps_the_precision_rule)
{
    for (int exact = 0; exact <= 1; exact++) {
        load("complete-example", exact);
        sheet s;
        key_sheet_of(&s, true);
        set(&s, "w56_new", "-0.1");      /* -0.138: too coarse */
        set(&s, "w15_new", "-0.3");      /* the weight not updated */
        set(&s, "verify_net_4", "-0.7"); /* the old weights */
        bp_check_result *r = check_sheet(&s);
        ck_assert_msg(item(r, "w56_new")->verdict == BP_VERDICT_COARSE,
                      "exact %d: w56_new = -0.1 is %s", exact,
                      bp_verdict_name(item(r, "w56_new")->verdict));
        ck_assert_int_eq(item(r, "w15_new")->verdict, BP_VERDICT_WRONG);
        ck_assert_ptr_nonnull(strstr(item(r, "w15_new")->hint, "weight was not updated"));
        ck_assert_int_eq(item(r, "verify_net_4")->verdict, BP_VERDICT_WRONG);
        ck_assert_ptr_nonnull(strstr(item(r, "verify_net_4")->hint,
                                     "weights before the update"));
        bp_check_free(r);
        unload();
    }
}
END_TEST

/* ---- 3. more right work never lowers a score ---- */

/* The key as a calculator student writes it: each exact value to 5
 * significant digits (0.33181, not the key's 0.332), a right value that
 * gives the world other numbers than the key's. */
static void calculator_sheet_of(sheet *s, const sheet *key)
{
    s->n = 0;
    for (int i = 0; i < key->n; i++) {
        const bp_quantity *q = bp_trace_find(trace, key->a[i].name);
        ck_assert_ptr_nonnull(q);
        char buf[64];
        bp_format(buf, sizeof buf, q->exact,
                  (bp_precision){BP_ROUND_SIGNIFICANT, 5});
        set(s, key->a[i].name, buf);
    }
}

/* A random answers file from the key with planted mistakes: blanks, wrong
 * signs, a unit off in the last digit, scaled values, 0 and 1, and
 * copies of another answer; and right numbers written too coarsely (a
 * decimal fewer, judged by the precision rule and exactly_carried) or
 * with a calculator's digits (calc, the same order as key). */
static void random_sheet(sheet *s, const sheet *key, const sheet *calc,
                         bp_rng *rng)
{
    s->n = 0;
    for (int i = 0; i < key->n; i++) {
        const bp_answer *k = &key->a[i];
        uint64_t roll = bp_rng_below(rng, 100);
        char buf[64];
        const char *text = k->text;
        if (roll < 25) {
            continue; /* blank */
        } else if (roll >= 95) {
            text = calc->a[i].text;
        } else if (roll >= 90 && k->decimals > 0) {
            snprintf(buf, sizeof buf, "%.*f", k->decimals - 1, k->value);
            text = buf;
        } else if (roll < 45) {
            double unit = pow(10, -k->decimals);
            double v = k->value;
            switch (bp_rng_below(rng, 6)) {
            case 0: v = -v; break;
            case 1: v += unit * (double)(1 + bp_rng_below(rng, 3)); break;
            case 2: v -= unit; break;
            case 3: v *= 1.5; break;
            case 4: v = (double)bp_rng_below(rng, 2); break;
            case 5: v = key->a[bp_rng_below(rng, (uint64_t)key->n)].value;
                    break;
            }
            snprintf(buf, sizeof buf, "%.*f", k->decimals, v);
            if (strspn(buf, "-0.") == strlen(buf))
                snprintf(buf, sizeof buf, "0");
            text = buf;
        }
        set(s, k->name, text);
    }
}

/* Both files' reports, to see why a property failed. */
static void dump(const sheet *s, const sheet *t)
{
    const sheet *both[] = {s, t};
    for (int k = 0; k < 2; k++) {
        bp_check_result *r = check_sheet(both[k]);
        for (int i = 0; i < r->n; i++)
            fprintf(stderr, "%-16s %-10s %-10s %g %s\n", r->items[i].q->name,
                    bp_verdict_name(r->items[i].verdict),
                    r->items[i].answer ? r->items[i].answer->text : "",
                    r->items[i].credit, r->items[i].hint);
        fprintf(stderr, "score %g\n\n", r->score);
        bp_check_free(r);
    }
}

/* The index of a name in a sheet, or -1. */
static int find(const sheet *s, const char *name)
{
    for (int m = 0; m < s->n; m++)
        if (strcmp(s->a[m].name, name) == 0)
            return m;
    return -1;
}

/* t is s with one more right answer: t's score is not lower. */
static void never_lower(const char *lesson_name, unsigned f, const sheet *s,
                        const sheet *t, const char *what, const bp_answer *k)
{
    double before = score_of(s), after = score_of(t);
    if (after < before - 1e-9 && getenv("JUDGE_DUMP"))
        dump(s, t);
    ck_assert_msg(after >= before - 1e-9, "%s file %u: %s %s = %s lowers %g to %g",
                  lesson_name, f, what, k->name, k->text, before, after);
}

/* For `files` random files, one item of the key each (every item for the
 * first EVERY_ITEM files): adding the right answer (the key's, or at
 * random the calculator's) never lowers the score
 * (and so taking it out never raises it); putting it in place of a wrong one never scores less than leaving the
 * wrong one blank.  (It may score less than the wrong one itself: numbers
 * carried forward from the wrong one lose that; counted, not failed.) */
#define EVERY_ITEM 20 /* files tried with every item */

static void more_right_work(const char *name, unsigned files, bool exact,
                            bool hand_key)
{
    load(name, exact);
    sheet key;
    key_sheet_of(&key, hand_key);
    sheet calc;
    calculator_sheet_of(&calc, &key);
    bp_rng rng;
    bp_rng_seed(&rng, 20261205);
    unsigned corrected = 0, lost = 0;
    for (unsigned f = 0; f < files; f++) {
        sheet s;
        random_sheet(&s, &key, &calc, &rng);
        /* every item of the first files, one at random of the others */
        int first = f < EVERY_ITEM ? 0 : (int)bp_rng_below(&rng, (uint64_t)key.n);
        int last = f < EVERY_ITEM ? key.n : first + 1;
        for (int i = first; i < last; i++) {
            const bp_answer *k =
                bp_rng_below(&rng, 2) ? &key.a[i] : &calc.a[i];
            int at = find(&s, k->name);
            sheet t = s;
            if (at < 0) {
                set(&t, k->name, k->text);
                never_lower(name, f, &s, &t, "adding", k);
            } else if (strcmp(s.a[at].text, k->text) == 0) {
                set(&t, k->name, NULL); /* s is t with the answer added */
                never_lower(name, f, &t, &s, "adding back", k);
            } else {
                sheet blank = s;
                set(&blank, k->name, NULL);
                set(&t, k->name, k->text);
                never_lower(name, f, &blank, &t, "correcting", k);
                corrected++;
                lost += score_of(&t) < score_of(&s) - 1e-9;
            }
        }
    }
    if (getenv("JUDGE_DUMP"))
        fprintf(stderr, "%s: %u of %u corrections lowered the score\n", name,
                lost, corrected);
    unload();
}

START_TEST(more_right_work_never_lowers_the_score)
{
    /* every lesson with answers files, and the exercises */
    static const char *lessons[] = {
        "complete-example", "two-outputs", "cross-entropy", "softmax",
        "leaky-relu", "softplus", "tests/lessons/activations",
        "tests/lessons/grading", "chain-rule", "error-terms",
        "weight-update", "xor", "self-test", "learning-rates"};
    for (size_t i = 0; i < sizeof lessons / sizeof lessons[0]; i++)
        more_right_work(lessons[i], 1000, false, false);
    more_right_work("complete-example", 1000, true, false); /* --exact */
    /* --exact, mistakes planted in the hand student's file */
    more_right_work("complete-example", 1000, true, true);
    more_right_work("two-outputs", 1000, true, true);
}
END_TEST

static Suite *judge_suite(void)
{
    Suite *s = suite_create("judge");
    TCase *tc = tcase_create("rules");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, hand_and_calculator_students_both_right);
    tcase_add_test(tc, right_value_that_does_not_follow_is_wrong);
    tcase_add_test(tc, full_precision_student_right_in_both_modes);
    tcase_add_test(tc, exact_mode_takes_the_calculator_student);
    tcase_add_test(tc, exact_mode_takes_the_hand_student);
    tcase_add_test(tc, exact_mode_without_profile_has_no_hand_route);
    tcase_add_test(tc, slip_equal_to_another_answer_is_carried_forward);
    tcase_add_test(tc, guard_refuses_zero_one_and_own_input);
    tcase_add_test(tc, verification_with_old_weights_earns_nothing);
    tcase_add_test(tc, erratum_hint_only_for_the_printed_number);
    tcase_add_test(tc, precision_rule);
    tcase_add_test(tc, coarse_number_exactly_carried_is_carried);
    tcase_add_test(tc, exact_mode_keeps_the_precision_rule);
    tcase_add_test(tc, more_right_work_never_lowers_the_score);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(judge_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
