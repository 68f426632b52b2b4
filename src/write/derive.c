/* derive.c: the derivation of each quantity that stands on its own line:
 * its formula, the numbers substituted, the arithmetic and the result.
 * Renderers lay the steps out; nothing here computes a value. */
#include "trace/trace_internal.h"
#include "write/derive.h"
#include "math/activation.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define NUM 64

/* One derivation: lhs = step = step = ... */
static bp_str chain_step(bp_chain *ch)
{
    bp_str s;
    assert(ch->n < BP_STEPS_MAX);
    bp_str_init(&s, ch->step[ch->n++], BP_STEP_MAX);
    return s;
}

static bool blank(const bp_writer *c, const bp_quantity *q)
{
    return c->blank && c->blank[q - c->t->q];
}

static const char *val(const bp_writer *c, const bp_quantity *q, char *buf)
{
    if (blank(c, q)) {
        snprintf(buf, NUM, "%s", c->blank_text);
        return buf;
    }
    if (!c->values)
        return bp_formula_value(&c->nf, q, buf, NUM);
    bp_value_cache *vc = c->values;
    int *at = &vc->at[q - c->t->q];
    if (*at)
        return strcpy(buf, vc->text + *at - 1);
    char v[BP_VALUE_TEXT];
    bp_formula_value(&c->nf, q, v, sizeof v);
    size_t len = strlen(v) + 1;
    if (vc->cap - vc->used < len) { /* out of room: kept if it can be */
        size_t cap = vc->cap ? 2 * vc->cap : 4096;
        char *text = realloc(vc->text, cap);
        if (text) {
            vc->text = text;
            vc->cap = cap;
        }
    }
    if (vc->cap - vc->used >= len) {
        memcpy(vc->text + vc->used, v, len);
        *at = (int)vc->used + 1;
        vc->used += len;
    }
    return strcpy(buf, v);
}

/* val() in an exponent: a blank written as the format writes one there. */
static const char *exp_val(const bp_writer *c, const bp_quantity *q,
                           char *buf)
{
    if (blank(c, q) && c->blank_exp_text) {
        snprintf(buf, NUM, "%s", c->blank_exp_text);
        return buf;
    }
    return val(c, q, buf);
}

/* 1 + e^-net, 1 - o: a blank's shown intermediate is blank too. */
static const char *aux(const bp_writer *c, const bp_quantity *q, char *buf)
{
    if (blank(c, q)) {
        snprintf(buf, NUM, "%s", c->blank_text);
        return buf;
    }
    return bp_formula_aux(&c->nf, q, buf, NUM);
}

/* The steps so far are the formula and the numbers substituted. */
static void substituted(bp_chain *ch)
{
    ch->shown = ch->n;
}

static const bp_quantity *in(const bp_writer *c, const bp_quantity *q, int i)
{
    return bp_trace_input(c->t, q, i);
}

/* A number as a factor: (0.2), (-0.5). */
static void add_factor(bp_str *s, const char *num)
{
    bp_str_cat(s, "(", num, ")");
}

/* A number as a later term of a sum: " + 0.2" or " - 0.5". */
static void add_term(bp_str *s, const char *num, bool first)
{
    if (first)
        bp_str_put(s, num);
    else if (num[0] == '-')
        bp_str_cat(s, " - ", num + 1, "");
    else
        bp_str_cat(s, " + ", num, "");
}

/* A number subtracted: " - 0.474", or " - (-0.3)". */
static void add_minus(bp_str *s, const char *num)
{
    if (num[0] == '-')
        bp_str_cat(s, " - (", num, ")");
    else
        bp_str_cat(s, " - ", num, "");
}

static void symbol_of(const bp_writer *c, const bp_quantity *q, char *buf,
                      size_t size)
{
    bp_str s;
    bp_str_init(&s, buf, size);
    bp_formula_symbol(c->st, c->t, q, &s);
}

static void begin(const bp_writer *c, bp_chain *ch, const bp_quantity *q,
                  bool symbolic)
{
    ch->n = 0;
    ch->shown = 0;
    ch->labelled = false;
    symbol_of(c, q, ch->lhs, sizeof ch->lhs);
    if (symbolic) {
        bp_str s = chain_step(ch);
        bp_formula_symbolic(c->st, c->t, q, &s);
        if (strcmp(ch->step[ch->n - 1], ch->lhs) == 0)
            ch->n--; /* a product found by name: x₁·w₁₄ = x₁·w₁₄ */
    }
}

