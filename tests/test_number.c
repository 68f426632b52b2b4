/* test_number.c: rounding, formatting, parsing and the logistic function. */
#include "bptrace.h"
#include "unit.h"
#include "util/digits.h"

#include <check.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const bp_precision NONE = {BP_ROUND_NONE, 0};

static bp_precision dp(int digits)
{
    return (bp_precision){BP_ROUND_DECIMALS, digits};
}

static bp_precision sig(int digits)
{
    return (bp_precision){BP_ROUND_SIGNIFICANT, digits};
}

/* bp_format into a fresh buffer, checked for being NUL-terminated. */
static const char *fmt(double x, bp_precision p)
{
    static char buf[64];
    memset(buf, 'X', sizeof buf);
    bp_format(buf, sizeof buf, x, p);
    ck_assert_ptr_nonnull(memchr(buf, '\0', sizeof buf));
    return buf;
}

static const char *fmt_sig(double x, int digits)
{
    static char buf[64];
    memset(buf, 'X', sizeof buf);
    bp_format_sig(buf, sizeof buf, x, digits);
    ck_assert_ptr_nonnull(memchr(buf, '\0', sizeof buf));
    return buf;
}

/* ------------------------------------------------------------------ */
/* The logistic function                                               */
/* ------------------------------------------------------------------ */

/* Lecture section 4.2: sigma(0), sigma(2), sigma(-1.5). */
START_TEST(logistic_lecture_values)
{
    ck_assert_double_eq(bp_logistic(0.0), 0.5);
    ck_assert_double_eq(bp_round(bp_logistic(2.0), dp(4)), 0.8808);
    ck_assert_double_eq(bp_round(bp_logistic(-1.5), dp(4)), 0.1824);
    ck_assert_str_eq(fmt(bp_logistic(2.0), dp(4)), "0.8808");
    ck_assert_str_eq(fmt(bp_logistic(-1.5), dp(4)), "0.1824");
    ck_assert_double_eq_tol(bp_logistic(1.0), 1.0 / (1.0 + exp(-1.0)),
                            1e-15);
}
END_TEST

START_TEST(logistic_symmetry)
{
    for (double x = -30.0; x <= 30.0; x += 0.37)
        ck_assert_double_eq_tol(bp_logistic(x) + bp_logistic(-x), 1.0,
                                1e-15);
}
END_TEST

/* Quiet and finite for every finite input, exactly 0 and 1 far out. */
START_TEST(logistic_extremes)
{
    const double xs[] = {1e3, 1e10, 1e100, 1e308, DBL_MAX};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        double hi = bp_logistic(xs[i]);
        double lo = bp_logistic(-xs[i]);
        ck_assert(isfinite(hi));
        ck_assert(isfinite(lo));
        ck_assert_double_eq(hi, 1.0);
        ck_assert_double_eq(lo, 0.0);
    }
    ck_assert(isfinite(bp_logistic(-745.0)));
    ck_assert(bp_logistic(-700.0) > 0.0);
    ck_assert(bp_logistic(DBL_MIN) >= 0.5);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Rounding                                                            */
/* ------------------------------------------------------------------ */

/* Doubles just below the half round up, as they do by hand. */
START_TEST(round_decimal_halves)
{
    ck_assert_double_eq(bp_round(0.2815, dp(3)), 0.282);
    ck_assert_double_eq(bp_round(-0.00585, dp(4)), -0.0059);
    ck_assert_double_eq(bp_round(1.005, dp(2)), 1.01);
    ck_assert_double_eq(bp_round(0.00005, dp(4)), 0.0001);
    ck_assert_double_eq(bp_round(2.5, dp(0)), 3.0);
    ck_assert_double_eq(bp_round(-2.5, dp(0)), -3.0);
    ck_assert_double_eq(bp_round(0.5, dp(0)), 1.0);
    ck_assert_double_eq(bp_round(-0.5, dp(0)), -1.0);
    ck_assert_double_eq(bp_round(0.44999, dp(1)), 0.4);
    ck_assert_double_eq(bp_round(9.9995, dp(3)), 10.0);
    ck_assert_double_eq(bp_round(-0.26099999, dp(4)), -0.261);
}
END_TEST

