/* report_csv.c: the CSV gradebook of `bptrace check --summary`.
 *
 *   student,file,score,max_score,net_4,o_4,...
 *   alice,hw/alice.yaml,38.5,41,1,1,...
 *
 * A row per answers file, a column per quantity of the lesson's graded
 * list with its credit (empty when missing, or given by the worksheet).  Fields are quoted as RFC
 * 4180 says (lines end in \n, which every CSV reader takes); a field a
 * spreadsheet would read as a formula (=, +, -, @ at its start) gets a '
 * first, since student ids are untrusted.
 */
#include "check/check_internal.h"
#include "check/report.h"

#include <string.h>

static void csv_field(FILE *out, const char *s)
{
    bool formula = strchr("=+-@\t\r", s[0]) && s[0];
    bool quote = formula || strpbrk(s, ",\"\n\r") || s[0] == ' ' ||
                 (s[0] && s[strlen(s) - 1] == ' ');
    if (!quote) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

bp_status bp_report_csv_header(const bp_trace *t, FILE *out)
{
    fputs("student,file,score,max_score", out);
    for (int i = 0; i < t->n; i++) {
        if (!bp_report_graded(t, &t->q[i]))
            continue;
        fputc(',', out);
        csv_field(out, t->q[i].name);
    }
    fputc('\n', out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

bp_status bp_report_csv_row(const bp_check_result *r, FILE *out)
{
    const bp_trace *t = r->trace;
    char num[64];
    csv_field(out, r->answers->student ? r->answers->student : "");
    fputc(',', out);
    csv_field(out, r->answers->file ? r->answers->file : "");
    fprintf(out, ",%s", bp_report_points(r->score, num, sizeof num));
    fprintf(out, ",%s", bp_report_points(r->max_score, num, sizeof num));
    /* Items and graded quantities both come in the trace's order: one
     * walk over each. */
    int k = 0;
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (!bp_report_graded(t, q))
            continue;
        fputc(',', out);
        while (k < r->n && r->items[k].q < q)
            k++;
        if (k < r->n && r->items[k].q == q &&
            r->items[k].verdict != BP_VERDICT_MISSING &&
            r->items[k].verdict != BP_VERDICT_GIVEN)
            fputs(bp_report_points(r->items[k].credit, num, sizeof num), out);
    }
    fputc('\n', out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

bp_status bp_report_csv_failed(const bp_trace *t, const char *student,
                               const char *file, FILE *out)
{
    csv_field(out, student ? student : "");
    fputc(',', out);
    csv_field(out, file);
    fputs(",,", out);
    for (int i = 0; i < t->n; i++)
        if (bp_report_graded(t, &t->q[i]))
            fputc(',', out);
    fputc('\n', out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
