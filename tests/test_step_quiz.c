/* test_step_quiz.c: the parts of `bptrace step` and `bptrace quiz` that
 * need no terminal: the quantities shown, jumps, commands, --only kinds,
 * a quiz's outcomes, its answers file, and bp_check_quantity judging one
 * quantity exactly as bp_check judges it among the others. */
#include "interact/quiz.h"
#include "check/report.h"
#include "interact/step.h"
#include "unit.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bp_lesson *lesson;
static bp_trace *trace;

static void load(const char *path)
{
    lesson = unit_load(path);
    trace = unit_trace(lesson);
}

static void unload(void)
{
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    trace = NULL;
    lesson = NULL;
}

static const char *item_name(const bp_stepper *s, int i)
{
    return i < 0 ? "(none)" : s->t->q[s->items[i]].name;
}

/* ---- the stepper ---- */

START_TEST(all_quantities_in_order)
{
    load("lessons/complete-example.yaml");
    bp_stepper s;
    ck_assert_int_eq(bp_stepper_init(&s, trace, -1), 0);
    ck_assert_int_eq(s.n, 33); /* as many as the answers template has */
    ck_assert_str_eq(item_name(&s, 0), "net_4");
    ck_assert_str_eq(item_name(&s, 8), "delta_6");
    ck_assert_str_eq(item_name(&s, 32), "E_reduced");
    bp_stepper_free(&s);
    unload();
}
END_TEST

START_TEST(one_unit)
{
    static const char *unit4[] = {"net_4", "o_4", "delta_4", "w14_new",
                                  "w24_new", "w34_new", "b4_new",
                                  "verify_net_4", "verify_o_4"};
    load("lessons/complete-example.yaml");
    int u = bp_stepper_unit(lesson, "4");
    ck_assert_int_ge(u, 0);
    ck_assert_int_eq(bp_stepper_unit(lesson, "7"), -1);
    bp_stepper s;
    ck_assert_int_eq(bp_stepper_init(&s, trace, u), 0);
    ck_assert_int_eq(s.n, 9);
    for (int i = 0; i < s.n; i++)
        ck_assert_str_eq(item_name(&s, i), unit4[i]);
    bp_stepper_free(&s);
    unload();
}
END_TEST

START_TEST(jumps)
{
    load("lessons/complete-example.yaml");
    bp_stepper s;
    const char *why;
    ck_assert_int_eq(bp_stepper_init(&s, trace, -1), 0);
    ck_assert_str_eq(item_name(&s, bp_stepper_find(&s, "f", &why)), "net_4");
    ck_assert_str_eq(item_name(&s, bp_stepper_find(&s, "e", &why)),
                     "t_6-o_6");
    ck_assert_str_eq(item_name(&s, bp_stepper_find(&s, "b", &why)),
                     "delta_6");
    ck_assert_str_eq(item_name(&s, bp_stepper_find(&s, "Backward", &why)),
                     "delta_6");
    ck_assert_str_eq(item_name(&s, bp_stepper_find(&s, "u", &why)),
                     "w46_new");
    ck_assert_str_eq(item_name(&s, bp_stepper_find(&s, "verify", &why)),
                     "verify_net_4");
    /* a letter is a part only as typed: E is the loss */
    ck_assert_str_eq(item_name(&s, bp_stepper_find(&s, "E", &why)), "E");
    ck_assert_str_eq(item_name(&s, bp_stepper_find(&s, "delta_5", &why)),
                     "delta_5");
    ck_assert_int_eq(bp_stepper_find(&s, "2", &why), -1); /* no steps */
    ck_assert_ptr_nonnull(strstr(why, "not a part"));
    ck_assert_int_eq(bp_stepper_find(&s, "x_1*w14", &why), -1);
    ck_assert_str_eq(why, "that quantity is not among those shown here");
    bp_stepper_free(&s);
    /* only unit 4: it has no error part */
    ck_assert_int_eq(bp_stepper_init(&s, trace, bp_stepper_unit(lesson, "4")),
                     0);
    ck_assert_int_eq(bp_stepper_find(&s, "error", &why), -1);
    ck_assert_str_eq(why, "nothing of that part is shown here");
    bp_stepper_free(&s);
    unload();
}
END_TEST

START_TEST(exercise_steps)
{
    load("lessons/error-terms.yaml");
    bp_stepper s;
    const char *why;
    ck_assert_int_eq(bp_stepper_init(&s, trace, -1), 0);
    ck_assert_int_eq(s.n, 2);
    ck_assert_int_eq(bp_stepper_find(&s, "2", &why), 1);
    ck_assert_int_eq(bp_stepper_find(&s, "step 1", &why), 0);
    ck_assert_int_eq(bp_stepper_find(&s, "3", &why), -1);
    ck_assert_str_eq(why, "the exercise has no such step");
    bp_stepper_free(&s);
    unload();
}
END_TEST

