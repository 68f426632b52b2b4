/* train.c: epochs, the stopping rules (lecture section 9.1), and the
 * gradient check, on the fast engine.
 */
#include "lesson/lesson_internal.h"
#include "train/train.h"
#include "math/activation.h"
#include "math/loss.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void bp_train_epoch(bp_net *net, const bp_train_config *cfg,
                    const bp_example_set *train)
{
    const double *x = train->inputs, *t = train->targets;
    double eta = cfg->eta, alpha = cfg->rules.momentum;
    if (cfg->rules.mode == BP_TRAIN_BATCH) {
        for (int d = 0; d < train->n; d++)
            bp_net_accumulate(net, x + (size_t)d * train->n_inputs,
                              t + (size_t)d * train->n_targets, eta);
        bp_net_apply(net, alpha);
        return;
    }
    for (int d = 0; d < train->n; d++)
        bp_net_step(net, x + (size_t)d * train->n_inputs,
                    t + (size_t)d * train->n_targets, eta, alpha);
}

void bp_train_iterations(bp_net *net, const bp_train_config *cfg,
                         const bp_example_set *train, long iterations)
{
    if (cfg->rules.mode == BP_TRAIN_BATCH) {
        for (long i = 0; i < iterations; i++)
            bp_train_epoch(net, cfg, train);
        return;
    }
    for (long i = 0; i < iterations; i++) {
        int d = (int)(i % train->n);
        bp_net_step(net, train->inputs + (size_t)d * train->n_inputs,
                    train->targets + (size_t)d * train->n_targets, cfg->eta,
                    cfg->rules.momentum);
    }
}

/* The weights and biases, to give back the best ones (patience). */
typedef struct {
    double *w, *b;
} snapshot;

static void snapshot_take(snapshot *s, const bp_net *net)
{
    memcpy(s->w, net->w, (size_t)net->n_weights * sizeof *s->w);
    memcpy(s->b, net->b, (size_t)net->n_units * sizeof *s->b);
}

static void snapshot_give(const snapshot *s, bp_net *net)
{
    memcpy(net->w, s->w, (size_t)net->n_weights * sizeof *s->w);
    memcpy(net->b, s->b, (size_t)net->n_units * sizeof *s->b);
}

bool bp_net_right(const bp_net *net, const double *t, double tolerance)
{
    int n = net->size[net->n_layers - 1];
    const double *o = bp_net_outputs(net);
    if (n == 1)
        return fabs(t[0] - o[0]) <= tolerance;
    int best_o = 0, best_t = 0;
    for (int k = 1; k < n; k++) {
        best_o = o[k] > o[best_o] ? k : best_o;
        best_t = t[k] > t[best_t] ? k : best_t;
    }
    return best_o == best_t;
}

double bp_net_set_accuracy(bp_net *net, const bp_example_set *set,
                           double tolerance, int *right)
{
    double sum = 0.0;
    int r = 0;
    for (int d = 0; d < set->n; d++) {
        const double *t = set->targets + (size_t)d * set->n_targets;
        bp_net_forward(net, set->inputs + (size_t)d * set->n_inputs);
        sum += bp_net_error(net, t, tolerance, NULL);
        r += bp_net_right(net, t, tolerance);
    }
    *right = r;
    return sum;
}

static void measure(bp_net *net, const bp_train_config *cfg,
                    const bp_example_set *train,
                    const bp_example_set *validation, bp_epoch *e)
{
    e->error = bp_net_set_error(net, train, cfg->rules.tolerance, &e->wrong);
    e->validation = validation && validation->n
                        ? bp_net_set_error(net, validation,
                                           cfg->rules.tolerance, NULL)
                        : NAN;
    e->test_right = 0;
    e->test_error = cfg->test && cfg->test->n
                        ? bp_net_set_accuracy(net, cfg->test,
                                              cfg->rules.tolerance,
                                              &e->test_right)
                        : NAN;
}

/* The record of epoch n, appended to the measured ones; NULL when out
 * of memory. */
static bp_epoch *measured_slot(bp_train_result *res, int n)
{
    if (res->n_measured == res->measured_cap) {
        int cap = res->measured_cap ? 2 * res->measured_cap : 64;
        bp_epoch *m = realloc(res->measured, (size_t)cap * sizeof *m);
        if (!m)
            return NULL;
        res->measured = m;
        res->measured_cap = cap;
    }
    bp_epoch *e = &res->measured[res->n_measured++];
    e->epoch = n;
    return e;
}

const bp_epoch *bp_train_at(const bp_train_result *res, int n)
{
    static const bp_epoch not_measured = {NAN, NAN, -1, NAN, 0, -1};
    int lo = 0, hi = res->n_measured - 1; /* measured[] is in epoch order */
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (res->measured[mid].epoch == n)
            return &res->measured[mid];
        if (res->measured[mid].epoch < n)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return &not_measured;
}

/* Whether epoch n must be measured: a rule that looks at every epoch, one
 * of the first measure_first, a multiple of measure_every, or the last. */