/* Values below half the last place become +0.0, never -0.0. */
START_TEST(round_to_zero)
{
    double r = bp_round(-0.00004, dp(4));
    ck_assert_double_eq(r, 0.0);
    ck_assert(!signbit(r));
    r = bp_round(-0.0, dp(4));
    ck_assert(!signbit(r));
    r = bp_round(-0.4, dp(0));
    ck_assert_double_eq(r, 0.0);
    ck_assert(!signbit(r));
    ck_assert_double_eq(bp_round(0.000049999, dp(4)), 0.0);
    ck_assert_double_eq(bp_round(0.0, sig(3)), 0.0);
}
END_TEST

START_TEST(round_significant)
{
    ck_assert_double_eq(bp_round(0.11799, sig(3)), 0.118);
    ck_assert_double_eq(bp_round(0.125, sig(2)), 0.13);
    ck_assert_double_eq(bp_round(117.99, sig(3)), 118.0);
    ck_assert_double_eq(bp_round(0.99999, sig(3)), 1.0);
    ck_assert_double_eq(bp_round(1234.0, sig(3)), 1230.0);
    ck_assert_double_eq(bp_round(0.089512, sig(3)), 0.0895);
    ck_assert_double_eq(bp_round(-0.0093649, sig(3)), -0.00936);
    ck_assert_double_eq(bp_round(-0.00936501, sig(3)), -0.00937);
}
END_TEST

START_TEST(round_magnitudes)
{
    ck_assert_double_eq(bp_round(1e300, dp(4)), 1e300);
    ck_assert_double_eq(bp_round(-1e300, dp(4)), -1e300);
    ck_assert_double_eq(bp_round(1e-300, dp(4)), 0.0);
    ck_assert_double_eq(bp_round(1e-300, sig(3)), 1e-300);
    ck_assert_double_eq(bp_round(1.23456e-300, sig(3)), 1.23e-300);
    ck_assert_double_eq(bp_round(1.23456e300, sig(3)), 1.23e300);
    /* Rounding never makes a finite value infinite. */
    ck_assert(isfinite(bp_round(DBL_MAX, sig(1))));
    ck_assert(isfinite(bp_round(-DBL_MAX, sig(15))));
    ck_assert(isfinite(bp_round(DBL_TRUE_MIN, sig(3))));
}
END_TEST

