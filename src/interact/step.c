/* step.c: `bptrace step` without the terminal: the quantities in order,
 * jumps, commands, and one quantity shown as the trace shows it. */
#include "bptrace/check.h"
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

static int record(const bp_walk_event *e, void *ctx)
{
    recorder *r = ctx;
    bp_stepper *s = r->s;
    int k = r->k++;
    bool follows = e->kind == BP_WALK_EXPLAIN ||
                   e->kind == BP_WALK_ERRATUM ||
                   e->kind == BP_WALK_STEP_NOTE;
    if (follows && r->open >= 0) {
        s->frames[r->open].own_end = k + 1;
        return 0;
    }
    r->open = -1;
    if (e->kind == BP_WALK_GIVENS && r->group) {
        *(r->group == 1 ? &r->now.case_end : &r->now.step_end) = k + 1;
        return 0;
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
    default: break;
    }
    return 0;
}

/* The writer of the trace's text in the mode it is written: the walk
 * decides nothing by the numbers' mode, so hand mode will do. */
int bp_stepper_init(bp_stepper *s, const bp_trace *t, int unit)
{
    *s = (bp_stepper){t, NULL, NULL, 0, -1, -2, -2, -2, -2, NULL};
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
    if (bp_walk(t, &(bp_walk_options){&w, false}, record, &r) != 0) {
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
    s->items = NULL;
    s->frames = NULL;
    s->chain = NULL;
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

/* The second walk: only the events chosen, laid out as the trace lays
 * them out. */
typedef struct {
    bp_text *c;
    int k;
    int first[5], end[5];
    int n;
} player;

static int play(const bp_walk_event *e, void *ctx)
{
    player *p = ctx;
    int k = p->k++;
    for (int i = 0; i < p->n; i++)
        if (k >= p->first[i] && k < p->end[i])
            return text_on_event(e, p->c);
    return 0;
}

static void choose(player *p, int first, int end)
{
    if (first >= 0 && p->n < 5) {
        p->first[p->n] = first;
        p->end[p->n++] = end;
    }
}

int bp_stepper_show(bp_stepper *s, bp_text *c, int i, int what)
{
    const bp_step_frame *f = &s->frames[i];
    player p = {c, 0, {0}, {0}, 0};
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
        return 0;
    bp_writer w = text_writer(c);
    return bp_walk(s->t, &(bp_walk_options){&w, false}, play, &p);
}
