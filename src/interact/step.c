/* step.c: `bptrace step` without the terminal: the quantities in order,
 * jumps, commands, and one quantity shown as the trace shows it. */
#include "check/check_internal.h"
#include "interact/step.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The first walk: where each item's events are. */
typedef struct {
    bp_stepper *s;
    int unit_filter;
    int k;           /* the event's number */
    int open;        /* the item whose own events go on, or -1 */
    int group;       /* GIVENS after 1 a CASE, 2 a STEP; 0 none */
    bp_step_frame now;
} recorder;

static void record(recorder *r, const bp_walk_event *e)
{
    bp_stepper *s = r->s;
    int k = r->k++;
    bool follows = e->kind == BP_WALK_EXPLAIN ||
                   e->kind == BP_WALK_ERRATUM ||
                   e->kind == BP_WALK_STEP_NOTE;
    if (follows && r->open >= 0) {
        s->frames[r->open].own_end = k + 1;
        return;
    }
    r->open = -1;
    if (e->kind == BP_WALK_GIVENS && r->group) {
        *(r->group == 1 ? &r->now.case_end : &r->now.step_end) = k + 1;
        return;
    }
    r->group = 0;
    switch (e->kind) {
    case BP_WALK_PART:
        r->now.part = k;
        r->now.unit = -1;
        break;
    case BP_WALK_UNIT: r->now.unit = k; break;
    case BP_WALK_CASE:
        r->now.case_first = k;
        r->now.case_end = k + 1;
        r->now.step_first = r->now.step_end = -1;
        r->group = 1;
        break;
    case BP_WALK_STEP:
        r->now.step_first = k;
        r->now.step_end = k + 1;
        r->group = 2;
        break;
    case BP_WALK_DERIVATION:
        if (r->unit_filter >= 0 && e->q->unit != r->unit_filter)
            break;
        s->items[s->n] = (int)(e->q - s->t->q);
        s->frames[s->n] = r->now;
        s->frames[s->n].own_first = k;
        s->frames[s->n].own_end = k + 1;
        r->open = s->n++;
        break;
    case BP_WALK_HEADER:
    case BP_WALK_WARNING:
    case BP_WALK_GIVEN_HEADING:
    case BP_WALK_GIVENS:
    case BP_WALK_GIVEN_NOTE:
    case BP_WALK_FIGURE:
    case BP_WALK_EXPLAIN:
    case BP_WALK_ERRATUM:
    case BP_WALK_STEP_NOTE:
    case BP_WALK_SUMMARY:
    case BP_WALK_TABLE:
    case BP_WALK_CLOSING:
    case BP_WALK_ERRATA:
    case BP_WALK_PATHS:
    case BP_WALK_KIND_COUNT: break; /* no item, no heading of one */
    }
}

/* Room for mark k. */
static bool grow_marks(bp_stepper *s, int k, int *cap)
{
    if (k < *cap)
        return true;
    int n = *cap ? 2 * *cap : 256;
    bp_walk_mark *m = realloc(s->marks, (size_t)n * sizeof *m);
    if (!m)
        return false;
    s->marks = m;
    *cap = n;
    return true;
}

/* The writer of the trace's text in the mode it is written: the walk
 * decides nothing by the numbers' mode, so hand mode will do. */
