/* net.c: the fast, untraced engine: forward, backward, update.
 *
 * Each loop does the graph's arithmetic in the graph's order (backprop.c,
 * graph.c): net_j = ((0 + x_1 w_1j) + x_2 w_2j ...) + b_j; o = 1/(1 +
 * e^-net); delta_k = o(1 - o) (t - o); delta_h = o(1 - o) sum_k w_kh
 * delta_k; Delta w = (eta delta_j) x_i; w + Delta w.  First all the error
 * terms, then the updates (lecture section 5.1).  The loops over the
 * weights are the kernels' (kernels.h); what is left here is per unit.
 */
#ifdef __clang__
/* a * b + c stays a rounded product and a rounded sum (GCC does not
 * contract in ISO C mode, clang does unless told) */
#pragma STDC FP_CONTRACT OFF
#endif
#include "lesson/lesson_internal.h"
#include "train/net.h"
#include "math/activation.h"
#include "math/loss.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

void bp_net_free(bp_net *net)
{
    if (!net)
        return;
    free(net->w);
    free(net->b);
    free(net->b_has);
    free(net->fixed_w);
    free(net->fixed_b);
    free(net->fixed_w_value);
    free(net->fixed_b_value);
    free(net->out);
    free(net->net);
    free(net->delta);
    free(net->eta_delta);
    free(net->dw);
    free(net->db);
    free(net->sum_w);
    free(net->sum_b);
    free(net);
}

bp_net *bp_net_new(int n_layers, const int *sizes, const bp_activation *act)
{
    if (n_layers < 2 || n_layers > BP_MAX_LAYERS)
        return NULL;
    bp_net *net = calloc(1, sizeof *net);
    if (!net)
        return NULL;
    net->n_layers = n_layers;
    size_t units = 0, weights = 0;
    for (int l = 0; l < n_layers; l++) {
        if (sizes[l] < 1 || sizes[l] > 1000000) {
            free(net);
            return NULL;
        }
        net->size[l] = sizes[l];
        net->first[l] = (int)units;
        net->act[l] = l == 0 ? BP_ACT_LINEAR : act[l];
        net->slope[l] = net->act[l] == BP_ACT_LEAKY_RELU
                            ? BP_LEAKY_SLOPE_DEFAULT : 0.0;
        units += (size_t)sizes[l];
        if (l > 0) {
            net->w_first[l] = (int)weights;
            weights += (size_t)sizes[l - 1] * (size_t)sizes[l];
        }
    }
    if (weights > 100000000) {
        free(net);
        return NULL;
    }
    net->n_units = (int)units;
    net->n_weights = (int)weights;
    size_t nw = weights ? weights : 1;
    net->w = calloc(nw, sizeof *net->w);
    net->dw = calloc(nw, sizeof *net->dw);
    net->sum_w = calloc(nw, sizeof *net->sum_w);
    net->b = calloc(units, sizeof *net->b);
    net->b_has = calloc(units, sizeof *net->b_has);
    net->out = calloc(units, sizeof *net->out);
    net->net = calloc(units, sizeof *net->net);
    net->delta = calloc(units, sizeof *net->delta);
    net->eta_delta = calloc(units, sizeof *net->eta_delta);
    net->db = calloc(units, sizeof *net->db);
    net->sum_b = calloc(units, sizeof *net->sum_b);
    if (!net->w || !net->dw || !net->sum_w || !net->b || !net->b_has ||
        !net->out || !net->net || !net->delta || !net->eta_delta || !net->db ||
        !net->sum_b) {
        bp_net_free(net);
        return NULL;
    }
    for (size_t u = (size_t)sizes[0]; u < units; u++)
        net->b_has[u] = true;
    net->kernels = bp_kernels_best();
    bp_net_refresh(net);
    return net;
}

void bp_net_refresh(bp_net *net)
{
    for (int l = 1; l < net->n_layers; l++) {
        const bp_activation_row *row = bp_act_row(net->act[l]);
        net->layer_value[l] = row->layer_value;
        net->layer_derivative[l] = row->layer_derivative;
        net->all_biases[l] = true;
        for (int j = 0; j < net->size[l]; j++)
            net->all_biases[l] &= net->b_has[net->first[l] + j];
    }
    /* With cross-entropy the derivative cancels: delta_k = t_k - o_k. */
    net->output_derivative = !bp_loss_row_of(net->loss)->cancels_derivative;
}

