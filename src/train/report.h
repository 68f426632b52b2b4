/* report_train.h: what `bptrace train` and `bptrace gradcheck` write:
 * renderers over results the engine computed (train.h); they compute
 * nothing themselves.
 */
#ifndef BP_REPORT_TRAIN_H
#define BP_REPORT_TRAIN_H

#include "train/train.h"

#include <stdio.h>

/* One training run and what it gave. */
typedef struct {
    double eta;
    bp_train_result result;
    bp_net *final;        /* the weights after training */
    double *outputs;      /* per training example: its n_targets outputs */
    double *hidden;       /* per training example: the values of the one
                             hidden layer; NULL without exactly one */
} bp_train_run;

typedef struct {
    const bp_lesson *lesson;
    const bp_train_config *cfg; /* the rules (eta of each run below) */
    bool drawn;           /* initial weights drawn (seed, range in cfg) */
    const bp_net *initial; /* the weights before training */
    bp_train_run *runs;   /* one, or one per rate of --compare-eta */
    int n_runs;
    bool ascii;
    /* --data: where the examples came from (NULL: the lesson) */
    const char *data;
    const bp_example_set *test; /* held out; NULL: none */
    const char *test_from;  /* "FILE", or how it was split off */
    bool standardized;      /* inputs standardised by the training set */
    char **classes;         /* --one-hot: the class of each output unit */
    int n_classes;
} bp_train_report;

/* Each returns BP_OK; BP_ERR_IO when writing failed; BP_ERR_NOMEM.  The
 * text has the learning curve drawn in characters (plot.h). */
bp_status bp_report_train_text(const bp_train_report *r, FILE *out);
/* The learning curves as an SVG file (--plot): E after each epoch, one
 * curve per run, and the validation error when there is a set. */
bp_status bp_report_train_svg(const bp_train_report *r, FILE *out);
bp_status bp_report_train_json(const bp_train_report *r, FILE *out);
bp_status bp_report_train_csv(const bp_train_report *r, FILE *out);

/* The epochs the text report lists: every k-th, k the smallest of 1, 2,
 * 5, 10, 20, 50, ... that keeps it to about 50 lines. */
int bp_report_train_stride(int n_epochs);

/* The gradient check. */
typedef struct {
    const bp_lesson *lesson;
    const bp_net *net;
    const bp_gradient *grads; /* weights in lesson order, then biases */
    int n;
    long backprop_passes, numeric_passes;
    int n_examples;
    bool ascii;
} bp_gradcheck_report;

bp_status bp_report_gradcheck_text(const bp_gradcheck_report *r, FILE *out);

#endif
