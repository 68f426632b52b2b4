/* quiz.h: `bptrace quiz` without the terminal: which quantities are
 * asked, each typed number judged as `bptrace check` judges it, the
 * score, and the answers file of what was typed. */
#ifndef BP_QUIZ_H
#define BP_QUIZ_H

#include "check/check_internal.h"

typedef enum {
    BP_QUIZ_SHOWN = 0,   /* not asked (--only): shown worked */
    BP_QUIZ_PENDING,     /* asked, not answered yet */
    BP_QUIZ_FIRST,       /* right the first time */
    BP_QUIZ_ECF,         /* carried forward the first time */
    BP_QUIZ_SECOND,      /* right (or ECF) the second time */
    BP_QUIZ_MISSED,      /* wrong twice: the working was shown */
    BP_QUIZ_STOPPED      /* stopped with a number typed that was not
                            settled: wrong once, or too coarse */
} bp_quiz_outcome;

#define BP_QUIZ_TYPED 256

typedef struct {
    const bp_quantity *q;
    bp_quiz_outcome outcome;
    int misses;          /* wrong numbers so far (0, 1, 2) */
    bp_answer answer;    /* the last number typed and judged: the
                            student's own (answered: false when none) */
    bp_verdict verdict;  /* the quiz's verdict on it (when answered) */
    char typed[BP_QUIZ_TYPED]; /* every number typed, "0.5, 0.4" */
} bp_quiz_item;

typedef struct {
    const bp_trace *t;
    bp_quiz_item *items; /* the quantities a student writes on a line of
                            their own, in order (those of bp_stepper) */
    int n;
    bp_answer *scratch;  /* the answers a judgement is made on */
    const char *lesson;  /* the lesson as the student named it */
    const char *check_options; /* what `bptrace check` needs to judge
                            the saved file the same way (" --exact",
                            " --seed 7"), or "" */
} bp_quiz;

/* The kinds --only takes, comma-separated ("deltas,weights"): sets
 * kinds[k] for every bp_qkind named.  0, or -1 with *bad the first name
 * that is no kind (pointing into list, `bad_len` long). */
int bp_quiz_kinds(const char *list, bool kinds[BP_Q_KIND_COUNT],
                  const char **bad, int *bad_len);
/* "net, exp, o, ...": the kinds, for messages. */
extern const char bp_quiz_kind_names[];

/* The quiz of a trace: every quantity asked, or those of `kinds` (NULL:
 * all); `lesson` names it in the answers file (NULL: its path).  0, or
 * -2 out of memory. */
int bp_quiz_init(bp_quiz *z, const bp_trace *t, const bool *kinds,
                 const char *lesson);
void bp_quiz_free(bp_quiz *z);
/* How many are asked. */
int bp_quiz_asked(const bp_quiz *z);

/* Judge `typed` as the answer to item i, as bp_check judges it among the
 * student's own numbers before it: the last number typed for each (the
 * corrected one when corrected; after two misses, the student's second
 * wrong number, so that what follows from it is carried forward).  The
 * item is not changed. */
bp_status bp_quiz_judge(bp_quiz *z, int i, const bp_answer *typed,
                        bp_judgement *j, bp_error *err);

/* Record a judged number as the item's last typed, with its verdict.
 * Returns whether the quiz moves on: right or ECF, or the second miss;
 * a first miss gets a second try, and a too coarse number is asked
 * again without counting as a miss. */
bool bp_quiz_record(bp_quiz *z, int i, const bp_answer *typed,
                    const bp_judgement *j);

/* The quiz stopped (q, the end of input, Ctrl-C) while item i was
 * asked: when a number was typed for it (wrong once, or too coarse),
 * the item is BP_QUIZ_STOPPED, graded as typed, as check grades it. */
void bp_quiz_stop(bp_quiz *z, int i);

/* The answers file of what was typed: the last number typed for each
 * quantity, as `bptrace check` grades it; a comment lists every number
 * typed and the quiz's verdict on the last.  0, -1. */
int bp_quiz_save(const bp_quiz *z, FILE *out);

/* The quiz's verdict on the last number typed for an item, in words:
 * "right", "ECF the second time", "wrong twice (missed)", "wrong,
 * stopped before a second try"; "" when nothing was typed.  The first
 * word is bp_verdict_name's. */
const char *bp_quiz_verdict_text(const bp_quiz_item *it, char *buf,
                                 size_t size);

#endif
