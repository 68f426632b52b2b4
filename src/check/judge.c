/* judge.c: judging a student's answers against the derivation graph.
 *
 * Three questions for every number a student wrote (doc/instructors.md,
 * "How a number is judged", states the rules this file implements):
 *   1. Is it right?  It agrees with the correct value at the digits the
 *      student wrote (bp_agrees), the correct value being the hand value,
 *      the same before its rounding, or the exact value; and it follows
 *      from the student's own numbers (consistent).
 *   2. If not, does it follow from the student's own numbers?  The graph is
 *      evaluated again in the "student's world", where every answer
 *      replaces the correct value (error carried forward falls out of this).
 *   3. If not, which classic mistake reproduces it?
 */
#include "check/check_internal.h"
#include "math/activation.h"
#include "math/loss.h"
#include "write/derive.h"
#include "lesson/reader.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool bp_agrees(double given, int decimals, double value)
{
    if (!isfinite(value) || decimals < 0 || decimals > 15)
        return false;
    double r = bp_round(value, (bp_precision){BP_ROUND_DECIMALS, decimals});
    double unit = pow(10.0, -decimals);
    return fabs(r - given) < unit * 1e-6; /* the same decimal, as doubles */
}

const char *bp_verdict_name(bp_verdict verdict)
{
    switch (verdict) {
    case BP_VERDICT_RIGHT: return "right";
    case BP_VERDICT_ECF: return "ECF";
    case BP_VERDICT_WRONG: return "wrong";
    case BP_VERDICT_MISSING: return "missing";
    case BP_VERDICT_COARSE: return "too coarse";
    case BP_VERDICT_GIVEN: return "given";
    }
    return "?";
}

/* An interval of values a quantity may have (empty when lo > hi). */
typedef struct {
    double lo, hi;
} span;

typedef struct {
    const bp_trace *t;
    const bp_answers *a;
    int *answer_of;   /* quantity -> index into a->answers, or -1 */
    double *world;    /* quantity -> its value in the student's world */
    double *correct;  /* quantity -> its correct (hand) value */
    int *new_weight;  /* weight -> its NEW_PARAM quantity, or -1 */
    int *old_weight;  /* weight -> its WEIGHT quantity, or -1 */
    char *tainted;    /* quantity -> no ECF after it (enum taint) */
    char *judged_right; /* quantity -> judged right (or too coarse) */
    span *routes[17]; /* the spans by hand (16), or by a calculator for a
                       * result with d decimals (d), made lazily */
    const bp_trace *hand; /* exact mode: the lesson worked by hand
                           * (t->by_hand, its quantities in t's order),
                           * whose numbers are right too and whose routes
                           * a number may follow; or NULL */
} checker;

/* Why nothing is carried forward from a quantity. */
enum taint {
    TAINT_NONE = 0,
    TAINT_GUARD,      /* it follows from a 0, a 1 or one of its own inputs */
    TAINT_OLD_PASS    /* the verification worked with the old weights */
};

static const bp_answer *answer(const checker *c, int q)
{
    return c->answer_of[q] >= 0 ? &c->a->answers[c->answer_of[q]] : NULL;
}

static int index_of(const checker *c, const bp_quantity *q)
{
    return (int)(q - c->t->q);
}

static int input_index(const checker *c, const bp_quantity *q, int i)
{
    return c->t->in_pool[q->first_in + i];
}

/* Exact mode: quantity i of the lesson worked by hand, or NULL when the
 * checker has no such trace (hand mode, or a lesson without a profile). */
static const bp_quantity *by_hand(const checker *c, int i)
{
    return c->hand ? &c->hand->q[i] : NULL;
}

static bool same_number(double x, double y)
{
    return fabs(x - y) <= 1e-12 * fmax(1.0, fabs(x));
}

/* Quantity i as the lesson writes it, for the precision rule: in exact
 * mode its twin worked by hand, which keeps the lesson's rounding profile
 * (--exact changes the expected values, not the digits a number needs). */
static const bp_quantity *written_as(const checker *c, int i)
{
    const bp_quantity *h = by_hand(c, i);
    return h ? h : &c->t->q[i];
}

/* The trace worked by hand beside an exact one, when it has the same
 * quantities in the same order (as the same lesson's always has). */
static const bp_trace *hand_twin(const bp_trace *t)
{
    const bp_trace *h = t->hand_rounding ? NULL : t->by_hand;
    if (!h || h->n != t->n)
        return NULL;
    for (int i = 0; i < t->n; i++)
        if (strcmp(h->q[i].name, t->q[i].name) != 0)
            return NULL;
    return h;
}

/* The value a formula gives from the student's world, before and after
 * the rounding a student would do. */
static double world_raw(const checker *c, const bp_quantity *q)
{
    double in[BP_MAX_UNITS_PER_LAYER + 1];
    for (int i = 0; i < q->n_in; i++)
        in[i] = c->world[input_index(c, q, i)];
    return bp_quantity_eval(q, in, NULL);
}

/* Whether a number agrees with q's value worked by hand on t: the hand
 * value, the hand value before its own rounding (a student may keep a
 * digit more), or the output worked from net directly. */
static bool agrees_hand(const bp_trace *t, const bp_quantity *q,
                        const bp_answer *a)
{
    if (same_number(q->hand, a->value))
        return true;
    double in[BP_MAX_UNITS_PER_LAYER + 1];
    for (int i = 0; i < q->n_in; i++)
        in[i] = bp_trace_input(t, q, i)->hand;
    double raw = bp_qkind_is_given(q->kind) ? q->hand
                                            : bp_quantity_eval(q, in, NULL);
    /* an output worked from net without writing e^-net down */
    double direct = q->kind == BP_Q_ACTIVATION &&
                            q->activation != BP_ACT_SOFTMAX
                        ? bp_act_value(q->activation, q->slope, in[0], NULL)
                        : raw;
    return bp_agrees(a->value, a->decimals, q->hand) ||
           bp_agrees(a->value, a->decimals, raw) ||
           bp_agrees(a->value, a->decimals, direct);
}

/* Whether a number agrees with a correct value at the digits written: the
 * exact value (a student who kept full precision), or the value worked by
 * hand (agrees_hand).  A trace without a rounding profile has only exact
 * values; in exact mode (--exact) the hand route of a lesson that has one
 * is right too (c->hand). */
static bool agrees_correct(const checker *c, const bp_quantity *q,
                           const bp_answer *a)
{
    if (bp_agrees(a->value, a->decimals, q->exact) ||
        same_number(q->exact, a->value) ||
        same_number(q->hand, a->value))
        return true;
    if (c->t->hand_rounding)
        return agrees_hand(c->t, q, a);
    const bp_quantity *h = by_hand(c, index_of(c, q));
    return h && agrees_hand(c->hand, h, a);
}

/* Decimals the lesson writes a quantity with: its precision, or for
 * significant figures the decimals they take at this value. */
