/* walk.c: one walk over a trace, the events every renderer lays out. */
#include "trace/trace_internal.h"
#include "write/walk.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

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
    case BP_PHASE_GIVEN:
    case BP_PHASE_COUNT: break; /* no part of the derivation */
    }
    assert(false);
    return "";
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

/* ---- the iterator ----
 *
 * The walk hands out its events in batches: the givens at the start, a
 * quantity with what follows it, an exercise step's heading, the
 * summary.  A batch is made when the one before is used up, from the
 * cursor alone, so that bp_walk_seek can make it again. */

enum {
    ST_HEAD = 0,   /* header and givens (and a network's figure) */
    ST_QUANTITY,   /* a network's quantity cur.i */
    ST_SUMMARY,
    ST_PATHS,      /* a sequential trace beside the correct one */
    ST_CASE,       /* an exercise's case cur.k begins */
    ST_STEP,       /* step cur.s of case cur.k begins */
    ST_EX_QUANTITY, /* the cur.j-th quantity of that step */
    ST_STEP_NOTE,
    ST_TABLE,
    ST_CLOSING,    /* an exercise's closing paragraph */
    ST_ERRATA,
    ST_DONE
};

#define UNIT_LABEL (BP_LABEL_MAX + 16)

struct bp_walk_iter {
    const bp_trace *t;
    const bp_lesson *l;
    bp_walk_options o;     /* o.w is &writer */
    bp_writer writer;      /* the caller's, with each number cached */
    bp_value_cache values; /* writer.values */
    bp_chain *ch;          /* the batch's derivation */
    const bp_quantity **items; /* the batch's givens, one slice a line */
    int items_used;
    char (*labels)[UNIT_LABEL]; /* "Into unit 4", by unit */
    bp_walk_row *rows;     /* the summary's */
    /* an exercise's quantities by case and step, in the trace's order:
     * those of scope key are order[start[key] .. start[key + 1]) */
    int *order, *start;
    bp_walk_event *queue;
    int n_queue, cap_queue, next;
    bp_walk_mark cur;      /* what the next batch is */
    bp_walk_mark made;     /* what the batch in the queue was */
    bp_status status;
};

static void send(bp_walk_iter *w, bp_walk_event e)
{
    if (w->status)
        return;
    if (w->n_queue == w->cap_queue) {
        int cap = w->cap_queue ? 2 * w->cap_queue : 16;
        bp_walk_event *q = realloc(w->queue, (size_t)cap * sizeof *q);
        if (!q) {
            w->status = BP_ERR_NOMEM;
            return;
        }
        w->queue = q;
        w->cap_queue = cap;
    }
    w->queue[w->n_queue++] = e;
}

/* The quantities of an exercise's scope: its shared values (case and
 * step -1), a case's, a step's. */
static int scope_key(const bp_walk_iter *w, int case_index, int step)
{
    return (case_index + 1) * (w->l->exercise->n_steps + 1) + step + 1;
}

static bool index_scopes(bp_walk_iter *w)
{
    const bp_exercise *ex = w->l->exercise;
    int keys = (ex->n_cases + 1) * (ex->n_steps + 1);
    w->start = calloc((size_t)keys + 1, sizeof *w->start);
    w->order = malloc(((size_t)w->t->n + 1) * sizeof *w->order);
    if (!w->start || !w->order)
        return false;
    int *key = malloc(((size_t)w->t->n + 1) * sizeof *key);
    if (!key)
        return false;
    for (int i = 0; i < w->t->n; i++) {
        const bp_quantity *q = &w->t->q[i];
        bool in = q->case_index >= -1 && q->case_index < ex->n_cases &&
                  q->step >= -1 && q->step < ex->n_steps;
        key[i] = in ? scope_key(w, q->case_index, q->step) : -1;
        if (in)
            w->start[key[i] + 1]++;
    }
    for (int k = 0; k < keys; k++)
        w->start[k + 1] += w->start[k];
    int *fill = malloc(((size_t)keys + 1) * sizeof *fill);
    if (!fill) {
        free(key);
        return false;
    }
    memcpy(fill, w->start, ((size_t)keys + 1) * sizeof *fill);
    for (int i = 0; i < w->t->n; i++)
        if (key[i] >= 0)
            w->order[fill[key[i]]++] = i;
    free(fill);
    free(key);
    return true;
}

/* ---- the pieces both kinds of lesson share ---- */

