/* cmd_quiz.c: `bptrace quiz`: each quantity asked in order, each number
 * typed judged as `bptrace check` judges it; the score at the end, and the
 * numbers typed saved as an answers file. */
#include "cli/app.h"
#include "interact/quiz.h"
#include "check/report.h"
#include "interact/step.h"
#include "interact/terminal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const bp_cli_command quiz_command = {
    "quiz", bp_cli_quiz_help_text,
    BP_OPT_EXACT | BP_OPT_ASCII | BP_OPT_ONLY | BP_OPT_SAVE | BP_OPT_SEED, true,
    false, NULL};

typedef struct {
    bp_quiz z;
    bp_stepper s;   /* the headings and the working, as `step` shows them */
    bp_text c;
    bool echo;      /* standard input is no terminal: echo what is read */
    bool colour;
    bool stopped;   /* q, the end of input or Ctrl-C before the end */
    int error;      /* an exit code when judging failed (out of memory) */
    int reached;    /* items asked or shown so far */
} quiz_run;

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Ctrl-C ends the quiz as the end of input does: the score so far, and
 * the numbers typed saved.  No SA_RESTART: the read gives up. */
static void catch_interrupt(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

static const char *paint(const quiz_run *r, const char *code)
{
    return r->colour ? code : "";
}

/* Quiz item i as the stepper shows it: its headings, its working. */
static void show(quiz_run *r, int i, int what)
{
    int item = bp_stepper_item(&r->s, r->z.items[i].q);
    if (item >= 0 &&
        bp_stepper_show(&r->s, &r->c, item, what) == BP_ERR_NOMEM)
        r->error = BP_EXIT_NOMEM;
}

/* One line typed, trimmed; false at the end of input or on Ctrl-C. */
static bool read_answer_line(quiz_run *r, char *buf, size_t size)
{
    fflush(stdout);
    if (interrupted || !bp_tty_line(stdin, buf, size) || interrupted) {
        fputc('\n', stdout);
        return false;
    }
    size_t n;
    if (r->echo)
        printf("%s\n", buf);
    char *p = buf;
    while (*p == ' ' || *p == '\t')
        p++;
    memmove(buf, p, strlen(p) + 1);
    for (n = strlen(buf); n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t');)
        buf[--n] = '\0';
    return true;
}

/* "  δ₆ = o₆(1 - o₆)(t₆ - o₆) = ? ": the formula in symbols, never a
 * number of the correct working (the student's own may differ). */
static void ask(quiz_run *r, int i)
{
    const bp_quantity *q = r->z.items[i].q;
    char *lhs = r->s.chain->lhs, *formula = r->s.chain->step[0];
    bp_str s;
    text_symbol(&r->c, q, lhs, sizeof r->s.chain->lhs);
    bp_str_init(&s, formula, BP_STEP_MAX);
    bp_formula_symbolic(r->c.st, r->c.t, q, &s);
    size_t n = strlen(formula);
    bool same = strcmp(lhs, formula) == 0 ||
                (lhs[0] == '(' && strlen(lhs) == n + 2 && /* (t - o) */
                 strncmp(lhs + 1, formula, n) == 0);
    printf("  %s =", same ? formula : lhs);
    if (!same)
        printf(" %s =", formula);
    printf(" %s?%s ", paint(r, "\033[1m"), paint(r, "\033[0m"));
}

static void say(quiz_run *r, const char *colour, const char *word,
                const char *rest)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s%s%s", paint(r, colour), word,
             paint(r, "\033[0m"), rest);
    text_wrap(stdout, "    ", "      ", text);
}

