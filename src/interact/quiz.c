/* quiz.c: `bptrace quiz` without the terminal: what is asked, judging
 * each typed number (by bp_check_quantity: the checker's own rules and
 * hints), the outcomes, and the answers file of what was typed. */
#include "check/check_internal.h"
#include "interact/quiz.h"
#include "write/derive.h"
#include "check/report.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    bp_qkind kinds[4];
    int n;
} kind_table[] = {
    {"net", {BP_Q_NET}, 1},
    {"exp", {BP_Q_EXP, BP_Q_SOFTMAX_EXP, BP_Q_EXP_SUM, BP_Q_MAX}, 4},
    {"o", {BP_Q_ACTIVATION}, 1},
    {"output", {BP_Q_ACTIVATION}, 1},
    {"error", {BP_Q_ERROR, BP_Q_SQUARE, BP_Q_ABS_ERROR, BP_Q_COMPARE}, 4},
    {"loss", {BP_Q_LOSS, BP_Q_TOTAL, BP_Q_CROSS_ENTROPY, BP_Q_CE_TERM}, 4},
    {"log", {BP_Q_LOG, BP_Q_LOG_COMPLEMENT}, 2},
    {"delta", {BP_Q_OUTPUT_DELTA, BP_Q_HIDDEN_DELTA, BP_Q_CE_DELTA}, 3},
    {"derivative", {BP_Q_DERIVATIVE}, 1},
    {"signal", {BP_Q_SIGNAL}, 1},
    {"product", {BP_Q_PRODUCT}, 1},
    {"change", {BP_Q_CHANGE}, 1},
    {"weight", {BP_Q_NEW_PARAM}, 1},
    /* worksheet --blank's names for the same kinds: one vocabulary */
    {"activation", {BP_Q_ACTIVATION}, 1},
    {"sum", {BP_Q_SIGNAL}, 1},
    {"weight_change", {BP_Q_CHANGE}, 1},
    {"new_weight", {BP_Q_NEW_PARAM}, 1},
    {"new", {BP_Q_NEW_PARAM}, 1},
};

const char bp_quiz_kind_names[] =
    "net, exp, o, error, loss, log, delta, derivative, signal, product, "
    "change, weight; and as worksheet --blank names them: activation, sum, "
    "weight_change, new_weight, new";

/* One name of the list, singular or plural ("deltas"). */
static int kind_index(const char *name, int len)
{
    for (size_t k = 0; k < sizeof kind_table / sizeof kind_table[0]; k++) {
        int n = (int)strlen(kind_table[k].name);
        if (strncmp(name, kind_table[k].name, (size_t)n) == 0 &&
            (len == n || (len == n + 1 && name[n] == 's')))
            return (int)k;
    }
    return -1;
}

int bp_quiz_kinds(const char *list, bool kinds[BP_Q_KIND_COUNT],
                  const char **bad, int *bad_len)
{
    for (int k = 0; k < BP_Q_KIND_COUNT; k++)
        kinds[k] = false;
    const char *p = list;
    for (;;) {
        while (*p == ' ')
            p++;
        int len = (int)strcspn(p, ", ");
        int k = kind_index(p, len);
        if (k < 0) {
            *bad = p;
            *bad_len = len;
            return -1;
        }
        for (int i = 0; i < kind_table[k].n; i++)
            kinds[kind_table[k].kinds[i]] = true;
        p += len;
        while (*p == ' ')
            p++;
        if (*p != ',')
            return *p ? (*bad = p, *bad_len = (int)strlen(p), -1) : 0;
        p++;
    }
}

int bp_quiz_init(bp_quiz *z, const bp_trace *t, const bool *kinds,
                 const char *lesson)
{
    *z = (bp_quiz){t, NULL, 0, NULL, lesson, ""};
    z->items = calloc((size_t)t->n + 1, sizeof *z->items);
    z->scratch = calloc((size_t)t->n + 1, sizeof *z->scratch);
    if (!z->items || !z->scratch) {
        bp_quiz_free(z);
        return -2;
    }
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (bp_qkind_is_given(q->kind) || q->summary ||
            !bp_derive_standalone(t, q))
            continue;
        bp_quiz_item *it = &z->items[z->n++];
        it->q = q;
        it->outcome = !kinds || kinds[q->kind] ? BP_QUIZ_PENDING
                                               : BP_QUIZ_SHOWN;
    }
    return 0;
}

void bp_quiz_free(bp_quiz *z)
{
    free(z->items);
    free(z->scratch);
    z->items = NULL;
    z->scratch = NULL;
}

int bp_quiz_asked(const bp_quiz *z)
{
    int n = 0;
    for (int i = 0; i < z->n; i++)
        n += z->items[i].outcome != BP_QUIZ_SHOWN;
    return n;
}

