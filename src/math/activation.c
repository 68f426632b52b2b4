/* activation.c: the table of activation functions, one row each. */
#include "bptrace/activation.h"
#include "math/activation.h"
#include "util/strings.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The functions                                                       */
/* ------------------------------------------------------------------ */

static double sigmoid(double net, double a)
{
    (void)a;
    return bp_logistic(net);
}
static long double sigmoid_l(long double net, double a)
{
    (void)a;
    return 1.0L / (1.0L + expl(-net));
}
static double sigmoid_d(double o, double net, double a, double *shown)
{
    (void)net, (void)a;
    *shown = 1.0 - o;
    return o * (1.0 - o);
}
/* as the graph computes it in exact mode: 1/(1 + e^-net) */
static void sigmoid_layer(const double *net, double *out, int n, double a)
{
    (void)a;
    for (int j = 0; j < n; j++)
        out[j] = 1.0 / (1.0 + exp(-net[j]));
}
static void sigmoid_layer_d(const double *o, const double *net, double *d,
                            int n, double a)
{
    (void)net, (void)a;
    for (int j = 0; j < n; j++)
        d[j] = o[j] * (1.0 - o[j]) * d[j];
}

static double tanh_v(double net, double a)
{
    (void)a;
    return tanh(net);
}
static long double tanh_l(long double net, double a)
{
    (void)a;
    return tanhl(net);
}
static double tanh_d(double o, double net, double a, double *shown)
{
    (void)net, (void)a;
    *shown = 1.0 - o * o;
    return *shown;
}
static void tanh_layer(const double *net, double *out, int n, double a)
{
    (void)a;
    for (int j = 0; j < n; j++)
        out[j] = tanh(net[j]);
}
static void tanh_layer_d(const double *o, const double *net, double *d, int n,
                         double a)
{
    (void)net, (void)a;
    for (int j = 0; j < n; j++)
        d[j] = (1.0 - o[j] * o[j]) * d[j];
}

/* relu's derivative is leaky_relu's with slope 0 */
static double leaky(double net, double a)
{
    return net > 0 ? net : a * net + 0.0;
}
static long double leaky_l(long double net, double a)
{
    return net > 0 ? net : a * net + 0.0L;
}
static double leaky_d(double o, double net, double a, double *shown)
{
    (void)o;
    *shown = net > 0 ? 1.0 : a;
    return *shown;
}
static void leaky_layer(const double *net, double *out, int n, double a)
{
    for (int j = 0; j < n; j++)
        out[j] = net[j] > 0 ? net[j] : a * net[j] + 0.0;
}
static void leaky_layer_d(const double *o, const double *net, double *d, int n,
                          double a)
{
    (void)o;
    for (int j = 0; j < n; j++)
        d[j] = (net[j] > 0 ? 1.0 : a) * d[j];
}
static double relu(double net, double a)
{
    (void)a;
    return net > 0 ? net : 0.0;
}
static long double relu_l(long double net, double a)
{
    (void)a;
    return net > 0 ? net : 0.0L;
}
static double relu_d(double o, double net, double a, double *shown)
{
    (void)a;
    return leaky_d(o, net, 0.0, shown);
}
static void relu_layer(const double *net, double *out, int n, double a)
{
    (void)a;
    leaky_layer(net, out, n, 0.0);
}
static void relu_layer_d(const double *o, const double *net, double *d, int n,
                         double a)
{
    (void)a;
    leaky_layer_d(o, net, d, n, 0.0);
}

static double linear(double net, double a)
{
    (void)a;
    return net;
}
static long double linear_l(long double net, double a)
{
    (void)a;
    return net;
}
static double linear_d(double o, double net, double a, double *shown)
{
    (void)o, (void)net, (void)a;
    *shown = 1.0;
    return 1.0;
}
static void linear_layer(const double *net, double *out, int n, double a)
{
    (void)a;
    memcpy(out, net, (size_t)n * sizeof *out);
}
static void linear_layer_d(const double *o, const double *net, double *d, int n,
                           double a)
{
    (void)o, (void)net, (void)d, (void)n, (void)a; /* times 1 */
}

