/* symbols.c: names and symbols of units and parameters. */
#include "symbols.h"

#include <string.h>

static const bp_style utf8_style = {
    false, "δ", "Δ", "η", "σ", "Σ", "×", "−", "½", "²", "·", "→", "✓",
};
static const bp_style ascii_style = {
    true, "delta", "Delta ", "eta", "sigma", "sum", "*", "-", "1/2 ", "^2",
    "*", "->", "ok",
};

const bp_style *bp_style_get(bool ascii)
{
    return ascii ? &ascii_style : &utf8_style;
}

/* The two subscripts of a weight, ordered as the notation writes them. */
static void weight_subscripts(const bp_lesson *l, int weight,
                              const char **first, const char **second)
{
    const bp_weight *w = &l->weights[weight];
    const char *from = l->units[w->from].index;
    const char *to = l->units[w->to].index;
    *first = l->order == BP_ORDER_FROM_TO ? from : to;
    *second = l->order == BP_ORDER_FROM_TO ? to : from;
}

/* "46" when both are one character, "10,4" when either is longer. */
static void join_subscripts(const char *a, const char *b, char *buf,
                            size_t size)
{
    bool short_ones = strlen(a) == 1 && strlen(b) == 1;
    snprintf(buf, size, "%s%s%s", a, short_ones ? "" : ",", b);
}

void bp_name_output(const bp_lesson *l, int unit, char *buf, size_t size)
{
    const bp_unit *u = &l->units[unit];
    if (u->symbol_index[0])
        snprintf(buf, size, "%s_%s", u->symbol, u->symbol_index);
    else
        snprintf(buf, size, "%s", u->symbol);
}

void bp_name_weight(const bp_lesson *l, int weight, char *buf, size_t size)
{
    const char *a, *b;
    char sub[2 * BP_LABEL_MAX + 2];
    weight_subscripts(l, weight, &a, &b);
    join_subscripts(a, b, sub, sizeof sub);
    snprintf(buf, size, "%s%s", l->weight_symbol, sub);
}

void bp_symsrc_weight(const bp_lesson *l, int weight, char *buf, size_t size)
{
    const char *a, *b;
    char sub[2 * BP_LABEL_MAX + 2];
    weight_subscripts(l, weight, &a, &b);
    join_subscripts(a, b, sub, sizeof sub);
    snprintf(buf, size, "%s_%s", l->weight_symbol, sub);
}

void bp_symsrc_bias(const bp_lesson *l, int unit, char *buf, size_t size)
{
    snprintf(buf, size, "%s_%s", l->bias_symbol, l->units[unit].index);
}

void bp_name_bias(const bp_lesson *l, int unit, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", l->bias_symbol, l->units[unit].index);
}

void bp_name_target(const bp_lesson *l, int unit, char *buf, size_t size)
{
    const bp_unit *u = &l->units[unit];
    snprintf(buf, size, "t_%s", u->symbol_index[0] ? u->symbol_index : u->index);
}

/* Unicode has subscript forms for digits and a few letters only. */
static const char *subscript_of(char c)
{
    static const char *digits[] = {"₀", "₁", "₂", "₃", "₄",
                                   "₅", "₆", "₇", "₈", "₉"};
    if (c >= '0' && c <= '9')
        return digits[c - '0'];
    switch (c) {
    case 'a': return "ₐ";
    case 'e': return "ₑ";
    case 'h': return "ₕ";
    case 'i': return "ᵢ";
    case 'j': return "ⱼ";
    case 'k': return "ₖ";
    case 'l': return "ₗ";
    case 'm': return "ₘ";
    case 'n': return "ₙ";
    case 'o': return "ₒ";
    case 'p': return "ₚ";
    case 'r': return "ᵣ";
    case 's': return "ₛ";
    case 't': return "ₜ";
    case 'u': return "ᵤ";
    case 'v': return "ᵥ";
    case 'x': return "ₓ";
    case ',': return ",";
    default: return NULL;
    }
}

void bp_sym(const bp_style *s, const char *base, const char *sub, char *buf,
            size_t size)
{
    if (!sub[0]) {
        snprintf(buf, size, "%s", base);
        return;
    }
    bool all_subscriptable = !s->ascii;
    for (const char *c = sub; *c && all_subscriptable; c++)
        all_subscriptable = subscript_of(*c) != NULL;
    if (!all_subscriptable) {
        snprintf(buf, size, "%s_%s", base, sub);
        return;
    }
    size_t len = (size_t)snprintf(buf, size, "%s", base);
    for (const char *c = sub; *c && len < size; c++)
        len += (size_t)snprintf(buf + len, size - len, "%s", subscript_of(*c));
}

