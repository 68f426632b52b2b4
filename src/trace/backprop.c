/* backprop.c: builds the derivation graph of one backpropagation iteration.
 *
 * The phases follow the lecture (section 5.1): the forward pass, the error,
 * the error terms (all deltas exist before any weight changes), the updates,
 * and a verification forward pass with the new weights.
 */
#include "trace/trace_internal.h"
#include "math/activation.h"
#include "math/loss.h"
#include "trace/graph.h"
#include "trace/names.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* What the builder keeps while it works: the index of each unit's
 * quantities and of each parameter's old and new values. */
typedef struct {
    bp_trace *t;
    const bp_lesson *l;
    bp_phase phase;
    const char *prefix; /* "verify_" in the verification pass, else "" */
    const bp_precision *precision; /* when set, overrides the kind's */
    bool sequential;    /* build the sequential-update mistake */
    bool gradients;     /* add the gradient view */
    bp_status failure;  /* BP_OK while all goes well */
    int failed_at;      /* the quantity that was not finite */
    char clash[BP_NAME_MAX]; /* a name two quantities would share */
    int eta;
    int *target;     /* unit -> t_k */
    int *weight;     /* weight -> w_ij given */
    int *bias;       /* unit -> b_j given */
    int *new_weight; /* weight -> w_ij (new) */
    int *new_bias;   /* unit -> b_j (new) */
} builder;

/* The quantities of one forward pass and its error. */
typedef struct {
    int *out;   /* unit -> x_i (given) or o_j */
    int *net;   /* unit -> net_j */
    int *error; /* unit -> t_k - o_k */
    int *delta; /* unit -> delta_j (first pass only) */
    int *grad_net; /* unit -> dE/dnet_j (the gradient view only) */
    int loss;   /* E */
} pass;

static bp_precision precision_for(const builder *b, bp_qkind kind)
{
    if (b->precision)
        return *b->precision;
    bp_round_kind rk = bp_qkind_round_kind(kind);
    if (rk == BP_RK_COUNT || !b->t->hand_rounding)
        return (bp_precision){BP_ROUND_NONE, 0};
    return b->phase == BP_PHASE_VERIFY ? b->l->verify_rounding[rk]
                                       : b->l->rounding[rk];
}

/* Add a quantity named prefix + fmt.  On failure the builder remembers
 * why and returns 0, which callers may keep using harmlessly: nothing built
 * after a failure is ever read. */
__attribute__((format(printf, 7, 8))) static int
add(builder *b, bp_qkind kind, int unit, int weight, const int *in, int n_in,
    const char *fmt, ...)
{
    if (b->failure)
        return 0;
    bp_quantity q;
    memset(&q, 0, sizeof q);
    q.kind = kind;
    q.phase = b->phase;
    q.unit = unit;
    q.weight = weight;
    q.step = q.case_index = -1; /* a network has no exercise steps */
    q.precision = precision_for(b, kind);
    if (unit >= 0 && b->l->units[unit].layer > 0) {
        q.activation = b->l->layers[b->l->units[unit].layer].activation;
        q.slope = b->l->layers[b->l->units[unit].layer].slope;
    }
    /* an output's f' (1 - o^2) written to the digits of a hidden unit's
     * derivative, as the hidden units write theirs */
    if (kind == BP_Q_OUTPUT_DELTA && !bp_act_row(q.activation)->shown_is_part)
        q.aux_precision = precision_for(b, BP_Q_DERIVATIVE);
    char plain[BP_NAME_MAX], name[BP_NAME_MAX];
    va_list ap;
    va_start(ap, fmt);
    bp_vformat(plain, sizeof plain, fmt, ap);
    va_end(ap);
    bp_concat(name, sizeof name, b->prefix, plain, "");
    q.name = name;
    int i = bp_graph_add(b->t, &q, in, n_in);
    if (i == BP_GRAPH_NOMEM) {
        b->failure = BP_ERR_NOMEM;
        return 0;
    }
    if (i == BP_GRAPH_NOT_FINITE) {
        b->failure = BP_ERR_NUMERIC;
        b->failed_at = b->t->n - 1;
        return 0;
    }
    if (i == BP_GRAPH_TOO_BIG) {
        b->failure = BP_ERR_INPUT;
        return 0;
    }
    if (i == BP_GRAPH_DUPLICATE) { /* input o1 and output unit 1: two o_1 */
        b->failure = BP_ERR_INPUT;
        memcpy(b->clash, name, sizeof b->clash);
        return 0;
    }
    return i;
}

