/* walk.c: one walk over a trace, the events every renderer lays out. */
#include "bptrace/trace.h"
#include "write/walk.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const bp_trace *t;
    const bp_lesson *l;
    const bp_walk_options *o;
    bp_walk_emit emit;
    void *ctx;
    bp_chain *ch;
    const bp_quantity **items; /* room for every quantity */
} walker;

static int send(walker *w, bp_walk_event e)
{
    return w->emit(&e, w->ctx);
}

static bp_walk_event event(bp_walk_kind kind)
{
    return (bp_walk_event){.kind = kind, .step = -1, .case_index = -1,
                           .unit = -1};
}

const char *bp_walk_part_title(bp_phase phase)
{
    switch (phase) {
    case BP_PHASE_FORWARD: return "Part 1: Forward Pass - Computing Activations";
    case BP_PHASE_ERROR: return "Forward pass summary:";
    case BP_PHASE_BACKWARD: return "Part 2: Backward Pass - Computing Error Terms";
    case BP_PHASE_UPDATE: return "Part 3: Weight Updates";
    case BP_PHASE_VERIFY: return "Verification: Does the error reduce?";
    default: assert(false); return "";
    }
}

const char *bp_walk_layer_name(const bp_lesson *l, int layer, char *buf,
                               size_t size)
{
    if (layer == l->n_layers - 1)
        snprintf(buf, size, "Output layer");
    else if (layer == 0)
        snprintf(buf, size, "Input layer");
    else if (l->n_layers == 3)
        snprintf(buf, size, "Hidden layer");
    else
        snprintf(buf, size, "Hidden layer %d", layer);
    return buf;
}

/* The quantities of a softmax layer are worked together, after its nets:
 * m, the exponentials, their sum and the outputs. */
static bool softmax_part(const bp_quantity *q)
{
    return q->kind == BP_Q_MAX || q->kind == BP_Q_SOFTMAX_EXP ||
           q->kind == BP_Q_EXP_SUM ||
           (q->kind == BP_Q_ACTIVATION && q->activation == BP_ACT_SOFTMAX);
}

const char *bp_walk_unit_title(const bp_lesson *l, int unit, char *buf,
                               size_t size)
{
    char layer[32];
    if (unit == BP_WALK_SOFTMAX_LAYER) {
        const bp_layer *ly = &l->layers[l->n_layers - 1];
        bp_str s;
        bp_str_init(&s, buf, size);
        bp_str_add(&s, "%s, softmax over units",
                   bp_walk_layer_name(l, l->n_layers - 1, layer, sizeof layer));
        for (int u = ly->first; u < ly->first + ly->count; u++)
            bp_str_add(&s, "%s %s", u > ly->first ? "," : "",
                       l->units[u].label);
        return buf;
    }
    snprintf(buf, size, "%s, unit %s",
             bp_walk_layer_name(l, l->units[unit].layer, layer, sizeof layer),
             l->units[unit].label);
    return buf;
}

const char *bp_walk_case_title(const bp_lesson *l, int case_index,
                               char *buf, size_t size)
{
    const bp_case *k = &l->exercise->cases[case_index];
    if (k->title)
        return k->title;
    snprintf(buf, size, "Case %s", k->label);
    return buf;
}

const bp_quantity *bp_walk_table_value(const bp_trace *t, int column,
                                       int case_index)
{
    const bp_exercise *ex = t->lesson->exercise;
    const char *name = ex->table[column];
    char full[BP_NAME_MAX + BP_LABEL_MAX + 3];
    snprintf(full, sizeof full, "%s(%s)", name, ex->cases[case_index].label);
    const bp_quantity *q = bp_trace_find(t, full);
    return q ? q : bp_trace_find(t, name);
}

/* ---- the pieces both walks share ---- */

/* A line of givens: every quantity `pick` picks, in order. */
static int givens(walker *w, bp_walk_event e,
                  bool (*pick)(const bp_quantity *, const bp_walk_event *))
{
    int n = 0;
    for (int i = 0; i < w->t->n; i++)
        if (pick(&w->t->q[i], &e))
            w->items[n++] = &w->t->q[i];
    if (!n)
        return 0;
    e.items = w->items;
    e.n_items = n;
    return send(w, e);
}

