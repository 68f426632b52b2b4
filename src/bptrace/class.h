/* bptrace/class.h: variants of a lesson, rosters and manifests (class) */
#ifndef BPTRACE_CLASS_H
#define BPTRACE_CLASS_H

#include "bptrace/trace.h"

/* The export block (BP_API): the library is built with -fvisibility=hidden,
 * so only what is declared between push and pop is exported from
 * libbptrace.so (tests/test-exports.sh checks it). */
#pragma GCC visibility push(default)

/* Replace the lesson's given values, in place, by variant `seed`: new
 * inputs, weights, biases and targets of a network (an exercise: the
 * givens its `variants: given:` names), drawn as `variants:` says or by
 * the defaults, with an integer generator (splitmix64) that gives the same
 * numbers on every machine.  A draw that makes a poor exercise
 * (bp_variant_poor) is drawn again, a bounded number of times.  The
 * lecture's values and errata no longer apply and are dropped; the title
 * gets " (variant N)".  BP_ERR_INPUT for an exercise that states no
 * variants, or ranges from which no good draw comes. */
bp_status bp_lesson_vary(bp_lesson *lesson, uint64_t seed, bp_error *err);
/* The same, and the variant's trace (as bp_trace_build gives it), which
 * drawing has built anyway; NULL after filling err.  A lesson may be
 * varied again and again: each variant is drawn from the lesson's own
 * values, as if it had just been loaded (a roster loads it once). */
bp_trace *bp_lesson_vary_trace(bp_lesson *lesson, uint64_t seed,
                               bp_error *err);
/* A varied lesson's title names the student instead of the seed, "...
 * (variant for alice)", for the sheets a class is handed: with the seed
 * anyone could print the variant's key (worksheet --seed S --key); the
 * manifest keeps it. */
bp_status bp_lesson_variant_for(bp_lesson *lesson, const char *student,
                                bp_error *err);

/* Why a draw makes a poor exercise. */
typedef enum {
    BP_POOR_NONE = 0,
    BP_POOR_EQUAL,         /* two weights (an exercise: two givens drawn
                              from ranges) are equal */
    BP_POOR_ZERO_INPUTS,   /* every input is 0 */
    BP_POOR_SATURATED,     /* a unit's o is above 0.99 or below 0.01
                              (tanh: |o| above 0.99) */
    BP_POOR_ZERO_DELTA,    /* an error term rounds to 0 at the lesson's
                              precision for deltas */
    BP_POOR_COUNT
} bp_poor;

/* "two weights are equal", ... */
const char *bp_poor_name(bp_poor poor);
/* The rules that need only the lesson's values (checked first, cheaply). */
bp_poor bp_variant_poor_values(const bp_lesson *lesson);
/* The rules that need the trace of those values. */
bp_poor bp_variant_poor_trace(const bp_trace *trace);

/* A student's seed: FNV-1a 64 of the id's bytes; with a salt (NULL or ""
 * for none), of the salt's bytes, one 0 byte, then the id's. */
uint64_t bp_seed_from_id(const char *id, const char *salt);
/* A seed as written: a whole decimal number from 0 to 2^64 - 1. */
bool bp_seed_parse(const char *text, uint64_t *out);

#define BP_STUDENT_ID_MAX 64   /* bytes of an id, with its terminating 0 */

/* Whether an id is safe as the start of a file name in any directory:
 * letters, digits, '.', '_' and '-', not starting with '.' or '-', at
 * most BP_STUDENT_ID_MAX - 1 bytes.  *bad is the offset of the first
 * character that is not allowed (may be NULL). */
bool bp_student_id_valid(const char *id, size_t *bad);

#define BP_STUDENT_NAME_MAX 128 /* bytes of a display name, with its 0 */

typedef struct {
    char id[BP_STUDENT_ID_MAX];
    char name[BP_STUDENT_NAME_MAX]; /* the roster's display name, or "" */
    uint64_t seed;
    bp_pos pos;                /* in the roster or manifest */
    /* manifest only: the files written for the student */
    char worksheet[BP_STUDENT_ID_MAX + 32];
    char key[BP_STUDENT_ID_MAX + 32];
    char answers[BP_STUDENT_ID_MAX + 32];
} bp_student;

/* A roster: one student id per line, or `id,name` with a display name
 * after the first comma (UTF-8, no control characters, at most
 * BP_STUDENT_NAME_MAX - 1 bytes, spaces around it ignored); a first line
 * `id,name` is a CSV heading and skipped; blank lines and lines starting
 * with '#' are skipped, spaces around an id are ignored.  An id that is not
 * bp_student_id_valid, or the same as an earlier one (ignoring case, so
 * that no two file names clash on any file system), is an input error at
 * file:line:column.  Each student's seed is bp_seed_from_id(id, salt).
 * Opaque: the library's parts read it through class/class_internal.h. */
typedef struct bp_roster bp_roster;

bp_roster *bp_roster_load(const char *path, const char *salt, bp_error *err);
bp_roster *bp_roster_parse(const char *name, const char *data, size_t len,
                           const char *salt, bp_error *err);
void bp_roster_free(bp_roster *roster);
/* Its students in the file's order: how many, and student i (id, display
 * name, seed, position in the file; NULL outside 0 .. count - 1).  They
 * lie one after another: bp_roster_student(r, 0) and the count are an
 * array bp_manifest_write takes. */
int bp_roster_count(const bp_roster *roster);
const bp_student *bp_roster_student(const bp_roster *roster, int i);

/* The manifest of a roster's directory (manifest.yaml): the lesson the
 * worksheets were made from (a copy, beside the manifest) and, for each
 * student, the seed and the files (opaque: class/class_internal.h). */
typedef struct bp_manifest bp_manifest;

/* What a partial worksheet leaves blank (worksheet --blank, --reveal), as
 * the bits of bptrace/render.h's kinds. */
typedef struct {
    unsigned blank;            /* the kinds left blank */
    unsigned reveal;           /* kinds shown all the same; 0: none */
} bp_sheet_kinds;

/* Write a manifest: `lesson` is the copy's name beside it, `source` the
 * lesson the instructor named, `sheet` what the worksheets leave blank
 * (NULL: whole worksheets, nothing recorded).  BP_OK, or BP_ERR_IO when
 * writing failed. */
bp_status bp_manifest_write(const char *lesson, const char *source,
                            const bp_sheet_kinds *sheet,
                            const bp_student *students, int n, FILE *out);
/* What the manifest's worksheets leave blank, or NULL when it records
 * nothing (whole worksheets, or a manifest written before it was
 * recorded). */
const bp_sheet_kinds *bp_manifest_sheet(const bp_manifest *m);
bp_manifest *bp_manifest_load(const char *path, bp_error *err);
/* The student of that id (compared in any case, as a roster compares
 * ids), or NULL. */
const bp_student *bp_manifest_find(const bp_manifest *m, const char *id);
void bp_manifest_free(bp_manifest *manifest);
/* The lesson the manifest names, as a path from the current directory
 * (bp_lesson_load reads it); its students, as bp_roster_count and
 * bp_roster_student give a roster's (with the files written for each). */
const char *bp_manifest_lesson(const bp_manifest *manifest);
int bp_manifest_count(const bp_manifest *manifest);
const bp_student *bp_manifest_student(const bp_manifest *manifest, int i);

#pragma GCC visibility pop

#endif