/* A layer's function: its value per unit is NaN; bp_softmax gives it. */
static double softmax_v(double net, double a)
{
    (void)net, (void)a;
    return NAN;
}
static long double softmax_l(long double net, double a)
{
    (void)net, (void)a;
    return NAN;
}
static void softmax_layer(const double *net, double *out, int n, double a)
{
    (void)a;
    bp_softmax(net, n, out);
}

/* softplus(net) = ln(1 + e^net) = max(net, 0) + ln(1 + e^-|net|): no
 * overflow for a large net, no loss to 0 for a very negative one. */
static double softplus(double net, double a)
{
    (void)a;
    return fmax(net, 0.0) + log1p(exp(-fabs(net)));
}
static long double softplus_l(long double net, double a)
{
    (void)a;
    return fmaxl(net, 0.0L) + log1pl(expl(-fabsl(net)));
}
/* its derivative is the sigmoid of net */
static double softplus_d(double o, double net, double a, double *shown)
{
    (void)o, (void)a;
    *shown = bp_logistic(net);
    return *shown;
}
static void softplus_layer(const double *net, double *out, int n, double a)
{
    for (int j = 0; j < n; j++)
        out[j] = softplus(net[j], a);
}
static void softplus_layer_d(const double *o, const double *net, double *d,
                             int n, double a)
{
    (void)o, (void)a;
    for (int j = 0; j < n; j++)
        d[j] = bp_logistic(net[j]) * d[j];
}

/* ------------------------------------------------------------------ */
/* The table                                                           */
/* ------------------------------------------------------------------ */

#define TANH_SAYS                                                              \
    "tanh squashes {m0}{net}{m1} into {m0}(-1, 1){m1}; its sign is kept."
#define SOFTMAX_SAYS                                                           \
    "the outputs of a softmax layer are positive and sum to 1: {m0}{o}{m1} "   \
    "is the network's probability for class {class}."
#define SIGMOID_SAYS(sign, where)                                              \
    "{m0}{net}{m1} is " sign ", so {m0}{o} = {sigma}({net}){m1} is " where     \
    " 0.5."

