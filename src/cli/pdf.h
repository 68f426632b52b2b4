/* pdf.h: worksheets as PDFs through pdflatex (worksheet --pdf). */
#ifndef BP_PDF_H
#define BP_PDF_H

#include "bptrace.h"
#include "cli/options.h"

#include <stdbool.h>
#include <stdio.h>

/* worksheet --pdf's arguments: --format latex, no --fragment; one
 * worksheet needs -o NAME.tex (or NAME.pdf), which becomes a->output
 * NAME.tex and a->pdf_output NAME.pdf (names[0] and names[1], to free),
 * both checked against the inputs; --two-sided goes with --roster.
 * Without pdflatex on PATH, *missing is set and a->pdf cleared: the .tex
 * files only.  0, or the exit code after saying what is wrong. */
int app_pdf_args(bp_cli_args *a, bool *missing, char *names[2]);

/* The one line said when --pdf finds no pdflatex: the .tex files were
 * written, the PDFs were not. */
void app_pdf_say_missing(void);

/* One worksheet or key: what `emit` writes (a LaTeX document) through
 * pdflatex; then tex_path and pdf_path, each whole or not at all, both
 * only when pdflatex made the PDF.  `what` names it in messages ("the
 * worksheet").  The exit code. */
int app_pdf_single(const char *tex_path, const char *pdf_path,
                   const char *what, int (*emit)(const void *, FILE *),
                   const void *arg);

/* A roster's directory `tmp` (renamed to `dir` when complete) holds each
 * student's ID.worksheet.tex and ID.key.tex: add ID.worksheet.pdf,
 * ID.key.pdf, all-worksheets.pdf and all-keys.pdf (each student from a
 * new page; from an odd one when two_sided).  The exit code. */
int app_pdf_roster(const char *tmp, const char *dir, const bp_roster *roster,
                   bool two_sided);

/* The names of the class PDFs in a roster's directory. */
#define APP_PDF_ALL_WORKSHEETS "all-worksheets.pdf"
#define APP_PDF_ALL_KEYS "all-keys.pdf"

#endif
