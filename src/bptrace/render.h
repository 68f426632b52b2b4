/* bptrace/render.h: a trace in text, JSON, LaTeX, Markdown, DOT; worksheets (render) */
#ifndef BPTRACE_RENDER_H
#define BPTRACE_RENDER_H

#include "bptrace/trace.h"

/* The export block (BP_API): the library is built with -fvisibility=hidden,
 * so only what is declared between push and pop is exported from
 * libbptrace.so (tests/test-exports.sh checks it). */
#pragma GCC visibility push(default)

typedef struct {
    bp_mode mode;
    int digits;     /* significant digits in exact mode */
    bool ascii;     /* text: plain ASCII instead of UTF-8 symbols */
    bool fragment;  /* LaTeX: the body only, no preamble */
    bool annotate;  /* DOT: each unit's net, o and delta, each edge's old
                       -> new weight */
    const char *source; /* HTML: the lesson's YAML, embedded so that the
                           page's quiz and edit modes can rebuild it; NULL:
                           the page shows the trace only */
} bp_render_options;

/* Each returns BP_OK; BP_ERR_IO when writing to out failed; BP_ERR_NOMEM
 * when out of memory. */
bp_status bp_render_text(const bp_trace *trace, const bp_render_options *opt,
                         FILE *out);
bp_status bp_render_json(const bp_trace *trace, const bp_render_options *opt,
                         FILE *out);
bp_status bp_render_show(const bp_lesson *lesson, bool ascii, FILE *out);
/* The same walk as the text: a LaTeX document (article, amsmath), or with
 * opt->fragment its body; GitHub Markdown with $...$ and $$...$$ math. */
bp_status bp_render_latex(const bp_trace *trace, const bp_render_options *opt,
                          FILE *out);
bp_status bp_render_markdown(const bp_trace *trace,
                             const bp_render_options *opt, FILE *out);
/* The network as a Graphviz graph: layers side by side, weights on the
 * edges (opt->annotate: the trace's numbers too).  BP_ERR_INPUT when the
 * lesson is an exercise, which has no network. */
bp_status bp_render_dot(const bp_trace *trace, const bp_render_options *opt,
                        FILE *out);
/* One self-contained HTML page: the walk with MathML formulas, the
 * network in SVG, and (opt->source given) the page's step, quiz and edit
 * modes; with opt->fragment the trace's HTML only, for the page's edit
 * mode to put in place. */
bp_status bp_render_html(const bp_trace *trace, const bp_render_options *opt,
                         FILE *out);

/* The formats a trace is written in: what varies by format is in one
 * table (render/format.c), one row a format. */
typedef enum {
    BP_RENDER_TEXT = 0,
    BP_RENDER_JSON,
    BP_RENDER_LATEX,
    BP_RENDER_MARKDOWN,
    BP_RENDER_DOT,
    BP_RENDER_HTML,
    BP_RENDER_FORMAT_COUNT
} bp_render_format;

/* The trace as a Python script that works the same iteration in float64
 * and checks itself against the trace's exact values (embedded in it):
 * numpy, unit by unit as the lecture writes it and then in matrix form;
 * or PyTorch, with autograd.  BP_OK, BP_ERR_IO, BP_ERR_NOMEM; BP_ERR_INPUT
 * when the lesson is an exercise, which has no network. */
bp_status bp_render_numpy(const bp_trace *trace, FILE *out);
bp_status bp_render_pytorch(const bp_trace *trace, FILE *out);

typedef struct {
    const char *name;      /* as --format writes it: "latex" */
    const char *extension; /* of a file in it, without the dot: "tex" */
    bool worksheet;        /* worksheets are written in it too */
    bool network_only;     /* it draws the network: no exercise lessons */
    bool fragment;         /* it takes bp_render_options.fragment */
    bool annotate;         /* it takes bp_render_options.annotate */
    bp_status (*render)(const bp_trace *trace, const bp_render_options *opt,
                        FILE *out);
} bp_render_format_info;

/* Format f's row. */
const bp_render_format_info *bp_render_format_about(bp_render_format f);
/* The format --format NAME names: BP_OK, or BP_ERR_INPUT for a name no
 * format has. */