/* one row per activation */
static const bp_activation_row rows[BP_ACT_COUNT] = {
    [BP_ACT_SIGMOID] =
        {
            .name = "sigmoid",
            .shown_is_part = true,
            .value = sigmoid,
            .value_long = sigmoid_l,
            .derivative = sigmoid_d,
            .layer_value = sigmoid_layer,
            .layer_derivative = sigmoid_layer_d,
            .f_name = {"σ", "sigma", "\\sigma "},
            .formula = "{sigma}({net})",
            .numbers = "{sigma}({net})",
            .derivative_formula = "{o}(1 - {o})",
            .derivative_numbers = "{o}(1 - {o})",
            .derivative_name = "{o}(1-{o})",
            .hint_left_out = "the derivative factor o(1 - o) was left out",
            .hint_net_for_o = "net was used where o belongs in o(1 - o)",
            .explain_positive = SIGMOID_SAYS("positive", "above"),
            .explain_negative = SIGMOID_SAYS("negative", "below"),
            .explain_zero = SIGMOID_SAYS("zero", "exactly"),
            .low = 0,
            .high = 1,
            .saturation = 0.01,
            .draws_targets = true,
        },
    [BP_ACT_TANH] =
        {
            .name = "tanh",
            .value = tanh_v,
            .value_long = tanh_l,
            .derivative = tanh_d,
            .layer_value = tanh_layer,
            .layer_derivative = tanh_layer_d,
            .f_name = {"tanh", "tanh", "\\tanh "},
            .formula = "{f}({net})",
            .numbers = "{f}({net})",
            .derivative_formula = "(1 - {o}{sq})",
            .derivative_numbers = "(1 - {po}{sq})",
            .derivative_name = "1-{o}^2",
            .hint_left_out = "the derivative factor 1 - o^2 was left out",
            .hint_net_for_o = "net was used where o belongs in 1 - o^2",
            .explain_positive = TANH_SAYS,
            .explain_negative = TANH_SAYS,
            .explain_zero = TANH_SAYS,
            .low = -1,
            .high = 1,
            .saturation = 0.01,
            .draws_targets = true,
        },
    [BP_ACT_RELU] =
        {
            .name = "relu",
            .value = relu,
            .value_long = relu_l,
            .derivative = relu_d,
            .layer_value = relu_layer,
            .layer_derivative = relu_layer_d,
            .derivative_needs_net = true,
            .f_name = {"relu", "relu", "\\operatorname{relu}"},
            .formula = "{f}({net})",
            .numbers = "max(0, {net})",
            .derivative_formula = "{f}'({net})",
            .derivative_numbers = "({d})",
            .derivative_name = "f'(net_{i})",
            .hint_left_out = "the derivative factor relu'(net) was left out",
            .hint_net_for_o = NULL,
            .explain_positive = "relu passes a positive net input through "
                                "unchanged.",
            .explain_negative =
                "relu gives 0 for a net input at or below 0: the "
                "unit is off.",
            .explain_zero = "relu gives 0 for a net input at or below 0: the "
                            "unit is off.",
            /* a dead unit has a zero delta, caught there: never saturated */
            .low = 0,
            .high = INFINITY,
        },
    [BP_ACT_LINEAR] =
        {
            .name = "linear",
            .value = linear,
            .value_long = linear_l,
            .derivative = linear_d,
            .layer_value = linear_layer,
            .layer_derivative = linear_layer_d,
            .f_name = {"", "", ""},
            .formula = "{net}",
            .numbers = "{net}",
            .derivative_formula = "", /* f' = 1: delta is the error itself */
            .derivative_numbers = "({d})",
            .derivative_name = "f'(net_{i})",
            .hint_left_out = "the derivative factor 1 was left out",
            .hint_net_for_o = NULL,
            .explain_positive =
                "a linear unit outputs its net input unchanged.",
            .explain_negative =
                "a linear unit outputs its net input unchanged.",
            .explain_zero = "a linear unit outputs its net input unchanged.",
            .low = -INFINITY,
            .high = INFINITY,
        },
    [BP_ACT_SOFTMAX] =
        {
            .name = "softmax",
            .value = softmax_v,
            .value_long = softmax_l,
            /* the diagonal of its Jacobian, do_k/dnet_k */
            .derivative = sigmoid_d,
            .layer_value = softmax_layer,
            .layer_derivative = sigmoid_layer_d,
            .f_name = {"softmax", "softmax", "\\operatorname{softmax}"},
            .formula = "", /* e^(net - m)/S: the graph's own inputs */
            .numbers = "",
            .derivative_formula = "{o}(1 - {o})",
            .derivative_numbers = "({d})",
            .derivative_name = "f'(net_{i})",
            .hint_left_out = "the derivative factor o(1 - o) was left out",
            .hint_net_for_o = "net was used where o belongs in o(1 - o)",
            .explain_positive = SOFTMAX_SAYS,
            .explain_negative = SOFTMAX_SAYS,
            .explain_zero = SOFTMAX_SAYS,
            .low = 0,
            .high = 1,
            .saturation = 0.01,
        },
    [BP_ACT_LEAKY_RELU] =
        {
            .name = "leaky_relu",
            .value = leaky,
            .value_long = leaky_l,
            .derivative = leaky_d,
            .layer_value = leaky_layer,
            .layer_derivative = leaky_layer_d,
            .derivative_needs_net = true,
            .f_name = {"leaky_relu", "leaky_relu",
                       "\\operatorname{leaky\\_relu}"},
            .formula = "{f}({net})",
            .numbers = "max({a} {x} {pnet}, {net})",
            .derivative_formula = "{f}'({net})",
            .derivative_numbers = "({d})",
            .derivative_name = "f'(net_{i})",
            .hint_left_out =
                "the derivative factor leaky_relu'(net) (1, or the "
                "slope below 0) was left out",
            .hint_net_for_o = NULL,
            .explain_positive = "{m0}{f}{m1} passes a positive net input "
                                "through unchanged.",
            .explain_negative = "{m0}{f}{m1} scales a net input at or below 0 "
                                "by its slope {m0}{a}{m1}: the unit stays on, "
                                "and its error term is not cut off.",
            .explain_zero =
                "{m0}{f}{m1} scales a net input at or below 0 by its "
                "slope {m0}{a}{m1}: the unit stays on, and its error "
                "term is not cut off.",
            .low = -INFINITY,
            .high = INFINITY,
        },
    [BP_ACT_SOFTPLUS] =
        {
            .name = "softplus",
            .value = softplus,
            .value_long = softplus_l,
            .derivative = softplus_d,
            .layer_value = softplus_layer,
            .layer_derivative = softplus_layer_d,
            .derivative_needs_net = true,
            .f_name = {"softplus", "softplus", "\\operatorname{softplus}"},
            .formula = "{f}({net})",
            .numbers = "{ln}(1 + {e^}{net}{/e})",
            .derivative_formula = "{sigma}({net})",
            .derivative_numbers = "{sigma}({net})",
            .derivative_name = "f'(net_{i})",
            .hint_left_out = "the derivative factor sigma(net) was left out",
            .hint_net_for_o = NULL,
            .explain_positive = "softplus is a smooth relu, {m0}{ln}(1 + "
                                "{e^}net{/e}){m1}: for a positive net input a "
                                "little above it, and its slope is "
                                "{m0}{sigma}(net){m1}.",
            .explain_negative = "softplus is a smooth relu, {m0}{ln}(1 + "
                                "{e^}net{/e}){m1}: for a net input below 0 "
                                "between 0 and ln 2, never quite off.",
            .explain_zero = "softplus is a smooth relu, {m0}{ln}(1 + "
                            "{e^}net{/e}){m1}: at 0 it is ln 2.",
            .low = 0,
            .high = INFINITY,
        },
};


