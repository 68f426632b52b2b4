/* step.c: `bptrace step` without the terminal: the quantities in order,
 * jumps, commands, and one quantity shown as the trace shows it. */
#include "step.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int bp_stepper_init(bp_stepper *s, const bp_trace *t, int unit)
{
    *s = (bp_stepper){t, NULL, 0, -1, BP_PHASE_COUNT, -2, -2, -2, NULL};
    s->items = malloc(((size_t)t->n + 1) * sizeof *s->items);
    s->chain = malloc(sizeof *s->chain);
    if (!s->items || !s->chain) {
        bp_stepper_free(s);
        return -2;
    }
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (bp_qkind_is_given(q->kind) || q->summary ||
            !bp_derive_standalone(t, q))
            continue;
        if (unit >= 0 && q->unit != unit)
            continue;
        s->items[s->n++] = i;
    }
    return 0;
}

void bp_stepper_free(bp_stepper *s)
{
    free(s->items);
    free(s->chain);
    s->items = NULL;
    s->chain = NULL;
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

/* Whether q is the last quantity its exercise step finds (its note
 * follows it). */
static bool last_of_step(const bp_trace *t, const bp_quantity *q)
{
    for (const bp_quantity *p = q + 1; p < t->q + t->n; p++)
        if (p->step == q->step && p->case_index == q->case_index &&
            p->standalone)
            return false;
    return true;
}

static void exercise_headings(bp_stepper *s, bp_text *c, const bp_quantity *q)
{
    const bp_exercise *ex = c->l->exercise;
    bool new_case = q->case_index != s->case_index;
    if (new_case && q->case_index >= 0) {
        const bp_case *k = &ex->cases[q->case_index];
        char title[BP_LABEL_MAX + 8];
        snprintf(title, sizeof title, "Case %s", k->label);
        text_heading(c, k->title ? k->title : title);
        text_exercise_givens(c, -1, q->case_index, "  Given: ");
    }
    if ((new_case || q->step != s->step) && q->step >= 0) {
        text_heading(c, ex->steps[q->step].title);
        text_exercise_givens(c, q->step, q->case_index, "  Given: ");
    }
}

void bp_stepper_heading(bp_stepper *s, bp_text *c, int i)
{
    const bp_quantity *q = &s->t->q[s->items[i]];
    if (c->l->exercise) {
        exercise_headings(s, c, q);
    } else {
        bool new_phase = q->phase != s->phase;
        if (new_phase)
            text_part_heading(c, q->phase);
        bool per_unit = q->phase == BP_PHASE_FORWARD ||
                        q->phase == BP_PHASE_BACKWARD ||
                        q->phase == BP_PHASE_UPDATE;
        if (per_unit && (new_phase || q->unit != s->unit))
            text_unit_heading(c, q);
    }
    s->pos = i;
    s->phase = q->phase;
    s->unit = q->unit;
    s->step = q->step;
    s->case_index = q->case_index;
}

void bp_stepper_working(bp_stepper *s, bp_text *c, int i)
{
    const bp_quantity *q = &s->t->q[s->items[i]];
    bp_writer w = text_writer(c);
    text_quantity(c, &w, s->chain, q);
    if (c->l->exercise && q->step >= 0 && last_of_step(s->t, q) &&
        c->l->exercise->steps[q->step].note)
        text_wrapped(c, "  Interpretation: ", "    ",
                     c->l->exercise->steps[q->step].note);
}

void bp_stepper_show(bp_stepper *s, bp_text *c, int i)
{
    bp_stepper_heading(s, c, i);
    bp_stepper_working(s, c, i);
}