static int lesson_decimals(const bp_quantity *q, double v)
{
    if (q->precision.mode == BP_ROUND_DECIMALS)
        return q->precision.digits;
    if (q->precision.mode != BP_ROUND_SIGNIFICANT || v == 0)
        return 0;
    int d = q->precision.digits - 1 - (int)floor(log10(fabs(v)));
    return d > 0 ? d : 0;
}

/* The decimal of the first significant digit: 1 for 0.332, 3 for 0.0087;
 * an answer with fewer decimals says nothing about the value. */
static int first_digit_decimals(double v)
{
    if (v == 0 || !(fabs(v) < 1)) /* also NaN: a value worked from nonsense */
        return 0;
    return (int)-floor(log10(fabs(v))); /* at most 324 */
}

static bool agrees_rounded(const bp_quantity *q, const bp_answer *a, double v)
{
    return bp_agrees(a->value, a->decimals, v) ||
           bp_agrees(a->value, a->decimals, bp_round(v, q->precision));
}

bp_precision_verdict bp_precision_judge(const bp_quantity *q,
                                        const bp_grading *g, double value,
                                        const bp_answer *a, int *least)
{
    bool same = same_number(value, a->value);
    int implicit = lesson_decimals(q, value) - 1;
    int need = same || g->min_decimals > implicit ? g->min_decimals
                                                  : implicit;
    if (least)
        *least = need;
    if (!same && a->decimals < first_digit_decimals(value))
        return BP_PRECISION_NO_DIGIT;
    return a->decimals < need ? BP_PRECISION_COARSE : BP_PRECISION_OK;
}

/* A right value, at least to its first significant digit (0 is not
 * 0.332, though 0.332 rounds to 0). */
static bool right_value(const checker *c, const bp_quantity *q,
                        const bp_answer *a)
{
    double key = c->t->hand_rounding ? q->hand : q->exact;
    return bp_precision_judge(q, &c->t->lesson->grading, key, a, NULL) !=
               BP_PRECISION_NO_DIGIT &&
           agrees_correct(c, q, a);
}

/* ---- the student's world ---- */

/* ---- the routes: what a number may follow from ----
 *
 * Each quantity has, on each route, an interval of values the student's
 * numbers allow it (a span), and its formula's span over its inputs'.  A
 * number follows from the student's own numbers when it agrees, at the
 * digits written, with its formula's span on some route.  The routes:
 *   - by hand: every number not written down is rounded as the lesson
 *     rounds it;
 *   - by a calculator, for a result written with d decimals: a number not
 *     written down, or written (or, blank, rounded by the lesson) with
 *     fewer than d decimals, is kept unrounded; others are rounded;
 * each twice: on the key's side (ROUTE_KEY) a wrong number is worked out
 * again from the numbers before it, on the student's side (ROUTE_OWN) it
 * is taken as written.  A number that is not written down gives its
 * formula's span; a right one gives that, its written value and the key's
 * value, and on a calculator route its exact value too (a calculator
 * keeps what it worked out; nobody types the written number back in); a
 * wrong one that follows gives both its written value and its
 * formula's span.  In exact mode (c->hand) the routes are worked on the
 * lesson worked by hand, its rounding and its key, as in hand mode.  So a
 * span only grows when a right answer is added:
 * more right work never takes away what a later number follows from.  No
 * route drops a combination of values: a span is the formula's hull over
 * its inputs' spans. */

enum route { ROUTE_KEY, ROUTE_OWN, N_ROUTES };
#define BY_HAND 16 /* routes[BY_HAND]; routes[d], a calculator */

static span span_empty(void)
{
    return (span){INFINITY, -INFINITY};
}

static bool span_is_empty(span s)
{
    return !(s.lo <= s.hi);
}

static void span_add(span *s, double v)
{
    if (!isfinite(v))
        return;
    if (v < s->lo)
        s->lo = v;
    if (v > s->hi)
        s->hi = v;
}

static void span_join(span *s, span t)
{
    if (!span_is_empty(t)) {
        span_add(s, t.lo);
        span_add(s, t.hi);
    }
}

/* A span's ends rounded to a precision (rounding keeps order). */
static span span_rounded(span s, bp_precision p)
{
    span r = span_empty();
    if (!span_is_empty(s)) {
        span_add(&r, bp_round(s.lo, p));
        span_add(&r, bp_round(s.hi, p));
    }
    return r;
}

/* A family of routes: the values of quantity i on route r at
 * [r * n + i], its formula's span at [(N_ROUTES + r) * n + i]. */
static span *route_values(const checker *c, span *family, int r)
{
    return family + (size_t)r * (size_t)c->t->n;
}

static span *route_formula(const checker *c, span *family, int r)
{
    return family + (size_t)(N_ROUTES + r) * (size_t)c->t->n;
}

#define MAX_POINTS 4096 /* formula evaluations for all corners */

/* The points of an input's span the formula is tried at: its ends, and 0
 * and 1/2 when inside (where o(1 - o), 1 - o^2, a relu or a square turn). */
static int span_points(span s, double *p)
{
    int n = 0;
    p[n++] = s.lo;
    if (s.hi != s.lo)
        p[n++] = s.hi;
    if (s.lo < 0 && 0 < s.hi)
        p[n++] = 0;
    if (s.lo < 0.5 && 0.5 < s.hi)
        p[n++] = 0.5;
    return n;
}

/* The hull of q's formula over its inputs' spans: at every combination of
 * their points (exact for sums of products and for monotone functions),
 * or, for a formula with very many inputs, at the two corners chosen by
 * each input's direction of influence. */
static span formula_span(const checker *c, const bp_quantity *q,
                         const span *values)
{
    span out = span_empty();
    double pts[BP_MAX_UNITS_PER_LAYER + 1][4];
    int np[BP_MAX_UNITS_PER_LAYER + 1];
    double in[BP_MAX_UNITS_PER_LAYER + 1];
    long combos = 1;
    for (int i = 0; i < q->n_in; i++) {
        span s = values[input_index(c, q, i)];
        if (span_is_empty(s))
            return out;
        np[i] = span_points(s, pts[i]);
        combos = combos <= MAX_POINTS ? combos * np[i] : combos;
    }
    if (combos <= MAX_POINTS) {
        int at[BP_MAX_UNITS_PER_LAYER + 1] = {0};
        for (;;) {
            for (int i = 0; i < q->n_in; i++)
                in[i] = pts[i][at[i]];
            span_add(&out, bp_quantity_eval(q, in, NULL));
            int i = 0; /* the next combination */
            while (i < q->n_in && ++at[i] >= np[i])
                at[i++] = 0;
            if (i == q->n_in)
                break;
        }
        return out;
    }
    double lo_in[BP_MAX_UNITS_PER_LAYER + 1], hi_in[BP_MAX_UNITS_PER_LAYER + 1];
    for (int i = 0; i < q->n_in; i++) {
        span s = values[input_index(c, q, i)];
        in[i] = (s.lo + s.hi) / 2;
    }
    for (int i = 0; i < q->n_in; i++) {
        span s = values[input_index(c, q, i)];
        double mid = in[i];
        in[i] = s.lo;
        double at_lo = bp_quantity_eval(q, in, NULL);
        in[i] = s.hi;
        double at_hi = bp_quantity_eval(q, in, NULL);
        in[i] = mid;
        bool up = !(at_hi < at_lo);
        lo_in[i] = up ? s.lo : s.hi;
        hi_in[i] = up ? s.hi : s.lo;
    }
    span_add(&out, bp_quantity_eval(q, lo_in, NULL));
    span_add(&out, bp_quantity_eval(q, hi_in, NULL));
    return out;
}

