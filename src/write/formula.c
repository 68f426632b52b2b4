/* formula.c: how a quantity is written, symbolically and with numbers. */
#include "trace/trace_internal.h"
#include "write/formula.h"
#include "trace/names.h"
#include "math/activation.h"
#include "util/digits.h"
#include "util/strings.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void bp_str_init(bp_str *s, char *buf, size_t size)
{
    s->buf = buf;
    s->size = size;
    s->len = 0;
    buf[0] = '\0';
}

/* Cut short: never in the middle of a UTF-8 character. */
static void cut_short(bp_str *s)
{
    s->len = s->size - 1;
    size_t end = s->len;
    while (end > 0 && ((unsigned char)s->buf[end - 1] & 0xC0) == 0x80)
        end--;
    if (end > 0 && ((unsigned char)s->buf[end - 1] & 0x80))
        end--; /* the lead byte of the cut character */
    s->buf[end] = '\0';
    s->len = end;
}

void bp_str_add(bp_str *s, const char *fmt, ...)
{
    if (s->len >= s->size - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = bp_vformat(s->buf + s->len, s->size - s->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < s->size - s->len) {
        s->len += (size_t)n;
        return;
    }
    cut_short(s);
}

/* The parts one after the other, cut short as bp_str_add would cut them
 * if it added them with one format. */
static void add_parts(bp_str *s, const char *const *part, int n)
{
    if (s->len >= s->size - 1)
        return;
    char *o = s->buf + s->len, *end = s->buf + s->size - 1;
    const char *rest = "";
    for (int i = 0; i < n && !*rest; i++) {
        rest = part[i];
        o = bp_copy_upto(o, end, &rest);
    }
    *o = '\0';
    s->len = (size_t)(o - s->buf);
    if (*rest)
        cut_short(s);
}

void bp_str_put(bp_str *s, const char *text)
{
    add_parts(s, &text, 1);
}

void bp_str_cat(bp_str *s, const char *a, const char *b, const char *c)
{
    add_parts(s, (const char *const[]){a, b, c}, 3);
}

/* A symbol written straight into out, as bp_str_put would add it. */
static void put_sym(bp_str *out, const bp_style *st, const char *base,
                    const char *sub)
{
    if (out->len >= out->size - 1)
        return;
    size_t room = out->size - out->len;
    size_t n = bp_sym(st, base, sub, out->buf + out->len, room);
    if (n < room)
        out->len += n;
    else
        cut_short(out);
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

void bp_symbol_write(const bp_style *st, const bp_symbol *sym, bp_str *out)
{
    const char *greek[] = {NULL, st->delta, st->eta, st->sigma};
    if (sym->partial) { /* ∂E/∂w₄₆: ∂ numerator / ∂ the symbol */
        char num[4 * BP_NAME_MAX];
        bp_sym(st, sym->num_base, sym->num_sub, num, sizeof num);
        bp_str_add(out, "%s%s/%s", st->partial, num, st->partial);
    }
    if (sym->delta_prefix)
        bp_str_put(out, st->Delta);
    if (sym->greek) /* then what follows it: σ' */
        bp_str_put(out, greek[sym->greek]);
    char joined[BP_SYMBOL_SUB_MAX];
    put_sym(out, st, sym->base, bp_symbol_sub(sym, joined, sizeof joined));
    if (sym->new_value)
        bp_str_put(out, st->new_mark);
}

void bp_formula_display(const bp_style *st, const char *name, bp_str *out)
{
    static const char word_chars[] = "abcdefghijklmnopqrstuvwxyz"
                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789_'";
    const char *p = name;
    while (*p) {
        size_t len = strspn(p, word_chars);
        if (!len) { /* an operator between the symbols */
            if (*p == '*')
                bp_str_put(out, st->dot);
            else
                bp_str_add(out, "%c", *p);
            p++;
            continue;
        }
        char word[BP_NAME_MAX], parts[2 * BP_NAME_MAX];
        bp_symbol sym;
        snprintf(word, sizeof word, "%.*s", (int)len, p);
        bp_symbol_parse(word, &sym, parts, sizeof parts);
        bp_symbol_write(st, &sym, out);
        p += len;
    }
}

void bp_formula_symbol(const bp_style *st, const bp_trace *t,
                       const bp_quantity *q, bp_str *out)
{
    if (q->sym.has) {
        bp_symbol_write(st, &q->sym, out);
        return;
    }
    /* No symbol of its own: it stands as its formula. */
    bool parens = q->kind == BP_Q_ERROR || q->kind == BP_Q_SIGNAL;
    if (parens)
        bp_str_put(out, "(");
    bp_formula_symbolic(st, t, q, out);
    if (parens)
        bp_str_put(out, ")");
}

void bp_str_add_signed(bp_str *out, const char *num)
{
    if (num[0] == '-')
        bp_str_cat(out, "(", num, ")");
    else
        bp_str_put(out, num);
}

void bp_formula_act(const bp_style *st, bp_activation act, const char *tmpl,
                    const bp_act_fill *fill, bp_str *out)
{
    const bp_activation_row *row = bp_act_row(act);
    int style = st->latex ? 2 : st->ascii ? 1 : 0;
    char slope[32];
    bp_format(slope, sizeof slope, fill->slope,
              (bp_precision){BP_ROUND_NONE, 0});
    const struct {
        const char *key, *text;
        bool parens;
    } keys[] = {
        {"{o}", fill->o, false},       {"{net}", fill->net, false},
        {"{po}", fill->o, true},       {"{pnet}", fill->net, true},
        {"{f}", row->f_name[style], false},
        {"{a}", slope, false},
        {"{d}", fill->d, false},       {"{class}", fill->class_label, false},
        {"{m0}", fill->m0, false},     {"{m1}", fill->m1, false},
        {"{sigma}", st->sigma, false}, {"{sq}", st->squared, false},
        {"{x}", st->times, false},     {"{ln}", st->ln, false},
        {"{e^}", st->exp_open, false}, {"{/e}", st->exp_close, false},
    };
    for (const char *p = tmpl; *p;) {
        size_t i = 0, n = sizeof keys / sizeof keys[0];
        if (*p == '{')
            while (i < n && strncmp(p, keys[i].key, strlen(keys[i].key)) != 0)
                i++;
        if (*p != '{' || i == n) {
            const char *next = strchr(p + 1, '{');
            size_t len = next ? (size_t)(next - p) : strlen(p);
            bp_str_add(out, "%.*s", (int)len, p);
            p += len;
            continue;
        }
        const char *text = keys[i].text ? keys[i].text : "";
        if (keys[i].parens)
            bp_str_add_signed(out, text);
        else
            bp_str_put(out, text);
        p += strlen(keys[i].key);
    }
}

/* A symbol into buf: o₄, net₄. */
static const char *symbol_text(const bp_style *st, const bp_trace *t,
                               const bp_quantity *q, char *buf, size_t size)
{
    bp_str s;
    bp_str_init(&s, buf, size);
    bp_formula_symbol(st, t, q, &s);
    return buf;
}

/* f'(net) written from o: o(1 - o), 1 - o², ... (the activation's row) */
static void derivative_symbolic(const bp_style *st, const bp_trace *t,
                                const bp_quantity *q, const bp_quantity *o,
                                const bp_quantity *net, bp_str *out)
{
    char os[4 * BP_NAME_MAX], nets[4 * BP_NAME_MAX];
    bp_act_fill fill = {.o = symbol_text(st, t, o, os, sizeof os),
                        .net = net ? symbol_text(st, t, net, nets, sizeof nets)
                                   : "",
                        .slope = q->slope};
    bp_formula_act(st, q->activation,
                   bp_act_row(q->activation)->derivative_formula, &fill, out);
}

static void join_inputs(const bp_style *st, const bp_trace *t,
                        const bp_quantity *q, const char *sep, bp_str *out)
{
    for (int i = 0; i < q->n_in; i++) {
        if (i)
            bp_str_put(out, sep);
        add_symbol(st, t, input(t, q, i), out);
    }
}

void bp_formula_symbolic(const bp_style *st, const bp_trace *t,
                         const bp_quantity *q, bp_str *out)
{
    /* x₁·w₁₄ keeps the factors apart; ηδ₆o₄ is written as the lecture does */
    const char *times = st->product;
    const char *juxtapose = st->juxtapose;
    switch (q->kind) {
    case BP_Q_INPUT:
    case BP_Q_TARGET:
    case BP_Q_RATE:
    case BP_Q_WEIGHT:
    case BP_Q_BIAS:
    case BP_Q_VALUE:
        bp_str_put(out, "given");
        break;
    case BP_Q_PRODUCT:
        join_inputs(st, t, q, times, out);
        break;
    case BP_Q_CHANGE:
        join_inputs(st, t, q, juxtapose, out);
        break;
    case BP_Q_NET:
    case BP_Q_SIGNAL:
    case BP_Q_TOTAL:
        join_inputs(st, t, q, " + ", out);
        break;
    case BP_Q_EXP:
        bp_str_put(out, st->exp_neg_open);
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_put(out, st->exp_neg_close);
        break;
    case BP_Q_ACTIVATION: {
        if (q->activation == BP_ACT_SOFTMAX) { /* e^(net - m)/S */
            add_symbol(st, t, input(t, q, 1), out);
            bp_str_put(out, "/");
            add_symbol(st, t, input(t, q, 2), out);
            break;
        }
        char nets[4 * BP_NAME_MAX];
        bp_act_fill fill = {.net = symbol_text(st, t, input(t, q, 0), nets,
                                               sizeof nets),
                            .slope = q->slope};
        bp_formula_act(st, q->activation, bp_act_row(q->activation)->formula,
                       &fill, out);
        break;
    }
    case BP_Q_ERROR:
    case BP_Q_COMPARE:
        join_inputs(st, t, q, " - ", out);
        break;
    case BP_Q_ABS_ERROR:
        bp_str_put(out, "|");
        join_inputs(st, t, q, " - ", out);
        bp_str_put(out, "|");
        break;
    case BP_Q_SQUARE:
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_put(out, st->squared);
        break;
    case BP_Q_LOSS:
        bp_str_add(out, "%s[", st->half);
        join_inputs(st, t, q, " + ", out);
        bp_str_put(out, "]");
        break;
    case BP_Q_OUTPUT_DELTA: /* in: o, t - o, [net] */
        derivative_symbolic(st, t, q, input(t, q, 0),
                            input(t, q, q->n_in > 2 ? 2 : 0), out);
        add_symbol(st, t, input(t, q, 1), out);
        break;
    case BP_Q_DERIVATIVE: /* in: o, [net] */
        derivative_symbolic(st, t, q, input(t, q, 0),
                            input(t, q, q->n_in > 1 ? 1 : 0), out);
        break;
    case BP_Q_HIDDEN_DELTA:
        add_symbol(st, t, input(t, q, 0), out);
        add_symbol(st, t, input(t, q, 1), out);
        break;
    case BP_Q_NEW_PARAM:
        add_symbol(st, t, input(t, q, 0), out);
        if (q->n_in > 1) {
            bp_str_put(out, " + ");
            add_symbol(st, t, input(t, q, 1), out);
        }
        break;
    case BP_Q_LOG: /* ln o₆ */
        bp_str_add(out, "%s ", st->ln);
        add_symbol(st, t, input(t, q, 0), out);
        break;
    case BP_Q_LOG_COMPLEMENT: /* ln(1 - o₆) */
        bp_str_add(out, "%s(1 - ", st->ln);
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_put(out, ")");
        break;
    case BP_Q_CE_TERM: /* t₆ ln o₆ + (1 - t₆) ln(1 - o₆) */
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_put(out, " ");
        add_symbol(st, t, input(t, q, 1), out);
        if (q->n_in > 2) {
            bp_str_put(out, " + (1 - ");
            add_symbol(st, t, input(t, q, 0), out);
            bp_str_put(out, ") ");
            add_symbol(st, t, input(t, q, 2), out);
        }
        break;
    case BP_Q_CROSS_ENTROPY: /* -[term + term] */
        bp_str_put(out, "-[");
        join_inputs(st, t, q, " + ", out);
        bp_str_put(out, "]");
        break;
    case BP_Q_CE_DELTA: /* t - o: what -dE/dnet comes to */
        bp_formula_symbolic(st, t, input(t, q, 1), out);
        break;
    case BP_Q_MAX:
        bp_str_add(out, "%s(", st->max);
        join_inputs(st, t, q, ", ", out);
        bp_str_put(out, ")");
        break;
    case BP_Q_GRAD_OUTPUT: /* -(t₆ - o₆) */
        bp_str_put(out, "-(");
        join_inputs(st, t, q, " - ", out);
        bp_str_put(out, ")");
        break;
    case BP_Q_GRAD_NET_CANCEL: /* o₆ - t₆ */
        add_symbol(st, t, input(t, q, 1), out);
        bp_str_put(out, " - ");
        add_symbol(st, t, input(t, q, 0), out);
        break;
    case BP_Q_GRAD_ACT: /* in: o, net */
        derivative_symbolic(st, t, q, input(t, q, 0), input(t, q, 1), out);
        break;
    case BP_Q_GRAD_NET:  /* ∂E/∂o₆·∂o₆/∂net₆ */
    case BP_Q_GRAD_TERM: /* ∂E/∂net₆·w₄₆ */
        join_inputs(st, t, q, times, out);
        break;
    case BP_Q_GRAD_NET_HIDDEN: /* ∂o₄/∂net₄·(∂E/∂net₆·w₄₆ + ...) */
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_add(out, "%s(", times);
        for (int i = 1; i < q->n_in; i++) {
            bp_str_put(out, i > 1 ? " + " : "");
            add_symbol(st, t, input(t, q, i), out);
        }
        bp_str_put(out, ")");
        break;
    case BP_Q_GRAD_PARAM: /* ∂E/∂net₆·o₄; a bias: ∂E/∂net₆·1 */
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_put(out, times);
        if (q->n_in > 1)
            add_symbol(st, t, input(t, q, 1), out);
        else
            bp_str_put(out, "1");
        break;
    case BP_Q_SOFTMAX_EXP: /* e^(net₅ - m) */
        bp_str_add(out, "%s(", st->exp_open);
        add_symbol(st, t, input(t, q, 0), out);
        bp_str_put(out, " - ");
        add_symbol(st, t, input(t, q, 1), out);
        bp_str_add(out, ")%s", st->exp_close);
        break;
    case BP_Q_EXP_SUM:
        join_inputs(st, t, q, " + ", out);
        break;
    case BP_Q_KIND_COUNT:
        assert(false);
    }
}

/* Exact mode writes `digits` significant figures (1.905, 1.90), or
 * fewer when fewer already give the double back: 0.3, not 0.3000 or
 * 0.29999999999999999. */
static const char *exact_text(char *buf, size_t size, double x, int digits)
{
    /* 12 significant digits see through binary noise: -0.3 + 0.2 + 0.2
     * is 0.10000000000000003, and 0.1 to anyone writing it down.  Asked
     * for more, compare at that many (the graph has stripped the noise),
     * and beyond 15 with the double itself, so --digits 17 shows 17. */
    bp_precision clean_at = {BP_ROUND_SIGNIFICANT, digits > 12 ? digits : 12};
    /* No decimal shorter than clean's own digits gives clean back: two
     * decimals of at most 15 figures are two doubles (x normal).  So the
     * search starts there, and is skipped when that is `digits` or more. */
    int first = 1;
    if (digits <= 15 && fabs(x) >= DBL_MIN && isfinite(x)) {
        bp_digits own;
        bp_round_digits(x, clean_at, &own);
        first = own.n > 1 ? own.n : 1;
    }
    if (first < digits) {
        double clean = digits > 15 ? x : bp_round(x, clean_at);
        for (int d = first; d < digits; d++) {
            bp_format_sig(buf, size, x, d);
            double back; /* read without strtod for short decimals */
            if (bp_parse_number(buf, &back) == BP_NUM_OK && back == clean)
                return buf;
        }
    }
    if (digits <= 15)
        return bp_format(buf, size, x,
                         (bp_precision){BP_ROUND_SIGNIFICANT, digits});
    return bp_format_sig(buf, size, x, digits);
}

const char *bp_formula_value(const bp_numfmt *nf, const bp_quantity *q,
                             char *buf, size_t size)
{
    if (bp_qkind_is_given(q->kind))
        return bp_format(buf, size, q->exact, (bp_precision){BP_ROUND_NONE, 0});
    if (nf->mode == BP_MODE_EXACT)
        return exact_text(buf, size, q->exact, nf->digits);
    return bp_format(buf, size, q->hand,
                     q->rounded ? q->precision
                                : (bp_precision){BP_ROUND_NONE, 0});
}

const char *bp_formula_aux(const bp_numfmt *nf, const bp_quantity *q,
                           char *buf, size_t size)
{
    if (nf->mode == BP_MODE_EXACT)
        return exact_text(buf, size, q->aux_exact, nf->digits);
    return bp_format(buf, size, q->aux_hand, (bp_precision){BP_ROUND_NONE, 0});
}

/* A number written with its sign flipped, for e^-net: -(-0.7) is 0.7. */
void bp_str_add_negated(bp_str *s, const char *num)
{
    if (num[0] == '-')
        bp_str_put(s, num + 1);
    else if (strspn(num, "0.") == strlen(num))
        bp_str_put(s, num);
    else
        bp_str_add(s, "-%s", num);
}
