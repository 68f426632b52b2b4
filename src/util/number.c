/* number.c: rounding, formatting and parsing numbers the way a lecture
 * writes them by hand.
 *
 * Rounding and formatting work on a decimal digit string, not on the binary
 * double: 0.2815 is stored as 0.28149999..., and rounding that binary value
 * (as printf("%.3f") does) gives 0.281 where the lecture writes 0.282.  The
 * value's 15 significant digits (DBL_DIG, so they survive the round trip)
 * are taken as printf's "%.14e" gives them (util/digits.c, by integer
 * arithmetic), rounded as a string half away from zero, and either
 * converted back to the nearest double or written out digit by digit.
 */
#include "bptrace/number.h"
#include "util/digits.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Decimal digit strings                                               */
/* ------------------------------------------------------------------ */

typedef bp_digits dec;

/* The digits of the values met lately, by their bits: a derivation
 * rounds a value and then writes it, and writes most values more than
 * once (in a formula, as a result, in a table); a conversion costs some
 * hundred instructions (thousands where snprintf does it), a look-up here
 * a few dozen.  The digits depend
 * on nothing but x and ndig, so a value found here gives the same text.
 * One cache per thread keeps the library safe to call from threads. */
#define DEC_CACHE_SIZE 256 /* a power of 2 */

typedef struct {
    uint64_t bits;
    int ndig; /* 0: the entry is empty */
    dec v;
} dec_cache_entry;

static _Thread_local dec_cache_entry dec_cache[DEC_CACHE_SIZE];

static void dec_from_double(double x, int ndig, dec *v)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    /* Fibonacci hashing: the top bits of bits * 2^64 / phi */
    uint64_t h = (bits ^ (uint64_t)ndig) * UINT64_C(0x9E3779B97F4A7C15);
    dec_cache_entry *e = &dec_cache[h >> (64 - 8)];
    if (e->ndig == ndig && e->bits == bits) {
        *v = e->v;
        return;
    }
    bp_digits_of(x, ndig, v);
    e->bits = bits;
    e->ndig = ndig;
    e->v = *v;
}

/* Keep the first `keep` digits, rounding half away from zero on the digit
 * that follows.  keep <= 0 means the value is below the last kept place:
 * it becomes that place's unit (0.00005 -> 0.0001) or zero. */
static void dec_round(dec *v, int keep)
{
    if (v->n == 0 || keep >= v->n)
        return;
    if (keep < 0) {
        v->n = 0;
        bp_digits_trim(v);
        return;
    }
    bool up = v->d[keep] >= '5';
    v->n = keep;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && v->d[i] == '9')
            i--;
        if (i < 0) {
            /* 0.999 -> 1.00: the carry adds a digit in front. */
            v->d[0] = '1';
            v->n = 1;
            v->point++;
        } else {
            v->d[i]++;
            v->n = i + 1; /* the 9s after it became zeros */
        }
    }
    bp_digits_trim(v);
}

/* Clamp a precision's digit count to the range the header documents, so
 * that a bad lesson cannot ask for more digits than a double has. */
static int clamp_digits(bp_precision p)
{
    int lo = (p.mode == BP_ROUND_SIGNIFICANT) ? 1 : 0;
    if (p.digits < lo)
        return lo;
    if (p.digits > 15)
        return 15;
    return p.digits;
}

/* The decimal of finite x, 15 significant digits, rounded at p. */
static void dec_at_precision(double x, bp_precision p, dec *v)
{
    dec_from_double(x, 15, v);
    int digits = clamp_digits(p);
    if (p.mode == BP_ROUND_DECIMALS)
        dec_round(v, v->point + digits);
    else if (p.mode == BP_ROUND_SIGNIFICANT)
        dec_round(v, digits);
}

/* The i-th digit (0-based) of v, '0' outside the stored ones. */
static char dec_digit(const dec *v, int i)
{
    return (i >= 0 && i < v->n) ? v->d[i] : '0';
}

/* ------------------------------------------------------------------ */
/* Rounding                                                            */
/* ------------------------------------------------------------------ */

void bp_round_digits(double x, bp_precision p, bp_digits *v)
{
    if (!isfinite(x)) {
        *v = (bp_digits){.n = 0};
        return;
    }
    dec_at_precision(x, p, v);
}

double bp_round(double x, bp_precision p)
{
    if (!isfinite(x) ||
        (p.mode != BP_ROUND_DECIMALS && p.mode != BP_ROUND_SIGNIFICANT))
        return x;
    dec v;
    dec_at_precision(x, p, &v);
    if (v.n == 0)
        return 0.0; /* also turns -0.0 into +0.0 */

    /* Back to binary: the double nearest to the rounded decimal. */
    double r = bp_digits_value(&v);
    return isfinite(r) ? r : x;
}