/* Give quantity i its symbol; in the verification pass it is the new
 * value: net₄(new). */
static void give_symbol(builder *b, int i, const bp_symbol *sym)
{
    if (b->failure)
        return;
    if (!bp_graph_set_symbol(b->t, i, sym)) {
        b->failure = BP_ERR_NOMEM;
        return;
    }
    if (b->phase == BP_PHASE_VERIFY)
        b->t->q[i].sym.new_value = true;
}

static void give_plain_symbol(builder *b, int i, const char *base,
                              const char *sub)
{
    bp_symbol sym;
    bp_symbol_set(&sym, base, sub);
    give_symbol(b, i, &sym);
}

static int add_given(builder *b, bp_qkind kind, int unit, int weight,
                     double value, const char *name, const bp_symbol *sym)
{
    if (b->failure)
        return 0;
    /* A given is stored, not evaluated: set its value before adding. */
    int i = add(b, kind, unit, weight, NULL, 0, "%s", name);
    if (!b->failure) {
        bp_quantity *q = &b->t->q[i];
        q->bias = kind == BP_Q_BIAS;
        q->exact = q->hand = value;
        give_symbol(b, i, sym);
    }
    return i;
}

static int first_unit(const bp_lesson *l, int layer)
{
    return l->layers[layer].first;
}

static int end_unit(const bp_lesson *l, int layer)
{
    return l->layers[layer].first + l->layers[layer].count;
}

static void add_givens(builder *b, pass *p)
{
    const bp_lesson *l = b->l;
    char name[BP_NAME_MAX];
    bp_symbol sym;
    int last = l->n_layers - 1;
    for (int u = first_unit(l, 0); u < end_unit(l, 0); u++) {
        bp_name_output(l, u, name, sizeof name);
        bp_symbol_output(l, u, &sym);
        p->out[u] =
            add_given(b, BP_Q_INPUT, u, -1, l->units[u].input, name, &sym);
    }
    for (int u = first_unit(l, last); u < end_unit(l, last); u++) {
        bp_name_target(l, u, name, sizeof name);
        bp_symbol_target(l, u, &sym);
        b->target[u] =
            add_given(b, BP_Q_TARGET, u, -1, l->units[u].target, name, &sym);
    }
    bp_symbol_set(&sym, "", "");
    sym.greek = BP_GREEK_ETA;
    b->eta = add_given(b, BP_Q_RATE, -1, -1, l->eta, "eta", &sym);
    for (int w = 0; w < l->n_weights; w++) {
        bp_name_weight(l, w, name, sizeof name);
        bp_symbol_weight(l, w, &sym);
        b->weight[w] = add_given(b, BP_Q_WEIGHT, l->weights[w].to, w,
                                 l->weights[w].value, name, &sym);
    }
    for (int u = 0; u < l->n_units; u++) {
        if (l->units[u].layer == 0 || !l->units[u].has_bias)
            continue;
        bp_name_bias(l, u, name, sizeof name);
        bp_symbol_bias(l, u, &sym);
        b->bias[u] =
            add_given(b, BP_Q_BIAS, u, -1, l->units[u].bias, name, &sym);
    }
}

