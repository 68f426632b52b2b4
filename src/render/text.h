/* text.h: what the text renderers share: layout (derivations, wrapped
 * paragraphs, tables), the header, number cells and errata notes. */
#ifndef BP_TEXT_H
#define BP_TEXT_H

#include "bptrace/render.h"
#include "write/walk.h"

#define TEXT_NUM 64
#define TEXT_CELL 1024
#define TEXT_COLS 8
#define TEXT_LINE 78 /* columns a wrapped paragraph may take */

/* Everything a text renderer writes with. */
typedef struct {
    const bp_trace *t;
    const bp_lesson *l;
    const bp_style *st;
    bp_numfmt nf;
    FILE *out;
    /* a worksheet: quantity i is left blank when blanks[i], written as
     * `blank`; the network is drawn after the givens when `figure` */
    const bool *blanks;
    const char *blank;
    const char *blank_exp; /* a blank in an exponent (NULL: as blank) */
    bool figure;
    bool worksheet;   /* no example numbers in the header either */
    /* a worksheet's key: quantity i was a blank on the worksheet when
     * marks[i]; its number is marked (bold) where a format can (NULL:
     * none) */
    const bool *marks;
} bp_text;

typedef struct {
    char cell[TEXT_COLS][TEXT_CELL];
} text_row;

/* A text renderer's context for a trace and options; its writer (for
 * bp_derive) is text_writer(c). */
void text_init(bp_text *c, const bp_trace *t, const bp_render_options *opt,
               FILE *out);
bp_writer text_writer(const bp_text *c);

/* Columns a UTF-8 string takes: one per code point. */
int text_width(const char *s);
void text_pad(FILE *out, int n);
/* lhs = step = step ...: in full, one step a line, or compact on one. */
void text_chain(bp_text *c, const bp_chain *ch, bool compact);
const char *text_val(bp_text *c, const bp_quantity *q, char *buf);
const bp_quantity *text_in(bp_text *c, const bp_quantity *q, int i);
void text_symbol(bp_text *c, const bp_quantity *q, char *buf, size_t size);
/* The lesson's errata, with the reasons. */
void text_errata(bp_text *c);
void text_heading(bp_text *c, const char *text);
/* Paragraph text wrapped at TEXT_LINE columns: `first` before the first
 * line, `indent` before the others. */
void text_wrap(FILE *out, const char *first, const char *indent,
               const char *text);
void text_wrapped(bp_text *c, const char *first, const char *indent,
                  const char *text);
/* How the numbers are written, a sentence or two into profile. */
const char *text_numbers(const bp_text *c, char *profile, size_t size);
/* Title, source, description, and how the numbers are written. */
void text_header(bp_text *c, const char *description);
/* A table cell: in hand mode every digit of q's precision (0.200 beside
 * 0.192); signed with + or -. */
void text_cell(bp_text *c, double value, const bp_quantity *q, char *buf);
void text_signed_cell(bp_text *c, const bp_quantity *q, char *buf);
/* n rows of `cols` cells (cells[row * cols + col]), columns aligned, the
 * first to the left; BP_OK, or BP_ERR_NOMEM. */
bp_status text_grid(bp_text *c, const char *const *cells, int n, int cols);
/* The same from text_rows of at most TEXT_COLS cells. */
bp_status text_rows(bp_text *c, const text_row *rows, int n, int cols);

/* Whether q is a worksheet's blank. */
bool text_blank(const bp_text *c, const bp_quantity *q);
/* The network drawn as `bptrace show` draws it (show.c). */
void text_figure(bp_text *c);

/* The text renderer's handler of the walk's events (render_text.c), for
 * bp_walk with a bp_text as ctx. */
bp_status text_on_event(const bp_walk_event *e, void *ctx);

#endif