START_TEST(commands)
{
    const char *arg;
    ck_assert_int_eq(bp_step_parse("", &arg), BP_STEP_NEXT);
    ck_assert_int_eq(bp_step_parse("  n", &arg), BP_STEP_NEXT);
    ck_assert_int_eq(bp_step_parse("b", &arg), BP_STEP_BACK);
    ck_assert_int_eq(bp_step_parse("q", &arg), BP_STEP_QUIT);
    ck_assert_int_eq(bp_step_parse("?", &arg), BP_STEP_HELP);
    ck_assert_int_eq(bp_step_parse("g backward", &arg), BP_STEP_JUMP);
    ck_assert_str_eq(arg, "backward");
    ck_assert_int_eq(bp_step_parse("g", &arg), BP_STEP_JUMP);
    ck_assert_str_eq(arg, "");
    ck_assert_int_eq(bp_step_parse("go", &arg), BP_STEP_UNKNOWN);
    ck_assert_int_eq(bp_step_parse("bq", &arg), BP_STEP_UNKNOWN);
}
END_TEST

/* ---- the quiz ---- */

START_TEST(only_kinds)
{
    bool k[BP_Q_KIND_COUNT];
    const char *bad;
    int len;
    ck_assert_int_eq(bp_quiz_kinds("deltas", k, &bad, &len), 0);
    ck_assert(k[BP_Q_OUTPUT_DELTA] && k[BP_Q_HIDDEN_DELTA] && !k[BP_Q_NET]);
    ck_assert_int_eq(bp_quiz_kinds("net, weights", k, &bad, &len), 0);
    ck_assert(k[BP_Q_NET] && k[BP_Q_NEW_PARAM] && !k[BP_Q_OUTPUT_DELTA]);
    ck_assert_int_eq(bp_quiz_kinds("delta,sumz", k, &bad, &len), -1);
    ck_assert_int_eq(len, 4);
    ck_assert_int_eq(strncmp(bad, "sumz", 4), 0);
    /* worksheet --blank's names for the same kinds */
    ck_assert_int_eq(bp_quiz_kinds("activation,sums,new_weights,"
                                   "weight_change", k, &bad, &len), 0);
    ck_assert(k[BP_Q_ACTIVATION] && k[BP_Q_SIGNAL] && k[BP_Q_NEW_PARAM] &&
              k[BP_Q_CHANGE] && !k[BP_Q_NET]);
    ck_assert_int_eq(bp_quiz_kinds("delta,", k, &bad, &len), -1);
    ck_assert_int_eq(bp_quiz_kinds("deltass", k, &bad, &len), -1);
    ck_assert_int_eq(bp_quiz_kinds("", k, &bad, &len), -1);
}
END_TEST

