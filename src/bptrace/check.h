/* bptrace/check.h: answers files and their judgement (check) */
#ifndef BPTRACE_CHECK_H
#define BPTRACE_CHECK_H

#include "bptrace/trace.h"

/* The export block (BP_API): the library is built with -fvisibility=hidden,
 * so only what is declared between push and pop is exported from
 * libbptrace.so (tests/test-exports.sh checks it). */
#pragma GCC visibility push(default)

/* The answers file: `student: ID` (optional) and `answers:`, a map of
 * quantity names (as the trace and the JSON name them) to numbers; an
 * empty value is a blank left unanswered; `{given: NUMBER}` is a number a
 * partial worksheet gives (it earns nothing and counts for nothing). */
typedef struct {
    char name[BP_NAME_MAX];
    bool answered;             /* false: left blank */
    double value;
    int decimals;              /* digits after the point as written
                                  (0.330 has 3; 1e-3 has 3) */
    char text[48];             /* as written */
    bp_pos pos;                /* of the name */
    bool given;                /* {given: ...}: the worksheet's number */
    char edited[48];           /* a given number the student changed, as
                                  written (bp_answers_match put the
                                  worksheet's back); or "" */
    bool broken;               /* could not be read: one of the file's
                                  problems says why; judged not answered */
} bp_answer;

/* At most this many problems of one answers file are kept; the others are
 * only counted. */
#define BP_ANSWERS_PROBLEMS_MAX 20

/* The file read (opaque: the library's parts read it through
 * check/check_internal.h). */
typedef struct bp_answers bp_answers;

/* An answers file.  A file that is not YAML, or not an answers file at
 * all (no 'answers:' mapping), is NULL after filling err.  Otherwise each
 * item that cannot be read (a quoted or misspelt number, a list) is a
 * problem of the file that costs that item alone: it is kept `broken`,
 * not answered, and the others are read on. */
bp_answers *bp_answers_load(const char *path, bp_error *err);
bp_answers *bp_answers_parse(const char *name, const char *data, size_t len,
                             bp_error *err);
void bp_answers_free(bp_answers *answers);

/* What the file holds: the student's id ("student: ID"), or NULL; how
 * many answers, and answer i in the file's order (NULL outside). */
const char *bp_answers_student(const bp_answers *answers);
int bp_answers_count(const bp_answers *answers);
const bp_answer *bp_answers_item(const bp_answers *answers, int i);
/* Its problems (items that could not be read, names no quantity has
 * after bp_answers_match): how many were found, and problem i as an error
 * at its file:line:column with the source line; NULL for i beyond the
 * BP_ANSWERS_PROBLEMS_MAX kept, which are only counted. */
int bp_answers_problem_count(const bp_answers *answers);
const bp_error *bp_answers_problem(const bp_answers *answers, int i);

/* Before bp_check, the answers against the trace's quantities: a name that
 * is no quantity of the lesson becomes a problem of the file ("did you
 * mean") and its item broken; a given number the student changed gets the
 * worksheet's number back (the change kept in `edited`).  sheet_blank (by
 * quantity, as bp_worksheet_blanks_shown says; NULL: the file's own
 * markers decide) names the worksheet's blanks: every other quantity on a
 * line of its own is given, marked or not, even when the file leaves it
 * out, and a blank marked given is a problem of the file and graded as an
 * answer.  BP_OK, or BP_ERR_NOMEM. */
bp_status bp_answers_match(const bp_trace *t, const bool *sheet_blank,
                           bp_answers *answers);

/* The error for an answer whose name is no quantity of t, with the closest
 * name ("did you mean"); BP_ERR_INPUT, or BP_ERR_NOMEM. */
bp_status bp_answer_unknown(const bp_trace *t, const char *file,
                            const bp_answer *a, bp_error *err);

/* Fill err's source line from the answers' text (err at a position of
 * that file). */
void bp_answers_fill_source_line(const bp_answers *answers, bp_error *err);

/* The student id of an answers file that did not load, from a line
 * "student: ID" at its start (an id: letters, digits, '.', '_', '-'), into
 * buf; false when there is none. */
bool bp_answers_guess_student(const char *path, char *buf, size_t size);

