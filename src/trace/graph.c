/* graph.c: the quantities of a trace, their formulas and their evaluation.
 *
 * Every quantity is evaluated twice when it is added: exactly (from the
 * exact values of its inputs) and by hand (from the hand values of its
 * inputs, then rounded to its precision).  Inputs always precede the
 * quantities that use them, so one pass in order evaluates the graph.
 */
#include "trace/trace_internal.h"
#include "trace/graph.h"
#include "trace/names.h"
#include "math/activation.h"
#include "lesson/reader.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *bp_phase_name(bp_phase phase)
{
    switch (phase) {
    case BP_PHASE_GIVEN: return "given";
    case BP_PHASE_FORWARD: return "forward";
    case BP_PHASE_ERROR: return "error";
    case BP_PHASE_BACKWARD: return "backward";
    case BP_PHASE_UPDATE: return "update";
    case BP_PHASE_VERIFY: return "verify";
    case BP_PHASE_COUNT: break;
    }
    assert(false);
    return "?";
}

const char *bp_qkind_name(bp_qkind kind)
{
    switch (kind) {
    case BP_Q_INPUT: return "input";
    case BP_Q_TARGET: return "target";
    case BP_Q_RATE: return "learning_rate";
    case BP_Q_WEIGHT: return "weight";
    case BP_Q_BIAS: return "bias";
    case BP_Q_VALUE: return "given";
    case BP_Q_PRODUCT: return "product";
    case BP_Q_NET: return "net";
    case BP_Q_EXP: return "exp";
    case BP_Q_ACTIVATION: return "activation";
    case BP_Q_ERROR: return "error";
    case BP_Q_SQUARE: return "squared_error";
    case BP_Q_LOSS: return "loss";
    case BP_Q_OUTPUT_DELTA: return "output_delta";
    case BP_Q_DERIVATIVE: return "derivative";
    case BP_Q_SIGNAL: return "sum";
    case BP_Q_HIDDEN_DELTA: return "hidden_delta";
    case BP_Q_CHANGE: return "weight_change";
    case BP_Q_NEW_PARAM: return "new_weight";
    case BP_Q_ABS_ERROR: return "abs_error";
    case BP_Q_COMPARE: return "difference";
    case BP_Q_TOTAL: return "total";
    case BP_Q_LOG: return "log";
    case BP_Q_LOG_COMPLEMENT: return "log_complement";
    case BP_Q_CE_TERM: return "cross_entropy_term";
    case BP_Q_CROSS_ENTROPY: return "cross_entropy";
    case BP_Q_CE_DELTA: return "cross_entropy_delta";
    case BP_Q_MAX: return "max";
    case BP_Q_SOFTMAX_EXP: return "softmax_exp";
    case BP_Q_EXP_SUM: return "exp_sum";
    case BP_Q_GRAD_OUTPUT: return "gradient_output";
    case BP_Q_GRAD_ACT: return "gradient_activation";
    case BP_Q_GRAD_NET: return "gradient_net";
    case BP_Q_GRAD_NET_CANCEL: return "gradient_net_cancelled";
    case BP_Q_GRAD_TERM: return "gradient_term";
    case BP_Q_GRAD_NET_HIDDEN: return "gradient_net_hidden";
    case BP_Q_GRAD_PARAM: return "gradient_parameter";
    case BP_Q_KIND_COUNT: break;
    }
    assert(false);
    return "?";
}

