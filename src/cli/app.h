/* app.h: what every command of the bptrace program shares. */
#ifndef BP_APP_H
#define BP_APP_H

#include "bptrace.h"
#include "check/check_internal.h"
#include "class/class_internal.h"
#include "cli/options.h"
#include "cli/output.h"

#include <stdio.h>

extern const char app_progname[]; /* "bptrace", the start of every message */

/* The exit code for a library error: I/O, out of memory, or bad input. */
int app_exit_code(bp_status status);

/* file:line:column: message on standard error, then the line and a caret
 * under the column. */
void app_report(const bp_error *err);

/* An output that is written whole or not at all: `path`, or standard
 * output when NULL.  0, or the exit code after saying why not. */
int app_output_open(bp_output *out, const char *path);

/* Commit the output when what was written to it (`emitted`: 0, -1 a
 * failed write, -2 out of memory, as the renderers return) all went well;
 * otherwise throw it away.  The exit code. */
int app_output_close(bp_output *out, const char *path, int emitted);

/* What app_output_close takes for a library's bp_status: 0 for BP_OK, -2
 * out of memory, -1 any other failure to write. */
int app_emitted(bp_status status);

/* Writes what `emit` writes to `path` (standard output when NULL), whole
 * or not at all.  emit returns 0, -1 or -2, as the renderers do. */
int app_write_output(const char *path, int (*emit)(const void *, FILE *),
                     const void *arg);

/* The lesson a command names, found by name or path; NULL after reporting
 * why, with *rc the exit code. */
bp_lesson *app_load_lesson(const char *arg, int *rc);
/* The same with the training limits (bp_lesson_load_wide): train and
 * gradcheck. */
bp_lesson *app_load_training_lesson(const char *arg, int *rc);

/* The same, keeping the bytes that were read (*bytes, to free) when it
 * loads: what the lesson was, even when it came from a pipe or changed
 * since. */
bp_lesson *app_load_lesson_bytes(const char *arg, char **bytes, size_t *len,
                                 int *rc);

/* The text of the file the lesson was read from (from malloc), for the
 * HTML page to embed; NULL when it cannot be read again. */
char *app_read_source(const bp_lesson *lesson);

/* Make the lesson variant `seed` (bp_lesson_vary); 0, or the exit code
 * after reporting why not (variant.c). */
int app_vary_lesson(bp_lesson *lesson, uint64_t seed);

/* The lesson a command names, varied when the arguments give --seed, and
 * a network lesson when they give --gradients; NULL after reporting why,
 * with *rc the exit code. */
bp_lesson *app_load_variant(const bp_cli_args *a, int *rc);
/* The lesson's trace as the arguments ask (--sequential, --gradients; with
 * `judges` for check and quiz, --exact builds the exact trace with the hand
 * route beside it); NULL after reporting why, with *rc the exit code (the
 * lesson is the caller's to free). */
bp_trace *app_build_trace(const bp_cli_args *a, const bp_lesson *lesson,
                          bool judges, int *rc);

/* worksheet --roster FILE --output-dir DIR: a worksheet, its key and its
 * answers file for each student, as `opt` says, and the manifest
 * (app_roster.c).  The exit code. */
int app_write_roster(const bp_cli_args *a, const bp_worksheet_options *opt);
/* 0 when the worksheet `opt` describes leaves some quantity of the trace
 * blank; else a usage error saying so (a sheet with every number given
 * gives the key away), whose exit code it returns (cmd_worksheet.c). */
int app_worksheet_asks(const bp_cli_args *a, const bp_trace *trace,
                       const bp_worksheet_options *opt);

/* The commands, each in a file of its own (cmd_*.c): argc and argv are
 * what follows the command's name.  They return the exit code. */
int cmd_trace(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_worksheet(int argc, char **argv);
int cmd_step(int argc, char **argv);
int cmd_quiz(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_gradcheck(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
