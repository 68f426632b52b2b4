/* test_lecture_student.c: the lecture as a student.
 *
 * For every lesson of lessons/ that keeps the numbers the lecture prints
 * (`lecture:`), an answers file is written of exactly those numbers, as
 * printed (their digits kept), and checked against the lesson.  The
 * quantities the lesson lists under `errata:` must come out wrong (not
 * ECF, not right), with a hint that names the erratum; every other number
 * the lecture prints must come out right.  An erratum whose printed number
 * is the exact value at its digits (section 7's o5(new) = 0.521, sigma of
 * the unrounded net) is what the calculator student writes: right, and
 * without an erratum hint.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "bptrace.h"
#include "unit.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LESSONS 64
static char lessons[MAX_LESSONS][256];
static int n_lessons;

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The lessons of lessons/, in name order. */
static void find_lessons(void)
{
    DIR *d = opendir(BP_SOURCE_ROOT "/lessons");
    if (!d) {
        perror(BP_SOURCE_ROOT "/lessons");
        exit(99);
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        if (n_lessons == MAX_LESSONS) {
            fprintf(stderr, "more than %d lessons\n", MAX_LESSONS);
            exit(99);
        }
        snprintf(lessons[n_lessons++], sizeof lessons[0], "%s", e->d_name);
    }
    closedir(d);
    qsort(lessons, (size_t)n_lessons, sizeof lessons[0], by_name);
}

/* A name as a YAML key: plain when it can be, else double-quoted. */
static void put_key(FILE *f, const char *name)
{
    bool plain = name[0] && !strchr("-?:,[]{}#&*!|>'\"%@`", name[0]) &&
                 !strpbrk(name, " :#\t");
    if (plain) {
        fprintf(f, "%s: ", name);
        return;
    }
    fputc('"', f);
    for (const char *p = name; *p; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', f);
        fputc(*p, f);
    }
    fputs("\": ", f);
}

/* The lecture's numbers as an answers file, each exactly as printed. */
static char *lecture_answers(const bp_lesson *l, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    ck_assert_ptr_nonnull(f);
    fputs("student: the lecture\nanswers:\n", f);
    for (int i = 0; i < l->n_lecture; i++) {
        fputs("  ", f);
        put_key(f, l->lecture[i].name);
        fprintf(f, "%s\n", l->lecture[i].printed);
    }
    ck_assert_int_eq(fclose(f), 0);
    return buf;
}

static const bp_lecture_value *lecture_for(const bp_lesson *l,
                                           const char *name)
{
    for (int i = 0; i < l->n_lecture; i++)
        if (strcmp(l->lecture[i].name, name) == 0)
            return &l->lecture[i];
    return NULL;
}

START_TEST(lecture_as_student)
{
    char path[1024];
    bp_error err;
    snprintf(path, sizeof path, "%s/lessons/%s", BP_SOURCE_ROOT,
             lessons[_i]);
    bp_lesson *l = bp_lesson_load(path, &err);
    ck_assert_msg(l != NULL, "%s:%d:%d: %s", path, err.pos.line,
                  err.pos.column, err.message);
    if (l->n_lecture == 0) { /* nothing printed to hold it to */
        bp_lesson_free(l);
        return;
    }
    bp_trace *t = bp_trace_build(l, &err);
    ck_assert_msg(t != NULL, "%s: %s", path, err.message);

    size_t len;
    char *yaml = lecture_answers(l, &len);
    bp_answers *a = bp_answers_parse("lecture.yaml", yaml, len, &err);
    ck_assert_msg(a != NULL, "%s: lecture.yaml:%d:%d: %s\n%s", lessons[_i],
                  err.pos.line, err.pos.column, err.message, yaml);
    ck_assert_int_eq(a->n, l->n_lecture);
    bp_check_result *r = bp_check(t, a, &err);
    ck_assert_msg(r != NULL, "%s: %d:%d: %s", lessons[_i], err.pos.line,
                  err.pos.column, err.message);

    /* Failures are gathered, and asserted once everything is freed (a
     * failed assertion leaves the test at once, without fork). */
    char why[2048] = "";
#define FAIL(...)                                                     \
    do {                                                              \
        if (!why[0])                                                  \
            snprintf(why, sizeof why, __VA_ARGS__);                   \
    } while (0)

    /* Every erratum is one of the lecture's numbers. */
    for (int i = 0; i < l->n_errata; i++)
        if (!lecture_for(l, l->errata[i].name))
            FAIL("%s: erratum %s is not among the lecture's numbers",
                 lessons[_i], l->errata[i].name);

    int answered = 0, wrong = 0, exact_errata = 0;
    for (int i = 0; i < r->n; i++) {
        const bp_judgement *j = &r->items[i];
        if (!j->answer)
            continue; /* a quantity the lecture does not print */
        answered++;
        const bp_erratum *e = unit_erratum(l, j->q->name);
        if (!e) {
            if (j->verdict != BP_VERDICT_RIGHT)
                FAIL("%s: the lecture's %s = %s comes out %s (%s), "
                     "expected %.17g", lessons[_i], j->q->name,
                     j->answer->text, bp_verdict_name(j->verdict), j->hint,
                     j->expected);
            continue;
        }
        if (bp_agrees(j->answer->value, j->answer->decimals,
                      j->q->exact)) { /* the calculator's value */
            exact_errata++;
            if (j->verdict != BP_VERDICT_RIGHT || strstr(j->hint, "erratum"))
                FAIL("%s: %s = %s is the exact value at its digits but "
                     "comes out %s (%s)", lessons[_i], j->q->name,
                     j->answer->text, bp_verdict_name(j->verdict), j->hint);
            continue;
        }
        wrong++;
        if (j->verdict != BP_VERDICT_WRONG || j->credit != 0)
            FAIL("%s: %s = %s is an erratum of the lecture but comes out "
                 "%s (%s)", lessons[_i], j->q->name, j->answer->text,
                 bp_verdict_name(j->verdict), j->hint);
        else if (!strstr(j->hint, "erratum") ||
                 !strstr(j->hint, e->printed) || !strstr(j->hint, e->correct))
            FAIL("%s: %s: the hint does not name the erratum (printed %s, "
                 "correct %s): '%s'", lessons[_i], j->q->name, e->printed,
                 e->correct, j->hint);
    }
    if (answered != l->n_lecture)
        FAIL("%s: %d of the lecture's %d numbers checked", lessons[_i],
             answered, l->n_lecture);
    else if (wrong + exact_errata != l->n_errata)
        FAIL("%s: %d errata of %d checked", lessons[_i],
             wrong + exact_errata, l->n_errata);
    else if ((r->first_wrong >= 0) != (wrong > 0))
        FAIL("%s: first wrong step %d with %d errata", lessons[_i],
             r->first_wrong, l->n_errata);
#undef FAIL

    bp_check_free(r);
    bp_answers_free(a);
    free(yaml);
    bp_trace_free(t);
    bp_lesson_free(l);
    ck_assert_msg(!why[0], "%s", why);
}
END_TEST

int main(void)
{
    find_lessons();
    Suite *s = suite_create("lecture-as-student");
    TCase *tc = tcase_create("lecture");
    tcase_add_loop_test(tc, lecture_as_student, 0, n_lessons);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