/* The student's numbers before item i, as they stand (the last typed for
 * each), then `typed` for item i. */
static bp_answers world(bp_quiz *z, int i, const bp_answer *typed)
{
    int n = 0;
    for (int k = 0; k < i; k++)
        if (z->items[k].answer.answered)
            z->scratch[n++] = z->items[k].answer;
    z->scratch[n] = *typed;
    snprintf(z->scratch[n].name, sizeof z->scratch[n].name, "%s",
             z->items[i].q->name);
    return (bp_answers){.file = "the quiz", .answers = z->scratch,
                        .n = n + 1};
}

bp_status bp_quiz_judge(bp_quiz *z, int i, const bp_answer *typed,
                        bp_judgement *j, bp_error *err)
{
    bp_answers a = world(z, i, typed);
    return bp_check_quantity(z->t, &a, z->items[i].q, j, err);
}

bool bp_quiz_record(bp_quiz *z, int i, const bp_answer *typed,
                    const bp_judgement *j)
{
    bp_quiz_item *it = &z->items[i];
    size_t len = strlen(it->typed);
    snprintf(it->typed + len, sizeof it->typed - len, "%s%s",
             len ? ", " : "", typed->text);
    /* the last number typed is the student's, whatever its verdict: a
     * grader grades what was written (a later number replaces it) */
    it->answer = *typed;
    snprintf(it->answer.name, sizeof it->answer.name, "%s", it->q->name);
    it->verdict = j->verdict;
    if (j->verdict == BP_VERDICT_COARSE)
        return false;
    bool accepted = j->verdict == BP_VERDICT_RIGHT ||
                    j->verdict == BP_VERDICT_ECF;
    if (accepted) {
        it->outcome = it->misses ? BP_QUIZ_SECOND
                      : j->verdict == BP_VERDICT_ECF ? BP_QUIZ_ECF
                                                     : BP_QUIZ_FIRST;
        return true;
    }
    if (++it->misses < 2)
        return false;
    it->outcome = BP_QUIZ_MISSED;
    return true;
}

void bp_quiz_stop(bp_quiz *z, int i)
{
    if (i >= 0 && i < z->n && z->items[i].outcome == BP_QUIZ_PENDING &&
        z->items[i].answer.answered)
        z->items[i].outcome = BP_QUIZ_STOPPED;
}

const char *bp_quiz_verdict_text(const bp_quiz_item *it, char *buf,
                                 size_t size)
{
    const char *word = bp_verdict_name(it->verdict);
    buf[0] = '\0';
    if (!it->answer.answered)
        return buf;
    switch (it->outcome) {
    case BP_QUIZ_SECOND:
        snprintf(buf, size, "%s the second time", word);
        break;
    case BP_QUIZ_MISSED:
        snprintf(buf, size, "%s twice (missed)", word);
        break;
    case BP_QUIZ_STOPPED:
        snprintf(buf, size, "%s, stopped before %s", word,
                 it->verdict == BP_VERDICT_COARSE ? "writing it again"
                                                  : "a second try");
        break;
    case BP_QUIZ_SHOWN:
    case BP_QUIZ_PENDING:
    case BP_QUIZ_FIRST:
    case BP_QUIZ_ECF:
        snprintf(buf, size, "%s", word);
        break;
    }
    return buf;
}

/* A comment's text on one line. */
static void put_comment(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        fputc(*p < 0x20 || *p == 0x7F ? ' ' : *p, out);
}

int bp_quiz_save(const bp_quiz *z, FILE *out)
{
    const bp_lesson *l = z->t->lesson;
    fputs("# Numbers typed in bptrace quiz: ", out);
    put_comment(out, l->title ? l->title : "");
    fputs("\n# Lesson: ", out);
    put_comment(out, z->lesson ? z->lesson : l->file ? l->file : "");
    fputs("\n# The last number typed for each quantity, graded as written\n"
          "# (a wrong or too coarse number too, when the quiz was stopped\n"
          "# before it was settled); the comment lists every number typed\n"
          "# and the quiz's verdict on the last.  Check it with:\n"
          "#   bptrace check LESSON THIS-FILE",
          out);
    put_comment(out, z->check_options ? z->check_options : "");
    fputs("\nanswers:\n", out);
    for (int i = 0; i < z->n; i++) {
        const bp_quiz_item *it = &z->items[i];
        if (!it->typed[0])
            continue;
        fputs("  ", out);
        int col = 2 + bp_report_key(out, it->q->name);
        if (it->answer.answered)
            col += fprintf(out, " %s", it->answer.text);
        for (; col < 32; col++)
            fputc(' ', out);
        fputs(" # typed: ", out);
        put_comment(out, it->typed);
        char verdict[64];
        if (*bp_quiz_verdict_text(it, verdict, sizeof verdict))
            fprintf(out, "; quiz: %s", verdict);
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}