/* net_j = sum_i o_i w_ij + b_j of one unit. */
static int add_net(builder *b, pass *p, int u, const int *weights,
                   const int *biases)
{
    const bp_lesson *l = b->l;
    char out[BP_NAME_MAX], wname[BP_NAME_MAX];
    int layer = l->units[u].layer;
    int terms[BP_MAX_INPUTS], n = 0;
    for (int from = first_unit(l, layer - 1); from < end_unit(l, layer - 1);
         from++) {
        int w = bp_lesson_find_weight(l, from, u);
        int in[2] = {p->out[from], weights[w]};
        bp_name_output(l, from, out, sizeof out);
        bp_name_weight(l, w, wname, sizeof wname);
        terms[n++] = add(b, BP_Q_PRODUCT, u, w, in, 2, "%s*%s", out, wname);
    }
    if (l->units[u].has_bias)
        terms[n++] = biases[u];
    const char *idx = l->units[u].index;
    int net = add(b, BP_Q_NET, u, -1, terms, n, "net_%s", idx);
    give_plain_symbol(b, net, "net", idx);
    return net;
}

/* A softmax layer, after its nets: m = max net, each e^(net_k - m), their
 * sum S, then each o_k = e^(net_k - m) / S.  Subtracting m keeps every
 * exponential at most 1, so nothing overflows, and changes no output. */
static void add_softmax(builder *b, pass *p, int layer)
{
    const bp_lesson *l = b->l;
    char out[BP_NAME_MAX];
    bp_symbol sym;
    int nets[BP_MAX_INPUTS], exps[BP_MAX_INPUTS], n = 0;
    for (int u = first_unit(l, layer); u < end_unit(l, layer); u++)
        nets[n++] = p->net[u];
    int m = add(b, BP_Q_MAX, -1, -1, nets, n, "max_net");
    give_plain_symbol(b, m, "m", "");
    n = 0;
    for (int u = first_unit(l, layer); u < end_unit(l, layer); u++) {
        int in[2] = {p->net[u], m};
        exps[n++] = add(b, BP_Q_SOFTMAX_EXP, u, -1, in, 2, "e^(net_%s-m)",
                        l->units[u].index);
    }
    int sum = add(b, BP_Q_EXP_SUM, -1, -1, exps, n, "S");
    give_plain_symbol(b, sum, "S", "");
    n = 0;
    for (int u = first_unit(l, layer); u < end_unit(l, layer); u++) {
        int in[3] = {p->net[u], exps[n++], sum};
        bp_name_output(l, u, out, sizeof out);
        p->out[u] = add(b, BP_Q_ACTIVATION, u, -1, in, 3, "%s", out);
        bp_symbol_output(l, u, &sym);
        give_symbol(b, p->out[u], &sym);
    }
}

/* net_j = sum_i o_i w_ij + b_j, then o_j = f(net_j), for every unit of
 * every layer after the input.  weights/biases say which parameter values
 * to use: the old ones, or the new ones in the verification pass. */
static void add_forward(builder *b, pass *p, const int *weights,
                        const int *biases)
{
    const bp_lesson *l = b->l;
    char out[BP_NAME_MAX];
    bp_symbol sym;
    for (int layer = 1; layer < l->n_layers; layer++) {
        if (l->layers[layer].activation == BP_ACT_SOFTMAX) {
            for (int u = first_unit(l, layer); u < end_unit(l, layer); u++)
                p->net[u] = add_net(b, p, u, weights, biases);
            add_softmax(b, p, layer);
            continue;
        }
        for (int u = first_unit(l, layer); u < end_unit(l, layer); u++) {
            const char *idx = l->units[u].index;
            p->net[u] = add_net(b, p, u, weights, biases);
            bp_name_output(l, u, out, sizeof out);
            if (l->layers[layer].activation == BP_ACT_SIGMOID) {
                int e = add(b, BP_Q_EXP, u, -1, &p->net[u], 1, "e^-net_%s",
                            idx);
                int in[2] = {p->net[u], e};
                p->out[u] = add(b, BP_Q_ACTIVATION, u, -1, in, 2, "%s", out);
            } else {
                p->out[u] =
                    add(b, BP_Q_ACTIVATION, u, -1, &p->net[u], 1, "%s", out);
            }
            bp_symbol_output(l, u, &sym);
            give_symbol(b, p->out[u], &sym);
        }
    }
}

