/* lesson_path.c: finding a lesson by name or path. */
#include "lesson_path.h"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int try_dir(const char *dir, const char *name, const char *ext,
                   char *buf, size_t size)
{
    if (!dir || !dir[0])
        return 0;
    int n = snprintf(buf, size, "%s/%s%s", dir, name, ext);
    return n > 0 && (size_t)n < size && is_file(buf);
}

const char *bp_lesson_path(const char *arg, char *buf, size_t size)
{
    snprintf(buf, size, "%s", arg);
    if (is_file(arg) || strchr(arg, '/'))
        return buf;
    size_t len = strlen(arg);
    const char *ext = len > 5 && strcmp(arg + len - 5, ".yaml") == 0 ? ""
                                                                    : ".yaml";
    const char *dirs[] = {getenv("BPTRACE_LESSONS"), BP_LESSON_DIR,
                          BP_SOURCE_LESSON_DIR};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        if (try_dir(dirs[i], arg, ext, buf, size))
            return buf;
    snprintf(buf, size, "%s", arg);
    return buf;
}