bp_round_kind bp_qkind_round_kind(bp_qkind kind)
{
    switch (kind) {
    case BP_Q_PRODUCT: return BP_RK_PRODUCT;
    case BP_Q_NET:
    case BP_Q_MAX: return BP_RK_NET;
    case BP_Q_EXP:
    case BP_Q_SOFTMAX_EXP:
    case BP_Q_EXP_SUM:
    case BP_Q_LOG: /* a table or calculator value, as e^x is */
    case BP_Q_LOG_COMPLEMENT: return BP_RK_EXP;
    case BP_Q_ACTIVATION: return BP_RK_ACTIVATION;
    case BP_Q_OUTPUT_DELTA:
    case BP_Q_HIDDEN_DELTA:
    case BP_Q_CE_DELTA: return BP_RK_DELTA;
    case BP_Q_DERIVATIVE: return BP_RK_DERIVATIVE;
    case BP_Q_SIGNAL: return BP_RK_SUM;
    case BP_Q_CHANGE: return BP_RK_WEIGHT_CHANGE;
    case BP_Q_NEW_PARAM: return BP_RK_NEW_WEIGHT;
    case BP_Q_ERROR:
    case BP_Q_SQUARE:
    case BP_Q_LOSS:
    case BP_Q_ABS_ERROR:
    case BP_Q_COMPARE:
    case BP_Q_TOTAL:
    case BP_Q_CE_TERM:
    case BP_Q_CROSS_ENTROPY: return BP_RK_ERROR;
    case BP_Q_INPUT:
    case BP_Q_TARGET:
    case BP_Q_RATE:
    case BP_Q_WEIGHT:
    case BP_Q_BIAS:
    case BP_Q_VALUE: return BP_RK_COUNT; /* givens are never rounded */
    case BP_Q_GRAD_OUTPUT:
    case BP_Q_GRAD_ACT:
    case BP_Q_GRAD_NET:
    case BP_Q_GRAD_NET_CANCEL:
    case BP_Q_GRAD_TERM:
    case BP_Q_GRAD_NET_HIDDEN:
    case BP_Q_GRAD_PARAM: return BP_RK_GRADIENT;
    case BP_Q_KIND_COUNT: break;
    }
    assert(false);
    return BP_RK_COUNT;
}

bool bp_qkind_is_given(bp_qkind kind)
{
    return kind <= BP_Q_VALUE;
}

static double sum(const double *v, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s;
}

static double product(const double *v, int n)
{
    double p = 1.0;
    for (int i = 0; i < n; i++)
        p *= v[i];
    return p;
}

static double eval_raw(const bp_quantity *q, const double *in, double *aux)
{
    double unused;
    if (!aux)
        aux = &unused;
    *aux = NAN;
    switch (q->kind) {
    case BP_Q_INPUT:
    case BP_Q_TARGET:
    case BP_Q_RATE:
    case BP_Q_WEIGHT:
    case BP_Q_BIAS:
    case BP_Q_VALUE:
        return q->exact; /* a given has no formula */
    case BP_Q_PRODUCT:
    case BP_Q_CHANGE:
    case BP_Q_HIDDEN_DELTA:
        return product(in, q->n_in);
    case BP_Q_NET:
    case BP_Q_SIGNAL:
    case BP_Q_TOTAL:
    case BP_Q_EXP_SUM:
        return sum(in, q->n_in);
    case BP_Q_EXP:
        return exp(-in[0]);
    case BP_Q_ACTIVATION:
        if (q->activation == BP_ACT_SOFTMAX) /* in: net, e^(net - m), S */
            return in[1] / in[2];
        if (q->n_in > 1)
            *aux = 1.0 + in[1];
        return bp_act_value(q->activation, q->slope, in[0],
                            q->n_in > 1 ? &in[1] : NULL);
    case BP_Q_ERROR:
    case BP_Q_COMPARE:
        return in[0] - in[1];
    case BP_Q_ABS_ERROR:
        return fabs(in[0] - in[1]);
    case BP_Q_SQUARE:
        return in[0] * in[0];
    case BP_Q_LOSS:
        return 0.5 * sum(in, q->n_in);
    case BP_Q_OUTPUT_DELTA:
        return bp_act_derivative(q->activation, q->slope, in[0],
                                 q->n_in > 2 ? in[2] : 0.0, aux) *
               in[1];
    case BP_Q_DERIVATIVE:
        return bp_act_derivative(q->activation, q->slope, in[0],
                                 q->n_in > 1 ? in[1] : 0.0, aux);
    case BP_Q_NEW_PARAM:
        return q->n_in > 1 ? in[0] + in[1] : in[0];
    case BP_Q_LOG:
        return log(in[0]);
    case BP_Q_LOG_COMPLEMENT:
        *aux = 1.0 - in[0];
        return log(1.0 - in[0]);
    case BP_Q_CE_TERM: /* 0 ln 0 is 0: a term without its target is gone */
        return (in[0] != 0 ? in[0] * in[1] : 0.0) +
               (q->n_in > 2 && in[0] != 1 ? (1.0 - in[0]) * in[2] : 0.0);
    case BP_Q_CROSS_ENTROPY:
        return -sum(in, q->n_in);
    case BP_Q_CE_DELTA:
        return in[1];
    case BP_Q_MAX: {
        double m = in[0];
        for (int i = 1; i < q->n_in; i++)
            if (in[i] > m)
                m = in[i];
        return m;
    }
    case BP_Q_SOFTMAX_EXP:
        *aux = in[0] - in[1];
        return exp(in[0] - in[1]);
    case BP_Q_GRAD_OUTPUT:      /* -(t - o) */
    case BP_Q_GRAD_NET_CANCEL:  /* o - t */
        *aux = in[0] - in[1];
        return -(in[0] - in[1]);
    case BP_Q_GRAD_ACT:
        return bp_act_derivative(q->activation, q->slope, in[0],
                                 q->n_in > 1 ? in[1] : 0.0, aux);
    case BP_Q_GRAD_NET:
    case BP_Q_GRAD_TERM:
    case BP_Q_GRAD_PARAM:
        return product(in, q->n_in);
    case BP_Q_GRAD_NET_HIDDEN:
        *aux = sum(in + 1, q->n_in - 1);
        return in[0] * sum(in + 1, q->n_in - 1);
    case BP_Q_KIND_COUNT: break;
    }
    assert(false);
    return NAN;
}

