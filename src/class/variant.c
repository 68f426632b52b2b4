/* variant.c: a lesson with other numbers, the same for a seed on every
 * machine, and never a poor exercise.
 *
 * The values are drawn in a fixed order (a network's inputs, weights,
 * biases, then targets, each in the lesson's unit and weight order; an
 * exercise's givens in the order its 'variants: given:' names them) from
 * one splitmix64 stream.  A draw that makes a poor exercise is thrown
 * away and the stream goes on: the first good draw is the variant.
 */
#include "util/random.h"
#include "math/activation.h"

#include "class/class_internal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ATTEMPTS = 10000 };

/* A bound on the work of looking for a variant, in values drawn plus
 * quantities of the trial traces built: about a second and a half.  A
 * small lesson never reaches it in MAX_ATTEMPTS draws (section 7: 10000
 * draws of 36 values and 50-quantity traces are 0.9 million); a network
 * of 256 units whose draws are nearly all poor would otherwise take a
 * minute and more before saying so. */
enum { WORK_BUDGET = 1500000 };

/* ------------------------------------------------------------------ */
/* Seeds                                                               */
/* ------------------------------------------------------------------ */

uint64_t bp_seed_from_id(const char *id, const char *salt)
{
    uint64_t h = BP_FNV1A64_OFFSET;
    if (salt && *salt) {
        h = bp_fnv1a64(h, salt, strlen(salt));
        h = bp_fnv1a64(h, "", 1); /* "ab"+"c" is not "a"+"bc" */
    }
    return bp_fnv1a64(h, id, strlen(id));
}

