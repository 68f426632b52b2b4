/* bptrace/number.h: hand rounding, number formatting and parsing (util) */
#ifndef BPTRACE_NUMBER_H
#define BPTRACE_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* The export block (BP_API): the library is built with -fvisibility=hidden,
 * so only what is declared between push and pop is exported from
 * libbptrace.so (tests/test-exports.sh checks it). */
#pragma GCC visibility push(default)

typedef enum {
    BP_ROUND_NONE = 0,    /* not rounded */
    BP_ROUND_DECIMALS,    /* digits after the decimal point */
    BP_ROUND_SIGNIFICANT  /* significant figures */
} bp_round_mode;

typedef struct {
    bp_round_mode mode;
    int digits;           /* 0..15 for decimals, 1..15 for significant */
} bp_precision;

/* Round half away from zero *in decimal*: the value's 15 significant digits
 * are rounded as a digit string, so 0.2815 -> 0.282 and -0.00585 -> -0.0059
 * although the doubles sit just below the half.  Never returns -0.0.
 * Non-finite values and BP_ROUND_NONE pass through unchanged. */
double bp_round(double x, bp_precision p);

/* Write x as a hand-written number at precision p: decimals keeps trailing
 * zeros (0.4700), significant writes exactly that many figures (0.0895,
 * -0.00936, 118).  x is rounded first.  Never writes "-0" or "-0.000".
 * BP_ROUND_NONE writes the shortest form of up to 15 significant digits
 * with trailing zeros removed (0.526, 0.2, 12.5).  Returns buf. */
char *bp_format(char *buf, size_t size, double x, bp_precision p);

/* Write x with `digits` significant digits (1..17), trailing zeros removed,
 * plain notation for 1e-5 <= |x| < 1e15 and e-notation outside. */
char *bp_format_sig(char *buf, size_t size, double x, int digits);

typedef enum {
    BP_NUM_OK = 0,
    BP_NUM_EMPTY,     /* nothing to parse */
    BP_NUM_SYNTAX,    /* not a decimal number: letters, hex, "1,5", junk */
    BP_NUM_NONFINITE, /* nan, inf, .nan, .inf */
    BP_NUM_RANGE      /* overflows a double (1e999) */
} bp_num_status;

/* Parse a plain decimal number (optional sign, digits, optional fraction,
 * optional exponent).  Rejects NaN, infinities, hex floats, overflow and any
 * trailing junk; whitespace is not allowed.  Underflow to 0 is accepted. */
bp_num_status bp_parse_number(const char *text, double *out);

/* A sentence describing a bp_num_status, for error messages. */
const char *bp_num_status_message(bp_num_status status);

/* A hint for a number that did not parse, or "": a decimal comma (the
 * hint echoes the text with a point, written in buf), a typographic
 * minus sign copied from a PDF. */
const char *bp_num_hint(const char *text, char *buf, size_t size);

/* The logistic function, exact and quiet for every finite x. */
double bp_logistic(double x);

#pragma GCC visibility pop

#endif
