/* html_math.c: the TeX math the LaTeX renderer writes (symbols.c's LaTeX
 * style, derive.c's steps) as MathML, so that the page writes the very
 * same formulas.  Only that small vocabulary is known: groups, _ and ^,
 * \mathrm, \text, \tfrac, \quad, a worksheet's blank, Greek letters and a
 * few operators; anything else is written as text. */
#include "render/html.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *s;
    size_t n, cap;
    bool oom;
} mbuf;

static void put_n(mbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void put(mbuf *b, const char *s)
{
    put_n(b, s, strlen(s));
}

/* Text inside a MathML element: & < > escaped. */
static void put_text(mbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': put(b, "&amp;"); break;
        case '<': put(b, "&lt;"); break;
        case '>': put(b, "&gt;"); break;
        default: put_n(b, s + i, 1);
        }
    }
}

static void put_el(mbuf *b, const char *tag, const char *s, size_t n)
{
    put(b, "<");
    put(b, tag);
    put(b, ">");
    put_text(b, s, n);
    put(b, "</");
    put(b, tag);
    put(b, ">");
}

/* The commands of the LaTeX style that are a single character. */
static const struct {
    const char *name, *tag, *text;
} commands[] = {
    {"delta", "mi", "δ"},  {"Delta", "mi", "Δ"},  {"eta", "mi", "η"},
    {"sigma", "mi", "σ"},  {"sum", "mo", "∑"},    {"times", "mo", "×"},
    {"cdot", "mo", "·"},   {"to", "mo", "→"},     {"vert", "mo", "|"},
    {"ln", "mi", "ln"},    {"max", "mi", "max"},  {"hat", "mo", "^"},
    {"tanh", "mi", "tanh"},
    {"sim", "mo", "~"},    {"backslash", "mo", "\\"},
};

static void sequence(const char **p, mbuf *b, int depth);

/* The text of a {...} argument, as it is (for \mathrm, \text). */
static size_t argument_text(const char **p, const char **start)
{
    const char *s = *p;
    while (*s == ' ')
        s++;
    if (*s != '{') {
        *start = s;
        *p = s;
        return 0;
    }
    const char *e = s + 1;
    int level = 1;
    while (*e && level) {
        if (*e == '\\' && e[1])
            e++;
        else if (*e == '{')
            level++;
        else if (*e == '}')
            level--;
        if (level)
            e++;
    }
    *start = s + 1;
    *p = *e ? e + 1 : e;
    return (size_t)(e - (s + 1));
}

/* A {...} argument as math, in an mrow. */
static void argument(const char **p, mbuf *b, int depth)
{
    while (**p == ' ')
        (*p)++;
    put(b, "<mrow>");
    if (**p == '{') {
        (*p)++;
        sequence(p, b, depth + 1);
        if (**p == '}')
            (*p)++;
    } else if (**p) {
        put_el(b, "mi", *p, 1);
        (*p)++;
    }
    put(b, "</mrow>");
}

/* A command after its backslash. */
static void command(const char **p, mbuf *b, int depth)
{
    const char *s = *p;
    size_t n = 0;
    while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
        n++;
    if (n == 0) { /* \{ \} \_ \& \% \$ \# \, */
        if (*s && *s != ',' && *s != ' ')
            put_el(b, "mo", s, 1);
        *p = *s ? s + 1 : s;
        return;
    }
    *p = s + n;
    const char *arg;
    size_t len;
#define IS(word) (n == strlen(word) && strncmp(s, word, n) == 0)
    if (IS("mathrm") || IS("operatorname")) {
        len = argument_text(p, &arg);
        put(b, len == 1 ? "<mi mathvariant=\"normal\">" : "<mi>");
        for (size_t i = 0; i < len; i++) /* leaky\_relu: the _ itself */
            if (!(arg[i] == '\\' && i + 1 < len && arg[i + 1] == '_'))
                put_text(b, arg + i, 1);
        put(b, "</mi>");
    } else if (IS("text")) {
        len = argument_text(p, &arg);
        put_el(b, "mtext", arg, len);
    } else if (IS("tfrac") || IS("frac")) {
        put(b, "<mfrac>");
        argument(p, b, depth);
        argument(p, b, depth);
        put(b, "</mfrac>");
    } else if (IS("underline") || IS("hspace")) {
        /* a worksheet's blank: a line to write on */
        argument_text(p, &arg);
        put(b, "<mspace class=\"blank\" width=\"3em\"></mspace>");
    } else if (IS("quad")) {
        put(b, "<mspace width=\"1em\"></mspace>");
    } else {
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
            if (IS(commands[i].name)) {
                put(b, "<");
                put(b, commands[i].tag);
                put(b, ">");
                put(b, commands[i].text);
                put(b, "</");
                put(b, commands[i].tag);
                put(b, ">");
                if (**p == '{' && (*p)[1] == '}') /* \hat{} */
                    *p += 2;
                return;
            }
        }
        put(b, "<mtext>\\");
        put_text(b, s, n);
        put(b, "</mtext>");
    }
