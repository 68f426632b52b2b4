/* plot.c: learning curves in characters and in SVG (see plot.h). */
#include "lesson/lesson_internal.h"
#include "train/plot.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* ---- Scaling ---- */

bool bp_plot_drawable(double y)
{
    return isfinite(y) && fabs(y) <= BP_PLOT_MAX_ABS;
}

bool bp_plot_range(const bp_curve *curves, int n_curves, double *lo,
                   double *hi)
{
    bool any = false;
    for (int c = 0; c < n_curves; c++)
        for (int i = 0; i < curves[c].n; i++) {
            double y = curves[c].y[i];
            if (!bp_plot_drawable(y))
                continue;
            if (!any || y < *lo)
                *lo = y;
            if (!any || y > *hi)
                *hi = y;
            any = true;
        }
    return any;
}

static int step_decimals(double step)
{
    return step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
}

void bp_plot_nice_axis(double lo, double hi, int max_ticks, bool integer,
                       bp_plot_axis *axis)
{
    if (max_ticks < 2)
        max_ticks = 2;
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    /* One value (or values equal but for the last bits): a range around
     * it, so that it sits inside the plot rather than on its edge. */
    if (hi - lo <= fabs(lo / 2 + hi / 2) * 1e-12) {
        double v = lo / 2 + hi / 2;
        double pad = integer ? 1 : (v == 0 ? 1 : fabs(v) * 0.1);
        lo = v - pad;
        hi = v + pad;
        if (v == 0 && !integer)
            lo = 0; /* an error of 0: the axis from 0 to 1 */
    }
    /* (hi - lo) may overflow; its parts do not. */
    double raw = hi / (max_ticks - 1) - lo / (max_ticks - 1);
    double step = pow(10, floor(log10(raw)));
    static const double mult[] = {1, 2, 5};
    for (int k = 0;; k++) {
        double s = mult[k % 3] * step * pow(10, k / 3);
        if (integer && s < 1)
            continue;
        double a = floor(lo / s + 1e-9) * s;
        double b = ceil(hi / s - 1e-9) * s;
        long count = lround(b / s - a / s) + 1;
        if (count <= max_ticks || k > 60) {
            *axis = (bp_plot_axis){a, b, s, (int)count, step_decimals(s)};
            return;
        }
    }
}

double bp_plot_tick(const bp_plot_axis *axis, int i)
{
    double v = axis->lo + i * axis->step;
    if (fabs(v) < 1e15 && axis->decimals <= 15) {
        double scale = pow(10, axis->decimals);
        v = round(v * scale) / scale;
    }
    if (fabs(v) < axis->step * 1e-9)
        v = 0; /* never -0 */
    return v;
}

void bp_plot_tick_label(char *buf, size_t size, double v, int decimals)
{
    if (fabs(v) >= 1e15 || decimals > 10)
        snprintf(buf, size, "%.3g", v);
    else
        snprintf(buf, size, "%.*f", decimals, v);
}

int bp_plot_downsample(const double *y, int n, int max_points, int *idx)
{
    int m = 0;
    int drawable = 0;
    for (int i = 0; i < n; i++)
        drawable += bp_plot_drawable(y[i]);
    if (drawable <= max_points) {
        for (int i = 0; i < n; i++)
            if (bp_plot_drawable(y[i]))
                idx[m++] = i;
        return m;
    }
    /* Stretches of epochs, each kept as its low and its high, so that a
     * spike is not thinned away; the first and last value besides. */
    int first = -1, last = -1;
    for (int i = 0; i < n && first < 0; i++)
        if (bp_plot_drawable(y[i]))
            first = i;
    for (int i = n - 1; i >= 0 && last < 0; i--)
        if (bp_plot_drawable(y[i]))
            last = i;
    int stretches = (max_points - 2) / 2;
    idx[m++] = first;
    for (int s = 0; s < stretches; s++) {
        int a = (int)((int64_t)n * s / stretches);
        int b = (int)((int64_t)n * (s + 1) / stretches);
        int lo = -1, hi = -1;
        for (int i = a; i < b; i++) {
            if (i == first || i == last || !bp_plot_drawable(y[i]))
                continue;
            if (lo < 0 || y[i] < y[lo])
                lo = i;
            if (hi < 0 || y[i] > y[hi])
                hi = i;
        }
        if (lo >= 0 && hi >= 0 && lo > hi) {
            int t = lo;
            lo = hi;
            hi = t;
        }
        if (lo >= 0)
            idx[m++] = lo;
        if (hi >= 0 && hi != lo)
            idx[m++] = hi;
    }
    if (last != first)
        idx[m++] = last;
    return m;
}

