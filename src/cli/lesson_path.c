/* lesson_path.c: finding a lesson by name or path. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli/lesson_path.h"
#include "util/strings.h"

#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory that holds the running program, resolved; false when it
 * cannot be told (no /proc). */
static bool exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return false;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return false;
    if (slash == buf)
        slash++; /* "/bptrace" -> "/" */
    *slash = '\0';
    return true;
}

/* Whether resolved path `path` is `root` or lies below it. */
static bool is_below(const char *path, const char *root)
{
    char *real = realpath(root, NULL);
    if (!real)
        return false;
    size_t len = strlen(real);
    bool below = strncmp(path, real, len) == 0 &&
                 (path[len] == '/' || path[len] == '\0' ||
                  (len == 1 && real[0] == '/'));
    free(real);
    return below;
}

static bool add(bp_lesson_dir *d, const char *what, const char *a,
                const char *b)
{
    int n = snprintf(d->path, sizeof d->path, "%s%s%s", a, b[0] ? "/" : "",
                     b);
    d->what = what;
    return n > 0 && (size_t)n < sizeof d->path;
}

int bp_lesson_dirs(bp_lesson_dir dirs[BP_LESSON_DIRS_MAX])
{
    int n = 0;
    const char *env = getenv("BPTRACE_LESSONS");
    if (env && env[0] && add(&dirs[n], "$BPTRACE_LESSONS", env, ""))
        n++;
    char exe[BP_LESSON_DIR_SIZE];
    bool have_exe = exe_dir(exe, sizeof exe);
    if (have_exe && BP_EXE_LESSON_DIR[0] &&
        add(&dirs[n], "beside the program", exe, BP_EXE_LESSON_DIR))
        n++;
    if (have_exe && is_below(exe, BP_BUILD_ROOT) &&
        add(&dirs[n], "source tree", BP_SOURCE_LESSON_DIR, ""))
        n++;
    if (add(&dirs[n], "installed", BP_LESSON_DIR, ""))
        n++;
    return n;
}

const char *bp_lesson_dir_first(char *buf, size_t size)
{
    bp_lesson_dir dirs[BP_LESSON_DIRS_MAX];
    int n = bp_lesson_dirs(dirs);
    for (int i = 0; i < n; i++) {
        if (is_dir(dirs[i].path)) {
            int len = snprintf(buf, size, "%s", dirs[i].path);
            if (len > 0 && (size_t)len < size)
                return buf;
        }
    }
    return NULL;
}

const char *bp_lesson_path(const char *arg, char *buf, size_t size)
{
    snprintf(buf, size, "%s", arg);
    if (is_file(arg) || strchr(arg, '/') || !arg[0])
        return buf;
    size_t len = strlen(arg);
    const char *ext = len > 5 && strcmp(arg + len - 5, ".yaml") == 0 ? ""
                                                                    : ".yaml";
    bp_lesson_dir dirs[BP_LESSON_DIRS_MAX];
    int n = bp_lesson_dirs(dirs);
    for (int i = 0; i < n; i++) {
        int w = snprintf(buf, size, "%s/%s%s", dirs[i].path, arg, ext);
        if (w > 0 && (size_t)w < size && is_file(buf))
            return buf;
    }
    snprintf(buf, size, "%s", arg);
    return buf;
}

const char *bp_lesson_closest(const char *arg, char *buf, size_t size)
{
    enum { MAX_NAMES = 256, NAME_SIZE = 128 };
    static char names[MAX_NAMES][NAME_SIZE];
    const char *list[MAX_NAMES];
    size_t n = 0;
    if (strchr(arg, '/'))
        return NULL;
    char wanted[NAME_SIZE];
    snprintf(wanted, sizeof wanted, "%s", arg);
    size_t len = strlen(wanted);
    if (len > 5 && strcmp(wanted + len - 5, ".yaml") == 0)
        wanted[len - 5] = '\0';
    bp_lesson_dir dirs[BP_LESSON_DIRS_MAX];
    int n_dirs = bp_lesson_dirs(dirs);
    for (int i = 0; i < n_dirs; i++) {
        DIR *d = opendir(dirs[i].path);
        if (!d)
            continue;
        struct dirent *entry;
        while (n < MAX_NAMES && (entry = readdir(d))) {
            size_t l = strlen(entry->d_name);
            if (entry->d_name[0] == '.' || l <= 5 || l - 5 >= NAME_SIZE ||
                strcmp(entry->d_name + l - 5, ".yaml") != 0)
                continue;
            snprintf(names[n], NAME_SIZE, "%.*s", (int)(l - 5),
                     entry->d_name);
            list[n] = names[n];
            n++;
        }
        closedir(d);
    }
    const char *guess = bp_closest_name(wanted, list, n);
    if (!guess || strcmp(guess, wanted) == 0)
        return NULL;
    snprintf(buf, size, "%s", guess);
    return buf;
}
