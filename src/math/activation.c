/* activation.c: sigmoid, tanh, relu and linear, in one place. */
#include "bptrace/activation.h"
#include "math/activation.h"
#include "util/strings.h"

#include <assert.h>
#include <math.h>

double bp_act_value(bp_activation act, double net, const double *exp_minus_net)
{
    switch (act) {
    case BP_ACT_SIGMOID:
        /* By hand the student divides by 1 + e^-net as written. */
        if (exp_minus_net && isfinite(*exp_minus_net))
            return 1.0 / (1.0 + *exp_minus_net);
        return bp_logistic(net);
    case BP_ACT_TANH: return tanh(net);
    case BP_ACT_RELU: return net > 0 ? net : 0.0;
    case BP_ACT_LINEAR: return net;
    case BP_ACT_SOFTMAX: return NAN; /* a layer's function: bp_softmax */
    default: assert(false); return NAN;
    }
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

double bp_act_derivative(bp_activation act, double o, double net,
                         double *shown)
{
    switch (act) {
    case BP_ACT_SIGMOID:
        *shown = 1.0 - o;
        return o * (1.0 - o);
    case BP_ACT_TANH:
        *shown = 1.0 - o * o;
        return *shown;
    case BP_ACT_RELU:
        *shown = net > 0 ? 1.0 : 0.0;
        return *shown;
    case BP_ACT_LINEAR:
        *shown = 1.0;
        return 1.0;
    case BP_ACT_SOFTMAX: /* the Jacobian's diagonal, do_k/dnet_k */
        *shown = 1.0 - o;
        return o * (1.0 - o);
    default:
        assert(false);
        *shown = NAN;
        return NAN;
    }
}

void bp_act_derivative_name(bp_activation act, const char *o_name,
                            const char *net_name, char *buf, size_t size)
{
    switch (act) {
    case BP_ACT_SIGMOID: bp_fmt(buf, size, "%s(1-%s)", o_name, o_name); break;
    case BP_ACT_TANH: bp_fmt(buf, size, "1-%s^2", o_name); break;
    default: bp_fmt(buf, size, "f'(net_%s)", net_name); break;
    }
}