static const bp_quantity **take_items(bp_walk_iter *w)
{
    return w->items + w->items_used;
}

/* A line of givens: the items taken (take_items) since the last line. */
static void givens_line(bp_walk_iter *w, bp_walk_event e, int n)
{
    if (!n)
        return;
    e.items = take_items(w);
    e.n_items = n;
    w->items_used += n;
    send(w, e);
}

/* A line of givens: every quantity `pick` picks, in order. */
static void givens(bp_walk_iter *w, bp_walk_event e,
                   bool (*pick)(const bp_quantity *, const bp_walk_event *))
{
    const bp_quantity **items = take_items(w);
    int n = 0;
    for (int i = 0; i < w->t->n; i++)
        if (pick(&w->t->q[i], &e))
            items[n++] = &w->t->q[i];
    givens_line(w, e, n);
}

/* An exercise scope's values, from the index. */
static void scope_givens(bp_walk_iter *w, bp_walk_event e)
{
    int key = scope_key(w, e.case_index, e.step);
    const bp_quantity **items = take_items(w);
    int n = 0;
    for (int j = w->start[key]; j < w->start[key + 1]; j++)
        if (w->t->q[w->order[j]].kind == BP_Q_VALUE)
            items[n++] = &w->t->q[w->order[j]];
    givens_line(w, e, n);
}

const char bp_walk_paths_note[] =
    "Every number the sequential update changes, beside the number worked "
    "in the lecture's order (every delta before any weight changes).";
const char bp_walk_paths_none[] =
    "The sequential update changes no number of this lesson: each one is "
    "the same as in the lecture's order (every delta before any weight "
    "changes).";

/* A sequential trace's quantity beside the correct trace's of the same
 * name, when the two numbers differ as the trace writes them. */
static const bp_quantity *differs(const bp_walk_iter *w, const bp_quantity *q)
{
    const bp_quantity *right = bp_trace_find(w->t->correct, q->name);
    char a[64], b[64];
    if (!right)
        return NULL;
    bp_formula_value(&w->o.w->nf, q, a, sizeof a);
    bp_formula_value(&w->o.w->nf, right, b, sizeof b);
    return strcmp(a, b) != 0 ? right : NULL;
}

/* Where the lecture prints another number for q, or for a number written
 * inside q's line (Delta w in an update); by hand only, the lecture's
 * numbers being by hand. */
static void errata_of(bp_walk_iter *w, const bp_quantity *q)
{
    if (w->o.worksheet || w->o.w->nf.mode == BP_MODE_EXACT ||
        !w->l->n_errata)
        return;
    for (int k = -1; k < q->n_in; k++) {
        const bp_quantity *p = k < 0 ? q : bp_trace_input(w->t, q, k);
        if (k >= 0 && bp_derive_standalone(w->t, p))
            continue;
        /* a sequential trace's number that the mistake changed is no
         * longer the one the erratum corrects */
        if (w->t->correct && differs(w, p))
            continue;
        for (int i = 0; i < w->l->n_errata; i++) {
            if (strcmp(w->l->errata[i].name, p->name) != 0)
                continue;
            bp_walk_event e = event(BP_WALK_ERRATUM);
            e.q = p;
            e.erratum = &w->l->errata[i];
            send(w, e);
        }
    }
}

/* q's derivation; a blank's ends after the numbers substituted. */
static void derivation(bp_walk_iter *w, const bp_quantity *q, bool compact)
{
    const bp_writer *wr = w->o.w;
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
        bp_str_put(&s, wr->blank_text);
    }
    send(w, e);
}

/* The header: a worksheet leaves out the description, which may say
 * what the numbers come to. */
static void header(bp_walk_iter *w)
{
    bp_walk_event e = event(BP_WALK_HEADER);
    e.text = w->o.worksheet ? NULL : w->l->description;
    send(w, e);
}

/* ---- a network ---- */

static bool pick_kind(const bp_quantity *q, const bp_walk_event *e)
{
    return q->kind == (bp_qkind)e->unit;
}

