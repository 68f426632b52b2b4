/* bptrace/trace.h: the derivation graph of one iteration (trace) */
#ifndef BPTRACE_TRACE_H
#define BPTRACE_TRACE_H

#include "bptrace/lesson.h"

/* The export block (BP_API): the library is built with -fvisibility=hidden,
 * so only what is declared between push and pop is exported from
 * libbptrace.so (tests/test-exports.sh checks it). */
#pragma GCC visibility push(default)

typedef enum {
    BP_PHASE_GIVEN = 0,
    BP_PHASE_FORWARD,
    BP_PHASE_ERROR,
    BP_PHASE_BACKWARD,
    BP_PHASE_UPDATE,
    BP_PHASE_VERIFY,
    BP_PHASE_COUNT
} bp_phase;

const char *bp_phase_name(bp_phase phase);

typedef enum {
    /* givens: no inputs */
    BP_Q_INPUT = 0,     /* x_i */
    BP_Q_TARGET,        /* t_k */
    BP_Q_RATE,          /* eta */
    BP_Q_WEIGHT,        /* w_ji before the update */
    BP_Q_BIAS,          /* b_j before the update */
    BP_Q_VALUE,         /* any other given value (exercises) */
    /* forward */
    BP_Q_PRODUCT,       /* in: a, b            value a*b */
    BP_Q_NET,           /* in: terms..., [bias] value sum */
    BP_Q_EXP,           /* in: net             value e^-net */
    BP_Q_ACTIVATION,    /* in: net, [exp]      value f(net); aux = 1 + e^-net */
    /* error */
    BP_Q_ERROR,         /* in: t, o            value t - o */
    BP_Q_SQUARE,        /* in: (t - o)         value (t - o)^2 */
    BP_Q_LOSS,          /* in: squares...      value 1/2 sum */
    /* backward */
    BP_Q_OUTPUT_DELTA,  /* in: o, (t - o), net value f'(o) (t - o); aux = 1 - o etc. */
    BP_Q_DERIVATIVE,    /* in: o, net          value f'(o); aux = 1 - o etc. */
    BP_Q_SIGNAL,        /* in: products w_kh delta_k...  value sum */
    BP_Q_HIDDEN_DELTA,  /* in: derivative, signal        value product */
    /* update */
    BP_Q_CHANGE,        /* in: eta, delta, [x] value eta delta x */
    BP_Q_NEW_PARAM,     /* in: old, [change]   value old + change (fixed: old) */
    /* verification */
    BP_Q_ABS_ERROR,     /* in: t, o            value |t - o| */
    BP_Q_COMPARE,       /* in: a, b            value a - b */
    BP_Q_TOTAL,         /* in: terms...        value sum (E1 + E2) */
    /* cross-entropy (error phase) and softmax (forward) */
    BP_Q_LOG,           /* in: o               value ln o */
    BP_Q_LOG_COMPLEMENT, /* in: o              value ln(1 - o); aux = 1 - o */
    BP_Q_CE_TERM,       /* in: t, ln o, [ln(1 - o)]  value t ln o + (1 - t)
                           ln(1 - o); softmax outputs: t ln o (no bracket) */
    BP_Q_CROSS_ENTROPY, /* in: terms...        value -sum: E */
    BP_Q_CE_DELTA,      /* in: o, (t - o)      value t - o: an output's delta
                           with cross-entropy (backward) */
    BP_Q_MAX,           /* in: nets...         value the largest, m */
    BP_Q_SOFTMAX_EXP,   /* in: net, m          value e^(net - m); aux = net - m */
    BP_Q_EXP_SUM,       /* in: e^(net - m)...  value sum, S; a softmax output
                           is ACTIVATION, in: net, e^(net - m), S: value e/S */
    /* the gradient view (backward; built only when asked for): each
       partial derivative of the chain rule, section 8 */
    BP_Q_GRAD_OUTPUT,   /* in: t, o            value dE/do = -(t - o) */
    BP_Q_GRAD_ACT,      /* in: o, net          value do/dnet = f'(net) */
    BP_Q_GRAD_NET,      /* in: dE/do, do/dnet  value dE/dnet, their product */
    BP_Q_GRAD_NET_CANCEL, /* in: t, o          value dE/dnet = o - t (a loss
                           that cancels the output's derivative) */
    BP_Q_GRAD_TERM,     /* in: dE/dnet_k, w_jk value their product */
    BP_Q_GRAD_NET_HIDDEN, /* in: do_j/dnet_j, terms...  value do/dnet x sum */
    BP_Q_GRAD_PARAM,    /* in: dE/dnet_j, [o_i]  value dE/dw_ji (dE/db_j) */
    BP_Q_KIND_COUNT
} bp_qkind;

