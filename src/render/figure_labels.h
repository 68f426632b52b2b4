/* figure_labels.h: where the network figure writes each weight's value
 * (LaTeX's picture, the HTML page's SVG): centred on its own edge, at the
 * fraction along it nearest a preferred one where no other edge crosses
 * the label, no other label overlaps it and no unit's circle covers it.
 * The renderer says where its units stand; this finds the edges and the
 * labels' boxes, in the renderer's units, and the renderer draws them. */
#ifndef BP_FIGURE_LABELS_H
#define BP_FIGURE_LABELS_H

#include "lesson/lesson_internal.h"

#include <stdbool.h>

/* A network of more weights than this is too dense to label on a page
 * (the 8-3-8 encoder's 48 already are). */
#define FIG_MAX_LABELS 64

typedef struct {
    double x, y;
} fig_point;

typedef struct {
    double x0, y0, x1, y1; /* x0 < x1, y0 < y1 */
} fig_box;

/* The formats that draw the figure; each measures its labels its own way
 * (figure_labels.c's table). */
typedef enum {
    FIG_LATEX, /* \scriptsize math, in points */
    FIG_HTML,  /* the page's 12px sans-serif, in pixels */
} fig_format;

/* A renderer's figure: the lesson's units as circles of `radius`, unit
 * u's centre where unit_at says (whole units of the figure). */
typedef struct fig_network fig_network;
struct fig_network {
    const bp_lesson *l;
    double radius;
    fig_point (*unit_at)(const fig_network *n, int u);
    const void *layout; /* what unit_at needs beyond the lesson */
};

/* Weight i's edge, from circle to circle, its ends on whole units. */
void fig_edge_ends(const fig_network *n, int i, fig_point *from,
                   fig_point *to);

/* Fills box[i] (FIG_MAX_LABELS of them) for each weight i of n's lesson,
 * corners on whole units; `unit_length` is one unit of the figure in the
 * format's own (LaTeX's \unitlength in points, 1 for the SVG's pixels).
 * False when the network has more weights than FIG_MAX_LABELS or some
 * label has no clear place (a network too dense to label, as the 8-3-8
 * encoder): the caller then draws no label. */
bool fig_place_weight_labels(const fig_network *n, fig_format format,
                             double unit_length, fig_box *box);

/* The fractions of segment a-b where it enters and leaves `box` grown by
 * `grow` on each side; false when it misses it. */
bool fig_segment_clip(fig_point a, fig_point b, fig_box box, double grow,
                      double *t_in, double *t_out);

#endif
