/* strings.c: small string helpers every part may use: names formatted into
 * fixed buffers, and "did you mean" for a misspelt name. */
#include "bptrace/number.h"
#include "util/strings.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void bp_fmt(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bp_vformat(buf, size, fmt, ap);
    va_end(ap);
}

void bp_concat(char *buf, size_t size, const char *a, const char *b,
               const char *c)
{
    if (size == 0) /* as snprintf: not even the NUL */
        return;
    const char *part[3] = {a, b, c};
    char *o = buf, *end = buf + size - 1; /* room for the NUL */
    for (int i = 0; i < 3; i++)
        o = bp_copy_upto(o, end, &part[i]);
    *o = '\0';
}

int bp_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    /* what does not fit is counted, as vsnprintf counts it.  A conversion
     * other than %s and %.*s hands the whole to vsnprintf. */
    if (size == 0)
        return vsnprintf(buf, size, fmt, ap);
    va_list again;
    va_copy(again, ap);
    char *o = buf, *end = buf + size - 1; /* room for the NUL */
    size_t over = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            if (o < end)
                *o++ = *p;
            else
                over++;
            continue;
        }
        if (p[1] == 's') {
            const char *t = va_arg(ap, const char *);
            o = bp_copy_upto(o, end, &t);
            if (*t)
                over += strlen(t);
            p += 1;
        } else if (p[1] == '.' && p[2] == '*' && p[3] == 's') {
            int count = va_arg(ap, int); /* at most count characters */
            const char *text = va_arg(ap, const char *);
            size_t n = count < 0 ? strlen(text) : strnlen(text, (size_t)count);
            size_t fit = n < (size_t)(end - o) ? n : (size_t)(end - o);
            memcpy(o, text, fit);
            o += fit;
            over += n - fit;
            p += 3;
        } else {
            int n = vsnprintf(buf, size, fmt, again);
            va_end(again);
            return n;
        }
    }
    va_end(again);
    *o = '\0';
    size_t len = (size_t)(o - buf) + over;
    return len > INT_MAX ? -1 : (int)len;
}

/* Optimal string alignment distance (Levenshtein plus transpositions);
 * INT_MAX for strings too long to be a misspelt key. */
static int edit_distance(const char *a, const char *b)
{
    enum { MAX = 40 };
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX || m > MAX)
        return INT_MAX;
    int d[MAX + 1][MAX + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

/* The valid name closest to a misspelt one, or NULL when none is close:
 * at most 2 edits, and no more than half the word (so 'x' is not 'exp'). */
const char *bp_closest_name(const char *word, const char *const *names,
                            size_t n_names)
{
    const char *best = NULL;
    int best_distance = 3;
    for (size_t i = 0; i < n_names; i++) {
        int d = edit_distance(word, names[i]);
        size_t longer =
            strlen(word) > strlen(names[i]) ? strlen(word) : strlen(names[i]);
        /* a third of the word may be wrong: 'lerning_rate' is close to
         * 'learning_rate', 'name' is not close to 'note' */
        if (d < best_distance && 3 * (size_t)d <= longer) {
            best = names[i];
            best_distance = d;
        }
    }
    return best;
}

/* "a, b, c" into buf; ", ..." when it does not fit. */
void bp_join_names(char *buf, size_t size, const char *const *names,
                   size_t n_names)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n_names; i++) {
        const char *sep = i ? ", " : "";
        size_t need = strlen(sep) + strlen(names[i]);
        if (used + need + sizeof ", ..." > size) {
            snprintf(buf + used, size - used, "%s...", sep);
            return;
        }
        used +=
            (size_t)snprintf(buf + used, size - used, "%s%s", sep, names[i]);
    }
}
