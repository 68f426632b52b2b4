/* test_worksheet.c: worksheets, through the library's API.
 *
 * - No blank leaks: a worksheet is rendered, then every quantity it leaves
 *   blank is given a poisoned value (987654.321) and the worksheet rendered
 *   again: the two must be the same bytes, and the poison nowhere.  Any
 *   path that wrote a blank's number (in a later substitution, the summary
 *   table, an interpretation) would show the poison.  Every lesson, every
 *   format, several sets of kinds.
 * - Each blank derivation ends in one blank: as many as there are blank
 *   quantities on lines of their own.
 * - The key: every blank's number, as the engine wrote it, is in the key.
 * - The answers template, its blanks filled with the engine's numbers (a
 *   key transcribed), checks as full marks (the worksheet's own numbers
 *   given, out of the maximum); left as it is, the blanks are exactly the
 *   missing ones and it scores 0.
 * - Kinds: names, short forms, all; an unknown kind names the valid ones;
 *   which quantities a kind blanks.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "bptrace.h"
#include "write/derive.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BP_SOURCE_ROOT
#define BP_SOURCE_ROOT "."
#endif

#define MAX_LESSONS 64
static char lessons[MAX_LESSONS][300];
static int n_lessons;

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void find_in(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        exit(99);
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0 &&
            n_lessons < MAX_LESSONS)
            snprintf(lessons[n_lessons++], sizeof lessons[0], "%s/%s", dir,
                     e->d_name);
    }
    closedir(d);
}

static void find_lessons(void)
{
    find_in(BP_SOURCE_ROOT "/lessons");
    find_in(BP_SOURCE_ROOT "/tests/lessons");
    qsort(lessons, (size_t)n_lessons, sizeof lessons[0], by_name);
}

typedef struct {
    bp_lesson *lesson;
    bp_trace *trace;
} loaded;

static loaded load(const char *path)
{
    bp_error err;
    loaded l;
    l.lesson = bp_lesson_load(path, &err);
    ck_assert_msg(l.lesson != NULL, "%s: %s", path, err.message);
    l.trace = bp_trace_build(l.lesson, &err);
    ck_assert_msg(l.trace != NULL, "%s: %s", path, err.message);
    return l;
}

static void unload(loaded *l)
{
    bp_trace_free(l->trace);
    bp_lesson_free(l->lesson);
}

static bp_worksheet_options options(const bp_trace *t, bp_render_format f,
                                    unsigned kinds)
{
    return (bp_worksheet_options){
        .format = f,
        .blank = kinds,
        .mode = t->hand_rounding ? BP_MODE_HAND : BP_MODE_EXACT,
        .digits = 4,
    };
}

/* What a writer wrote, as a string the caller frees. */
static char *render(const bp_trace *t, const bp_worksheet_options *o,
                    bool answers_template)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    ck_assert_ptr_nonnull(f);
    int rc = answers_template ? bp_worksheet_answers_template(t, o, f)
                              : bp_render_worksheet(t, o, f);
    ck_assert_int_eq(rc, 0);
    fclose(f);
    return buf;
}