int bp_plot_epoch_ticks(int n, int max_ticks, double *lo, double *hi,
                        double *ticks)
{
    if (n <= 1) {
        *lo = 0;
        *hi = 2;
        ticks[0] = 1;
        return 1;
    }
    if (max_ticks > BP_PLOT_MAX_TICKS)
        max_ticks = BP_PLOT_MAX_TICKS;
    bp_plot_axis a;
    bp_plot_nice_axis(1, n, max_ticks, true, &a);
    *lo = 1;
    *hi = n;
    int count = 0;
    long first = (long)ceil(1 / a.step) * (long)a.step;
    if (first > 1 + a.step / 2)
        ticks[count++] = 1;
    for (long t = first; t <= n && count < max_ticks + 1; t += (long)a.step)
        ticks[count++] = (double)t;
    return count;
}

static int longest(const bp_curve *curves, int n_curves)
{
    int n = 0;
    for (int c = 0; c < n_curves; c++)
        if (curves[c].n > n)
            n = curves[c].n;
    return n;
}

static bool has_values(const bp_curve *curve)
{
    return bp_plot_range(curve, 1, &(double){0}, &(double){0});
}

/* ---- Text ---- */

#define TW 60 /* columns of the plot area */
#define TH 15 /* rows */

static const char *const marks_utf8[] = {"●", "○", "▲", "■", "◆", "×",
                                         "□", "△"};
static const char *const marks_ascii[] = {"*", "o", "+", "x", "#", "@",
                                          "%", "&"};
#define N_MARKS 8

static int scale(double v, double lo, double hi, int cells)
{
    long r = lround((v - lo) / (hi - lo) * (cells - 1));
    return r < 0 ? 0 : r >= cells ? cells - 1 : (int)r;
}

