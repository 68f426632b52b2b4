/* output.h: writing a result whole or not at all. */
#ifndef BP_OUTPUT_H
#define BP_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

/* A destination: a regular file, written through a temporary file in the
 * same directory and renamed into place on success (our own symlink is
 * followed and its target replaced; another user's symlink in a sticky
 * directory such as /tmp is refused; an existing file keeps its mode); a
 * device or pipe such as /dev/null, written in place; or standard
 * output. */
typedef struct {
    FILE *fp;
    char *path;     /* final path, or NULL for stdout and devices */
    char *tmp_path; /* the temporary file while it is being written */
    bool direct;    /* a device or pipe, opened as it is */
    bool refused;   /* open failed: another user's symlink in a sticky dir */
    int slot;       /* where the signal handler knows tmp_path, or -1 */
} bp_output;

/* Open path (or stdout when path is NULL or "-").  Returns 0, or -1 with
 * errno set. */
int bp_output_open(bp_output *o, const char *path);
/* Flush, sync, close and rename into place.  Returns 0, or -1 with errno
 * set; on failure nothing is left at path that was not there before. */
int bp_output_commit(bp_output *o);
/* Throw the temporary file away. */
void bp_output_abort(bp_output *o);

/* fclose(fp) after writing to it, `failed` or not: 0, or -1 with errno
 * set to the first error's (EIO when none was given) when the writing or
 * the close failed. */
int bp_close_checked(FILE *fp, bool failed);

#endif
