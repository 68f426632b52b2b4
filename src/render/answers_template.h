/* answers_template.h: answers files written from a trace: the empty
 * template of `check --template` and a worksheet's answers file. */
#ifndef BP_ANSWERS_TEMPLATE_H
#define BP_ANSWERS_TEMPLATE_H

#include "bptrace/render.h"

/* An empty answers file for the trace's lesson: every quantity a student
 * writes on a line of its own as "  NAME:", with its formula in a comment,
 * grouped by phase (or step); the other quantities commented out.  BP_OK,
 * BP_ERR_IO. */
bp_status bp_report_template(const bp_trace *t, FILE *out);
/* The same for a worksheet (blank[i]: quantity i is left blank; NULL: all
 * are): a quantity the worksheet gives is filled in with its number as the
 * worksheet writes it, in `mode` (`digits` in exact mode); `student` (a
 * roster's, or NULL) is written as 'student: ID'. */
bp_status bp_report_template_for(const bp_trace *t, const bool *blank,
                                 bp_mode mode, int digits,
                                 const char *student, FILE *out);
/* A quantity's name as a key of an answers file ("NAME:", quoted when
 * YAML needs it: "delta_k(0.01)" is plain, "-x" is not); its width. */
int bp_report_key(FILE *out, const char *name);

/* Whether q is on every student's list: it is not given, and it stands on
 * a line of its own in the trace. */
bool bp_report_graded(const bp_trace *t, const bp_quantity *q);

#endif
