/* clash.c: a mistyped command must lose nothing.  `trace L.yaml -o L.yaml`
 * would replace the lesson, `check L --summary a.yaml b.yaml` a student's
 * answers, `train -o y --plot y` one of its two results: every output is
 * compared with every input and with the other outputs before anything
 * is read or written.
 *
 * Two names are the same file when they have the same device and inode
 * (hard links and symlinks included); an output that does not exist yet
 * is the same as another when both name the same place, its directory
 * resolved. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli/clash.h"
#include "cli/app.h"
#include "cli/lesson_path.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    const char *what;  /* "-o", "--summary", "the lesson", ... */
    const char *name;  /* as given */
    bool exists;
    struct stat st;
    char place[4096 + 256]; /* resolved directory + last component */
} named_file;

enum { MAX_NAMED = 16 };

/* Where a file that may not exist yet would be: its directory resolved,
 * then its last component ("" when that cannot be told). */
static void resolve_place(const char *name, char *place, size_t size)
{
    char dir[4096];
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    size_t n = slash ? (size_t)(slash - name) : 0;
    place[0] = '\0';
    if (n >= sizeof dir)
        return;
    if (slash && n == 0)
        n = 1;
    if (slash)
        memcpy(dir, name, n);
    else
        dir[n++] = '.';
    dir[n] = '\0';
    char *real = realpath(dir, NULL);
    if (!real)
        return;
    snprintf(place, size, "%s/%s", real, base);
    free(real);
}

static void add(named_file *files, int *n, const char *what, const char *name)
{
    if (!name || strcmp(name, "-") == 0 || *n >= MAX_NAMED)
        return;
    named_file *f = &files[(*n)++];
    f->what = what;
    f->name = name;
    f->exists = stat(name, &f->st) == 0;
    resolve_place(name, f->place, sizeof f->place);
}

static bool same_file(const named_file *x, const named_file *y)
{
    if (x->exists && y->exists)
        return x->st.st_dev == y->st.st_dev && x->st.st_ino == y->st.st_ino;
    return !x->exists && !y->exists && x->place[0] &&
           strcmp(x->place, y->place) == 0;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

int app_check_clashes(const bp_cli_args *a)
{
    /* `check L --summary a.yaml b.yaml`: the CSV's name was forgotten and
     * the first answers file would become the summary. */
    if (a->summary &&
        (ends_with(a->summary, ".yaml") || ends_with(a->summary, ".yml")))
        return bp_cli_usage_error("--summary '%s' names a YAML file, but the "
                                  "summary is CSV (did you forget its name, "
                                  "as in --summary grades.csv?)", a->summary);
    named_file outputs[MAX_NAMED];
    int n_out = 0;
    add(outputs, &n_out, "-o", a->output);
    add(outputs, &n_out, "--summary", a->summary);
    add(outputs, &n_out, "--plot", a->plot);
    add(outputs, &n_out, "--save", a->save);
    add(outputs, &n_out, "--output-dir", a->output_dir);
    if (n_out == 0)
        return 0;

    named_file *inputs = calloc(MAX_NAMED, sizeof *inputs);
    if (!inputs)
        return 0; /* the command reports the lack of memory itself */
    int n_in = 0;
    char lesson[4096];
    if (a->lesson)
        add(inputs, &n_in, a->manifest ? "an answers file" : "the lesson",
            bp_lesson_path(a->lesson, lesson, sizeof lesson));
    add(inputs, &n_in, "the manifest", a->manifest);
    add(inputs, &n_in, "the roster", a->roster);
    int rc = 0;
    for (int i = 0; i < a->n_files && rc == 0; i++) {
        named_file f;
        int one = 0;
        add(&f, &one, "an answers file", a->files[i]);
        for (int o = 0; one && o < n_out && rc == 0; o++)
            if (same_file(&outputs[o], &f))
                rc = bp_cli_usage_error("%s '%s' is %s '%s': refusing to "
                                        "overwrite an input",
                                        outputs[o].what, outputs[o].name,
                                        f.what, f.name);
    }
    for (int o = 0; o < n_out && rc == 0; o++) {
        for (int i = 0; i < n_in && rc == 0; i++)
            if (same_file(&outputs[o], &inputs[i]))
                rc = bp_cli_usage_error("%s '%s' is %s '%s': refusing to "
                                        "overwrite an input",
                                        outputs[o].what, outputs[o].name,
                                        inputs[i].what, inputs[i].name);
        for (int p = 0; p < o && rc == 0; p++)
            if (same_file(&outputs[o], &outputs[p]))
                rc = bp_cli_usage_error("%s '%s' and %s '%s' name the same "
                                        "file: each output needs its own",
                                        outputs[p].what, outputs[p].name,
                                        outputs[o].what, outputs[o].name);
    }
    free(inputs);
    return rc;
}
