/* digits.c: the decimal digits of a double, and back.
 *
 * A trace writes every value it computes, and each conversion through
 * snprintf("%.14e") and strtod costs a few thousand instructions: a
 * quarter of a whole trace.  Here the digits come from exact integer
 * arithmetic instead.  A double is m * 2^e with an integer m < 2^53; the
 * value scaled to `ndig` digits, m * 2^e * 10^k, is a fraction N / D of
 * integers that fit 128 bits over the range values have (1e-14 to 1e45
 * at any count of digits), so its integer part and the exact remainder decide the rounding
 * just as glibc's printf decides it (round to nearest, a tie to the even
 * digit; the program never changes the rounding mode).  Outside that
 * range snprintf still does the work, and the tests compare the two ways
 * value by value (tests/test_number.c).
 *
 * Back to binary: a decimal of at most 15 digits D times 10^p with
 * |p| <= 22 is D * 10^p or D / 10^-p in one IEEE operation on two exact
 * doubles, so correctly rounded, which is what strtod gives (Clinger's
 * fast path); other decimals go through strtod.
 */
#include "util/digits.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

void bp_digits_trim(bp_digits *v)
{
    while (v->n > 0 && v->d[v->n - 1] == '0')
        v->n--;
    if (v->n == 0) {
        v->neg = false;
        v->point = 0;
    }
}

/* ------------------------------------------------------------------ */
/* Through text                                                        */
/* ------------------------------------------------------------------ */

void bp_digits_text(double x, int ndig, bp_digits *v)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*e", ndig - 1, x);

    const char *s = tmp;
    v->neg = (*s == '-');
    if (*s == '-' || *s == '+')
        s++;
    v->n = 0;
    /* Digits up to the exponent; the separator, whatever it is, is skipped
     * (the program never calls setlocale, but a library user may). */
    for (; *s && *s != 'e' && *s != 'E'; s++)
        if (isdigit((unsigned char)*s) && v->n < BP_DIGITS_MAX)
            v->d[v->n++] = *s;
    int exp10 = (*s) ? (int)strtol(s + 1, NULL, 10) : 0;
    v->point = exp10 + 1;
    if (v->n == 0 || v->d[0] == '0')
        v->n = 0; /* x is zero: "0.000e+00" */
    bp_digits_trim(v);
}

/* ------------------------------------------------------------------ */
/* By integer arithmetic                                               */
/* ------------------------------------------------------------------ */

static const uint64_t pow10_u64[] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
    10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
    100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
    100000000000000000ULL, 1000000000000000000ULL,
};

/* 5^i for i <= 27, the largest power of 5 in 64 bits. */
static const uint64_t pow5_u64[] = {
    1ULL, 5ULL, 25ULL, 125ULL, 625ULL, 3125ULL, 15625ULL, 78125ULL,
    390625ULL, 1953125ULL, 9765625ULL, 48828125ULL, 244140625ULL,
    1220703125ULL, 6103515625ULL, 30517578125ULL, 152587890625ULL,
    762939453125ULL, 3814697265625ULL, 19073486328125ULL,
    95367431640625ULL, 476837158203125ULL, 2384185791015625ULL,
    11920928955078125ULL, 59604644775390625ULL, 298023223876953125ULL,
    1490116119384765625ULL, 7450580596923828125ULL,
};

/* *a *= 5^i; false when the product does not fit 127 bits (so that a
 * remainder can be doubled without overflow). */
static bool mul_pow5(u128 *a, int i)
{
    while (i > 0) {
        int step = i > 27 ? 27 : i;
        u128 r;
        if (__builtin_mul_overflow(*a, (u128)pow5_u64[step], &r) ||
            (r >> 127) != 0)
            return false;
        *a = r;
        i -= step;
    }
    return true;
}

/* *a <<= s; false when the result does not fit 127 bits. */
static bool shift_left(u128 *a, int s)
{
    if (s == 0)
        return true;
    if (s >= 127 || (*a >> (127 - s)) != 0)
        return false;
    *a <<= s;
    return true;
}

/* floor(log2(x)) * log10(2), rounded down: a guess at floor(log10 |x|)
 * that may be one off either way; the caller corrects it. */
static int guess_exp10(int exp2)
{
    long t = (long)exp2 * 78913; /* 78913 / 2^18 ~ log10(2) */
    return (int)(t >= 0 ? t / 262144 : -((-t + 262143) / 262144));
}

/* The integer part q and whether the fraction rounds q up, for m * 2^e *
 * 10^k; false when it does not fit. */
static bool scaled(uint64_t m, int e, int k, uint64_t *q_out, bool *up_out)
{
    u128 n = m, d = 1;
    if (k >= 0 && k <= 27)
        n = (u128)m * pow5_u64[k]; /* below 2^53 * 2^63: fits */
    else if (k >= 0 ? !mul_pow5(&n, k) : !mul_pow5(&d, -k))
        return false;
    int a = e + k; /* the power of 2 left after 10^k = 5^k * 2^k */
    if (a >= 0 ? !shift_left(&n, a) : !shift_left(&d, -a))
        return false;

    u128 q, r;
    if ((d & (d - 1)) == 0) { /* a power of 2: shifts, no division */
        int s = a < 0 ? -a : 0;
        q = n >> s;
        r = n & (d - 1);
    } else {
        q = n / d;
        r = n % d;
    }
    if (q > (u128)UINT64_MAX)
        return false;
    *q_out = (uint64_t)q;
    /* Round to nearest, a tie to even: r / d against 1/2, exactly. */
    u128 rest = d - r;
    *up_out = r > rest || (r == rest && (q & 1) != 0);
    return true;
}

