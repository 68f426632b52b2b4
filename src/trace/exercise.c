/* exercise.c: builds the graph of an exercise lesson.
 *
 * An exercise gives some values and asks for others (lecture sections 3.2,
 * 3.3, 4.2, 6.1.3, 6.1.4, 9.2, 12).  Each step finds named quantities with
 * the same kinds of quantity, and so the same formulas and the same
 * renderers, as a network's trace; the steps are worked once, or once per
 * case (the three rates of section 9.2), a case's names ending in
 * "(label)".
 */
#include "trace/trace_internal.h"
#include "math/activation.h"
#include "trace/graph.h"
#include "lesson/reader.h"
#include "trace/names.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    bp_trace *t;
    const bp_lesson *l;
    const bp_case *c;   /* the case being worked, or NULL */
    int case_index;     /* -1 when there are no cases */
    int step;           /* the step being worked, -1 for givens */
    bp_pos pos;         /* of the find being worked, for errors */
    bp_status failure;
    int failed_at;      /* the quantity that was not finite */
    bp_error *err;
} xbuilder;

/* A name as it is stored: "o" in case "2" is "o(2)". */
static void case_name(const xbuilder *x, const char *name, char *buf,
                      size_t size)
{
    if (x->c)
        bp_fmt(buf, size, "%s(%s)", name, x->c->label);
    else
        bp_fmt(buf, size, "%s", name);
}

/* The quantity a step's argument names: the case's own first, then one
 * shared by every case; -1 if none. */
static int lookup(const xbuilder *x, const char *name)
{
    char full[BP_NAME_MAX];
    case_name(x, name, full, sizeof full);
    const bp_quantity *q = bp_trace_find(x->t, full);
    if (!q && x->c) { /* one shared by every case, not another case's */
        q = bp_trace_find(x->t, name);
        if (q && q->case_index >= 0)
            q = NULL;
    }
    return q ? (int)(q - x->t->q) : -1;
}

static bp_phase phase_of(bp_qkind kind)
{
    switch (kind) {
    case BP_Q_PRODUCT: case BP_Q_NET: case BP_Q_EXP: case BP_Q_ACTIVATION:
    case BP_Q_MAX: case BP_Q_SOFTMAX_EXP:
    case BP_Q_EXP_SUM: return BP_PHASE_FORWARD;
    case BP_Q_ERROR: case BP_Q_SQUARE: case BP_Q_LOSS: case BP_Q_TOTAL:
    case BP_Q_LOG: case BP_Q_LOG_COMPLEMENT: case BP_Q_CE_TERM:
    case BP_Q_CROSS_ENTROPY: return BP_PHASE_ERROR;
    case BP_Q_CHANGE:
    case BP_Q_NEW_PARAM: return BP_PHASE_UPDATE;
    case BP_Q_VALUE: return BP_PHASE_GIVEN;
    case BP_Q_INPUT: case BP_Q_TARGET: case BP_Q_RATE: case BP_Q_WEIGHT:
    case BP_Q_BIAS: case BP_Q_OUTPUT_DELTA: case BP_Q_DERIVATIVE:
    case BP_Q_SIGNAL: case BP_Q_HIDDEN_DELTA: case BP_Q_ABS_ERROR:
    case BP_Q_COMPARE: case BP_Q_CE_DELTA: case BP_Q_GRAD_OUTPUT:
    case BP_Q_GRAD_ACT: case BP_Q_GRAD_NET: case BP_Q_GRAD_NET_CANCEL:
    case BP_Q_GRAD_TERM: case BP_Q_GRAD_NET_HIDDEN: case BP_Q_GRAD_PARAM:
    case BP_Q_KIND_COUNT: break;
    }
    return BP_PHASE_BACKWARD;
}

static bool fail_at(xbuilder *x, bp_pos pos, const char *fmt, const char *a,
                    const char *b)
{
    char message[512];
    snprintf(message, sizeof message, fmt, a, b);
    bp_error_set(x->err, BP_ERR_INPUT, x->l->file, pos, "%s", message);
    x->failure = BP_ERR_INPUT;
    return false;
}

/* add's answer once building has failed (x->failure is set): no index. */
#define NO_QUANTITY (-1)

/* Add a quantity called `name` (a case adds its label); `found` marks what
 * a step asks for, which is written on a line of its own and gets the
 * symbol its name spells (delta_k, Delta_w_ji, w_ji_new). */
