/* cmd_worksheet.c: `bptrace worksheet`: a lesson as a worksheet with
 * blanks, its answer key, or the answers file `bptrace check` reads for
 * it. */
#include "cli/app.h"
#include "cli/pdf.h"

#include <stdlib.h>
#include <string.h>

static int check_args(const bp_cli_args *a);

static const bp_cli_command worksheet_command = {
    "worksheet", bp_cli_worksheet_help_text,
    BP_OPT_EXACT | BP_OPT_DIGITS | BP_OPT_ASCII | BP_OPT_FORMAT |
        BP_OPT_DOCUMENT | BP_OPT_FRAGMENT | BP_OPT_WORKSHEET | BP_OPT_OUTPUT |
        BP_OPT_SEED | BP_OPT_ROSTER | BP_OPT_GRADIENTS,
    true, false, check_args};

typedef struct {
    const bp_trace *trace;
    const bp_worksheet_options *opt;
    bool answers_template;
} worksheet_job;

static int write_worksheet(const void *arg, FILE *out)
{
    const worksheet_job *job = arg;
    return app_emitted(
        job->answers_template
            ? bp_worksheet_answers_template(job->trace, job->opt, out)
            : bp_render_worksheet(job->trace, job->opt, out));
}

/* The rules no single option knows. */
static int check_args(const bp_cli_args *a)
{
    const bp_render_format_info *format =
        bp_render_format_about(a->render_format);
    if (!format->worksheet)
        return bp_cli_usage_error("a worksheet is text, latex, markdown or "
                                  "html, "
                                  "not %s", format->name);
    if (a->key && a->answers_template)
        return bp_cli_usage_error("--key and --answers-template write "
                                  "different files: one at a time");
    if (a->answers_template && a->render_format != BP_RENDER_TEXT)
        return bp_cli_usage_error("--answers-template writes the YAML "
                                  "answers file and takes no --format");
    if (a->fragment && !format->fragment)
        return bp_cli_usage_error("--fragment goes with --format latex");
    return 0;
}

static int write_worksheets(const bp_cli_args *args);

int app_worksheet_asks(const bp_cli_args *a, const bp_trace *trace,
                       const bp_worksheet_options *opt)
{
    int n = bp_trace_count(trace), asked = 0;
    bool *blank = malloc(((size_t)n + 1) * sizeof *blank);
    if (!blank) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        return BP_EXIT_NOMEM;
    }
    bp_worksheet_blanks_shown(trace, opt->blank, opt->reveal, blank);
    for (int i = 0; i < n; i++)
        asked += blank[i];
    free(blank);
    if (asked > 0)
        return 0;
    char list[512];
    return bp_cli_usage_error(
        "--blank %s leaves nothing blank in this lesson: the worksheet would "
        "give every number%s",
        a->blank ? a->blank : bp_worksheet_kind_list(opt->blank, list,
                                                     sizeof list),
        opt->blank & BP_WORKSHEET_GRADIENT && !a->gradients
            ? " (the gradients are on a sheet with --gradients)" : "");
}

int cmd_worksheet(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&worksheet_command, argc, argv, &a, &rc))
        return rc;
    bool no_pdflatex; /* --pdf: the .tex files only, and a warning */
    char *pdf_names[2];
    if ((rc = app_pdf_args(&a, &no_pdflatex, pdf_names)) == 0)
        rc = write_worksheets(&a);
    free(pdf_names[0]);
    free(pdf_names[1]);
    if (rc == 0 && no_pdflatex)
        app_pdf_say_missing();
    return rc;
}

/* The worksheet, or a roster's; the exit code. */
static int write_worksheets(const bp_cli_args *args)
{
    bp_cli_args a = *args;
    int rc;
    bp_worksheet_options opt = {
        .format = a.render_format,
        .blank = BP_WORKSHEET_ALL,
        .key = a.key,
        .digits = a.digits,
        .ascii = a.ascii,
        .fragment = a.fragment,
        .paper = a.paper && strcmp(a.paper, "letter") == 0 ? BP_PAPER_LETTER
                                                            : BP_PAPER_A4,
        .space = a.space,
    };
    bp_error err;
    if (a.blank && bp_worksheet_parse_kinds(a.blank, &opt.blank, &err))
        return bp_cli_usage_error("--blank: %s", err.message);
    if (a.roster && a.gradients)
        return bp_cli_usage_error("--gradients does not go with --roster");
    if (a.reveal && bp_worksheet_parse_kinds(a.reveal, &opt.reveal, &err))
        return bp_cli_usage_error("--reveal: %s", err.message);
    if (a.roster) /* a variant for each student (app_roster.c) */
        return app_write_roster(&a, &opt);
    if (a.output_dir || a.salt)
        return bp_cli_usage_error("%s goes with --roster",
                                  a.output_dir ? "--output-dir" : "--salt");
    bp_lesson *lesson = app_load_variant(&a, &rc);
    if (!lesson)
        return rc;
    /* --gradients: the gradient view's quantities, blank with all */
    if (a.gradients && opt.blank == BP_WORKSHEET_ALL)
        opt.blank |= BP_WORKSHEET_GRADIENT;
    bp_trace *trace = app_build_trace(&a, lesson, false, &rc);
    if (!trace) {
        bp_lesson_free(lesson);
        return rc;
    }
    opt.mode = a.exact || !trace->hand_rounding ? BP_MODE_EXACT : BP_MODE_HAND;
    if ((rc = app_worksheet_asks(&a, trace, &opt)) != 0) {
        bp_trace_free(trace);
        bp_lesson_free(lesson);
        return rc;
    }
    char *source = a.render_format == BP_RENDER_HTML ? app_read_source(lesson) : NULL;
    opt.source = source;
    worksheet_job job = {trace, &opt, a.answers_template};
    rc = a.pdf ? app_pdf_single(a.output, a.pdf_output,
                                a.key ? "the key" : "the worksheet",
                                write_worksheet, &job)
               : app_write_output(a.output, write_worksheet, &job);
    free(source);
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}