/* t_k - o_k for each output: the errors of either loss. */
static void add_output_errors(builder *b, pass *p)
{
    const bp_lesson *l = b->l;
    char out[BP_NAME_MAX], target[BP_NAME_MAX];
    int last = l->n_layers - 1;
    for (int u = first_unit(l, last); u < end_unit(l, last); u++) {
        bp_name_output(l, u, out, sizeof out);
        bp_name_target(l, u, target, sizeof target);
        int in[2] = {b->target[u], p->out[u]};
        p->error[u] = add(b, BP_Q_ERROR, u, -1, in, 2, "%s-%s", target, out);
    }
}

/* t_k - o_k for each output, then each (t_k - o_k)^2, then E. */
static void add_error(builder *b, pass *p)
{
    const bp_lesson *l = b->l;
    char out[BP_NAME_MAX], target[BP_NAME_MAX];
    int squares[BP_MAX_INPUTS], n = 0;
    int last = l->n_layers - 1;
    add_output_errors(b, p);
    for (int u = first_unit(l, last); u < end_unit(l, last); u++) {
        bp_name_output(l, u, out, sizeof out);
        bp_name_target(l, u, target, sizeof target);
        squares[n++] = add(b, BP_Q_SQUARE, u, -1, &p->error[u], 1,
                           "(%s-%s)^2", target, out);
    }
    p->loss = add(b, BP_Q_LOSS, -1, -1, squares, n, "E");
    give_plain_symbol(b, p->loss, "E", "");
}

/* Cross-entropy: t_k - o_k for each output (its delta), then for each
 * output ln o_k, with sigmoid outputs ln(1 - o_k), and its term t_k ln o_k
 * + (1 - t_k) ln(1 - o_k); then E = -(sum of the terms). */
static void add_cross_entropy(builder *b, pass *p)
{
    const bp_lesson *l = b->l;
    char out[BP_NAME_MAX];
    int terms[BP_MAX_INPUTS], n = 0;
    int last = l->n_layers - 1;
    bool sigmoid = l->layers[last].activation == BP_ACT_SIGMOID;
    add_output_errors(b, p);
    for (int u = first_unit(l, last); u < end_unit(l, last); u++) {
        bp_name_output(l, u, out, sizeof out);
        int in[3] = {b->target[u], 0, 0};
        in[1] = add(b, BP_Q_LOG, u, -1, &p->out[u], 1, "ln(%s)", out);
        if (sigmoid)
            in[2] = add(b, BP_Q_LOG_COMPLEMENT, u, -1, &p->out[u], 1,
                        "ln(1-%s)", out);
        terms[n++] = add(b, BP_Q_CE_TERM, u, -1, in, sigmoid ? 3 : 2,
                         "ce_%s", bp_unit_target_subscript(&l->units[u]));
    }
    p->loss = add(b, BP_Q_CROSS_ENTROPY, -1, -1, terms, n, "E");
    give_plain_symbol(b, p->loss, "E", "");
}

static void add_loss(builder *b, pass *p)
{
    if (b->l->loss == BP_LOSS_CROSS_ENTROPY)
        add_cross_entropy(b, p);
    else
        add_error(b, p);
}

static void give_delta_symbol(builder *b, int i, const char *index)
{
    bp_symbol sym;
    bp_symbol_set(&sym, "", index);
    sym.greek = BP_GREEK_DELTA;
    give_symbol(b, i, &sym);
}

/* A partial derivative's symbol: ∂ num / ∂ of (the symbol `of`). */
static void give_partial_symbol(builder *b, int i, const bp_symbol *num,
                                const bp_symbol *of)
{
    bp_symbol sym = *of;
    sym.partial = true;
    sym.num_base = num->base; /* interned by give_symbol */
    sym.num_sub = num->sub;
    give_symbol(b, i, &sym);
}