static void end(const bp_writer *c, bp_chain *ch, const bp_quantity *q)
{
    char n[NUM];
    bp_str s = chain_step(ch);
    bp_str_put(&s, val(c, q, n));
}

/* ---- the derivations, one per kind that stands on its own line ---- */

/* net_j = x1 w1j + ... + b_j = (1)(0.2) + ... = 0.2 + ... = -0.7 */
static void derive_net(const bp_writer *c, bp_chain *ch, const bp_quantity *q,
                       bool verify)
{
    char a[NUM], b[NUM];
    begin(c, ch, q, !verify);
    bp_str sub = chain_step(ch);
    substituted(ch);
    for (int i = 0; i < q->n_in; i++) {
        const bp_quantity *term = in(c, q, i);
        if (i)
            bp_str_put(&sub, " + ");
        if (term->kind == BP_Q_PRODUCT) {
            add_factor(&sub, val(c, in(c, term, 0), a));
            add_factor(&sub, val(c, in(c, term, 1), b));
        } else {
            val(c, term, a);
            bp_str_add_signed(&sub, a);
        }
    }
    if (!verify && q->n_in > 1) {
        bp_str terms = chain_step(ch);
        for (int i = 0; i < q->n_in; i++)
            add_term(&terms, val(c, in(c, q, i), a), i == 0);
    }
    end(c, ch, q);
}

/* o_j = sigma(net_j) = 1/(1 + e^-net_j) = 1/(1 + e^0.7) = 1/(1 + 2.0138)
 *     = 1/3.0138 = 0.332 */
static void derive_activation(const bp_writer *c, bp_chain *ch,
                              const bp_quantity *q, bool verify)
{
    char a[NUM], b[NUM];
    const bp_quantity *net = in(c, q, 0);
    begin(c, ch, q, true);
    if (q->activation == BP_ACT_SOFTMAX) { /* e^(net - m)/S = 0.4066/1.4066 */
        bp_str s = chain_step(ch);
        substituted(ch);
        bp_str_add(&s, "%s/%s", val(c, in(c, q, 1), a), val(c, in(c, q, 2), b));
        end(c, ch, q);
        return;
    }
    if (q->activation != BP_ACT_SIGMOID) { /* sigmoid goes through e^-net */
        bp_str s = chain_step(ch);
        substituted(ch);
        bp_act_fill fill = {.net = val(c, net, a), .slope = q->slope};
        bp_formula_act(c->st, q->activation,
                       bp_act_row(q->activation)->numbers, &fill, &s);
        end(c, ch, q);
        return;
    }
    const bp_quantity *e = in(c, q, 1);
    bp_str s = chain_step(ch);
    substituted(ch);
    if (verify) {
        bp_str_add(&s, "%s(%s)", c->st->sigma, val(c, net, a));
    } else {
        /* the definition, then e^-net with net's sign flipped as written */
        symbol_of(c, net, b, sizeof b);
        bp_str first = {ch->step[0], BP_STEP_MAX, strlen(ch->step[0])};
        bp_str_add(&first, " = 1/(1 + %s%s%s)", c->st->exp_neg_open, b,
                   c->st->exp_neg_close);
        bp_str_add(&s, "1/(1 + %s", c->st->exp_open);
        bp_str_add_negated(&s, exp_val(c, net, a));
        bp_str_add(&s, "%s)", c->st->exp_close);
    }
    bp_str division = chain_step(ch);
    bp_str_add(&division, "1/(1 + %s) = 1/%s", val(c, e, a), aux(c, q, b));
    end(c, ch, q);
}

/* t - o = 1 - 0.474 = 0.526; Old error: |t - o| = |1 - 0.474| = 0.526;
 * Error reduced by: 0.526 - 0.485 = 0.041 */