/* Whether a number agrees, at the digits written, with some value of a
 * span: rounding keeps order, so it is between the ends rounded. */
static bool agrees_span(const bp_answer *a, span s)
{
    if (span_is_empty(s) || a->decimals < 0 || a->decimals > 15)
        return false;
    bp_precision p = {BP_ROUND_DECIMALS, a->decimals};
    double slack = pow(10.0, -a->decimals) * 1e-6;
    return bp_round(s.lo, p) <= a->value + slack &&
           a->value - slack <= bp_round(s.hi, p);
}

/* The spans of one family: by hand (d = BY_HAND) or by a calculator for a
 * result with d decimals. */
static void build_routes(const checker *c, span *family, int d)
{
    for (int i = 0; i < c->t->n; i++) {
        const bp_quantity *q = &c->t->q[i];
        const bp_answer *a = answer(c, i);
        bool answered = a && a->answered;
        bool right = answered && right_value(c, q, a);
        bool given = bp_qkind_is_given(q->kind);
        bool standalone = given || bp_derive_standalone(c->t, q);
        /* in exact mode the routes are worked on the lesson worked by
         * hand, as in hand mode: its rounding, its key */
        const bp_quantity *h = by_hand(c, i);
        const bp_quantity *rq = h ? h : q;
        bool held = d != BY_HAND &&
                    (!standalone || lesson_decimals(rq, rq->exact) < d ||
                     (answered && a->decimals < d));
        double key = c->t->hand_rounding || h ? rq->hand : q->exact;
        for (int r = 0; r < N_ROUTES; r++) {
            span s = span_empty(), f = span_empty();
            if (given) {
                span_add(&s, q->exact);
                if (answered && (r == ROUTE_OWN || right))
                    span_add(&s, a->value);
            } else {
                span raw = formula_span(c, q, route_values(c, family, r));
                span rounded = span_rounded(raw, rq->precision);
                span_join(&f, raw);
                span_join(&f, rounded);
                span base = held ? raw : rounded;
                span_join(&base, rounded);
                bool follows = answered && agrees_span(a, f);
                if (!answered || right || follows || r == ROUTE_KEY)
                    span_join(&s, base);
                if (answered && (right || follows || r == ROUTE_OWN))
                    span_add(&s, a->value);
                if (right)
                    span_add(&s, key);
                /* a calculator holds a right number unrounded: the
                 * student never re-enters what was written (w46(new) =
                 * -0.261 is -0.26083 in the calculator) */
                if (right && d != BY_HAND)
                    span_add(&s, q->exact);
            }
            route_formula(c, family, r)[i] = f;
            route_values(c, family, r)[i] = s;
        }
    }
}

/* The family of routes for results with d decimals (BY_HAND: by hand);
 * NULL when out of memory. */
static const span *routes_for(checker *c, int d)
{
    if (d != BY_HAND)
        d = d < 0 ? 0 : d > 15 ? 15 : d;
    if (!c->routes[d]) {
        span *family = malloc(((size_t)c->t->n + 1) * 2 * N_ROUTES *
                              sizeof *family);
        if (!family)
            return NULL;
        build_routes(c, family, d);
        c->routes[d] = family;
    }
    return c->routes[d];
}

/* Of the values q's formula allows on the routes where the number agrees
 * with them, the one nearest to the number; false when it agrees with
 * none.  Spans only grow when a right answer is added, so this only
 * comes nearer. */
static bool nearest_allowed(checker *c, int q, const bp_answer *a,
                            double *v)
{
    const int families[] = {BY_HAND, a->decimals};
    double best = 0, distance = INFINITY;
    for (int k = 0; k < 2; k++) {
        span *family = (span *)routes_for(c, families[k]);
        for (int r = 0; family && r < N_ROUTES; r++) {
            span s = route_formula(c, family, r)[q];
            if (!agrees_span(a, s))
                continue;
            double x = fmin(fmax(a->value, s.lo), s.hi);
            if (fabs(x - a->value) < distance) {
                distance = fabs(x - a->value);
                best = x;
            }
        }
    }
    *v = best;
    return distance < INFINITY;
}

/* Whether a number follows from the student's own numbers: it agrees with
 * its formula's span on some route, by hand or by a calculator. */
static bool consistent(checker *c, int q, const bp_answer *a)
{
    double v;
    return bp_qkind_is_given(c->t->q[q].kind) || nearest_allowed(c, q, a, &v);
}

/* The student's world by hand: each answer as written, each number not
 * written down worked from the numbers before it and rounded as the
 * lesson rounds; what is carried forward is named from it. */
static void evaluate_worlds(checker *c)
{
    for (int i = 0; i < c->t->n; i++) {
        const bp_quantity *q = &c->t->q[i];
        const bp_answer *a = answer(c, i);
        if (a && a->answered)
            c->world[i] = a->value;
        else if (bp_qkind_is_given(q->kind))
            c->world[i] = q->exact;
        else
            c->world[i] = bp_round(world_raw(c, q), q->precision);
    }
}

/* Whether the student's world differs from the correct one at q. */
static bool world_differs(const checker *c, int q)
{
    const bp_quantity *quantity = &c->t->q[q];
    const bp_quantity *h = by_hand(c, q);
    double v = c->world[q];
    /* in exact mode the world is not rounded: a number that is the hand
     * value at the lesson's precision is no different (-0.00783 for
     * Delta w34 = -0.0078 of delta_4 = -0.0087) */
    return !same_number(v, quantity->hand) &&
           !(h && same_number(bp_round(v, h->precision), h->hand));
}

/* Whether a quantity's value depends on its i-th input: o(1 - o) and
 * e^-net are written from o and net, but the net input only matters to a
 * relu's derivative. */
static bool input_matters(const bp_quantity *q, int i)
{
    if (q->kind == BP_Q_DERIVATIVE && i == 1)
        return bp_act_row(q->activation)->derivative_needs_net;
    if (q->kind == BP_Q_OUTPUT_DELTA && i == 2)
        return bp_act_row(q->activation)->derivative_needs_net;
    if (q->kind == BP_Q_CE_DELTA && i == 0) /* t - o is all it takes */
        return false;
    if (q->kind == BP_Q_ACTIVATION && q->activation == BP_ACT_SOFTMAX)
        return i > 0; /* e^(net - m)/S */
    return true;
}