/* The gradient view of unit u (section 8), after its delta: ∂E/∂net_u by
 * the chain rule, then ∂E/∂w for each weight into u and ∂E/∂b_u.  An
 * output's ∂E/∂net is ∂E/∂o · ∂o/∂net, or o - t where the loss cancels
 * the derivative (loss.c); a hidden unit's is ∂o/∂net times the sum over
 * its downstream units of ∂E/∂net_k · w_uk, with the old weights. */
static void add_unit_gradients(builder *b, pass *p, int u)
{
    const bp_lesson *l = b->l;
    char out[BP_NAME_MAX], name[BP_NAME_MAX];
    bp_symbol osym, netsym, esym, psym;
    int layer = l->units[u].layer;
    const char *idx = l->units[u].index;
    bool output = layer == l->n_layers - 1;
    bp_name_output(l, u, out, sizeof out);
    bp_symbol_output(l, u, &osym);
    bp_symbol_set(&netsym, "net", idx);
    bp_symbol_set(&esym, "E", "");
    if (output && bp_loss_row_of(l->loss)->cancels_derivative) {
        int in[2] = {b->target[u], p->out[u]};
        p->grad_net[u] = add(b, BP_Q_GRAD_NET_CANCEL, u, -1, in, 2,
                             "dE/dnet_%s", idx);
    } else {
        /* the lecture's order: ∂E/∂o first (8.3, step 1), then ∂o/∂net */
        int dedo = 0;
        if (output) {
            int ein[2] = {b->target[u], p->out[u]};
            dedo = add(b, BP_Q_GRAD_OUTPUT, u, -1, ein, 2, "dE/d%s", out);
            give_partial_symbol(b, dedo, &esym, &osym);
        }
        int din[2] = {p->out[u], p->net[u]};
        int dodnet = add(b, BP_Q_GRAD_ACT, u, -1, din, 2, "d%s/dnet_%s",
                         out, idx);
        give_partial_symbol(b, dodnet, &osym, &netsym);
        if (output) {
            int in[2] = {dedo, dodnet};
            p->grad_net[u] =
                add(b, BP_Q_GRAD_NET, u, -1, in, 2, "dE/dnet_%s", idx);
        } else {
            int in[BP_MAX_INPUTS], n = 0;
            in[n++] = dodnet;
            for (int k = first_unit(l, layer + 1); k < end_unit(l, layer + 1);
                 k++) {
                int w = bp_lesson_find_weight(l, u, k);
                int tin[2] = {p->grad_net[k], b->weight[w]};
                bp_name_weight(l, w, name, sizeof name);
                in[n++] = add(b, BP_Q_GRAD_TERM, u, w, tin, 2,
                              "dE/dnet_%s*%s", l->units[k].index, name);
            }
            p->grad_net[u] = add(b, BP_Q_GRAD_NET_HIDDEN, u, -1, in, n,
                                 "dE/dnet_%s", idx);
        }
    }
    give_partial_symbol(b, p->grad_net[u], &esym, &netsym);
    for (int from = first_unit(l, layer - 1); from < end_unit(l, layer - 1);
         from++) {
        int w = bp_lesson_find_weight(l, from, u);
        int in[2] = {p->grad_net[u], p->out[from]};
        bp_name_weight(l, w, name, sizeof name);
        int g = add(b, BP_Q_GRAD_PARAM, u, w, in, 2, "dE/d%s", name);
        bp_symbol_weight(l, w, &psym);
        give_partial_symbol(b, g, &esym, &psym);
    }
    if (l->units[u].has_bias) {
        bp_name_bias(l, u, name, sizeof name);
        int g = add(b, BP_Q_GRAD_PARAM, u, -1, &p->grad_net[u], 1, "dE/d%s",
                    name);
        bp_symbol_bias(l, u, &psym);
        give_partial_symbol(b, g, &esym, &psym);
        if (!b->failure)
            b->t->q[g].bias = true;
    }
}

