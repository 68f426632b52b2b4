/* loss.h: what each loss is, in one place: one row per loss, read by the
 * lesson reader, the fast engine, the gradient check and the checker. */
#ifndef BP_LOSS_H
#define BP_LOSS_H

#include <stdbool.h>

#include "bptrace/activation.h"

typedef struct {
    const char *name; /* as a lesson writes it: "squared" */
    /* E = factor x sum over the outputs of term(t_k, o_k); complement:
     * the outputs are each 0..1 on their own (sigmoid), not a softmax
     * layer whose outputs share 1 */
    double factor;
    double (*term)(double t, double o, bool complement);
    /* the sum of the terms over n outputs, in their order (the engine) */
    double (*sum)(const double *t, const double *o, int n, bool complement);
    /* factor x term in long double, for the gradient check */
    long double (*term_long)(long double t, long double o, bool complement);
    /* dE/do_k cancels the output's derivative: delta_k = t_k - o_k */
    bool cancels_derivative;
    /* every target must lie in [0, 1] */
    bool targets_are_probabilities;
    /* the checker's hint when a student multiplied in the derivative that
     * cancels (the outputs of such a loss are sigmoid or softmax, whose
     * derivative is o(1 - o)); NULL: none */
    const char *uncancelled_hint;
} bp_loss_row;

/* The row of loss (every value of the enum has one). */
const bp_loss_row *bp_loss_row_of(bp_loss loss);

/* The loss named `name`, or false. */
bool bp_loss_from_name(const char *name, bp_loss *loss);

#endif