const bp_activation_row *bp_act_row(bp_activation act)
{
    return &rows[act];
}

const char *bp_activation_name(bp_activation act)
{
    return (unsigned)act < BP_ACT_COUNT ? rows[act].name : "unknown";
}

bool bp_act_from_name(const char *name, bp_activation *act)
{
    for (int i = 0; i < BP_ACT_COUNT; i++)
        if (strcmp(rows[i].name, name) == 0) {
            *act = (bp_activation)i;
            return true;
        }
    return false;
}

double bp_act_value(bp_activation act, double param, double net,
                    const double *exp_minus_net)
{
    /* By hand the student divides by 1 + e^-net as written. */
    if (act == BP_ACT_SIGMOID && exp_minus_net && isfinite(*exp_minus_net))
        return 1.0 / (1.0 + *exp_minus_net);
    return rows[act].value(net, param);
}

void bp_softmax(const double *net, int n, double *out)
{
    double max = net[0], sum = 0;
    for (int i = 1; i < n; i++)
        if (net[i] > max)
            max = net[i];
    for (int i = 0; i < n; i++)
        sum += out[i] = exp(net[i] - max);
    for (int i = 0; i < n; i++)
        out[i] /= sum;
}

double bp_act_derivative(bp_activation act, double param, double o, double net,
                         double *shown)
{
    return rows[act].derivative(o, net, param, shown);
}

void bp_act_derivative_name(bp_activation act, const char *o_name,
                            const char *index, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (const char *p = rows[act].derivative_name; *p && n + 1 < size;) {
        const char *put = NULL;
        if (strncmp(p, "{o}", 3) == 0)
            put = o_name, p += 3;
        else if (strncmp(p, "{i}", 3) == 0)
            put = index, p += 3;
        if (put) {
            bp_fmt(buf + n, size - n, "%s", put);
            n += strlen(buf + n);
        } else {
            buf[n++] = *p++;
            buf[n] = '\0';
        }
    }
}