static void derive_difference(const bp_writer *c, bp_chain *ch,
                              const bp_quantity *q)
{
    char a[NUM], b[NUM];
    ch->n = 0;
    ch->shown = 0;
    ch->labelled = q->kind != BP_Q_ERROR;
    bp_str lhs;
    bp_str_init(&lhs, ch->lhs, sizeof ch->lhs);
    if (q->kind == BP_Q_ERROR) { /* t - o stands for itself */
        bp_formula_symbolic(c->st, c->t, q, &lhs);
    } else { /* "Old error: |t - o| = ..." */
        bp_str_add(&lhs, "%s",
                   q->kind == BP_Q_ABS_ERROR
                       ? (in(c, q, 1)->phase == BP_PHASE_VERIFY ? "New error"
                                                                : "Old error")
                   : in(c, q, 0)->kind == BP_Q_LOSS ||
                           in(c, q, 0)->kind == BP_Q_CROSS_ENTROPY
                       ? "Loss reduced by"
                       : "Error reduced by");
        bp_str first = chain_step(ch);
        bp_formula_symbolic(c->st, c->t, q, &first);
    }
    bp_str s = chain_step(ch);
    substituted(ch);
    const char *bar = q->kind == BP_Q_ABS_ERROR ? "|" : "";
    bp_str_add(&s, "%s%s", bar, val(c, in(c, q, 0), a));
    add_minus(&s, val(c, in(c, q, 1), b));
    bp_str_put(&s, bar);
    end(c, ch, q);
}

/* E = 1/2[(t1 - o1)^2 + ...] = 1/2[(1 - 0.620)^2 + ...] = 1/2[0.144 + ...] */
static void derive_loss(const bp_writer *c, bp_chain *ch, const bp_quantity *q)
{
    char a[NUM], b[NUM];
    begin(c, ch, q, true);
    bp_str sub = chain_step(ch);
    substituted(ch);
    bp_str sq = chain_step(ch);
    bp_str_add(&sub, "%s[", c->st->half);
    bp_str_add(&sq, "%s[", c->st->half);
    for (int i = 0; i < q->n_in; i++) {
        const bp_quantity *square = in(c, q, i);
        const bp_quantity *err = in(c, square, 0);
        if (i) {
            bp_str_put(&sub, " + ");
            bp_str_put(&sq, " + ");
        }
        bp_str_add(&sub, "(%s", val(c, in(c, err, 0), a));
        add_minus(&sub, val(c, in(c, err, 1), b));
        bp_str_add(&sub, ")%s", c->st->squared);
        bp_str_put(&sq, val(c, square, a));
    }
    bp_str_put(&sub, "]");
    bp_str_put(&sq, "]");
    end(c, ch, q);
}

/* E = -[t ln o + (1 - t) ln(1 - o) + ...] = -[(1) ln 0.474 + (1 - 1)
 *   ln(1 - 0.474)] = -[(1)(-0.7465) + (1 - 1)(-0.6425)] = 0.7465; softmax
 *   outputs have only the t ln o of each output. */
static void derive_cross_entropy(const bp_writer *c, bp_chain *ch,
                                 const bp_quantity *q)
{
    char t[NUM], a[NUM];
    begin(c, ch, q, true);
    bp_str sub = chain_step(ch);
    substituted(ch);
    bp_str logs = chain_step(ch);
    bp_str_put(&sub, "-[");
    bp_str_put(&logs, "-[");
    for (int i = 0; i < q->n_in; i++) {
        const bp_quantity *term = in(c, q, i);
        const bp_quantity *ln_o = in(c, term, 1);
        val(c, in(c, term, 0), t);
        if (i) {
            bp_str_put(&sub, " + ");
            bp_str_put(&logs, " + ");
        }
        bp_str_add(&sub, "(%s) %s %s", t, c->st->ln,
                   val(c, in(c, ln_o, 0), a));
        bp_str_add(&logs, "(%s)", t);
        add_factor(&logs, val(c, ln_o, a));
        if (term->n_in > 2) {
            const bp_quantity *ln_1o = in(c, term, 2);
            bp_str_add(&sub, " + (1 - %s) %s(1 - %s)", t, c->st->ln,
                       val(c, in(c, ln_1o, 0), a));
            bp_str_add(&logs, " + (1 - %s)", t);
            add_factor(&logs, val(c, ln_1o, a));
        }
    }
    bp_str_put(&sub, "]");
    bp_str_put(&logs, "]");
    if (q->n_in > 1) { /* the terms, then their sum */
        bp_str terms = chain_step(ch);
        bp_str_put(&terms, "-[");
        for (int i = 0; i < q->n_in; i++)
            add_term(&terms, val(c, in(c, q, i), a), i == 0);
        bp_str_put(&terms, "]");
    }
    end(c, ch, q);
}

/* delta_k with cross-entropy: -dE/do_k times do_k/dnet_k, which comes to
 * t_k - o_k.  Sigmoid: [(t - o)/(o(1 - o))] o(1 - o) = t - o.  Softmax:
 * sum_j (t_j/o_j) o_j([j = k] - o_k) = t_k - o_k sum_j t_j = t_k - o_k. */