bool bp_seed_parse(const char *text, uint64_t *out)
{
    uint64_t v = 0;
    if (!*text)
        return false;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        unsigned d = (unsigned)(*p - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

/* ------------------------------------------------------------------ */
/* The rules                                                           */
/* ------------------------------------------------------------------ */

const char *bp_poor_name(bp_poor poor)
{
    switch (poor) {
    case BP_POOR_NONE: return "none";
    case BP_POOR_EQUAL: return "two weights are equal";
    case BP_POOR_ZERO_INPUTS: return "every input is 0";
    case BP_POOR_SATURATED: return "a unit is saturated (o above 0.99 or "
                                   "below 0.01)";
    case BP_POOR_ZERO_DELTA: return "an error term rounds to 0";
    case BP_POOR_COUNT: break;
    }
    assert(false);
    return "unknown";
}

/* Values the student cannot tell apart make a mistake that swaps them
 * invisible. */
static bool any_equal(const double *v, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (v[i] == v[j])
                return true;
    return false;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Two weights equal: sorted, so that thousands of weights take no
 * millions of comparisons on every draw (pairwise without memory). */
static bool weights_equal(const bp_lesson *l)
{
    double *v = malloc((size_t)(l->n_weights > 0 ? l->n_weights : 1) *
                       sizeof *v);
    if (!v) {
        for (int i = 0; i < l->n_weights; i++)
            for (int j = i + 1; j < l->n_weights; j++)
                if (l->weights[i].value == l->weights[j].value)
                    return true;
        return false;
    }
    for (int i = 0; i < l->n_weights; i++)
        v[i] = l->weights[i].value;
    qsort(v, (size_t)l->n_weights, sizeof *v, by_value);
    bool equal = false;
    for (int i = 1; i < l->n_weights && !equal; i++)
        equal = v[i] == v[i - 1];
    free(v);
    return equal;
}

bp_poor bp_variant_poor_values(const bp_lesson *l)
{
    if (l->exercise)
        return BP_POOR_NONE; /* see the exercise's own check below */
    if (weights_equal(l))
        return BP_POOR_EQUAL;
    bool all_zero = true;
    for (int u = 0; u < l->n_units; u++)
        if (l->units[u].layer == 0 && l->units[u].input != 0)
            all_zero = false;
    return all_zero ? BP_POOR_ZERO_INPUTS : BP_POOR_NONE;
}

/* o within the row's margin of an end of its range: 0.99 or 0.01 for
 * sigmoid (relu: never; a dead unit has a zero delta, caught there) */
static bool saturated(const bp_quantity *q)
{
    const bp_activation_row *row = bp_act_row(q->activation);
    double o = q->exact;
    return row->saturation > 0 &&
           (o > row->high - row->saturation || o < row->low + row->saturation);
}

bp_poor bp_variant_poor_trace(const bp_trace *t)
{
    bp_precision delta = t->lesson->rounding[BP_RK_DELTA];
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        switch (q->kind) {
        case BP_Q_ACTIVATION:
            if (q->phase != BP_PHASE_VERIFY && saturated(q))
                return BP_POOR_SATURATED;
            break;
        case BP_Q_OUTPUT_DELTA:
        case BP_Q_HIDDEN_DELTA:
            if (bp_round(q->exact, delta) == 0 ||
                (t->hand_rounding && q->hand == 0))
                return BP_POOR_ZERO_DELTA;
            break;
        case BP_Q_INPUT: case BP_Q_TARGET: case BP_Q_RATE: case BP_Q_WEIGHT:
        case BP_Q_BIAS: case BP_Q_VALUE: case BP_Q_PRODUCT: case BP_Q_NET:
        case BP_Q_EXP: case BP_Q_ERROR: case BP_Q_SQUARE: case BP_Q_LOSS:
        case BP_Q_DERIVATIVE: case BP_Q_SIGNAL: case BP_Q_CHANGE:
        case BP_Q_NEW_PARAM: case BP_Q_ABS_ERROR: case BP_Q_COMPARE:
        case BP_Q_TOTAL: case BP_Q_LOG: case BP_Q_LOG_COMPLEMENT:
        case BP_Q_CE_TERM: case BP_Q_CROSS_ENTROPY: case BP_Q_CE_DELTA:
        case BP_Q_MAX: case BP_Q_SOFTMAX_EXP: case BP_Q_EXP_SUM:
        case BP_Q_GRAD_OUTPUT: case BP_Q_GRAD_ACT: case BP_Q_GRAD_NET:
        case BP_Q_GRAD_NET_CANCEL: case BP_Q_GRAD_TERM:
        case BP_Q_GRAD_NET_HIDDEN: case BP_Q_GRAD_PARAM:
        case BP_Q_KIND_COUNT: break;
        }
    }
    return BP_POOR_NONE;
}

/* ------------------------------------------------------------------ */
/* What is drawn                                                       */
/* ------------------------------------------------------------------ */

/* One value to draw, and how. */
typedef struct {
    double *value;
    bp_draw draw;
    bool distinct; /* must differ from the others marked so */
} slot;

typedef struct {
    slot *slots;
    int n;
    bp_layer *one_hot; /* softmax outputs: one target 1, the others 0 */
} plan;

static bp_draw range(int64_t min, int64_t max, int decimals)
{
    return (bp_draw){.kind = BP_DRAW_RANGE, .min = min, .max = max,
                     .decimals = decimals};
}

static bp_draw list2(double a, double b)
{
    return (bp_draw){.kind = BP_DRAW_LIST, .values = {a, b}, .n_values = 2};
}

/* Inputs stay binary when the lesson's are (the lecture's x = 1, 0, 1),
 * else one decimal from 0.1 to 1.0 (0.5, 0.8). */
static bp_draw default_inputs(const bp_lesson *l)
{
    for (int u = 0; u < l->n_units; u++) {
        double x = l->units[u].input;
        if (l->units[u].layer == 0 && x != 0 && x != 1)
            return range(1, 10, 1);
    }
    return list2(0, 1);
}

/* Targets the output activation can approach, the ends of its range:
 * 0/1 for sigmoid, -1/1 for tanh; relu and linear keep the lesson's;
 * softmax targets are one-hot (drawn apart: see draw_one_hot). */
static bp_draw default_targets(const bp_lesson *l)
{
    const bp_activation_row *row =
        bp_act_row(l->layers[l->n_layers - 1].activation);
    if (!row->draws_targets)
        return (bp_draw){.kind = BP_DRAW_FIXED};
    return list2(row->low, row->high);
}

static bp_draw stated_or(const bp_draw *stated, bp_draw fallback)
{
    return stated->kind == BP_DRAW_DEFAULT ? fallback : *stated;
}

static void add_slot(plan *p, double *value, bp_draw draw, bool distinct)
{
    if (draw.kind != BP_DRAW_FIXED)
        p->slots[p->n++] = (slot){value, draw, distinct};
}

static void plan_network(plan *p, bp_lesson *l)
{
    const bp_variants *v = &l->variants;
    bp_draw inputs = stated_or(&v->inputs, default_inputs(l));
    bp_draw weights = stated_or(&v->weights, range(-5, 5, 1));
    bp_draw biases = stated_or(&v->biases, range(-5, 5, 1));
    bp_draw targets = stated_or(&v->targets, default_targets(l));
    for (int u = 0; u < l->n_units; u++)
        if (l->units[u].layer == 0)
            add_slot(p, &l->units[u].input, inputs, false);
    for (int w = 0; w < l->n_weights; w++)
        add_slot(p, &l->weights[w].value, weights, true);
    for (int u = 0; u < l->n_units; u++)
        if (l->units[u].layer > 0 && l->units[u].has_bias)
            add_slot(p, &l->units[u].bias, biases, false);
    bp_layer *out = &l->layers[l->n_layers - 1];
    if (out->activation == BP_ACT_SOFTMAX && v->targets.kind != BP_DRAW_FIXED)
        p->one_hot = out; /* the loader allows nothing else */
    for (int u = 0; u < l->n_units && !p->one_hot; u++)
        if (l->units[u].layer == l->n_layers - 1)
            add_slot(p, &l->units[u].target, targets, false);
}

/* The class a softmax example is of: drawn after every other value. */
static void draw_one_hot(bp_rng *rng, bp_lesson *l, const bp_layer *out)
{
    int hot = (int)bp_rng_below(rng, (uint64_t)out->count);
    for (int i = 0; i < out->count; i++)
        l->units[out->first + i].target = i == hot;
}

static double *find_given(bp_exercise *x, const char *name)
{
    for (int i = 0; i < x->n_given; i++)
        if (strcmp(x->given[i].name, name) == 0)
            return &x->given[i].value;
    for (int s = 0; s < x->n_steps; s++)
        for (int i = 0; i < x->steps[s].n_given; i++)
            if (strcmp(x->steps[s].given[i].name, name) == 0)
                return &x->steps[s].given[i].value;
    return NULL;
}

static void plan_exercise(plan *p, bp_lesson *l)
{
    const bp_variants *v = &l->variants;
    for (int i = 0; i < v->n_given; i++) {
        double *value = find_given(l->exercise, v->given[i].name);
        if (value) /* the loader checked the name */
            add_slot(p, value, v->given[i].draw,
                     v->given[i].draw.kind == BP_DRAW_RANGE);
    }
}

/* How many different values a draw gives. */
static int64_t n_values(const bp_draw *d)
{
    if (d->kind == BP_DRAW_RANGE)
        return d->max - d->min + 1;
    int n = 0;
    for (int i = 0; i < d->n_values; i++) {
        bool seen = false;
        for (int j = 0; j < i; j++)
            seen |= d->values[j] == d->values[i];
        n += !seen;
    }
    return n;
}

static double draw_value(bp_rng *rng, const bp_draw *d)
{
    static const double scale[] = {1, 10, 100, 1000, 10000};
    if (d->kind == BP_DRAW_LIST)
        return d->values[bp_rng_below(rng, (uint64_t)d->n_values)];
    assert(d->kind == BP_DRAW_RANGE && d->decimals >= 0 && d->decimals <= 4);
    int64_t k = d->min + (int64_t)bp_rng_below(rng, (uint64_t)(d->max -
                                                              d->min + 1));
    /* an integer over a power of ten: the nearest double, everywhere */
    return (double)k / scale[d->decimals];
}

static bp_poor poor_exercise_values(const plan *p)
{
    double v[256]; /* the loader allows 256 givens in all */
    int n = 0;
    for (int i = 0; i < p->n && n < (int)(sizeof v / sizeof *v); i++)
        if (p->slots[i].distinct)
            v[n++] = *p->slots[i].value;
    return any_equal(v, n) ? BP_POOR_EQUAL : BP_POOR_NONE;
}

/* ------------------------------------------------------------------ */
/* The variant                                                         */
/* ------------------------------------------------------------------ */

static void drop_text(char **text)
{
    free(*text);
    *text = NULL;
}

/* What the lesson says of its own numbers no longer applies: the
 * lecture's values, its errata, and the prose that may quote them. */
static void drop_lecture(bp_lesson *l)
{
    free(l->lecture);
    l->lecture = NULL;
    l->n_lecture = 0;
    free(l->errata);
    l->errata = NULL;
    l->n_errata = 0;
    drop_text(&l->description);
    if (l->exercise) {
        drop_text(&l->exercise->interpretation);
        for (int s = 0; s < l->exercise->n_steps; s++)
            drop_text(&l->exercise->steps[s].note);
    }
}

/* The title with a variant's name after it: "Title (variant 7)", or
 * for a class's sheet "Title (variant for alice)"; the name a variant
 * of this lesson gave it before is taken off first. */
static bp_status set_variant_name(bp_lesson *l, const char *name,
                                  bp_error *err)
{
    size_t len = strlen(l->title);
    if (l->is_variant) { /* the last " (variant ", which it wrote */
        const char *old = NULL;
        for (const char *p = strstr(l->title, " (variant "); p;
             p = strstr(p + 1, " (variant "))
            old = p;
        if (old && l->title[len - 1] == ')')
            len = (size_t)(old - l->title);
    }
    size_t size = len + strlen(name) + 16;
    char *title = malloc(size);
    if (!title)
        return bp_error_set(err, BP_ERR_NOMEM, l->file, (bp_pos){0, 0},
                            "out of memory");
    snprintf(title, size, "%.*s (variant %s)", (int)len, l->title, name);
    free(l->title);
    l->title = title;
    return BP_OK;
}

static bp_status retitle(bp_lesson *l, uint64_t seed, bp_error *err)
{
    char number[24];
    snprintf(number, sizeof number, "%llu", (unsigned long long)seed);
    return set_variant_name(l, number, err);
}

bp_status bp_lesson_variant_for(bp_lesson *l, const char *student,
                                bp_error *err)
{
    char name[BP_STUDENT_ID_MAX + 8];
    snprintf(name, sizeof name, "for %s", student);
    return set_variant_name(l, name, err);
}

/* Ranges that cannot give every weight a value of its own fail at once,
 * rather than after every attempt. */
static bp_status check_possible(const bp_lesson *l, const plan *p,
                                bp_error *err)
{
    if (l->exercise || l->n_weights < 2)
        return BP_OK;
    const slot *first = NULL;
    for (int i = 0; i < p->n && !first; i++)
        if (p->slots[i].distinct)
            first = &p->slots[i];
    if (!first) /* weights: fixed */
        return BP_OK;
    int64_t n = n_values(&first->draw);
    if (n >= l->n_weights)
        return BP_OK;
    return bp_error_set(err, BP_ERR_INPUT, l->file, first->draw.pos,
                        "the weights of a variant must all differ, but "
                        "'weights' gives %lld value%s for %d weights",
                        (long long)n, n == 1 ? "" : "s", l->n_weights);
}

/* Draw until a draw is good.  The trial traces are built with the
 * rounding profile on (its defaults when the lesson has none), so that a
 * seed gives the same variant in exact mode and by hand. */
static bp_status draw_good(bp_lesson *l, const plan *p, uint64_t seed,
                           bp_trace **good, bp_error *err)
{
    int rejected[BP_POOR_COUNT + 1] = {0}; /* + 1: overflow */
    bool had_rounding = l->has_rounding;
    l->has_rounding = true;
    bp_rng rng;
    bp_rng_seed(&rng, seed);
    bp_status status = BP_ERR_INPUT;
    bool done = false;
    long work = 0;
    int attempt;
    for (attempt = 0; attempt < MAX_ATTEMPTS && !done && work < WORK_BUDGET;
         attempt++) {
        work += p->n;
        for (int i = 0; i < p->n; i++)
            *p->slots[i].value = draw_value(&rng, &p->slots[i].draw);
        if (p->one_hot)
            draw_one_hot(&rng, l, p->one_hot);
        bp_poor poor = l->exercise ? poor_exercise_values(p)
                                   : bp_variant_poor_values(l);
        if (poor != BP_POOR_NONE) {
            rejected[poor]++;
            continue;
        }
        bp_error trial_err;
        bp_trace *t = bp_trace_build(l, &trial_err);
        if (!t && trial_err.status != BP_ERR_NUMERIC) {
            if (err)
                *err = trial_err;
            status = trial_err.status;
            done = true;
            continue;
        }
        work += t ? t->n : l->n_weights + l->n_units;
        poor = t ? bp_variant_poor_trace(t) : BP_POOR_COUNT;
        if (poor == BP_POOR_NONE) {
            *good = t;
            status = BP_OK;
            done = true;
            continue;
        }
        bp_trace_free(t);
        rejected[poor]++;
    }
    l->has_rounding = had_rounding;
    if (done && status == BP_OK && !had_rounding) {
        /* the trial was worked by hand; the lesson is worked exactly */
        bp_trace_free(*good);
        *good = bp_trace_build(l, err);
        status = *good ? BP_OK : err ? err->status : BP_ERR_NOMEM;
    }
    if (done)
        return status;
    int worst = 1;
    for (int r = 1; r <= BP_POOR_COUNT; r++)
        if (rejected[r] > rejected[worst])
            worst = r;
    if (attempt < MAX_ATTEMPTS) /* the work budget ran out first */
        return bp_error_set(err, BP_ERR_INPUT, l->file, l->variants.pos,
                            "no good variant for seed %llu in %d draws (the "
                            "most this network's size allows): most were "
                            "rejected because %s (%d times); widen the "
                            "ranges of 'variants'",
                            (unsigned long long)seed, attempt,
                            worst == BP_POOR_COUNT ? "a value overflowed"
                                                   : bp_poor_name(worst),
                            rejected[worst]);
    return bp_error_set(err, BP_ERR_INPUT, l->file, l->variants.pos,
                        "no good variant for seed %llu in %d draws: most "
                        "were rejected because %s (%d times); widen the "
                        "ranges of 'variants'",
                        (unsigned long long)seed, MAX_ATTEMPTS,
                        worst == BP_POOR_COUNT ? "a value overflowed"
                                               : bp_poor_name(worst),
                        rejected[worst]);
}

/* Every value a variant may change, in a fixed order: each unit's input,
 * bias and target, each weight, each given of an exercise.  The first
 * variant keeps them; every later one starts from them again. */
static bp_status keep_own_values(bp_lesson *l)
{
    int n = 3 * l->n_units + l->n_weights;
    const bp_exercise *x = l->exercise;
    if (x) {
        n += x->n_given;
        for (int s = 0; s < x->n_steps; s++)
            n += x->steps[s].n_given;
    }
    bool restore = l->own_values != NULL;
    if (!restore && !(l->own_values = malloc(((size_t)n + 1) *
                                             sizeof *l->own_values)))
        return BP_ERR_NOMEM;
    double *v = l->own_values;
#define KEEP(x) (restore ? (void)((x) = *v++) : (void)(*v++ = (x)))
    for (int u = 0; u < l->n_units; u++) {
        KEEP(l->units[u].input);
        KEEP(l->units[u].bias);
        KEEP(l->units[u].target);
    }
    for (int w = 0; w < l->n_weights; w++)
        KEEP(l->weights[w].value);
    if (x) {
        for (int i = 0; i < x->n_given; i++)
            KEEP(x->given[i].value);
        for (int s = 0; s < x->n_steps; s++)
            for (int i = 0; i < x->steps[s].n_given; i++)
                KEEP(x->steps[s].given[i].value);
    }
#undef KEEP
    return BP_OK;
}

bp_trace *bp_lesson_vary_trace(bp_lesson *l, uint64_t seed, bp_error *err)
{
    if (l->exercise && !l->variants.stated) {
        bp_error_set(err, BP_ERR_INPUT, l->file, (bp_pos){0, 0},
                     "this exercise has no variants: an exercise varies "
                     "only the givens that its 'variants: given:' map names "
                     "(see \"Variants\" in doc/lesson-format.md)");
        return NULL;
    }
    drop_lecture(l);
    int room = l->exercise ? l->variants.n_given
                           : 3 * l->n_units + l->n_weights;
    plan p = {calloc((size_t)room + 1, sizeof *p.slots), 0, NULL};
    if (!p.slots || keep_own_values(l) != BP_OK) {
        free(p.slots);
        bp_error_set(err, BP_ERR_NOMEM, l->file, (bp_pos){0, 0},
                     "out of memory");
        return NULL;
    }
    if (l->exercise)
        plan_exercise(&p, l);
    else
        plan_network(&p, l);
    bp_trace *t = NULL;
    bp_status status = check_possible(l, &p, err);
    if (status == BP_OK)
        status = draw_good(l, &p, seed, &t, err);
    free(p.slots);
    if (status == BP_OK)
        status = retitle(l, seed, err);
    if (status != BP_OK) {
        bp_trace_free(t);
        return NULL;
    }
    l->is_variant = true;
    l->seed = seed;
    return t;
}

bp_status bp_lesson_vary(bp_lesson *l, uint64_t seed, bp_error *err)
{
    bp_error local;
    bp_trace *t = bp_lesson_vary_trace(l, seed, err ? err : &local);
    if (!t)
        return err ? err->status : local.status;
    bp_trace_free(t);
    return BP_OK;
}
