/* lms_bank.c: the answers of an LMS question bank and their ranges.
 *
 * An LMS judges a number against a range, nothing more.  The range is
 * chosen at the lesson's precision: d decimals (or the decimals d
 * significant figures take at the value), u = 10^-d.  It holds the key
 * (worked by hand, rounded as the lesson says) and the calculator's value
 * (the exact value rounded to d decimals), widened by u/2 so that any
 * number that rounds to either passes, a digit more too.  A classic
 * mistake whose number rounds to another d-decimal value stays outside;
 * one that sits closer makes the margin narrower (u/4, u/10, u/100); one
 * that rounds to the key itself cannot be kept out by any range and is
 * named in `clash`.  A mistake that gives the right number here (the
 * weight not updated when Delta w is 0) is no wrong number and is let
 * be.
 */
#include "class/lms_bank.h"
#include "check/check_internal.h"
#include "write/walk.h"

#include <math.h>
#include <stdlib.h>

static int decimals_for(const bp_quantity *q, bp_mode mode, int digits,
                        double v)
{
    bp_precision p = q->precision;
    if (mode == BP_MODE_EXACT || p.mode == BP_ROUND_NONE)
        p = (bp_precision){BP_ROUND_SIGNIFICANT, digits > 0 ? digits : 4};
    int d = p.digits;
    if (p.mode == BP_ROUND_SIGNIFICANT)
        d = v == 0 ? p.digits
                   : p.digits - 1 - (int)floor(log10(fabs(v)));
    return d < 0 ? 0 : d > 12 ? 12 : d;
}

static double round_to(double x, int d)
{
    return bp_round(x, (bp_precision){BP_ROUND_DECIMALS, d});
}

static bp_status range_of(const bp_trace *t, const bp_quantity *q,
                          bp_mode mode, int digits, bp_lms_answer *a)
{
    double v = mode == BP_MODE_HAND ? q->hand : q->exact;
    a->decimals = decimals_for(q, mode, digits, v);
    int d = a->decimals;
    double u = pow(10.0, -d), eps = u * 1e-3;
    a->key = round_to(v, d);
    a->calculator = round_to(q->exact, d);
    a->places = d + 3; /* u/4 and u/100 are written exactly */
    double lo = fmin(a->key, a->calculator), hi = fmax(a->key, a->calculator);
    bp_mistake all[BP_MISTAKES_MAX], m[BP_MISTAKES_MAX];
    int n_all = bp_check_mistakes(t, q, all), n = 0;
    if (n_all < 0)
        return BP_ERR_NOMEM;
    /* a mistake that changes nothing here (the weight not updated when
     * Delta w is 0) gives no wrong number to keep out */
    for (int i = 0; i < n_all; i++)
        if (fabs(all[i].value - v) > 1e-9 * fmax(1.0, fabs(v)) &&
            fabs(all[i].value - q->exact) > 1e-9 * fmax(1.0, fabs(v)))
            m[n++] = all[i];
    a->clash = NULL;
    static const double margins[] = {0.5, 0.25, 0.1, 0.01};
    int k = 0;
    for (; k < (int)(sizeof margins / sizeof margins[0]); k++) {
        double w = margins[k] * u;
        int i = 0;
        while (i < n && (m[i].value < lo - w - eps || m[i].value > hi + w + eps))
            i++;
        if (i == n)
            break;
    }
    double w = margins[k < 4 ? k : 3] * u;
    a->lo = lo - w;
    a->hi = hi + w;
    for (int i = 0; i < n && !a->clash; i++) {
        double r = round_to(m[i].value, d);
        bool inside = m[i].value >= a->lo - eps && m[i].value <= a->hi + eps;
        if (inside || (r >= a->lo - eps && r <= a->hi + eps)) {
            a->clash = m[i].why;
            a->clash_value = m[i].value;
        }
    }
    return BP_OK;
}

/* The walk tells which quantities a worksheet asks for: each blank
 * derivation. */
typedef struct {
    const bp_trace *t;
    bp_lms_answer *answers;
} asked_ctx;

static bp_status mark_asked(const bp_walk_event *e, void *ctx)
{
    asked_ctx *c = ctx;
    if (e->kind == BP_WALK_DERIVATION && e->blank)
        c->answers[e->q - c->t->q].asked = true;
    return BP_OK;
}

bp_status bp_lms_answers(const bp_trace *t, unsigned kinds, bp_mode mode,
                         int digits, bool *blank, bp_lms_answer *answers)
{
    bp_worksheet_blanks(t, kinds, blank);
    for (int i = 0; i < t->n; i++)
        answers[i] = (bp_lms_answer){.asked = false};
    bp_writer w = {.t = t,
                   .st = bp_style_get(true),
                   .nf = {mode, digits > 0 ? digits : 4},
                   .blank = blank,
                   .blank_text = "?"};
    asked_ctx c = {t, answers};
    bp_status rc = bp_walk(t, &(bp_walk_options){&w, true}, mark_asked,
                           &c) == BP_OK ? BP_OK : BP_ERR_NOMEM;
    for (int i = 0; rc == BP_OK && i < t->n; i++)
        if (answers[i].asked)
            rc = range_of(t, &t->q[i], mode, digits, &answers[i]);
    return rc;
}