/* Where the lecture prints another number for q, or for a number written
 * inside q's line (Delta w in an update); by hand only, the lecture's
 * numbers being by hand. */
static int errata_of(walker *w, const bp_quantity *q)
{
    if (w->o->worksheet || w->o->w->nf.mode == BP_MODE_EXACT)
        return 0;
    for (int k = -1; k < q->n_in; k++) {
        const bp_quantity *p = k < 0 ? q : bp_trace_input(w->t, q, k);
        if (k >= 0 && bp_derive_standalone(w->t, p))
            continue;
        for (int i = 0; i < w->l->n_errata; i++) {
            if (strcmp(w->l->errata[i].name, p->name) != 0)
                continue;
            bp_walk_event e = event(BP_WALK_ERRATUM);
            e.q = p;
            e.erratum = &w->l->errata[i];
            int rc = send(w, e);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* q's derivation; a blank's ends after the numbers substituted. */
static int derivation(walker *w, const bp_quantity *q, bool compact)
{
    const bp_writer *wr = w->o->w;
    bp_derive(wr, q, w->ch);
    bp_walk_event e = event(BP_WALK_DERIVATION);
    e.q = q;
    e.chain = w->ch;
    e.compact = compact;
    e.blank = wr->blank && wr->blank[q - w->t->q];
    if (e.blank) {
        bp_chain *ch = w->ch;
        ch->n = ch->shown;
        bp_str s;
        bp_str_init(&s, ch->step[ch->n++], BP_STEP_MAX);
        bp_str_add(&s, "%s", wr->blank_text);
    }
    return send(w, e);
}

static int closing(walker *w)
{
    if (w->o->worksheet || !w->l->n_errata)
        return 0;
    return send(w, event(BP_WALK_ERRATA));
}

/* ---- a network ---- */

static bool pick_kind(const bp_quantity *q, const bp_walk_event *e)
{
    return q->kind == (bp_qkind)e->unit;
}

static bool pick_unit_params(const bp_quantity *q, const bp_walk_event *e)
{
    return (q->kind == BP_Q_WEIGHT || q->kind == BP_Q_BIAS) &&
           q->unit == e->unit;
}

static int network_givens(walker *w)
{
    const bp_lesson *l = w->l;
    static const struct {
        const char *label;
        bp_qkind kind;
    } lines[] = {{"Inputs", BP_Q_INPUT},
                 {"Targets", BP_Q_TARGET},
                 {"Learning rate", BP_Q_RATE}};
    int rc = send(w, event(BP_WALK_GIVEN_HEADING));
    for (size_t i = 0; i < sizeof lines / sizeof lines[0] && !rc; i++) {
        bp_walk_event e = event(BP_WALK_GIVENS);
        e.label = lines[i].label;
        if (lines[i].kind == BP_Q_TARGET &&
            l->layers[l->n_layers - 1].count == 1)
            e.label = "Target";
        e.unit = (int)lines[i].kind; /* what pick_kind picks */
        rc = givens(w, e, pick_kind);
    }
    if (!rc && l->eta_note) {
        bp_walk_event e = event(BP_WALK_GIVEN_NOTE);
        e.text = l->eta_note;
        rc = send(w, e);
    }
    for (int u = l->layers[1].first; u < l->n_units && !rc; u++) {
        char label[BP_LABEL_MAX + 16];
        snprintf(label, sizeof label, "Into unit %s", l->units[u].label);
        bp_walk_event e = event(BP_WALK_GIVENS);
        e.label = label;
        e.unit = u;
        rc = givens(w, e, pick_unit_params);
    }
    return rc ? rc : send(w, event(BP_WALK_FIGURE));
}

/* The interpretations the lecture gives: what o, delta, E and the
 * comparisons mean. */
static bool explained(const bp_quantity *q)
{
    switch (q->kind) {
    case BP_Q_ACTIVATION: return q->phase == BP_PHASE_FORWARD;
    case BP_Q_OUTPUT_DELTA:
    case BP_Q_HIDDEN_DELTA: return true;
    case BP_Q_CE_DELTA: return true;
    case BP_Q_LOSS:
    case BP_Q_CROSS_ENTROPY: return q->phase == BP_PHASE_ERROR;
    case BP_Q_MAX: return q->phase == BP_PHASE_FORWARD;
    case BP_Q_COMPARE: return true;
    default: return false;
    }
}

static int derivations(walker *w)
{
    const bp_trace *t = w->t;
    bp_phase phase = BP_PHASE_GIVEN;
    int unit = -1, rc = 0;
    for (int i = 0; i < t->n && !rc; i++) {
        const bp_quantity *q = &t->q[i];
        if (!bp_derive_standalone(t, q))
            continue;
        if (q->phase != phase) {
            bp_walk_event e = event(BP_WALK_PART);
            e.phase = phase = q->phase;
            unit = -1;
            if ((rc = send(w, e)))
                break;
        }
        bool per_unit = phase == BP_PHASE_FORWARD ||
                        phase == BP_PHASE_BACKWARD ||
                        phase == BP_PHASE_UPDATE;
        int key = softmax_part(q) ? BP_WALK_SOFTMAX_LAYER : q->unit;
        if (per_unit && key != unit) {
            bp_walk_event e = event(BP_WALK_UNIT);
            e.unit = unit = key;
            e.q = q;
            if ((rc = send(w, e)))
                break;
        }
        rc = derivation(w, q, bp_derive_compact(q));
        for (int k = 0; !rc && explained(q) && !w->o->worksheet &&
                        k < bp_explain_count(q);
             k++) {
            bp_walk_event e = event(BP_WALK_EXPLAIN);
            e.q = q;
            e.part = k;
            rc = send(w, e);
        }
        if (!rc)
            rc = errata_of(w, q);
    }
    return rc;
}

/* The parameter a summary change or a kept parameter belongs to: its
 * weight, or after the weights its unit's bias. */
static int param_slot(const bp_lesson *l, const bp_quantity *q)
{
    return q->weight >= 0 ? q->weight : l->n_weights + q->unit;
}

static bp_walk_row change_row(walker *w, const char *label,
                              const bp_quantity *change,
                              const bp_quantity *fixed)
{
    const bp_trace *t = w->t;
    const bp_quantity *after = fixed ? fixed : bp_trace_input(t, change, 0);
    const bp_quantity *before =
        fixed ? bp_trace_input(t, fixed, 0) : bp_trace_input(t, change, 1);
    return (bp_walk_row){label, before, after, fixed ? NULL : change};
}

/* Parameters in the lesson's order (weights layer by layer, then biases,
 * as the lecture's Table 2), then the output, its error and the loss. */
static int summary(walker *w)
{
    const bp_trace *t = w->t;
    const bp_lesson *l = w->l;
    int slots = l->n_weights + l->n_units;
    int n = 0, cap = slots + 2 * l->n_units + 2;
    bp_walk_row *rows = calloc((size_t)cap, sizeof *rows);
    int *param = malloc((size_t)slots * sizeof *param);
    if (!rows || !param) {
        free(rows);
        free(param);
        return -2;
    }
    for (int i = 0; i < slots; i++)
        param[i] = -1;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        bool kept = q->kind == BP_Q_NEW_PARAM && q->fixed;
        bool moved = q->summary &&
                     bp_trace_input(t, q, 0)->kind == BP_Q_NEW_PARAM;
        if (kept || moved)
            param[param_slot(l, q)] = i;
    }
    for (int i = 0; i < slots; i++) {
        if (param[i] < 0)
            continue;
        const bp_quantity *q = &t->q[param[i]];
        rows[n++] = change_row(w, "", q->fixed ? NULL : q,
                               q->fixed ? q : NULL);
    }
    for (int i = 0; i < t->n && n < cap; i++) {
        const bp_quantity *q = &t->q[i];
        if (!q->summary || bp_trace_input(t, q, 0)->kind == BP_Q_NEW_PARAM)
            continue;
        bp_qkind k = bp_trace_input(t, q, 0)->kind;
        rows[n++] = change_row(w, k == BP_Q_ACTIVATION ? "Output "
                                  : k == BP_Q_LOSS ||
                                          k == BP_Q_CROSS_ENTROPY
                                      ? "Loss "
                                      : "Error ",
                               q, NULL);
    }
    bp_walk_event e = event(BP_WALK_SUMMARY);
    e.rows = rows;
    e.n_rows = n;
    int rc = send(w, e);
    free(rows);
    free(param);
    return rc;
}

/* The header: a worksheet leaves out the description, which may say
 * what the numbers come to. */
static int header(walker *w)
{
    bp_walk_event e = event(BP_WALK_HEADER);
    e.text = w->o->worksheet ? NULL : w->l->description;
    return send(w, e);
}

static int walk_network(walker *w)
{
    int rc = header(w);
    if (!rc && w->t->sequential)
        rc = send(w, event(BP_WALK_WARNING));
    if (!rc)
        rc = network_givens(w);
    if (!rc)
        rc = derivations(w);
    if (!rc)
        rc = summary(w);
    return rc ? rc : closing(w);
}

/* ---- an exercise ---- */

static bool pick_scope(const bp_quantity *q, const bp_walk_event *e)
{
    return q->kind == BP_Q_VALUE && q->step == e->step &&
           q->case_index == e->case_index;
}

static int exercise_step(walker *w, int step, int case_index)
{
    const bp_step *s = &w->l->exercise->steps[step];
    bp_walk_event e = event(BP_WALK_STEP);
    e.step = step;
    e.case_index = case_index;
    int rc = send(w, e);
    e.kind = BP_WALK_GIVENS;
    if (!rc)
        rc = givens(w, e, pick_scope);
    for (int i = 0; i < w->t->n && !rc; i++) {
        const bp_quantity *q = &w->t->q[i];
        if (q->step != step || q->case_index != case_index ||
            !q->standalone)
            continue;
        rc = derivation(w, q, q->kind == BP_Q_PRODUCT);
        if (!rc)
            rc = errata_of(w, q);
    }
    if (!rc && s->note && !w->o->worksheet) {
        e.kind = BP_WALK_STEP_NOTE;
        e.text = s->note;
        rc = send(w, e);
    }
    return rc;
}

static int walk_exercise(walker *w)
{
    const bp_exercise *ex = w->l->exercise;
    int rc = header(w);
    bool shared = false;
    for (int i = 0; i < w->t->n && !shared; i++)
        shared = w->t->q[i].kind == BP_Q_VALUE && w->t->q[i].step < 0 &&
                 w->t->q[i].case_index < 0;
    if (!rc && shared) {
        rc = send(w, event(BP_WALK_GIVEN_HEADING));
        if (!rc)
            rc = givens(w, event(BP_WALK_GIVENS), pick_scope);
    }
    int cases = ex->n_cases ? ex->n_cases : 1;
    for (int k = 0; k < cases && !rc; k++) {
        int case_index = ex->n_cases ? k : -1;
        if (ex->n_cases) {
            bp_walk_event e = event(BP_WALK_CASE);
            e.case_index = k;
            rc = send(w, e);
            e.kind = BP_WALK_GIVENS;
            if (!rc)
                rc = givens(w, e, pick_scope);
        }
        for (int s = 0; s < ex->n_steps && !rc; s++)
            rc = exercise_step(w, s, case_index);
    }
    if (!rc && ex->n_table && ex->n_cases) {
        bp_walk_event e = event(BP_WALK_TABLE); /* notes say what it means */
        e.text = w->o->worksheet ? NULL : ex->table_note_heading;
        rc = send(w, e);
    }
    if (!rc && ex->interpretation && !w->o->worksheet) {
        bp_walk_event e = event(BP_WALK_CLOSING);
        e.text = ex->interpretation;
        rc = send(w, e);
    }
    return rc ? rc : closing(w);
}

int bp_walk(const bp_trace *t, const bp_walk_options *o, bp_walk_emit emit,
            void *ctx)
{
    /* the derivations are written with each number formatted once */
    bp_writer cached = *o->w;
    bp_walk_options own = *o;
    cached.values = calloc((size_t)t->n + 1, sizeof *cached.values);
    own.w = &cached;
    walker w = {t, t->lesson, &own, emit, ctx, malloc(sizeof(bp_chain)),
                malloc(((size_t)t->n + 1) * sizeof(bp_quantity *))};
    int rc = -2;
    if (w.ch && w.items && cached.values)
        rc = t->lesson->exercise ? walk_exercise(&w) : walk_network(&w);
    free(w.ch);
    free(w.items);
    free(cached.values);
    return rc;
}