static bool must_measure(const bp_train_config *cfg, int n)
{
    const bp_training *r = &cfg->rules;
    int k = cfg->measure_every;
    return k <= 1 || r->error_threshold >= 0 || r->patience > 0 ||
           r->plateau_epochs > 0 || n <= cfg->measure_first || n % k == 0 ||
           n >= r->epochs;
}

/* stop_rule's answer when no rule stops training yet (not a bp_stop). */
#define BP_STOP_NONE (-1)

/* The rule that stops training after epoch n, or BP_STOP_NONE to go on. */
static int stop_rule(const bp_train_config *cfg, const bp_train_result *res,
                     int n)
{
    const bp_training *r = &cfg->rules;
    const bp_epoch *e = bp_train_at(res, n);
    if (e->wrong < 0) /* not measured: no rule looks at it */
        return n >= r->epochs ? BP_STOP_EPOCHS : BP_STOP_NONE;
    if (!isfinite(e->error))
        return BP_STOP_DIVERGED;
    if (r->error_threshold >= 0 && e->error <= r->error_threshold)
        return BP_STOP_THRESHOLD;
    if (r->patience > 0 && n - res->best_epoch >= r->patience)
        return BP_STOP_PATIENCE;
    if (r->plateau_epochs > 0 && n >= r->plateau_epochs &&
        bp_train_at(res, n - r->plateau_epochs)->error - e->error <
            r->plateau_min)
        return BP_STOP_PLATEAU;
    if (n >= r->epochs)
        return BP_STOP_EPOCHS;
    return BP_STOP_NONE;
}

bp_status bp_train(bp_net *net, const bp_train_config *cfg,
                   const bp_example_set *train,
                   const bp_example_set *validation, bp_train_result *res)
{
    memset(res, 0, sizeof *res);
    const bp_training *r = &cfg->rules;
    bool watch = r->patience > 0 && validation && validation->n > 0;
    snapshot best = {NULL, NULL};
    if (watch) {
        best.w = malloc(((size_t)net->n_weights + 1) * sizeof *best.w);
        best.b = malloc((size_t)net->n_units * sizeof *best.b);
    }
    bp_epoch *first = measured_slot(res, 0);
    if (!first || (watch && (!best.w || !best.b))) {
        free(best.w);
        free(best.b);
        bp_train_result_free(res);
        return BP_ERR_NOMEM;
    }
    bp_net_reset(net);
    measure(net, cfg, train, validation, first);
    if (watch)
        snapshot_take(&best, net);
    int n = 0, stop;
    while ((stop = stop_rule(cfg, res, n)) == BP_STOP_NONE) {
        bp_train_epoch(net, cfg, train);
        n++;
        res->n_epochs = n;
        if (!must_measure(cfg, n))
            continue;
        bp_epoch *e = measured_slot(res, n);
        if (!e) {
            free(best.w);
            free(best.b);
            bp_train_result_free(res);
            return BP_ERR_NOMEM;
        }
        measure(net, cfg, train, validation, e);
        /* patience measures every epoch: best_epoch is always measured */
        if (watch &&
            e->validation < bp_train_at(res, res->best_epoch)->validation) {
            res->best_epoch = n;
            snapshot_take(&best, net);
        }
    }
    res->n_epochs = n;
    res->stop = (bp_stop)stop;
    if (watch && stop == BP_STOP_PATIENCE)
        snapshot_give(&best, net);
    free(best.w);
    free(best.b);
    return BP_OK;
}

void bp_train_result_free(bp_train_result *res)
{
    free(res->measured);
    res->measured = NULL;
    res->n_measured = res->measured_cap = 0;
}

/* ------------------------------------------------------------------ */
/* The gradient check                                                  */
/* ------------------------------------------------------------------ */

static double relative(double a, double b)
{
    double scale = fmax(fmax(fabs(a), fabs(b)), BP_GRADCHECK_FLOOR);
    return fabs(a - b) / scale;
}

/* The finite differences are worked by a forward pass of their own, in
 * long double: independent of the engine it checks.  The five-point
 * central difference with h = 1e-3 errs by about h^4 (truncation) and
 * eps E / h (the difference of nearly equal errors): some 1e-13 even in
 * plain double, which valgrind and some platforms give for long double,
 * so that small gradients still agree to 1e-7 (the two-point difference
 * needed 1e-6 and 11 bits more than double). */
typedef struct {
    long double *out; /* per unit */
} ld_work;

/* o = f(net) for the n units of a layer, in place. */
static void ld_activate(bp_activation act, double slope, long double *v,
                        int n)
{
    if (act != BP_ACT_SOFTMAX) {
        for (int j = 0; j < n; j++)
            v[j] = bp_act_row(act)->value_long(v[j], slope);
        return;
    }
    long double max = v[0], sum = 0.0L;
    for (int j = 0; j < n; j++)
        max = v[j] > max ? v[j] : max;
    for (int j = 0; j < n; j++)
        sum += v[j] = expl(v[j] - max);
    for (int j = 0; j < n; j++)
        v[j] /= sum;
}

