/* unit.h: what the Check unit tests share: a lesson from the source tree
 * or from a string, its trace, a quantity's values, a lesson's erratum.  Each helper fails the running test (ck_assert) when
 * it cannot do its job, so a test reads as a list of values to compare.
 *
 * The helpers are static inline: a test includes this header and uses what
 * it needs, without unused-function warnings for the rest. */
#ifndef BP_TESTS_UNIT_H
#define BP_TESTS_UNIT_H

#include "bptrace.h"
#include "check/check_internal.h"
#include "class/class_internal.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

/* tests/meson.build passes the source root; "." when run from it by hand. */
#ifndef BP_SOURCE_ROOT
#define BP_SOURCE_ROOT "."
#endif

/* A lesson of the source tree, by its path from the root
 * ("tests/lessons/variants.yaml"). */
static inline bp_lesson *unit_load(const char *relative)
{
    char path[4096];
    bp_error err;
    snprintf(path, sizeof path, "%s/%s", BP_SOURCE_ROOT, relative);
    bp_lesson *l = bp_lesson_load(path, &err);
    ck_assert_msg(l != NULL, "%s: %d:%d: %s", path, err.pos.line,
                  err.pos.column, err.message);
    return l;
}

/* A shipped lesson by name: lessons/NAME.yaml. */
static inline bp_lesson *unit_load_shipped(const char *name)
{
    char relative[512];
    snprintf(relative, sizeof relative, "lessons/%s.yaml", name);
    return unit_load(relative);
}

/* A lesson written in the test, which must be valid. */
static inline bp_lesson *unit_parse(const char *yaml)
{
    bp_error err;
    bp_lesson *l = bp_lesson_parse("test.yaml", yaml, strlen(yaml), &err);
    ck_assert_msg(l != NULL, "test.yaml:%d:%d: %s", err.pos.line,
                  err.pos.column, err.message);
    return l;
}

/* The trace of a lesson, which must build. */
static inline bp_trace *unit_trace(const bp_lesson *lesson)
{
    bp_error err;
    bp_trace *t = bp_trace_build(lesson, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    return t;
}

/* A quantity of the trace by name ("o_6"), which must exist. */
static inline const bp_quantity *unit_quantity(const bp_trace *t,
                                               const char *name)
{
    const bp_quantity *q = bp_trace_find(t, name);
    ck_assert_msg(q != NULL, "no quantity '%s'", name);
    return q;
}

/* Its value by hand (rounded and carried forward rounded), and exactly. */
static inline double unit_hand(const bp_trace *t, const char *name)
{
    return unit_quantity(t, name)->hand;
}

static inline double unit_exact(const bp_trace *t, const char *name)
{
    return unit_quantity(t, name)->exact;
}

/* The lesson's erratum for a quantity, or NULL. */
static inline const bp_erratum *unit_erratum(const bp_lesson *l,
                                             const char *name)
{
    for (int i = 0; i < l->n_errata; i++)
        if (strcmp(l->errata[i].name, name) == 0)
            return &l->errata[i];
    return NULL;
}

#endif