/* Ask item i until it is settled; false when the quiz is stopped. */
static bool quiz_item(quiz_run *r, int i)
{
    bp_quiz_item *it = &r->z.items[i];
    char line[256], expected[64], rest[1024];
    for (;;) {
        ask(r, i);
        if (!read_answer_line(r, line, sizeof line))
            return false;
        if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0)
            return false;
        bp_answer typed;
        bp_num_status st = bp_answer_from_text(&typed, it->q->name, line);
        if (st != BP_NUM_OK) {
            char hint_buf[96];
            const char *hint = bp_num_hint(line, hint_buf, sizeof hint_buf);
            if (st == BP_NUM_EMPTY)
                snprintf(rest, sizeof rest, "Type a number as you wrote it "
                         "(0.332, -0.7), or q to stop.");
            else /* the hint inside the sentence, as check gives it */
                snprintf(rest, sizeof rest, "'%s' %s%s: type a number as "
                         "you wrote it (0.332, -0.7), or q to stop.", line,
                         bp_num_status_message(st), hint);
            say(r, "", "", rest);
            continue;
        }
        bp_judgement j;
        bp_error err;
        if (bp_quiz_judge(&r->z, i, &typed, &j, &err) != BP_OK) {
            app_report(&err);
            r->error = app_exit_code(err.status);
            return false;
        }
        bp_report_expected(&j, expected, sizeof expected);
        bool settled = bp_quiz_record(&r->z, i, &typed, &j);
        switch (j.verdict) {
        case BP_VERDICT_RIGHT:
            snprintf(rest, sizeof rest, strcmp(expected, typed.text) == 0
                                            ? "."
                                            : " (%s).", expected);
            say(r, "\033[32m", "Right", rest);
            return true;
        case BP_VERDICT_ECF:
            /* the judge's hint as it is ("follows from your o_4", and
             * ", but write at least 2 decimals" when coarse) */
            snprintf(rest, sizeof rest, ": it %s; it counts, and the "
                     "correct value is %s.", j.hint, expected);
            say(r, "\033[33m", "ECF (error carried forward)", rest);
            return true;
        case BP_VERDICT_COARSE:
            snprintf(rest, sizeof rest, ": %s. Again:", j.hint);
            say(r, "\033[33m", "Too coarse", rest);
            continue;
        case BP_VERDICT_WRONG:
        case BP_VERDICT_MISSING:
        case BP_VERDICT_GIVEN: /* the quiz gives nothing: not asked */
            break;
        }
        if (!settled) {
            snprintf(rest, sizeof rest, "%s%s. Try again.", j.hint[0] ? ": " : "",
                     j.hint);
            say(r, "\033[31m", "Wrong", rest);
            continue;
        }
        snprintf(rest, sizeof rest, "%s%s. The working:", j.hint[0] ? ": " : "",
                 j.hint);
        say(r, "\033[31m", "Wrong again", rest);
        show(r, i, BP_STEP_WORKING);
        char sym[256];
        text_symbol(&r->c, it->q, sym, sizeof sym);
        snprintf(rest, sizeof rest, " with %s = %s.", sym, expected);
        say(r, "", "On", rest);
        return true;
    }
}

/* ---- the score ---- */

static const char *part_name(const bp_quantity *q, const bp_lesson *l)
{
    if (l->exercise && q->step >= 0)
        return l->exercise->steps[q->step].title;
    switch (q->phase) {
    case BP_PHASE_FORWARD: return "Forward pass";
    case BP_PHASE_ERROR: return "Error";
    case BP_PHASE_BACKWARD: return "Backward pass";
    case BP_PHASE_UPDATE: return "Updates";
    case BP_PHASE_VERIFY: return "Verification";
    case BP_PHASE_GIVEN:
    case BP_PHASE_COUNT: break;
    }
    return "Other";
}

#define COLS 6

/* A row of counts: asked, right, ECF, second try, missed. */
static void count_row(text_row *row, const char *label, const int *n)
{
    snprintf(row->cell[0], TEXT_CELL, "%s", label);
    for (int k = 0; k < COLS - 1; k++)
        snprintf(row->cell[k + 1], TEXT_CELL, "%d", n[k]);
}

static void count(const bp_quiz_item *it, int *n)
{
    n[0]++;
    if (it->outcome == BP_QUIZ_FIRST)
        n[1]++;
    else if (it->outcome == BP_QUIZ_ECF)
        n[2]++;
    else if (it->outcome == BP_QUIZ_SECOND)
        n[3]++;
    else if (it->outcome == BP_QUIZ_MISSED)
        n[4]++;
}