/* Sums and products of the short decimals a student writes are short
 * decimals too; 12 significant digits strip the binary noise
 * (0.008000000000000007 for 0.378 - 0.37) and keep every real digit. */
static double clean(double x)
{
    return bp_round(x, (bp_precision){BP_ROUND_SIGNIFICANT, 12});
}

/* A person adds short decimals and gets a short decimal: 0.1 + 0.2 - 0.3
 * is 0, not the 5.551e-17 a double leaves, and relu'(0) is then 0.  A sum
 * smaller than the 15th significant digit of its largest term (all the
 * digits a double holds) is cancellation noise and is 0.  Every other
 * value keeps every bit the double has; its noise in the last digits is
 * left to the display (formula.c), which never reaches it. */
static double as_written(const bp_quantity *q, const double *in, double raw)
{
    switch (q->kind) {
    case BP_Q_NET:
    case BP_Q_SIGNAL:
    case BP_Q_TOTAL:
    case BP_Q_EXP_SUM:
    case BP_Q_LOSS:
    case BP_Q_CROSS_ENTROPY:
    case BP_Q_ERROR:
    case BP_Q_COMPARE:
    case BP_Q_ABS_ERROR:
    case BP_Q_NEW_PARAM: {
        double largest = 0.0;
        for (int i = 0; i < q->n_in; i++)
            largest = fmax(largest, fabs(in[i]));
        return fabs(raw) < largest * 1e-15 ? 0.0 : raw;
    }
    case BP_Q_INPUT:
    case BP_Q_TARGET:
    case BP_Q_RATE:
    case BP_Q_WEIGHT:
    case BP_Q_BIAS:
    case BP_Q_VALUE:
    case BP_Q_PRODUCT:
    case BP_Q_CHANGE:
    case BP_Q_HIDDEN_DELTA:
    case BP_Q_SQUARE:
    case BP_Q_OUTPUT_DELTA:
    case BP_Q_DERIVATIVE:
    case BP_Q_CE_DELTA:
    case BP_Q_ACTIVATION:
    case BP_Q_EXP:
    case BP_Q_LOG:
    case BP_Q_LOG_COMPLEMENT:
    case BP_Q_CE_TERM:
    case BP_Q_MAX:
    case BP_Q_SOFTMAX_EXP:
    case BP_Q_GRAD_OUTPUT:
    case BP_Q_GRAD_ACT:
    case BP_Q_GRAD_NET:
    case BP_Q_GRAD_NET_CANCEL:
    case BP_Q_GRAD_TERM:
    case BP_Q_GRAD_NET_HIDDEN:
    case BP_Q_GRAD_PARAM:
    case BP_Q_KIND_COUNT:
        return raw;
    }
    return raw;
}

/* The checker works a student's numbers with this too, so that the key
 * and the student's own numbers are worked alike. */
double bp_quantity_eval(const bp_quantity *q, const double *in, double *aux)
{
    return as_written(q, in, eval_raw(q, in, aux));
}

