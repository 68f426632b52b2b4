/* derive.h: the derivation of a quantity, as steps of arithmetic.
 *
 * A derivation is "lhs = step = step = ... = result": the formula, the
 * numbers substituted, the arithmetic, the result.  Every renderer lays out
 * the same steps in its own way, so all formats say the same thing.
 */
#ifndef BP_DERIVE_H
#define BP_DERIVE_H

#include "write/formula.h"

#include <stdbool.h>
#include <string.h>

/* A net of 64 terms with labels of 31 characters, in UTF-8 subscripts,
 * fits a step with room to spare. */
#define BP_STEP_MAX 32768
#define BP_STEPS_MAX 6
#define BP_VALUE_TEXT 64 /* a number as written, with room to spare */

/* Each quantity's number as written, once it has been, kept as long as it
 * is (a trace of 500 quantities would otherwise touch 32 KB). */
typedef struct {
    int *at;       /* quantity i's text at text + at[i] - 1; 0: not yet */
    char *text;
    size_t used, cap;
} bp_value_cache;

/* What a derivation is written from: the trace, the symbols, the numbers. */
typedef struct {
    const bp_trace *t;
    const bp_style *st;
    bp_numfmt nf;
    /* A worksheet's blanks: quantity i is written as blank_text wherever
     * its number would be (NULL: no blanks). */
    const bool *blank;
    const char *blank_text;
    const char *blank_exp_text; /* the same in an exponent (NULL: as
                                   blank_text) */
    /* Optional: the numbers as written, so that each is formatted once a
     * walk (NULL: each time). */
    bp_value_cache *values;
} bp_writer;

typedef struct {
    char lhs[2048];
    bool labelled; /* lhs is a label in words: "Old error: ..." */
    char step[BP_STEPS_MAX][BP_STEP_MAX];
    int n;
    int shown;     /* steps[0, shown): the formula and the numbers
                      substituted, what a worksheet shows of a blank */
} bp_chain;

/* Whether step i of ch only repeats the step before (0.5 = 0.5): it is
 * not written again. */
static inline bool bp_chain_repeats(const bp_chain *ch, int i)
{
    return i > 0 && strcmp(ch->step[i], ch->step[i - 1]) == 0;
}

/* The derivation of q, for the kinds that stand on a line of their own. */
void bp_derive(const bp_writer *w, const bp_quantity *q, bp_chain *ch);

/* Whether q stands on a line of its own (net, o, delta, w(new), ...) or
 * is written inside the line of the quantity that uses it (x_i w_ij,
 * e^-net, Delta w). */
bool bp_derive_standalone(const bp_trace *t, const bp_quantity *q);

/* Whether the lecture writes q's derivation on one line. */
bool bp_derive_compact(const bp_quantity *q);

#endif
