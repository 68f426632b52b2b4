/* test_plot.c: the scaling of the learning-curve plots: ranges, round
 * ticks, epoch ticks, thinning, and what is never drawn. */
#include "train/plot.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void assert_axis(double lo, double hi, int max_ticks, bool integer,
                        double want_lo, double want_hi, double want_step,
                        int want_count, int want_decimals)
{
    bp_plot_axis a;
    bp_plot_nice_axis(lo, hi, max_ticks, integer, &a);
    ck_assert_double_eq_tol(a.lo, want_lo, 1e-12 * fabs(want_step));
    ck_assert_double_eq_tol(a.hi, want_hi, 1e-12 * fabs(want_step));
    ck_assert_double_eq_tol(a.step, want_step, 1e-15 * fabs(want_step));
    ck_assert_int_eq(a.count, want_count);
    ck_assert_int_eq(a.decimals, want_decimals);
    ck_assert_int_le(a.count, max_ticks);
    /* covers the values (but for a billionth of a step: 0.3 / 0.1) */
    ck_assert(a.lo <= lo + 1e-9 * a.step && a.hi >= hi - 1e-9 * a.step);
}

START_TEST(nice_axis_round_steps)
{
    /* a learning curve from 0.3 to 0.05: steps of 0.05 */
    assert_axis(0.05, 0.3, 6, false, 0.05, 0.3, 0.05, 6, 2);
    /* 0.3 / 0.1 is 2.9999999999999996: still a tick at 0.3, not 0.2 */
    assert_axis(0.3, 0.7, 5, false, 0.3, 0.7, 0.1, 5, 1);
    assert_axis(0.0123, 0.0871, 6, false, 0.0, 0.1, 0.02, 6, 2);
    assert_axis(3, 97, 6, false, 0, 100, 20, 6, 0);
    assert_axis(-1.5, 2.5, 6, false, -2, 3, 1, 6, 0);
    /* orders of magnitude: linear, so the small values share one tick */
    assert_axis(1e-6, 10, 6, false, 0, 10, 2, 6, 0);
    /* tiny values keep their digits */
    assert_axis(1.2e-7, 8.9e-7, 6, false, 0, 1e-6, 2e-7, 6, 7);
}
END_TEST

START_TEST(nice_axis_equal_values)
{
    /* all equal: widened by 10% each side, the value inside */
    assert_axis(0.5, 0.5, 6, false, 0.45, 0.55, 0.05, 3, 2);
    assert_axis(0.5, 0.5, 7, false, 0.44, 0.56, 0.02, 7, 2);
    /* an error of 0 throughout: 0 to 1 */
    assert_axis(0, 0, 6, false, 0, 1, 0.2, 6, 1);
    /* equal but for the last bits is equal */
    assert_axis(0.1, nextafter(0.1, 1), 6, false, 0.09, 0.11, 0.005, 5, 3);
    /* epochs: one epoch */
    assert_axis(1, 1, 10, true, 0, 2, 1, 3, 0);
}
END_TEST

START_TEST(nice_axis_extremes)
{
    bp_plot_axis a;
    bp_plot_nice_axis(-1e300, 1e300, 8, false, &a);
    ck_assert(isfinite(a.lo) && isfinite(a.hi) && isfinite(a.step));
    ck_assert(a.lo <= -1e300 && a.hi >= 1e300);
    ck_assert_int_le(a.count, 8);
    /* integer axes never step below 1 */
    bp_plot_nice_axis(1, 3, 10, true, &a);
    ck_assert_double_eq(a.step, 1);
    ck_assert_int_eq(a.count, 3);
}
END_TEST

START_TEST(ticks_are_clean)
{
    bp_plot_axis a;
    bp_plot_nice_axis(-0.3, 0.3, 7, false, &a);
    char buf[40];
    const char *want[] = {"-0.3", "-0.2", "-0.1", "0.0", "0.1", "0.2",
                          "0.3"};
    ck_assert_int_eq(a.count, 7);
    for (int i = 0; i < a.count; i++) {
        double v = bp_plot_tick(&a, i);
        bp_plot_tick_label(buf, sizeof buf, v, a.decimals);
        ck_assert_str_eq(buf, want[i]);
        ck_assert(!signbit(v) || v < 0); /* never -0 */
    }
    ck_assert_double_eq(bp_plot_tick(&a, 4), 0.1); /* not 0.10000000000000003 */
    bp_plot_tick_label(buf, sizeof buf, 2e-12, 12);
    ck_assert_str_eq(buf, "2e-12");
    bp_plot_tick_label(buf, sizeof buf, 3e20, 0);
    ck_assert_str_eq(buf, "3e+20");
}
END_TEST

