/* strings.h: small string helpers every part may use. */
#ifndef BP_UTIL_STRINGS_H
#define BP_UTIL_STRINGS_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* text copied to o, as far as end (where the NUL will go, not written
 * here): returns where the copy stops and leaves *text at what did not
 * fit.  The byte loop of the string helpers: their pieces are a few
 * characters each, too short for strlen and memcpy calls to pay. */
static inline char *bp_copy_upto(char *o, const char *end, const char **text)
{
    const char *t = *text;
    while (*t && o < end)
        *o++ = *t++;
    *text = t;
    return o;
}

/* snprintf for names: buffers are sized for the label limits, so a
 * truncation cannot happen; this keeps the compiler from guessing. */
void bp_fmt(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* a, b and c one after the other in buf, cut short as snprintf would cut
 * "%s%s%s": without printf's machinery, for names made by the hundred. */
void bp_concat(char *buf, size_t size, const char *a, const char *b,
               const char *c);

/* vsnprintf, made without printf's machinery when fmt converts nothing
 * but strings ("%s = %s", "%.*s"): most names and formulas are that. */
int bp_vformat(char *buf, size_t size, const char *fmt, va_list ap);

/* 3 when the text (of len bytes) starts with a UTF-8 byte order mark, as
 * a spreadsheet's "CSV UTF-8" does, else 0: the mark is no part of the
 * first word. */
static inline size_t bp_bom_length(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* The name of names[] closest to a misspelt word, or NULL when none is
 * close enough to suggest. */
const char *bp_closest_name(const char *word, const char *const *names,
                            size_t n_names);
/* "a, b, c" into buf; ", ..." when it does not fit. */
void bp_join_names(char *buf, size_t size, const char *const *names,
                   size_t n_names);

#endif
