/* lesson_path.h: finding a lesson by name or path. */
#ifndef BP_LESSON_PATH_H
#define BP_LESSON_PATH_H

#include <stddef.h>

/* A path that exists is used as it is.  A bare name ("complete-example",
 * with or without ".yaml") is looked for in $BPTRACE_LESSONS, then in the
 * installed lesson directory, then in the source tree's lessons/.  Writes
 * the path to use into buf (the argument itself when nothing matches, so
 * that the error names it) and returns buf. */
const char *bp_lesson_path(const char *arg, char *buf, size_t size);

#endif