/* Names of the items with this outcome: "delta_6 (δ₆), w46_new"; of
 * those stopped at, the too coarse ones or the wrong ones. */
static void list_of(quiz_run *r, const char *label,
                    bp_quiz_outcome outcome, bool coarse)
{
    char text[8192];
    size_t len = (size_t)snprintf(text, sizeof text, "%s", label);
    bool any = false;
    for (int i = 0; i < r->z.n && len < sizeof text; i++) {
        const bp_quiz_item *it = &r->z.items[i];
        bool pending = outcome == BP_QUIZ_PENDING;
        if (it->outcome != outcome || (pending && !r->stopped))
            continue;
        if (outcome == BP_QUIZ_STOPPED &&
            (it->verdict == BP_VERDICT_COARSE) != coarse)
            continue;
        char sym[256];
        text_symbol(&r->c, it->q, sym, sizeof sym);
        if (strcmp(sym, it->q->name) == 0) /* --ascii: delta_k */
            sym[0] = '\0';
        len += (size_t)snprintf(text + len, sizeof text - len,
                                !sym[0]          ? "%s%s%s"
                                : sym[0] == '(' ? "%s%s %s"
                                                 : "%s%s (%s)",
                                any ? ", " : " ", it->q->name, sym);
        any = true;
    }
    if (any)
        text_wrap(stdout, "", "  ", text);
}

static void list(quiz_run *r, const char *label, bp_quiz_outcome outcome)
{
    list_of(r, label, outcome, false);
}

static int score(quiz_run *r)
{
    text_row *rows = calloc((size_t)r->z.n + 2, sizeof *rows);
    if (!rows)
        return -2;
    int n = 1, total[COLS - 1] = {0};
    const char *heads[COLS] = {"Part", "Asked", "Right", "ECF", "2nd try",
                               "Missed"};
    for (int k = 0; k < COLS; k++)
        snprintf(rows[0].cell[k], TEXT_CELL, "%s", heads[k]);
    const char *part = NULL;
    int counts[COLS - 1] = {0};
    for (int i = 0; i <= r->z.n; i++) {
        const bp_quiz_item *it = i < r->z.n ? &r->z.items[i] : NULL;
        const char *p = it ? part_name(it->q, r->c.l) : NULL;
        if (part && (!p || strcmp(p, part) != 0) && counts[0]) {
            count_row(&rows[n++], part, counts);
            memset(counts, 0, sizeof counts);
        }
        part = p;
        if (it && it->outcome != BP_QUIZ_SHOWN) {
            count(it, counts);
            count(it, total);
        }
    }
    count_row(&rows[n++], "Total", total);
    text_heading(&r->c, "Score");
    int rc = text_rows(&r->c, rows, n, COLS);
    free(rows);
    int stopped_at = 0; /* a number typed, not settled */
    for (int i = 0; i < r->z.n; i++)
        stopped_at += r->z.items[i].outcome == BP_QUIZ_STOPPED;
    if (r->stopped)
        printf("  Stopped before the end: %d of %d asked were answered.\n",
               total[1] + total[2] + total[3] + total[4] + stopped_at,
               total[0]);
    list(r, "Missed (the working was shown):", BP_QUIZ_MISSED);
    list(r, "Wrong, stopped before a second try:", BP_QUIZ_STOPPED);
    list_of(r, "Too coarse, stopped before writing it again:",
            BP_QUIZ_STOPPED, true);
    list(r, "Right the second time:", BP_QUIZ_SECOND);
    list(r, "Carried forward (ECF):", BP_QUIZ_ECF);
    list(r, "Not answered:", BP_QUIZ_PENDING);
    return rc;
}

static bool all_first_time(const bp_quiz *z)
{
    for (int i = 0; i < z->n; i++)
        if (z->items[i].outcome != BP_QUIZ_SHOWN &&
            z->items[i].outcome != BP_QUIZ_FIRST &&
            z->items[i].outcome != BP_QUIZ_ECF)
            return false;
    return true;
}

static int write_saved(const void *arg, FILE *out)
{
    return bp_quiz_save(arg, out);
}

