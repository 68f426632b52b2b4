/* bptrace/activation.h: the activation functions and losses a lesson may name (math) */
#ifndef BPTRACE_ACTIVATION_H
#define BPTRACE_ACTIVATION_H

/* The export block (BP_API): the library is built with -fvisibility=hidden,
 * so only what is declared between push and pop is exported from
 * libbptrace.so (tests/test-exports.sh checks it). */
#pragma GCC visibility push(default)


typedef enum {
    BP_ACT_SIGMOID = 0,
    BP_ACT_TANH,
    BP_ACT_RELU,
    BP_ACT_LINEAR,
    BP_ACT_SOFTMAX,   /* the output layer only, with cross-entropy:
                         o_k = e^net_k / sum_j e^net_j */
    BP_ACT_LEAKY_RELU, /* net, or slope x net below 0 (the layer's slope:) */
    BP_ACT_SOFTPLUS,   /* ln(1 + e^net), whose derivative is sigma(net) */
    BP_ACT_COUNT
} bp_activation;

/* The activation's name as a lesson writes it ("sigmoid", ...). */
const char *bp_activation_name(bp_activation act);

/* The error a lesson minimizes (its top-level `loss:` key). */
typedef enum {
    BP_LOSS_SQUARED = 0,    /* E = 1/2 sum_k (t_k - o_k)^2, the lecture's */
    BP_LOSS_CROSS_ENTROPY,  /* sigmoid outputs: E = -sum_k [t_k ln o_k +
                               (1 - t_k) ln(1 - o_k)]; softmax outputs:
                               E = -sum_k t_k ln o_k */
    BP_LOSS_COUNT
} bp_loss;

/* The loss's name as a lesson writes it: "squared", "cross-entropy". */
const char *bp_loss_name(bp_loss loss);

#pragma GCC visibility pop

#endif
