/* symbols.h: how symbols are written: the styles (UTF-8, ASCII, LaTeX).
 *
 * Names are the stable ASCII identifiers of quantities (o_4, w46, b4, t_6),
 * used in JSON and answers files.  Symbols are how a renderer writes them:
 * UTF-8 with subscripts (o₄, w₄₆) or plain ASCII (o_4, w_46).
 */
#ifndef BP_SYMBOLS_H
#define BP_SYMBOLS_H

#include "trace/trace_internal.h"
#include "trace/names.h"

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
    const char *partial;       /* "∂" of ∂E/∂w₄₆ */
} bp_style;

const bp_style *bp_style_get(bool ascii);
/* The style of LaTeX math, for the LaTeX and Markdown renderers. */
const bp_style *bp_style_latex(void);

/* base with subscript sub: "net" "4" -> net₄ / net_4; sub "" -> base.
 * Returns the symbol's length, as snprintf does (size or more: cut short). */
size_t bp_sym(const bp_style *s, const char *base, const char *sub, char *buf,
              size_t size);

#endif
