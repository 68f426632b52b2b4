/* formula.h: how a quantity is written, symbolically and with numbers.
 *
 * Shared by every renderer so that they all say the same thing.  Nothing
 * here computes a value: it only writes down values the engine computed.
 */
#ifndef BP_FORMULA_H
#define BP_FORMULA_H

#include "trace/trace_internal.h"
#include "write/symbols.h"

/* A growing string; on overflow it stays truncated (the buffers are sized
 * for the network limits, so that does not happen in practice). */
typedef struct {
    char *buf;
    size_t size;
    size_t len;
} bp_str;

void bp_str_init(bp_str *s, char *buf, size_t size);
void bp_str_add(bp_str *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* bp_str_put(s, text), without a format to read: the commonest. */
void bp_str_put(bp_str *s, const char *text);
/* bp_str_add(s, "%s%s%s", a, b, c), as bp_str_put adds one: (0.2). */
void bp_str_cat(bp_str *s, const char *a, const char *b, const char *c);

/* An exercise's name written as symbols (see bp_symbol_parse): delta_k ->
 * δₖ, x_1*w_j1 -> x₁·wⱼ₁, o_h(1-o_h) -> oₕ(1-oₕ). */
void bp_formula_display(const bp_style *st, const char *name, bp_str *out);

/* A symbol written in a style: w₄₆ or w_46, Δw₄₆ or Delta w_46, δₖ. */
void bp_symbol_write(const bp_style *st, const bp_symbol *sym, bp_str *out);

/* A written number with its sign flipped, for e^-net: -(-0.7) is 0.7. */
void bp_str_add_negated(bp_str *s, const char *num);
/* A number in parentheses when it is negative: (-0.29), 0.29. */
void bp_str_add_signed(bp_str *s, const char *num);

/* The symbol standing for a quantity where another formula uses it:
 * o₄, w₄₆, δ₆, net₄(new), ... */
void bp_formula_symbol(const bp_style *st, const bp_trace *t,
                       const bp_quantity *q, bp_str *out);

/* The quantity's own formula, symbolically: "x₁w₁₄ + x₂w₂₄ + b₄". */
void bp_formula_symbolic(const bp_style *st, const bp_trace *t,
                         const bp_quantity *q, bp_str *out);

/* What fills an activation row's template (math/activation.h): the
 * unit's output and net input, as symbols or as written numbers. */
typedef struct {
    const char *o, *net;      /* "" where the template does not use them */
    const char *d;            /* the derivative's shown factor: "1" */
    const char *class_label;  /* softmax: the class of o */
    const char *m0, *m1;      /* around math in explanations */
    double slope;             /* leaky_relu's */
} bp_act_fill;

/* An activation row's template (one of its fields) written in a style. */
void bp_formula_act(const bp_style *st, bp_activation act, const char *tmpl,
                    const bp_act_fill *fill, bp_str *out);

/* How numbers are written in a given mode. */
typedef struct {
    bp_mode mode;
    int digits;
} bp_numfmt;

/* A quantity's value as written: hand precision, or `digits` significant
 * digits in exact mode; givens as given. */
const char *bp_formula_value(const bp_numfmt *nf, const bp_quantity *q,
                             char *buf, size_t size);
/* A shown intermediate (1 + e^-net, 1 - o), written plainly. */
const char *bp_formula_aux(const bp_numfmt *nf, const bp_quantity *q,
                           char *buf, size_t size);

#endif
