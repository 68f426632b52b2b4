/* net.h: the fast, untraced engine (internal).
 *
 * The same forward pass, error terms and updates as the derivation graph
 * (backprop.c), without a quantity per number: the weights of each layer
 * in one contiguous input-major matrix (a row per unit of the layer
 * before, a column per unit of the layer: w_ij at i * size[l] + j, so
 * that the sums of neighbouring units go together in vector registers),
 * every buffer allocated once, nothing allocated per step.  The arithmetic is done in the graph's order, so that one step
 * gives the same doubles as `bptrace trace --exact`.
 */
#ifndef BP_NET_H
#define BP_NET_H

#include "lesson/lesson_internal.h"
#include "train/kernels.h"

typedef struct {
    int n_layers;
    int size[BP_MAX_LAYERS];     /* units of each layer */
    int first[BP_MAX_LAYERS];    /* offset of its units in out, net, ... */
    int w_first[BP_MAX_LAYERS];  /* offset of the matrix into layer l */
    bp_activation act[BP_MAX_LAYERS];
    double slope[BP_MAX_LAYERS]; /* leaky_relu's, per layer (0 else) */
    bp_loss loss;    /* squared (bp_net_new's) or cross-entropy */
    int n_units;
    int n_weights;

    double *w;       /* weights: layer l's matrix at w + w_first[l] */
    double *b;       /* a bias per unit; 0 for a unit without one */
    bool *b_has;     /* the unit has a bias (the graph adds no term else) */
    /* parameters that are kept: index into w, or into b */
    int *fixed_w, n_fixed_w;
    int *fixed_b, n_fixed_b;
    double *fixed_w_value, *fixed_b_value;

    /* work, per step */
    double *out;     /* x_i of the input layer (after bp_net_forward;
                        bp_net_step reads x where it is), o_j of the
                        others */
    double *net;     /* net_j */
    double *delta;   /* delta_j */
    double *eta_delta; /* eta delta_j, for the updates */
    /* the last change of each parameter: Delta w(n - 1) for momentum */
    double *dw, *db;
    /* batch mode: the changes summed over the epoch */
    double *sum_w, *sum_b;

    /* The inner loops for this processor (kernels.h): bp_kernels_best()
     * unless a caller puts another row of the table here. */
    const bp_kernels *kernels;
    /* Read once from act, loss and b_has by bp_net_refresh, so
     * that a step of a small network does not look them up again: */
    /* each layer's activation for the whole layer (activation.h) */
    void (*layer_value[BP_MAX_LAYERS])(const double *net, double *out, int n,
                                       double param);
    void (*layer_derivative[BP_MAX_LAYERS])(const double *o, const double *net,
                                            double *d, int n, double param);
    bool all_biases[BP_MAX_LAYERS]; /* every unit of layer l has a bias */
    bool output_derivative; /* delta_k has f'(net_k) (the loss keeps it) */
} bp_net;

/* A network of n_layers layers of sizes[] units, act[l] for layer l >= 1;
 * every non-input unit has a bias; all parameters 0.  NULL when out of
 * memory or the shape is invalid. */
bp_net *bp_net_new(int n_layers, const int *sizes, const bp_activation *act);
/* The lesson's network with its weights, biases and fixed parameters. */
bp_net *bp_net_from_lesson(const bp_lesson *lesson);
void bp_net_free(bp_net *net);
/* Read act, loss and b_has again after a caller changed them
 * (bp_net_new and bp_net_from_lesson read them when they build the net). */
void bp_net_refresh(bp_net *net);

/* Where the lesson's weight `weight` sits in net->w. */
int bp_net_weight_slot(const bp_net *net, const bp_lesson *lesson,
                       int weight);

/* Write the net's weights and biases back into the lesson. */
void bp_net_to_lesson(const bp_net *net, bp_lesson *lesson);

/* Forget the momentum (Delta w(n - 1) = 0) and the batch sums. */
void bp_net_reset(bp_net *net);

/* The outputs of the last forward pass. */
static inline const double *bp_net_outputs(const bp_net *net)
{
    return net->out + net->first[net->n_layers - 1];
}

void bp_net_forward(bp_net *net, const double *x);
/* E of one example for the last forward pass, as the graph works it:
 * squared, 1/2 sum_k (t_k - o_k)^2; cross-entropy, -sum_k [t_k ln o_k +
 * (1 - t_k) ln(1 - o_k)] (sigmoid) or -sum_k t_k ln o_k (softmax), a term
 * whose factor is 0 left out.  The number of outputs farther than
 * `tolerance` from their targets goes to *wrong. */
double bp_net_error(const bp_net *net, const double *t, double tolerance,
                    int *wrong);
/* The error terms delta_j of every unit, for the last forward pass. */
void bp_net_backward(bp_net *net, const double *t);

/* One stochastic step: forward, backward, and every parameter changed by
 * Delta w(n) = eta delta_j x_i + alpha Delta w(n - 1). */
void bp_net_step(bp_net *net, const double *x, const double *t, double eta,
                 double alpha);
/* Batch mode: forward and backward, eta delta_j x_i added to the sums. */
void bp_net_accumulate(bp_net *net, const double *x, const double *t,
                       double eta);
/* Batch mode, end of the epoch: Delta w(n) = the sum + alpha Delta w(n - 1),
 * applied; the sums are cleared. */
void bp_net_apply(bp_net *net, double alpha);

/* E over a set of examples: the sum of each example's E (for squared
 * error, the lecture's equation (1)), and the number of examples with an
 * output farther than `tolerance` from its target. */
double bp_net_set_error(bp_net *net, const bp_example_set *set,
                        double tolerance, int *wrong_examples);

#endif