bool bp_digits_integer(double x, int ndig, bp_digits *v)
{
    if (ndig < 1 || ndig > BP_DIGITS_MAX)
        return false;
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int biased = (int)((bits >> 52) & 0x7ff);
    uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
    if (biased == 0x7ff)
        return false; /* inf, nan */
    int e;
    if (biased == 0) {
        e = -1074; /* zero or subnormal */
    } else {
        m |= UINT64_C(1) << 52;
        e = biased - 1075;
    }
    v->neg = (bits >> 63) != 0;
    if (m == 0) {
        v->n = 0;
        bp_digits_trim(v);
        return true;
    }
    /* Fewer bits to carry: 0.5 is 1 * 2^-1, not 2^52 * 2^-53. */
    int tz = __builtin_ctzll(m);
    m >>= tz;
    e += tz;

    int exp2 = 63 - __builtin_clzll(m) + e; /* 2^exp2 <= |x| < 2^(exp2+1) */
    int exp10 = guess_exp10(exp2);
    uint64_t lo = pow10_u64[ndig - 1], hi = pow10_u64[ndig];
    uint64_t q = 0;
    bool up = false;
    /* Scale to ndig digits before the point: lo <= q < hi. */
    for (int tries = 0;; tries++) {
        if (tries == 3 || !scaled(m, e, ndig - 1 - exp10, &q, &up))
            return false;
        if (q >= hi)
            exp10++;
        else if (q < lo)
            exp10--;
        else
            break;
    }
    if (up && ++q == hi) {
        q = lo; /* 9.99...5 -> 10.0...: one digit more in front */
        exp10++;
    }
    /* two digits a division: every number written comes through here */
    static const char pairs[] =
        "0001020304050607080910111213141516171819"
        "2021222324252627282930313233343536373839"
        "4041424344454647484950515253545556575859"
        "6061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    int i = ndig;
    for (; i >= 2; i -= 2) {
        memcpy(&v->d[i - 2], &pairs[2 * (q % 100)], 2);
        q /= 100;
    }
    if (i) /* q < 10 is left */
        v->d[0] = (char)('0' + q);
    v->n = ndig;
    v->point = exp10 + 1;
    bp_digits_trim(v);
    return true;
}

void bp_digits_of(double x, int ndig, bp_digits *v)
{
    if (!bp_digits_integer(x, ndig, v))
        bp_digits_text(x, ndig, v);
}

/* ------------------------------------------------------------------ */
/* Back to binary                                                      */
/* ------------------------------------------------------------------ */

static const double pow10_exact[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

double bp_digits_value(const bp_digits *v)
{
    if (v->n == 0)
        return 0.0;
#if FLT_EVAL_METHOD == 0 /* each operation rounded once, to double */
    int p = v->point - v->n;
    if (v->n <= 15 && p >= -22 && p <= 22) {
        uint64_t digits = 0;
        for (int i = 0; i < v->n; i++)
            digits = digits * 10 + (uint64_t)(v->d[i] - '0');
        double r = (double)digits; /* exact: below 2^53 */
        r = p >= 0 ? r * pow10_exact[p] : r / pow10_exact[-p];
        return v->neg ? -r : r;
    }
#endif
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s0.%.*se%d", v->neg ? "-" : "", v->n, v->d,
             v->point);
    int saved = errno;
    double r = strtod(tmp, NULL);
    errno = saved;
    return r;
}

bool bp_digits_read(const char *text, double *out)
{
#if FLT_EVAL_METHOD == 0
    const char *s = text;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    uint64_t digits = 0;
    int kept = 0, p = 0;
    bool seen_point = false;
    for (;; s++) {
        if (*s == '.' && !seen_point) {
            seen_point = true;
            continue;
        }
        if (*s < '0' || *s > '9')
            break;
        if (digits == 0 && *s == '0') {
            if (seen_point)
                p--; /* a leading zero after the point: 0.00x */
            continue;
        }
        if (++kept > 15)
            return false;
        digits = digits * 10 + (uint64_t)(*s - '0');
        if (seen_point)
            p--;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        bool eneg = *s == '-';
        if (*s == '-' || *s == '+')
            s++;
        int e = 0;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (e > 1000)
                return false; /* far beyond the fast path anyway */
            e = e * 10 + (*s - '0');
        }
        p += eneg ? -e : e;
    }
    if (*s != '\0')
        return false;
    double r = (double)digits; /* exact: below 10^15 */
    if (digits != 0) {
        if (p < -22 || p > 22)
            return false;
        r = p >= 0 ? r * pow10_exact[p] : r / pow10_exact[-p];
    }
    *out = neg ? -r : r;
    return true;
#else
    (void)text;
    (void)out;
    return false;
#endif
}
