/* activation.h: what each activation function is, in one place: its value,
 * its derivative written from its output, and the derivative's name. */
#ifndef BP_ACTIVATION_H
#define BP_ACTIVATION_H

#include <stdbool.h>
#include <stddef.h>

#include "bptrace/activation.h"
#include "bptrace/number.h"

/* f(net).  Softmax is a function of the whole layer: NaN here; see
 * bp_softmax.  For sigmoid, when e^-net is given (the student's rounded value)
 * the output is 1/(1 + e^-net) as written; otherwise the stable form. */
double bp_act_value(bp_activation act, double net, const double *exp_minus_net);

/* The softmax of net[0..n) into out: e^(net_k - max) / sum_j e^(net_j -
 * max), which never overflows and equals e^net_k / sum_j e^net_j. */
void bp_softmax(const double *net, int n, double *out);

/* f'(net) written from o as the lecture writes it: o(1 - o) for sigmoid,
 * 1 - o^2 for tanh, 1 or 0 by the sign of net for relu, 1 for linear;
 * for softmax o(1 - o), the diagonal of its Jacobian.
 * *shown gets the factor written beside o: 1 - o, 1 - o^2, 1 or 0. */
double bp_act_derivative(bp_activation act, double o, double net,
                         double *shown);

/* The derivative's quantity name: o_4(1-o_4), 1-o_4^2, f'(net_4). */
void bp_act_derivative_name(bp_activation act, const char *o_name,
                            const char *net_name, char *buf, size_t size);

#endif