static const char *value(const bp_trace *t, const bp_quantity *q, char *buf,
                         size_t size)
{
    bp_precision none = {BP_ROUND_NONE, 0};
    if (!t->hand_rounding)
        return bp_format_sig(buf, size, q->exact, 4);
    return bp_format(buf, size, q->hand, q->rounded ? q->precision : none);
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

static const unsigned kind_sets[] = {
    BP_WORKSHEET_ALL,
    1u << BP_RK_NET,
    1u << BP_RK_ACTIVATION,
    1u << BP_RK_DELTA,
    (1u << BP_RK_DELTA) | (1u << BP_RK_NEW_WEIGHT),
    1u << BP_RK_ERROR,
    1u << BP_RK_PRODUCT,
    1u << BP_RK_WEIGHT_CHANGE,
};
#define N_SETS (int)(sizeof kind_sets / sizeof kind_sets[0])

START_TEST(no_blank_leaks)
{
    loaded l = load(lessons[_i]);
    bp_trace *t = l.trace;
    bool *blank = calloc((size_t)t->n, sizeof *blank);
    ck_assert_ptr_nonnull(blank);
    for (int s = 0; s < N_SETS; s++) {
        for (int f = 0; f < BP_RENDER_FORMAT_COUNT; f++) {
            if (!bp_render_format_about((bp_render_format)f)->worksheet)
                continue;
            bp_worksheet_options o = options(t, (bp_render_format)f,
                                             kind_sets[s]);
            char *before = render(t, &o, false);
            bp_worksheet_blanks(t, kind_sets[s], blank);
            bp_quantity *saved = malloc((size_t)t->n * sizeof *saved);
            ck_assert_ptr_nonnull(saved);
            memcpy(saved, t->q, (size_t)t->n * sizeof *saved);
            for (int i = 0; i < t->n; i++)
                if (blank[i]) {
                    t->q[i].hand = t->q[i].exact = 987654.321;
                    t->q[i].aux_hand = t->q[i].aux_exact = 987654.321;
                }
            char *after = render(t, &o, false);
            memcpy(t->q, saved, (size_t)t->n * sizeof *saved);
            free(saved);
            ck_assert_msg(strstr(after, "987654") == NULL,
                          "%s, kinds %#x, format %d: a blank's number is "
                          "written", lessons[_i], kind_sets[s], f);
            ck_assert_msg(strcmp(before, after) == 0,
                          "%s, kinds %#x, format %d: the worksheet depends "
                          "on a blank's number", lessons[_i], kind_sets[s],
                          f);
            free(before);
            free(after);
        }
    }
    free(blank);
    unload(&l);
}
END_TEST

/* The text worksheet with every kind blank: one "= ______" ending each
 * blank derivation, and the key has each blank's number. */
START_TEST(one_blank_per_derivation_and_the_key)
{
    loaded l = load(lessons[_i]);
    bp_trace *t = l.trace;
    bp_worksheet_options o = options(t, BP_RENDER_TEXT, BP_WORKSHEET_ALL);
    char *sheet = render(t, &o, false);
    o.key = true;
    char *key = render(t, &o, false);
    bool *blank = calloc((size_t)t->n, sizeof *blank);
    ck_assert_ptr_nonnull(blank);
    bp_worksheet_blanks(t, BP_WORKSHEET_ALL, blank);
    int derivations = 0;
    char num[64];
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (!blank[i] || bp_qkind_is_given(q->kind))
            continue;
        /* on a line of its own: the result of a derivation */
        bool own_line = q->step >= 0 ? q->standalone
                                     : !q->summary && bp_derive_standalone(t, q);
        if (!own_line)
            continue;
        derivations++;
        char sig[64]; /* exact mode may keep trailing zeros: 1.900 */
        bp_format(sig, sizeof sig, q->exact,
                  (bp_precision){BP_ROUND_SIGNIFICANT, 4});
        ck_assert_msg(strstr(key, value(t, q, num, sizeof num)) != NULL ||
                          (!t->hand_rounding && strstr(key, sig) != NULL),
                      "%s: %s = %s is not in the key", lessons[_i], q->name,
                      num);
    }
    ck_assert_msg(count(sheet, "= ______\n") + count(sheet, ": ______\n") ==
                      derivations,
                  "%s: %d blank results, %d blank derivations", lessons[_i],
                  count(sheet, "= ______\n"), derivations);
    ck_assert(strstr(key, "______") == NULL);
    free(blank);
    free(sheet);
    free(key);
    unload(&l);
}
END_TEST