const char *bp_qkind_name(bp_qkind kind);

/* Givens (inputs, targets, eta, old weights and biases, exercise values)
 * have no formula and are never rounded. */
bool bp_qkind_is_given(bp_qkind kind);

/* How a quantity is written, in parts, so that no renderer has to guess
 * them back from text: Δ (delta_prefix) + base + subscript + "(new)". */
typedef enum {
    BP_GREEK_NONE = 0,
    BP_GREEK_DELTA,        /* δ */
    BP_GREEK_ETA,          /* η */
    BP_GREEK_SIGMA         /* σ */
} bp_greek;

typedef struct {
    bool has;              /* false: written as its formula instead */
    bool delta_prefix;     /* Δw₄₆ */
    bp_greek greek;        /* a Greek letter, written before `base` */
    char base[BP_NAME_MAX]; /* "w", "net", "o", "E"; "'" after σ in σ' */
    char sub[BP_NAME_MAX]; /* "46", "k", "10,4"; "" for none */
    bool new_value;        /* w₄₆(new), net₄(new) */
    /* a partial derivative: ∂num_base num_sub / ∂(the symbol above):
       ∂E/∂w₄₆, ∂o₆/∂net₆ */
    bool partial;
    char num_base[BP_NAME_MAX];
    char num_sub[BP_NAME_MAX];
} bp_symbol;

typedef struct {
    char name[BP_NAME_MAX]; /* stable ASCII name: net_4, o_4, e^-net_4,
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
                              one as it is (-0.7), as the lecture does */
    double aux_exact;      /* a shown intermediate (see the kinds) */
    double aux_hand;
} bp_quantity;

typedef enum { BP_MODE_HAND = 0, BP_MODE_EXACT } bp_mode;

typedef struct bp_trace {
    const bp_lesson *lesson;
    bool hand_rounding;    /* the lesson's profile was applied */
    bool sequential;       /* built with the sequential-update mistake */
    struct bp_trace *correct; /* a sequential trace's: the same lesson
                              without the mistake, its quantities of the
                              same names to compare with (owned); NULL */
    bool gradients;        /* built with the gradient view */
    bp_quantity *q;        /* in the lecture's order */
    int n;
    int cap;
    int *in_pool;          /* indexes into q */
    int n_pool;
    int pool_cap;
    int *names;            /* hash of the names: index + 1, or 0 */
    int names_cap;         /* a power of two, at least twice n */
} bp_trace;

/* Build the graph of one backpropagation iteration on the lesson and
 * evaluate it.  The trace borrows the lesson, which must outlive it. */
bp_trace *bp_trace_build(const bp_lesson *lesson, bp_error *err);
void bp_trace_free(bp_trace *trace);

/* The i-th input of a quantity. */
const bp_quantity *bp_trace_input(const bp_trace *trace,
                                  const bp_quantity *q, int i);
/* The quantity of that name, or NULL. */
const bp_quantity *bp_trace_find(const bp_trace *trace, const char *name);
/* Value in the given mode. */
double bp_quantity_value(const bp_quantity *q, bp_mode mode);
double bp_quantity_aux(const bp_quantity *q, bp_mode mode);

/* The formula of a quantity applied to the values of its inputs, not
 * rounded.  The same code serves exact mode, hand mode and (later) checking
 * a student's numbers.  aux may be NULL. */
double bp_quantity_eval(const bp_quantity *q, const double *inputs,
                        double *aux);

/* Build options: `sequential` builds the trace of a classic mistake on
 * purpose, updating each layer's weights before the error terms of the
 * layer below are computed, so that hidden deltas use the new weights
 * (and the correct trace beside it: bp_trace.correct). */
typedef struct {
    bool sequential;
    /* add the gradient view: every partial derivative of the chain rule */
    bool gradients;
} bp_build_options;

bp_trace *bp_trace_build_with(const bp_lesson *lesson,
                              const bp_build_options *options,
                              bp_error *err);

#pragma GCC visibility pop

#endif
