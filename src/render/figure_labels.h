/* figure_labels.h: where the network figure writes each weight's value
 * (LaTeX's picture, the HTML page's SVG): centred on its own edge, at the
 * fraction along it nearest a preferred one where no other edge crosses
 * the label, no other label overlaps it and no unit's circle covers it.
 * Pure geometry: the caller gives the edges and the labels' sizes in its
 * own units and draws. */
#ifndef BP_FIGURE_LABELS_H
#define BP_FIGURE_LABELS_H

#include <stdbool.h>

/* A network of more weights than this is too dense to label on a page
 * (the 8-3-8 encoder's 48 already are), so the callers' arrays are of
 * this size, on the stack. */
#define FIG_MAX_LABELS 64

typedef struct {
    double x, y;
} fig_point;

typedef struct {
    double x0, y0, x1, y1; /* x0 < x1, y0 < y1 */
} fig_box;

typedef struct {
    int n_edges;
    const fig_point *from, *to; /* each edge's ends, on the circles */
    const double *width;        /* each edge's label's width */
    double height;              /* every label's height */
    int n_units;
    const fig_point *unit;      /* the circles' centres */
    double radius;
    double prefer;              /* the fraction along an edge tried first */
    double clearance;           /* the least room around a label */
} fig_labels;

/* Fills box[i] for each edge i, corners on whole units.  False when some
 * label has no clear place (a network too dense to label, as the 8-3-8
 * encoder): the caller then draws no label. */
bool fig_place_labels(const fig_labels *f, fig_box *box);

/* The fractions of segment a-b where it enters and leaves `box` grown by
 * `grow` on each side; false when it misses it. */
bool fig_segment_clip(fig_point a, fig_point b, fig_box box, double grow,
                      double *t_in, double *t_out);

#endif
