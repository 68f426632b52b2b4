/* plot.h: learning curves, drawn in characters for a terminal or as a
 * standalone SVG file.
 *
 * A curve is one error per epoch: y[i] is the error after epoch i + 1, so
 * the x axis counts epochs from 1.  The y axis is linear (a learning curve
 * is read for its knee and its plateau, which a linear axis shows as they
 * are; a log axis would be a later option); its range is the smallest and
 * largest drawn value of all the curves, widened to round tick values.
 *
 * Values that cannot be drawn are skipped, never written: NaN, infinities,
 * and |y| > BP_PLOT_MAX_ABS (their scale would swamp every other value).
 * A skipped epoch leaves no mark; an SVG polyline joins its neighbours.
 * Nothing is drawn for a curve with no drawable value (it still has its
 * line in the legend, marked "no values").
 *
 * The plots do no computing beyond scaling: they are renderers. */
#ifndef BP_PLOT_H
#define BP_PLOT_H

#include "bptrace/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    const char *label;
    const double *y;
    int n;
} bp_curve; /* y[i]: the error after epoch i+1 */

/* A plot of at most 60 x 15 characters: a y axis with tick labels (y_label
 * above it), an x axis of epochs with tick labels, one mark per curve (●,
 * ○, ▲, ...; with ascii *, o, +, ...) and a legend.  Where two curves fall
 * on one cell the later one's mark is shown.  Returns BP_OK; BP_ERR_IO when
 * writing failed; BP_ERR_NOMEM out of memory. */
bp_status bp_plot_text(const bp_curve *curves, int n_curves,
                       const char *y_label, bool ascii, FILE *out);

/* A standalone SVG file: the title, both axes with ticks, numbers and
 * titles, one polyline per curve (its own colour and dash pattern; a
 * single value is a dot), a legend.  Curves of more than BP_PLOT_SVG_POINTS
 * epochs are thinned to at most that many points, keeping each stretch's
 * lowest and highest value.  Labels are XML-escaped.  Returns as
 * bp_plot_text does. */
bp_status bp_plot_svg(const bp_curve *curves, int n_curves,
                      const char *title, const char *x_label,
                      const char *y_label, FILE *out);

/* ---- The scaling, exposed for the tests ---- */

#define BP_PLOT_MAX_ABS 1e300
#define BP_PLOT_SVG_POINTS 1000

/* Whether a value is drawn at all (see above). */
bool bp_plot_drawable(double y);

/* The smallest and largest drawable value of all the curves; false when
 * there is none. */
bool bp_plot_range(const bp_curve *curves, int n_curves, double *lo,
                   double *hi);

/* An axis: from lo to hi, ticks at lo, lo + step, ..., hi (count of them),
 * labelled with `decimals` digits after the point. */
typedef struct {
    double lo, hi, step;
    int count;
    int decimals;
} bp_plot_axis;

/* The axis of round ticks (step 1, 2 or 5 times a power of ten) that
 * covers [lo, hi] with at most max_ticks (>= 2) ticks, the widest step
 * first refused.  lo == hi (or nearly) is widened around the value;
 * `integer` keeps the step at least 1 (epochs). */
void bp_plot_nice_axis(double lo, double hi, int max_ticks, bool integer,
                       bp_plot_axis *axis);

/* The axis's i-th tick value, exactly as labelled (no 0.30000000000000004,
 * no -0). */
double bp_plot_tick(const bp_plot_axis *axis, int i);
/* A tick label: v with `decimals` digits after the point, or in
 * e-notation beyond what plain digits write readably. */
void bp_plot_tick_label(char *buf, size_t size, double v, int decimals);

/* The x axis of n epochs: from 1 to n (from 0 to 2 for one epoch), ticks
 * at round multiples (at most max_ticks, <= BP_PLOT_MAX_TICKS, of them)
 * and at 1 unless a multiple is near it.  Writes the ticks (max_ticks + 1
 * are room enough) and returns how many. */
#define BP_PLOT_MAX_TICKS 16
int bp_plot_epoch_ticks(int n, int max_ticks, double *lo, double *hi,
                        double *ticks);

/* The indexes of y[0..n) to draw when at most max_points (>= 4) may be:
 * all of them when they fit; otherwise, for each of max_points / 2
 * stretches, its lowest and highest drawable value in epoch order, and
 * always the first and the last drawable value.  Undrawable values are
 * left out.  Writes at most max(max_points, n) indexes to idx (n is
 * enough) and returns how many. */
int bp_plot_downsample(const double *y, int n, int max_points, int *idx);

#endif