/* Where the lesson's weight from -> to sits in net->w. */
static int net_slot(const bp_net *net, const bp_lesson *l, int from, int to)
{
    int layer = l->units[to].layer;
    int j = to - l->layers[layer].first;
    int i = from - l->layers[layer - 1].first;
    return net->w_first[layer] + i * net->size[layer] + j;
}

int bp_net_weight_slot(const bp_net *net, const bp_lesson *l, int weight)
{
    return net_slot(net, l, l->weights[weight].from, l->weights[weight].to);
}

static bool collect_fixed(bp_net *net, const bp_lesson *l)
{
    int nw = 0, nb = 0;
    for (int i = 0; i < l->n_weights; i++)
        nw += l->weights[i].fixed;
    for (int u = 0; u < l->n_units; u++)
        nb += l->units[u].layer > 0 && l->units[u].has_bias &&
              l->units[u].bias_fixed;
    net->fixed_w = calloc((size_t)nw + 1, sizeof *net->fixed_w);
    net->fixed_b = calloc((size_t)nb + 1, sizeof *net->fixed_b);
    net->fixed_w_value = calloc((size_t)nw + 1, sizeof *net->fixed_w_value);
    net->fixed_b_value = calloc((size_t)nb + 1, sizeof *net->fixed_b_value);
    if (!net->fixed_w || !net->fixed_b || !net->fixed_w_value ||
        !net->fixed_b_value)
        return false;
    for (int i = 0; i < l->n_weights; i++) {
        if (!l->weights[i].fixed)
            continue;
        int s = net_slot(net, l, l->weights[i].from, l->weights[i].to);
        net->fixed_w[net->n_fixed_w] = s;
        net->fixed_w_value[net->n_fixed_w++] = net->w[s];
    }
    for (int u = 0; u < l->n_units; u++) {
        if (l->units[u].layer == 0 || !l->units[u].has_bias ||
            !l->units[u].bias_fixed)
            continue;
        net->fixed_b[net->n_fixed_b] = u;
        net->fixed_b_value[net->n_fixed_b++] = net->b[u];
    }
    return true;
}

bp_net *bp_net_from_lesson(const bp_lesson *l)
{
    int sizes[BP_MAX_LAYERS];
    bp_activation act[BP_MAX_LAYERS];
    if (l->n_layers < 2)
        return NULL;
    for (int k = 0; k < l->n_layers; k++) {
        sizes[k] = l->layers[k].count;
        act[k] = l->layers[k].activation;
    }
    bp_net *net = bp_net_new(l->n_layers, sizes, act);
    if (!net)
        return NULL;
    for (int k = 0; k < l->n_layers; k++)
        net->slope[k] = l->layers[k].slope;
    net->loss = l->loss;
    /* The units of a lesson are stored layer by layer, as the net's. */
    for (int u = 0; u < l->n_units; u++) {
        net->b_has[u] = l->units[u].layer > 0 && l->units[u].has_bias;
        net->b[u] = net->b_has[u] ? l->units[u].bias : 0.0;
    }
    for (int i = 0; i < l->n_weights; i++)
        net->w[net_slot(net, l, l->weights[i].from, l->weights[i].to)] =
            l->weights[i].value;
    if (!collect_fixed(net, l)) {
        bp_net_free(net);
        return NULL;
    }
    bp_net_refresh(net);
    return net;
}

void bp_net_to_lesson(const bp_net *net, bp_lesson *l)
{
    for (int i = 0; i < l->n_weights; i++)
        l->weights[i].value =
            net->w[net_slot(net, l, l->weights[i].from, l->weights[i].to)];
    for (int u = 0; u < l->n_units; u++)
        if (l->units[u].layer > 0 && l->units[u].has_bias)
            l->units[u].bias = net->b[u];
}

void bp_net_reset(bp_net *net)
{
    size_t nw = (size_t)net->n_weights, nu = (size_t)net->n_units;
    memset(net->dw, 0, nw * sizeof *net->dw);
    memset(net->sum_w, 0, nw * sizeof *net->sum_w);
    memset(net->db, 0, nu * sizeof *net->db);
    memset(net->sum_b, 0, nu * sizeof *net->sum_b);
}

