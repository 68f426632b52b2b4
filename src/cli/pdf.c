/* pdf.c: worksheet --pdf: which sheets go through pdflatex
 * (pdflatex.c) and where their PDFs go: beside one worksheet's .tex, or
 * into a roster's directory with the class PDFs.  A PDF reaches its
 * destination only when pdflatex has made it whole.
 */
#include "cli/pdf.h"
#include "cli/app.h"
#include "cli/clash.h"
#include "cli/pdflatex.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void app_pdf_say_missing(void)
{
    fprintf(stderr, "%s: warning: no pdflatex on PATH: the .tex files are "
                    "written, the PDFs are not (pdflatex comes with "
                    "texlive-latex-base)\n", app_progname);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* -o NAME.tex or -o NAME.pdf: the two files --pdf writes (from malloc).
 * 0, or the usage error's exit code. */
static int output_names(const char *output, char **tex, char **pdf)
{
    *tex = *pdf = NULL;
    size_t n = output ? strlen(output) : 0;
    if (n <= 4 || (!ends_with(output, ".tex") && !ends_with(output, ".pdf")))
        return bp_cli_usage_error("--pdf writes NAME.tex and NAME.pdf: "
                                  "give -o NAME.tex (or -o NAME.pdf)");
    *tex = malloc(n + 1);
    *pdf = malloc(n + 1);
    if (!*tex || !*pdf) {
        free(*tex);
        free(*pdf);
        *tex = *pdf = NULL;
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    memcpy(*tex, output, n - 4);
    memcpy(*tex + n - 4, ".tex", 5);
    memcpy(*pdf, output, n - 4);
    memcpy(*pdf + n - 4, ".pdf", 5);
    /* -o NAME.pdf: NAME.tex is a name the user did not type; a file of
     * that name may be their own LaTeX, never replaced unasked. */
    struct stat st;
    if (ends_with(output, ".pdf") && lstat(*tex, &st) == 0) {
        int rc = bp_cli_usage_error(
            "--pdf -o '%s' also writes '%s', which exists: give -o '%s' "
            "to replace it, or another name", output, *tex, *tex);
        free(*tex);
        free(*pdf);
        *tex = *pdf = NULL;
        return rc;
    }
    return 0;
}

int app_pdf_args(bp_cli_args *a, bool *missing, char *names[2])
{
    *missing = false;
    names[0] = names[1] = NULL;
    if (a->two_sided && !(a->pdf && a->roster))
        return bp_cli_usage_error("--two-sided lays out the class PDFs: it "
                                  "goes with --roster and --pdf");
    if (!a->pdf)
        return 0;
    if (a->render_format != BP_RENDER_LATEX)
        return bp_cli_usage_error("--pdf goes with --format latex");
    if (a->fragment)
        return bp_cli_usage_error("--pdf makes a document: it does not go "
                                  "with --fragment");
    int rc;
    if (!a->roster) {
        char *tex, *pdf;
        if ((rc = output_names(a->output, &tex, &pdf)) != 0)
            return rc;
        a->output = tex;
        a->pdf_output = pdf;
        names[0] = tex; /* the caller frees them */
        names[1] = pdf;
        if ((rc = app_check_clashes(a)) != 0)
            return rc;
    }
    bool found;
    if ((rc = pdflatex_prepare(&found)) != 0)
        return rc;
    *missing = !found;
    a->pdf = found;
    return 0;
}

/* ---- a roster ---- */

/* Made PDF `index` as `name` in the roster's directory. */
static int deliver(int index, const char *tmp, const char *dir,
                   const char *name)
{
    char from[PDFLATEX_PATH_MAX], to[8192];
    pdflatex_made(index, from, sizeof from);
    snprintf(to, sizeof to, "%s/%s", tmp, name);
    if (pdflatex_copy(from, to) == 0)
        return BP_EXIT_OK;
    int why = errno;
    fprintf(stderr, "%s: cannot write '%s/%s': %s\n", app_progname, dir,
            name, strerror(why));
    return why == ENOMEM ? BP_EXIT_NOMEM : BP_EXIT_IO;
}

int app_pdf_roster(const char *tmp, const char *dir, const bp_roster *roster,
                   bool two_sided)
{
    int *made = malloc(2 * (size_t)(roster->n ? roster->n : 1) *
                       sizeof *made);
    if (!made) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    int rc = pdflatex_open();
    /* each student's worksheet (made[2i]) and key (made[2i + 1]) */
    for (int i = 0; i < roster->n && rc == BP_EXIT_OK; i++) {
        const bp_student *s = &roster->students[i];
        for (int k = 0; k < 2 && rc == BP_EXIT_OK; k++) {
            const char *tex = k ? s->key : s->worksheet; /* ID.key.tex */
            char src[8192], who[BP_STUDENT_ID_MAX + 96];
            char base[sizeof s->key], pdf[sizeof s->key + 8];
            snprintf(src, sizeof src, "%s/%s", tmp, tex);
            snprintf(who, sizeof who, "the %s of student '%s' (line %d of "
                     "the roster)", k ? "key" : "worksheet", s->id,
                     s->pos.line);
            snprintf(base, sizeof base, "%.*s",
                     (int)(strlen(tex) - strlen(".tex")), tex);
            snprintf(pdf, sizeof pdf, "%s.pdf", base);
            rc = pdflatex_sheet(src, who, base, &made[2 * i + k]);
            if (rc == BP_EXIT_OK)
                rc = deliver(made[2 * i + k], tmp, dir, pdf);
        }
    }
    /* the class PDFs: every worksheet, then every key */
    static const struct {
        const char *who, *keep, *name;
    } books[] = {
        {"the class PDF of the worksheets", "all-worksheets",
         APP_PDF_ALL_WORKSHEETS},
        {"the class PDF of the keys", "all-keys", APP_PDF_ALL_KEYS},
    };
    for (int k = 0; k < 2 && rc == BP_EXIT_OK && roster->n > 0; k++) {
        int all = 0;
        rc = pdflatex_combine(made + k, roster->n, 2, two_sided,
                              books[k].who, books[k].keep, &all);
        if (rc == BP_EXIT_OK)
            rc = deliver(all, tmp, dir, books[k].name);
    }
    pdflatex_close();
    free(made);
    return rc;
}

/* ---- one worksheet ---- */

/* NAME of .../NAME.tex, for the kept files. */
static void keep_name(const char *tex_path, char *keep, size_t size)
{
    const char *slash = strrchr(tex_path, '/');
    const char *name = slash ? slash + 1 : tex_path;
    snprintf(keep, size, "%.*s", (int)(strlen(name) - strlen(".tex")),
             name);
    if (!keep[0])
        snprintf(keep, size, "sheet");
}

int app_pdf_single(const char *tex_path, const char *pdf_path,
                   const char *what, int (*emit)(const void *, FILE *),
                   const void *arg)
{
    /* Both destinations opened first (a bad one is found before pdflatex
     * runs) and committed together at the end, so that the .tex and the
     * .pdf arrive only together. */
    bp_output tex_out, pdf_out;
    int rc = app_output_open(&tex_out, tex_path);
    if (rc != BP_EXIT_OK)
        return rc;
    if ((rc = app_output_open(&pdf_out, pdf_path)) != BP_EXIT_OK) {
        bp_output_abort(&tex_out);
        return rc;
    }
    if ((rc = pdflatex_open()) != BP_EXIT_OK) {
        bp_output_abort(&tex_out);
        bp_output_abort(&pdf_out);
        return rc;
    }
    char input[PDFLATEX_PATH_MAX], keep[256];
    pdflatex_path("input.tex", input, sizeof input);
    keep_name(tex_path, keep, sizeof keep);
    FILE *f = fopen(input, "wx");
    int emitted = f ? emit(arg, f) : -1;
    int e = errno;
    if (f && ferror(f) && emitted == 0)
        emitted = -1;
    if (f && fclose(f) != 0 && emitted == 0) {
        emitted = -1;
        e = errno;
    }
    if (emitted == -2) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        rc = BP_EXIT_NOMEM;
    } else if (emitted != 0) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", app_progname, input,
                strerror(e ? e : EIO));
        rc = BP_EXIT_IO;
    }
    int index = 0;
    if (rc == BP_EXIT_OK)
        rc = pdflatex_sheet(input, what, keep, &index);
    /* The .tex pdflatex read and the PDF it made, into the outputs opened
     * above, both committed or neither */
    int copied = -1;
    if (rc == BP_EXIT_OK) {
        char made[PDFLATEX_PATH_MAX];
        pdflatex_made(index, made, sizeof made);
        copied = pdflatex_copy_into(input, tex_out.fp) == 0 &&
                         pdflatex_copy_into(made, pdf_out.fp) == 0 &&
                         fflush(tex_out.fp) == 0 && fflush(pdf_out.fp) == 0
                     ? 0
                     : -1;
    }
    pdflatex_close();
    if (rc != BP_EXIT_OK) {
        bp_output_abort(&tex_out);
        bp_output_abort(&pdf_out);
    } else if (copied != 0) { /* neither arrives */
        rc = app_output_close(&tex_out, tex_path, copied);
        bp_output_abort(&pdf_out);
    } else if ((rc = app_output_close(&tex_out, tex_path, 0)) == BP_EXIT_OK) {
        rc = app_output_close(&pdf_out, pdf_path, 0);
    } else {
        bp_output_abort(&pdf_out);
    }
    return rc;
}