/* ------------------------------------------------------------------ */
/* Formatting                                                          */
/* ------------------------------------------------------------------ */

/* A bounded output buffer: writes what fits (keeping room for the NUL,
 * written by sink_end) and counts everything, so that the caller can tell
 * whether it all fitted. */
typedef struct {
    char *buf;
    size_t size;
    size_t len;
} sink;

static void sink_start(sink *s, char *buf, size_t size)
{
    s->buf = buf;
    s->size = size;
    s->len = 0;
    if (size > 0)
        buf[0] = '\0';
}

static void sink_putc(sink *s, char c)
{
    if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

/* The NUL after what fitted; the buffer. */
static char *sink_end(sink *s)
{
    if (s->size > 0)
        s->buf[s->len < s->size ? s->len : s->size - 1] = '\0';
    return s->buf;
}

static void sink_puts(sink *s, const char *str)
{
    for (; *str; str++)
        sink_putc(s, *str);
}

static bool sink_fitted(const sink *s)
{
    return s->len < s->size;
}

/* Non-finite values get a fixed spelling; callers avoid printing them. */
static bool put_nonfinite(sink *s, double x)
{
    if (isnan(x))
        sink_puts(s, "nan");
    else if (isinf(x))
        sink_puts(s, x < 0 ? "-inf" : "inf");
    else
        return false;
    return true;
}

/* Plain notation with exactly `frac` digits after the point (none and no
 * point when frac is 0).  Digits past the stored ones are zeros. */
static void put_plain(sink *s, const dec *v, int frac)
{
    if (v->neg)
        sink_putc(s, '-');
    if (v->point <= 0)
        sink_putc(s, '0');
    for (int i = 0; i < v->point; i++)
        sink_putc(s, dec_digit(v, i));
    if (frac > 0) {
        sink_putc(s, '.');
        for (int j = 0; j < frac; j++)
            sink_putc(s, dec_digit(v, v->point + j));
    }
}

/* E-notation with `mant` mantissa digits, exponent as printf writes it
 * (sign and at least two digits: 1.5e-07, 1e+300). */
static void put_exp(sink *s, const dec *v, int mant)
{
    if (v->neg)
        sink_putc(s, '-');
    sink_putc(s, dec_digit(v, 0));
    if (mant > 1) {
        sink_putc(s, '.');
        for (int i = 1; i < mant; i++)
            sink_putc(s, dec_digit(v, i));
    }
    char tmp[16];
    snprintf(tmp, sizeof tmp, "e%+03d", v->n == 0 ? 0 : v->point - 1);
    sink_puts(s, tmp);
}

/* Digits after the point that write all of v's significant digits. */
static int shortest_frac(const dec *v)
{
    return v->n - v->point > 0 ? v->n - v->point : 0;
}

/* Plain notation is used for 1e-5 <= |x| < 1e15 (and zero) when it fits
 * the buffer; otherwise e-notation, so that 1e300 or 1e-300 never print
 * hundreds of digits, whatever the buffer, and digits beyond the 15 a
 * double holds are never invented.  If even e-notation does not fit, it
 * is truncated (always NUL-terminated). */
char *bp_format(char *buf, size_t size, double x, bp_precision p)
{
    sink s;
    sink_start(&s, buf, size);
    if (put_nonfinite(&s, x))
        return sink_end(&s);

    dec v;
    dec_at_precision(x, p, &v);
    int digits = clamp_digits(p);
    int frac, mant;
    if (p.mode == BP_ROUND_DECIMALS) {
        frac = digits; /* trailing zeros kept: 0.4700 */
        mant = v.n > 0 ? v.n : 1;
    } else if (p.mode == BP_ROUND_SIGNIFICANT) {
        /* Exactly `digits` figures: 0.0895, 118, 1230, 1.00; zero is
         * written as printf's %#.3g writes it (0.00). */
        int first = (v.n == 0) ? 1 : v.point;
        frac = digits - first > 0 ? digits - first : 0;
        mant = digits;
    } else {
        frac = shortest_frac(&v); /* 0.526, 0.2, 3.0138 */
        mant = v.n > 0 ? v.n : 1;
    }

    if (v.n == 0 || (v.point >= -4 && v.point <= 15)) {
        put_plain(&s, &v, frac);
        if (sink_fitted(&s))
            return sink_end(&s);
        sink_start(&s, buf, size);
    }
    put_exp(&s, &v, mant);
    return sink_end(&s);
}

char *bp_format_sig(char *buf, size_t size, double x, int digits)
{
    sink s;
    sink_start(&s, buf, size);
    if (put_nonfinite(&s, x))
        return sink_end(&s);

    if (digits < 1)
        digits = 1;
    if (digits > BP_DIGITS_MAX)
        digits = BP_DIGITS_MAX;
    dec v;
    dec_from_double(x, digits, &v);
    /* 1e-5 <= |x| < 1e15 is 0.1e-4 .. 0.999e15: point in -4..15. */
    if (v.n == 0 || (v.point >= -4 && v.point <= 15))
        put_plain(&s, &v, shortest_frac(&v));
    else
        put_exp(&s, &v, v.n);
    return sink_end(&s);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

/* Skip a run of ASCII digits; returns how many there were. */
static size_t skip_digits(const char **s)
{
    size_t k = 0;
    while (**s >= '0' && **s <= '9') {
        (*s)++;
        k++;
    }
    return k;
}

/* Case-insensitive ASCII comparison, independent of the locale. */
static bool ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
        char cb = (*b >= 'A' && *b <= 'Z') ? (char)(*b - 'A' + 'a') : *b;
        if (ca != cb)
            return false;
    }
    return *a == *b;
}

