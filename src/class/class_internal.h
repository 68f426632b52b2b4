/* class_internal.h: what a roster and a manifest hold once read (the
 * library's own parts read them; a library user sees bp_roster and
 * bp_manifest as opaque types, bptrace/class.h). */
#ifndef BP_CLASS_INTERNAL_H
#define BP_CLASS_INTERNAL_H

#include "bptrace/class.h"
#include "trace/trace_internal.h"

/* A roster (bp_roster_load) */
struct bp_roster {
    char *file;
    bp_student *students;
    int n;
};

/* A manifest (bp_manifest_load) */
struct bp_manifest {
    char *file;                /* the manifest's path */
    char *lesson;              /* the lesson's path, as the manifest gives
                                  it (relative to the manifest's directory) */
    char *lesson_path;         /* the lesson's path from here */
    char *source;              /* where the lesson came from, or NULL */
    bool has_sheet;            /* `blank:` (and `reveal:`) recorded */
    bp_sheet_kinds sheet;      /* what the worksheets leave blank */
    bp_student *students;
    int n;
};

#endif
