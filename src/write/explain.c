/* explain.c: what a derivation means, in one sentence, for every format:
 * the symbols, numbers and formulas in it go between m0 and m1 ("$" and
 * "$" in LaTeX, nothing in text). */
#include "trace/trace_internal.h"
#include "write/walk.h"
#include "math/activation.h"

#include <assert.h>

typedef struct {
    const bp_writer *w;
    const char *m0, *m1;
    bp_str *out;
} sentence;

static const bp_quantity *in(const sentence *s, const bp_quantity *q, int i)
{
    return bp_trace_input(s->w->t, q, i);
}

static double value(const sentence *s, const bp_quantity *q)
{
    return bp_quantity_value(q, s->w->nf.mode);
}

static void add(const sentence *s, const char *text)
{
    bp_str_put(s->out, text);
}

/* A symbol as math: o₄, $o_{4}$. */
static void sym(const sentence *s, const bp_quantity *q)
{
    add(s, s->m0);
    bp_formula_symbol(s->w->st, s->w->t, q, s->out);
    add(s, s->m1);
}

static void num(const sentence *s, const bp_quantity *q)
{
    char buf[64];
    add(s, s->m0);
    add(s, bp_formula_value(&s->w->nf, q, buf, sizeof buf));
    add(s, s->m1);
}

static const char *sign_word(double v, const char *pos, const char *neg,
                             const char *zero)
{
    return v > 0 ? pos : v < 0 ? neg : zero;
}

/* o = f(net) in a sentence: the activation row's, by the sign of net. */
static void activation(const sentence *s, const bp_quantity *q)
{
    const bp_quantity *net = in(s, q, 0);
    const bp_activation_row *row = bp_act_row(q->activation);
    double v = value(s, net);
    char o_sym[4 * BP_NAME_MAX], net_sym[4 * BP_NAME_MAX];
    bp_str os, nets;
    bp_str_init(&os, o_sym, sizeof o_sym);
    bp_str_init(&nets, net_sym, sizeof net_sym);
    bp_formula_symbol(s->w->st, s->w->t, q, &os);
    bp_formula_symbol(s->w->st, s->w->t, net, &nets);
    bp_act_fill fill = {.o = o_sym, .net = net_sym, .m0 = s->m0,
                        .m1 = s->m1, .slope = q->slope,
                        .class_label = s->w->t->lesson->units[q->unit].label};
    bp_formula_act(s->w->st, q->activation,
                   v > 0   ? row->explain_positive
                   : v < 0 ? row->explain_negative
                           : row->explain_zero,
                   &fill, s->out);
}

/* A quantity's symbol, as the style writes it, into buf. */
static const char *symbol(const sentence *s, const bp_quantity *q, char *buf,
                          size_t size)
{
    bp_str str;
    bp_str_init(&str, buf, size);
    bp_formula_symbol(s->w->st, s->w->t, q, &str);
    return buf;
}

/* Why an output's delta is t - o with cross-entropy: the sigmoid's
 * derivative cancels the loss's denominator; for softmax the Jacobian's
 * sum collapses because the targets sum to 1. */
static void ce_delta(const sentence *s, const bp_quantity *q)
{
    const bp_quantity *out = in(s, q, 0);
    const char *m0 = s->m0, *m1 = s->m1, *k = out->sym.sub;
    const bp_style *st = s->w->st;
    char o[64], t[64], d[64], net[64], oj[64], tj[64], sum_j[64];
    symbol(s, out, o, sizeof o);
    symbol(s, in(s, in(s, q, 1), 0), t, sizeof t);
    symbol(s, q, d, sizeof d);
    bp_sym(st, "net", s->w->t->lesson->units[q->unit].index, net, sizeof net);
    bp_sym(st, out->sym.base, "j", oj, sizeof oj);
    bp_sym(st, "t", "j", tj, sizeof tj);
    bp_sym(st, st->sum, "j", sum_j, sizeof sum_j);
    if (q->activation == BP_ACT_SOFTMAX)
        bp_str_add(s->out,
                   "every softmax output depends on every net input: "
                   "%sd%s/d%s = %s([j = %s] - %s)%s, where %s[j = %s]%s is 1 "
                   "for %s%s%s itself and 0 for the others. With "
                   "cross-entropy %s-dE/d%s = %s/%s%s, so the %s%s%s cancel "
                   "and the sum leaves %s%s - %s %s %s%s; the targets are "
                   "probabilities, %s%s %s = 1%s, so %s%s = %s - %s%s.",
                   m0, oj, net, oj, k, o, m1, m0, k, m1, m0, o, m1, m0, oj,
                   tj, oj, m1, m0, oj, m1, m0, t, o, sum_j, tj, m1, m0, sum_j,
                   tj, m1, m0, d, t, o, m1);
    else
        bp_str_add(s->out,
                   "with cross-entropy, %s-dE/d%s = (%s - %s)/(%s(1 - %s))%s; "
                   "the sigmoid's derivative %s%s(1 - %s)%s cancels that "
                   "denominator, so %s%s = %s - %s%s with no o(1 - o) "
                   "factor: the error term stays large when the output "
                   "saturates at the wrong end, where squared error's would "
                   "vanish.",
                   m0, o, t, o, o, o, m1, m0, o, o, m1, m0, d, t, o, m1);
}

