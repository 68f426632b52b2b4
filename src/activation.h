/* activation.h: what each activation function is, in one place: its value,
 * its derivative written from its output, and the derivative's name. */
#ifndef BP_ACTIVATION_H
#define BP_ACTIVATION_H

#include "bptrace.h"

/* f(net).  For sigmoid, when e^-net is given (the student's rounded value)
 * the output is 1/(1 + e^-net) as written; otherwise the stable form. */
double bp_act_value(bp_activation act, double net, const double *exp_minus_net);

/* f'(net) written from o as the lecture writes it: o(1 - o) for sigmoid,
 * 1 - o^2 for tanh, 1 or 0 by the sign of net for relu, 1 for linear.
 * *shown gets the factor written beside o: 1 - o, 1 - o^2, 1 or 0. */
double bp_act_derivative(bp_activation act, double o, double net,
                         double *shown);

/* The derivative's quantity name: o_4(1-o_4), 1-o_4^2, f'(net_4). */
void bp_act_derivative_name(bp_activation act, const char *o_name,
                            const char *net_name, char *buf, size_t size);

#endif