/* The error terms of one layer: an output's from its error, a hidden
 * unit's from the deltas of the layer after it through `weights` (the
 * old weights; the new ones only in the sequential-update mistake). */
static void add_layer_deltas(builder *b, pass *p, int layer,
                             const int *weights)
{
    const bp_lesson *l = b->l;
    char name[BP_NAME_MAX], wname[BP_NAME_MAX];
    b->phase = BP_PHASE_BACKWARD;
    for (int u = first_unit(l, layer); u < end_unit(l, layer); u++) {
        const char *idx = l->units[u].index;
        if (layer == l->n_layers - 1 && l->loss == BP_LOSS_CROSS_ENTROPY) {
            int in[2] = {p->out[u], p->error[u]};
            p->delta[u] = add(b, BP_Q_CE_DELTA, u, -1, in, 2, "delta_%s", idx);
            give_delta_symbol(b, p->delta[u], idx);
            if (b->gradients)
                add_unit_gradients(b, p, u);
            continue;
        }
        if (layer == l->n_layers - 1) {
            int in[3] = {p->out[u], p->error[u], p->net[u]};
            p->delta[u] =
                add(b, BP_Q_OUTPUT_DELTA, u, -1, in, 3, "delta_%s", idx);
            give_delta_symbol(b, p->delta[u], idx);
            if (b->gradients)
                add_unit_gradients(b, p, u);
            continue;
        }
        int din[2] = {p->out[u], p->net[u]};
        bp_name_output(l, u, name, sizeof name);
        char dname[BP_NAME_MAX];
        bp_act_derivative_name(l->layers[layer].activation, name, idx, dname,
                               sizeof dname);
        int deriv = add(b, BP_Q_DERIVATIVE, u, -1, din, 2, "%s", dname);
        int terms[BP_MAX_INPUTS], n = 0;
        for (int k = first_unit(l, layer + 1); k < end_unit(l, layer + 1);
             k++) {
            int w = bp_lesson_find_weight(l, u, k);
            int in[2] = {weights[w], p->delta[k]};
            bp_name_weight(l, w, wname, sizeof wname);
            terms[n++] = add(b, BP_Q_PRODUCT, u, w, in, 2, "%s*delta_%s",
                             wname, l->units[k].index);
        }
        int signal = add(b, BP_Q_SIGNAL, u, -1, terms, n, "sum_%s", idx);
        int in[2] = {deriv, signal};
        p->delta[u] = add(b, BP_Q_HIDDEN_DELTA, u, -1, in, 2, "delta_%s", idx);
        give_delta_symbol(b, p->delta[u], idx);
        if (b->gradients)
            add_unit_gradients(b, p, u);
    }
}

/* Delta w = eta delta_j x_i and w (new) = w + Delta w for one parameter,
 * and the change new - old the summary table shows; a fixed parameter is
 * kept as it is, not even rounded.  input < 0 for a bias. */
static int add_update(builder *b, int old, bool fixed, int unit, int weight,
                      int delta, int input, const char *name)
{
    if (b->failure)
        return 0; /* t->q may be NULL: nothing was added */
    bp_symbol sym = b->t->q[old].sym; /* a copy: adding moves quantities */
    static const bp_precision as_given = {BP_ROUND_NONE, 0};
    if (fixed) {
        b->precision = &as_given;
        int n = add(b, BP_Q_NEW_PARAM, unit, weight, &old, 1, "%s_new", name);
        b->precision = NULL;
        sym.new_value = true;
        give_symbol(b, n, &sym);
        if (!b->failure)
            b->t->q[n].fixed = true;
        return n;
    }
    int in[3] = {b->eta, delta, input};
    int change = add(b, BP_Q_CHANGE, unit, weight, in, input < 0 ? 2 : 3,
                     "Delta_%s", name);
    bp_symbol change_sym = sym;
    change_sym.delta_prefix = true;
    give_symbol(b, change, &change_sym);
    int nin[2] = {old, change};
    int n = add(b, BP_Q_NEW_PARAM, unit, weight, nin, 2, "%s_new", name);
    sym.new_value = true;
    give_symbol(b, n, &sym);
    /* the table's change, at the precision of the new value (Table 2) */
    bp_precision p = b->failure ? as_given : b->t->q[n].precision;
    b->precision = &p;
    int moved[2] = {n, old};
    int c = add(b, BP_Q_COMPARE, unit, weight, moved, 2, "%s_change", name);
    b->precision = NULL;
    if (!b->failure) {
        b->t->q[c].summary = true;
        if (weight < 0)
            b->t->q[change].bias = b->t->q[n].bias = b->t->q[c].bias = true;
    }
    return n;
}

