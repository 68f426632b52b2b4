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

/* Text added to a buffer of `size` bytes, cut short where it is full, and
 * its whole length counted: what snprintf would do, without its machinery
 * (bp_sym is called for every symbol written). */
typedef struct {
    char *buf;
    size_t size, len; /* len: the whole text's, written or not */
} sym_text;

/* byte by byte: a piece is a letter or a subscript, too short for
 * strlen and memcpy calls to pay */
static void put(sym_text *t, const char *s)
{
    for (; *s; s++, t->len++)
        if (t->len + 1 < t->size)
            t->buf[t->len] = *s;
}

static void latex_math_put(sym_text *t, const char *s)
{
    for (; *s; s++) {
        const char *e = latex_math_char(*s);
        put(t, e ? e : (char[]){*s, '\0'});
    }
}

/* The NUL after what fits; the whole length. */
static size_t sym_end(const sym_text *t)
{
    if (t->size == 0) /* as snprintf: only the length */
        return t->len;
    t->buf[t->len < t->size ? t->len : t->size - 1] = '\0';
    return t->len;
}

/* Unicode has subscript forms for digits and a few letters only. */
static const char *subscript_of(char c)
{
    static const char *const forms[128] = {
        ['0'] = "₀", ['1'] = "₁", ['2'] = "₂", ['3'] = "₃", ['4'] = "₄",
        ['5'] = "₅", ['6'] = "₆", ['7'] = "₇", ['8'] = "₈", ['9'] = "₉",
        ['a'] = "ₐ", ['e'] = "ₑ", ['h'] = "ₕ", ['i'] = "ᵢ", ['j'] = "ⱼ",
        ['k'] = "ₖ", ['l'] = "ₗ", ['m'] = "ₘ", ['n'] = "ₙ", ['o'] = "ₒ",
        ['p'] = "ₚ", ['r'] = "ᵣ", ['s'] = "ₛ", ['t'] = "ₜ", ['u'] = "ᵤ",
        ['v'] = "ᵥ", ['x'] = "ₓ", [','] = ",",
    };
    return (unsigned char)c < 128 ? forms[(unsigned char)c] : NULL;
}

size_t bp_sym(const bp_style *s, const char *base, const char *sub, char *buf,
              size_t size)
{
    sym_text t = {buf, size, 0};
    if (s->latex) { /* w_{46}, net_{4} */
        /* a word is upright, as TeX writes operators: \mathrm{net} */
        bool word = strlen(base) > 1 && strspn(base, "abcdefghijklmnopqrstuvwxyz"
                                                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                                             == strlen(base);
        /* a style's own TeX (\sum) is written as it is */
        if (word) {
            put(&t, "\\mathrm{");
            put(&t, base);
            put(&t, "}");
        } else if (base[0] == '\\') {
            put(&t, base);
        } else {
            latex_math_put(&t, base);
        }
        if (sub[0]) {
            put(&t, "_{");
            latex_math_put(&t, sub);
            put(&t, "}");
        }
        return sym_end(&t);
    }
    put(&t, base);
    if (!sub[0])
        return sym_end(&t);
    bool all_subscriptable = !s->ascii;
    for (const char *c = sub; *c && all_subscriptable; c++)
        all_subscriptable = subscript_of(*c) != NULL;
    if (!all_subscriptable) {
        put(&t, "_");
        put(&t, sub);
        return sym_end(&t);
    }
    for (const char *c = sub; *c; c++)
        put(&t, subscript_of(*c));
    return sym_end(&t);
}