START_TEST(epoch_ticks)
{
    double lo, hi, t[BP_PLOT_MAX_TICKS + 1];
    int n = bp_plot_epoch_ticks(8, 7, &lo, &hi, t);
    ck_assert_double_eq(lo, 1);
    ck_assert_double_eq(hi, 8);
    ck_assert_int_eq(n, 4);
    ck_assert_double_eq(t[0], 2);
    ck_assert_double_eq(t[3], 8);
    /* 1000 epochs: 1, then 200, 400, ... 1000 */
    n = bp_plot_epoch_ticks(1000, 7, &lo, &hi, t);
    ck_assert_int_eq(n, 6);
    ck_assert_double_eq(t[0], 1);
    ck_assert_double_eq(t[1], 200);
    ck_assert_double_eq(t[5], 1000);
    /* one epoch sits in the middle of 0..2 */
    n = bp_plot_epoch_ticks(1, 7, &lo, &hi, t);
    ck_assert_int_eq(n, 1);
    ck_assert_double_eq(lo, 0);
    ck_assert_double_eq(hi, 2);
    ck_assert_double_eq(t[0], 1);
    /* never more than asked (and one for epoch 1) */
    for (int e = 2; e < 3000; e += 37) {
        n = bp_plot_epoch_ticks(e, 5, &lo, &hi, t);
        ck_assert_int_le(n, 6);
        for (int i = 0; i < n; i++)
            ck_assert(t[i] >= 1 && t[i] <= e);
    }
}
END_TEST

START_TEST(range_skips_undrawable)
{
    double y[] = {NAN, 0.4, INFINITY, -INFINITY, 2e300, 0.1, -1e300};
    bp_curve c[2] = {{"a", y, 6}, {"b", y, 1}};
    double lo, hi;
    ck_assert(bp_plot_range(c, 2, &lo, &hi));
    ck_assert_double_eq(lo, 0.1);
    ck_assert_double_eq(hi, 0.4);
    c[0].n = 7; /* -1e300 is the largest magnitude still drawn */
    ck_assert(bp_plot_range(c, 1, &lo, &hi));
    ck_assert_double_eq(lo, -1e300);
    ck_assert(!bp_plot_range(c + 1, 1, &lo, &hi));
    ck_assert(!bp_plot_range(c, 0, &lo, &hi));
    ck_assert(!bp_plot_drawable(NAN));
    ck_assert(bp_plot_drawable(BP_PLOT_MAX_ABS));
}
END_TEST

START_TEST(downsample_keeps_spikes)
{
    int n = 100000;
    double *y = malloc(sizeof *y * (size_t)n);
    int *idx = malloc(sizeof *idx * (size_t)n);
    ck_assert(y && idx);
    for (int i = 0; i < n; i++)
        y[i] = 1.0 / (1 + i);
    y[54321] = 7;  /* a spike */
    y[77777] = NAN;
    int m = bp_plot_downsample(y, n, 1000, idx);
    ck_assert_int_le(m, 1000);
    ck_assert_int_ge(m, 900);
    ck_assert_int_eq(idx[0], 0);
    ck_assert_int_eq(idx[m - 1], n - 1);
    bool spike = false;
    for (int j = 0; j < m; j++) {
        ck_assert(bp_plot_drawable(y[idx[j]]));
        if (j > 0)
            ck_assert_int_gt(idx[j], idx[j - 1]); /* in epoch order */
        spike |= idx[j] == 54321;
    }
    ck_assert(spike);
    /* few values: all of them but the undrawable */
    double s[] = {1, NAN, 3};
    ck_assert_int_eq(bp_plot_downsample(s, 3, 1000, idx), 2);
    ck_assert_int_eq(idx[1], 2);
    free(y);
    free(idx);
}
END_TEST

START_TEST(write_failure_reported)
{
    /* a stream open for reading only: every write fails */
    FILE *f = fopen(BP_SOURCE_ROOT "/tests/test_plot.c", "r");
    ck_assert(f != NULL);
    double y[] = {0.3, 0.2};
    bp_curve c = {"x", y, 2};
    ck_assert_int_eq(bp_plot_text(&c, 1, "E", false, f), BP_ERR_IO);
    clearerr(f);
    ck_assert_int_eq(bp_plot_svg(&c, 1, "t", "epoch", "E", f), BP_ERR_IO);
    fclose(f);
}
END_TEST

static Suite *plot_suite(void)
{
    Suite *s = suite_create("plot");
    TCase *tc = tcase_create("scaling");
    tcase_add_test(tc, nice_axis_round_steps);
    tcase_add_test(tc, nice_axis_equal_values);
    tcase_add_test(tc, nice_axis_extremes);
    tcase_add_test(tc, ticks_are_clean);
    tcase_add_test(tc, epoch_ticks);
    tcase_add_test(tc, range_skips_undrawable);
    tcase_add_test(tc, downsample_keeps_spikes);
    tcase_add_test(tc, write_failure_reported);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(plot_suite());
    srunner_run_all(sr, CK_ENV);
    int failures = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failures ? 1 : 0;
}
