/* symbols.h: names and symbols of units and parameters.
 *
 * Names are the stable ASCII identifiers of quantities (o_4, w46, b4, t_6),
 * used in JSON and answers files.  Symbols are how a renderer writes them:
 * UTF-8 with subscripts (o₄, w₄₆) or plain ASCII (o_4, w_46).
 */
#ifndef BP_SYMBOLS_H
#define BP_SYMBOLS_H

#include "bptrace.h"

typedef struct {
    bool ascii;
    const char *delta, *Delta, *eta, *sigma, *sum, *times, *dot, *half,
        *squared, *arrow;
    /* LaTeX math (also Markdown's $...$): subscripts in braces, special
     * characters of names escaped, and the pieces below written as TeX */
    bool latex;
    const char *new_mark;      /* "(new)" after w₄₆ */
    const char *exp_neg_open;  /* "e^(-" before a symbol, then */
    const char *exp_neg_close; /* ")" */
    const char *exp_open;      /* "e^" before a number, then */
    const char *exp_close;     /* "" */
    const char *product;       /* "·" between the factors x₁·w₁₄ */
    const char *juxtapose;     /* "" between η, δ and o in ηδ₆o₄ */
    const char *fixed_note;    /* " (fixed: not updated)" */
    const char *ln;            /* "ln" of ln o₆ and ln(1 - o₆) */
    const char *max;           /* "max" of max(net₅, net₆) */
} bp_style;

const bp_style *bp_style_get(bool ascii);
/* The style of LaTeX math, for the LaTeX and Markdown renderers. */
const bp_style *bp_style_latex(void);

/* ---- symbols of a network's units and parameters ---- */
void bp_symbol_output(const bp_lesson *l, int unit, bp_symbol *sym); /* o₄ */
void bp_symbol_target(const bp_lesson *l, int unit, bp_symbol *sym); /* t₆ */
void bp_symbol_weight(const bp_lesson *l, int weight, bp_symbol *sym);
void bp_symbol_bias(const bp_lesson *l, int unit, bp_symbol *sym);
/* The subscript of an output's target and error: t_1 for o_1 (unit 3). */
const char *bp_unit_target_subscript(const bp_unit *u);

/* ---- stable names ---- */
/* A unit's output: x_1, o_4, h_1, x (an input written without subscript). */
void bp_name_output(const bp_lesson *l, int unit, char *buf, size_t size);
/* w46 (single-character subscripts run together), w10,4 otherwise. */
void bp_name_weight(const bp_lesson *l, int weight, char *buf, size_t size);
void bp_name_bias(const bp_lesson *l, int unit, char *buf, size_t size);
void bp_name_target(const bp_lesson *l, int unit, char *buf, size_t size);

/* A symbol read from an exercise's name: "Delta_w_ji" -> Δ w ji,
 * "w_ji_new" -> w ji (new), "delta_k" -> δ k, "sigma'" as it is. */
void bp_symbol_parse(const char *name, bp_symbol *sym);
/* A plain symbol: base with subscript sub ("" for none). */
void bp_symbol_set(bp_symbol *sym, const char *base, const char *sub);

/* base with subscript sub: "net" "4" -> net₄ / net_4; sub "" -> base. */
void bp_sym(const bp_style *s, const char *base, const char *sub, char *buf,
            size_t size);

#endif