bp_status bp_plot_text(const bp_curve *curves, int n_curves,
                       const char *y_label, bool ascii, FILE *out)
{
    const char *const *marks = ascii ? marks_ascii : marks_utf8;
    const char *vbar = ascii ? "|" : "│";
    const char *ytick = ascii ? "+" : "┤";
    const char *corner = ascii ? "+" : "└";
    const char *hbar = ascii ? "-" : "─";
    const char *xtick = ascii ? "+" : "┬";
    double lo, hi;
    int nmax = longest(curves, n_curves);

    fprintf(out, "%s\n", y_label ? y_label : "");
    if (!bp_plot_range(curves, n_curves, &lo, &hi)) {
        fprintf(out, "  (no values to plot)\n");
    } else {
        bp_plot_axis ya;
        bp_plot_nice_axis(lo, hi, 6, false, &ya);
        char digits[32];
        int xw = snprintf(digits, sizeof digits, "%d", nmax) + 1;
        int max_x = TW / (xw + 2);
        double xlo, xhi, xt[BP_PLOT_MAX_TICKS + 1];
        int n_xt = bp_plot_epoch_ticks(nmax, max_x > 7 ? 7 : max_x, &xlo,
                                       &xhi, xt);

        /* cell -> curve + 1; a later curve is drawn over an earlier one */
        unsigned char grid[TH][TW];
        memset(grid, 0, sizeof grid);
        for (int c = 0; c < n_curves; c++)
            for (int i = 0; i < curves[c].n; i++)
                if (bp_plot_drawable(curves[c].y[i])) {
                    int col = scale(i + 1, xlo, xhi, TW);
                    int row = TH - 1 - scale(curves[c].y[i], ya.lo, ya.hi,
                                             TH);
                    grid[row][col] = (unsigned char)(c % N_MARKS + 1);
                }

        char label[TH][40];
        int lw = 0;
        memset(label, 0, sizeof label);
        for (int i = 0; i < ya.count; i++) {
            double v = bp_plot_tick(&ya, i);
            int row = TH - 1 - scale(v, ya.lo, ya.hi, TH);
            bp_plot_tick_label(label[row], sizeof label[row], v,
                               ya.decimals);
            int w = (int)strlen(label[row]);
            if (w > lw)
                lw = w;
        }
        for (int r = 0; r < TH; r++) {
            fprintf(out, "%*s %s", lw, label[r], label[r][0] ? ytick : vbar);
            int end = TW;
            while (end > 0 && !grid[r][end - 1])
                end--;
            for (int col = 0; col < end; col++)
                fputs(grid[r][col] ? marks[grid[r][col] - 1] : " ", out);
            fputc('\n', out);
        }

        /* the x axis: ticks, then their labels where they fit */
        bool tick[TW] = {false};
        char line[TW + 40];
        memset(line, ' ', sizeof line);
        int used = 0; /* columns of `line` taken so far */
        for (int i = 0; i < n_xt; i++) {
            double v = xt[i];
            int col = scale(v, xlo, xhi, TW);
            tick[col] = true;
            char buf[32];
            int w = snprintf(buf, sizeof buf, "%.0f", v);
            int at = col - (w - 1) / 2;
            if (at < 0)
                at = 0;
            if ((used > 0 && at < used + 1) || at + w > (int)sizeof line)
                continue;
            memcpy(line + at, buf, (size_t)w);
            used = at + w;
        }
        fprintf(out, "%*s %s", lw, "", corner);
        for (int col = 0; col < TW; col++)
            fputs(tick[col] ? xtick : hbar, out);
        fprintf(out, "\n%*s  %.*s\n", lw, "", used, line);
        fprintf(out, "%*s  %*s\n", lw, "", TW, "epoch");
    }
    for (int c = 0; c < n_curves; c++)
        fprintf(out, "  %s %s%s\n", marks[c % N_MARKS],
                curves[c].label ? curves[c].label : "",
                has_values(&curves[c]) ? "" : " (no values)");
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

/* ---- SVG ---- */

/* Text as XML character data or an attribute value: markup characters
 * escaped, control characters and bytes that are not UTF-8 replaced, so
 * that the file stays well-formed whatever a label holds. */
static void xml_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        unsigned char b = *p;
        int len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2
                : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
        bool ok = len > 0 && !(len == 2 && b < 0xC2) && !(b > 0xF4);
        for (int i = 1; ok && i < len; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (ok && len == 3) {
            unsigned cp = (b & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6
                          | (p[2] & 0x3Fu);
            ok = cp >= 0x800 && !(cp >= 0xD800 && cp <= 0xDFFF)
                 && cp != 0xFFFE && cp != 0xFFFF;
        } else if (ok && len == 4) {
            unsigned cp = (b & 0x07u) << 18 | (p[1] & 0x3Fu) << 12
                          | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu);
            ok = cp >= 0x10000 && cp <= 0x10FFFF;
        }
        if (!ok) {
            fputs("\xEF\xBF\xBD", out); /* U+FFFD */
            p++;
            continue;
        }
        switch (b) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default:
            if (b < 0x20)
                fputc(' ', out);
            else
                fwrite(p, 1, (size_t)len, out);
        }
        p += len;
    }
}

/* Okabe and Ito's colours, told apart by most colour-blind readers too;
 * the dash patterns tell curves apart in black and white. */
static const char *const colours[] = {"#0072B2", "#D55E00", "#009E73",
                                      "#CC79A7", "#E69F00", "#56B4E9",
                                      "#000000"};
#define N_COLOURS 7
static const char *const dashes[] = {"", "8 4", "2 3", "10 3 2 3"};
#define N_DASHES 4

#define SW 760          /* width */
#define PL 90.0         /* the plot area: left, right, top, bottom */
#define PR 730.0
#define PT 50.0
#define PB 370.0

static void stroke(FILE *out, int c)
{
    fprintf(out, " fill=\"none\" stroke=\"%s\" stroke-width=\"2\"",
            colours[c % N_COLOURS]);
    const char *d = dashes[(c + c / N_COLOURS) % N_DASHES];
    if (*d)
        fprintf(out, " stroke-dasharray=\"%s\"", d);
}

typedef struct {
    double lo, hi;
} span;

static double sx(const span *xa, double x)
{
    return PL + (x - xa->lo) / (xa->hi - xa->lo) * (PR - PL);
}

static double sy(const bp_plot_axis *ya, double y)
{
    return PB - (y - ya->lo) / (ya->hi - ya->lo) * (PB - PT);
}

