/* latex_rows.c: a trace's derivation as the rows of LaTeX's align*, each
 * row that would run past the page's text width broken at a +, - or =
 * outside braces, as one breaks a long line by hand: the rest on a row of
 * its own, after the first row's = and indented by a \quad.  Rows that fit
 * are written as markup.c's tex_rows writes them.  There is no TeX to
 * measure with: the width is estimated from the characters. */
#include "render/markup.h"

#include <stdbool.h>
#include <string.h>

/* The article's text width (345pt) in digits of 10pt math (5pt each),
 * less a margin for the estimate's error (glyphs() is within 7% of TeX's
 * width for the rows of the lessons' traces): a row that comes within it
 * of the margin is broken too. */
#define ROW_WIDTH 66.0
#define EQUALS 2.7 /* " = ", its spaces too */
#define QUAD 2.0

/* The width of character c of math, in digits: an italic letter a little
 * wider (w much wider), punctuation narrower. */
static double glyph(char c, bool upright)
{
    switch (c) {
    case '.': case ',': case '[': case ']': case '|': case '!':
        return 0.56;
    case '(': case ')':
        return 0.78;
    case '\'':
        return 0.55;
    case 'w':
        return upright ? 1 : 1.44;
    }
    return (c >= '0' && c <= '9') || c == '/' || upright ? 1 : 1.1;
}

/* The width of control word w (its letters, n of them): an operator name
 * its letters, a binary operator with its spaces, a Greek letter one
 * italic letter; \text, \mathrm and the like nothing (their argument
 * counts). */
static double word_width(const char *w, size_t n, bool script)
{
    static const struct {
        const char *name;
        double width, in_script;
    } words[] = {
        {"quad", 2, 2},       {"tfrac", 1, 1},    {"cdot", 1.44, 0.56},
        {"times", 2.44, 1.56}, {"tanh", 4, 4},     {"ln", 2, 2},
        {"exp", 3, 3},        {"log", 3, 3},      {"max", 3, 3},
        {"min", 3, 3},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].name) == n && strncmp(w, words[i].name, n) == 0)
            return script ? 0.7 * words[i].in_script : words[i].width;
    return script ? 0.77 : 1.1;
}

/* The estimated width of s[0, n) in digits of 10pt math: subscripts and
 * superscripts at 0.7, + - = with their spacing, braces, spaces and &
 * nothing. */
static double glyphs(const char *s, size_t n)
{
    double w = 0;
    int script = 0;  /* inside a ^ or _: the depth of its braces, or -1
                        for one character */
    int upright = 0; /* inside \text{...}, \mathrm{...}: its depth */
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        double size = script ? 0.7 : 1;
        if (c == '^' || c == '_') {
            if (i + 1 < n && s[i + 1] == '{') {
                script = ++depth;
                i++;
            } else {
                script = -1;
            }
            continue;
        }
        if (c == '{') {
            depth++;
            continue;
        }
        if (c == '}') {
            if (script == depth)
                script = 0;
            if (upright == depth)
                upright = 0;
            depth--;
            continue;
        }
        if (c == ' ' || c == '&')
            continue;
        if (c == '\\') {
            size_t k = i + 1;
            while (k < n && ((s[k] >= 'a' && s[k] <= 'z') ||
                             (s[k] >= 'A' && s[k] <= 'Z')))
                k++;
            const char *word = s + i + 1;
            size_t len = k - i - 1;
            if (len == 0) { /* \, \; \\ and the like */
                i++;
                w += 0.3;
                continue;
            }
            if (len >= 4 && (strncmp(word, "text", 4) == 0 ||
                             strncmp(word, "math", 4) == 0 ||
                             strncmp(word, "operatorname", len) == 0))
                upright = depth + 1;
            else
                w += word_width(word, len, script != 0);
            i = k - 1;
        } else if (c == '+' || c == '=' ||
                   (c == '-' && i > 0 && s[i - 1] == ' ' && i + 1 < n &&
                    s[i + 1] == ' ')) { /* a binary minus, not -0.3 */
            w += size * (script ? 1.56 : c == '=' ? EQUALS : 2.44);
        } else if (c == '-') {
            w += size * 1.56;
        } else {
            w += size * glyph(c, upright != 0);
        }
        if (script == -1)
            script = 0;
    }
    return w;
}