static void derive_ce_delta(const bp_writer *c, bp_chain *ch,
                            const bp_quantity *q)
{
    char a[NUM], b[NUM], sym[BP_NAME_MAX * 4], tj[64], oj[64], sum_j[64];
    const bp_quantity *o = in(c, q, 0), *err = in(c, q, 1);
    const bp_style *st = c->st;
    begin(c, ch, q, false);
    bp_str why = chain_step(ch);
    if (q->activation == BP_ACT_SOFTMAX) {
        bp_sym(st, "t", "j", tj, sizeof tj);
        bp_sym(st, o->sym.base, "j", oj, sizeof oj);
        bp_sym(st, st->sum, "j", sum_j, sizeof sum_j);
        symbol_of(c, o, sym, sizeof sym);
        bp_str_add(&why, "%s (%s/%s)%s%s([j = %s] - %s)", sum_j, tj, oj,
                   st->dot, oj, o->sym.sub, sym);
        bp_str collapsed = chain_step(ch);
        bp_formula_symbolic(st, c->t, q, &collapsed);
        bp_str_add(&collapsed, " %s %s", sum_j, tj);
    } else { /* [(t - o)/(o(1 - o))]·o(1 - o) */
        char deriv[BP_NAME_MAX * 8];
        bp_str d;
        bp_str_init(&d, deriv, sizeof deriv);
        symbol_of(c, o, sym, sizeof sym);
        bp_str_add(&d, "%s(1 - %s)", sym, sym);
        bp_str_put(&why, "[");
        bp_formula_symbol(st, c->t, err, &why);
        bp_str_add(&why, "/(%s)]%s%s", deriv, st->dot, deriv);
    }
    bp_str simple = chain_step(ch);
    bp_formula_symbolic(st, c->t, q, &simple);
    bp_str sub = chain_step(ch);
    substituted(ch);
    bp_str_put(&sub, val(c, in(c, err, 0), a));
    add_minus(&sub, val(c, in(c, err, 1), b));
    end(c, ch, q);
}

/* m = max(net_5, net_6) = max(0.3, 1.2) = 1.2; S = e^(net_5 - m) + ... =
 * 0.4066 + 1 = 1.4066 */
static void derive_softmax_layer(const bp_writer *c, bp_chain *ch,
                                 const bp_quantity *q)
{
    char a[NUM];
    begin(c, ch, q, true);
    bp_str s = chain_step(ch);
    substituted(ch);
    if (q->kind == BP_Q_MAX)
        bp_str_add(&s, "%s(", c->st->max);
    for (int i = 0; i < q->n_in; i++) {
        val(c, in(c, q, i), a);
        if (q->kind == BP_Q_MAX)
            bp_str_add(&s, "%s%s", i ? ", " : "", a);
        else
            add_term(&s, a, i == 0);
    }
    if (q->kind == BP_Q_MAX)
        bp_str_put(&s, ")");
    end(c, ch, q);
}

/* e^(net_5 - m) = e^(0.3 - 1.2) = e^(-0.9) = 0.4066 */
static void derive_softmax_exp(const bp_writer *c, bp_chain *ch,
                               const bp_quantity *q)
{
    char a[NUM];
    begin(c, ch, q, false); /* no symbol: e^(net₅ - m) is its own lhs */
    bp_str s = chain_step(ch);
    substituted(ch);
    bp_str_add(&s, "%s(%s", c->st->exp_open, exp_val(c, in(c, q, 0), a));
    add_minus(&s, exp_val(c, in(c, q, 1), a));
    bp_str_add(&s, ")%s", c->st->exp_close);
    bp_str power = chain_step(ch);
    bp_str_add(&power, "%s%s%s", c->st->exp_open,
               blank(c, q) && c->blank_exp_text ? c->blank_exp_text
                                                : aux(c, q, a),
               c->st->exp_close);
    end(c, ch, q);
}

/* The derivative factor with numbers, by the activation's row:
 * 0.474(1 - 0.474), (1 - 0.6^2), (1), sigma(0.3). */