/* What a walk up a quantity's inputs does at an input. */
typedef enum { UP_STOP, UP_COLLECT, UP_CLIMB } up_step;
typedef up_step up_rule(const checker *c, int j, bool through);

/* Walk up q's inputs that matter, each once (seen), doing at each what
 * `rule` says; the first max collected go to out, *n counts them all. */
static void walk_up(const checker *c, int q, up_rule *rule, bool through,
                    char *seen, int *out, int *n, int max)
{
    const bp_quantity *quantity = &c->t->q[q];
    for (int i = 0; i < quantity->n_in; i++) {
        if (!input_matters(quantity, i))
            continue;
        int j = input_index(c, quantity, i);
        if (seen[j])
            continue;
        seen[j] = 1;
        switch (rule(c, j, through)) {
        case UP_COLLECT:
            if (*n < max)
                out[*n] = j;
            (*n)++;
            break;
        case UP_CLIMB: walk_up(c, j, rule, through, seen, out, n, max); break;
        case UP_STOP: break;
        }
    }
}

/* A wrong answer is a source; a number not written that differs climbs,
 * and so (through) does a right answer: it may have been worked out again
 * from wrong ones before it (the routes). */
static up_step source_rule(const checker *c, int j, bool through)
{
    const bp_answer *a = answer(c, j);
    bool differs = world_differs(c, j);
    if (a && a->answered && differs)
        return UP_COLLECT;
    return differs || (through && a && a->answered) ? UP_CLIMB : UP_STOP;
}

/* The answered quantities, at or before q, whose wrong values made q's
 * inputs differ: what a number carried forward "follows from". */
static void wrong_sources(const checker *c, int q, char *seen, int *out,
                          int *n, int max, bool through)
{
    walk_up(c, q, source_rule, through, seen, out, n, max);
    if (*n > max)
        *n = max;
}

/* The guard: a wrong answer earns nothing carried forward when it is 0 or
 * 1, or equal to one of its own inputs, unless its own formula gives that
 * from the student's numbers (|0 - o| is o) or a classic mistake explains
 * it (delta without o(1 - o) is t - o): those are work.  Equal to some
 * other answer is no reason (net4 = 0.1 beside a right net5 = 0.1 is a
 * slip, and what follows from it is carried forward). */
static const char *diagnose(const checker *c, int q, const bp_answer *a);
static bool consistent(checker *c, int q, const bp_answer *a);

/* Whether v is input j: its key value, or the wrong number the student
 * wrote for it (a right one adds nothing: writing a right number never
 * makes a later one a copy). */
static bool is_copy_of(const checker *c, int j, double v)
{
    const bp_quantity *in = &c->t->q[j];
    const bp_quantity *h = by_hand(c, j);
    const bp_answer *a = answer(c, j);
    return same_number(v, in->hand) || same_number(v, in->exact) ||
           (h && same_number(v, h->hand)) ||
           (a && a->answered && !right_value(c, in, a) &&
            same_number(v, a->value));
}

static bool is_trivial(checker *c, int q)
{
    const bp_quantity *quantity = &c->t->q[q];
    const bp_answer *a = answer(c, q);
    if (!a || !a->answered || right_value(c, quantity, a))
        return false; /* a right number is no guess */
    double v = a->value;
    bool guess = v == 0.0 || v == 1.0;
    for (int i = 0; i < quantity->n_in && !guess; i++)
        guess = is_copy_of(c, input_index(c, quantity, i), v);
    if (!guess)
        return false;
    bp_answer full = *a; /* exactly what it gives: |0 - o| is o */
    int lesson = lesson_decimals(quantity, a->value);
    full.decimals = lesson > a->decimals ? lesson : a->decimals;
    if (!c->t->hand_rounding) /* exact: the value itself */
        full.decimals = 12;
    if (consistent(c, q, &full))
        return false;
    return diagnose(c, q, a) == NULL;
}

static up_step upstream_rule(const checker *c, int j, bool through)
{
    (void)through;
    const bp_answer *a = answer(c, j);
    return a && a->answered && !c->judged_right[j] ? UP_COLLECT : UP_CLIMB;
}

/* The wrong answers a quantity is worked from: every wrong answer
 * upstream of it (judged before it), reached through numbers not
 * written down and ones judged right.  Writing a right number changes nothing here. */
static void wrong_upstream(checker *c, int q, char *seen, int *out, int *n,
                           int max)
{
    walk_up(c, q, upstream_rule, false, seen, out, n, max);
}

/* ---- the classic mistakes ---- */

typedef struct {
    const char *why;
    double value;
} candidate;

#define MAX_CANDIDATES 8

static void add(candidate *list, int *n, const char *why, double value)
{
    if (*n < MAX_CANDIDATES && isfinite(value))
        list[(*n)++] = (candidate){why, value};
}

/* The net input of the unit whose output a quantity is, if it has one. */
static bool net_of(const checker *c, const bp_quantity *o, double *net)
{
    if (o->kind != BP_Q_ACTIVATION)
        return false;
    *net = c->world[input_index(c, o, 0)];
    return true;
}

static double derivative(const bp_quantity *q, double o, double net)
{
    double shown;
    return bp_act_derivative(q->activation, q->slope, o, net, &shown);
}

/* The weight whose subscripts are this one's the other way round
 * (w21 for w12), when the lesson has one. */
static int swapped_weight(const bp_lesson *l, int w)
{
    const bp_unit *from = &l->units[l->weights[w].from];
    const bp_unit *to = &l->units[l->weights[w].to];
    for (int k = 0; k < l->n_weights; k++) {
        const bp_unit *f = &l->units[l->weights[k].from];
        const bp_unit *t = &l->units[l->weights[k].to];
        if (k != w && strcmp(f->index, to->index) == 0 &&
            strcmp(t->index, from->index) == 0)
            return k;
    }
    return BP_NOT_FOUND;
}

static void net_mistakes(const checker *c, const bp_quantity *q,
                         candidate *list, int *n)
{
    const bp_lesson *l = c->t->lesson;
    double with_net = 0, swapped = 0;
    bool any_net = false, any_swap = false;
    for (int i = 0; i < q->n_in; i++) {
        const bp_quantity *term = bp_trace_input(c->t, q, i);
        double v = c->world[index_of(c, term)];
        if (term->kind != BP_Q_PRODUCT) {
            with_net += v;
            swapped += v;
            continue;
        }
        const bp_quantity *x = bp_trace_input(c->t, term, 0);
        double xv = c->world[index_of(c, x)];
        double wv = c->world[input_index(c, term, 1)];
        double net;
        if (net_of(c, x, &net)) {
            with_net += net * wv;
            any_net = true;
        } else {
            with_net += xv * wv;
        }
        int s = term->weight >= 0 && l->n_layers ? swapped_weight(l, term->weight)
                                                 : -1;
        if (s >= 0 && c->old_weight[s] >= 0) {
            swapped += xv * c->world[c->old_weight[s]];
            any_swap = true;
        } else {
            swapped += xv * wv;
        }
    }
    if (any_net)
        add(list, n, "the net input of the layer before was used where its "
                     "output o belongs", with_net);
    if (any_swap)
        add(list, n, "weight indices swapped: w_ij read as w_ji", swapped);
}

