/* check_internal.h: what an answers file holds once read (the library's
 * own parts read it; a library user sees bp_answers as an opaque type,
 * bptrace/check.h). */
#ifndef BP_CHECK_INTERNAL_H
#define BP_CHECK_INTERNAL_H

#include "bptrace/check.h"
#include "trace/trace_internal.h"

struct bp_answers {
    char *file;
    char *student;             /* NULL when the file gives none */
    bp_answer *answers;
    int n;
    bp_pos student_pos;        /* of the student's id, or {0, 0} */
    bp_error *problems;        /* what could not be read, item by item, in
                                  the file's order (with the source line) */
    int n_problems;            /* kept in problems */
    int n_more_problems;       /* found beyond BP_ANSWERS_PROBLEMS_MAX */
    char *source;              /* the file's text, for the lines of later
                                  problems; NUL-terminated */
    size_t source_len;
};

#endif