/* NaN and infinity as C and YAML spell them, so that the message can say
 * "not finite" rather than just "not a number". */
static bool is_nonfinite_word(const char *s)
{
    static const char *const words[] = {".nan", ".inf", "nan", "inf",
                                        "infinity"};
    if (*s == '+' || *s == '-')
        s++;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (ascii_ieq(s, words[i]))
            return true;
    return false;
}

/* The grammar [+-]? (digits (. digits)? | . digits) ([eE] [+-]? digits)?
 * over the whole string.  Checked before strtod, which would also take hex
 * floats, "inf", "nan", leading spaces and "5.". */
static bool is_decimal(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    size_t int_digits = skip_digits(&s);
    if (*s == '.') {
        s++;
        if (skip_digits(&s) == 0)
            return false;
    } else if (int_digits == 0) {
        return false;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (skip_digits(&s) == 0)
            return false;
    }
    return *s == '\0';
}

bp_num_status bp_parse_number(const char *text, double *out)
{
    if (!text || *text == '\0')
        return BP_NUM_EMPTY;
    if (is_nonfinite_word(text))
        return BP_NUM_NONFINITE;
    if (!is_decimal(text))
        return BP_NUM_SYNTAX;

    double v;
    if (bp_digits_read(text, &v)) {
        if (out)
            *out = (v == 0.0) ? 0.0 : v; /* -0 is written as 0 */
        return BP_NUM_OK;
    }
    int saved = errno;
    errno = 0;
    char *end = NULL;
    v = strtod(text, &end);
    /* Overflow is ERANGE with HUGE_VAL; ERANGE with a finite result is
     * underflow, which is accepted. */
    bool overflow = errno == ERANGE && !isfinite(v);
    errno = saved;
    if (overflow || !isfinite(v))
        return BP_NUM_RANGE;
    if (!end || *end != '\0')
        return BP_NUM_SYNTAX; /* cannot happen after is_decimal */
    /* Underflow to zero or a denormal is accepted; -0 is written as 0. */
    if (out)
        *out = (v == 0.0) ? 0.0 : v;
    return BP_NUM_OK;
}

const char *bp_num_status_message(bp_num_status status)
{
    switch (status) {
    case BP_NUM_OK:
        return "is a number";
    case BP_NUM_EMPTY:
        return "is empty";
    case BP_NUM_SYNTAX:
        return "is not a decimal number";
    case BP_NUM_NONFINITE:
        return "is not finite";
    case BP_NUM_RANGE:
        return "is out of range";
    }
    return "is not a number";
}

/* ------------------------------------------------------------------ */
/* The logistic function                                               */
/* ------------------------------------------------------------------ */

/* Each branch calls exp on a non-positive argument, so exp never
 * overflows: large |x| gives exactly 0 or 1, never inf/inf = NaN. */
double bp_logistic(double x)
{
    if (x >= 0)
        return 1.0 / (1.0 + exp(-x));
    double e = exp(x);
    return e / (1.0 + e);
}

const char *bp_num_hint(const char *text, char *buf, size_t size)
{
    if (strstr(text, "\xe2\x88\x92")) /* U+2212, as a PDF gives it */
        return " (that minus sign is the typographic \xe2\x88\x92; type "
               "a plain '-')";
    const char *comma = strchr(text, ',');
    if (!comma)
        return "";
    /* Echo the student's own number with a point, so that the hint
     * never looks like the answer; only when that is a number. */
    char fixed[64];
    size_t len = strlen(text);
    if (len < sizeof fixed && !strchr(comma + 1, ',') && !strchr(text, '.')) {
        memcpy(fixed, text, len + 1);
        fixed[comma - text] = '.';
        if (bp_parse_number(fixed, NULL) == BP_NUM_OK && size > 0) {
            int n = snprintf(buf, size, " (write a decimal point, not a "
                             "comma: %s)", fixed);
            if (n > 0 && (size_t)n < size)
                return buf;
        }
    }
    return " (write a decimal point, not a comma)";
}