bp_status bp_plot_svg(const bp_curve *curves, int n_curves, const char *title,
                      const char *x_label, const char *y_label, FILE *out)
{
    int nmax = longest(curves, n_curves);
    int *idx = malloc(sizeof *idx * (size_t)(nmax > 0 ? nmax : 1));
    if (!idx)
        return BP_ERR_NOMEM;
    double lo = 0, hi = 1;
    bp_plot_range(curves, n_curves, &lo, &hi);
    bp_plot_axis ya;
    bp_plot_nice_axis(lo, hi, 8, false, &ya);
    span xa;
    double xt[BP_PLOT_MAX_TICKS + 1];
    int n_xt = bp_plot_epoch_ticks(nmax, 10, &xa.lo, &xa.hi, xt);
    int height = (int)PB + 80 + 20 * n_curves;

    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                 "height=\"%d\" viewBox=\"0 0 %d %d\" "
                 "font-family=\"sans-serif\" font-size=\"12\">\n",
            SW, height, SW, height);
    fputs("<title>", out);
    xml_text(out, title);
    fputs("</title>\n", out);
    fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", SW,
            height);
    fprintf(out, "<text class=\"title\" x=\"%.1f\" y=\"28\" "
                 "text-anchor=\"middle\" font-size=\"16\">",
            (PL + PR) / 2);
    xml_text(out, title);
    fputs("</text>\n", out);

    /* grid lines and ticks with their numbers */
    fputs("<g class=\"y-axis\">\n", out);
    for (int i = 0; i < ya.count; i++) {
        double v = bp_plot_tick(&ya, i);
        char buf[40];
        bp_plot_tick_label(buf, sizeof buf, v, ya.decimals);
        double y = sy(&ya, v);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.2f\" x2=\"%.1f\" y2=\"%.2f\" "
                     "stroke=\"#dddddd\"/>\n", PL, y, PR, y);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.2f\" x2=\"%.1f\" y2=\"%.2f\" "
                     "stroke=\"black\"/>\n", PL - 5, y, PL, y);
        fprintf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.2f\" "
                     "text-anchor=\"end\">%s</text>\n", PL - 8, y + 4, buf);
    }
    fputs("</g>\n<g class=\"x-axis\">\n", out);
    for (int i = 0; i < n_xt; i++) {
        double v = xt[i];
        double x = sx(&xa, v);
        fprintf(out, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" "
                     "stroke=\"black\"/>\n", x, PB, x, PB + 5);
        fprintf(out, "<text class=\"tick\" x=\"%.2f\" y=\"%.1f\" "
                     "text-anchor=\"middle\">%.0f</text>\n", x, PB + 20, v);
    }
    fputs("</g>\n", out);
    fprintf(out, "<path class=\"axes\" d=\"M%.1f %.1fV%.1fH%.1f\" "
                 "fill=\"none\" stroke=\"black\"/>\n", PL, PT, PB, PR);
    fprintf(out, "<text class=\"x-label\" x=\"%.1f\" y=\"%.1f\" "
                 "text-anchor=\"middle\">", (PL + PR) / 2, PB + 45);
    xml_text(out, x_label);
    fprintf(out, "</text>\n<text class=\"y-label\" x=\"0\" y=\"0\" "
                 "text-anchor=\"middle\" "
                 "transform=\"translate(24 %.1f) rotate(-90)\">",
            (PT + PB) / 2);
    xml_text(out, y_label);
    fputs("</text>\n", out);

    fputs("<g class=\"curves\">\n", out);
    for (int c = 0; c < n_curves; c++) {
        int m = bp_plot_downsample(curves[c].y, curves[c].n,
                                   BP_PLOT_SVG_POINTS, idx);
        if (m == 1) {
            int i = idx[0];
            fprintf(out, "<circle class=\"curve\" cx=\"%.2f\" cy=\"%.2f\" "
                         "r=\"3\" fill=\"%s\"/>\n",
                    sx(&xa, i + 1), sy(&ya, curves[c].y[i]),
                    colours[c % N_COLOURS]);
        } else if (m > 1) {
            fputs("<polyline class=\"curve\"", out);
            stroke(out, c);
            fputs(" points=\"", out);
            for (int j = 0; j < m; j++)
                fprintf(out, "%s%.2f,%.2f", j ? " " : "",
                        sx(&xa, idx[j] + 1), sy(&ya, curves[c].y[idx[j]]));
            fputs("\"/>\n", out);
        }
    }
    fputs("</g>\n<g class=\"legend\">\n", out);
    for (int c = 0; c < n_curves; c++) {
        double y = PB + 75 + 20 * c;
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"",
                PL, y - 4, PL + 40, y - 4);
        stroke(out, c);
        fprintf(out, "/>\n<text x=\"%.1f\" y=\"%.1f\">", PL + 50, y);
        xml_text(out, curves[c].label);
        if (!has_values(&curves[c]))
            fputs(" (no values)", out);
        fputs("</text>\n", out);
    }
    fputs("</g>\n</svg>\n", out);
    free(idx);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
