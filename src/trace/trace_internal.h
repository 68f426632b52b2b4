/* trace_internal.h: what a trace and its quantities hold (the library's
 * own parts read them; a library user sees bp_trace and bp_quantity as
 * opaque types, bptrace/trace.h). */
#ifndef BP_TRACE_INTERNAL_H
#define BP_TRACE_INTERNAL_H

#include "bptrace/trace.h"
#include "lesson/lesson_internal.h"

/* How a quantity is written, in parts, so that no renderer has to guess
 * them back from text: Δ (delta_prefix) + base + subscript + "(new)". */
typedef enum {
    BP_GREEK_NONE = 0,
    BP_GREEK_DELTA,        /* δ */
    BP_GREEK_ETA,          /* η */
    BP_GREEK_SIGMA         /* σ */
} bp_greek;

/* The parts are strings held elsewhere: a quantity's in its trace's
 * string pool (bp_graph_add interns them), a symbol being made in its
 * maker's buffers or the lesson's.  None is NULL once set but sub2. */
typedef struct {
    const char *base;      /* "w", "net", "o", "E"; "'" after σ in σ' */
    const char *sub;       /* "46", "k", "10,4"; "" for none */
    /* a weight's symbol from bp_symbol_weight: sub and sub2 are its two
       subscripts, written joined (bp_symbol_sub); NULL for any other
       symbol, and for every quantity's (its sub is the joined one) */
    const char *sub2;
    /* a partial derivative: ∂num_base num_sub / ∂(the symbol above):
       ∂E/∂w₄₆, ∂o₆/∂net₆ */
    const char *num_base;
    const char *num_sub;
    bp_greek greek;        /* a Greek letter, written before `base` */
    bool has;              /* false: written as its formula instead */
    bool delta_prefix;     /* Δw₄₆ */
    bool new_value;        /* w₄₆(new), net₄(new) */
    bool partial;
} bp_symbol;

/* A block of the string pool: the names and symbol parts of a trace's
 * quantities, each as long as it is, so that a quantity is small. */
typedef struct bp_text_block {
    struct bp_text_block *next;
    size_t used, cap;
    char text[];
} bp_text_block;

struct bp_quantity {
    const char *name;      /* stable ASCII name: net_4, o_4, e^-net_4,
                              x_1*w14, delta_6, Delta_w46, w46_new, ... */
    bp_symbol sym;         /* how it is written: o₄, w₄₆, Δw₄₆, w₄₆(new);
                              none for what is written as its formula
                              (products, t - o, e^-net) */
    bp_qkind kind;
    bp_phase phase;
    int unit;              /* the unit it belongs to, or -1 */
    int weight;            /* the weight it belongs to, or -1 */
    bool bias;             /* it belongs to unit's bias */
    bp_activation activation; /* for ACTIVATION, DERIVATIVE, OUTPUT_DELTA */
    double slope;             /* its layer's slope (leaky_relu) */
    int first_in;          /* its inputs: in_pool[first_in .. +n_in] */
    int n_in;
    bp_precision precision; /* hand-mode rounding (NONE: not rounded) */
    bp_precision aux_precision; /* OUTPUT_DELTA: its f' factor's hand
                                   rounding, as a hidden unit's derivative
                                   is rounded (NONE: as it comes) */
    bool fixed;            /* NEW_PARAM of a parameter that is kept */
    bool summary;          /* only in the summary table (w46_change) */
    int step;              /* exercises: the step that finds it, else -1 */
    int case_index;        /* exercises: its case, or -1 */
    bool standalone;       /* exercises: a step finds it by name */
    double exact;          /* from exact inputs, not rounded */
    double hand;           /* from hand inputs, rounded to precision */
    bool rounded;          /* rounding changed the hand value: it is then
                              written with all its digits (0.4700), an exact
                              one as it is (-0.7), as the lecture does;
                              false without a precision */
    double aux_exact;      /* a shown intermediate (see the kinds) */
    double aux_hand;
};

struct bp_trace {
    const bp_lesson *lesson;
    bool hand_rounding;    /* the lesson's profile was applied */
    bool sequential;       /* built with the sequential-update mistake */
    struct bp_trace *correct; /* a sequential trace's: the same lesson
                              without the mistake, its quantities of the
                              same names to compare with (owned); NULL */
    struct bp_trace *by_hand; /* an exact trace's (bp_build_options.exact)
                              of a lesson with a rounding profile: the same
                              lesson worked by hand, its quantities of the
                              same names and order (owned); NULL */
    bool gradients;        /* built with the gradient view */
    bp_quantity *q;        /* in the lecture's order */
    int n;
    int cap;
    int *in_pool;          /* indexes into q */
    int n_pool;
    int pool_cap;
    int *names;            /* hash of the names: index + 1, or 0 */
    int names_cap;         /* a power of two, at least twice n */
    bp_text_block *text;   /* the string pool, newest block first */
};

#endif
