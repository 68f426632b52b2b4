/* symbols.c: names and symbols of units and parameters. */
#include "trace/trace_internal.h"
#include "write/symbols.h"

#include <string.h>

static const bp_style utf8_style = {
    false, "δ", "Δ", "η", "σ", "Σ", "×", "·", "½", "²", "→",
    false, "(new)", "e^(-", ")", "e^", "", "·", "", " (fixed: not updated)",
    "ln", "max", "∂",
};
static const bp_style ascii_style = {
    true, "delta", "Delta ", "eta", "sigma", "sum", "*", "*", "1/2 ", "^2",
    "->",
    false, "(new)", "e^(-", ")", "e^", "", "*", "*", " (fixed: not updated)",
    "ln", "max", "d",
};
static const bp_style latex_style = {
    true, "\\delta ", "\\Delta ", "\\eta ", "\\sigma ", "\\sum ", "\\times ",
    "\\cdot ", "\\tfrac{1}{2}", "^2", "\\to ",
    true, "^{(\\mathrm{new})}", "e^{-", "}", "e^{", "}", "\\cdot ", "",
    "\\quad\\text{(fixed: not updated)}", "\\ln", "\\max", "\\partial ",
};

const bp_style *bp_style_get(bool ascii)
{
    return ascii ? &ascii_style : &utf8_style;
}

const bp_style *bp_style_latex(void)
{
    return &latex_style;
}

/* A character of a name in TeX math: the special ones escaped. */
static const char *latex_math_char(char c)
{
    switch (c) {
    case '&': return "\\&";
    case '%': return "\\%";
    case '$': return "\\$";
    case '#': return "\\#";
    case '_': return "\\_";
    case '{': return "\\{";
    case '}': return "\\}";
    case '~': return "\\sim{}";
    case '^': return "\\hat{}";
    case '\\': return "\\backslash{}";
    default: return NULL;
    }
}

static size_t latex_math_add(char *buf, size_t size, size_t len,
                             const char *s)
{
    for (; *s && len + 1 < size; s++) {
        const char *e = latex_math_char(*s);
        if (!e) {
            buf[len++] = *s;
            buf[len] = '\0';
        } else {
            len += (size_t)snprintf(buf + len, size - len, "%s", e);
        }
    }
    return len < size ? len : size - 1;
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
    if (s->latex) { /* w_{46}, net_{4} */
        /* a word is upright, as TeX writes operators: \mathrm{net} */
        bool word = strlen(base) > 1 && strspn(base, "abcdefghijklmnopqrstuvwxyz"
                                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                                             == strlen(base);
        buf[0] = '\0';
        /* a style's own TeX (\sum) is written as it is */
        size_t len = word ? (size_t)snprintf(buf, size, "\\mathrm{%s}", base)
                     : base[0] == '\\' ? (size_t)snprintf(buf, size, "%s", base)
                                       : latex_math_add(buf, size, 0, base);
        if (len >= size)
            len = size - 1;
        if (sub[0]) {
            len += (size_t)snprintf(buf + len, size - len, "_{");
            len = latex_math_add(buf, size, len < size ? len : size - 1, sub);
            snprintf(buf + len, size - len, "}");
        }
        return;
    }
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