bp_status bp_render_format_from_name(const char *name, bp_render_format *f);
/* The trace in format f: BP_OK, BP_ERR_IO, BP_ERR_NOMEM; BP_ERR_INPUT
 * for an exercise lesson in a format that draws a network. */
bp_status bp_render(const bp_trace *trace, bp_render_format f,
                    const bp_render_options *opt, FILE *out);

/* A worksheet is the trace with the quantities of chosen kinds left blank:
 * the givens and the network, then each derivation, a blank one with its
 * formula and the numbers substituted and a blank for its result; a number
 * that comes from a blank is blank wherever it is written.  Nothing that
 * gives a blank away is said (interpretations, errata, the description).
 * The kinds are those of the rounding profile, as bits 1u << bp_round_kind:
 * BP_WORKSHEET_ALL for all but the gradient view's, which only a trace
 * built with it has (BP_WORKSHEET_GRADIENT: name it, or add it to all). */
#define BP_WORKSHEET_ALL ((1u << BP_RK_GRADIENT) - 1)
#define BP_WORKSHEET_GRADIENT (1u << BP_RK_GRADIENT)

/* The page a LaTeX worksheet is laid out for. */
typedef enum { BP_PAPER_A4 = 0, BP_PAPER_LETTER } bp_paper;

typedef struct {
    bp_render_format format; /* one whose row says `worksheet` */
    unsigned blank;     /* the kinds left blank (bits); 0: none */
    unsigned reveal;    /* kinds shown even when worked out from a blank
                           (bits); 0: none, the default */
    bool key;           /* the answer key: the same, every blank filled */
    bp_mode mode;       /* the numbers, as bp_render_options (exact for a
                           lesson without a rounding profile) */
    int digits;         /* exact mode's significant digits; 0: 4 */
    bool ascii;         /* text: plain ASCII */
    bool fragment;      /* LaTeX: the body only */
    const char *student; /* a roster's student: the id in the sheet's
                            header, and the answers template's 'student:
                            ID' filled in; or NULL */
    const char *student_name; /* the roster's display name beside the id,
                                 or NULL or "" for none */
    bp_paper paper;     /* LaTeX: the page size; BP_PAPER_A4 the default */
    int space;          /* lines of room to work under each blank
                           derivation (LaTeX: ruled; text and Markdown:
                           empty); 0 none */
    const char *source; /* HTML: the lesson's YAML (bp_render_options) */
} bp_worksheet_options;

/* The worksheet, or with opt->key its answer key.  BP_OK; BP_ERR_IO when
 * writing failed; BP_ERR_NOMEM when out of memory; BP_ERR_INPUT for a
 * format without worksheets. */
bp_status bp_render_worksheet(const bp_trace *trace,
                              const bp_worksheet_options *opt, FILE *out);

/* The answers file `bptrace check` reads for the worksheet: each blank a
 * "NAME:" to fill in, and every other quantity a student writes on a line
 * of its own already filled in with the number the worksheet shows, so
 * that the worksheet's answers alone check as all right.  BP_OK,
 * BP_ERR_IO, BP_ERR_NOMEM. */
bp_status bp_worksheet_answers_template(const bp_trace *trace,
                                        const bp_worksheet_options *opt,
                                        FILE *out);

/* Which quantities the worksheet leaves blank: blank[i] for quantity i
 * (blank has room for bp_trace_count(trace)): those of the kinds, and
 * every quantity worked out from a blank but those of the kinds in
 * `reveal`. */
void bp_worksheet_blanks_shown(const bp_trace *trace, unsigned kinds,
                               unsigned reveal, bool *blank);
/* The same with nothing revealed. */
void bp_worksheet_blanks(const bp_trace *trace, unsigned kinds, bool *blank);

/* "net,delta" or "all" as kinds; the names are the rounding profile's (net,
 * exp, activation, derivative, product, sum, delta, weight_change,
 * new_weight, error) and o, change, new for short; output, signal, weight
 * as quiz --only names them.  BP_ERR_INPUT with the
 * valid names in err's message for an unknown one. */
bp_status bp_worksheet_parse_kinds(const char *text, unsigned *kinds,
                                   bp_error *err);
/* The kinds as a comma list of their names, into buf. */
const char *bp_worksheet_kind_list(unsigned kinds, char *buf, size_t size);

#pragma GCC visibility pop

#endif