/* An answer from a number as typed ("0.33": its value, and 2 decimals),
 * read by the rules of bp_parse_number; a number longer than bp_answer's
 * text is BP_NUM_SYNTAX.  a is untouched unless BP_NUM_OK. */
bp_num_status bp_answer_from_text(bp_answer *a, const char *name,
                                  const char *text);

typedef enum {
    BP_VERDICT_RIGHT = 0,
    BP_VERDICT_ECF,            /* follows from the student's own earlier
                                  (wrong) numbers */
    BP_VERDICT_WRONG,
    BP_VERDICT_MISSING,
    BP_VERDICT_COARSE,         /* right, but written more coarsely than the
                                  lesson demands */
    BP_VERDICT_GIVEN           /* the worksheet gives it: no credit, not in
                                  the maximum score */
} bp_verdict;

/* "right", "ECF", "wrong", "missing", "too coarse", "given" */
const char *bp_verdict_name(bp_verdict verdict);

typedef struct {
    const bp_quantity *q;
    const bp_answer *answer;   /* NULL when missing */
    bp_verdict verdict;
    double credit;             /* 0 to 1 */
    double expected;           /* the correct value (hand, or exact) */
    char hint[512];            /* "follows from your o_4", "o(1-o) left
                                  out", an erratum of the lecture; or "" */
} bp_judgement;

typedef struct {
    const bp_trace *trace;
    const bp_answers *answers;
    bp_judgement *items;       /* in the trace's order: every quantity a
                                  student writes on a line of its own, and
                                  any other the student answered */
    int n;
    double score;
    double max_score;          /* one per item that is not given */
    int first_wrong;           /* index into items, or -1 */
} bp_check_result;

/* The tolerance rule: `given`, written with `decimals` digits after the
 * point, is right for a correct value `value` when `value` rounded (half
 * away from zero) to those decimals is `given`.  0.33 is right for 0.332;
 * 0.34 is not; 0.3318 is right for 0.331807. */
bool bp_agrees(double given, int decimals, double value);

/* The precision rule, shared by check and quiz (doc/instructors.md, "How
 * a number is judged"): a number `a` for a value `value` of q needs at
 * least *least decimals for full credit, *least being the lesson's
 * min_decimals or one fewer than the lesson writes q with, whichever is
 * more; a number that is the value itself (0.4 for 0.4, -0.7 for -0.7)
 * needs only min_decimals.  Fewer decimals than the value's first
 * significant digit (0 for 0.03) says nothing about it. */
typedef enum {
    BP_PRECISION_OK = 0,
    BP_PRECISION_COARSE,       /* fewer decimals than *least */
    BP_PRECISION_NO_DIGIT      /* not even the first significant digit */
} bp_precision_verdict;

bp_precision_verdict bp_precision_judge(const bp_quantity *q,
                                        const bp_grading *g, double value,
                                        const bp_answer *a, int *least);

/* Judge the answers against the trace (built by bp_trace_build): each
 * answered value against the correct value (the hand value, or the exact
 * one: either is right); a wrong one against the value that follows from
 * the student's own numbers (error carried forward) and against the
 * classic mistakes.  An unknown name is an input error at its position,
 * with "did you mean". */
bp_check_result *bp_check(const bp_trace *trace, const bp_answers *answers,
                          bp_error *err);
void bp_check_free(bp_check_result *result);

/* The judgement bp_check gives q among these answers (a quantity judged
 * one at a time, as `bptrace quiz` does): the same verdict, credit and
 * hint.  An input error when q is not graded (not on a line of its own
 * and not answered). */
bp_status bp_check_quantity(const bp_trace *t, const bp_answers *a,
                            const bp_quantity *q, bp_judgement *out,
                            bp_error *err);

/* A classic mistake at a quantity (as bp_check names it) and the number it
 * gives. */
typedef struct {
    const char *why;
    double value;
} bp_mistake;

#define BP_MISTAKES_MAX 8

/* The classic mistakes at q, each worked from the correct numbers (the
 * hand values; the exact ones for a trace without a rounding profile):
 * how many were put in out (room for BP_MISTAKES_MAX), or -1 when out of
 * memory. */
int bp_check_mistakes(const bp_trace *t, const bp_quantity *q,
                      bp_mistake *out);
#pragma GCC visibility pop

#endif
