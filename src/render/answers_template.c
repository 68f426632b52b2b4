/* answers_template.c: an empty answers file for a lesson
 * (`bptrace check LESSON --template`), or a worksheet's, whose given
 * numbers are written `NAME: {given: NUMBER}`.
 *
 *   student: ""
 *   answers:
 *     # Forward pass
 *     # x_1*w14:        # x_1*w_14
 *     net_4:            # net_4 = x_1*w_14 + x_2*w_24 + x_3*w_34 + b_4
 *
 * Every quantity a student writes on a line of its own is a blank to fill
 * in; the others (products, e^-net, Delta w, ...) are commented out, to be
 * answered when wanted.  It loads as it is, and checks as all missing.
 */
#include "bptrace/render.h"
#include "render/answers_template.h"
#include "write/derive.h"

#include <string.h>

#define KEY_COLUMN 24 /* where the formula comments start, at least */

/* A comment's text on one line: a lesson's title may hold a newline. */
static void put_comment_text(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        fputc(*p < 0x20 || *p == 0x7F ? ' ' : *p, out);
}

/* Whether a name can be written as a plain YAML key. */
static bool plain_key(const char *name)
{
    if (!name[0] || strchr("-?:,[]{}#&*!|>'\"%@`", name[0]))
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p <= ' ' || *p == 0x7F || *p == ':' || *p == '#')
            return false;
    return true;
}

/* The key as written, and its width. */
int bp_report_key(FILE *out, const char *name)
{
    if (plain_key(name))
        return fprintf(out, "%s:", name);
    int n = fprintf(out, "\"");
    for (const char *p = name; *p; p++)
        n += fprintf(out, *p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
    return n + fprintf(out, "\":");
}

static int key_width(const char *name)
{
    int n = (int)strlen(name) + 1;
    if (!plain_key(name)) {
        n += 2;
        for (const char *p = name; *p; p++)
            n += *p == '"' || *p == '\\';
    }
    return n;
}

static const char *phase_heading(bp_phase phase)
{
    switch (phase) {
    case BP_PHASE_GIVEN: return "Given";
    case BP_PHASE_FORWARD: return "Forward pass";
    case BP_PHASE_ERROR: return "Error";
    case BP_PHASE_BACKWARD: return "Backward pass";
    case BP_PHASE_UPDATE: return "Updates";
    case BP_PHASE_VERIFY: return "Verification";
    case BP_PHASE_COUNT: break;
    }
    return "";
}

/* The heading of an exercise's group: its case, then its step. */
static void exercise_heading(FILE *out, const bp_exercise *x,
                             const bp_quantity *q, int *last_case,
                             int *last_step)
{
    if (q->case_index != *last_case && q->case_index >= 0) {
        const bp_case *c = &x->cases[q->case_index];
        fputs("\n  # ", out);
        if (c->title)
            put_comment_text(out, c->title);
        else
            fprintf(out, "Case %s", c->label);
        fputc('\n', out);
        *last_step = -1;
    }
    if (q->step != *last_step && q->step >= 0 && q->step < x->n_steps) {
        fputs(q->case_index >= 0 ? "  # " : "\n  # ", out);
        put_comment_text(out, x->steps[q->step].title);
        fputc('\n', out);
    }
    *last_case = q->case_index;
    *last_step = q->step;
}

bool bp_report_graded(const bp_trace *t, const bp_quantity *q)
{
    return !bp_qkind_is_given(q->kind) && bp_derive_standalone(t, q);
}

bp_status bp_report_template(const bp_trace *t, FILE *out)
{
    return bp_report_template_for(t, NULL, BP_MODE_HAND, 4, NULL, out);
}

/* How to check the file: a roster's student through the manifest, a
 * variant with its seed. */
static void put_check_command(FILE *out, const bp_lesson *l,
                              const char *student)
{
    if (student)
        fputs("# Then run: bptrace check --manifest manifest.yaml THIS-FILE\n",
              out);
    else if (l->is_variant)
        fprintf(out, "# Then run: bptrace check LESSON --seed %llu "
                     "THIS-FILE\n", (unsigned long long)l->seed);
    else
        fputs("# Then run: bptrace check LESSON THIS-FILE\n", out);
}

bp_status bp_report_template_for(const bp_trace *t, const bool *blank,
                                 bp_mode mode, int digits,
                                 const char *student, FILE *out)
{
    static char formula[1 << 16];
    bp_numfmt nf = {mode, digits};
    const bp_style *st = bp_style_get(true);
    const bp_lesson *l = t->lesson;

    fputs("# Answers for: ", out);
    put_comment_text(out, l->title);
    fputs("\n# Lesson: ", out);
    /* A roster's student gets the copy beside this file, which grading
     * uses, never the instructor's own path; the variant's seed is in the
     * manifest, not here (with it the key is one command away). */
    if (student && l->is_variant)
        fputs("lesson.yaml (the student's variant, in the manifest)", out);
    else if (student)
        fputs("lesson.yaml", out);
    else
        put_comment_text(out, l->file ? l->file : "");
    fputs("\n#\n"
          "# Write each number after its name as you worked it out, with\n"
          "# the digits you wrote (0.1180 or 0.118); leave a step you did\n"
          "# not do blank.  The lines that start with \"# NAME:\" are\n"
          "# optional: take out the \"# \" to have that number checked too.\n",
          out);
    put_check_command(out, l, student);
    bool any_given = false;
    for (int i = 0; blank && i < t->n; i++)
        any_given |= !blank[i] && bp_report_graded(t, &t->q[i]);
    if (any_given)
        fputs("# For a worksheet: the numbers marked {given: ...} are the\n"
              "# ones it gives; they earn nothing and count for nothing, so\n"
              "# leave them as they are and write the blanks' numbers.\n",
              out);
    /* an id (bp_student_id_valid) needs no escapes */
    fprintf(out, "student: \"%s\"\nanswers:\n", student ? student : "");

    int width = KEY_COLUMN;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (bp_qkind_is_given(q->kind))
            continue;
        int w = 2 + (bp_report_graded(t, q) ? 0 : 2) + key_width(q->name);
        if (w + 1 > width && w < 40)
            width = w + 1;
    }

    bp_phase last_phase = BP_PHASE_COUNT;
    int last_case = -2, last_step = -2;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (bp_qkind_is_given(q->kind))
            continue;
        if (l->exercise) {
            exercise_heading(out, l->exercise, q, &last_case, &last_step);
        } else if (q->phase != last_phase) {
            fprintf(out, "\n  # %s\n", phase_heading(q->phase));
            last_phase = q->phase;
        }
        bool graded = bp_report_graded(t, q);
        bool given = blank && graded && !blank[i]; /* the worksheet's */
        int col = fprintf(out, graded ? "  " : "  # ");
        col += bp_report_key(out, q->name);
        fputc(' ', out);
        col++;
        if (given) {
            char num[64];
            col += fprintf(out, "{given: %s} ",
                           bp_formula_value(&nf, q, num, sizeof num));
        }
        for (; col < width; col++)
            fputc(' ', out);

        bp_str s;
        bp_str_init(&s, formula, sizeof formula);
        if (q->sym.has) {
            bp_symbol_write(st, &q->sym, &s);
            bp_str_put(&s, " = ");
        }
        bp_formula_symbolic(st, t, q, &s);
        fputs("# ", out);
        put_comment_text(out, formula);
        fputc('\n', out);
    }
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
