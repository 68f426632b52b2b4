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

/* A terminal, a pipe, /dev/null: written in place, nothing to lose, and
 * `trace /dev/stdin -o /dev/stdout` on one terminal is no clash. */
static bool holds_data(const struct stat *st)
{
    return S_ISREG(st->st_mode) || S_ISDIR(st->st_mode);
}

static bool same_file(const named_file *x, const named_file *y)
{
    if (x->exists && y->exists)
        return holds_data(&x->st) && x->st.st_dev == y->st.st_dev &&
               x->st.st_ino == y->st.st_ino;
    return !x->exists && !y->exists && x->place[0] &&
           strcmp(x->place, y->place) == 0;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* The outputs the arguments name; their number. */
static int collect_outputs(const bp_cli_args *a, named_file *outputs)
{
    int n = 0;
    add(outputs, &n, "-o", a->output);
    add(outputs, &n, "--summary", a->summary);
    add(outputs, &n, "--plot", a->plot);
    add(outputs, &n, "--save", a->save);
    add(outputs, &n, "--output-dir", a->output_dir);
    add(outputs, &n, "the PDF", a->pdf_output); /* worksheet --pdf */
    return n;
}

/* 0, or BP_EXIT_USAGE after saying which output is the input `what`
 * `name`. */
static int output_over(const named_file *outputs, int n_out,
                       const char *what, const char *name)
{
    named_file in;
    int one = 0;
    add(&in, &one, what, name);
    for (int o = 0; one && o < n_out; o++)
        if (same_file(&outputs[o], &in))
            return bp_cli_usage_error("%s '%s' is %s '%s': refusing to "
                                      "overwrite an input",
                                      outputs[o].what, outputs[o].name,
                                      in.what, in.name);
    return 0;
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
    int n_out = collect_outputs(a, outputs);
    if (n_out == 0)
        return 0;
    char lesson[4096];
    int rc = 0;
    if (a->lesson) /* with --manifest, the first answers file */
        rc = output_over(outputs, n_out,
                         a->manifest ? "an answers file" : "the lesson",
                         bp_lesson_path(a->lesson, lesson, sizeof lesson));
    if (!rc)
        rc = output_over(outputs, n_out, "the manifest", a->manifest);
    if (!rc)
        rc = output_over(outputs, n_out, "the roster", a->roster);
    if (!rc)
        rc = output_over(outputs, n_out, "the data file", a->data);
    if (!rc)
        rc = output_over(outputs, n_out, "the test data file", a->test);
    for (int i = 0; i < a->n_files && rc == 0; i++)
        rc = output_over(outputs, n_out, "an answers file", a->files[i]);
    for (int o = 0; o < n_out && rc == 0; o++)
        for (int p = 0; p < o && rc == 0; p++)
            if (same_file(&outputs[o], &outputs[p]))
                rc = bp_cli_usage_error("%s '%s' and %s '%s' name the same "
                                        "file: each output needs its own",
                                        outputs[p].what, outputs[p].name,
                                        outputs[o].what, outputs[o].name);
    return rc;
}

int app_check_clash_with(const bp_cli_args *a, const char *what,
                         const char *path)
{
    named_file outputs[MAX_NAMED];
    int n_out = collect_outputs(a, outputs);
    return n_out ? output_over(outputs, n_out, what, path) : 0;
}
