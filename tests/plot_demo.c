/* plot_demo.c: learning curves of fixed series, for the plot tests.
 * plot_demo text|ascii|svg CASE writes the plot of CASE to standard
 * output; exit 0, or 1 when the plot failed, 2 on usage. */
#include "train/plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HUGE_N 200000

static double small_a[] = {0.30, 0.25, 0.20, 0.16, 0.13, 0.11, 0.10, 0.095};
static double small_b[] = {0.30, 0.18, 0.12, 0.09, 0.07, 0.06, 0.055, 0.05};
static double one[] = {0.125};
static double flat[] = {0.5, 0.5, 0.5, 0.5};
static double wide[] = {10, 1, 0.1, 0.01, 1e-3, 1e-4, 1e-5, 1e-6};
static double bad[6];
static double *huge_y;

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    const char *how = argv[1], *name = argv[2];
    bp_curve c[3];
    int n = 0;
    if (strcmp(name, "small") == 0) {
        c[n++] = (bp_curve){"eta = 0.1", small_a, 8};
        c[n++] = (bp_curve){"eta = 0.5", small_b, 8};
    } else if (strcmp(name, "one") == 0) {
        c[n++] = (bp_curve){"one epoch", one, 1};
    } else if (strcmp(name, "flat") == 0) {
        c[n++] = (bp_curve){"flat", flat, 4};
    } else if (strcmp(name, "wide") == 0) {
        c[n++] = (bp_curve){"orders of magnitude", wide, 8};
    } else if (strcmp(name, "bad") == 0) {
        /* NaN, infinities and a value beyond BP_PLOT_MAX_ABS are skipped */
        double v[6] = {0.4, NAN, 0.3, INFINITY, 1e308, 0.1};
        memcpy(bad, v, sizeof v);
        c[n++] = (bp_curve){"with gaps", bad, 6};
        c[n++] = (bp_curve){"nothing", bad + 1, 1};
        c[n++] = (bp_curve){"fine", small_a, 8};
    } else if (strcmp(name, "huge") == 0) {
        huge_y = malloc(sizeof *huge_y * HUGE_N);
        if (!huge_y)
            return 1;
        for (int i = 0; i < HUGE_N; i++)
            huge_y[i] = 1.0 / (1 + i * 0.01);
        huge_y[123457] = 2.5; /* a spike that thinning must keep */
        c[n++] = (bp_curve){"200000 epochs", huge_y, HUGE_N};
        c[n++] = (bp_curve){"short", small_b, 8};
    } else if (strcmp(name, "escape") == 0) {
        c[n++] = (bp_curve){"a<b & \"c\" 'd'\x01 \xff ok", small_a, 8};
    } else {
        return 2;
    }
    bp_status rc;
    if (strcmp(how, "svg") == 0)
        rc = bp_plot_svg(c, n, strcmp(name, "escape") == 0 ? "T<&>" : "Learning curve",
                         "epoch", "E (sum over D)", stdout);
    else if (strcmp(how, "text") == 0 || strcmp(how, "ascii") == 0)
        rc = bp_plot_text(c, n, "E", strcmp(how, "ascii") == 0, stdout);
    else
        return 2;
    free(huge_y);
    return rc == BP_OK ? 0 : 1;
}