START_TEST(typed_numbers)
{
    bp_answer a;
    ck_assert_int_eq(bp_answer_from_text(&a, "o_4", "0.330"), BP_NUM_OK);
    ck_assert_int_eq(a.decimals, 3);
    ck_assert(a.answered);
    ck_assert_str_eq(a.name, "o_4");
    ck_assert_int_eq(bp_answer_from_text(&a, "o_4", "1,5"), BP_NUM_SYNTAX);
    ck_assert_int_eq(bp_answer_from_text(&a, "o_4", "abc"), BP_NUM_SYNTAX);
    ck_assert_int_eq(bp_answer_from_text(&a, "o_4", ""), BP_NUM_EMPTY);
    ck_assert_int_eq(bp_answer_from_text(&a, "o_4", "nan"), BP_NUM_NONFINITE);
    char longer[80];
    memset(longer, '1', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    longer[1] = '.';
    ck_assert_int_eq(bp_answer_from_text(&a, "o_4", longer), BP_NUM_SYNTAX);
}
END_TEST

/* Type `text` for item i; the verdict. */
static bp_verdict type(bp_quiz *z, int i, const char *text, bool *settled)
{
    bp_answer a;
    bp_judgement j;
    bp_error err;
    ck_assert_int_eq(bp_answer_from_text(&a, z->items[i].q->name, text),
                     BP_NUM_OK);
    ck_assert_int_eq(bp_quiz_judge(z, i, &a, &j, &err), BP_OK);
    *settled = bp_quiz_record(z, i, &a, &j);
    return j.verdict;
}

START_TEST(outcomes)
{
    load("lessons/complete-example.yaml");
    bp_quiz z;
    bool settled;
    ck_assert_int_eq(bp_quiz_init(&z, trace, NULL, "complete-example"), 0);
    ck_assert_int_eq(bp_quiz_asked(&z), 33);
    ck_assert_int_eq(type(&z, 0, "-0.7", &settled), BP_VERDICT_RIGHT);
    ck_assert(settled);
    ck_assert_int_eq(z.items[0].outcome, BP_QUIZ_FIRST);
    /* o_4: wrong, then right */
    ck_assert_int_eq(type(&z, 1, "-0.7", &settled), BP_VERDICT_WRONG);
    ck_assert(!settled);
    ck_assert_int_eq(type(&z, 1, "0.33", &settled), BP_VERDICT_RIGHT);
    ck_assert_int_eq(z.items[1].outcome, BP_QUIZ_SECOND);
    ck_assert_str_eq(z.items[1].typed, "-0.7, 0.33");
    /* net_5: missed twice (not 0.2: a copy of b_5 is a guess) */
    ck_assert_int_eq(type(&z, 2, "0.3", &settled), BP_VERDICT_WRONG);
    ck_assert_int_eq(type(&z, 2, "0.15", &settled), BP_VERDICT_WRONG);
    ck_assert(settled);
    ck_assert_int_eq(z.items[2].outcome, BP_QUIZ_MISSED);
    /* o_5 from the student's own net_5 = 0.15: sigma(0.15) = 0.537 */
    ck_assert_int_eq(type(&z, 3, "0.537", &settled), BP_VERDICT_ECF);
    ck_assert_int_eq(z.items[3].outcome, BP_QUIZ_ECF);
    /* from the first wrong net_5 = 0.3, sigma(0.3) = 0.574 (the student
     * went on from 0.15): not ECF */
    bp_answer a;
    bp_judgement j;
    bp_error err;
    bp_answer_from_text(&a, "o_5", "0.574");
    ck_assert_int_eq(bp_quiz_judge(&z, 3, &a, &j, &err), BP_OK);
    ck_assert_int_eq(j.verdict, BP_VERDICT_WRONG);
    bp_quiz_free(&z);
    unload();
}
END_TEST

START_TEST(coarse_is_asked_again)
{
    load("tests/lessons/grading.yaml");
    bp_quiz z;
    bool settled;
    ck_assert_int_eq(bp_quiz_init(&z, trace, NULL, NULL), 0);
    /* min_decimals 3: delta_k = 0.032 written 0.03 is right but too
     * coarse (as tests/answers/grading/coarse.yaml): asked again, free */
    ck_assert_str_eq(z.items[0].q->name, "delta_k");
    ck_assert_int_eq(type(&z, 0, "0.03", &settled), BP_VERDICT_COARSE);
    ck_assert(!settled);
    ck_assert_int_eq(z.items[0].misses, 0);
    ck_assert_int_eq(z.items[0].outcome, BP_QUIZ_PENDING);
    /* kept as the last number typed, graded as written if the quiz
     * stops here (too coarse, as check grades it) */
    ck_assert(z.items[0].answer.answered);
    ck_assert_int_eq(z.items[0].verdict, BP_VERDICT_COARSE);
    ck_assert_int_eq(type(&z, 0, "0.032", &settled), BP_VERDICT_RIGHT);
    ck_assert_int_eq(z.items[0].outcome, BP_QUIZ_FIRST);
    bp_quiz_free(&z);
    unload();
}
END_TEST

/* What --save writes for the quiz so far (to be freed); its length in
 * *len. */
static char *saved(const bp_quiz *z, size_t *len)
{
    char *buf = NULL;
    *len = 0;
    FILE *f = open_memstream(&buf, len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(bp_quiz_save(z, f), 0);
    fclose(f);
    return buf;
}

/* Stopped after one wrong number: the item is graded as typed, in the
 * score as in the saved file (not "not answered"). */
START_TEST(stopped_after_a_miss)
{
    load("lessons/complete-example.yaml");
    bp_quiz z;
    bool settled;
    ck_assert_int_eq(bp_quiz_init(&z, trace, NULL, "complete-example"), 0);
    type(&z, 0, "-0.7", &settled);
    ck_assert_int_eq(type(&z, 1, "0.5", &settled), BP_VERDICT_WRONG);
    ck_assert(!settled);
    bp_quiz_stop(&z, 2); /* nothing typed for item 2: still pending */
    ck_assert_int_eq(z.items[2].outcome, BP_QUIZ_PENDING);
    bp_quiz_stop(&z, 1);
    ck_assert_int_eq(z.items[1].outcome, BP_QUIZ_STOPPED);
    char words[64];
    ck_assert_str_eq(bp_quiz_verdict_text(&z.items[1], words, sizeof words),
                     "wrong, stopped before a second try");
    ck_assert_str_eq(bp_quiz_verdict_text(&z.items[2], words, sizeof words),
                     "");
    size_t len;
    char *buf = saved(&z, &len);
    ck_assert_ptr_nonnull(strstr(buf, "  o_4: 0.5                       "
                                      "# typed: 0.5; quiz: wrong, stopped "
                                      "before a second try\n"));
    free(buf);
    bp_quiz_free(&z);
    unload();
}
END_TEST

START_TEST(saved_file_reads_back)
{
    load("lessons/complete-example.yaml");
    bp_quiz z;
    bool settled;
    ck_assert_int_eq(bp_quiz_init(&z, trace, NULL, "complete-example"), 0);
    type(&z, 0, "-0.70", &settled);
    type(&z, 1, "0.5", &settled);
    type(&z, 1, "0.3320", &settled);
    size_t len;
    char *buf = saved(&z, &len);
    bp_error err;
    bp_answers *a = bp_answers_parse("saved.yaml", buf, len, &err);
    ck_assert_msg(a != NULL, "%s", err.message);
    ck_assert_int_eq(a->n, 2);
    ck_assert_str_eq(a->answers[0].name, "net_4");
    ck_assert_str_eq(a->answers[0].text, "-0.70");
    ck_assert_int_eq(a->answers[0].decimals, 2);
    ck_assert_str_eq(a->answers[1].text, "0.3320"); /* the last typed */
    ck_assert_ptr_nonnull(strstr(buf, "# typed: 0.5, 0.3320"));
    bp_answers_free(a);
    free(buf);
    bp_quiz_free(&z);
    unload();
}
END_TEST

/* bp_check_quantity says of each quantity what bp_check says of it
 * among all the answers: every answers file of the check tests. */
static void same_as_check(const char *lesson_path, const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", BP_SOURCE_ROOT, dir);
    DIR *d = opendir(path);
    ck_assert_ptr_nonnull(d);
    load(lesson_path);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        char file[2048];
        bp_error err;
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        bp_answers *a = bp_answers_load(file, &err);
        ck_assert_msg(a != NULL, "%s: %s", file, err.message);
        bp_check_result *r = bp_check(trace, a, &err);
        ck_assert_ptr_nonnull(r);
        for (int i = 0; i < r->n; i++) {
            bp_judgement j;
            ck_assert_int_eq(
                bp_check_quantity(trace, a, r->items[i].q, &j, &err), BP_OK);
            ck_assert_msg(j.verdict == r->items[i].verdict &&
                              strcmp(j.hint, r->items[i].hint) == 0,
                          "%s: %s", file, j.q->name);
        }
        bp_check_free(r);
        bp_answers_free(a);
        files++;
    }
    closedir(d);
    ck_assert_int_gt(files, 10);
    unload();
}

START_TEST(one_quantity_as_check_judges_it)
{
    same_as_check("lessons/complete-example.yaml",
                  "tests/answers/complete-example");
}
END_TEST

/* Every lesson of the lessons directory: the quiz walks every quantity
 * the stepper shows, and the numbers the trace writes are right when
 * typed, one after the other. */
START_TEST(every_lesson_right_as_written)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/lessons", BP_SOURCE_ROOT);
    DIR *d = opendir(path);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    int lessons = 0;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        char file[1100];
        snprintf(file, sizeof file, "lessons/%s", e->d_name);
        load(file);
        bp_stepper s;
        bp_quiz z;
        ck_assert_int_eq(bp_stepper_init(&s, trace, -1), 0);
        ck_assert_int_eq(bp_quiz_init(&z, trace, NULL, NULL), 0);
        ck_assert_int_eq(s.n, z.n);
        for (int i = 0; i < z.n; i++) {
            ck_assert_int_eq(bp_stepper_item(&s, z.items[i].q), i);
            bp_judgement j = {.q = z.items[i].q, .expected = trace->hand_rounding
                                               ? z.items[i].q->hand
                                               : z.items[i].q->exact};
            char written[64];
            bp_report_expected(&j, written, sizeof written);
            bool settled;
            bp_verdict v = type(&z, i, written, &settled);
            ck_assert_msg(v == BP_VERDICT_RIGHT, "%s: %s = %s is %s", file,
                          z.items[i].q->name, written, bp_verdict_name(v));
        }
        bp_quiz_free(&z);
        bp_stepper_free(&s);
        unload();
        lessons++;
    }
    closedir(d);
    ck_assert_int_gt(lessons, 10);
}
END_TEST