static int add(xbuilder *x, bp_qkind kind, const int *in, int n_in,
               const char *name, bool found)
{
    if (x->failure)
        return NO_QUANTITY;
    bp_quantity q;
    memset(&q, 0, sizeof q);
    q.kind = kind;
    q.phase = phase_of(kind);
    q.unit = q.weight = -1;
    q.activation = BP_ACT_SIGMOID; /* the lecture's examples are sigmoid */
    q.step = x->step;
    q.case_index = x->case_index;
    q.standalone = found;
    bp_round_kind rk = bp_qkind_round_kind(kind);
    if (rk != BP_RK_COUNT && x->t->hand_rounding)
        q.precision = x->l->rounding[rk];
    char full[BP_NAME_MAX], parts[2 * BP_NAME_MAX];
    case_name(x, name, full, sizeof full);
    q.name = full;
    if (found)
        bp_symbol_parse(name, &q.sym, parts, sizeof parts);
    int i = bp_graph_add(x->t, &q, in, n_in);
    if (i == BP_GRAPH_NOMEM)
        x->failure = BP_ERR_NOMEM;
    if (i == BP_GRAPH_TOO_BIG) {
        bp_graph_report(x->t, BP_ERR_INPUT, 0, NULL, x->err);
        x->failure = BP_ERR_INPUT;
    }
    if (i == BP_GRAPH_DUPLICATE) {
        char message[BP_NAME_MAX + 64];
        snprintf(message, sizeof message, "'%s' is a name the engine uses "
                 "for a step of its own: rename it", q.name);
        bp_error_set(x->err, BP_ERR_INPUT, x->l->file, x->pos, "%s", message);
        x->failure = BP_ERR_INPUT;
    }
    if (i == BP_GRAPH_NOT_FINITE) {
        x->failure = BP_ERR_NUMERIC;
        x->failed_at = x->t->n - 1;
    }
    return x->failure ? -1 : i;
}

static void add_given(xbuilder *x, const bp_given *g)
{
    if (x->failure)
        return;
    char full[BP_NAME_MAX];
    case_name(x, g->name, full, sizeof full);
    if (bp_trace_find(x->t, full)) {
        fail_at(x, g->pos, "'%s' is given twice%s", g->name, "");
        return;
    }
    bp_quantity q;
    memset(&q, 0, sizeof q);
    q.kind = BP_Q_VALUE;
    q.phase = BP_PHASE_GIVEN;
    q.unit = q.weight = -1;
    q.step = x->step;
    q.case_index = x->case_index;
    q.exact = g->value;
    char parts[2 * BP_NAME_MAX];
    q.name = full;
    bp_symbol_parse(g->name, &q.sym, parts, sizeof parts);
    int i = bp_graph_add(x->t, &q, NULL, 0);
    if (i == BP_GRAPH_NOMEM)
        x->failure = BP_ERR_NOMEM;
    else if (i == BP_GRAPH_TOO_BIG) {
        bp_graph_report(x->t, BP_ERR_INPUT, 0, NULL, x->err);
        x->failure = BP_ERR_INPUT;
    } else if (i < 0)
        fail_at(x, g->pos, "'%s' is given twice%s", g->name, "");
}

static int resolve(xbuilder *x, const bp_find *f, const char *name)
{
    if (x->failure)
        return BP_NOT_FOUND;
    int i = lookup(x, name);
    if (i >= 0)
        return i;
    /* the closest name given or found so far, if one is close */
    const char **names = malloc((size_t)(x->t->n + 1) * sizeof *names);
    const char *close = NULL;
    if (names) {
        for (int k = 0; k < x->t->n; k++)
            names[k] = x->t->q[k].name;
        close = bp_closest_name(name, names, (size_t)x->t->n);
    }
    char hint[BP_NAME_MAX + 32] = "";
    if (close)
        snprintf(hint, sizeof hint, " (did you mean '%s'?)", close);
    free(names);
    fail_at(x, f->pos, "'%s' is not given, nor found by an earlier step%s",
            name, hint);
    return BP_NOT_FOUND;
}

/* A quantity the engine made earlier under that name (t-o, o(1-o)) that
 * another step needs again, or -1.  Only one of the same kind is the
 * same thing; anything else of that name clashes when it is added. */
