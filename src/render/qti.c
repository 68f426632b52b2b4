/* qti.c: a question bank as a QTI 1.2 package, what Canvas and Blackboard
 * import: a ZIP of imsmanifest.xml (IMS Content Packaging 1.1, one
 * resource of type imsqti_xmlv1p2) and the assessment it names:
 * assessment > section (a variant) > item (a blank), each item a
 * numerical question (response_str / render_fib, fibtype Decimal) that
 * gives full marks to the key or any number of its range
 * (resprocessing: varequal, or vargte and varlte). */
#include "render/lms.h"
#include "trace/trace_internal.h"
#include "util/zip.h"

#include <stdlib.h>
#include <string.h>

static void field(FILE *out, const char *label, const char *entry)
{
    fprintf(out, "            <qtimetadatafield><fieldlabel>%s</fieldlabel>"
                 "<fieldentry>%s</fieldentry></qtimetadatafield>\n",
            label, entry);
}

/* givens: the variant's header and givens, as HTML, the same for each of
 * its items. */
static bp_status item(const bp_lms_bank *b, const bp_lms_variant *v,
                      const bp_quantity *q, const char *givens, FILE *out)
{
    const bp_lms_answer *a = &v->answers[q - v->trace->q];
    char *html = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&html, &len);
    if (!mem)
        return BP_ERR_NOMEM;
    fputs(givens, mem);
    bp_status rc = lms_find_html(b, v, q, mem);
    if (fclose(mem) != 0 || !html) {
        free(html);
        return BP_ERR_NOMEM;
    }
    if (rc != BP_OK) {
        free(html);
        return rc;
    }
    char variant[128], id[256], key[64], lo[64], hi[64], worked[4096];
    lms_variant_name(v, variant, sizeof variant);
    lms_ident(q->name, id, sizeof id);
    lms_number(a->key, a->decimals, key, sizeof key);
    lms_number(a->lo, a->places, lo, sizeof lo);
    lms_number(a->hi, a->places, hi, sizeof hi);
    lms_worked(b, v, q, worked, sizeof worked);
    fprintf(out, "      <item ident=\"v%llu_q%d_%s\" title=\"",
            v->varied ? (unsigned long long)v->seed : 0ull,
            (int)(q - v->trace->q), id);
    lms_xml_escape(out, variant);
    fputs(": ", out);
    lms_xml_escape(out, q->name);
    fputs("\">\n        <itemmetadata>\n          <qtimetadata>\n", out);
    field(out, "question_type", "numerical_question");
    field(out, "points_possible", "1");
    fputs("          </qtimetadata>\n        </itemmetadata>\n"
          "        <presentation>\n"
          "          <material><mattext texttype=\"text/html\">",
          out);
    lms_xml_escape(out, html);
    free(html);
    fputs("</mattext></material>\n"
          "          <response_str ident=\"response1\" "
          "rcardinality=\"Single\">\n"
          "            <render_fib fibtype=\"Decimal\">"
          "<response_label ident=\"answer1\"/></render_fib>\n"
          "          </response_str>\n        </presentation>\n"
          "        <resprocessing>\n          <outcomes><decvar "
          "maxvalue=\"100\" minvalue=\"0\" varname=\"SCORE\" "
          "vartype=\"Decimal\"/></outcomes>\n"
          "          <respcondition continue=\"Yes\"><conditionvar><other/>"
          "</conditionvar><displayfeedback feedbacktype=\"Response\" "
          "linkrefid=\"general_fb\"/></respcondition>\n",
          out);
    fprintf(out, "          <respcondition continue=\"No\">\n"
                 "            <conditionvar>\n              <or>\n"
                 "                <varequal respident=\"response1\">%s"
                 "</varequal>\n                <and>\n"
                 "                  <vargte respident=\"response1\">%s"
                 "</vargte>\n"
                 "                  <varlte respident=\"response1\">%s"
                 "</varlte>\n                </and>\n              </or>\n"
                 "            </conditionvar>\n"
                 "            <setvar action=\"Set\" varname=\"SCORE\">100"
                 "</setvar>\n          </respcondition>\n"
                 "        </resprocessing>\n"
                 "        <itemfeedback ident=\"general_fb\"><flow_mat>"
                 "<material><mattext texttype=\"text/plain\">",
            key, lo, hi);
    lms_xml_escape(out, worked);
    fputs("</mattext></material></flow_mat></itemfeedback>\n"
          "      </item>\n",
          out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

static bp_status assessment(const bp_lms_bank *b, const char *ident,
                            FILE *out)
{
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<questestinterop xmlns=\"http://www.imsglobal.org/xsd/"
                 "ims_qtiasiv1p2\">\n  <assessment ident=\"a_%s\" title=\"",
            ident);
    lms_xml_escape(out, b->lesson);
    fputs("\">\n", out);
    for (int i = 0; i < b->n; i++) {
        const bp_lms_variant *v = &b->variants[i];
        char variant[128];
        fprintf(out, "    <section ident=\"variant_%d\" title=\"", i + 1);
        lms_xml_escape(out, lms_variant_name(v, variant, sizeof variant));
        fputs("\">\n", out);
        char *givens = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&givens, &len);
        if (!mem)
            return BP_ERR_NOMEM;
        bp_status rc = lms_question_html(b, v, NULL, NULL, mem);
        if (fclose(mem) != 0 || !givens)
            rc = rc != BP_OK ? rc : BP_ERR_NOMEM;
        for (int k = 0; rc == BP_OK && k < v->trace->n; k++)
            if (v->answers[k].asked)
                rc = item(b, v, &v->trace->q[k], givens, out);
        free(givens);
        if (rc != BP_OK)
            return rc;
        fputs("    </section>\n", out);
    }
    fputs("  </assessment>\n</questestinterop>\n", out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

static void manifest(const char *ident, const char *file, FILE *out)
{
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<manifest identifier=\"bptrace_%s\" "
            "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\">\n"
            "  <metadata>\n    <schema>IMS Content</schema>\n"
            "    <schemaversion>1.1.3</schemaversion>\n  </metadata>\n"
            "  <organizations/>\n  <resources>\n"
            "    <resource identifier=\"res_%s\" type=\"imsqti_xmlv1p2\" "
            "href=\"%s\">\n      <file href=\"%s\"/>\n    </resource>\n"
            "  </resources>\n</manifest>\n",
            ident, ident, file, file);
}

