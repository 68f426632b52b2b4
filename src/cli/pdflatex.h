/* pdflatex.h: pdflatex as a child process, in a private directory
 * (worksheet --pdf).  One directory at a time; every PDF made stays in it,
 * numbered, until it is closed. */
#ifndef BP_PDFLATEX_H
#define BP_PDFLATEX_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

/* Room for a path in the private directory. */
#define PDFLATEX_PATH_MAX (4096 + 64)

/* Whether pdflatex is on PATH (*found), and the time limit a run gets
 * (BPTRACE_PDF_TIMEOUT, seconds; 120 when unset).  0, or the usage
 * error's exit code after saying what is wrong with the variable. */
int pdflatex_prepare(bool *found);

/* Make the private directory (under $TMPDIR, else /tmp); until it is
 * closed a signal that ends the program stops pdflatex and removes it.
 * 0, or the exit code after saying why not. */
int pdflatex_open(void);
/* Remove it, unless a failure's .tex and .log are kept in it (the
 * message said where); nothing when it is not open. */
void pdflatex_close(void);

/* The path of `name` in it; "input.tex" is the caller's to write. */
void pdflatex_path(const char *name, char *path, size_t size);
/* The path of PDF `index` made by pdflatex_sheet or pdflatex_combine. */
void pdflatex_made(int index, char *path, size_t size);

/* The LaTeX document at `tex` through pdflatex: *index is the PDF made.
 * 0, or the exit code after naming `who` ("the key of student 'bob'
 * (line 2 of the roster)") and the log kept as KEEP.log. */
int pdflatex_sheet(const char *tex, const char *who, const char *keep,
                   int *index);

/* One PDF of the made PDFs sheets[0], sheets[stride], ... (count of
 * them): every page of each in order, each from a new page, from an odd
 * one when two_sided.  As pdflatex_sheet. */
int pdflatex_combine(const int *sheets, int count, int stride,
                     bool two_sided, const char *who, const char *keep,
                     int *index);

/* Copy a file's bytes to out; 0, or -1 with errno. */
int pdflatex_copy_into(const char *from, FILE *out);
/* Copy a file to a new one (never over an existing one); 0, or -1 with
 * errno, and nothing left at `to`. */
int pdflatex_copy(const char *from, const char *to);

#endif
