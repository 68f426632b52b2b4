/* api.c: what the page's WebAssembly module offers its JavaScript: the
 * trace of a lesson (with the student's edits) as HTML, and the judgement
 * of an answers file as `bptrace check --format json` writes it.  The same
 * library as the program's: the page judges as `bptrace check` does.
 *
 * Each returns a string from malloc (the caller frees it with free()):
 * the result, or "!" followed by the error's message. */
#include "check/check_internal.h"
#include "class/class_internal.h"
#include "bptrace/render.h"
#include "check/report.h"
#include "trace/names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define BP_WEB_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define BP_WEB_EXPORT
#endif

static char *failure(const char *what, const bp_error *err)
{
    char buf[1024];
    if (err && err->message[0])
        snprintf(buf, sizeof buf, "!%s", err->message);
    else
        snprintf(buf, sizeof buf, "!%s", what);
    return strdup(buf);
}

/* One edit, "NAME=VALUE": a weight (w46), a bias (b4), an input (x_1),
 * eta, or activation (every layer but the input's and a softmax). */
static bool apply_edit(bp_lesson *l, const char *name, const char *value)
{
    char buf[64];
    char *end;
    if (strcmp(name, "activation") == 0) {
        for (int a = 0; a < BP_ACT_COUNT; a++) {
            if (a == BP_ACT_SOFTMAX ||
                strcmp(value, bp_activation_name((bp_activation)a)) != 0)
                continue;
            for (int i = 1; i < l->n_layers; i++)
                if (l->layers[i].activation != BP_ACT_SOFTMAX)
                    l->layers[i].activation = (bp_activation)a;
            return true;
        }
        return false;
    }
    double v = strtod(value, &end);
    if (end == value || *end)
        return false;
    if (strcmp(name, "eta") == 0) {
        l->eta = v;
        return true;
    }
    for (int i = 0; i < l->n_weights; i++) {
        bp_name_weight(l, i, buf, sizeof buf);
        if (strcmp(buf, name) == 0) {
            l->weights[i].value = v;
            return true;
        }
    }
    for (int u = 0; u < l->n_units; u++) {
        bp_unit *un = &l->units[u];
        if (un->layer == 0) {
            bp_name_output(l, u, buf, sizeof buf);
            if (strcmp(buf, name) == 0) {
                un->input = v;
                return true;
            }
        } else if (un->has_bias) {
            bp_name_bias(l, u, buf, sizeof buf);
            if (strcmp(buf, name) == 0) {
                un->bias = v;
                return true;
            }
        }
    }
    return false;
}

/* The lesson from its YAML, varied by `seed` ("" for none), edited by
 * `edits` (lines of NAME=VALUE). */
static bp_lesson *load(const char *yaml, const char *seed, const char *edits,
                       char **fail)
{
    bp_error err;
    memset(&err, 0, sizeof err);
    bp_lesson *l = bp_lesson_parse("lesson.yaml", yaml, strlen(yaml), &err);
    if (!l) {
        *fail = failure("the lesson does not load", &err);
        return NULL;
    }
    uint64_t s;
    if (seed && seed[0] &&
        (!bp_seed_parse(seed, &s) || bp_lesson_vary(l, s, &err) != BP_OK)) {
        *fail = failure("bad seed", &err);
        bp_lesson_free(l);
        return NULL;
    }
    const char *p = edits ? edits : "";
    while (*p) {
        char line[128], *eq;
        size_t n = strcspn(p, "\n");
        snprintf(line, sizeof line, "%.*s", (int)(n < 127 ? n : 127), p);
        p += n + (p[n] == '\n');
        if (!line[0])
            continue;
        eq = strchr(line, '=');
        if (!eq) {
            *fail = failure("an edit is NAME=VALUE", NULL);
            bp_lesson_free(l);
            return NULL;
        }
        *eq = '\0';
        if (!apply_edit(l, line, eq + 1)) {
            char msg[256];
            snprintf(msg, sizeof msg, "cannot set %s to '%s'", line, eq + 1);
            *fail = failure(msg, NULL);
            bp_lesson_free(l);
            return NULL;
        }
    }
    return l;
}

/* The trace of the lesson as `load` makes it, the lesson in *lesson
 * (both the caller's to free); NULL after setting *fail. */
static bp_trace *load_trace(const char *yaml, const char *seed,
                            const char *edits, bp_lesson **lesson,
                            char **fail)
{
    bp_lesson *l = load(yaml, seed, edits, fail);
    if (!l)
        return NULL;
    bp_error err;
    memset(&err, 0, sizeof err);
    bp_trace *t = bp_trace_build(l, &err);
    if (!t) {
        bp_lesson_free(l);
        *fail = failure("the trace does not build", &err);
        return NULL;
    }
    *lesson = l;
    return t;
}

static char *closed(FILE *f, char **buf, bp_status rc)
{
    if (fclose(f) != 0 || rc != BP_OK) {
        free(*buf);
        return failure("out of memory", NULL);
    }
    return *buf;
}

/* The trace's body as HTML (the page's <main>), hand-rounded unless
 * exact. */
BP_WEB_EXPORT char *bp_web_trace(const char *yaml, const char *seed,
                                 const char *edits, int exact)
{
    char *fail = NULL;
    bp_lesson *l;
    bp_trace *t = load_trace(yaml, seed, edits, &l, &fail);
    if (!t)
        return fail;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    bp_render_options opt = {
        .mode = exact || !bp_trace_hand_rounding(t) ? BP_MODE_EXACT
                                                    : BP_MODE_HAND,
        .fragment = true,
    };
    bp_status rc = f ? bp_render_html(t, &opt, f) : BP_ERR_NOMEM;
    char *out = f ? closed(f, &buf, rc) : failure("out of memory", NULL);
    bp_trace_free(t);
    bp_lesson_free(l);
    return out;
}

/* The judgement of an answers file, as `bptrace check --format json`. */
BP_WEB_EXPORT char *bp_web_check(const char *yaml, const char *seed,
                                 const char *edits, const char *answers)
{
    char *fail = NULL;
    bp_lesson *l;
    bp_trace *t = load_trace(yaml, seed, edits, &l, &fail);
    if (!t)
        return fail;
    bp_error err;
    memset(&err, 0, sizeof err);
    bp_answers *a = bp_answers_parse("answers.yaml", answers, strlen(answers),
                                     &err);
    /* the page shows one error at a time, the first, as it always did */
    if (a && bp_answers_problem(a, 0)) {
        err = *bp_answers_problem(a, 0);
        bp_answers_free(a);
        a = NULL;
    }
    bp_check_result *r = a ? bp_check(t, a, &err) : NULL;
    char *out;
    if (!r) {
        out = failure("the answers do not check", &err);
    } else {
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);
        bp_status rc = f ? bp_report_json(r, f) : BP_ERR_NOMEM;
        out = f ? closed(f, &buf, rc) : failure("out of memory", NULL);
    }
    bp_check_free(r);
    bp_answers_free(a);
    bp_trace_free(t);
    bp_lesson_free(l);
    return out;
}