static void add_derivative_numbers(const bp_writer *c, bp_str *s,
                                   const bp_quantity *q, const bp_quantity *o)
{
    char a[NUM], b[NUM], n[NUM] = "";
    int net_at = q->kind == BP_Q_OUTPUT_DELTA ? 2 : 1;
    if (q->n_in > net_at)
        val(c, in(c, q, net_at), n);
    bp_act_fill fill = {.o = val(c, o, a), .net = n, .d = aux(c, q, b),
                        .slope = q->slope};
    bp_formula_act(c->st, q->activation,
                   bp_act_row(q->activation)->derivative_numbers, &fill, s);
}

/* delta_k = o(1 - o)(t - o) = 0.474(1 - 0.474)(1 - 0.474)
 *         = 0.474 x 0.526 x 0.526 = 0.1311 */
static void derive_output_delta(const bp_writer *c, bp_chain *ch,
                                const bp_quantity *q)
{
    char a[NUM], b[NUM], d[NUM];
    const bp_quantity *o = in(c, q, 0), *err = in(c, q, 1);
    const char *x = c->st->times;
    begin(c, ch, q, true);
    bp_str sub = chain_step(ch);
    substituted(ch);
    if (q->activation == BP_ACT_LINEAR) { /* f' = 1: delta = t - o */
        bp_str_put(&sub, val(c, in(c, err, 0), a));
        add_minus(&sub, val(c, in(c, err, 1), b));
        end(c, ch, q);
        return;
    }
    add_derivative_numbers(c, &sub, q, o);
    bp_str_add(&sub, "(%s", val(c, in(c, err, 0), a));
    add_minus(&sub, val(c, in(c, err, 1), b));
    bp_str_put(&sub, ")");
    bp_str factors = chain_step(ch);
    if (q->activation == BP_ACT_SIGMOID)
        bp_str_add(&factors, "%s %s %s %s ", val(c, o, a), x, aux(c, q, b), x);
    else
        bp_str_add(&factors, "%s %s ", aux(c, q, b), x);
    val(c, err, d);
    bp_str_add_signed(&factors, d);
    end(c, ch, q);
}

/* delta_h = o(1 - o)(w_hk delta_k + ...) = 0.568(1 - 0.568)[(0.4)(0.0895) +
 *         ...] = 0.245 x (0.0358 - 0.074) = 0.245 x (-0.0382) = -0.00936 */
static void derive_hidden_delta(const bp_writer *c, bp_chain *ch,
                                const bp_quantity *q)
{
    char a[NUM], b[NUM];
    const bp_quantity *deriv = in(c, q, 0), *signal = in(c, q, 1);
    const char *x = c->st->times;
    begin(c, ch, q, true);
    bp_str sub = chain_step(ch);
    substituted(ch);
    add_derivative_numbers(c, &sub, deriv, in(c, deriv, 0));
    bp_str_add(&sub, " %s [", x);
    for (int i = 0; i < signal->n_in; i++) {
        const bp_quantity *term = in(c, signal, i);
        if (i)
            bp_str_put(&sub, " + ");
        add_factor(&sub, val(c, in(c, term, 0), a));
        add_factor(&sub, val(c, in(c, term, 1), b));
    }
    bp_str_put(&sub, "]");
    if (signal->n_in == 1 && deriv->activation == BP_ACT_SIGMOID) {
        /* the lecture's flat chain: o x (1 - o) x w x d */
        const bp_quantity *term = in(c, signal, 0);
        bp_str flat = chain_step(ch);
        bp_str_add(&flat, "%s %s %s", val(c, in(c, deriv, 0), a), x,
                   aux(c, deriv, b));
        for (int i = 0; i < term->n_in; i++) {
            val(c, in(c, term, i), b);
            bp_str_add(&flat, b[0] == '-' ? " %s (%s)" : " %s %s", x, b);
        }
    } else if (signal->n_in > 1) {
        bp_str terms = chain_step(ch);
        bp_str_add(&terms, "%s %s (", val(c, deriv, a), x);
        for (int i = 0; i < signal->n_in; i++)
            add_term(&terms, val(c, in(c, signal, i), b), i == 0);
        bp_str_put(&terms, ")");
    }
    bp_str product = chain_step(ch);
    bp_str_add(&product, "%s %s ", val(c, deriv, a), x);
    val(c, signal, b);
    bp_str_add_signed(&product, b);
    end(c, ch, q);
}

/* w(new) = w + eta delta x = -0.3 + (0.9)(0.1311)(0.332) = -0.3 + 0.0391
 *        = -0.261 */