static void delta_mistakes(const checker *c, const bp_quantity *q,
                           candidate *list, int *n)
{
    if (q->kind == BP_Q_OUTPUT_DELTA) { /* in: o, t - o, [net] */
        double o = c->world[input_index(c, q, 0)];
        double err = c->world[input_index(c, q, 1)];
        double net = q->n_in > 2 ? c->world[input_index(c, q, 2)] : 0;
        add(list, n, "the sign of (t - o) is flipped: o - t was used",
            derivative(q, o, net) * -err);
        add(list, n, bp_act_row(q->activation)->hint_left_out, err);
        if (q->n_in > 2 && q->activation == BP_ACT_SIGMOID)
            add(list, n, bp_act_row(q->activation)->hint_net_for_o,
                derivative(q, net, net) * err);
        return;
    }
    /* hidden: in: derivative, sum of w * delta */
    const bp_quantity *deriv = bp_trace_input(c->t, q, 0);
    const bp_quantity *signal = bp_trace_input(c->t, q, 1);
    double d = c->world[index_of(c, deriv)], s = c->world[index_of(c, signal)];
    add(list, n, bp_act_row(deriv->activation)->hint_left_out, s);
    double net;
    if (net_of(c, bp_trace_input(c->t, deriv, 0), &net) &&
        deriv->activation == BP_ACT_SIGMOID)
        add(list, n, bp_act_row(deriv->activation)->hint_net_for_o,
            derivative(deriv, net, net) * s);
    /* the sequential update mistake: w_kh already updated */
    double updated = 0;
    bool any = false;
    for (int i = 0; i < signal->n_in; i++) {
        const bp_quantity *term = bp_trace_input(c->t, signal, i);
        double w = c->world[input_index(c, term, 0)];
        double delta = c->world[input_index(c, term, 1)];
        if (term->weight >= 0 && c->new_weight[term->weight] >= 0) {
            w = c->world[c->new_weight[term->weight]];
            any = true;
        }
        updated += w * delta;
    }
    if (any)
        add(list, n, "the weights to the layer after were already updated "
                     "(the sequential update mistake): every delta comes "
                     "before any weight changes",
            d * updated);
}

/* With cross-entropy an output's delta is t - o: the squared-error
 * formula multiplies in the derivative that cancelled. */
static void ce_delta_mistakes(const checker *c, const bp_quantity *q,
                              candidate *list, int *n)
{
    double o = c->world[input_index(c, q, 0)];
    double err = c->world[input_index(c, q, 1)];
    add(list, n, "the sign of (t - o) is flipped: o - t was used", -err);
    add(list, n, bp_loss_row_of(c->t->lesson->loss)->uncancelled_hint,
        o * (1 - o) * err);
}

static void update_mistakes(const checker *c, const bp_quantity *q,
                            candidate *list, int *n)
{
    if (q->kind == BP_Q_CHANGE) { /* in: eta, delta, [x] */
        double eta = c->world[input_index(c, q, 0)];
        double delta = c->world[input_index(c, q, 1)];
        double x = q->n_in > 2 ? c->world[input_index(c, q, 2)] : 1.0;
        add(list, n, "eta was left out", delta * x);
        add(list, n, "eta was applied twice", eta * eta * delta * x);
        double net;
        if (q->n_in > 2 && net_of(c, bp_trace_input(c->t, q, 2), &net))
            add(list, n, "net was used where o belongs as x", eta * delta * net);
        return;
    }
    if (q->fixed || q->n_in < 2)
        return;
    double old = c->world[input_index(c, q, 0)];
    const bp_quantity *change = bp_trace_input(c->t, q, 1);
    double dw = c->world[index_of(c, change)];
    double eta = change->kind == BP_Q_CHANGE
                     ? c->world[input_index(c, change, 0)]
                     : 1.0;
    add(list, n,
        q->bias ? "the bias was not updated (for a bias x is 1, not 0)"
                : "the weight was not updated",
        old);
    add(list, n, "Delta w was added with the wrong sign", old - dw);
    if (eta != 0 && eta != 1) {
        add(list, n, "eta was left out", old + dw / eta);
        add(list, n, "eta was applied twice", old + eta * dw);
    }
}

/* The classic mistakes at q, each worked from the numbers of c's world. */
static int mistake_candidates(const checker *c, int q, candidate *list)
{
    const bp_quantity *quantity = &c->t->q[q];
    int n = 0;
    switch (quantity->kind) {
    case BP_Q_ERROR: /* in: t, o */
        add(list, &n, "the sign of (t - o) is flipped: o - t was used",
            c->world[input_index(c, quantity, 1)] -
                c->world[input_index(c, quantity, 0)]);
        break;
    case BP_Q_NET: net_mistakes(c, quantity, list, &n); break;
    case BP_Q_ACTIVATION: {
        double net = c->world[input_index(c, quantity, 0)];
        add(list, &n, "net was written where o = f(net) belongs", net);
        /* the reverse: o used where net belongs, f applied twice */
        double o = bp_act_value(quantity->activation, quantity->slope, net,
                                NULL);
        if (quantity->activation != BP_ACT_LINEAR &&
            quantity->activation != BP_ACT_SOFTMAX)
            add(list, &n, "o was used where net belongs: f(o) = f(f(net))",
                bp_act_value(quantity->activation, quantity->slope, o, NULL));
        break;
    }
    case BP_Q_DERIVATIVE: {
        double net;
        const char *hint = bp_act_row(quantity->activation)->hint_net_for_o;
        if (hint && net_of(c, bp_trace_input(c->t, quantity, 0), &net))
            add(list, &n, hint, derivative(quantity, net, net));
        break;
    }
    case BP_Q_LOSS: {
        double sum = 0;
        for (int i = 0; i < quantity->n_in; i++)
            sum += c->world[input_index(c, quantity, i)];
        add(list, &n, "the 1/2 of E was left out", sum);
        break;
    }
    case BP_Q_OUTPUT_DELTA:
    case BP_Q_HIDDEN_DELTA: delta_mistakes(c, quantity, list, &n); break;
    case BP_Q_CE_DELTA: ce_delta_mistakes(c, quantity, list, &n); break;
    case BP_Q_CROSS_ENTROPY: {
        double sum = 0;
        for (int i = 0; i < quantity->n_in; i++)
            sum += c->world[input_index(c, quantity, i)];
        add(list, &n, "the minus sign of E was left out", sum);
        break;
    }
    case BP_Q_SOFTMAX_EXP: /* in: net, m */
        add(list, &n, "m was not subtracted: e^net instead of e^(net - m)",
            exp(c->world[input_index(c, quantity, 0)]));
        break;
    case BP_Q_CHANGE:
    case BP_Q_NEW_PARAM: update_mistakes(c, quantity, list, &n); break;
    case BP_Q_INPUT: case BP_Q_TARGET: case BP_Q_RATE: case BP_Q_WEIGHT:
    case BP_Q_BIAS: case BP_Q_VALUE: case BP_Q_PRODUCT: case BP_Q_EXP:
    case BP_Q_SQUARE: case BP_Q_SIGNAL: case BP_Q_ABS_ERROR: case BP_Q_COMPARE:
    case BP_Q_TOTAL: case BP_Q_LOG: case BP_Q_LOG_COMPLEMENT:
    case BP_Q_CE_TERM: case BP_Q_MAX: case BP_Q_EXP_SUM: case BP_Q_GRAD_OUTPUT:
    case BP_Q_GRAD_ACT: case BP_Q_GRAD_NET: case BP_Q_GRAD_NET_CANCEL:
    case BP_Q_GRAD_TERM: case BP_Q_GRAD_NET_HIDDEN: case BP_Q_GRAD_PARAM:
    case BP_Q_KIND_COUNT: break;
    }
    return n;
}

