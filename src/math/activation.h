/* activation.h: what each activation function is, in one place: one row
 * of a table per activation, read by the graph, the text, the checker,
 * variants, the fast engine and the gradient check.  Adding an activation
 * is adding a row (and its name to the enum in bptrace/activation.h). */
#ifndef BP_ACTIVATION_H
#define BP_ACTIVATION_H

#include <stdbool.h>
#include <stddef.h>

#include "bptrace/activation.h"
#include "bptrace/number.h"

/* The templates below are written once for every style.  The writer
 * (write/formula.c) fills in:
 *   {o} {net}    the unit's output and net input: symbols, or numbers
 *   {po} {pnet}  the same, in parentheses when the number is negative
 *   {f}          the function's name in the style (f_name below)
 *   {a}          the layer's parameter (leaky_relu's slope)
 *   {d}          the derivative's shown factor (1 or 0 for relu)
 *   {sigma} {sq} {x} {ln} {e^} {/e}   the style's sigma, square, times,
 *                ln, and e^ before / after an exponent
 *   {m0} {m1}    (explanations) around math: "$" in LaTeX, "" in text
 * An empty template means "nothing to write". */
typedef struct {
    const char *name; /* as a lesson writes it: "sigmoid" */
    /* o = f(net); param is the layer's slope (leaky_relu), else unused */
    double (*value)(double net, double param);
    /* the same in long double, for the gradient check's own evaluation */
    long double (*value_long)(long double net, double param);
    /* f'(net), from o (and from net when derivative_needs_net); *shown
     * gets the factor written beside o (1 - o, 1 - o^2, 1 or 0) */
    double (*derivative)(double o, double net, double param, double *shown);
    /* the fast engine: out[j] = f(net[j]), d[j] *= f'(net[j]) for a layer */
    void (*layer_value)(const double *net, double *out, int n, double param);
    void (*layer_derivative)(const double *o, const double *net, double *d,
                             int n, double param);
    bool derivative_needs_net;
    /* *shown is a part of f' (sigmoid's 1 - o of o(1 - o)), not f' itself
     * (1 - o^2, sigma(net), 1): an output's delta then writes o, *shown and
     * t - o as three factors, and no derivative of its own to round */
    bool shown_is_part;
    const char *f_name[3];          /* UTF-8, ASCII, LaTeX */
    const char *formula;            /* o = ...: "{sigma}({net})" */
    const char *numbers;            /* o = ... with numbers: "max(0, {net})" */
    const char *derivative_formula; /* "{o}(1 - {o})", "(1 - {o}{sq})" */
    const char *derivative_numbers; /* the same with numbers */
    const char *derivative_name;    /* the quantity's name: "{o}(1-{o})"
                                       ({i} is the unit's index) */
    /* the checker's hints: the derivative left out of a delta; net used
     * where o belongs in the derivative (NULL: it is written from net) */
    const char *hint_left_out, *hint_net_for_o;
    /* the one-sentence explanation of o = f(net), by the sign of net */
    const char *explain_positive, *explain_negative, *explain_zero;
    double low, high; /* the range of outputs */
    /* a unit is saturated when o is within this of an end of its range
     * (variants reject such draws); 0: never */
    double saturation;
    /* targets a variant draws for outputs of this activation: low and
     * high; false: the lesson's targets are kept */
    bool draws_targets;
} bp_activation_row;

/* The row of act (every value of the enum has one). */
const bp_activation_row *bp_act_row(bp_activation act);

/* The activation named `name`, or false. */
bool bp_act_from_name(const char *name, bp_activation *act);

/* f(net).  Softmax is a function of the whole layer: NaN here; see
 * bp_softmax.  For sigmoid, when e^-net is given (the student's rounded value)
 * the output is 1/(1 + e^-net) as written; otherwise the stable form. */
double bp_act_value(bp_activation act, double param, double net,
                    const double *exp_minus_net);

/* The softmax of net[0..n) into out: e^(net_k - max) / sum_j e^(net_j -
 * max), which never overflows and equals e^net_k / sum_j e^net_j. */
void bp_softmax(const double *net, int n, double *out);

/* f'(net) by the row: see bp_activation_row.derivative. */
double bp_act_derivative(bp_activation act, double param, double o, double net,
                         double *shown);

/* The derivative's quantity name: o_4(1-o_4), 1-o_4^2, f'(net_4). */
void bp_act_derivative_name(bp_activation act, const char *o_name,
                            const char *index, char *buf, size_t size);

/* leaky_relu's slope for net < 0 when the lesson gives none. */
#define BP_LEAKY_SLOPE_DEFAULT 0.01

#endif
