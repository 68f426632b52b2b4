/* lesson_path.h: finding a lesson by name or path, and the lesson
 * directories. */
#ifndef BP_LESSON_PATH_H
#define BP_LESSON_PATH_H

#include <stddef.h>

#define BP_LESSON_DIRS_MAX 4
#define BP_LESSON_DIR_SIZE 4096

/* One directory of the lesson search path. */
typedef struct {
    const char *what;               /* "$BPTRACE_LESSONS", "installed", ... */
    char path[BP_LESSON_DIR_SIZE];
} bp_lesson_dir;

/* The lesson search path, in order; returns how many entries it filled
 * (directories that need not exist):
 *   1. $BPTRACE_LESSONS, when it is set and not empty;
 *   2. DIR/../share/bptrace/lessons, where DIR holds the running program
 *      (readlink /proc/self/exe), so that a copy staged with
 *      `meson install --destdir` or moved as a whole tree finds its own
 *      lessons;
 *   3. the source tree's lessons/, only when the running program lies
 *      inside the build tree it was built in (an installed copy never reads
 *      the source tree);
 *   4. the installation's lesson directory compiled in (prefix/share/...). */
int bp_lesson_dirs(bp_lesson_dir dirs[BP_LESSON_DIRS_MAX]);

/* The first directory of the search path that exists, written to buf;
 * NULL when none does. */
const char *bp_lesson_dir_first(char *buf, size_t size);

/* A path that exists, or any argument with a '/', is used as it is.  A bare
 * name ("complete-example", with or without ".yaml") is looked for in each
 * directory of the search path in turn.  Writes the path to use into buf
 * (the argument itself when nothing matches, so that the error names it)
 * and returns buf. */
const char *bp_lesson_path(const char *arg, char *buf, size_t size);

/* The lesson name of the search path closest to a misspelt bare name
 * ("complete-exampel"), written to buf; NULL when none is close enough. */
const char *bp_lesson_closest(const char *arg, char *buf, size_t size);

#endif
