/* lms.h: question banks for a course's learning management system: a
 * lesson's variants as Moodle XML (moodle.c) or a QTI 1.2 package
 * (qti.c), and what the two writers share (lms.c).  The ranges each
 * answer accepts are chosen above this part (class/lms_bank.c), which
 * knows the classic mistakes; the writers only lay them out. */
#ifndef BP_LMS_H
#define BP_LMS_H

#include "bptrace/render.h"

#include <stdint.h>

/* A number the student finds, and the range of numbers that pass. */
typedef struct {
    bool asked;        /* the quantity is a blank on its own line */
    double key;        /* the key's number (hand; exact without a profile) */
    double calculator; /* the exact value rounded to the same decimals */
    int decimals;      /* the decimals the lesson asks for */
    double lo, hi;     /* the range that passes; lo <= key, calculator <= hi */
    int places;        /* decimals lo, hi and the tolerance are written with */
    const char *clash; /* a classic mistake inside the range (one range
                          cannot separate it), or NULL */
    double clash_value;
} bp_lms_answer;

/* One variant: the trace of the lesson drawn with `seed` (or the lesson's
 * own numbers when !varied) and, for each quantity i, answers[i]. */
typedef struct {
    bool varied;
    uint64_t seed;
    const bp_trace *trace;
    const bool *blank;           /* as bp_worksheet_blanks gives them */
    const bp_lms_answer *answers; /* trace->n of them */
} bp_lms_variant;

typedef struct {
    const char *lesson;          /* the name `bptrace trace` takes */
    const bp_lms_variant *variants;
    int n;
    bool numerical;              /* Moodle: one numerical question per
                                    blank too */
    bp_mode mode;                /* hand, or exact (no rounding profile) */
    int digits;                  /* exact mode's significant digits */
} bp_lms_bank;

/* Moodle XML: a category, then per variant a Cloze question (and with
 * bank->numerical a numerical question per blank). */
bp_status bp_render_moodle(const bp_lms_bank *bank, FILE *out);
/* A QTI 1.2 package: a ZIP of imsmanifest.xml and one assessment, a
 * section per variant, a numerical item per blank. */
bp_status bp_render_qti(const bp_lms_bank *bank, FILE *out);

/* ---- shared by the writers ---- */

/* Text as XML character data: & < > " escaped, a control character XML
 * does not allow (all but tab, newline, carriage return) as a space. */
void lms_xml_escape(FILE *out, const char *s);
/* Text inside <![CDATA[ ... ]]>, a "]]>" in it split across two, control
 * characters as lms_xml_escape writes them. */
void lms_cdata(FILE *out, const char *s);

/* Writes a gap for an asked quantity of the question text (Moodle: the
 * embedded answer). */
typedef bp_status (*lms_gap_fn)(const bp_lms_variant *v, const bp_quantity *q,
                          FILE *out, void *ctx);

/* The HTML of a variant's question: the header and what the numbers are
 * rounded to, the givens, the network (drawn in text), then each
 * derivation in MathJax TeX \( ... \), a blank one ending in gap's text.
 * With gap NULL, only the header and the givens, for the questions of a
 * single quantity (lms_find_html). */
bp_status lms_question_html(const bp_lms_bank *b, const bp_lms_variant *v,
                            lms_gap_fn gap, void *ctx, FILE *out);

/* An asked quantity's question on its own: find q, from its formula and
 * the numbers substituted (HTML, MathJax TeX). */
bp_status lms_find_html(const bp_lms_bank *b, const bp_lms_variant *v,
                        const bp_quantity *q, FILE *out);

/* The worked step, as feedback: "net_4 = x_1 w_14 + ... = -0.7", plain
 * ASCII (no characters that HTML or an embedded answer treats as
 * syntax). */
void lms_worked(const bp_lms_bank *b, const bp_lms_variant *v,
                const bp_quantity *q, char *buf, size_t size);

/* s with what an embedded answer or HTML reads as syntax ({ } # ~ \\ < >
 * & ") made plain: braces as parentheses, the others as spaces. */
char *lms_plain(char *s);

/* What an identifier, a file name or a category may hold: the letters,
 * digits, _ and - of a lesson's name (a path: its file's, without .yaml),
 * anything else as '_'. */
void lms_ident(const char *name, char *buf, size_t size);

/* The variant's name: "seed 17" or "the lesson's own numbers"; and the
 * command that traces it. */
const char *lms_variant_name(const bp_lms_variant *v, char *buf,
                             size_t size);
const char *lms_trace_command(const bp_lms_bank *b, const bp_lms_variant *v,
                              char *buf, size_t size);

/* A number of the range, with `places` decimals and never "-0". */
const char *lms_number(double x, int places, char *buf, size_t size);

#endif