static void network_head(bp_walk_iter *w)
{
    const bp_lesson *l = w->l;
    static const struct {
        const char *label;
        bp_qkind kind;
    } lines[] = {{"Inputs", BP_Q_INPUT},
                 {"Targets", BP_Q_TARGET},
                 {"Learning rate", BP_Q_RATE}};
    header(w);
    if (w->t->sequential)
        send(w, event(BP_WALK_WARNING));
    send(w, event(BP_WALK_GIVEN_HEADING));
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        bp_walk_event e = event(BP_WALK_GIVENS);
        e.label = lines[i].label;
        if (lines[i].kind == BP_Q_TARGET &&
            l->layers[l->n_layers - 1].count == 1)
            e.label = "Target";
        e.unit = (int)lines[i].kind; /* what pick_kind picks */
        givens(w, e, pick_kind);
    }
    if (l->eta_note) {
        bp_walk_event e = event(BP_WALK_GIVEN_NOTE);
        e.text = l->eta_note;
        send(w, e);
    }
    /* the weights and bias into each unit, in the trace's order, in one
     * pass: count them by unit, then place them */
    int first = l->layers[1].first;
    const bp_quantity **items = take_items(w);
    int *at = calloc((size_t)l->n_units + 1, sizeof *at);
    if (!at) {
        w->status = BP_ERR_NOMEM;
        return;
    }
    for (int i = 0; i < w->t->n; i++) {
        const bp_quantity *q = &w->t->q[i];
        if ((q->kind == BP_Q_WEIGHT || q->kind == BP_Q_BIAS) &&
            q->unit >= first && q->unit < l->n_units)
            at[q->unit + 1]++;
    }
    for (int u = 0; u < l->n_units; u++)
        at[u + 1] += at[u];
    int n = at[l->n_units];
    for (int i = 0; i < w->t->n; i++) {
        const bp_quantity *q = &w->t->q[i];
        if ((q->kind == BP_Q_WEIGHT || q->kind == BP_Q_BIAS) &&
            q->unit >= first && q->unit < l->n_units)
            items[at[q->unit]++] = q;
    }
    /* at[u] is now where unit u's end, and so unit u + 1's start */
    for (int u = first; u < l->n_units; u++) {
        int from = u > 0 ? at[u - 1] : 0;
        snprintf(w->labels[u], UNIT_LABEL, "Into unit %s", l->units[u].label);
        bp_walk_event e = event(BP_WALK_GIVENS);
        e.label = w->labels[u];
        e.unit = u;
        if (at[u] > from) {
            e.items = items + from;
            e.n_items = at[u] - from;
            send(w, e);
        }
    }
    w->items_used += n;
    free(at);
    send(w, event(BP_WALK_FIGURE));
}

/* Network quantity cur.i with the headings it opens, what it means and
 * the lecture's errata beside it. */
static void network_quantity(bp_walk_iter *w)
{
    bp_walk_mark *c = &w->cur;
    const bp_quantity *q = &w->t->q[c->i];
    if (q->phase != c->phase) {
        bp_walk_event e = event(BP_WALK_PART);
        e.phase = c->phase = q->phase;
        c->unit = -1;
        send(w, e);
    }
    bool per_unit = c->phase == BP_PHASE_FORWARD ||
                    c->phase == BP_PHASE_BACKWARD ||
                    c->phase == BP_PHASE_UPDATE;
    int key = softmax_part(q) ? BP_WALK_SOFTMAX_LAYER : q->unit;
    if (per_unit && key != c->unit) {
        bp_walk_event e = event(BP_WALK_UNIT);
        e.unit = c->unit = key;
        e.q = q;
        send(w, e);
    }
    derivation(w, q, bp_derive_compact(q));
    for (int k = 0; !w->o.worksheet && k < bp_explain_count(q); k++) {
        bp_walk_event e = event(BP_WALK_EXPLAIN);
        e.q = q;
        e.part = k;
        send(w, e);
    }
    errata_of(w, q);
}

/* The parameter a summary change or a kept parameter belongs to: its
 * weight, or after the weights its unit's bias. */
static int param_slot(const bp_lesson *l, const bp_quantity *q)
{
    return q->weight >= 0 ? q->weight : l->n_weights + q->unit;
}

