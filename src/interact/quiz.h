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
    BP_QUIZ_MISSED       /* wrong twice: the working was shown */
} bp_quiz_outcome;

#define BP_QUIZ_TYPED 256

typedef struct {
    const bp_quantity *q;
    bp_quiz_outcome outcome;
    int misses;          /* wrong numbers so far (0, 1, 2) */
    bp_answer answer;    /* the last number judged: the student's own
                            (answered: false when none) */
    char typed[BP_QUIZ_TYPED]; /* every number typed, "0.5, 0.4" */
} bp_quiz_item;

typedef struct {
    const bp_trace *t;
    bp_quiz_item *items; /* the quantities a student writes on a line of
                            their own, in order (those of bp_stepper) */
    int n;
    bp_answer *scratch;  /* the answers a judgement is made on */
    const char *lesson;  /* the lesson as the student named it */
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

/* Record a judged number: right, ECF or wrong (too coarse is not
 * recorded: it is asked again).  Returns whether the quiz moves on
 * (accepted, or the second miss). */
bool bp_quiz_record(bp_quiz *z, int i, const bp_answer *typed,
                    const bp_judgement *j);

/* The answers file of what was typed: the last number typed for each
 * quantity, every one in a comment; read by `bptrace check`.  0, -1. */
int bp_quiz_save(const bp_quiz *z, FILE *out);

#endif
