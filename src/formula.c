/* formula.c: how a quantity is written, symbolically and with numbers. */
#include "formula.h"

#include <assert.h>
#include <stdarg.h>
#include <string.h>

void bp_str_init(bp_str *s, char *buf, size_t size)
{
    s->buf = buf;
    s->size = size;
    s->len = 0;
    buf[0] = '\0';
}

void bp_str_add(bp_str *s, const char *fmt, ...)
{
    if (s->len >= s->size - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->buf + s->len, s->size - s->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->len += (size_t)n < s->size - s->len ? (size_t)n
                                               : s->size - s->len - 1;
}

static const bp_quantity *input(const bp_trace *t, const bp_quantity *q,
                                int i)
{
    return bp_trace_input(t, q, i);
}

static void add_symbol(const bp_style *st, const bp_trace *t,
                       const bp_quantity *q, bp_str *out)
{
    bp_formula_symbol(st, t, q, out);
}

/* "(new)" marks values of the verification pass and updated parameters. */
static const char *new_mark(const bp_quantity *q)
{
    return q->phase == BP_PHASE_VERIFY ? "(new)" : "";
}

void bp_formula_symbol(const bp_style *st, const bp_trace *t,
                       const bp_quantity *q, bp_str *out)
{
    const bp_lesson *l = t->lesson;
    char sym[128];
    switch (q->kind) {
    case BP_Q_INPUT:
    case BP_Q_ACTIVATION:
        bp_sym_output(st, l, q->unit, sym, sizeof sym);
        bp_str_add(out, "%s%s", sym, new_mark(q));
        break;
    case BP_Q_TARGET:
        bp_sym_target(st, l, q->unit, sym, sizeof sym);
        bp_str_add(out, "%s", sym);
        break;
    case BP_Q_RATE:
        bp_str_add(out, "%s", st->eta);
        break;
    case BP_Q_WEIGHT:
        bp_sym_weight(st, l, q->weight, sym, sizeof sym);
        bp_str_add(out, "%s", sym);
        break;
    case BP_Q_BIAS:
        bp_sym_bias(st, l, q->unit, sym, sizeof sym);
        bp_str_add(out, "%s", sym);
        break;
    case BP_Q_NEW_PARAM:
        if (q->weight >= 0)
            bp_sym_weight(st, l, q->weight, sym, sizeof sym);
        else
            bp_sym_bias(st, l, q->unit, sym, sizeof sym);
        bp_str_add(out, "%s(new)", sym);
        break;
    case BP_Q_NET:
        bp_sym_net(st, l, q->unit, sym, sizeof sym);
        bp_str_add(out, "%s%s", sym, new_mark(q));
        break;
    case BP_Q_OUTPUT_DELTA:
    case BP_Q_HIDDEN_DELTA:
        bp_sym_delta(st, l, q->unit, sym, sizeof sym);
        bp_str_add(out, "%s", sym);
        break;
    case BP_Q_CHANGE:
        if (q->weight >= 0)
            bp_sym_weight(st, l, q->weight, sym, sizeof sym);
        else
            bp_sym_bias(st, l, q->unit, sym, sizeof sym);
        bp_str_add(out, "%s%s", st->Delta, sym);
        break;
    case BP_Q_LOSS:
        bp_str_add(out, "E%s", new_mark(q));
        break;
    case BP_Q_ABS_ERROR:
    case BP_Q_PRODUCT:
    case BP_Q_EXP:
    case BP_Q_ERROR:
    case BP_Q_SQUARE:
    case BP_Q_DERIVATIVE:
    case BP_Q_SIGNAL:
    case BP_Q_COMPARE:
        /* These have no name of their own: they stand as their formula. */
        if (q->kind == BP_Q_ERROR || q->kind == BP_Q_SIGNAL)
            bp_str_add(out, "(");
        bp_formula_symbolic(st, t, q, out);
        if (q->kind == BP_Q_ERROR || q->kind == BP_Q_SIGNAL)
            bp_str_add(out, ")");
        break;
    default:
        assert(false);
    }
}

/* f'(net) written from o: o(1 - o), 1 - o², ... */
static void derivative_symbolic(const bp_style *st, const bp_trace *t,
                                const bp_quantity *q, bp_str *out)
{
    char o[128], net[128];
    bp_sym_output(st, t->lesson, q->unit, o, sizeof o);
    bp_sym_net(st, t->lesson, q->unit, net, sizeof net);
    switch (q->activation) {
    case BP_ACT_SIGMOID: bp_str_add(out, "%s(1 - %s)", o, o); break;
    case BP_ACT_TANH: bp_str_add(out, "(1 - %s%s)", o, st->squared); break;
    case BP_ACT_RELU: bp_str_add(out, "relu'(%s)", net); break;
    case BP_ACT_LINEAR: bp_str_add(out, "1"); break;
    default: assert(false);
    }
}

static void join_inputs(const bp_style *st, const bp_trace *t,
                        const bp_quantity *q, const char *sep, bp_str *out)
{
    for (int i = 0; i < q->n_in; i++) {
        if (i)
            bp_str_add(out, "%s", sep);
        add_symbol(st, t, input(t, q, i), out);
    }
}

void bp_formula_symbolic(const bp_style *st, const bp_trace *t,
                         const bp_quantity *q, bp_str *out)
{
    /* x₁·w₁₄ keeps the factors apart; ηδ₆o₄ is written as the lecture does */
    const char *times = st->ascii ? "*" : "·";
    const char *juxtapose = st->ascii ? "*" : "";
    switch (q->kind) {
    case BP_Q_INPUT:
    case BP_Q_TARGET:
    case BP_Q_RATE:
    case BP_Q_WEIGHT:
    case BP_Q_BIAS:
        bp_str_add(out, "given");
        break;
    case BP_Q_PRODUCT:
        join_inputs(st, t, q, times, out);
        break;
    case BP_Q_CHANGE:
        join_inputs(st, t, q, juxtapose, out);
        break;
    case BP_Q_NET:
    case BP_Q_SIGNAL:
        join_inputs(st, t, q, " + ", out);
        break;
    case BP_Q_EXP:
        bp_str_add(out, "e^(-");
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_add(out, ")");
        break;
    case BP_Q_ACTIVATION: {
        const char *f = q->activation == BP_ACT_SIGMOID ? st->sigma
                        : q->activation == BP_ACT_TANH  ? "tanh"
                        : q->activation == BP_ACT_RELU  ? "relu"
                                                        : "";
        bp_str_add(out, "%s(", f);
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_add(out, ")");
        break;
    }
    case BP_Q_ERROR:
    case BP_Q_COMPARE:
        join_inputs(st, t, q, " - ", out);
        break;
    case BP_Q_ABS_ERROR:
        bp_str_add(out, "|");
        join_inputs(st, t, q, " - ", out);
        bp_str_add(out, "|");
        break;
    case BP_Q_SQUARE:
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_add(out, "%s", st->squared);
        break;
    case BP_Q_LOSS:
        bp_str_add(out, "%s[", st->half);
        join_inputs(st, t, q, " + ", out);
        bp_str_add(out, "]");
        break;
    case BP_Q_OUTPUT_DELTA:
        derivative_symbolic(st, t, q, out);
        add_symbol(st, t, input(t, q, 1), out);
        break;
    case BP_Q_DERIVATIVE:
        derivative_symbolic(st, t, q, out);
        break;
    case BP_Q_HIDDEN_DELTA:
        add_symbol(st, t, input(t, q, 0), out);
        add_symbol(st, t, input(t, q, 1), out);
        break;
    case BP_Q_NEW_PARAM:
        add_symbol(st, t, input(t, q, 0), out);
        if (q->n_in > 1) {
            bp_str_add(out, " + ");
            add_symbol(st, t, input(t, q, 1), out);
        }
        break;
    default:
        assert(false);
    }
}

const char *bp_formula_value(const bp_numfmt *nf, const bp_quantity *q,
                             char *buf, size_t size)
{
    if (q->kind <= BP_Q_BIAS)
        return bp_format(buf, size, q->exact, (bp_precision){BP_ROUND_NONE, 0});
    if (nf->mode == BP_MODE_EXACT)
        return bp_format_sig(buf, size, q->exact, nf->digits);
    return bp_format(buf, size, q->hand,
                     q->rounded ? q->precision
                                : (bp_precision){BP_ROUND_NONE, 0});
}

const char *bp_formula_aux(const bp_numfmt *nf, const bp_quantity *q,
                           char *buf, size_t size)
{
    if (nf->mode == BP_MODE_EXACT)
        return bp_format_sig(buf, size, q->aux_exact, nf->digits);
    return bp_format(buf, size, q->aux_hand, (bp_precision){BP_ROUND_NONE, 0});
}
