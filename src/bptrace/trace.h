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

/* One quantity of the graph: its name, kind, inputs and values in both
 * modes (bp_trace_find, bp_trace_input, bp_quantity_value).  Opaque, as
 * the trace is: the library's parts read them through
 * trace/trace_internal.h. */
typedef struct bp_quantity bp_quantity;

typedef enum { BP_MODE_HAND = 0, BP_MODE_EXACT } bp_mode;

/* The graph of one iteration, quantities in the lecture's order. */
typedef struct bp_trace bp_trace;

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

/* The quantities one by one, in the lecture's order: how many (the room
 * a bool-per-quantity array such as bp_worksheet_blanks fills needs), and
 * quantity i (0 .. count - 1; NULL outside). */
int bp_trace_count(const bp_trace *trace);
const bp_quantity *bp_trace_quantity(const bp_trace *trace, int i);
/* Whether the lesson's rounding profile was applied: false when it has
 * none, and then the hand values are the exact ones (a renderer's
 * BP_MODE_HAND shows the exact numbers). */
bool bp_trace_hand_rounding(const bp_trace *trace);
/* A trace built with bp_build_options.sequential: the correct trace of
 * the same lesson beside it; otherwise NULL. */
const bp_trace *bp_trace_correct(const bp_trace *trace);

/* A quantity's stable name, as the JSON and answers files write it
 * ("net_4", "o_4", "delta_6", "Delta_w46", "w46_new"). */
const char *bp_quantity_name(const bp_quantity *q);
bp_qkind bp_quantity_kind(const bp_quantity *q);
bp_phase bp_quantity_phase(const bp_quantity *q);
/* How many inputs it has (bp_trace_input's i, bp_quantity_eval's
 * inputs); a given has none. */
int bp_quantity_input_count(const bp_quantity *q);
/* Its hand rounding (BP_ROUND_NONE: not rounded): bp_format with it
 * writes the hand value as the lecture does. */
bp_precision bp_quantity_precision(const bp_quantity *q);

/* The formula of a quantity applied to the values of its inputs, not
 * rounded.  The same code serves exact mode, hand mode and (later) checking
 * a student's numbers.  aux may be NULL. */
double bp_quantity_eval(const bp_quantity *q, const double *inputs,
                        double *aux);

/* Build options: `sequential` builds the trace of a classic mistake on
 * purpose, updating each layer's weights before the error terms of the
 * layer below are computed, so that hidden deltas use the new weights
 * (and the correct trace beside it: bp_trace_correct). */
typedef struct {
    bool sequential;
    /* add the gradient view: every partial derivative of the chain rule */
    bool gradients;
    /* exact mode (check --exact): the lesson's rounding profile is not
       applied; a lesson that has one keeps the trace worked by hand beside
       it (bp_trace.by_hand), whose numbers a student may write too */
    bool exact;
} bp_build_options;

bp_trace *bp_trace_build_with(const bp_lesson *lesson,
                              const bp_build_options *options,
                              bp_error *err);

#pragma GCC visibility pop

#endif