static int reuse(const xbuilder *x, const char *name, bp_qkind kind)
{
    int i = lookup(x, name);
    return i >= 0 && x->t->q[i].kind == kind ? i : -1;
}

/* A term a*b: the product found earlier under that name, or a new one. */
static int product_term(xbuilder *x, const bp_find *f, const bp_arg *a)
{
    char name[BP_NAME_MAX];
    bp_fmt(name, sizeof name, "%s*%s", a->a, a->b);
    int existing = reuse(x, name, BP_Q_PRODUCT);
    if (existing >= 0)
        return existing;
    int in[2] = {resolve(x, f, a->a), resolve(x, f, a->b)};
    return add(x, BP_Q_PRODUCT, in, 2, name, false);
}

/* t - o for a loss: the difference, then its square. */
static int squared_error(xbuilder *x, const bp_find *f, const bp_arg *a)
{
    char name[BP_NAME_MAX];
    bp_fmt(name, sizeof name, "%s-%s", a->a, a->b);
    int in[2] = {resolve(x, f, a->a), resolve(x, f, a->b)};
    int err = reuse(x, name, BP_Q_ERROR);
    if (err < 0)
        err = add(x, BP_Q_ERROR, in, 2, name, false);
    char square[BP_NAME_MAX];
    bp_fmt(square, sizeof square, "(%s)^2", name);
    return add(x, BP_Q_SQUARE, &err, 1, square, false);
}

/* Each argument as a term: a*b is a product, a plain name itself. */
static int terms(xbuilder *x, const bp_find *f, int first, int *in)
{
    int n = 0;
    for (int i = first; i < f->n_args; i++) {
        const bp_arg *a = &f->args[i];
        in[n++] = a->join == '*' ? product_term(x, f, a)
                                 : resolve(x, f, a->a);
    }
    return n;
}

/* The name a quantity that stands for its formula would have anyway;
 * a find of that name is written as its formula, not as a symbol. */
static bool named_as_formula(const bp_find *f, const char *formula_name)
{
    return strcmp(f->name, formula_name) == 0;
}

static void work_find(xbuilder *x, const bp_find *f)
{
    x->pos = f->pos;
    int in[BP_MAX_INPUTS];
    char name[BP_NAME_MAX];
    const bp_arg *a = f->args;
    int q = -1;
    switch (f->op) {
    case BP_OP_PRODUCT:
        in[0] = resolve(x, f, a[0].a);
        in[1] = resolve(x, f, a[1].a);
        bp_fmt(name, sizeof name, "%s*%s", a[0].a, a[1].a);
        q = add(x, BP_Q_PRODUCT, in, 2, f->name,
                !named_as_formula(f, name));
        break;
    case BP_OP_NET:
        q = add(x, BP_Q_NET, in, terms(x, f, 0, in), f->name, true);
        break;
    case BP_OP_SIGMOID:
        in[0] = resolve(x, f, a[0].a);
        bp_fmt(name, sizeof name, "e^-%s", a[0].a);
        in[1] = add(x, BP_Q_EXP, in, 1, name, false);
        q = add(x, BP_Q_ACTIVATION, in, 2, f->name, true);
        break;
    case BP_OP_DERIVATIVE:
        in[0] = resolve(x, f, a[0].a);
        bp_act_derivative_name(BP_ACT_SIGMOID, a[0].a, a[0].a, name,
                               sizeof name);
        q = add(x, BP_Q_DERIVATIVE, in, 1, f->name,
                !named_as_formula(f, name));
        break;
    case BP_OP_OUTPUT_DELTA: {
        int o = resolve(x, f, a[0].a), t = resolve(x, f, a[1].a);
        int diff[2] = {t, o};
        bp_fmt(name, sizeof name, "%s-%s", a[1].a, a[0].a);
        in[0] = o;
        in[1] = reuse(x, name, BP_Q_ERROR);
        if (in[1] < 0)
            in[1] = add(x, BP_Q_ERROR, diff, 2, name, false);
        q = add(x, BP_Q_OUTPUT_DELTA, in, 2, f->name, true);
        break;
    }
    case BP_OP_HIDDEN_DELTA: {
        int o = resolve(x, f, a[0].a);
        bp_act_derivative_name(BP_ACT_SIGMOID, a[0].a, a[0].a, name,
                               sizeof name);
        int deriv = reuse(x, name, BP_Q_DERIVATIVE);
        if (deriv < 0)
            deriv = add(x, BP_Q_DERIVATIVE, &o, 1, name, false);
        int products[BP_MAX_INPUTS];
        int n = terms(x, f, 1, products);
        if (strncmp(f->name, "delta_", 6) == 0)
            bp_fmt(name, sizeof name, "sum_%s", f->name + 6);
        else
            bp_fmt(name, sizeof name, "sum(%s)", f->name);
        in[0] = deriv;
        in[1] = add(x, BP_Q_SIGNAL, products, n, name, false);
        q = add(x, BP_Q_HIDDEN_DELTA, in, 2, f->name, true);
        break;
    }
    case BP_OP_CHANGE:
        for (int i = 0; i < 3; i++)
            in[i] = resolve(x, f, a[i].a);
        q = add(x, BP_Q_CHANGE, in, 3, f->name, true);
        break;
    case BP_OP_UPDATE:
        in[0] = resolve(x, f, a[0].a);
        in[1] = resolve(x, f, a[1].a);
        if (in[1] >= 0 && x->t->q[in[1]].kind != BP_Q_CHANGE) {
            fail_at(x, f->pos, "update(w, change) adds a weight change found "
                               "by change(...), and '%s' is not one%s",
                    a[1].a, "");
            break;
        }
        q = add(x, BP_Q_NEW_PARAM, in, 2, f->name, true);
        break;
    case BP_OP_LOSS: {
        int n = 0;
        for (int i = 0; i < f->n_args; i++)
            in[n++] = squared_error(x, f, &a[i]);
        q = add(x, BP_Q_LOSS, in, n, f->name, true);
        break;
    }
    case BP_OP_TOTAL:
        q = add(x, BP_Q_TOTAL, in, terms(x, f, 0, in), f->name, true);
        break;
    case BP_OP_COUNT:
        fail_at(x, f->pos, "unknown operation in '%s'%s", f->name, "");
        return;
    }
    if (q >= 0)
        x->t->q[q].standalone = true;
}

