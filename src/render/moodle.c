/* moodle.c: a question bank in Moodle XML: per variant a Cloze (embedded
 * answers) question, the worksheet with a NUMERICAL gap for each blank,
 * and, when asked, a numerical question per blank.  The question text is
 * HTML in CDATA, its formulas MathJax TeX \( ... \) (Moodle's MathJax
 * filter renders them). */
#include "render/lms.h"
#include "trace/trace_internal.h"

#include <stdlib.h>
#include <string.h>

/* {1:NUMERICAL:=CENTRE:TOLERANCE#right~*#wrong}: Moodle accepts a number
 * within TOLERANCE of CENTRE, the range [lo, hi].  The feedback is the
 * worked step; lms_worked keeps {, }, #, ~ and \\ out of it. */
static bp_status cloze_gap(const bp_lms_variant *v, const bp_quantity *q,
                           FILE *out, void *ctx)
{
    const bp_lms_bank *b = ctx;
    const bp_lms_answer *a = &v->answers[q - v->trace->q];
    char centre[64], tol[64], key[64], worked[4096], name[BP_NAME_MAX];
    lms_number((a->lo + a->hi) / 2, a->places, centre, sizeof centre);
    lms_number((a->hi - a->lo) / 2, a->places, tol, sizeof tol);
    lms_number(a->key, a->decimals, key, sizeof key);
    lms_worked(b, v, q, worked, sizeof worked);
    snprintf(name, sizeof name, "%s", q->name);
    lms_plain(name);
    /* the feedback names the quantity as `bptrace check` does */
    fprintf(out, "{1:NUMERICAL:=%s:%s#Right (%s). %s~*#The answer (%s) is "
                 "%s. %s}",
            centre, tol, name, worked, name, key, worked);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

/* Text into a string, for CDATA: the question is written in full before
 * it is wrapped. */
typedef struct {
    char *text;
    size_t len;
    FILE *fp;
} membuf;

static bp_status mem_open(membuf *m)
{
    m->text = NULL;
    m->len = 0;
    m->fp = open_memstream(&m->text, &m->len);
    return m->fp ? BP_OK : BP_ERR_NOMEM;
}

static bp_status mem_close(membuf *m)
{
    return fclose(m->fp) == 0 && m->text ? BP_OK : BP_ERR_NOMEM;
}

static void name_and_text(FILE *out, const char *name, const char *html)
{
    fputs("    <name><text>", out);
    lms_xml_escape(out, name);
    fputs("</text></name>\n    <questiontext format=\"html\"><text>", out);
    lms_cdata(out, html);
    fputs("</text></questiontext>\n", out);
}

static void general_feedback(FILE *out, const char *html)
{
    fputs("    <generalfeedback format=\"html\"><text>", out);
    lms_cdata(out, html);
    fputs("</text></generalfeedback>\n", out);
}

static bp_status cloze(const bp_lms_bank *b, const bp_lms_variant *v,
                       FILE *out)
{
    membuf m;
    if (mem_open(&m) != BP_OK)
        return BP_ERR_NOMEM;
    bp_status rc = lms_question_html(b, v, cloze_gap, (void *)b, m.fp);
    if (mem_close(&m) != BP_OK && rc == BP_OK)
        rc = BP_ERR_NOMEM;
    if (rc != BP_OK) {
        free(m.text);
        return rc;
    }
    char name[512], variant[128], cmd[512];
    snprintf(name, sizeof name, "%s: %s", b->lesson,
             lms_variant_name(v, variant, sizeof variant));
    fputs("  <question type=\"cloze\">\n", out);
    name_and_text(out, name, m.text);
    /* HTML escaping keeps "]]>" out of the CDATA */
    fputs("    <generalfeedback format=\"html\"><text><![CDATA[<p>Worked "
          "in full: <code>", out);
    lms_xml_escape(out, lms_trace_command(b, v, cmd, sizeof cmd));
    fputs("</code></p>]]></text></generalfeedback>\n", out);
    fputs("    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n",
          out);
    fputs("  </question>\n", out);
    free(m.text);
    return BP_OK;
}

/* givens: the variant's header and givens, as HTML. */
static bp_status numerical(const bp_lms_bank *b, const bp_lms_variant *v,
                           const bp_quantity *q, const char *givens, FILE *out)
{
    membuf m;
    if (mem_open(&m) != BP_OK)
        return BP_ERR_NOMEM;
    fputs(givens, m.fp);
    bp_status rc = lms_find_html(b, v, q, m.fp);
    if (mem_close(&m) != BP_OK && rc == BP_OK)
        rc = BP_ERR_NOMEM;
    if (rc != BP_OK) {
        free(m.text);
        return rc;
    }
    const bp_lms_answer *a = &v->answers[q - v->trace->q];
    char name[512], variant[128], centre[64], tol[64], worked[4096];
    snprintf(name, sizeof name, "%s: %s: %s", b->lesson,
             lms_variant_name(v, variant, sizeof variant), q->name);
    lms_worked(b, v, q, worked, sizeof worked);
    lms_number((a->lo + a->hi) / 2, a->places, centre, sizeof centre);
    lms_number((a->hi - a->lo) / 2, a->places, tol, sizeof tol);
    fputs("  <question type=\"numerical\">\n", out);
    name_and_text(out, name, m.text);
    general_feedback(out, worked);
    fputs("    <defaultgrade>1</defaultgrade>\n"
          "    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n",
          out);
    fprintf(out, "    <answer fraction=\"100\" format=\"moodle_auto_format\">"
                 "<text>%s</text>\n      <tolerance>%s</tolerance>\n"
                 "      <feedback format=\"html\"><text>",
            centre, tol);
    lms_cdata(out, worked);
    fputs("</text></feedback>\n    </answer>\n"
          "    <unitgradingtype>0</unitgradingtype>\n"
          "    <unitpenalty>0.1</unitpenalty>\n"
          "    <showunits>3</showunits>\n    <unitsleft>0</unitsleft>\n"
          "  </question>\n",
          out);
    free(m.text);
    return BP_OK;
}

/* A numerical question for each blank of the variant. */
static bp_status numericals(const bp_lms_bank *b, const bp_lms_variant *v,
                            FILE *out)
{
    membuf g;
    if (mem_open(&g) != BP_OK)
        return BP_ERR_NOMEM;
    bp_status rc = lms_question_html(b, v, NULL, NULL, g.fp);
    if (mem_close(&g) != BP_OK && rc == BP_OK)
        rc = BP_ERR_NOMEM;
    for (int k = 0; rc == BP_OK && k < v->trace->n; k++)
        if (v->answers[k].asked)
            rc = numerical(b, v, &v->trace->q[k], g.text, out);
    free(g.text);
    return rc;
}

bp_status bp_render_moodle(const bp_lms_bank *b, FILE *out)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n", out);
    fputs("  <question type=\"category\">\n    <category><text>", out);
    char category[256];
    lms_ident(b->lesson, category, sizeof category);
    fprintf(out, "$course$/bptrace/%s", category);
    fputs("</text></category>\n  </question>\n", out);
    for (int i = 0; i < b->n; i++) {
        const bp_lms_variant *v = &b->variants[i];
        bp_status rc = cloze(b, v, out);
        if (rc == BP_OK && b->numerical)
            rc = numericals(b, v, out);
        if (rc != BP_OK)
            return rc;
    }
    fputs("</quiz>\n", out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