/* The template, its blanks filled in with the engine's numbers. */
static char *fill(const bp_trace *t, const char *template, int *blanks)
{
    size_t cap = strlen(template) * 2 + 4096, len = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    *blanks = 0;
    for (const char *p = template; *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char name[BP_NAME_MAX];
        /* "  NAME:" and spaces, then the formula's comment */
        const char *colon = memchr(p, ':', n);
        bool blank_line = n > 2 && p[0] == ' ' && p[1] == ' ' &&
                          p[2] != '#' && colon && colon[1] == ' ';
        if (blank_line) {
            const char *after = colon + 1;
            while (*after == ' ')
                after++;
            blank_line = *after == '#';
        }
        if (blank_line) {
            snprintf(name, sizeof name, "%.*s", (int)(colon - p - 2), p + 2);
            const bp_quantity *q = bp_trace_find(t, name);
            ck_assert_msg(q != NULL, "no quantity %s", name);
            char num[64];
            len += (size_t)snprintf(out + len, cap - len, "  %s: %s\n", name,
                                    value(t, q, num, sizeof num));
            (*blanks)++;
        } else {
            len += (size_t)snprintf(out + len, cap - len, "%.*s\n", (int)n, p);
        }
        p += n + (end ? 1 : 0);
    }
    return out;
}