static const char *diagnose_in(const checker *c, int q, const bp_answer *a)
{
    const bp_quantity *quantity = &c->t->q[q];
    candidate list[MAX_CANDIDATES];
    int n = mistake_candidates(c, q, list);
    /* a number without a significant digit of the candidate (1 for 0.582)
     * could be anything: it names no mistake */
    for (int i = 0; i < n; i++)
        if (a->decimals >= first_digit_decimals(list[i].value) &&
            agrees_rounded(quantity, a, list[i].value))
            return list[i].why;
    return NULL;
}

/* A mistake made on the student's own numbers, or on the right ones (a
 * student may copy a right delta from the board and still forget eta). */
static const char *diagnose(const checker *c, int q, const bp_answer *a)
{
    const char *why = diagnose_in(c, q, a);
    if (why)
        return why;
    checker right = *c;
    right.world = c->correct;
    return diagnose_in(&right, q, a);
}

/* The quantity of the first pass that a verification quantity repeats
 * (verify_o_4 -> o_4), or -1. */
static int first_pass_of(const checker *c, int q)
{
    const bp_quantity *quantity = &c->t->q[q];
    static const char prefix[] = "verify_";
    if (quantity->phase != BP_PHASE_VERIFY ||
        strncmp(quantity->name, prefix, sizeof prefix - 1) != 0)
        return BP_NOT_FOUND;
    const bp_quantity *old =
        bp_trace_find(c->t, quantity->name + sizeof prefix - 1);
    return old ? index_of(c, old) : -1;
}

/* A verification number that is the first pass's number again
 * (verify_net_4 = -0.7 is net_4): worked with the weights before the
 * update. */
static bool old_pass(const checker *c, int q, const bp_answer *a)
{
    int first = first_pass_of(c, q);
    if (first < 0)
        return false;
    const bp_quantity *o = &c->t->q[first];
    const bp_quantity *h = by_hand(c, first);
    return bp_agrees(a->value, a->decimals, o->hand) ||
           bp_agrees(a->value, a->decimals, o->exact) ||
           (h && bp_agrees(a->value, a->decimals, h->hand));
}

/* The number as if written to the lesson's full precision (12 decimals
 * for a lesson that does not round), never with fewer decimals than it
 * was: what a coarse number is exactly. */
static bp_answer at_full_precision(const checker *c, int q,
                                   const bp_answer *a)
{
    const bp_quantity *w = written_as(c, q);
    int lesson = w->precision.mode == BP_ROUND_NONE
                     ? 12
                     : lesson_decimals(w, a->value);
    bp_answer full = *a;
    full.decimals = lesson > a->decimals ? lesson : a->decimals;
    return full;
}

/* Whether a classic mistake gives the student's number to the lesson's
 * full precision: a coarse answer that is exactly a mistake is that
 * mistake (b4(new) = -0.4 is the bias not updated, not -0.408 rounded). */
static bool exactly_a_mistake(const checker *c, int q, const bp_answer *a)
{
    bp_answer full = at_full_precision(c, q, a);
    return diagnose(c, q, &full) != NULL || old_pass(c, q, &full);
}

/* Whether a coarse number is exactly what the student's own numbers give
 * (by hand, or unrounded), when that is not a right value at the lesson's
 * precision and a wrong answer before it made it so: S = 2 beside
 * e^(net_3 - m) = 1 is 1 + 1, not 1.8914 rounded, and o_1 = 0.5 is 1/2.
 * Such a number is judged as worked from those numbers (carried forward,
 * or nothing under the guard), as a coarse mistake is that mistake. */
static bool exactly_carried(checker *c, int q, const bp_answer *a)
{
    const bp_quantity *quantity = &c->t->q[q];
    const bp_quantity *w = written_as(c, q);
    double raw = world_raw(c, quantity);
    if (!same_number(a->value, bp_round(raw, w->precision)) &&
        !same_number(a->value, raw))
        return false;
    bp_answer full = at_full_precision(c, q, a);
    if (agrees_correct(c, quantity, &full))
        return false;
    char *seen = calloc((size_t)c->t->n, 1);
    int wrong[1], n_wrong = 0;
    if (seen)
        wrong_upstream(c, q, seen, wrong, &n_wrong, 1);
    free(seen);
    return n_wrong > 0;
}

/* ---- judging ---- */

static const bp_erratum *erratum_for(const bp_lesson *l, const char *name)
{
    for (int i = 0; i < l->n_errata; i++)
        if (strcmp(l->errata[i].name, name) == 0)
            return &l->errata[i];
    return NULL;
}