/* E of one example from its outputs, by the net's loss. */
static long double ld_error(const bp_net *net, const long double *o,
                            const double *t)
{
    int last = net->n_layers - 1;
    long double sum = 0.0L;
    const bp_loss_row *loss = bp_loss_row_of(net->loss);
    bool complement = net->act[last] != BP_ACT_SOFTMAX;
    for (int k = 0; k < net->size[last]; k++)
        sum += loss->term_long(t[k], o[k], complement);
    return sum;
}

/* E over the set with parameter *p (a weight, or a bias) at value v. */
static long double ld_set_error(const bp_net *net, const bp_example_set *set,
                                const double *p, long double v,
                                ld_work *wk)
{
    long double total = 0.0L;
    for (int d = 0; d < set->n; d++) {
        const double *x = set->inputs + (size_t)d * set->n_inputs;
        for (int i = 0; i < net->size[0]; i++)
            wk->out[i] = x[i];
        for (int l = 1; l < net->n_layers; l++) {
            int n_in = net->size[l - 1], f = net->first[l];
            const long double *in = wk->out + net->first[l - 1];
            for (int j = 0; j < net->size[l]; j++) {
                /* input-major: w_ij at w_first + i * size[l] + j */
                const double *col = net->w + net->w_first[l] + j;
                long double sum = 0.0L;
                for (int i = 0; i < n_in; i++) {
                    const double *wij = col + (size_t)i * net->size[l];
                    sum += in[i] * (wij == p ? v : (long double)*wij);
                }
                if (net->b_has[f + j])
                    sum += &net->b[f + j] == p ? v
                                               : (long double)net->b[f + j];
                wk->out[f + j] = sum;
            }
            ld_activate(net->act[l], net->slope[l], wk->out + f,
                        net->size[l]);
        }
        int last = net->n_layers - 1;
        total += ld_error(net, wk->out + net->first[last],
                          set->targets + (size_t)d * set->n_targets);
    }
    return total;
}

/* (E(p - 2h) - 8 E(p - h) + 8 E(p + h) - E(p + 2h)) / 12h. */
static double central_difference(const bp_net *net, const bp_example_set *set,
                                 const double *p, ld_work *wk)
{
    long double h = BP_GRADCHECK_STEP;
    long double m2 = ld_set_error(net, set, p, *p - 2.0L * h, wk);
    long double m1 = ld_set_error(net, set, p, *p - h, wk);
    long double p1 = ld_set_error(net, set, p, *p + h, wk);
    long double p2 = ld_set_error(net, set, p, *p + 2.0L * h, wk);
    return (double)((m2 - 8.0L * m1 + 8.0L * p1 - p2) / (12.0L * h));
}

int bp_gradcheck(bp_net *net, const bp_example_set *set, bp_gradient *grads,
                 long *backprop_passes, long *numeric_passes)
{
    int nw = net->n_weights, n = 0;
    ld_work wk = {malloc((size_t)net->n_units * sizeof *wk.out)};
    if (!wk.out)
        return BP_GRADCHECK_NOMEM;
    for (int i = 0; i < nw + net->n_units; i++)
        grads[i].backprop = 0.0;
    /* Backpropagation: delta_j = -dE_d/dnet_j, so dE/dw_ij is the sum over
     * the examples of -delta_j x_i (x_i = 1 for a bias). */
    for (int d = 0; d < set->n; d++) {
        bp_net_forward(net, set->inputs + (size_t)d * set->n_inputs);
        bp_net_backward(net, set->targets + (size_t)d * set->n_targets);
        for (int l = 1; l < net->n_layers; l++) {
            int n_in = net->size[l - 1], f = net->first[l];
            const double *in = net->out + net->first[l - 1];
            for (int j = 0; j < net->size[l]; j++) {
                bp_gradient *g = grads + net->w_first[l] + j;
                for (int i = 0; i < n_in; i++)
                    g[(size_t)i * net->size[l]].backprop -=
                        net->delta[f + j] * in[i];
                grads[nw + f + j].backprop -= net->delta[f + j];
            }
        }
    }
    for (int i = 0; i < nw; i++) {
        grads[n].backprop = grads[i].backprop;
        grads[n].numeric = central_difference(net, set, &net->w[i], &wk);
        grads[n].relative = relative(grads[n].backprop, grads[n].numeric);
        n++;
    }
    for (int u = net->size[0]; u < net->n_units; u++) {
        if (!net->b_has[u])
            continue;
        grads[n].backprop = grads[nw + u].backprop;
        grads[n].numeric = central_difference(net, set, &net->b[u], &wk);
        grads[n].relative = relative(grads[n].backprop, grads[n].numeric);
        n++;
    }
    free(wk.out);
    *backprop_passes = set->n;
    *numeric_passes = BP_GRADCHECK_POINTS * (long)n * set->n;
    return n;
}