/* ------------------------------------------------------------------ */
/* Forward                                                             */
/* ------------------------------------------------------------------ */

/* net_j + b_j where some units have no bias: those get no term at all
 * (not + 0.0: -0.0 + 0.0 is +0.0).  Where every unit has one, the kernel
 * adds them. */
static void add_some_biases(double *restrict s, const double *restrict b,
                            const bool *restrict has, int n)
{
    for (int j = 0; j < n; j++)
        if (has[j])
            s[j] += b[j];
}

/* The forward pass from the inputs x, wherever they are. */
static void forward(bp_net *net, const double *x)
{
    const double *in = x;
    for (int l = 1; l < net->n_layers; l++) {
        int f = net->first[l], n = net->size[l];
        double *s = net->net + f, *o = net->out + f;
        bool all = net->all_biases[l];
        net->kernels->sums(in, net->w + net->w_first[l],
                           all ? net->b + f : NULL, net->size[l - 1], n, s);
        if (!all)
            add_some_biases(s, net->b + f, net->b_has + f, n);
        net->layer_value[l](s, o, n, net->slope[l]);
        in = o;
    }
}

void bp_net_forward(bp_net *net, const double *x)
{
    memcpy(net->out, x, (size_t)net->size[0] * sizeof *x);
    forward(net, net->out);
}

double bp_net_error(const bp_net *net, const double *t, double tolerance,
                    int *wrong)
{
    int last = net->n_layers - 1, n = net->size[last];
    const double *o = net->out + net->first[last];
    bool complement = net->act[last] != BP_ACT_SOFTMAX;
    const bp_loss_row *loss = bp_loss_row_of(net->loss);
    int w = 0;
    for (int k = 0; k < n; k++)
        w += !(fabs(t[k] - o[k]) <= tolerance);
    if (wrong)
        *wrong = w;
    /* the graph's terms, summed in its order */
    return loss->factor * loss->sum(t, o, n, complement);
}

/* ------------------------------------------------------------------ */
/* Backward                                                            */
/* ------------------------------------------------------------------ */

/* d[j] *= f'(net_j) for a layer, by the activation table */
static void times_derivative(const bp_net *net, int l, double *d)
{
    int f = net->first[l];
    net->layer_derivative[l](net->out + f, net->net + f, d, net->size[l],
                             net->slope[l]);
}

void bp_net_backward(bp_net *net, const double *t)
{
    int last = net->n_layers - 1;
    int n = net->size[last], f = net->first[last];
    double *restrict d = net->delta + f;
    const double *restrict o = net->out + f;
    for (int k = 0; k < n; k++)
        d[k] = t[k] - o[k];
    if (net->output_derivative)
        times_derivative(net, last, d);
    /* hidden layers: delta_h = f'(net_h) sum_k w_kh delta_k, the sum in
     * the order of k, over each row of the layer above */
    for (int l = last - 1; l >= 1; l--) {
        int nh = net->size[l], nk = net->size[l + 1];
        double *dh = net->delta + net->first[l];
        const double *dk = net->delta + net->first[l + 1];
        /* input-major: the weights out of unit h are row h */
        net->kernels->dots(net->w + net->w_first[l + 1], dk, nh, nk, dh);
        times_derivative(net, l, dh);
    }
}

/* ------------------------------------------------------------------ */
/* Updates                                                             */
/* ------------------------------------------------------------------ */

/* Put the kept parameters back: cheaper than a test in every loop. */
static void restore_fixed(bp_net *net)
{
    for (int i = 0; i < net->n_fixed_w; i++) {
        net->w[net->fixed_w[i]] = net->fixed_w_value[i];
        net->dw[net->fixed_w[i]] = 0.0;
    }
    for (int i = 0; i < net->n_fixed_b; i++) {
        net->b[net->fixed_b[i]] = net->fixed_b_value[i];
        net->db[net->fixed_b[i]] = 0.0;
    }
}

/* eta delta_j of a layer's units, once for all the weights into them,
 * and the biases changed in the same loop: b_j + eta delta_j, as the
 * graph works it (a unit without a bias has nothing to change). */
