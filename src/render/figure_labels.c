/* figure_labels.c: a weight's label on its own edge, clear of the others
 * (figure_labels.h).  Each label in turn tries the fractions 0.10 to 0.90
 * along its edge, nearest the preferred one first, and takes the first
 * where its box is clear; labels placed earlier stay.  A network of a
 * dozen edges tries a few thousand boxes. */
#include "render/figure_labels.h"
#include "render/text.h"

#include <math.h>
#include <stdlib.h>

enum { FIRST_STEP = 10, LAST_STEP = 90, STEPS = 100 };

/* How a format's labels measure, in its own units: a weight's value is
 * `pad` (a little room each side) plus each character's width wide and
 * `height` high.  Where along its edge a label is tried first, and the
 * least room around it, are in the figure's units. */
typedef struct {
    double pad, point, minus, other; /* '.', '-', any other character */
    double height;
    double prefer;    /* the fraction along an edge tried first */
    double clearance; /* the least room around a label */
} fig_metrics;

static const fig_metrics metrics[] = {
    /* points of \scriptsize math: cmmi7's point, cmsy7's minus, cmr7's
     * digits */
    [FIG_LATEX] = {4, 2.4, 6.3, 4.5, 8.0, 0.3, 1},
    /* pixels of the page's 12px sans-serif */
    [FIG_HTML] = {6, 3.5, 5, 7, 14.0, 0.32, 1},
};

typedef struct {
    int n_edges;
    const fig_point *from, *to; /* each edge's ends, on the circles */
    const double *width;        /* each edge's label's width */
    double height;              /* every label's height */
    int n_units;
    const fig_point *unit;      /* the circles' centres */
    double radius;
    double prefer;
    double clearance;
} fig_labels;

bool fig_segment_clip(fig_point a, fig_point b, fig_box box, double grow,
                      double *t_in, double *t_out)
{
    /* Liang-Barsky: the segment's part inside each of the four sides */
    double dx = b.x - a.x, dy = b.y - a.y;
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {a.x - (box.x0 - grow), (box.x1 + grow) - a.x,
                   a.y - (box.y0 - grow), (box.y1 + grow) - a.y};
    double t0 = 0, t1 = 1;
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0) {
            if (q[k] <= 0)
                return false;
            continue;
        }
        double r = q[k] / p[k];
        if (p[k] < 0) {
            if (r > t1)
                return false;
            if (r > t0)
                t0 = r;
        } else {
            if (r < t0)
                return false;
            if (r < t1)
                t1 = r;
        }
    }
    if (t1 - t0 <= 1e-9)
        return false;
    *t_in = t0;
    *t_out = t1;
    return true;
}

static bool boxes_overlap(fig_box a, fig_box b, double clearance)
{
    return a.x0 < b.x1 + clearance && b.x0 < a.x1 + clearance &&
           a.y0 < b.y1 + clearance && b.y0 < a.y1 + clearance;
}

static bool covers(fig_point c, double radius, fig_box b)
{
    double dx = fmax(fmax(b.x0 - c.x, 0), c.x - b.x1);
    double dy = fmax(fmax(b.y0 - c.y, 0), c.y - b.y1);
    return dx * dx + dy * dy < radius * radius;
}

static bool clear(const fig_labels *f, int i, fig_box b, const fig_box *placed)
{
    double t0, t1;
    for (int j = 0; j < f->n_edges; j++)
        if (j != i &&
            fig_segment_clip(f->from[j], f->to[j], b, f->clearance, &t0, &t1))
            return false;
    for (int j = 0; j < i; j++)
        if (boxes_overlap(b, placed[j], f->clearance))
            return false;
    for (int u = 0; u < f->n_units; u++)
        if (covers(f->unit[u], f->radius + f->clearance, b))
            return false;
    return true;
}

/* False when some label has no clear place. */
static bool place_labels(const fig_labels *f, fig_box *box)
{
    long prefer = lround(f->prefer * STEPS);
    for (int i = 0; i < f->n_edges; i++) {
        fig_point a = f->from[i], b = f->to[i];
        bool placed = false;
        /* prefer, prefer - 1, prefer + 1, prefer - 2, ... */
        for (long k = 0; !placed && k <= 2 * STEPS; k++) {
            long step = prefer + (k % 2 ? -(k + 1) / 2 : k / 2);
            if (step < FIRST_STEP || step > LAST_STEP)
                continue;
            double t = (double)step / STEPS;
            double cx = a.x + t * (b.x - a.x), cy = a.y + t * (b.y - a.y);
            fig_box c = {floor(cx - f->width[i] / 2),
                         floor(cy - f->height / 2),
                         ceil(cx + f->width[i] / 2),
                         ceil(cy + f->height / 2)};
            if (clear(f, i, c, box)) {
                box[i] = c;
                placed = true;
            }
        }
        if (!placed)
            return false;
    }
    return true;
}

void fig_edge_ends(const fig_network *n, int i, fig_point *from,
                   fig_point *to)
{
    const bp_weight *w = &n->l->weights[i];
    fig_point a = n->unit_at(n, w->from), b = n->unit_at(n, w->to);
    double dx = b.x - a.x, dy = b.y - a.y;
    double len = sqrt(dx * dx + dy * dy);
    *from = (fig_point){a.x + (double)lround(n->radius * dx / len),
                        a.y + (double)lround(n->radius * dy / len)};
    *to = (fig_point){b.x - (double)lround(n->radius * dx / len),
                      b.y - (double)lround(n->radius * dy / len)};
}

static double label_width(const fig_metrics *m, const char *num)
{
    double w = m->pad;
    for (const char *p = num; *p; p++)
        w += *p == '.' ? m->point : *p == '-' ? m->minus : m->other;
    return w;
}

bool fig_place_weight_labels(const fig_network *n, fig_format format,
                             double unit_length, fig_box *box)
{
    const bp_lesson *l = n->l;
    const fig_metrics *m = &metrics[format];
    char num[TEXT_NUM];
    fig_point from[FIG_MAX_LABELS], to[FIG_MAX_LABELS], unit[BP_MAX_UNITS];
    double width[FIG_MAX_LABELS];
    if (l->n_weights > FIG_MAX_LABELS || l->n_units > BP_MAX_UNITS)
        return false;
    for (int i = 0; i < l->n_weights; i++) {
        fig_edge_ends(n, i, &from[i], &to[i]);
        bp_format(num, sizeof num, l->weights[i].value,
                  (bp_precision){BP_ROUND_NONE, 0});
        width[i] = label_width(m, num) / unit_length;
    }
    for (int u = 0; u < l->n_units; u++)
        unit[u] = n->unit_at(n, u);
    fig_labels f = {l->n_weights, from, to, width, m->height / unit_length,
                    l->n_units, unit, n->radius, m->prefer, m->clearance};
    return place_labels(&f, box);
}