START_TEST(round_passthrough)
{
    ck_assert_double_eq(bp_round(0.123456789, NONE), 0.123456789);
    ck_assert(isnan(bp_round(NAN, dp(4))));
    ck_assert_double_eq(bp_round(INFINITY, dp(4)), INFINITY);
    ck_assert_double_eq(bp_round(-INFINITY, sig(3)), -INFINITY);
    /* Rounding twice changes nothing. */
    double r = bp_round(0.28149999, dp(3));
    ck_assert_double_eq(bp_round(r, dp(3)), r);
    /* 0.1 + 0.2 is 0.3 on paper. */
    ck_assert_double_eq(bp_round(0.1 + 0.2, dp(4)), 0.3);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Formatting                                                          */
/* ------------------------------------------------------------------ */

START_TEST(format_decimals)
{
    ck_assert_str_eq(fmt(0.47, dp(4)), "0.4700");
    ck_assert_str_eq(fmt(-0.261, dp(4)), "-0.2610");
    ck_assert_str_eq(fmt(0.2815, dp(3)), "0.282");
    ck_assert_str_eq(fmt(-0.00585, dp(4)), "-0.0059");
    ck_assert_str_eq(fmt(0.00005, dp(4)), "0.0001");
    ck_assert_str_eq(fmt(2.5, dp(0)), "3");
    ck_assert_str_eq(fmt(-2.5, dp(0)), "-3");
    ck_assert_str_eq(fmt(1.005, dp(2)), "1.01");
    ck_assert_str_eq(fmt(9.9995, dp(3)), "10.000");
    ck_assert_str_eq(fmt(123.456, dp(1)), "123.5");
    ck_assert_str_eq(fmt(123.456, dp(15)), "123.456000000000000");
}
END_TEST

START_TEST(format_no_negative_zero)
{
    ck_assert_str_eq(fmt(-0.00004, dp(4)), "0.0000");
    ck_assert_str_eq(fmt(-0.0, dp(4)), "0.0000");
    ck_assert_str_eq(fmt(-0.4, dp(0)), "0");
    ck_assert_str_eq(fmt(-0.0, NONE), "0");
    ck_assert_str_eq(fmt(-1e-300, dp(3)), "0.000");
    ck_assert_str_eq(fmt_sig(-0.0, 6), "0");
}
END_TEST

START_TEST(format_significant)
{
    ck_assert_str_eq(fmt(0.089512, sig(3)), "0.0895");
    ck_assert_str_eq(fmt(-0.0093649, sig(3)), "-0.00936");
    ck_assert_str_eq(fmt(117.99, sig(3)), "118");
    ck_assert_str_eq(fmt(0.99999, sig(3)), "1.00");
    ck_assert_str_eq(fmt(1234.0, sig(3)), "1230");
    ck_assert_str_eq(fmt(0.125, sig(2)), "0.13");
    ck_assert_str_eq(fmt(0.11799, sig(3)), "0.118");
    ck_assert_str_eq(fmt(0.5, sig(3)), "0.500");
    ck_assert_str_eq(fmt(12.0, sig(4)), "12.00");
    ck_assert_str_eq(fmt(0.0, sig(3)), "0.00");
}
END_TEST

START_TEST(format_none)
{
    ck_assert_str_eq(fmt(0.526, NONE), "0.526");
    ck_assert_str_eq(fmt(0.2, NONE), "0.2");
    ck_assert_str_eq(fmt(-0.7, NONE), "-0.7");
    ck_assert_str_eq(fmt(3.0138, NONE), "3.0138");
    ck_assert_str_eq(fmt(12.5, NONE), "12.5");
    ck_assert_str_eq(fmt(1.0, NONE), "1");
    ck_assert_str_eq(fmt(0.1 + 0.2, NONE), "0.3");
    ck_assert_str_eq(fmt(100.0, NONE), "100");
    ck_assert_str_eq(fmt(1.0 / 3.0, NONE), "0.333333333333333");
}
END_TEST

START_TEST(format_magnitudes)
{
    ck_assert_str_eq(fmt(1e300, dp(4)), "1e+300");
    ck_assert_str_eq(fmt(-1e300, NONE), "-1e+300");
    ck_assert_str_eq(fmt(1.5e15, dp(2)), "1.5e+15");
    ck_assert_str_eq(fmt(999999999999999.0, dp(0)), "999999999999999");
    ck_assert_str_eq(fmt(1.23456e300, sig(3)), "1.23e+300");
    ck_assert_str_eq(fmt(1e-300, dp(4)), "0.0000");
    /* Plain 1e-300 needs 302 characters: the 64-byte buffer gets e. */
    ck_assert_str_eq(fmt(1e-300, NONE), "1e-300");
    ck_assert_str_eq(fmt(-1.5e-200, sig(3)), "-1.50e-200");
    ck_assert_str_eq(fmt(DBL_MAX, NONE), "1.79769313486232e+308");

    /* The notation depends on the number, never on the buffer. */
    char big[400];
    bp_format(big, sizeof big, 1e-300, NONE);
    ck_assert_str_eq(big, "1e-300");
    ck_assert_str_eq(fmt(1e-5, NONE), "0.00001");
    ck_assert_str_eq(fmt(9.5e-6, NONE), "9.5e-06");
    ck_assert_str_eq(fmt(1e-61, NONE), "1e-61");
    ck_assert_str_eq(fmt(1.5e-7, sig(2)), "1.5e-07");
}
END_TEST

START_TEST(format_nonfinite)
{
    ck_assert_str_eq(fmt(INFINITY, dp(4)), "inf");
    ck_assert_str_eq(fmt(-INFINITY, sig(3)), "-inf");
    ck_assert_str_eq(fmt(NAN, NONE), "nan");
    ck_assert_str_eq(fmt_sig(-INFINITY, 6), "-inf");
    ck_assert_str_eq(fmt_sig(NAN, 6), "nan");
}
END_TEST

/* Small buffers are truncated and NUL-terminated, never overrun. */
START_TEST(format_truncation)
{
    char buf[8];
    memset(buf, 'X', sizeof buf);
    ck_assert_ptr_eq(bp_format(buf, 5, 0.4700, dp(4)), buf);
    ck_assert_uint_eq(strlen(buf), 4);
    ck_assert_int_eq(buf[5], 'X');

    memset(buf, 'X', sizeof buf);
    bp_format(buf, 1, 0.47, dp(4));
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(buf[1], 'X');

    memset(buf, 'X', sizeof buf);
    bp_format(buf, 0, 0.47, dp(4));
    ck_assert_int_eq(buf[0], 'X');

    memset(buf, 'X', sizeof buf);
    bp_format_sig(buf, 3, 123.456, 6);
    ck_assert_str_eq(buf, "12");

    memset(buf, 'X', sizeof buf);
    bp_format(buf, 3, -INFINITY, NONE);
    ck_assert_str_eq(buf, "-i");

    /* Exactly fitting: 7 characters and the NUL. */
    bp_format(buf, 8, -0.261, dp(4));
    ck_assert_str_eq(buf, "-0.2610");
}
END_TEST

START_TEST(format_sig_digits)
{
    ck_assert_str_eq(fmt_sig(0.5, 6), "0.5");
    ck_assert_str_eq(fmt_sig(1.0 / 3.0, 6), "0.333333");
    ck_assert_str_eq(fmt_sig(2.0 / 3.0, 3), "0.667");
    ck_assert_str_eq(fmt_sig(-0.0058546, 3), "-0.00585");
    ck_assert_str_eq(fmt_sig(0.1 + 0.2, 17), "0.30000000000000004");
    ck_assert_str_eq(fmt_sig(0.1 + 0.2, 15), "0.3");
    ck_assert_str_eq(fmt_sig(123456.0, 3), "123000");
    ck_assert_str_eq(fmt_sig(0.00001, 6), "0.00001");
    ck_assert_str_eq(fmt_sig(0.0000099, 6), "9.9e-06");
    ck_assert_str_eq(fmt_sig(1e15, 6), "1e+15");
    ck_assert_str_eq(fmt_sig(999999999999999.0, 15), "999999999999999");
    ck_assert_str_eq(fmt_sig(-1.25e-300, 6), "-1.25e-300");
    /* digits is clamped to 1..17. */
    ck_assert_str_eq(fmt_sig(0.26, 0), "0.3");
    ck_assert_str_eq(fmt_sig(0.1, 99), "0.10000000000000001");
}
END_TEST

/* The digits of recent values are cached: values met again, in any order,
 * with other digit counts in between and many values sharing a slot of the
 * cache, still give printf's correctly rounded digits. */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13; /* xorshift64 */
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

START_TEST(format_sig_repeated_values)
{
    static const double edges[] = {0.2815, -0.00585, 1e-300, 1e15, -0.0,
                                   0.0, 0.1 + 0.2, 0.5, 2.5e-5, -1.5,
                                   999999999999999.0, DBL_MAX, DBL_MIN,
                                   4.9e-324, 0.125, 1.0 / 3.0};
    enum { POOL = 1000, DRAWS = 50000 };
    static double pool[POOL];
    uint64_t st = 0x2545F4914F6CDD1DULL;
    int n_edges = (int)(sizeof edges / sizeof edges[0]);
    for (int i = 0; i < POOL; i++) {
        if (i < n_edges) {
            pool[i] = edges[i];
            continue;
        }
        /* a random mantissa at a random scale, or a tie of 4 decimals */
        double m = (double)(next_random(&st) >> 11) / 9007199254740992.0;
        int e = (int)(next_random(&st) % 41) - 20;
        pool[i] = i % 3 ? (m - 0.5) * pow(10.0, e)
                        : (double)(next_random(&st) % 20000) / 10000.0 +
                              0.00005;
    }
    /* each value to every digit count in turn, then in random order */
    for (int k = 0; k < POOL * 17 + DRAWS; k++) {
        bool in_turn = k < POOL * 17;
        double x = in_turn ? pool[k / 17] : pool[next_random(&st) % POOL];
        int d = 1 + (in_turn ? k % 17 : (int)(next_random(&st) % 17));
        char want[64], *end;
        snprintf(want, sizeof want, "%.*e", d - 1, x);
        const char *got = fmt_sig(x, d);
        double g = strtod(got, &end);
        ck_assert_msg(*end == '\0' && g == strtod(want, NULL),
                      "%.17g to %d digits: %s, printf %s", x, d, got, want);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

static void expect_ok(const char *text, double want)
{
    double v = -12345.0;
    bp_num_status st = bp_parse_number(text, &v);
    ck_assert_msg(st == BP_NUM_OK, "\"%s\" rejected (%d)", text, (int)st);
    ck_assert_msg(v == want, "\"%s\" parsed as %.17g, want %.17g", text, v,
                  want);
}

static void expect_fail(const char *text, bp_num_status want)
{
    double v = -12345.0;
    bp_num_status st = bp_parse_number(text, &v);
    ck_assert_msg(st == want, "\"%s\": status %d, want %d", text, (int)st,
                  (int)want);
    ck_assert_msg(v == -12345.0, "\"%s\": out written on failure", text);
}

START_TEST(parse_accepts)
{
    expect_ok("0", 0.0);
    expect_ok("1", 1.0);
    expect_ok("-1", -1.0);
    expect_ok("+1", 1.0);
    expect_ok("0.5", 0.5);
    expect_ok(".5", 0.5);
    expect_ok("-.5", -0.5);
    expect_ok("0.2815", 0.2815);
    expect_ok("-0.00585", -0.00585);
    expect_ok("1e3", 1000.0);
    expect_ok("1E3", 1000.0);
    expect_ok("1.5e-3", 0.0015);
    expect_ok("2.5E+2", 250.0);
    expect_ok("007", 7.0);
    expect_ok("1e308", 1e308);
    /* Underflow to zero or a denormal is accepted. */
    expect_ok("1e-400", 0.0);
    expect_ok("4e-320", 4e-320);

    /* -0 comes back as +0. */
    double v = 1.0;
    ck_assert_int_eq(bp_parse_number("-0", &v), BP_NUM_OK);
    ck_assert(v == 0.0 && !signbit(v));
    ck_assert_int_eq(bp_parse_number("-1e-999", &v), BP_NUM_OK);
    ck_assert(!signbit(v));
    /* out may be NULL to validate only. */
    ck_assert_int_eq(bp_parse_number("3.25", NULL), BP_NUM_OK);
}
END_TEST

START_TEST(parse_rejects_syntax)
{
    const char *bad[] = {" ",     " 1",   "1 ",  "\t1",   "1\n",  "0x1p4",
                         "0x10",  "1,5",  "1.2.3", "1e",  "1e+",  "--1",
                         "+-1",   "1_000", "5.",  ".",    "-",    "+",
                         "e5",    "1e5.0", "abc", "1a",   "nanx", "in",
                         "1.5f",  "\xe0\xa5\xa7"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_fail(bad[i], BP_NUM_SYNTAX);
}
END_TEST

START_TEST(parse_rejects_other)
{
    expect_fail("", BP_NUM_EMPTY);
    ck_assert_int_eq(bp_parse_number(NULL, NULL), BP_NUM_EMPTY);

    const char *nonfinite[] = {"nan",  "NaN",  "inf",  "-inf", "+INF",
                               ".nan", ".NaN", ".inf", "-.inf", ".Inf",
                               "infinity", "-Infinity"};
    for (size_t i = 0; i < sizeof nonfinite / sizeof nonfinite[0]; i++)
        expect_fail(nonfinite[i], BP_NUM_NONFINITE);

    expect_fail("1e999", BP_NUM_RANGE);
    expect_fail("-1e999", BP_NUM_RANGE);
    expect_fail("2e308", BP_NUM_RANGE);
}
END_TEST

START_TEST(parse_messages)
{
    ck_assert_str_eq(bp_num_status_message(BP_NUM_SYNTAX),
                     "is not a decimal number");
    ck_assert_str_eq(bp_num_status_message(BP_NUM_NONFINITE),
                     "is not finite");
    ck_assert_str_eq(bp_num_status_message(BP_NUM_RANGE), "is out of range");
    ck_assert_ptr_nonnull(bp_num_status_message(BP_NUM_EMPTY));
    ck_assert_ptr_nonnull(bp_num_status_message(BP_NUM_OK));
    ck_assert_ptr_nonnull(bp_num_status_message((bp_num_status)42));
}
END_TEST

/* Formatting a parsed lecture number gives it back unchanged. */
START_TEST(parse_format_roundtrip)
{
    const char *texts[] = {"0.4700", "-0.2610", "0.0059", "0.8808",
                           "-0.0001", "12.3456"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        double v;
        ck_assert_int_eq(bp_parse_number(texts[i], &v), BP_NUM_OK);
        ck_assert_str_eq(fmt(v, dp(4)), texts[i]);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* Digits by integer arithmetic (util/digits.c) against snprintf's      */
/* ------------------------------------------------------------------ */

/* The integer way and the text way give the same digits of x at every
 * count of digits; `must_cover`: the integer way may not fall back. */
static void same_digits(double x, bool must_cover)
{
    for (int nd = 1; nd <= BP_DIGITS_MAX; nd++) {
        bp_digits a, b;
        bool covered = bp_digits_integer(x, nd, &a);
        ck_assert_msg(covered || !must_cover, "%.17g at %d digits: not covered",
                      x, nd);
        if (!covered)
            bp_digits_of(x, nd, &a);
        bp_digits_text(x, nd, &b);
        ck_assert_msg(a.neg == b.neg && a.n == b.n && a.point == b.point &&
                          memcmp(a.d, b.d, (size_t)a.n) == 0,
                      "%.17g at %d digits: integer %s0.%.*se%d, text %s0.%.*se%d",
                      x, nd, a.neg ? "-" : "", a.n, a.d, a.point,
                      b.neg ? "-" : "", b.n, b.d, b.point);
    }
}

/* The decimal back to binary, as the text way did it: strtod. */
static void same_value(const bp_digits *v)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s0.%.*se%d", v->neg ? "-" : "", v->n, v->d,
             v->point);
    double want = v->n == 0 ? 0.0 : strtod(tmp, NULL);
    double got = bp_digits_value(v);
    ck_assert_msg(memcmp(&want, &got, sizeof want) == 0,
                  "%s: strtod %.17g, bp_digits_value %.17g", tmp, want, got);
}

START_TEST(digits_edge_cases)
{
    static const double covered[] = {
        0.0, 0.2815, 0.28149999999999997, 0.2825, 0.0005, 0.00005,
        /* x.xxx5 exactly representable: a tie, to the even digit */
        0.125, 0.375, 2.5, 3.5, 9.5, 99.5, 0.5, 1.5, 1048576.5,
        /* 2^-22 = 2.384185791015625e-07: a tie at 15 digits */
        2.384185791015625e-07, 4.76837158203125e-07,
        /* x.xxx5 not representable: just above or below the half */
        2.675, 1.005, 0.045, 1.0000000000000002, 0.9999999999999999,
        0.1, 1.0 / 3.0, 2.0 / 3.0, 123.456, 0.474, 0.5249791874789399,
        /* large exponents, 17 digits, beyond 2^53 */
        1e15, 999999999999999.9, 9007199254740993.0, 123456789012345678.0,
        1e17, 1e18, 1e20, 1e-5, 1e-10, 1.2345678901234567e-12,
        0.30000000000000004, 5e-15, 9.999999999999999e22, 1e22, 1e23,
    };
    for (size_t i = 0; i < sizeof covered / sizeof covered[0]; i++) {
        same_digits(covered[i], true);
        same_digits(-covered[i], true);
    }
    /* Beyond the integer way's range: the text way, the same result. */
    static const double far[] = {DBL_MAX, DBL_MIN, 5e-324, 1e300, 1e-300,
                                 1e-25, 3e40, -0.0};
    for (size_t i = 0; i < sizeof far / sizeof far[0]; i++) {
        same_digits(far[i], false);
        same_digits(-far[i], false);
    }
}
END_TEST

START_TEST(digits_ties_to_even)
{
    bp_digits v;
    /* printf rounds the binary value to nearest, a tie to even */
    ck_assert(bp_digits_integer(0.125, 2, &v));
    ck_assert_int_eq(v.n, 2);
    ck_assert(memcmp(v.d, "12", 2) == 0); /* 0.12, not 0.13 */
    ck_assert(bp_digits_integer(0.375, 2, &v));
    ck_assert(memcmp(v.d, "38", 2) == 0);
    ck_assert(bp_digits_integer(9.5, 1, &v)); /* 9.5 -> 10: a digit more */
    ck_assert_int_eq(v.n, 1);
    ck_assert_int_eq(v.d[0], '1');
    ck_assert_int_eq(v.point, 2);
    ck_assert(bp_digits_integer(-2.384185791015625e-07, 15, &v));
    ck_assert(v.neg);
    ck_assert_int_eq(v.point, -6);
    ck_assert(memcmp(v.d, "238418579101562", 15) == 0);
}
END_TEST

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

START_TEST(digits_random)
{
    uint64_t seed = 88172645463325252ULL;
    for (int i = 0; i < 2000; i++) {
        uint64_t r = xorshift(&seed);
        double x;
        switch (i % 3) {
        case 0: /* any bits */
            memcpy(&x, &r, sizeof x);
            break;
        case 1: /* 53-bit mantissas between 2^-100 and 2^40 */
            x = ldexp((double)(r >> 11), (int)(xorshift(&seed) % 140) - 153);
            break;
        default: /* short decimals ending in 5, times a power of ten */
            x = (double)((r % 100000000) * 10 + 5) *
                pow(10.0, (double)((int)(xorshift(&seed) % 30) - 20));
            break;
        }
        if (isfinite(x))
            same_digits((r & 1) ? -x : x, false);
    }
}
END_TEST

START_TEST(digits_back_to_binary)
{
    bp_digits v;
    /* every rounding of these values, at every place */
    static const double xs[] = {0.2815, 0.5249791874789399, -0.7, 1e-5,
                                123456.789, 0.1 + 0.2, 3e20, 4.9e-300};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        for (int nd = 1; nd <= 15; nd++) {
            bp_digits_of(xs[i], nd, &v);
            same_value(&v);
        }
    /* 16 and 17 digits, and points beyond 10^22: through strtod */
    bp_digits_of(0.1, 17, &v);
    same_value(&v);
    bp_digits_of(1e30, 15, &v);
    same_value(&v);
}
END_TEST

START_TEST(digits_read_as_strtod)
{
    static const char *const texts[] = {
        "0.2815", "-0.0", "0", "00012", "0.000123", "1.5e3", "-1.5E-3",
        "123456789012345", "1234567890123456", "0.1", "9007199254740993",
        "1e22", "1e23", "1e-22", "1e-23", "4.7e-7", "+0.5", ".5", "5",
        "0.30000000000000004", "1e400", "1e-400", "1e0000000000000000001",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        double got;
        if (!bp_digits_read(texts[i], &got))
            continue; /* strtod's work */
        double want = strtod(texts[i], NULL);
        ck_assert_msg(memcmp(&got, &want, sizeof got) == 0,
                      "%s: strtod %.17g, bp_digits_read %.17g", texts[i],
                      want, got);
    }
    double v;
    ck_assert(bp_digits_read("0.2815", &v)); /* the fast path is taken */
    ck_assert(!bp_digits_read("1234567890123456", &v)); /* 16 digits */
    ck_assert(!bp_digits_read("1e23", &v));
}
END_TEST

/* Every value of every shipped lesson's trace (exact, hand and the shown
 * intermediates) has the same digits both ways, and its every rounding
 * the same double: what the traces print cannot change. */
START_TEST(digits_every_lesson_value)
{
    static const char *const lessons[] = {
        "total-error", "weighted-sum", "weighted-sum-selftest",
        "sigmoid-table", "error-terms", "weight-update", "complete-example",
        "cross-entropy", "leaky-relu", "softplus", "chain-rule",
        "learning-rates", "two-outputs", "softmax", "self-test", "xor",
        "encoder-8-3-8",
    };
    int values = 0;
    for (size_t i = 0; i < sizeof lessons / sizeof lessons[0]; i++) {
        bp_lesson *l = unit_load_shipped(lessons[i]);
        bp_trace *t = unit_trace(l);
        for (int k = 0; k < t->n; k++) {
            const bp_quantity *q = &t->q[k];
            const double xs[] = {q->exact, q->hand, q->aux_exact, q->aux_hand};
            for (size_t j = 0; j < 4; j++) {
                if (!isfinite(xs[j]))
                    continue;
                same_digits(xs[j], true);
                for (int nd = 1; nd <= 15; nd++) {
                    bp_digits v;
                    bp_digits_of(xs[j], nd, &v);
                    same_value(&v);
                }
                values++;
            }
        }
        bp_trace_free(t);
        bp_lesson_free(l);
    }
    ck_assert_int_gt(values, 1000);
}
END_TEST

static Suite *number_suite(void)
{
    Suite *s = suite_create("number");

    TCase *tc = tcase_create("logistic");
    tcase_add_test(tc, logistic_lecture_values);
    tcase_add_test(tc, logistic_symmetry);
    tcase_add_test(tc, logistic_extremes);
    suite_add_tcase(s, tc);

    tc = tcase_create("round");
    tcase_add_test(tc, round_decimal_halves);
    tcase_add_test(tc, round_to_zero);
    tcase_add_test(tc, round_significant);
    tcase_add_test(tc, round_magnitudes);
    tcase_add_test(tc, round_passthrough);
    suite_add_tcase(s, tc);

    tc = tcase_create("format");
    tcase_add_test(tc, format_decimals);
    tcase_add_test(tc, format_no_negative_zero);
    tcase_add_test(tc, format_significant);
    tcase_add_test(tc, format_none);
    tcase_add_test(tc, format_magnitudes);
    tcase_add_test(tc, format_nonfinite);
    tcase_add_test(tc, format_truncation);
    tcase_add_test(tc, format_sig_digits);
    tcase_add_test(tc, format_sig_repeated_values);
    suite_add_tcase(s, tc);

    tc = tcase_create("parse");
    tcase_add_test(tc, parse_accepts);
    tcase_add_test(tc, parse_rejects_syntax);
    tcase_add_test(tc, parse_rejects_other);
    tcase_add_test(tc, parse_messages);
    tcase_add_test(tc, parse_format_roundtrip);
    suite_add_tcase(s, tc);

    tc = tcase_create("digits");
    tcase_add_test(tc, digits_edge_cases);
    tcase_add_test(tc, digits_ties_to_even);
    tcase_add_test(tc, digits_random);
    tcase_add_test(tc, digits_back_to_binary);
    tcase_add_test(tc, digits_read_as_strtod);
    tcase_add_test(tc, digits_every_lesson_value);
    suite_add_tcase(s, tc);

    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(number_suite());
    srunner_run_all(sr, CK_ENV);
    int failures = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failures ? 1 : 0;
}