static void update_biases(double *restrict b, double *restrict ed,
                          const double *restrict d, const bool *restrict has,
                          bool all, double eta, int n)
{
    if (all) {
        for (int j = 0; j < n; j++) {
            ed[j] = eta * d[j];
            b[j] = b[j] + ed[j];
        }
        return;
    }
    for (int j = 0; j < n; j++) {
        ed[j] = eta * d[j];
        if (has[j])
            b[j] = b[j] + ed[j];
    }
}

/* The same with momentum: Delta b(n) = eta delta_j + alpha Delta b(n - 1). */
static void update_biases_momentum(double *restrict b, double *restrict db,
                                   double *restrict ed,
                                   const double *restrict d,
                                   const bool *restrict has, double eta,
                                   double alpha, int n)
{
    for (int j = 0; j < n; j++) {
        ed[j] = eta * d[j];
        if (has[j]) {
            db[j] = ed[j] + alpha * db[j];
            b[j] = b[j] + db[j];
        }
    }
}

/* eta delta_j of a layer's units, for batch mode's sums */
static const double *eta_deltas(bp_net *net, int l, double eta)
{
    int f = net->first[l];
    for (int j = 0; j < net->size[l]; j++)
        net->eta_delta[f + j] = eta * net->delta[f + j];
    return net->eta_delta + f;
}

/* Delta w(n) = eta delta_j x_i + alpha Delta w(n - 1), added to w; without
 * momentum Delta w(n - 1) is never read and the change goes straight into
 * the weight, w_ij + (eta delta_j) x_i, as the graph works it. */
void bp_net_step(bp_net *net, const double *x, const double *t, double eta,
                 double alpha)
{
    forward(net, x);
    bp_net_backward(net, t);
    const double *in = x;
    for (int l = 1; l < net->n_layers; l++) {
        int n_in = net->size[l - 1], n = net->size[l], f = net->first[l];
        double *w = net->w + net->w_first[l], *ed = net->eta_delta + f;
        if (alpha == 0.0) {
            update_biases(net->b + f, ed, net->delta + f, net->b_has + f,
                          net->all_biases[l], eta, n);
            net->kernels->add(w, ed, in, n_in, n);
        } else {
            update_biases_momentum(net->b + f, net->db + f, ed,
                                   net->delta + f, net->b_has + f, eta, alpha,
                                   n);
            net->kernels->add_momentum(w, net->dw + net->w_first[l], ed, in,
                                       alpha, n_in, n);
        }
        in = net->out + f;
    }
    if (net->n_fixed_w || net->n_fixed_b)
        restore_fixed(net);
}

void bp_net_accumulate(bp_net *net, const double *x, const double *t,
                       double eta)
{
    forward(net, x);
    bp_net_backward(net, t);
    const double *in = x;
    for (int l = 1; l < net->n_layers; l++) {
        int n_in = net->size[l - 1], n = net->size[l], f = net->first[l];
        const double *ed = eta_deltas(net, l, eta);
        /* sum_w + (eta delta_j) x_i: the update's arithmetic on the sums */
        net->kernels->add(net->sum_w + net->w_first[l], ed, in, n_in, n);
        for (int j = 0; j < n; j++)
            net->sum_b[f + j] += ed[j];
        in = net->out + f;
    }
}

void bp_net_apply(bp_net *net, double alpha)
{
    for (int i = 0; i < net->n_weights; i++) {
        net->dw[i] = net->sum_w[i] + alpha * net->dw[i];
        net->w[i] = net->w[i] + net->dw[i];
        net->sum_w[i] = 0.0;
    }
    for (int u = net->size[0]; u < net->n_units; u++) {
        if (net->b_has[u]) {
            net->db[u] = net->sum_b[u] + alpha * net->db[u];
            net->b[u] = net->b[u] + net->db[u];
        }
        net->sum_b[u] = 0.0;
    }
    if (net->n_fixed_w || net->n_fixed_b)
        restore_fixed(net);
}

double bp_net_set_error(bp_net *net, const bp_example_set *set,
                        double tolerance, int *wrong_examples)
{
    double sum = 0.0;
    int wrong = 0;
    for (int d = 0; d < set->n; d++) {
        int w;
        bp_net_forward(net, set->inputs + (size_t)d * set->n_inputs);
        sum += bp_net_error(net, set->targets + (size_t)d * set->n_targets,
                            tolerance, &w);
        wrong += w > 0;
    }
    if (wrong_examples)
        *wrong_examples = wrong;
    return sum;
}