static void derive_new_param(const bp_writer *c, bp_chain *ch,
                             const bp_quantity *q)
{
    char a[NUM];
    const bp_quantity *old = in(c, q, 0);
    begin(c, ch, q, q->fixed);
    if (q->fixed) {
        bp_str s = chain_step(ch);
        substituted(ch);
        bp_str_add(&s, "%s%s", val(c, q, a), c->st->fixed_note);
        return;
    }
    const bp_quantity *change = in(c, q, 1);
    /* w + Delta w when a step found Delta w; else w + eta delta x, with
     * the numbers, as the lecture writes an update in one line */
    bool change_shown = change->standalone;
    bp_str s = chain_step(ch);
    bp_formula_symbol(c->st, c->t, old, &s);
    bp_str_put(&s, " + ");
    if (change_shown) {
        bp_formula_symbol(c->st, c->t, change, &s);
    } else {
        bp_formula_symbolic(c->st, c->t, change, &s);
        bp_str sub = chain_step(ch);
        substituted(ch);
        bp_str_add(&sub, "%s + ", val(c, old, a));
        for (int i = 0; i < change->n_in; i++)
            add_factor(&sub, val(c, in(c, change, i), a));
    }
    bp_str sum = chain_step(ch);
    if (change_shown)
        substituted(ch);
    add_term(&sum, val(c, old, a), true);
    add_term(&sum, val(c, change, a), false);
    end(c, ch, q);
}

/* A product on its own line: x_1 w_j1 = 0.5 x 0.4 = 0.2; also Delta w =
 * eta delta x = 0.1 x 0.15 x 0.8 = 0.012 */
static void derive_product(const bp_writer *c, bp_chain *ch,
                           const bp_quantity *q)
{
    char a[NUM];
    begin(c, ch, q, true);
    bp_str s = chain_step(ch);
    substituted(ch);
    for (int i = 0; i < q->n_in; i++) {
        val(c, in(c, q, i), a);
        if (i)
            bp_str_add(&s, " %s ", c->st->times);
        bp_str_add(&s, a[0] == '-' && i ? "(%s)" : "%s", a);
    }
    end(c, ch, q);
}

/* A derivative on its own line: sigma'(2) = o(1 - o) = 0.8808(1 - 0.8808)
 * = 0.8808 x 0.1192 = 0.1050 */
static void derive_derivative(const bp_writer *c, bp_chain *ch,
                              const bp_quantity *q)
{
    char a[NUM], b[NUM];
    const bp_quantity *o = in(c, q, 0);
    begin(c, ch, q, true);
    bp_str sub = chain_step(ch);
    substituted(ch);
    add_derivative_numbers(c, &sub, q, o);
    if (q->activation == BP_ACT_SIGMOID) {
        bp_str factors = chain_step(ch);
        bp_str_add(&factors, "%s %s %s", val(c, o, a), c->st->times,
                   aux(c, q, b));
    }
    end(c, ch, q);
}

/* A sum of found values: E_total = E_1 + E_2 = 0.125 + 0.065 = 0.19 */
static void derive_total(const bp_writer *c, bp_chain *ch,
                         const bp_quantity *q)
{
    char a[NUM];
    begin(c, ch, q, true);
    bp_str s = chain_step(ch);
    substituted(ch);
    for (int i = 0; i < q->n_in; i++)
        add_term(&s, val(c, in(c, q, i), a), i == 0);
    end(c, ch, q);
}

/* ---- the gradient view: the partial derivatives of section 8 ---- */

/* Factors in parentheses: (-0.526)(0.2493). */
static void add_factors(const bp_writer *c, bp_str *s, const bp_quantity *q)
{
    char a[NUM];
    for (int i = 0; i < q->n_in; i++)
        add_factor(s, val(c, in(c, q, i), a));
}

/* ∂E/∂o₆ = -(t - o₆) = -(1 - 0.474) = -0.526; ∂E/∂net₆ = o₆ - t₆ =
 * 0.474 - 1 = -0.526 where the loss cancels the output's derivative */
static void derive_grad_difference(const bp_writer *c, bp_chain *ch,
                                   const bp_quantity *q)
{
    char a[NUM], b[NUM];
    begin(c, ch, q, true);
    bp_str s = chain_step(ch);
    substituted(ch);
    if (q->kind == BP_Q_GRAD_OUTPUT) {
        bp_str_add(&s, "-(%s", val(c, in(c, q, 0), a));
        add_minus(&s, val(c, in(c, q, 1), b));
        bp_str_put(&s, ")");
    } else {
        bp_str_put(&s, val(c, in(c, q, 1), a));
        add_minus(&s, val(c, in(c, q, 0), b));
    }
    end(c, ch, q);
}