static bp_check_result *check(const bp_trace *t, const char *text,
                              bp_answers **answers)
{
    bp_error err;
    *answers = bp_answers_parse("answers", text, strlen(text), &err);
    ck_assert_msg(*answers != NULL, "%s", err.message);
    bp_check_result *r = bp_check(t, *answers, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    return r;
}

START_TEST(transcribed_key_checks_right)
{
    loaded l = load(lessons[_i]);
    bp_trace *t = l.trace;
    for (int s = 0; s < N_SETS; s++) {
        bp_worksheet_options o = options(t, BP_RENDER_TEXT, kind_sets[s]);
        char *template = render(t, &o, true);
        int blanks;
        char *filled = fill(t, template, &blanks);
        bp_answers *a;
        bp_check_result *r = check(t, filled, &a);
        /* the blanks right, the worksheet's numbers given: full marks */
        for (int i = 0; i < r->n; i++)
            ck_assert_msg(r->items[i].verdict == BP_VERDICT_RIGHT ||
                              r->items[i].verdict == BP_VERDICT_GIVEN,
                          "%s, kinds %#x: %s is %s", lessons[_i],
                          kind_sets[s], r->items[i].q->name,
                          bp_verdict_name(r->items[i].verdict));
        ck_assert_double_eq(r->score, blanks);
        ck_assert_double_eq(r->max_score, blanks);
        bp_check_free(r);
        bp_answers_free(a);
        /* as it is: exactly the blanks are missing, the rest given and
         * out of the maximum: it scores nothing */
        r = check(t, template, &a);
        int missing = 0;
        for (int i = 0; i < r->n; i++) {
            ck_assert(r->items[i].verdict == BP_VERDICT_GIVEN ||
                      r->items[i].verdict == BP_VERDICT_MISSING);
            missing += r->items[i].verdict == BP_VERDICT_MISSING;
        }
        ck_assert_int_eq(missing, blanks);
        ck_assert_double_eq(r->score, 0);
        ck_assert_double_eq(r->max_score, blanks);
        bp_check_free(r);
        bp_answers_free(a);
        free(template);
        free(filled);
    }
    unload(&l);
}
END_TEST

START_TEST(kinds)
{
    unsigned k;
    bp_error err;
    ck_assert_int_eq(bp_worksheet_parse_kinds("net,delta", &k, &err), BP_OK);
    ck_assert_uint_eq(k, (1u << BP_RK_NET) | (1u << BP_RK_DELTA));
    ck_assert_int_eq(bp_worksheet_parse_kinds("o,change,new", &k, &err),
                     BP_OK);
    ck_assert_uint_eq(k, (1u << BP_RK_ACTIVATION) |
                             (1u << BP_RK_WEIGHT_CHANGE) |
                             (1u << BP_RK_NEW_WEIGHT));
    ck_assert_int_eq(bp_worksheet_parse_kinds("all", &k, &err), BP_OK);
    ck_assert_uint_eq(k, BP_WORKSHEET_ALL);
    ck_assert_int_eq(bp_worksheet_parse_kinds("net,weigths", &k, &err),
                     BP_ERR_INPUT);
    ck_assert_str_eq(err.message,
                     "unknown kind 'weigths' (the kinds are: all, net, exp, "
                     "activation, derivative, product, sum, delta, "
                     "weight_change, new_weight, error; and o, change, new "
                     "for short, and output, signal, weight as quiz --only "
                     "names them; each also as a plural)");
    /* quiz --only's names for the same kinds */
    ck_assert_int_eq(bp_worksheet_parse_kinds("outputs,signal,weights", &k,
                                              &err), BP_OK);
    ck_assert_uint_eq(k, (1u << BP_RK_ACTIVATION) | (1u << BP_RK_SUM) |
                             (1u << BP_RK_NEW_WEIGHT));
    /* plurals, as quiz --only takes them */
    ck_assert_int_eq(bp_worksheet_parse_kinds("deltas,nets,new_weights", &k,
                                              &err), BP_OK);
    ck_assert_uint_eq(k, (1u << BP_RK_DELTA) | (1u << BP_RK_NET) |
                             (1u << BP_RK_NEW_WEIGHT));
    ck_assert_int_eq(bp_worksheet_parse_kinds("changes", &k, &err), BP_OK);
    ck_assert_uint_eq(k, 1u << BP_RK_WEIGHT_CHANGE);
    ck_assert_int_eq(bp_worksheet_parse_kinds("deltass", &k, &err),
                     BP_ERR_INPUT);
    ck_assert_int_eq(bp_worksheet_parse_kinds("deltax", &k, &err),
                     BP_ERR_INPUT);
    ck_assert_int_eq(bp_worksheet_parse_kinds("net,,delta", &k, &err),
                     BP_ERR_INPUT);
    ck_assert_int_eq(bp_worksheet_parse_kinds("", &k, &err), BP_ERR_INPUT);
    char list[256];
    ck_assert_str_eq(bp_worksheet_kind_list((1u << BP_RK_DELTA) |
                                                (1u << BP_RK_NET),
                                            list, sizeof list),
                     "net, delta");
}
END_TEST

/* Which quantities a kind blanks, on the lecture's section 7. */
START_TEST(what_a_kind_blanks)
{
    loaded l = load(BP_SOURCE_ROOT "/lessons/complete-example.yaml");
    bp_trace *t = l.trace;
    bool *blank = calloc((size_t)t->n, sizeof *blank);
    ck_assert_ptr_nonnull(blank);
#define BLANK(name) blank[bp_trace_find(t, name) - t->q]
    bp_worksheet_blanks(t, 1u << BP_RK_DELTA, blank);
    ck_assert(BLANK("delta_6") && BLANK("delta_4"));
    ck_assert(BLANK("Delta_w46")); /* worked out from a blank, inside a line */
    /* worked out from a blank, on a line of its own: -0.3 + ______ =
     * -0.261 would give Delta w back */
    ck_assert(BLANK("w46_new") && BLANK("b6_new") && BLANK("w46_change"));
    ck_assert(!BLANK("net_4") && !BLANK("o_6") && !BLANK("E"));
    ck_assert(!BLANK("w46") && !BLANK("x_1") && !BLANK("eta"));
    bp_worksheet_blanks(t, 1u << BP_RK_NEW_WEIGHT, blank);
    ck_assert(BLANK("w46_new") && BLANK("w46_change"));
    ck_assert(!BLANK("delta_6") && !BLANK("Delta_w46"));
    bp_worksheet_blanks(t, 1u << BP_RK_NET, blank);
    ck_assert(BLANK("net_4") && BLANK("verify_net_4"));
    ck_assert(BLANK("e^-net_4")); /* e^-net from a blank net */
    ck_assert(BLANK("o_4") && BLANK("E")); /* downstream of a net */
    ck_assert(!BLANK("x_1*w14"));
    /* activation: t - o and |t - o| are worked out from o */
    bp_worksheet_blanks(t, 1u << BP_RK_ACTIVATION, blank);
    ck_assert(BLANK("o_6") && BLANK("delta_6") && BLANK("net_6"));
    ck_assert(!BLANK("net_4") && !BLANK("net_5"));
    /* revealed: delta shown though o is blank, and what follows from it
     * and shown numbers only (b6's change) shown too */
    bp_worksheet_blanks_shown(t, 1u << BP_RK_ACTIVATION,
                              1u << BP_RK_DELTA, blank);
    ck_assert(BLANK("o_6") && !BLANK("delta_6") && !BLANK("delta_4"));
    ck_assert(!BLANK("b6_new") && BLANK("w46_new"));
#undef BLANK
    free(blank);
    unload(&l);
}
END_TEST

/* ---- the format table and bp_render ---- */

/* What a renderer wrote, as a string the caller frees; *status its
 * status. */
static char *rendered(bp_status (*fn)(const bp_trace *,
                                      const bp_render_options *, FILE *),
                      const bp_trace *t, bp_render_format f,
                      const bp_render_options *opt, bp_status *status)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    ck_assert_ptr_nonnull(out);
    *status = fn ? fn(t, opt, out) : bp_render(t, f, opt, out);
    fclose(out);
    return buf;
}