int bp_stepper_init(bp_stepper *s, const bp_trace *t, int unit)
{
    *s = (bp_stepper){t, NULL, NULL, 0, -1, -2, -2, -2, -2, NULL,
                      NULL, 0, NULL, NULL};
    s->items = malloc(((size_t)t->n + 1) * sizeof *s->items);
    s->frames = malloc(((size_t)t->n + 1) * sizeof *s->frames);
    s->chain = malloc(sizeof *s->chain);
    if (!s->items || !s->frames || !s->chain) {
        bp_stepper_free(s);
        return -2;
    }
    bp_text c;
    text_init(&c, t, &(bp_render_options){.mode = BP_MODE_HAND, .digits = 4}, NULL);
    bp_writer w = text_writer(&c);
    recorder r = {s, unit, 0, -1, 0, {-1, -1, -1, -1, -1, -1, -1, -1}};
    bp_walk_iter *it = bp_walk_start(t, &(bp_walk_options){&w, false});
    int cap = 0;
    bool ok = it != NULL;
    while (ok) {
        bp_walk_mark m = bp_walk_tell(it);
        const bp_walk_event *e = bp_walk_next(it);
        if (!e || !grow_marks(s, r.k, &cap))
            break;
        s->marks[r.k] = m;
        record(&r, e);
    }
    s->n_marks = r.k;
    ok = ok && bp_walk_status(it) == BP_OK;
    if (it && bp_walk_next(it)) /* stopped short: out of room for marks */
        ok = false;
    bp_walk_free(it);
    if (!ok) {
        bp_stepper_free(s);
        return -2;
    }
    return 0;
}

void bp_stepper_free(bp_stepper *s)
{
    free(s->items);
    free(s->frames);
    free(s->chain);
    free(s->marks);
    bp_walk_free(s->it);
    s->items = NULL;
    s->frames = NULL;
    s->chain = NULL;
    s->marks = NULL;
    s->it = NULL;
}

int bp_stepper_item(const bp_stepper *s, const bp_quantity *q)
{
    for (int i = 0; i < s->n; i++)
        if (&s->t->q[s->items[i]] == q)
            return i;
    return -1;
}

int bp_stepper_unit(const bp_lesson *l, const char *label)
{
    for (int u = 0; u < l->n_units; u++)
        if (strcmp(l->units[u].label, label) == 0)
            return u;
    return -1;
}

/* A phase by its letter (f, as typed: E is a quantity) or its name. */
static bp_phase phase_named(const char *w)
{
    static const struct {
        const char *letter, *name, *other;
        bp_phase phase;
    } phases[] = {
        {"f", "forward", "forward pass", BP_PHASE_FORWARD},
        {"e", "error", "errors", BP_PHASE_ERROR},
        {"b", "backward", "backward pass", BP_PHASE_BACKWARD},
        {"u", "update", "updates", BP_PHASE_UPDATE},
        {"v", "verify", "verification", BP_PHASE_VERIFY},
    };
    for (size_t i = 0; i < sizeof phases / sizeof phases[0]; i++)
        if (strcmp(w, phases[i].letter) == 0 ||
            strcasecmp(w, phases[i].name) == 0 ||
            strcasecmp(w, phases[i].other) == 0)
            return phases[i].phase;
    return BP_PHASE_COUNT;
}

/* "2" or "step 2": an exercise's step, 1-based; 0 when it is not one. */
static int step_number(const char *w)
{
    if (strncasecmp(w, "step", 4) == 0)
        w += 4;
    while (*w == ' ')
        w++;
    if (!isdigit((unsigned char)*w))
        return 0;
    char *end;
    long n = strtol(w, &end, 10);
    return *end == '\0' && n > 0 && n < 100000 ? (int)n : 0;
}

int bp_stepper_find(const bp_stepper *s, const char *where,
                    const char **why)
{
    const bp_lesson *l = s->t->lesson;
    *why = "";
    bp_phase phase = phase_named(where);
    int step = l->exercise ? step_number(where) : 0;
    const bp_quantity *named = bp_trace_find(s->t, where);
    if (phase == BP_PHASE_COUNT && !step && !named) {
        *why = l->exercise ? "not a step number nor a quantity's name"
                           : "not a part (f, e, b, u, v or forward, error, "
                             "backward, update, verify) nor a quantity's "
                             "name";
        return -1;
    }
    for (int i = 0; i < s->n; i++) {
        const bp_quantity *q = &s->t->q[s->items[i]];
        if (named ? q == named
                  : step ? q->step == step - 1 : q->phase == phase)
            return i;
    }
    *why = named ? "that quantity is not among those shown here"
                 : step ? "the exercise has no such step"
                        : "nothing of that part is shown here";
    return -1;
}