/* The next place after s[from] where s may break: the start of a " + ",
 * " - " or " = " outside braces; or the end of s. */
static size_t next_break(const char *s, size_t from)
{
    int depth = 0;
    size_t i;
    for (i = from; s[i]; i++) {
        if (s[i] == '{')
            depth++;
        else if (s[i] == '}')
            depth--;
        else if (i > from && depth == 0 && s[i] == ' ' &&
                 (s[i + 1] == '+' || s[i + 1] == '-' || s[i + 1] == '=') &&
                 s[i + 2] == ' ')
            break;
    }
    return i;
}

/* A row being written: where it stands on its line. */
typedef struct {
    FILE *out;
    double lhs;   /* the width of the align's left column */
    double used;  /* of the line being written, from its left column */
    bool aligned; /* "=" continues at the = of the first row ("&="), not
                     indented (a labelled row has no = to align with) */
} row;

/* s written on r's line, broken before a piece that would run past
 * ROW_WIDTH onto a continuation line. */
static void write_broken(row *r, const char *s)
{
    size_t at = 0;
    while (s[at]) {
        size_t end = next_break(s, at);
        double w = glyphs(s + at, end - at);
        bool fresh = r->used == 0;
        if (!fresh && r->lhs + r->used + w > ROW_WIDTH && at > 0) {
            /* s[at] is the space before the operator */
            if (r->aligned && s[at + 1] == '=') {
                fputs(" \\\\\n  &", r->out);
                r->used = 0;
            } else {
                fputs(" \\\\\n  &\\quad {}", r->out);
                r->used = QUAD;
            }
            at++;
            w = glyphs(s + at, end - at);
        }
        fwrite(s + at, 1, end - at, r->out);
        r->used += w;
        at = end;
    }
}

void latex_display_chain(FILE *out, const bp_chain *ch, bool compact)
{
    char head[sizeof ch->lhs + 32];
    bool one_row = compact || ch->labelled;
    if (ch->labelled)
        snprintf(head, sizeof head, "\\text{%s:}\\quad ", ch->lhs);
    else
        snprintf(head, sizeof head, "%s ", ch->lhs);
    row r = {out, glyphs(head, strlen(head)), 0, !ch->labelled};
    if (ch->labelled) {
        /* on one row with no &: it gets one only where it must break */
        double all = 0;
        for (int i = 0; i < ch->n; i++)
            if (!bp_chain_repeats(ch, i))
                all += glyphs(ch->step[i], strlen(ch->step[i])) + EQUALS;
        fprintf(out, "  %s%s", head, r.lhs + all > ROW_WIDTH ? "&" : "");
    } else {
        fprintf(out, "  %s&= ", head);
        r.used = EQUALS;
    }
    for (int i = 0; i < ch->n; i++) {
        if (bp_chain_repeats(ch, i))
            continue;
        if (i > 0 && one_row) {
            double w = glyphs(ch->step[i], strlen(ch->step[i])) + EQUALS;
            if (r.lhs + r.used + w > ROW_WIDTH) {
                fputs(r.aligned ? " \\\\\n  &= " : " \\\\\n  &\\quad {}= ",
                      out);
                r.used = r.aligned ? EQUALS : QUAD + EQUALS;
            } else {
                fputs(" = ", out);
                r.used += EQUALS;
            }
        } else if (i > 0) {
            fputs(" \\\\\n  &= ", out);
            r.used = EQUALS;
        }
        write_broken(&r, ch->step[i]);
    }
}