/* ∂E/∂net₆ = ∂E/∂o₆·∂o₆/∂net₆ = (-0.526)(0.2493) = -0.1311 */
static void derive_grad_product(const bp_writer *c, bp_chain *ch,
                                const bp_quantity *q)
{
    begin(c, ch, q, true);
    bp_str s = chain_step(ch);
    substituted(ch);
    add_factors(c, &s, q);
    end(c, ch, q);
}

/* ∂E/∂net₄ = ∂o₄/∂net₄·(∂E/∂net₆·w₄₆ + ...) = (0.2218)[(-0.1311)(-0.3) +
 *          ...] = 0.2218 × (0.0393 + ...) = 0.2218 × 0.0393 = 0.0087 */
static void derive_grad_hidden(const bp_writer *c, bp_chain *ch,
                               const bp_quantity *q)
{
    char a[NUM], b[NUM];
    const char *x = c->st->times;
    begin(c, ch, q, true);
    bp_str sub = chain_step(ch);
    substituted(ch);
    add_factor(&sub, val(c, in(c, q, 0), a));
    bp_str_put(&sub, "[");
    for (int i = 1; i < q->n_in; i++) {
        bp_str_put(&sub, i > 1 ? " + " : "");
        add_factors(c, &sub, in(c, q, i));
    }
    bp_str_put(&sub, "]");
    if (q->n_in > 2) {
        bp_str terms = chain_step(ch);
        bp_str_add(&terms, "%s %s (", val(c, in(c, q, 0), a), x);
        for (int i = 1; i < q->n_in; i++)
            add_term(&terms, val(c, in(c, q, i), b), i == 1);
        bp_str_put(&terms, ")");
    }
    /* the sum, as the engine kept it (aux), or the one term */
    bp_str product = chain_step(ch);
    bp_str_add(&product, "%s %s ", val(c, in(c, q, 0), a), x);
    if (q->n_in > 2)
        aux(c, q, b);
    else
        val(c, in(c, q, 1), b);
    bp_str_add(&product, b[0] == '-' ? "(%s)" : "%s", b);
    end(c, ch, q);
}

/* ∂E/∂w₄₆ = ∂E/∂o₆·∂o₆/∂net₆·∂net₆/∂w₄₆ = ∂E/∂net₆·o₄ = (-0.1311)(0.332)
 *         = -0.0435; a hidden unit's weight starts from ∂E/∂net₄, a bias
 *         is ∂E/∂net₆·1 */
static void derive_grad_param(const bp_writer *c, bp_chain *ch,
                              const bp_quantity *q)
{
    char a[NUM];
    const bp_quantity *grad_net = in(c, q, 0);
    begin(c, ch, q, false);
    bp_str chain = chain_step(ch);
    if (grad_net->kind == BP_Q_GRAD_NET) { /* ∂E/∂o·∂o/∂net */
        bp_formula_symbolic(c->st, c->t, grad_net, &chain);
    } else {
        bp_formula_symbol(c->st, c->t, grad_net, &chain);
    }
    bp_symbol dnet = q->sym; /* ∂net₆/∂w₄₆ */
    dnet.num_base = "net";
    dnet.num_sub = c->t->lesson->units[q->unit].index;
    bp_str_put(&chain, c->st->product);
    bp_symbol_write(c->st, &dnet, &chain);
    bp_str formula = chain_step(ch);
    bp_formula_symbolic(c->st, c->t, q, &formula);
    if (q->n_in > 1) {
        bp_str s = chain_step(ch);
        substituted(ch);
        add_factor(&s, val(c, grad_net, a));
        add_factor(&s, val(c, in(c, q, 1), a));
    } else {
        substituted(ch);
    }
    end(c, ch, q);
}