static bool grow(void **p, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return true;
    int n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *np = realloc(*p, (size_t)n * elem);
    if (!np)
        return false;
    *p = np;
    *cap = n;
    return true;
}

/* FNV-1a: names are short, and a trace has at most a few hundred
 * thousand of them. */
static unsigned name_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of `name` in the hash: where it is, or the empty one where it
 * would go. */
static int name_slot(const bp_trace *t, const char *name)
{
    unsigned mask = (unsigned)t->names_cap - 1;
    unsigned i = name_hash(name) & mask;
    while (t->names[i] && strcmp(t->q[t->names[i] - 1].name, name) != 0)
        i = (i + 1) & mask;
    return (int)i;
}

/* Keep the hash at most half full, so that probes stay short. */
static bool index_room(bp_trace *t)
{
    if (2 * (t->n + 1) <= t->names_cap)
        return true;
    int cap = t->names_cap ? 2 * t->names_cap : 256;
    int *old = t->names, old_cap = t->names_cap;
    t->names = calloc((size_t)cap, sizeof *t->names);
    if (!t->names) {
        t->names = old;
        return false;
    }
    t->names_cap = cap;
    for (int i = 0; i < old_cap; i++)
        if (old[i])
            t->names[name_slot(t, t->q[old[i] - 1].name)] = old[i];
    free(old);
    return true;
}

bool bp_graph_reserve(bp_trace *t, int n, int n_inputs)
{
    if (!grow((void **)&t->q, &t->cap, n, sizeof *t->q) ||
        !grow((void **)&t->in_pool, &t->pool_cap, n_inputs,
              sizeof *t->in_pool))
        return false;
    if (t->names_cap >= 2 * n)
        return true;
    assert(t->n == 0); /* the hash is made before any name is in it */
    int cap = 256;
    while (cap < 2 * n)
        cap *= 2;
    int *names = calloc((size_t)cap, sizeof *names);
    if (!names)
        return false;
    free(t->names);
    t->names = names;
    t->names_cap = cap;
    return true;
}

/* A copy of s in the string pool; NULL and "" are the one static "".
 * NULL when out of memory. */
static const char *intern(bp_trace *t, const char *s)
{
    static const char empty[] = "";
    if (!s || !*s)
        return empty;
    size_t len = strlen(s) + 1;
    bp_text_block *b = t->text;
    if (!b || b->cap - b->used < len) {
        /* blocks of about a page: most traces need one or two */
        size_t cap = 4096 - sizeof *b;
        if (cap < len)
            cap = len;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = t->text;
        b->used = 0;
        b->cap = cap;
        t->text = b;
    }
    char *copy = b->text + b->used;
    memcpy(copy, s, len);
    b->used += len;
    return copy;
}

/* sym with its parts in the pool (false: out of memory). */
static bool intern_symbol(bp_trace *t, const bp_symbol *sym, bp_symbol *out)
{
    char joined[BP_SYMBOL_SUB_MAX];
    bp_symbol s = *sym;
    s.base = intern(t, sym->base);
    s.sub = intern(t, bp_symbol_sub(sym, joined, sizeof joined));
    s.sub2 = NULL;
    s.num_base = intern(t, sym->num_base);
    s.num_sub = intern(t, sym->num_sub);
    if (!s.base || !s.sub || !s.num_base || !s.num_sub)
        return false;
    *out = s;
    return true;
}

bool bp_graph_set_symbol(bp_trace *t, int i, const bp_symbol *sym)
{
    return intern_symbol(t, sym, &t->q[i].sym);
}