/* Each file is written to memory first: a stored ZIP entry needs its
 * size and CRC before its data. */
bp_status bp_render_qti(const bp_lms_bank *b, FILE *out)
{
    char ident[256], file[300];
    lms_ident(b->lesson, ident, sizeof ident);
    snprintf(file, sizeof file, "%s.xml", ident);
    char *xml = NULL, *man = NULL;
    size_t xml_len = 0, man_len = 0;
    FILE *mx = open_memstream(&xml, &xml_len);
    FILE *mm = mx ? open_memstream(&man, &man_len) : NULL;
    bp_status rc = mx && mm ? assessment(b, ident, mx) : BP_ERR_NOMEM;
    if (mm) {
        manifest(ident, file, mm);
        if (fclose(mm) != 0 || !man)
            rc = rc != BP_OK ? rc : BP_ERR_NOMEM;
    }
    if (mx && (fclose(mx) != 0 || !xml))
        rc = rc != BP_OK ? rc : BP_ERR_NOMEM;
    if (rc == BP_OK) {
        bp_zip z;
        bp_zip_init(&z, out);
        rc = bp_zip_add(&z, "imsmanifest.xml", man, man_len);
        if (rc == BP_OK)
            rc = bp_zip_add(&z, file, xml, xml_len);
        if (rc == BP_OK)
            rc = bp_zip_finish(&z);
        else
            bp_zip_free(&z);
    }
    free(xml);
    free(man);
    if (rc != BP_OK)
        return rc;
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