START_TEST(not_graded_is_an_error)
{
    load("lessons/complete-example.yaml");
    bp_answers none = {.file = "none.yaml"};
    bp_judgement j;
    bp_error err;
    ck_assert_int_eq(bp_check_quantity(trace, &none,
                                       bp_trace_find(trace, "x_1*w14"), &j,
                                       &err),
                     BP_ERR_INPUT);
    ck_assert_int_eq(bp_check_quantity(trace, &none,
                                       bp_trace_find(trace, "o_4"), &j, &err),
                     BP_OK);
    ck_assert_int_eq(j.verdict, BP_VERDICT_MISSING);
    unload();
}
END_TEST


/* ---- the walk's pull iterator ---- */

typedef struct {
    bp_walk_kind kind;
    const bp_quantity *q;
    char last_step[BP_STEP_MAX]; /* a derivation's result as written */
} seen_event;

static bp_status count_event(const bp_walk_event *e, void *ctx)
{
    (void)e;
    ++*(int *)ctx;
    return BP_OK;
}

/* Every event of the walk, as many as bp_walk hands out, then each again
 * by seeking to where it was: the same event comes, with the same
 * derivation. */
static void check_seek(const char *path)
{
    load(path);
    bp_text c;
    text_init(&c, trace, &(bp_render_options){.mode = BP_MODE_HAND,
                                               .digits = 4}, NULL);
    bp_writer w = text_writer(&c);
    bp_walk_iter *it = bp_walk_start(trace, &(bp_walk_options){&w, false});
    ck_assert_ptr_nonnull(it);
    enum { MAX_EVENTS = 512 };
    static seen_event seen[MAX_EVENTS];
    static bp_walk_mark marks[MAX_EVENTS];
    int n = 0;
    for (;;) {
        bp_walk_mark m = bp_walk_tell(it);
        const bp_walk_event *e = bp_walk_next(it);
        if (!e)
            break;
        ck_assert_int_lt(n, MAX_EVENTS);
        marks[n] = m;
        seen[n] = (seen_event){e->kind, e->q, ""};
        if (e->kind == BP_WALK_DERIVATION)
            snprintf(seen[n].last_step, BP_STEP_MAX, "%s",
                     e->chain->step[e->chain->n - 1]);
        n++;
    }
    ck_assert_int_eq(bp_walk_status(it), BP_OK);
    int expected_events = 0;
    ck_assert_int_eq(bp_walk(trace, &(bp_walk_options){&w, false},
                             count_event, &expected_events),
                     BP_OK);
    ck_assert_int_gt(n, 20);
    ck_assert_int_eq(n, expected_events);
    ck_assert_int_eq(seen[0].kind, BP_WALK_HEADER);
    for (int k = n - 1; k >= 0; k -= 3) { /* backwards: seeks go back */
        bp_walk_seek(it, &marks[k]);
        const bp_walk_event *e = bp_walk_next(it);
        ck_assert_ptr_nonnull(e);
        ck_assert_int_eq(e->kind, seen[k].kind);
        ck_assert_ptr_eq(e->q, seen[k].q);
        if (e->kind == BP_WALK_DERIVATION)
            ck_assert_str_eq(e->chain->step[e->chain->n - 1],
                             seen[k].last_step);
    }
    bp_walk_free(it);
    unload();
}

START_TEST(walk_seek)
{
    check_seek("lessons/complete-example.yaml");
    check_seek("lessons/learning-rates.yaml");
}
END_TEST

static Suite *step_quiz_suite(void)
{
    Suite *s = suite_create("step-quiz");
    TCase *tc = tcase_create("step");
    tcase_add_test(tc, all_quantities_in_order);
    tcase_add_test(tc, one_unit);
    tcase_add_test(tc, jumps);
    tcase_add_test(tc, exercise_steps);
    tcase_add_test(tc, commands);
    tcase_add_test(tc, walk_seek);
    suite_add_tcase(s, tc);
    tc = tcase_create("quiz");
    tcase_add_test(tc, only_kinds);
    tcase_add_test(tc, typed_numbers);
    tcase_add_test(tc, outcomes);
    tcase_add_test(tc, coarse_is_asked_again);
    tcase_add_test(tc, stopped_after_a_miss);
    tcase_add_test(tc, saved_file_reads_back);
    tcase_add_test(tc, one_quantity_as_check_judges_it);
    tcase_add_test(tc, not_graded_is_an_error);
    tcase_add_test(tc, every_lesson_right_as_written);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(step_quiz_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