int bp_graph_add(bp_trace *t, const bp_quantity *proto, const int *inputs,
                 int n_in)
{
    if (!grow((void **)&t->q, &t->cap, t->n + 1, sizeof *t->q) ||
        !grow((void **)&t->in_pool, &t->pool_cap, t->n_pool + n_in,
              sizeof *t->in_pool) ||
        !index_room(t))
        return BP_GRAPH_NOMEM;
    if (t->n >= BP_MAX_QUANTITIES)
        return BP_GRAPH_TOO_BIG;
    int slot = name_slot(t, proto->name);
    if (t->names[slot]) /* two quantities of one name: a clash of labels */
        return BP_GRAPH_DUPLICATE;

    bp_quantity *q = &t->q[t->n];
    *q = *proto;
    q->name = intern(t, proto->name);
    if (!q->name || !intern_symbol(t, &proto->sym, &q->sym))
        return BP_GRAPH_NOMEM;
    q->first_in = t->n_pool;
    q->n_in = n_in;
    if (n_in > 0)
        memcpy(t->in_pool + t->n_pool, inputs, (size_t)n_in * sizeof *inputs);
    t->n_pool += n_in;

    if (!bp_qkind_is_given(q->kind)) {
        double exact_in[BP_MAX_INPUTS], hand_in[BP_MAX_INPUTS];
        assert(n_in <= BP_MAX_INPUTS);
        for (int i = 0; i < n_in; i++) {
            exact_in[i] = t->q[inputs[i]].exact;
            hand_in[i] = t->q[inputs[i]].hand;
        }
        q->exact = bp_quantity_eval(q, exact_in, &q->aux_exact);
        double raw = bp_quantity_eval(q, hand_in, &q->aux_hand);
        if (q->aux_precision.mode != BP_ROUND_NONE) {
            /* an output delta's f' rounded before it multiplies t - o */
            q->aux_hand = bp_round(q->aux_hand, q->aux_precision);
            raw = q->aux_hand * hand_in[1];
        }
        q->hand = bp_round(raw, q->precision);
        /* asked only of a quantity with a precision (how it is written) */
        q->rounded = q->precision.mode != BP_ROUND_NONE &&
                     q->hand != clean(raw);
        q->aux_hand = clean(q->aux_hand);
    } else {
        q->hand = q->exact;
        q->aux_exact = q->aux_hand = NAN;
    }
    t->names[slot] = t->n + 1;
    t->n++;
    /* No trace prints inf or nan: a value beyond a double stops it. */
    if (!isfinite(q->exact) || !isfinite(q->hand))
        return BP_GRAPH_NOT_FINITE;
    return t->n - 1;
}

void bp_graph_report(const bp_trace *t, bp_status failure, int failed_at,
                     const char *clash, bp_error *err)
{
    const char *file = t && t->lesson ? t->lesson->file : NULL;
    if (failure == BP_ERR_INPUT && !clash)
        bp_error_set(err, BP_ERR_INPUT, file, (bp_pos){0, 0},
                     "the trace would have more than %d quantities: make the "
                     "lesson smaller", BP_MAX_QUANTITIES);
    else if (failure == BP_ERR_INPUT && clash)
        bp_error_set(err, BP_ERR_INPUT, file, (bp_pos){0, 0},
                     "two quantities would both be called '%s': give one of "
                     "the units (or givens) it comes from another label",
                     clash);
    else if (failure == BP_ERR_NUMERIC &&
             (t->q[failed_at].kind == BP_Q_LOG ||
              t->q[failed_at].kind == BP_Q_LOG_COMPLEMENT ||
              t->q[failed_at].kind == BP_Q_CE_TERM))
        bp_error_set(err, BP_ERR_NUMERIC, file, (bp_pos){0, 0},
                     "'%s' is not a finite number: an output of exactly 0 "
                     "or 1 (as computed, or as rounded by hand) has no "
                     "logarithm; use smaller weights, or more digits for "
                     "'activation' in 'rounding:'", t->q[failed_at].name);
    else if (failure == BP_ERR_NUMERIC)
        bp_error_set(err, BP_ERR_NUMERIC, file, (bp_pos){0, 0},
                     "'%s' is not a finite number: the values it is computed "
                     "from are too large for double precision (about "
                     "1.8e308); use smaller inputs or weights",
                     t->q[failed_at].name);
    else
        bp_error_set(err, BP_ERR_NOMEM, file, (bp_pos){0, 0},
                     "out of memory while building the trace");
}

bp_trace *bp_trace_build(const bp_lesson *lesson, bp_error *err)
{
    return bp_trace_build_with(lesson, NULL, err);
}

/* A lesson's lecture values and errata name quantities of its trace;
 * a misspelt name would leave a value silently unchecked. */