/* "follows from your o_4 and δ₆": the answers it was carried from. */
static void follows_from(const checker *c, const int *sources, int n,
                         char *hint, size_t size, const char *prefix)
{
    size_t len = (size_t)snprintf(hint, size, "%s", prefix);
    for (int i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(hint + len, size - len, "%s%s",
                                i == 0       ? ""
                                : i == n - 1 ? " and "
                                             : ", ",
                                c->t->q[sources[i]].name);
}

/* Whether the student wrote the lecture's printed number itself. */
static bool is_printed(const bp_erratum *e, const bp_answer *a)
{
    double printed;
    if (!e || bp_parse_number(e->printed, &printed) != BP_NUM_OK)
        return false;
    return same_number(printed, a->value);
}

/* Whether a number agrees with what its formula gives from the student's
 * own numbers, by hand or with a calculator; *own is the value by hand. */
static bool follows(checker *c, int q, const bp_answer *a, double *own)
{
    const bp_quantity *quantity = &c->t->q[q];
    double raw = world_raw(c, quantity);
    *own = bp_round(raw, written_as(c, q)->precision);
    return agrees_rounded(quantity, a, raw) || consistent(c, q, a);
}

static void refuse_carried(checker *c, int q, int source, bp_judgement *j)
{
    const char *name = c->t->q[source].name;
    switch ((enum taint)c->tainted[source]) {
    case TAINT_OLD_PASS:
        snprintf(j->hint, sizeof j->hint,
                 "follows from your %s, worked with the weights before the "
                 "update: nothing is carried forward from it", name);
        break;
    case TAINT_GUARD:
        snprintf(j->hint, sizeof j->hint,
                 "follows from your %s, which earns nothing carried "
                 "forward, so neither does this", name);
        break;
    case TAINT_NONE:
        snprintf(j->hint, sizeof j->hint,
                 "follows from your %s = %s; nothing is carried forward "
                 "from a 0 or a 1 that is not the right value, or from a "
                 "number equal to one of its own inputs",
                 name, answer(c, source)->text);
        break;
    }
    c->tainted[q] = c->tainted[source] == TAINT_OLD_PASS ? TAINT_OLD_PASS
                                                         : TAINT_GUARD;
}

static void judge_wrong(checker *c, int q, const bp_answer *a,
                        bp_judgement *j)
{
    const bp_quantity *quantity = &c->t->q[q];
    const bp_grading *g = &c->t->lesson->grading;
    int sources[8], n = 0, wrong[64], n_wrong = 0;
    char *seen = calloc((size_t)c->t->n, 1);
    if (seen)
        wrong_sources(c, q, seen, sources, &n, 8, false);
    if (seen && n == 0) {
        memset(seen, 0, (size_t)c->t->n);
        wrong_sources(c, q, seen, sources, &n, 8, true);
    }
    if (seen) {
        memset(seen, 0, (size_t)c->t->n);
        wrong_upstream(c, q, seen, wrong, &n_wrong, 64);
    }
    free(seen);
    if (n == 0) /* name the wrong answers it is worked from */
        for (int i = 0; i < n_wrong && i < 64 && n < 8; i++)
            sources[n++] = wrong[i];
    j->verdict = BP_VERDICT_WRONG;
    j->credit = 0;
    /* the guard: when every wrong answer it is worked from earns nothing
     * carried forward, or one was worked with the old weights, neither
     * does this one, whether it follows or not
     * (so that more right work, which makes more numbers follow, never
     * takes carried-forward credit away) */
    int refused = -1;
    for (int i = 0; i < n_wrong && i < 64 && refused < 0; i++)
        if (c->tainted[wrong[i]] == TAINT_OLD_PASS) /* any: point 4 */
            refused = wrong[i];
    for (int i = 0; i < n_wrong && i < 64 && refused < 0; i++) {
        if (!c->tainted[wrong[i]] && !is_trivial(c, wrong[i])) {
            refused = -1;
            break;
        }
        if (i == n_wrong - 1 || i == 63)
            refused = wrong[0]; /* every one guarded */
    }
    if (n_wrong > 64)
        refused = -1;
    if (refused >= 0)
        c->tainted[q] = c->tainted[refused] == TAINT_OLD_PASS
                            ? TAINT_OLD_PASS
                            : TAINT_GUARD;
    double own;
    if (n > 0 && !bp_qkind_is_given(quantity->kind) &&
        follows(c, q, a, &own)) {
        if (refused >= 0) {
            refuse_carried(c, q, refused, j);
            return;
        }
        int least;
        const bp_quantity *w = written_as(c, q);
        bp_precision_verdict p = bp_precision_judge(w, g, own, a, &least);
        /* 0 beside a worked 0.29 says nothing of it, but the student's
         * numbers may allow a value it does say something of: judged
         * against that one, so that a right number added elsewhere (which
         * moves the worked value) never turns a carried 0 into a wrong
         * one and what follows from it with it */
        double near;
        if (p == BP_PRECISION_NO_DIGIT && nearest_allowed(c, q, a, &near))
            p = bp_precision_judge(w, g, bp_round(near, w->precision), a,
                                   &least);
        if (p != BP_PRECISION_NO_DIGIT) {
            j->verdict = BP_VERDICT_ECF;
            j->credit = g->ecf_credit;
            follows_from(c, sources, n, j->hint, sizeof j->hint,
                         "follows from your ");
            if (p == BP_PRECISION_COARSE) {
                j->credit *= g->coarse_credit;
                size_t len = strlen(j->hint);
                snprintf(j->hint + len, sizeof j->hint - len,
                         ", but write at least %d decimals", least);
            }
            return;
        }
    }
    /* a right value is no erratum, whatever the lecture prints: the
     * calculator student writes the lecture's o5(new) = 0.521 too */
    bool right = right_value(c, quantity, a) && !exactly_a_mistake(c, q, a);
    const bp_erratum *e = erratum_for(c->t->lesson, quantity->name);
    if (!right && is_printed(e, a)) {
        snprintf(j->hint, sizeof j->hint,
                 "the lecture's erratum: it prints %s, correct is %s",
                 e->printed, e->correct);
        return;
    }
    if (old_pass(c, q, a)) {
        c->tainted[q] = TAINT_OLD_PASS;
        snprintf(j->hint, sizeof j->hint,
                 "worked with the weights before the update: the "
                 "verification pass uses the new weights");
        return;
    }
    const char *why = diagnose(c, q, a);
    if (right)
        follows_from(c, sources, n, j->hint, sizeof j->hint,
                     n ? "the correct value, but it does not follow from "
                         "your own "
                       : "the correct value, but it does not follow from "
                         "the numbers it is worked from");
    else if (why)
        snprintf(j->hint, sizeof j->hint, "%s", why);
}

static void judge(checker *c, int q, bp_judgement *j)
{
    const bp_quantity *quantity = &c->t->q[q];
    const bp_grading *g = &c->t->lesson->grading;
    const bp_answer *a = answer(c, q);
    j->q = quantity;
    j->answer = a && a->answered ? a : NULL;
    j->expected = c->t->hand_rounding ? quantity->hand : quantity->exact;
    j->hint[0] = '\0';
    if (a && a->given) { /* the worksheet's number: nothing to earn */
        j->answer = a;
        j->verdict = BP_VERDICT_GIVEN;
        j->credit = 0;
        if (a->edited[0])
            snprintf(j->hint, sizeof j->hint, "the worksheet gives %s; "
                     "the %s written here is not graded", a->text, a->edited);
        return;
    }
    if (!j->answer) {
        j->verdict = BP_VERDICT_MISSING;
        j->credit = 0;
        return;
    }
    /* right: it agrees with a correct value and follows from the
     * student's own numbers; then the precision rule */
    int least;
    bp_precision_verdict p = bp_precision_judge(written_as(c, q), g,
                                                j->expected, a, &least);
    /* the correct value itself, to a double's digits (a number copied
     * from the trace with all 15 of them) needs no route to it */
    bool itself = same_number(quantity->exact, a->value) &&
                  a->decimals >= 12;
    if (p == BP_PRECISION_NO_DIGIT || !agrees_correct(c, quantity, a) ||
        (!itself && !consistent(c, q, a))) {
        judge_wrong(c, q, a, j);
        return;
    }
    if (p == BP_PRECISION_COARSE &&
        (exactly_a_mistake(c, q, a) || exactly_carried(c, q, a))) {
        judge_wrong(c, q, a, j); /* -0.4: the bias not updated */
        return;
    }
    j->verdict = p == BP_PRECISION_COARSE ? BP_VERDICT_COARSE
                                          : BP_VERDICT_RIGHT;
    j->credit = p == BP_PRECISION_COARSE ? g->coarse_credit : 1.0;
    if (p == BP_PRECISION_COARSE)
        snprintf(j->hint, sizeof j->hint,
                 "right, but write at least %d decimals", least);
}

/* What is graded: every quantity a student writes on a line of its own,
 * and any other the student answered. */
static bool graded(const checker *c, int q)
{
    const bp_quantity *quantity = &c->t->q[q];
    if (bp_qkind_is_given(quantity->kind) || quantity->summary)
        return answer(c, q) != NULL;
    return bp_derive_standalone(c->t, quantity) ||
           answer(c, q) != NULL;
}

/* Each answer names a quantity of the lesson; a misspelt one gets the
 * closest name.  One that bp_answers_match found broken is left out. */
static bool map_answers(checker *c, bp_error *err)
{
    const bp_trace *t = c->t;
    for (int i = 0; i < t->n; i++)
        c->answer_of[i] = -1;
    for (int k = 0; k < c->a->n; k++) {
        const bp_answer *a = &c->a->answers[k];
        const bp_quantity *q = bp_trace_find(t, a->name);
        if (q)
            c->answer_of[index_of(c, q)] = k;
        else if (!a->broken) {
            bp_answer_unknown(t, c->a->file, a, err);
            return false;
        }
    }
    return true;
}

static void index_weights(checker *c)
{
    const bp_trace *t = c->t;
    int nw = t->lesson->n_weights;
    for (int w = 0; w < nw; w++)
        c->new_weight[w] = c->old_weight[w] = -1;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (q->weight < 0 || q->weight >= nw)
            continue;
        if (q->kind == BP_Q_WEIGHT)
            c->old_weight[q->weight] = i;
        if (q->kind == BP_Q_NEW_PARAM)
            c->new_weight[q->weight] = i;
    }
}

