/* digits.h: the decimal digits of a double, correctly rounded, and a
 * short decimal back to the nearest double. */
#ifndef BP_UTIL_DIGITS_H
#define BP_UTIL_DIGITS_H

#include "bptrace/number.h"

#include <stdbool.h>

/* Most digits a decimal ever holds: bp_format_sig allows 17. */
#define BP_DIGITS_MAX 17

/* A finite value as 0.d[0]d[1]...d[n-1] x 10^point, d[0] != '0' and no
 * trailing zeros.  Zero is n == 0 (and never negative). */
typedef struct {
    bool neg;
    int n;
    int point;
    char d[BP_DIGITS_MAX];
} bp_digits;

/* Finite x with `ndig` significant digits (1..BP_DIGITS_MAX), exactly as
 * snprintf's "%.*e" gives them: the binary value rounded to nearest, a
 * tie to the even digit.  Exact integer arithmetic where the scaled
 * value fits 128 bits (1e-14 <= |x| < 1e45 at any count of digits, from
 * 1e-17 at 15), snprintf beyond. */
void bp_digits_of(double x, int ndig, bp_digits *v);

/* The two ways bp_digits_of works, for the tests that compare them:
 * the integer one returns false where x is out of its range. */
bool bp_digits_integer(double x, int ndig, bp_digits *v);
void bp_digits_text(double x, int ndig, bp_digits *v);

/* The double nearest to v (ties to even), as strtod would read its text;
 * inf when v lies beyond the largest double. */
double bp_digits_value(const bp_digits *v);

/* A decimal ([+-]digits[.digits][e[+-]digits], already checked) to the
 * nearest double, where that needs no big numbers: at most 15 significant
 * digits and a power of ten within 10^+-22.  False: ask strtod. */
bool bp_digits_read(const char *text, double *out);

/* The digits of finite x as bp_round(x, p) rounds it (15 significant
 * digits, then p), trailing zeros dropped: bp_round's value is
 * bp_digits_value of them.  Defined beside bp_round, in number.c. */
void bp_round_digits(double x, bp_precision p, bp_digits *v);

/* Drop trailing zeros so that n counts significant digits; a decimal with
 * no digits left is zero, which has no sign. */
void bp_digits_trim(bp_digits *v);

#endif
