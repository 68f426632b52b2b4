/* walk.h: one walk over a trace, shared by the text, LaTeX and Markdown
 * renderers and the worksheets.
 *
 * The walk decides what is said and in which order: the header, the
 * givens, the figure, each part and unit, each derivation (from derive.c)
 * and what it means, the summary, the errata.  A renderer is a switch over
 * the events it is handed and only lays them out, so that every format
 * says the same things in the same order.
 */
#ifndef BP_WALK_H
#define BP_WALK_H

#include "write/derive.h"

typedef enum {
    BP_WALK_HEADER = 0,    /* title, source, description (text, or NULL),
                              numbers */
    BP_WALK_WARNING,       /* the trace makes the sequential mistake */
    BP_WALK_GIVEN_HEADING, /* "Given" (a network; an exercise's shared) */
    BP_WALK_GIVENS,        /* a line of givens: label (NULL in an
                              exercise), items; step and case_index say
                              whose they are in an exercise */
    BP_WALK_GIVEN_NOTE,    /* text: the lesson's remark on eta */
    BP_WALK_FIGURE,        /* the network (networks only) */
    BP_WALK_PART,          /* phase: a part of the derivation begins */
    BP_WALK_UNIT,          /* unit: its derivations follow; or
                              BP_WALK_SOFTMAX_LAYER */
    BP_WALK_CASE,          /* case_index: an exercise's case begins */
    BP_WALK_STEP,          /* step: an exercise's step begins */
    BP_WALK_DERIVATION,    /* q, chain, compact, blank */
    BP_WALK_EXPLAIN,       /* q, part: what its derivation means
                              (bp_explain) */
    BP_WALK_ERRATUM,       /* q, erratum: the lecture prints another
                              number for q here */
    BP_WALK_STEP_NOTE,     /* text: the note after an exercise's step */
    BP_WALK_SUMMARY,       /* rows: the summary table */
    BP_WALK_TABLE,         /* an exercise's comparison of its cases; text:
                              the heading of its notes column, or NULL */
    BP_WALK_CLOSING,       /* text: an exercise's closing paragraph */
    BP_WALK_ERRATA,        /* the lesson's errata, with the reasons */
    BP_WALK_PATHS,         /* rows: a sequential trace's numbers that
                              differ from the correct path's, each beside
                              it (before: the sequential trace's, after:
                              the correct trace's, change: NULL) */
    BP_WALK_KIND_COUNT
} bp_walk_kind;

/* A row of the summary table: a parameter, the output, its error or the
 * loss, before and after the update. */
typedef struct {
    const char *label;           /* "", "Output ", "Error ", "Loss " */
    const bp_quantity *before;   /* its symbol names the row */
    const bp_quantity *after;
    const bp_quantity *change;   /* after - before; NULL: kept fixed */
} bp_walk_row;

typedef struct {
    bp_walk_kind kind;
    const bp_quantity *q;
    const bp_chain *chain;       /* DERIVATION */
    bool compact;                /* DERIVATION: on one line in text */
    bool blank;                  /* DERIVATION: q is left for the student:
                                    the chain ends in the blank */
    bp_phase phase;              /* PART */
    int unit;                    /* UNIT */
    int step;                    /* STEP, GIVENS, STEP_NOTE; -1 none */
    int case_index;              /* CASE, GIVENS; -1 none */
    const char *label;           /* GIVENS: "Inputs", "Into unit 4" */
    const char *text;            /* HEADER, GIVEN_NOTE, STEP_NOTE, TABLE,
                                    CLOSING */
    const bp_quantity *const *items; /* GIVENS */
    int n_items;
    const bp_walk_row *rows;     /* SUMMARY, PATHS */
    int n_rows;
    const bp_erratum *erratum;   /* ERRATUM */
    int part;                    /* EXPLAIN: which paragraph */
} bp_walk_event;

typedef struct {
    /* How derivations are written: style, numbers, and a worksheet's
     * blanks (w->blank[i]: quantity i is the student's to find). */
    const bp_writer *w;
    /* A worksheet or its key: nothing that gives a number away
     * (interpretations, errata) is said. */
    bool worksheet;
} bp_walk_options;

/* The walk as a pull iterator: bp_walk_next hands out the next event,
 * valid until the next call, and NULL when the walk is done (or, with
 * bp_walk_status BP_ERR_NOMEM, out of memory).  Each event is made when
 * it is asked for: the whole walk is never held. */
typedef struct bp_walk_iter bp_walk_iter;
bp_walk_iter *bp_walk_start(const bp_trace *t, const bp_walk_options *o);
const bp_walk_event *bp_walk_next(bp_walk_iter *it);
bp_status bp_walk_status(const bp_walk_iter *it);
void bp_walk_free(bp_walk_iter *it);

/* Where an iterator is: bp_walk_tell before a bp_walk_next, and
 * bp_walk_seek later makes that bp_walk_next hand out the same event
 * again, without walking what comes before it. */
typedef struct {
    int stage;         /* what comes next (walk.c's cursor) */
    int i;             /* a network's quantity */
    int k, s, j;       /* an exercise's case, step, and quantity in it */
    bp_phase phase;    /* the part and unit whose headings are out */
    int unit;
    int skip;          /* events of that batch handed out already */
} bp_walk_mark;
bp_walk_mark bp_walk_tell(const bp_walk_iter *it);
void bp_walk_seek(bp_walk_iter *it, const bp_walk_mark *m);

/* Each event in order, handed to `emit` (a loop over the iterator);
 * stops at the first status but BP_OK `emit` returns and returns it;
 * BP_ERR_NOMEM when out of memory; BP_OK when done. */
typedef bp_status (*bp_walk_emit)(const bp_walk_event *e, void *ctx);
bp_status bp_walk(const bp_trace *t, const bp_walk_options *o,
                  bp_walk_emit emit, void *ctx);

/* What BP_WALK_PATHS's table shows, in a sentence, and what is said
 * instead when it has no row: the same words in every format. */
extern const char bp_walk_paths_note[];
extern const char bp_walk_paths_none[];

/* "Part 1: Forward Pass - Computing Activations", ... */
const char *bp_walk_part_title(bp_phase phase);
/* "Hidden layer", "Hidden layer 2", "Output layer". */
const char *bp_walk_layer_name(const bp_lesson *l, int layer, char *buf,
                               size_t size);
/* BP_WALK_UNIT's unit for the output layer of a softmax, worked together:
 * the largest net, the exponentials, their sum, the outputs. */
#define BP_WALK_SOFTMAX_LAYER (-2)
/* "Hidden layer, unit 4", "Output layer, softmax over units o1, o2". */
const char *bp_walk_unit_title(const bp_lesson *l, int unit, char *buf,
                               size_t size);
/* An exercise case's heading: its title, or "Case LABEL". */
const char *bp_walk_case_title(const bp_lesson *l, int case_index,
                               char *buf, size_t size);
/* The value of an exercise table's column in a case: the case's own
 * quantity, or one every case shares; NULL when there is none. */
const bp_quantity *bp_walk_table_value(const bp_trace *t, int column,
                                       int case_index);

/* What a derivation means, in a paragraph or two (a cross-entropy delta:
 * why it is t - o, then what its sign says): paragraph `part` of
 * bp_explain_count(q).  `m0` and `m1` go around each symbol, number or
 * formula ("$" in LaTeX, "" in text).  bp_explain_count is 0, and
 * bp_explain false, when q has nothing to explain (the walk asks). */
int bp_explain_count(const bp_quantity *q);
bool bp_explain(const bp_writer *w, const bp_quantity *q, int part,
                const char *m0, const char *m1, bp_str *out);

#endif