/* The updates of one layer: unit by unit, its incoming weights in order,
 * then its bias. */
static void add_layer_updates(builder *b, const pass *p, int layer)
{
    const bp_lesson *l = b->l;
    char name[BP_NAME_MAX];
    b->phase = BP_PHASE_UPDATE;
    for (int u = first_unit(l, layer); u < end_unit(l, layer); u++) {
        for (int from = first_unit(l, layer - 1); from < end_unit(l, layer - 1);
             from++) {
            int w = bp_lesson_find_weight(l, from, u);
            bp_name_weight(l, w, name, sizeof name);
            b->new_weight[w] = add_update(b, b->weight[w], l->weights[w].fixed,
                                          u, w, p->delta[u], p->out[from],
                                          name);
        }
        if (!l->units[u].has_bias)
            continue;
        bp_name_bias(l, u, name, sizeof name);
        b->new_bias[u] = add_update(b, b->bias[u], l->units[u].bias_fixed, u,
                                    -1, p->delta[u], -1, name);
    }
}

/* First every layer's error terms, output layer first, then the updates in
 * the same order, as the lecture does: every delta exists before any
 * weight changes.  The sequential mistake instead updates each layer right
 * after its deltas, so the layer below sees the new weights. */
static void add_backward_and_updates(builder *b, pass *p, bool sequential)
{
    int last = b->l->n_layers - 1;
    for (int layer = last; layer >= 1; layer--) {
        add_layer_deltas(b, p, layer, sequential ? b->new_weight : b->weight);
        if (sequential)
            add_layer_updates(b, p, layer);
    }
    if (!sequential)
        for (int layer = last; layer >= 1; layer--)
            add_layer_updates(b, p, layer);
}

static void add_summary_change(builder *b, int unit, int after, int before,
                               const char *name)
{
    int in[2] = {after, before};
    int c = add(b, BP_Q_COMPARE, unit, -1, in, 2, "%s", name);
    if (!b->failure)
        b->t->q[c].summary = true;
}

/* The lecture's comparison: |t - o| before and after, and by how much the
 * error went down; also E before and after.  The *_change quantities are
 * the summary table's new - old. */
static void add_comparison(builder *b, const pass *before, const pass *after)
{
    const bp_lesson *l = b->l;
    int last = l->n_layers - 1;
    for (int u = first_unit(l, last); u < end_unit(l, last); u++) {
        const char *sub = bp_unit_target_subscript(&l->units[u]);
        int old_in[2] = {b->target[u], before->out[u]};
        int new_in[2] = {b->target[u], after->out[u]};
        int old_err =
            add(b, BP_Q_ABS_ERROR, u, -1, old_in, 2, "old_error_%s", sub);
        int new_err =
            add(b, BP_Q_ABS_ERROR, u, -1, new_in, 2, "new_error_%s", sub);
        int reduced[2] = {old_err, new_err};
        add(b, BP_Q_COMPARE, u, -1, reduced, 2, "error_reduced_%s", sub);
        char name[BP_NAME_MAX];
        bp_fmt(name, sizeof name, "output_change_%s", sub);
        add_summary_change(b, u, after->out[u], before->out[u], name);
        bp_fmt(name, sizeof name, "error_change_%s", sub);
        add_summary_change(b, u, new_err, old_err, name);
    }
    int losses[2] = {before->loss, after->loss};
    add(b, BP_Q_COMPARE, -1, -1, losses, 2, "E_reduced");
    add_summary_change(b, -1, after->loss, before->loss, "E_change");
}

