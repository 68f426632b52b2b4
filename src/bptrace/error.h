/* bptrace/error.h: the library's status codes and error messages (util) */
#ifndef BPTRACE_ERROR_H
#define BPTRACE_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The export block (BP_API): the library is built with -fvisibility=hidden,
 * so only what is declared between push and pop is exported from
 * libbptrace.so (tests/test-exports.sh checks it). */
#pragma GCC visibility push(default)

#define BP_VERSION "0.1.0"


typedef enum {
    BP_OK = 0,
    BP_ERR_INPUT,   /* the lesson (or other input file) is invalid */
    BP_ERR_IO,      /* a file could not be read or written */
    BP_ERR_NOMEM,   /* an allocation failed */
    BP_ERR_NUMERIC  /* a value overflowed (not finite) */
} bp_status;

/* What a look-up that returns an index (of a unit, weight, label, quantity,
 * or a byte) returns when there is none: it is not a bp_status. */
#define BP_NOT_FOUND (-1)

/* A position in a source file; line and column are 1-based, 0 = unknown. */
typedef struct {
    int line;
    int column;
} bp_pos;

typedef struct {
    bp_status status;
    char file[256];        /* file the error is about, or "" */
    bp_pos pos;            /* where in it, or {0, 0} */
    char message[512];     /* one line, no trailing newline, no "file:line:" */
    char source_line[256]; /* the offending line of the file, or "" */
} bp_error;

/* Fill err (which may be NULL) and return status.  printf-style message. */
bp_status bp_error_set(bp_error *err, bp_status status, const char *file,
                       bp_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#pragma GCC visibility pop

#endif
