/* markup.h: one renderer for the formats that mark prose up and write
 * their math in TeX (LaTeX, Markdown): markup.c lays out the walk's
 * events, each format gives a table of the strings it marks things with,
 * its escape for prose and its drawing of the network (latex.c,
 * markdown.c).  A new format of this kind is one file with one table. */
#ifndef BP_MARKUP_H
#define BP_MARKUP_H

#include "render/text.h"

/* A blank in TeX math: a line to write the number on. */
#define TEX_BLANK "\\underline{\\hspace{3em}}"

typedef struct bp_tex bp_tex;

/* How a derivation's steps are written: the first after its label, or
 * after "lhs =" (formats of lhs and step); each later step that is not
 * the one before again run on (" = step") when compact or labelled, else
 * on a row of its own (a format of the step).  bp_markup_chain writes
 * them, without a line end. */
typedef struct {
    const char *labelled, *unlabelled, *row;
} bp_chain_form;
void bp_markup_chain(FILE *out, const bp_chain *ch, bool compact,
                     const bp_chain_form *form);

/* A table's columns, one letter each: l left, r right, p a paragraph
 * (the notes), as indexes into bp_markup's col and rule strings. */
enum { MARKUP_LEFT = 0, MARKUP_RIGHT, MARKUP_PARAGRAPH, MARKUP_ALIGNS };

typedef struct {
    /* Lesson text as prose of the format. */
    void (*escape)(FILE *out, const char *s);
    /* The network (the walk's FIGURE). */
    void (*figure)(bp_tex *x);
    const char *bar;            /* '|' in math in a table cell, or NULL */

    const char *preamble;       /* around a document (not a fragment) */
    const char *postamble;
    /* the header: title, source, description, how numbers are written */
    const char *title_open, *source_open, *source_close;
    const char *description_open, *description_close;
    const char *numbers_open, *numbers_close;
    const char *warning;        /* the sequential mistake, whole */
    const char *heading_open[2]; /* a heading of level 2 and 3 */
    const char *heading_close;
    const char *given_heading_after;
    /* a line of givens: first of a case or a step, and the others */
    const char *givens_open, *scoped_givens_open, *givens_close;
    const char *note_open, *note_close; /* the lesson's remark on eta */
    const char *para_open, *para_close;
    const char *lead_open, *lead_close; /* "Hidden layer, unit 4:" */
    const char *math_open, *math_close; /* an aligned derivation */
    /* A worksheet laid out for print (NULL: as the trace): the preamble,
     * a printf format taking the paper ("a4paper"); a blank, as big as
     * handwriting also in an exponent; each derivation as a block no page
     * break splits, its lines broken where they must; `space` lines of
     * room to work under a blank one. */
    const char *sheet_preamble;
    const char *sheet_blank;
    const char *sheet_blank_exp; /* in an exponent (NULL: as sheet_blank) */
    const char *sheet_keep;     /* after a unit's heading: no page break
                                   before its first derivation */
    void (*sheet_chain)(FILE *out, const bp_chain *ch, bool compact,
                        bool blank, int space);
    /* The trace's derivation between math_open and math_close, its rows
     * broken to the page's width (NULL: the rows as they are). */
    void (*display_chain)(FILE *out, const bp_chain *ch, bool compact);
    const char *interpretation_open;   /* closed by para_close */
    const char *erratum_open, *erratum_close;
    /* tables: begin with the columns' specs, a row of cells, the rule
     * under the header row, end */
    const char *table_open, *col[MARKUP_ALIGNS], *table_open_close;
    const char *row_open, *cell_first, *cell_sep, *cell_close, *row_close;
    const char *rule_open, *rule[MARKUP_ALIGNS], *rule_close;
    const char *table_close;
    /* rows of a table that fit a page: a longer one is closed and opened
     * again, its header repeated, after each so many (0: no limit) */
    int table_page_rows;
    const char *list_open, *item_open, *list_close;
} bp_markup;

extern const bp_markup bp_markup_latex;
/* LaTeX's display_chain (latex_rows.c). */
void latex_display_chain(FILE *out, const bp_chain *ch, bool compact);
extern const bp_markup bp_markup_markdown;
/* The markup table of format f (format.c); NULL for one that is not a
 * markup format. */
const bp_markup *markup_of(bp_render_format f);

/* The handlers of bp_walk's events, with a markup context. */
struct bp_tex {
    bp_text c;            /* the trace, numbers, blanks; st is TeX's */
    const bp_markup *m;
    bool fragment;        /* the body only */
    /* a worksheet laid out for print (the markup's sheet_*): the paper
     * ("a4paper"), or NULL for the trace's layout; lines to work in */
    const char *paper;
    int space;
};

/* "x_{1} = 1" for a given, in TeX math (no $). */
void tex_given(bp_text *c, const bp_quantity *q, FILE *out);

bp_status markup_on_event(const bp_walk_event *e, void *ctx);
/* A paragraph: LEAD in bold (its markup), then TEXT escaped. */
void markup_lead(const bp_tex *x, const char *lead, const char *text);
/* A worksheet's instructions after the header: "Worksheet: ...". */
void markup_instructions(const bp_tex *x, const char *what, const char *todo,
                         const char *kinds);
/* What follows the last event: the postamble unless a fragment. */
void markup_end(const bp_tex *x);
/* The trace in markup m: the whole walk, then markup_end. */
bp_status markup_render(const bp_trace *t, const bp_render_options *opt,
                        const bp_markup *m, bool fragment, FILE *out);

#endif