static bool pass_alloc(pass *p, int n_units)
{
    p->out = calloc((size_t)n_units, sizeof *p->out);
    p->net = calloc((size_t)n_units, sizeof *p->net);
    p->error = calloc((size_t)n_units, sizeof *p->error);
    p->delta = calloc((size_t)n_units, sizeof *p->delta);
    p->grad_net = calloc((size_t)n_units, sizeof *p->grad_net);
    return p->out && p->net && p->error && p->delta && p->grad_net;
}

static void pass_free(pass *p)
{
    free(p->out);
    free(p->net);
    free(p->error);
    free(p->delta);
    free(p->grad_net);
}

static void build(builder *b)
{
    const bp_lesson *l = b->l;
    pass first = {0}, verify = {0};
    if (!pass_alloc(&first, l->n_units) || !pass_alloc(&verify, l->n_units)) {
        b->failure = BP_ERR_NOMEM;
        goto out;
    }

    b->phase = BP_PHASE_GIVEN;
    add_givens(b, &first);
    b->phase = BP_PHASE_FORWARD;
    add_forward(b, &first, b->weight, b->bias);
    b->phase = BP_PHASE_ERROR;
    add_loss(b, &first);
    add_backward_and_updates(b, &first, b->sequential);

    /* The verification pass reads the same inputs and the new parameters. */
    b->phase = BP_PHASE_VERIFY;
    b->prefix = "verify_";
    memcpy(verify.out, first.out, (size_t)l->n_units * sizeof *verify.out);
    add_forward(b, &verify, b->new_weight, b->new_bias);
    add_loss(b, &verify);
    b->prefix = "";
    add_comparison(b, &first, &verify);
out:
    pass_free(&first);
    pass_free(&verify);
}

bp_trace *bp_backprop_build(const bp_lesson *lesson,
                             const bp_build_options *options, bp_error *err)
{
    bp_trace *t = calloc(1, sizeof *t);
    bool sequential = options && options->sequential;
    bool gradients = options && options->gradients;
    bool exact = options && options->exact; /* the profile not applied */
    builder b = {.t = t, .l = lesson, .prefix = "", .sequential = sequential,
                 .gradients = gradients};
    size_t nu = (size_t)lesson->n_units, nw = (size_t)lesson->n_weights;
    b.target = calloc(nu, sizeof *b.target);
    b.bias = calloc(nu, sizeof *b.bias);
    b.new_bias = calloc(nu, sizeof *b.new_bias);
    b.weight = calloc(nw ? nw : 1, sizeof *b.weight);
    b.new_weight = calloc(nw ? nw : 1, sizeof *b.new_weight);
    if (!t || !b.target || !b.bias || !b.new_bias || !b.weight ||
        !b.new_weight)
        b.failure = BP_ERR_NOMEM;
    else {
        t->lesson = lesson;
        t->hand_rounding = lesson->has_rounding && !exact;
        t->sequential = sequential;
        t->gradients = gradients;
        /* about 7 quantities a parameter or unit (8 in the gradient
           view), each with 2 or 3 inputs: room made at once */
        int room = 8 * (lesson->n_weights + 2 * lesson->n_units) + 32;
        if (room > BP_MAX_QUANTITIES)
            room = BP_MAX_QUANTITIES;
        if (!bp_graph_reserve(t, room, 4 * room))
            b.failure = BP_ERR_NOMEM;
        else
            build(&b);
    }
    free(b.target);
    free(b.bias);
    free(b.new_bias);
    free(b.weight);
    free(b.new_weight);
    if (b.failure) {
        bp_graph_report(t, b.failure, b.failed_at,
                        b.clash[0] ? b.clash : NULL, err);
        bp_trace_free(t);
        return NULL;
    }
    return t;
}