static bp_walk_row change_row(bp_walk_iter *w, const char *label,
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
static void summary(bp_walk_iter *w)
{
    const bp_trace *t = w->t;
    const bp_lesson *l = w->l;
    int slots = l->n_weights + l->n_units;
    int n = 0, cap = slots + 2 * l->n_units + 2;
    free(w->rows);
    w->rows = calloc((size_t)cap, sizeof *w->rows);
    int *param = malloc((size_t)slots * sizeof *param);
    if (!w->rows || !param) {
        free(param);
        w->status = BP_ERR_NOMEM;
        return;
    }
    bp_walk_row *rows = w->rows;
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
    send(w, e);
    free(param);
}

/* Every number a student writes that the sequential mistake changed
 * (those on a line of their own, and each Δw), beside the correct one,
 * in the trace's order. */
static void paths(bp_walk_iter *w)
{
    const bp_trace *t = w->t;
    free(w->rows);
    w->rows = calloc((size_t)t->n + 1, sizeof *w->rows);
    if (!w->rows) {
        w->status = BP_ERR_NOMEM;
        return;
    }
    int n = 0;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        bool written = bp_derive_standalone(t, q) ||
                       q->kind == BP_Q_CHANGE; /* Δw, inside w(new)'s line */
        const bp_quantity *right = written ? differs(w, q) : NULL;
        if (right)
            w->rows[n++] = (bp_walk_row){"", q, right, NULL};
    }
    bp_walk_event e = event(BP_WALK_PATHS);
    e.rows = w->rows;
    e.n_rows = n;
    send(w, e);
}

/* ---- an exercise ---- */

static void exercise_head(bp_walk_iter *w)
{
    header(w);
    int key = scope_key(w, -1, -1);
    bool shared = false;
    for (int j = w->start[key]; j < w->start[key + 1] && !shared; j++)
        shared = w->t->q[w->order[j]].kind == BP_Q_VALUE;
    if (shared) {
        send(w, event(BP_WALK_GIVEN_HEADING));
        scope_givens(w, event(BP_WALK_GIVENS));
    }
}

static int case_of(const bp_walk_iter *w, int k)
{
    return w->l->exercise->n_cases ? k : -1;
}

static void exercise_case(bp_walk_iter *w)
{
    if (!w->l->exercise->n_cases)
        return;
    bp_walk_event e = event(BP_WALK_CASE);
    e.case_index = w->cur.k;
    send(w, e);
    e.kind = BP_WALK_GIVENS;
    scope_givens(w, e);
}

static void exercise_step(bp_walk_iter *w)
{
    bp_walk_event e = event(BP_WALK_STEP);
    e.step = w->cur.s;
    e.case_index = case_of(w, w->cur.k);
    send(w, e);
    e.kind = BP_WALK_GIVENS;
    scope_givens(w, e);
}

/* The j-th quantity of the step's scope, when a step finds it. */
static const bp_quantity *step_quantity(const bp_walk_iter *w, int j)
{
    int key = scope_key(w, case_of(w, w->cur.k), w->cur.s);
    if (w->start[key] + j >= w->start[key + 1])
        return NULL;
    return &w->t->q[w->order[w->start[key] + j]];
}

/* ---- the cursor: which batch comes after which ---- */

/* Make the batch at w->cur and move the cursor past it; false when the
 * walk is done. */
static bool make_batch(bp_walk_iter *w)
{
    bp_walk_mark *c = &w->cur;
    const bp_exercise *ex = w->l->exercise;
    w->n_queue = w->next = 0;
    w->items_used = 0;
    w->made = *c;
    switch ((int)c->stage) {
    case ST_HEAD:
        if (ex) {
            exercise_head(w);
            c->stage = ST_CASE;
            c->k = 0;
        } else {
            network_head(w);
            c->stage = ST_QUANTITY;
            c->i = 0;
        }
        return true;
    case ST_QUANTITY:
        while (c->i < w->t->n && !bp_derive_standalone(w->t, &w->t->q[c->i]))
            c->i++;
        if (c->i == w->t->n) {
            c->stage = ST_SUMMARY;
            return make_batch(w);
        }
        network_quantity(w);
        c->i++;
        return true;
    case ST_SUMMARY:
        summary(w);
        c->stage = ST_PATHS;
        return true;
    case ST_PATHS:
        if (w->t->correct && !w->o.worksheet)
            paths(w);
        c->stage = ST_ERRATA;
        return true;
    case ST_CASE:
        if (c->k == (ex->n_cases ? ex->n_cases : 1)) {
            c->stage = ST_TABLE;
            return make_batch(w);
        }
        exercise_case(w);
        c->stage = ST_STEP;
        c->s = 0;
        return true;
    case ST_STEP:
        if (c->s == ex->n_steps) {
            c->stage = ST_CASE;
            c->k++;
            return make_batch(w);
        }
        exercise_step(w);
        c->stage = ST_EX_QUANTITY;
        c->j = 0;
        return true;
    case ST_EX_QUANTITY: {
        const bp_quantity *q = step_quantity(w, c->j);
        while (q && !q->standalone)
            q = step_quantity(w, ++c->j);
        if (!q) {
            c->stage = ST_STEP_NOTE;
            return make_batch(w);
        }
        derivation(w, q, q->kind == BP_Q_PRODUCT);
        errata_of(w, q);
        c->j++;
        return true;
    }
    case ST_STEP_NOTE: {
        const bp_step *s = &ex->steps[c->s];
        if (s->note && !w->o.worksheet) {
            bp_walk_event e = event(BP_WALK_STEP_NOTE);
            e.step = c->s;
            e.case_index = case_of(w, c->k);
            e.text = s->note;
            send(w, e);
        }
        c->stage = ST_STEP;
        c->s++;
        return true;
    }
    case ST_TABLE:
        if (ex->n_table && ex->n_cases) {
            bp_walk_event e = event(BP_WALK_TABLE); /* notes: its meaning */
            e.text = w->o.worksheet ? NULL : ex->table_note_heading;
            send(w, e);
        }
        c->stage = ST_CLOSING;
        return true;
    case ST_CLOSING:
        if (ex->interpretation && !w->o.worksheet) {
            bp_walk_event e = event(BP_WALK_CLOSING);
            e.text = ex->interpretation;
            send(w, e);
        }
        c->stage = ST_ERRATA;
        return true;
    case ST_ERRATA:
        if (!w->o.worksheet && w->l->n_errata)
            send(w, event(BP_WALK_ERRATA));
        c->stage = ST_DONE;
        return true;
    case ST_DONE:
        return false;
    }
    assert(false);
    return false;
}