static void delta(const sentence *s, const bp_quantity *q)
{
    const char *label = s->w->t->lesson->units[q->unit].label;
    double v = value(s, q);
    const char *direction = sign_word(v, "grow", "shrink", "stay as they are");
    if (q->kind == BP_Q_HIDDEN_DELTA) {
        bp_str_add(s->out, "unit %s has no target: ", label);
        sym(s, q);
        bp_str_add(s->out, " is its share of the error of the units it "
                           "feeds, weighted by its weights to them and "
                           "scaled by the derivative; weights from positive "
                           "inputs into unit %s will %s.",
                   label, direction);
        return;
    }
    /* Below or above the target is the sign of t - o, not of delta: a
     * saturated or switched-off unit has delta 0 however wrong it is. */
    double err = value(s, in(s, q, 1));
    if (v == 0 && err != 0) {
        bp_str_add(s->out, "the output is %s its target, but the derivative "
                           "is 0 here, so ",
                   sign_word(err, "below", "above", "at"));
        sym(s, q);
        bp_str_add(s->out, " is 0 and no weight into unit %s changes.", label);
        return;
    }
    sym(s, q);
    bp_str_add(s->out, " is %s: the output is %s its target, so weights "
                       "from positive inputs into unit %s will %s.",
               sign_word(v, "positive", "negative", "zero"),
               sign_word(err, "below", "above", "at"), label, direction);
}

/* After "Error reduced by" (one output) or "Loss reduced by": did the
 * iteration help?  The lecture's section 9.2 warns of a rate too large. */
static void comparison(const sentence *s, const bp_quantity *q)
{
    const bp_quantity *before = in(s, q, 0), *after = in(s, q, 1);
    double v = value(s, q);
    if (before->kind == BP_Q_ABS_ERROR) {
        const bp_quantity *o = in(s, before, 1);
        after = in(s, after, 1);
        sym(s, o);
        if (v == 0) {
            add(s, " did not move at this precision.");
            return;
        }
        add(s, " moved from ");
        num(s, o);
        add(s, " to ");
        num(s, after);
        add(s, v > 0 ? ", closer to its target: the network has learned "
                       "from this example."
                     : ", away from its target: the error went up, and eta "
                       "may be too large (lecture section 9.2).");
        return;
    }
    if (v == 0) {
        add(s, "the loss E did not change at this precision.");
        return;
    }
    add(s, v > 0 ? "the loss E went down from " : "the loss E went up from ");
    num(s, before);
    add(s, " to ");
    num(s, after);
    add(s, v > 0 ? "." : ": eta may be too large (lecture section 9.2).");
}

/* The gradient view: δ₆ = -∂E/∂net₆; Δw₄₆ = -η ∂E/∂w₄₆ (section 8.2). */
static void gradient(const sentence *s, const bp_quantity *q)
{
    const bp_style *st = s->w->st;
    const char *idx = s->w->t->lesson->units[q->unit].index;
    bp_symbol d;
    bp_symbol_set(&d, "", idx);
    d.greek = BP_GREEK_DELTA;
    add(s, s->m0);
    if (q->kind != BP_Q_GRAD_PARAM) {
        bp_symbol_write(st, &d, s->out);
        add(s, " = -");
        bp_symbol_write(st, &q->sym, s->out);
        add(s, s->m1);
        add(s, ": the error term is this slope of E with its sign turned, "
               "so that a step along it makes E smaller.");
        return;
    }
    bp_symbol change = q->sym;
    change.partial = false;
    change.delta_prefix = true;
    bp_symbol_write(st, &change, s->out);
    bp_str_add(s->out, " = -%s", st->eta);
    bp_symbol_write(st, &q->sym, s->out);
    bp_str_add(s->out, " = %s", st->eta);
    bp_symbol_write(st, &d, s->out);
    if (q->n_in > 1) {
        const bp_quantity *o = in(s, q, 1);
        bp_formula_symbol(st, s->w->t, o, s->out);
    }
    add(s, s->m1);
    add(s, ": the update in Part 3 is a step against this gradient.");
}

