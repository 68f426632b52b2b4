/* train.h: epochs over a training set with the fast engine (net.h), the
 * stopping rules of lecture section 9.1, and the gradient check
 * (internal).  Nothing here prints.
 */
#ifndef BP_TRAIN_H
#define BP_TRAIN_H

#include "train/net.h"

/* E over D after an epoch (epoch 0: before training). */
typedef struct {
    double error;       /* on the training set; NAN when not measured */
    double validation;  /* on the validation set; NAN without one */
    int wrong;          /* training examples with an output farther than
                           the tolerance from its target; -1 when not
                           measured */
    double test_error;  /* on the held-out test set; NAN without one */
    int test_right;     /* test examples classified right (bp_net_right) */
    int epoch;          /* which epoch this is (0: before training) */
} bp_epoch;

typedef enum {
    BP_STOP_EPOCHS = 0, /* the maximum number of epochs was reached */
    BP_STOP_THRESHOLD,  /* E fell to the error threshold */
    BP_STOP_PATIENCE,   /* the validation error stopped improving */
    BP_STOP_PLATEAU,    /* stuck: E no longer falls */
    BP_STOP_DIVERGED    /* E is no longer a finite number */
} bp_stop;

typedef struct {
    /* The epochs measured, in order: epoch 0 (before training) first, the
     * last epoch run last.  Only these are stored: thousands of epochs
     * measured every k-th would otherwise fill (and fault in) a record
     * each.  Read them by epoch with bp_train_at. */
    bp_epoch *measured;
    int n_measured, measured_cap;
    int n_epochs;       /* epochs run: 0 .. n_epochs */
    bp_stop stop;
    int best_epoch;     /* patience: the epoch of the lowest validation
                           error, whose weights the net was given back */
} bp_train_result;

/* How to train: the lesson's `training:` block, possibly overridden by
 * the command line, and the learning rate. */
typedef struct {
    bp_training rules;
    double eta;
    /* E is measured after epochs 0, k, 2k, ... and the last (k =
     * measure_every; 0 or 1: after every epoch), and after every epoch
     * when a stopping rule needs it (threshold, patience, plateau).  An
     * epoch not measured has error NAN (plots skip it); divergence is
     * then seen at the next measured epoch. */
    int measure_every;
    int measure_first;  /* and after each of the first this many epochs */
    /* Held out: E and the examples right at each measured epoch; NULL or
     * empty: none. */
    const bp_example_set *test;
} bp_train_config;

/* Train net on `train` (and watch `validation`, which may be NULL or
 * empty) until a rule stops it.  BP_OK, or BP_ERR_NOMEM.  The result's
 * epochs are freed with bp_train_result_free. */
bp_status bp_train(bp_net *net, const bp_train_config *cfg,
                   const bp_example_set *train,
                   const bp_example_set *validation, bp_train_result *res);
void bp_train_result_free(bp_train_result *res);

/* Epoch n of a result (0 <= n <= n_epochs): its record when it was
 * measured, else a record of error NAN, validation NAN, wrong -1, test
 * error NAN, test_right 0 (as a plot skips). */
const bp_epoch *bp_train_at(const bp_train_result *res, int n);

/* Whether the last forward pass classifies example `t` right: with
 * several outputs, the largest output is the unit of the largest target;
 * with one output, it is within `tolerance` of its target. */
bool bp_net_right(const bp_net *net, const double *t, double tolerance);

/* E over `set` and the number of its examples classified right. */
double bp_net_set_accuracy(bp_net *net, const bp_example_set *set,
                           double tolerance, int *right);

/* One epoch: stochastic, a step per example in order; batch, the changes
 * of every example summed, then applied. */
void bp_train_epoch(bp_net *net, const bp_train_config *cfg,
                    const bp_example_set *train);

/* Run the first `iterations` iterations: stochastic, one step per example
 * (cycling through the examples); batch, one epoch each. */
void bp_train_iterations(bp_net *net, const bp_train_config *cfg,
                         const bp_example_set *train, long iterations);

/* ---- The gradient check ---- */

typedef struct {
    double backprop;    /* dE/dw from the error terms: -delta_j x_i summed
                           over the examples */
    double numeric;     /* the five-point central difference
                           (E(w - 2h) - 8E(w - h) + 8E(w + h) - E(w + 2h))
                           / 12h, E worked in long double by a forward
                           pass of its own */
    double relative;    /* |backprop - numeric| / max(|backprop|, |numeric|,
                           BP_GRADCHECK_FLOOR) */
} bp_gradient;

#define BP_GRADCHECK_STEP 1e-3   /* h */
#define BP_GRADCHECK_POINTS 4    /* forward passes per parameter and example */
#define BP_GRADCHECK_FLOOR 1e-6  /* gradients below it compare absolutely:
                                    a true 0 comes out as some 1e-14 */
#define BP_GRADCHECK_TOLERANCE 1e-7

/* dE/dw for every weight (grads[0 .. n_weights)) then every bias of a
 * unit that has one (in unit order), E over the whole set.  The counts of
 * passes each method needed go to *backprop_passes (forward + backward
 * per example) and *numeric_passes (forward, BP_GRADCHECK_POINTS per
 * parameter per example).  grads must hold net->n_weights + net->n_units entries; the
 * number filled is returned, or BP_GRADCHECK_NOMEM when out of memory
 * (a count, not a bp_status, so the failure is a named negative count). */
#define BP_GRADCHECK_NOMEM (-1)
int bp_gradcheck(bp_net *net, const bp_example_set *set, bp_gradient *grads,
                 long *backprop_passes, long *numeric_passes);

#endif