bp_walk_iter *bp_walk_start(const bp_trace *t, const bp_walk_options *o)
{
    bp_walk_iter *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->t = t;
    w->l = t->lesson;
    w->o = *o;
    /* the derivations are written with each number formatted once */
    w->writer = *o->w;
    w->values.at = calloc((size_t)t->n + 1, sizeof *w->values.at);
    w->writer.values = &w->values;
    w->o.w = &w->writer;
    w->ch = malloc(sizeof *w->ch);
    w->items = malloc(((size_t)t->n + 1) * sizeof *w->items);
    w->labels = malloc(((size_t)w->l->n_units + 1) * sizeof *w->labels);
    w->cur = (bp_walk_mark){.stage = ST_HEAD, .phase = BP_PHASE_GIVEN,
                            .unit = -1};
    if (!w->values.at || !w->ch || !w->items || !w->labels ||
        (w->l->exercise && !index_scopes(w))) {
        bp_walk_free(w);
        return NULL;
    }
    return w;
}

const bp_walk_event *bp_walk_next(bp_walk_iter *w)
{
    while (!w->status && w->next == w->n_queue)
        if (!make_batch(w))
            return NULL;
    if (w->status)
        return NULL;
    return &w->queue[w->next++];
}

bp_status bp_walk_status(const bp_walk_iter *w)
{
    return w->status;
}

bp_walk_mark bp_walk_tell(const bp_walk_iter *w)
{
    if (w->next < w->n_queue) {
        bp_walk_mark m = w->made;
        m.skip = w->next;
        return m;
    }
    bp_walk_mark m = w->cur;
    m.skip = 0;
    return m;
}

void bp_walk_seek(bp_walk_iter *w, const bp_walk_mark *m)
{
    w->cur = *m;
    w->cur.skip = 0;
    w->n_queue = w->next = 0;
    if (m->skip && make_batch(w))
        w->next = m->skip < w->n_queue ? m->skip : w->n_queue;
}

void bp_walk_free(bp_walk_iter *w)
{
    if (!w)
        return;
    free(w->values.at);
    free(w->values.text);
    free(w->ch);
    free(w->items);
    free(w->labels);
    free(w->rows);
    free(w->order);
    free(w->start);
    free(w->queue);
    free(w);
}

bp_status bp_walk(const bp_trace *t, const bp_walk_options *o,
                  bp_walk_emit emit, void *ctx)
{
    bp_walk_iter *w = bp_walk_start(t, o);
    if (!w)
        return BP_ERR_NOMEM;
    bp_status rc = BP_OK;
    const bp_walk_event *e;
    while (!rc && (e = bp_walk_next(w)))
        rc = emit(e, ctx);
    if (!rc)
        rc = w->status;
    bp_walk_free(w);
    return rc;
}