static bool check_named(const bp_trace *t, const char *name, bp_pos pos,
                        const char *what, bp_error *err)
{
    if (bp_trace_find(t, name))
        return true;
    const char **names = malloc((size_t)t->n * sizeof *names);
    const char *close = NULL;
    if (names) {
        for (int i = 0; i < t->n; i++)
            names[i] = t->q[i].name;
        close = bp_closest_name(name, names, (size_t)t->n);
        free(names);
    }
    bp_error_set(err, BP_ERR_INPUT, t->lesson->file, pos,
                 "%s '%s' is not a quantity of this lesson%s%s%s", what, name,
                 close ? " (did you mean '" : "", close ? close : "",
                 close ? "'?)" : "");
    return false;
}

static bool check_lecture_names(const bp_trace *t, bp_error *err)
{
    const bp_lesson *l = t->lesson;
    for (int i = 0; i < l->n_lecture; i++)
        if (!check_named(t, l->lecture[i].name, l->lecture[i].pos,
                         "lecture value", err))
            return false;
    for (int i = 0; i < l->n_errata; i++)
        if (!check_named(t, l->errata[i].name, l->errata[i].pos, "erratum",
                         err))
            return false;
    return true;
}

bp_trace *bp_trace_build_with(const bp_lesson *lesson,
                              const bp_build_options *options, bp_error *err)
{
    bool exact = options && options->exact;
    bp_trace *t = lesson->exercise /* no layers: nothing to update in turn */
                      ? bp_exercise_build(lesson, exact, err)
                      : bp_backprop_build(lesson, options, err);
    if (t && !check_lecture_names(t, err)) {
        bp_trace_free(t);
        return NULL;
    }
    if (t && t->sequential) { /* the path without the mistake, to compare */
        bp_build_options right = *options;
        right.sequential = false;
        t->correct = bp_backprop_build(lesson, &right, err);
        if (!t->correct) {
            bp_trace_free(t);
            return NULL;
        }
    }
    if (t && exact && lesson->has_rounding) { /* the hand route, to accept */
        bp_build_options by_hand = *options;
        by_hand.exact = false;
        t->by_hand = bp_trace_build_with(lesson, &by_hand, err);
        if (!t->by_hand) {
            bp_trace_free(t);
            return NULL;
        }
    }
    return t;
}

const bp_quantity *bp_trace_input(const bp_trace *t, const bp_quantity *q,
                                  int i)
{
    assert(i >= 0 && i < q->n_in);
    return &t->q[t->in_pool[q->first_in + i]];
}

const bp_quantity *bp_trace_find(const bp_trace *t, const char *name)
{
    if (!t->names_cap)
        return NULL;
    int i = t->names[name_slot(t, name)];
    return i ? &t->q[i - 1] : NULL;
}

double bp_quantity_value(const bp_quantity *q, bp_mode mode)
{
    return mode == BP_MODE_EXACT ? q->exact : q->hand;
}

double bp_quantity_aux(const bp_quantity *q, bp_mode mode)
{
    return mode == BP_MODE_EXACT ? q->aux_exact : q->aux_hand;
}

int bp_trace_count(const bp_trace *t)
{
    return t->n;
}

const bp_quantity *bp_trace_quantity(const bp_trace *t, int i)
{
    return i >= 0 && i < t->n ? &t->q[i] : NULL;
}

bool bp_trace_hand_rounding(const bp_trace *t)
{
    return t->hand_rounding;
}

const bp_trace *bp_trace_correct(const bp_trace *t)
{
    return t->correct;
}

const char *bp_quantity_name(const bp_quantity *q)
{
    return q->name;
}

bp_qkind bp_quantity_kind(const bp_quantity *q)
{
    return q->kind;
}

bp_phase bp_quantity_phase(const bp_quantity *q)
{
    return q->phase;
}

int bp_quantity_input_count(const bp_quantity *q)
{
    return q->n_in;
}

bp_precision bp_quantity_precision(const bp_quantity *q)
{
    return q->precision;
}

void bp_trace_free(bp_trace *t)
{
    if (!t)
        return;
    bp_trace_free(t->correct);
    bp_trace_free(t->by_hand);
    free(t->q);
    free(t->in_pool);
    free(t->names);
    while (t->text) {
        bp_text_block *next = t->text->next;
        free(t->text);
        t->text = next;
    }
    free(t);
}