START_TEST(format_table)
{
    static const struct {
        const char *name, *extension;
        bp_status (*render)(const bp_trace *, const bp_render_options *,
                            FILE *);
    } expected[BP_RENDER_FORMAT_COUNT] = {
        [BP_RENDER_TEXT] = {"text", "txt", bp_render_text},
        [BP_RENDER_JSON] = {"json", "json", bp_render_json},
        [BP_RENDER_LATEX] = {"latex", "tex", bp_render_latex},
        [BP_RENDER_MARKDOWN] = {"markdown", "md", bp_render_markdown},
        [BP_RENDER_DOT] = {"dot", "dot", bp_render_dot},
        [BP_RENDER_HTML] = {"html", "html", bp_render_html},
    };
    loaded net = load(BP_SOURCE_ROOT "/lessons/complete-example.yaml");
    loaded ex = load(BP_SOURCE_ROOT "/lessons/sigmoid-table.yaml");
    bp_render_options opt = {.mode = BP_MODE_HAND, .digits = 4};
    for (int i = 0; i < BP_RENDER_FORMAT_COUNT; i++) {
        const bp_render_format_info *about = bp_render_format_about(i);
        bp_render_format f;
        ck_assert_str_eq(about->name, expected[i].name);
        ck_assert_str_eq(about->extension, expected[i].extension);
        ck_assert_int_eq(bp_render_format_from_name(about->name, &f), BP_OK);
        ck_assert_int_eq(f, i);
        /* bp_render writes what the format's own renderer writes */
        bp_status a, b;
        char *direct = rendered(expected[i].render, net.trace, i, &opt, &a);
        char *through = rendered(NULL, net.trace, i, &opt, &b);
        ck_assert_int_eq(a, BP_OK);
        ck_assert_int_eq(b, BP_OK);
        ck_assert_uint_gt(strlen(direct), 500);
        ck_assert_str_eq(direct, through);
        free(direct);
        free(through);
        /* a format that draws the network has none to draw in an
         * exercise */
        char *exercise = rendered(NULL, ex.trace, i, &opt, &b);
        ck_assert_int_eq(b, about->network_only ? BP_ERR_INPUT : BP_OK);
        free(exercise);
    }
    bp_render_format f = BP_RENDER_JSON;
    ck_assert_int_eq(bp_render_format_from_name("pdf", &f), BP_ERR_INPUT);
    ck_assert_int_eq(f, BP_RENDER_JSON);
    ck_assert(!bp_render_format_about(BP_RENDER_JSON)->worksheet);
    ck_assert(bp_render_format_about(BP_RENDER_LATEX)->fragment);
    unload(&net);
    unload(&ex);
}
END_TEST

int main(void)
{
    find_lessons();
    Suite *s = suite_create("worksheet");
    TCase *tc = tcase_create("worksheet");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, no_blank_leaks, 0, n_lessons);
    tcase_add_loop_test(tc, one_blank_per_derivation_and_the_key, 0,
                        n_lessons);
    tcase_add_loop_test(tc, transcribed_key_checks_right, 0, n_lessons);
    tcase_add_test(tc, kinds);
    tcase_add_test(tc, what_a_kind_blanks);
    tcase_add_test(tc, format_table);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
