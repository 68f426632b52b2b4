/* step.h: `bptrace step` without the terminal: the quantities to show,
 * where a jump goes, the commands a student types, and what one quantity
 * looks like.  Testable from a script: nothing here reads a key. */
#ifndef BP_STEP_H
#define BP_STEP_H

#include "render/text.h"

/* Where an item's events are in the walk (walk.h), by their numbers:
 * the headings in force when its derivation comes (-1: none), and its
 * own events, [first, end): the derivation, its explanation, the
 * lecture's erratum beside it, an exercise step's note after it. */
typedef struct {
    int part, unit;            /* PART, UNIT */
    int case_first, case_end;  /* CASE and its GIVENS */
    int step_first, step_end;  /* STEP and its GIVENS */
    int own_first, own_end;
} bp_step_frame;

typedef struct {
    const bp_trace *t;
    int *items;       /* the quantities shown, indexes into t->q, in order */
    bp_step_frame *frames;
    int n;
    int pos;          /* the item shown last; -1: none yet (the givens) */
    /* the headings shown last (event numbers), so that a heading comes
     * again when it changes */
    int part, unit, case_first, step_first;
    bp_chain *chain;  /* room for one derivation */
    /* where each event of the walk is (event numbers index it), so that
     * showing an item seeks straight to its events */
    bp_walk_mark *marks;
    int n_marks;
    /* the walk items are shown from, made for the text `shown_for` */
    bp_walk_iter *it;
    const bp_text *shown_for;
} bp_stepper;

/* Every quantity a student writes on a line of its own, in the order and
 * with the headings of the walk that the trace is written from, or only
 * those of
 * unit `unit` (an index into the lesson's units; -1: all): its net input,
 * output, error, error term, the new weights into it and its new bias,
 * and its values in the verification pass.  0, or -2 out of memory. */
int bp_stepper_init(bp_stepper *s, const bp_trace *t, int unit);
void bp_stepper_free(bp_stepper *s);

/* The unit a lesson labels `label` ("4", "h1"), or -1. */
int bp_stepper_unit(const bp_lesson *l, const char *label);

/* The item a jump to `where` goes to: the first of a phase (f, forward,
 * e, error, b, backward, u, update, v, verify), of an exercise's step (a
 * number: 2, or "step 2"), or a quantity by its name (delta_4); -1 when
 * there is none among the items.  *why says why not ("" when found). */
int bp_stepper_find(const bp_stepper *s, const char *where,
                    const char **why);

typedef enum {
    BP_STEP_NEXT = 0, /* Enter, space, n, an empty line */
    BP_STEP_BACK,     /* b */
    BP_STEP_JUMP,     /* g [WHERE] */
    BP_STEP_QUIT,     /* q */
    BP_STEP_HELP,     /* h, ? */
    BP_STEP_UNKNOWN
} bp_step_command;

/* A command line (line mode): "", "n", "b", "q", "g backward", "g"; *arg
 * is what follows g ("" for none). */
bp_step_command bp_step_parse(const char *line, const char **arg);

/* What the commands are, for the help and the prompt. */
extern const char bp_step_keys_help[];

/* What of item i to show: the headings of its part and unit (or case
 * and step) where they differ from those shown last; its working: the
 * derivation, its explanation, the erratum beside it. */
enum { BP_STEP_HEADINGS = 1, BP_STEP_WORKING = 2 };

/* Show item i as the trace writes it (text_on_event), and make it the
 * current one.  BP_OK, or BP_ERR_NOMEM. */
bp_status bp_stepper_show(bp_stepper *s, bp_text *c, int i, int what);

/* The item of quantity q, or -1. */
int bp_stepper_item(const bp_stepper *s, const bp_quantity *q);

#endif