const char bp_step_keys_help[] =
    "Enter or space: next   b: back   g: jump (to a part: f, e, b, u, v; "
    "a step's number; a name)   q: quit";

bp_step_command bp_step_parse(const char *line, const char **arg)
{
    while (*line == ' ' || *line == '\t')
        line++;
    *arg = "";
    if (!*line || strcmp(line, "n") == 0 || strcmp(line, "next") == 0)
        return BP_STEP_NEXT;
    if (strcmp(line, "b") == 0 || strcmp(line, "back") == 0)
        return BP_STEP_BACK;
    if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0)
        return BP_STEP_QUIT;
    if (strcmp(line, "h") == 0 || strcmp(line, "?") == 0 ||
        strcmp(line, "help") == 0)
        return BP_STEP_HELP;
    if (line[0] == 'g' && (line[1] == '\0' || line[1] == ' ')) {
        for (line++; *line == ' '; line++)
            ;
        *arg = line;
        return BP_STEP_JUMP;
    }
    return BP_STEP_UNKNOWN;
}

/* Showing an item: only the events chosen, laid out as the trace lays
 * them out, each range found by seeking the walk to its first event. */
typedef struct {
    int first[5], end[5];
    int n;
} chosen;

static void choose(chosen *p, int first, int end)
{
    if (first >= 0 && p->n < 5) {
        p->first[p->n] = first;
        p->end[p->n++] = end;
    }
}

static bool same_mark(const bp_walk_mark *a, const bp_walk_mark *b)
{
    return a->stage == b->stage && a->i == b->i && a->k == b->k &&
           a->s == b->s && a->j == b->j && a->phase == b->phase &&
           a->unit == b->unit && a->skip == b->skip;
}

/* Events [first, end) of the walk as text.  The walk of c's mode may lack
 * an event the first walk had (no errata in exact mode): a range ends
 * where the walk no longer is where the first walk was. */
static bp_status play(bp_stepper *s, bp_text *c, int first, int end)
{
    bp_walk_seek(s->it, &s->marks[first]);
    for (int k = first; k < end && k < s->n_marks; k++) {
        bp_walk_mark m = bp_walk_tell(s->it);
        if (k > first && !same_mark(&m, &s->marks[k]))
            break;
        const bp_walk_event *e = bp_walk_next(s->it);
        if (!e)
            return bp_walk_status(s->it);
        bp_status rc = text_on_event(e, c);
        if (rc)
            return rc;
    }
    return BP_OK;
}

bp_status bp_stepper_show(bp_stepper *s, bp_text *c, int i, int what)
{
    const bp_step_frame *f = &s->frames[i];
    chosen p = {{0}, {0}, 0};
    if (what & BP_STEP_HEADINGS) {
        bool part = f->part != s->part;
        bool kase = f->case_first != s->case_first;
        if (part)
            choose(&p, f->part, f->part + 1);
        if (part || f->unit != s->unit)
            choose(&p, f->unit, f->unit + 1);
        if (kase)
            choose(&p, f->case_first, f->case_end);
        if (kase || f->step_first != s->step_first)
            choose(&p, f->step_first, f->step_end);
        s->pos = i;
        s->part = f->part;
        s->unit = f->unit;
        s->case_first = f->case_first;
        s->step_first = f->step_first;
    }
    if (what & BP_STEP_WORKING)
        choose(&p, f->own_first, f->own_end);
    if (!p.n)
        return BP_OK;
    if (!s->it || s->shown_for != c) {
        bp_walk_free(s->it);
        bp_writer w = text_writer(c);
        s->it = bp_walk_start(s->t, &(bp_walk_options){&w, false});
        s->shown_for = c;
        if (!s->it)
            return BP_ERR_NOMEM;
    }
    bp_status rc = BP_OK;
    for (int r = 0; r < p.n && !rc; r++)
        rc = play(s, c, p.first[r], p.end[r]);
    return rc;
}