void bp_derive(const bp_writer *c, const bp_quantity *q, bp_chain *ch)
{
    bool verify = q->phase == BP_PHASE_VERIFY;
    switch (q->kind) {
    case BP_Q_NET: derive_net(c, ch, q, verify); break;
    case BP_Q_ACTIVATION: derive_activation(c, ch, q, verify); break;
    case BP_Q_ERROR:
    case BP_Q_ABS_ERROR:
    case BP_Q_COMPARE: derive_difference(c, ch, q); break;
    case BP_Q_LOSS: derive_loss(c, ch, q); break;
    case BP_Q_OUTPUT_DELTA: derive_output_delta(c, ch, q); break;
    case BP_Q_HIDDEN_DELTA: derive_hidden_delta(c, ch, q); break;
    case BP_Q_NEW_PARAM: derive_new_param(c, ch, q); break;
    case BP_Q_PRODUCT:
    case BP_Q_CHANGE: derive_product(c, ch, q); break;
    case BP_Q_DERIVATIVE: derive_derivative(c, ch, q); break;
    case BP_Q_TOTAL: derive_total(c, ch, q); break;
    case BP_Q_CROSS_ENTROPY: derive_cross_entropy(c, ch, q); break;
    case BP_Q_CE_DELTA: derive_ce_delta(c, ch, q); break;
    case BP_Q_MAX:
    case BP_Q_EXP_SUM: derive_softmax_layer(c, ch, q); break;
    case BP_Q_SOFTMAX_EXP: derive_softmax_exp(c, ch, q); break;
    case BP_Q_GRAD_OUTPUT:
    case BP_Q_GRAD_NET_CANCEL: derive_grad_difference(c, ch, q); break;
    case BP_Q_GRAD_ACT: derive_derivative(c, ch, q); break;
    case BP_Q_GRAD_NET: derive_grad_product(c, ch, q); break;
    case BP_Q_GRAD_NET_HIDDEN: derive_grad_hidden(c, ch, q); break;
    case BP_Q_GRAD_PARAM: derive_grad_param(c, ch, q); break;
    case BP_Q_INPUT: case BP_Q_TARGET: case BP_Q_RATE: case BP_Q_WEIGHT:
    case BP_Q_BIAS: case BP_Q_VALUE: case BP_Q_EXP: case BP_Q_SQUARE:
    case BP_Q_SIGNAL: case BP_Q_LOG: case BP_Q_LOG_COMPLEMENT:
    case BP_Q_CE_TERM: case BP_Q_GRAD_TERM:
    case BP_Q_KIND_COUNT: assert(false);
    }
}

/* Verification, comparisons and updates are one line each, as the lecture
 * writes them; the first forward pass and the deltas are worked in full. */
bool bp_derive_compact(const bp_quantity *q)
{
    return q->phase == BP_PHASE_VERIFY || q->phase == BP_PHASE_UPDATE ||
           q->kind == BP_Q_ERROR;
}

bool bp_derive_standalone(const bp_trace *t, const bp_quantity *q)
{
    (void)t;
    if (q->step >= 0) /* an exercise: what its steps find */
        return q->standalone;
    if (q->summary) /* the summary table's new - old */
        return false;
    switch (q->kind) {
    case BP_Q_NET: case BP_Q_ACTIVATION: case BP_Q_LOSS:
    case BP_Q_OUTPUT_DELTA: case BP_Q_HIDDEN_DELTA: case BP_Q_NEW_PARAM:
    case BP_Q_ABS_ERROR: case BP_Q_CROSS_ENTROPY: case BP_Q_CE_DELTA:
    case BP_Q_MAX: case BP_Q_SOFTMAX_EXP: case BP_Q_EXP_SUM:
    case BP_Q_GRAD_OUTPUT: case BP_Q_GRAD_ACT: case BP_Q_GRAD_NET:
    case BP_Q_GRAD_NET_CANCEL: case BP_Q_GRAD_NET_HIDDEN: case BP_Q_GRAD_PARAM:
        return true;
    case BP_Q_ERROR:
        return q->phase == BP_PHASE_ERROR;
    case BP_Q_COMPARE:
        return true;
    case BP_Q_INPUT: case BP_Q_TARGET: case BP_Q_RATE: case BP_Q_WEIGHT:
    case BP_Q_BIAS: case BP_Q_VALUE: case BP_Q_PRODUCT: case BP_Q_EXP:
    case BP_Q_SQUARE: case BP_Q_DERIVATIVE: case BP_Q_SIGNAL: case BP_Q_CHANGE:
    case BP_Q_TOTAL: case BP_Q_LOG: case BP_Q_LOG_COMPLEMENT:
    case BP_Q_CE_TERM: case BP_Q_GRAD_TERM: case BP_Q_KIND_COUNT: break;
    }
    return false;
}
