/* report.h: the reports of `bptrace check`.
 *
 * Renderers only: bp_check has judged every answer, and these write its
 * judgements down (text table, JSON, Gradescope's results.json, a CSV
 * gradebook row).  Each returns BP_OK; BP_ERR_IO when writing to out
 * failed; BP_ERR_NOMEM when out of memory, as bp_render_text does.
 */
#ifndef BP_REPORT_H
#define BP_REPORT_H

#include "check/check_internal.h"
#include "render/answers_template.h"

typedef struct {
    bool ascii;          /* text: plain ASCII instead of UTF-8 symbols */
    bool hide_expected;  /* gradescope: no expected values for students */
} bp_report_options;

/* The table of judgements, the score and the first wrong step, under a
 * heading that names the answers file and the student. */
bp_status bp_report_text(const bp_check_result *r,
                         const bp_report_options *opt, FILE *out);

/* One JSON object: {"file", "student", "score", "max_score",
 * "first_wrong", "items": [{"name", "status", "expected", "given",
 * "hint", "credit"}]}, without a newline after it: the caller ends the
 * line, or puts several in an array. */
bp_status bp_report_json(const bp_check_result *r, FILE *out);

/* Gradescope's results.json: a test per judgement. */
bp_status bp_report_gradescope(const bp_check_result *r,
                               const bp_report_options *opt, FILE *out);
/* The results.json of an answers file that did not load: score 0 and the
 * error, so that the student sees it on Gradescope. */
bp_status bp_report_gradescope_error(const bp_error *err, FILE *out);

/* The CSV gradebook: "student,file,score,max_score," then the name of
 * every quantity a student writes on a line of its own (bp_report_graded). */
bp_status bp_report_csv_header(const bp_trace *t, FILE *out);
/* One row: each quantity's credit, empty when missing or given. */
bp_status bp_report_csv_row(const bp_check_result *r, FILE *out);
/* The row of an answers file that was not graded: the student (NULL when
 * not known) and the file's name, nothing else. */
bp_status bp_report_csv_failed(const bp_trace *t, const char *student,
                               const char *file, FILE *out);


/* ---- shared by the reports (report_text.c) ---- */


/* The expected value as the trace writes it: to the quantity's precision
 * when rounding changed it, else as it is (-0.7).  Returns buf. */
const char *bp_report_expected(const bp_judgement *j, char *buf,
                               size_t size);

/* A number of points without noise: 38.5, 41, 0.5.  Returns buf. */
const char *bp_report_points(double x, char *buf, size_t size);

#endif