static void checker_free(checker *c)
{
    for (int d = 0; d < 17; d++)
        free(c->routes[d]);
    free(c->tainted);
    free(c->judged_right);
    free(c->answer_of);
    free(c->world);
    free(c->correct);
    free(c->new_weight);
    free(c->old_weight);
}

bp_check_result *bp_check(const bp_trace *t, const bp_answers *a,
                          bp_error *err)
{
    size_t nw = (size_t)t->lesson->n_weights + 1;
    checker c = {t,
                 a,
                 malloc((size_t)t->n * sizeof(int)),
                 malloc((size_t)t->n * sizeof(double)),
                 malloc((size_t)t->n * sizeof(double)),
                 malloc(nw * sizeof(int)),
                 malloc(nw * sizeof(int)),
                 calloc((size_t)t->n + 1, 1),
                 NULL,
                 {NULL},
                 hand_twin(t)};
    c.judged_right = calloc((size_t)t->n + 1, 1);
    bp_check_result *r = calloc(1, sizeof *r);
    if (r)
        r->items = calloc((size_t)t->n, sizeof *r->items);
    if (!c.answer_of || !c.world || !c.correct || !c.new_weight ||
        !c.old_weight || !c.tainted || !c.judged_right || !r ||
        !r->items) {
        checker_free(&c);
        bp_check_free(r);
        bp_error_set(err, BP_ERR_NOMEM, a->file, (bp_pos){0, 0},
                     "out of memory while checking");
        return NULL;
    }
    if (!map_answers(&c, err)) {
        checker_free(&c);
        bp_check_free(r);
        return NULL;
    }
    index_weights(&c);
    evaluate_worlds(&c);
    for (int i = 0; i < t->n; i++)
        c.correct[i] = t->q[i].hand;
    r->trace = t;
    r->answers = a;
    r->first_wrong = -1;
    for (int i = 0; i < t->n; i++) {
        if (!graded(&c, i))
            continue;
        bp_judgement *j = &r->items[r->n];
        judge(&c, i, j);
        c.judged_right[i] = j->verdict == BP_VERDICT_RIGHT ||
                            j->verdict == BP_VERDICT_COARSE ||
                            j->verdict == BP_VERDICT_GIVEN;
        r->score += j->credit;
        r->max_score += j->verdict == BP_VERDICT_GIVEN ? 0.0 : 1.0;
        if (j->verdict == BP_VERDICT_WRONG && r->first_wrong < 0)
            r->first_wrong = r->n;
        r->n++;
    }
    checker_free(&c);
    return r;
}

void bp_check_free(bp_check_result *result)
{
    if (!result)
        return;
    free(result->items);
    free(result);
}

/* One quantity judged as bp_check judges it among the others: the same
 * rules, the same hint, nothing of its own. */
bp_status bp_check_quantity(const bp_trace *t, const bp_answers *a,
                            const bp_quantity *q, bp_judgement *out,
                            bp_error *err)
{
    bp_check_result *r = bp_check(t, a, err);
    if (!r)
        return err ? err->status : BP_ERR_INPUT;
    bp_status status = bp_error_set(err, BP_ERR_INPUT, a->file, (bp_pos){0, 0},
                                    "'%s' is not graded", q->name);
    for (int i = 0; i < r->n; i++) {
        if (r->items[i].q == q) {
            *out = r->items[i];
            status = BP_OK;
            break;
        }
    }
    bp_check_free(r);
    return status;
}

int bp_check_mistakes(const bp_trace *t, const bp_quantity *q,
                      bp_mistake *out)
{
    size_t nw = (size_t)t->lesson->n_weights + 1;
    checker c = {.t = t,
                 .world = malloc(((size_t)t->n + 1) * sizeof(double)),
                 .new_weight = malloc(nw * sizeof(int)),
                 .old_weight = malloc(nw * sizeof(int))};
    int n = -1;
    if (c.world && c.new_weight && c.old_weight) {
        for (int i = 0; i < t->n; i++)
            c.world[i] = t->hand_rounding ? t->q[i].hand : t->q[i].exact;
        index_weights(&c);
        candidate list[MAX_CANDIDATES];
        n = mistake_candidates(&c, (int)(q - t->q), list);
        for (int i = 0; i < n; i++)
            out[i] = (bp_mistake){list[i].why, list[i].value};
    }
    checker_free(&c);
    return n;
}