static bool found_before(xbuilder *x, const bp_find *f)
{
    char full[BP_NAME_MAX];
    case_name(x, f->name, full, sizeof full);
    if (!bp_trace_find(x->t, full))
        return false;
    fail_at(x, f->pos, "'%s' is already given or found%s", f->name, "");
    return true;
}

static void work_steps(xbuilder *x)
{
    const bp_exercise *ex = x->l->exercise;
    for (int s = 0; s < ex->n_steps && !x->failure; s++) {
        x->step = s;
        for (int g = 0; g < ex->steps[s].n_given; g++)
            add_given(x, &ex->steps[s].given[g]);
        for (int f = 0; f < ex->steps[s].n_finds && !x->failure; f++)
            if (!found_before(x, &ex->steps[s].finds[f]))
                work_find(x, &ex->steps[s].finds[f]);
    }
    x->step = -1;
}

bp_trace *bp_exercise_build(const bp_lesson *lesson, bool exact,
                            bp_error *err)
{
    const bp_exercise *ex = lesson->exercise;
    bp_trace *t = calloc(1, sizeof *t);
    if (!t) {
        bp_error_set(err, BP_ERR_NOMEM, lesson->file, (bp_pos){0, 0},
                     "out of memory while building the trace");
        return NULL;
    }
    t->lesson = lesson;
    t->hand_rounding = lesson->has_rounding && !exact;
    xbuilder x = {.t = t, .l = lesson, .case_index = -1, .step = -1,
                  .err = err};
    for (int g = 0; g < ex->n_given; g++)
        add_given(&x, &ex->given[g]);
    if (ex->n_cases == 0)
        work_steps(&x);
    for (int c = 0; c < ex->n_cases && !x.failure; c++) {
        x.c = &ex->cases[c];
        x.case_index = c;
        for (int g = 0; g < x.c->n_given; g++)
            add_given(&x, &x.c->given[g]);
        work_steps(&x);
    }
    if (x.failure) {
        if (x.failure != BP_ERR_INPUT) /* an input error is filled in */
            bp_graph_report(t, x.failure, x.failed_at, NULL, err);
        bp_trace_free(t);
        return NULL;
    }
    return t;
}