static void run(quiz_run *r, const char *only)
{
    const bp_lesson *l = r->c.l;
    printf("\nQuiz: %s\n", l->title);
    text_wrap(stdout, "", "",
              "Type each number as you work it out, with the digits you "
              "wrote; q stops (and so does the end of input). A wrong "
              "number gets a second try; then the working is shown.");
    if (only)
        printf("Asking only: %s; the rest is shown worked.\n", only);
    for (int i = 0; i < r->z.n; i++) {
        r->reached = i;
        if (r->z.items[i].outcome == BP_QUIZ_SHOWN) {
            show(r, i, BP_STEP_HEADINGS | BP_STEP_WORKING);
            continue;
        }
        show(r, i, BP_STEP_HEADINGS);
        if (r->error || ferror(stdout) || !quiz_item(r, i)) {
            bp_quiz_stop(&r->z, i);
            r->stopped = true;
            return;
        }
    }
}

int cmd_quiz(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&quiz_command, argc, argv, &a, &rc))
        return rc;
    bool kinds[BP_Q_KIND_COUNT];
    const char *bad;
    int bad_len;
    if (a.only && bp_quiz_kinds(a.only, kinds, &bad, &bad_len) != 0)
        return bp_cli_usage_error("unknown kind '%.*s' for --only (kinds: "
                                  "%s)", bad_len, bad, bp_quiz_kind_names);
    bp_lesson *lesson = app_load_variant(&a, &rc);
    if (!lesson)
        return rc;
    quiz_run r = {.echo = !bp_tty_is_terminal(STDIN_FILENO),
                  .colour = bp_tty_colour(stdout)};
    /* --exact: judged against the exact values, as check --exact judges */
    bp_trace *trace = app_build_trace(&a, lesson, true, &rc);
    if (!trace) {
        bp_lesson_free(lesson);
        return rc;
    }
    /* what check needs to judge the saved file as the quiz did */
    char check_options[64];
    snprintf(check_options, sizeof check_options, "%s",
             a.exact ? " --exact" : "");
    if (a.has_seed)
        snprintf(check_options + strlen(check_options),
                 sizeof check_options - strlen(check_options), " --seed %llu",
                 (unsigned long long)a.seed);
    int init = bp_quiz_init(&r.z, trace, a.only ? kinds : NULL, a.lesson);
    r.z.check_options = check_options;
    if (init != 0 || bp_stepper_init(&r.s, trace, -1) != 0) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        rc = BP_EXIT_NOMEM;
    } else if (!bp_quiz_asked(&r.z)) {
        rc = bp_cli_usage_error("nothing of the kinds '%s' to ask in this "
                                "lesson", a.only);
    } else {
        bp_render_options opt = {
            .mode = trace->hand_rounding ? BP_MODE_HAND : BP_MODE_EXACT,
            .digits = 4,
            .ascii = a.ascii,
        };
        text_init(&r.c, trace, &opt, stdout);
        catch_interrupt();
        if (bp_render_show(lesson, a.ascii, stdout) == BP_ERR_NOMEM)
            rc = BP_EXIT_NOMEM;
        if (!rc) {
            run(&r, a.only);
            rc = score(&r) == -2 ? BP_EXIT_NOMEM
                 : r.error ? r.error
                 : r.stopped || !all_first_time(&r.z) ? BP_EXIT_WRONG
                                                      : BP_EXIT_OK;
            if (fflush(stdout) != 0 || ferror(stdout)) {
                fprintf(stderr, "%s: cannot write the output\n",
                        app_progname);
                rc = BP_EXIT_IO;
            }
        }
        if (a.save && rc != BP_EXIT_NOMEM) {
            int saved = app_write_output(a.save, write_saved, &r.z);
            if (saved != BP_EXIT_OK)
                rc = saved;
            else
                printf("The numbers typed are in %s ('bptrace check %s%s %s' "
                       "checks them).\n", a.save, a.lesson,
                       r.z.check_options, a.save);
        }
    }
    bp_stepper_free(&r.s);
    bp_quiz_free(&r.z);
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}