static void squared_loss(const sentence *s, const bp_quantity *q)
{
    (void)q;
    bp_str_add(s->out, "%sE = %s%s(t - o)%s%s measures how far the outputs "
                       "are from their targets; training makes it smaller.",
               s->m0, s->w->st->half, s->w->st->sum, s->w->st->squared,
               s->m1);
}

static void cross_entropy(const sentence *s, const bp_quantity *q)
{
    (void)q;
    add(s, "E is the cross-entropy: 0 when every output equals its "
           "target, and without bound as an output nears the wrong end "
           "(ln 0); training makes it smaller.");
}

static void softmax_max(const sentence *s, const bp_quantity *q)
{
    (void)q;
    add(s, "subtracting the largest net input ");
    bp_str_add(s->out, "%sm%s keeps every exponential at most 1, so none "
                       "overflows; the outputs do not change, as %s%sm%s%s "
                       "cancels between each numerator and the sum.",
               s->m0, s->m1, s->m0, s->w->st->exp_neg_open,
               s->w->st->exp_neg_close, s->m1);
}

typedef void paragraph(const sentence *s, const bp_quantity *q);

/* The interpretations the lecture gives: what o, delta, E and the
 * comparisons mean.  How many paragraphs explain q (0: none), each put in
 * par; a cross-entropy delta has two: why it is t - o, then its sign. */
static int paragraphs(const bp_quantity *q, paragraph *par[2])
{
    switch (q->kind) {
    case BP_Q_ACTIVATION:
        par[0] = activation;
        return q->phase == BP_PHASE_FORWARD;
    case BP_Q_MAX:
        par[0] = softmax_max;
        return q->phase == BP_PHASE_FORWARD;
    case BP_Q_LOSS:
        par[0] = squared_loss;
        return q->phase == BP_PHASE_ERROR;
    case BP_Q_CROSS_ENTROPY:
        par[0] = cross_entropy;
        return q->phase == BP_PHASE_ERROR;
    case BP_Q_CE_DELTA:
        par[0] = ce_delta;
        par[1] = delta;
        return 2;
    case BP_Q_OUTPUT_DELTA:
    case BP_Q_HIDDEN_DELTA: par[0] = delta; return 1;
    case BP_Q_COMPARE: par[0] = comparison; return 1;
    case BP_Q_GRAD_NET: /* how it relates to delta, Delta w */
    case BP_Q_GRAD_NET_CANCEL:
    case BP_Q_GRAD_NET_HIDDEN:
    case BP_Q_GRAD_PARAM: par[0] = gradient; return 1;
    case BP_Q_INPUT: case BP_Q_TARGET: case BP_Q_RATE: case BP_Q_WEIGHT:
    case BP_Q_BIAS: case BP_Q_VALUE: case BP_Q_PRODUCT: case BP_Q_NET:
    case BP_Q_EXP: case BP_Q_ERROR: case BP_Q_SQUARE: case BP_Q_DERIVATIVE:
    case BP_Q_SIGNAL: case BP_Q_CHANGE: case BP_Q_NEW_PARAM:
    case BP_Q_ABS_ERROR: case BP_Q_TOTAL: case BP_Q_LOG:
    case BP_Q_LOG_COMPLEMENT: case BP_Q_CE_TERM: case BP_Q_SOFTMAX_EXP:
    case BP_Q_EXP_SUM: case BP_Q_GRAD_OUTPUT: case BP_Q_GRAD_ACT:
    case BP_Q_GRAD_TERM: case BP_Q_KIND_COUNT: break;
    }
    return 0;
}

int bp_explain_count(const bp_quantity *q)
{
    paragraph *par[2];
    return paragraphs(q, par);
}

bool bp_explain(const bp_writer *w, const bp_quantity *q, int part,
                const char *m0, const char *m1, bp_str *out)
{
    paragraph *par[2];
    if (part < 0 || part >= paragraphs(q, par))
        return false;
    sentence s = {w, m0, m1, out};
    par[part](&s, q);
    return true;
}
