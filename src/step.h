/* step.h: `bptrace step` without the terminal: the quantities to show,
 * where a jump goes, the commands a student types, and what one quantity
 * looks like.  Testable from a script: nothing here reads a key. */
#ifndef BP_STEP_H
#define BP_STEP_H

#include "text.h"

typedef struct {
    const bp_trace *t;
    int *items;       /* the quantities shown, indexes into t->q, in order */
    int n;
    int pos;          /* the item shown last; -1: none yet (the givens) */
    /* what was shown last, so that a heading comes when it changes */
    bp_phase phase;
    int unit, step, case_index;
    bp_chain *chain;  /* room for one derivation */
} bp_stepper;

/* Every quantity a student writes on a line of its own, or only those of
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

/* Show item i (and make it the current one): a heading where the part,
 * unit or step changes, then the derivation and its explanation, as the
 * trace writes them. */
void bp_stepper_show(bp_stepper *s, bp_text *c, int i);
/* Its two halves: the headings (making i the current item), and the
 * derivation with its explanation. */
void bp_stepper_heading(bp_stepper *s, bp_text *c, int i);
void bp_stepper_working(bp_stepper *s, bp_text *c, int i);

#endif