#undef IS
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* One atom (before any _ or ^) into b. */
static void atom(const char **p, mbuf *b, int depth)
{
    const char *s = *p;
    if (*s == '{') {
        argument(p, b, depth);
    } else if (*s == '\\') {
        *p = s + 1;
        command(p, b, depth);
    } else if (digit(*s) || (*s == '.' && digit(s[1])) ||
               (*s == '-' && (digit(s[1]) || (s[1] == '.' && digit(s[2]))))) {
        /* a number, with its sign when the sign touches it: -0.7 */
        size_t n = 1;
        while (digit(s[n]) || (s[n] == '.' && digit(s[n + 1])))
            n++;
        put_el(b, "mn", s, n);
        *p = s + n;
    } else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
        put_el(b, "mi", s, 1);
        *p = s + 1;
    } else if ((unsigned char)*s >= 0x80) { /* a UTF-8 character */
        size_t n = 1;
        while (((unsigned char)s[n] & 0xC0) == 0x80)
            n++;
        put_el(b, "mi", s, n);
        *p = s + n;
    } else if (*s == '-') {
        put(b, "<mo>\xE2\x88\x92</mo>");
        *p = s + 1;
    } else if (strchr("()[]/|", *s)) {
        /* no room around and its text size, as TeX's: a stretchy one is
         * drawn from a font's pieces with gaps beside it, ( 1 ) ( 0.2 ) */
        put(b, "<mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">");
        put_text(b, s, 1);
        put(b, "</mo>");
        *p = s + 1;
    } else {
        put_el(b, "mo", s, 1);
        *p = s + 1;
    }
}

#define OPEN_MAX 32

/* Atoms with their sub- and superscripts, up to a closing } or the end.
 * A script after ")" goes on the whole parenthesis: (t - o)^2. */
static void sequence(const char **p, mbuf *b, int depth)
{
    size_t open[OPEN_MAX]; /* where each "(" not yet closed begins in b */
    int n_open = 0;
    while (**p && **p != '}') {
        if (**p == ' ' || **p == '&' || **p == '\n') {
            (*p)++;
            continue;
        }
        if (depth > 32) { /* nothing the writer makes nests so deep */
            (*p)++;
            continue;
        }
        mbuf base = {0};
        char first = **p;
        if (first == '(' && n_open < OPEN_MAX)
            open[n_open++] = b->n;
        atom(p, &base, depth);
        if (first == ')' && n_open > 0) {
            size_t from = open[--n_open];
            const char *q = *p;
            while (*q == ' ')
                q++;
            if ((*q == '_' || *q == '^') && !b->oom && base.s) {
                /* the parenthesis, from its "(", is the base */
                mbuf whole = {0};
                put(&whole, "<mrow>");
                put(&whole, b->s + from);
                put(&whole, base.s);
                put(&whole, "</mrow>");
                b->n = from;
                b->s[from] = '\0';
                free(base.s);
                base = whole;
            }
        }
        while (**p == ' ' && ((*p)[1] == '_' || (*p)[1] == '^'))
            (*p)++;
        if (**p == '_' || **p == '^') {
            mbuf sub = {0}, sup = {0};
            while (**p == '_' || **p == '^') {
                mbuf *to = **p == '_' ? &sub : &sup;
                (*p)++;
                if (**p == '{') {
                    argument(p, to, depth);
                } else {
                    put(to, "<mrow>");
                    atom(p, to, depth);
                    put(to, "</mrow>");
                }
            }
            put(b, sub.s && sup.s ? "<msubsup>" : sub.s ? "<msub>" : "<msup>");
            put(b, base.s ? base.s : "<mrow></mrow>");
            if (sub.s)
                put(b, sub.s);
            if (sup.s)
                put(b, sup.s);
            put(b, sub.s && sup.s ? "</msubsup>" : sub.s ? "</msub>" : "</msup>");
            b->oom |= sub.oom || sup.oom;
            free(sub.s);
            free(sup.s);
        } else if (base.s) {
            put(b, base.s);
        }
        b->oom |= base.oom;
        free(base.s);
    }
}

char *html_mathml(const char *tex)
{
    mbuf b = {0};
    const char *p = tex;
    put(&b, "");
    while (*p) {
        sequence(&p, &b, 0);
        if (*p == '}') /* unbalanced: write the rest all the same */
            p++;
    }
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

bp_status html_math(FILE *out, const char *tex, bool display)
{
    char *m = html_mathml(tex);
    if (!m)
        return BP_ERR_NOMEM;
    fprintf(out, "<math%s>%s</math>", display ? " display=\"block\"" : "", m);
    free(m);
    return BP_OK;
}
