/* bptrace: one backpropagation iteration, every number written down.
 *
 * The library reads a lesson (a YAML file describing a small network and one
 * training example), builds a graph of the quantities a student writes down
 * (net_j, e^-net_j, o_j, delta_j, Delta w_ji, ...), and evaluates each one
 * twice: exactly, and "by hand" (rounded to the lesson's precision and carried
 * forward rounded).  Renderers walk the graph and print; they never compute.
 * The library never prints: every failure comes back as a bp_error.
 */
#ifndef BPTRACE_H
#define BPTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define BP_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

typedef enum {
    BP_OK = 0,
    BP_ERR_INPUT,   /* the lesson (or other input file) is invalid */
    BP_ERR_IO,      /* a file could not be read or written */
    BP_ERR_NOMEM,   /* an allocation failed */
    BP_ERR_NUMERIC  /* a value overflowed (not finite) */
} bp_status;

/* A position in a source file; line and column are 1-based, 0 = unknown. */
typedef struct {
    int line;
    int column;
} bp_pos;

typedef struct {
    bp_status status;
    char file[256];        /* file the error is about, or "" */
    bp_pos pos;            /* where in it, or {0, 0} */
    char message[512];     /* one line, no trailing newline, no "file:line:" */
    char source_line[256]; /* the offending line of the file, or "" */
} bp_error;

/* Fill err (which may be NULL) and return status.  printf-style message. */
bp_status bp_error_set(bp_error *err, bp_status status, const char *file,
                       bp_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* ------------------------------------------------------------------ */
/* Numbers (number.c)                                                  */
/* ------------------------------------------------------------------ */

typedef enum {
    BP_ROUND_NONE = 0,    /* not rounded */
    BP_ROUND_DECIMALS,    /* digits after the decimal point */
    BP_ROUND_SIGNIFICANT  /* significant figures */
} bp_round_mode;

typedef struct {
    bp_round_mode mode;
    int digits;           /* 0..15 for decimals, 1..15 for significant */
} bp_precision;

/* Round half away from zero *in decimal*: the value's 15 significant digits
 * are rounded as a digit string, so 0.2815 -> 0.282 and -0.00585 -> -0.0059
 * although the doubles sit just below the half.  Never returns -0.0.
 * Non-finite values and BP_ROUND_NONE pass through unchanged. */
double bp_round(double x, bp_precision p);

/* Write x as a hand-written number at precision p: decimals keeps trailing
 * zeros (0.4700), significant writes exactly that many figures (0.0895,
 * -0.00936, 118).  x is rounded first.  Never writes "-0" or "-0.000".
 * BP_ROUND_NONE writes the shortest form of up to 15 significant digits
 * with trailing zeros removed (0.526, 0.2, 12.5).  Returns buf. */
char *bp_format(char *buf, size_t size, double x, bp_precision p);

/* Write x with `digits` significant digits (1..17), trailing zeros removed,
 * plain notation for 1e-5 <= |x| < 1e15 and e-notation outside. */
char *bp_format_sig(char *buf, size_t size, double x, int digits);

typedef enum {
    BP_NUM_OK = 0,
    BP_NUM_EMPTY,     /* nothing to parse */
    BP_NUM_SYNTAX,    /* not a decimal number: letters, hex, "1,5", junk */
    BP_NUM_NONFINITE, /* nan, inf, .nan, .inf */
    BP_NUM_RANGE      /* overflows a double (1e999) */
} bp_num_status;

/* Parse a plain decimal number (optional sign, digits, optional fraction,
 * optional exponent).  Rejects NaN, infinities, hex floats, overflow and any
 * trailing junk; whitespace is not allowed.  Underflow to 0 is accepted. */
bp_num_status bp_parse_number(const char *text, double *out);

/* A sentence describing a bp_num_status, for error messages. */
const char *bp_num_status_message(bp_num_status status);

/* A hint for a number that did not parse, or "": a decimal comma (the
 * hint echoes the text with a point, written in buf), a typographic
 * minus sign copied from a PDF. */
const char *bp_num_hint(const char *text, char *buf, size_t size);

/* The logistic function, exact and quiet for every finite x. */
double bp_logistic(double x);

/* ------------------------------------------------------------------ */
/* Lessons (lesson.c)                                                  */
/* ------------------------------------------------------------------ */

#define BP_LABEL_MAX 32
/* Room for the longest quantity name that labels of BP_LABEL_MAX allow. */
#define BP_NAME_MAX 200

/* Hard limits on what a lesson may describe (documented in the README). */
#define BP_MAX_INPUT_BYTES (4L * 1024 * 1024)
#define BP_MAX_DEPTH 32
#define BP_MAX_LAYERS 16
#define BP_MAX_UNITS_PER_LAYER 64
#define BP_MAX_UNITS 256
#define BP_MAX_QUANTITIES 500000 /* in one trace, so that no lesson hangs */

typedef enum {
    BP_ACT_SIGMOID = 0,
    BP_ACT_TANH,
    BP_ACT_RELU,
    BP_ACT_LINEAR,
    BP_ACT_SOFTMAX,   /* the output layer only, with cross-entropy:
                         o_k = e^net_k / sum_j e^net_j */
    BP_ACT_COUNT
} bp_activation;

/* The activation's name as a lesson writes it ("sigmoid", ...). */
const char *bp_activation_name(bp_activation act);

/* The error a lesson minimizes (its top-level `loss:` key). */
typedef enum {
    BP_LOSS_SQUARED = 0,    /* E = 1/2 sum_k (t_k - o_k)^2, the lecture's */
    BP_LOSS_CROSS_ENTROPY   /* sigmoid outputs: E = -sum_k [t_k ln o_k +
                               (1 - t_k) ln(1 - o_k)]; softmax outputs:
                               E = -sum_k t_k ln o_k */
} bp_loss;

/* The loss's name as a lesson writes it: "squared", "cross-entropy". */
const char *bp_loss_name(bp_loss loss);

/* The kinds of written quantity a rounding profile distinguishes. */
typedef enum {
    BP_RK_NET = 0,
    BP_RK_EXP,           /* e^x, and 1 + e^x */
    BP_RK_ACTIVATION,
    BP_RK_DERIVATIVE,    /* o(1-o) and its kin, when written on its own */
    BP_RK_PRODUCT,       /* one term x_i w_ji or w_kh delta_k */
    BP_RK_SUM,           /* sum_k w_kh delta_k */
    BP_RK_DELTA,
    BP_RK_WEIGHT_CHANGE,
    BP_RK_NEW_WEIGHT,
    BP_RK_ERROR,         /* t - o, (t - o)^2, E, comparisons of errors */
    BP_RK_COUNT
} bp_round_kind;

/* The kind's name as a lesson's `rounding:` map writes it ("net",
 * "weight_change", ...). */
const char *bp_round_kind_name(bp_round_kind kind);

/* Weight index order of the notation.  FROM_TO writes w_46 for the weight
 * from unit 4 to unit 6 (lecture sections 7 and 10); TO_FROM writes w_64
 * (the lecture's formulas, w_ji = from i to j). */
typedef enum { BP_ORDER_FROM_TO = 0, BP_ORDER_TO_FROM } bp_weight_order;

typedef struct {
    char label[BP_LABEL_MAX];  /* as the lesson names it: "x1", "4", "h1" */
    char symbol[BP_LABEL_MAX]; /* its output's letter(s): "x", "o", "h" */
    char symbol_index[BP_LABEL_MAX]; /* its output's subscript: "1" in h_1;
                                  "" writes the symbol alone ("x") */
    char index[BP_LABEL_MAX];  /* its subscript in net_j, delta_j, w_ij, t_j
                                  is symbol_index; this may differ (o_1 is
                                  unit 3 in lecture section 10) */
    int layer;                 /* 0 = the input layer */
    bp_pos pos;                /* where the lesson declares it */
    /* input layer only */
    double input;
    /* non-input layers */
    bool has_bias;
    double bias;
    bool bias_fixed;           /* kept, not updated */
    /* output layer only */
    double target;
} bp_unit;

/* One connection: from a unit of layer l-1 to a unit of layer l. */
typedef struct {
    int from;                  /* index into bp_lesson.units */
    int to;
    double value;
    bool fixed;                /* kept, not updated */
    bp_pos pos;
} bp_weight;

typedef struct {
    int first;                 /* index of its first unit in units[] */
    int count;
    bp_activation activation;  /* unused for the input layer */
} bp_layer;

/* A number the lecture prints for this lesson, kept as printed. */
typedef struct {
    char name[64];             /* the quantity's name (see bp_quantity) */
    char printed[32];
    bp_pos pos;
} bp_lecture_value;

/* Where the lecture's printed number is wrong under its own rounding. */
typedef struct {
    char name[64];
    char printed[32];          /* what the lecture prints */
    char correct[32];          /* what correct arithmetic gives */
    char why[512];
    bp_pos pos;
} bp_erratum;

/* How answers are graded (the lesson's optional `grading:` map). */
typedef struct {
    double ecf_credit;         /* credit for an error carried forward; 1 */
    double coarse_credit;      /* credit for a value too coarse; 0.5 */
    int min_decimals;          /* fewer digits after the point is too
                                  coarse; 0: no minimum */
} bp_grading;

/* ---- Exercises ----
 * The lecture's smaller examples give some quantities and ask for others.
 * An exercise lesson has `exercise:` instead of `network:`: named givens,
 * and steps that each find named quantities with the same formulas a
 * network uses ("delta_k: output_delta(o_k, t_k)"). */

typedef enum {
    BP_OP_PRODUCT = 0,   /* product(a, b)                  a b */
    BP_OP_NET,           /* net(a*b, c*d, ..., [bias])     sum of terms */
    BP_OP_SIGMOID,       /* sigmoid(net)                   with e^-net */
    BP_OP_DERIVATIVE,    /* derivative(o)                  o(1 - o) */
    BP_OP_OUTPUT_DELTA,  /* output_delta(o, t)             o(1 - o)(t - o) */
    BP_OP_HIDDEN_DELTA,  /* hidden_delta(o, w*d, ...)      o(1 - o) sum w d */
    BP_OP_CHANGE,        /* change(eta, delta, x)          eta delta x */
    BP_OP_UPDATE,        /* update(w, change)              w + Delta w */
    BP_OP_LOSS,          /* loss(t1-o1, t2-o2, ...)        1/2 sum (t - o)^2 */
    BP_OP_TOTAL,         /* total(a, b, ...)               a + b + ... */
    BP_OP_COUNT
} bp_op;

/* The op's name as a lesson writes it ("output_delta", ...). */
const char *bp_op_name(bp_op op);

/* One argument: a name, or two names joined by '*' (a product term) or
 * '-' (t - o, for loss). */
typedef struct {
    char a[BP_NAME_MAX];
    char b[BP_NAME_MAX];       /* "" for a plain name */
    char join;                 /* '*', '-' or '\0' */
} bp_arg;

/* "NAME: op(args)": one quantity a step finds. */
typedef struct {
    char name[BP_NAME_MAX];
    bp_op op;
    bp_arg *args;
    int n_args;
    bp_pos pos;                /* of the NAME key, for errors */
} bp_find;

/* A named given value. */
typedef struct {
    char name[BP_NAME_MAX];
    double value;
    bp_pos pos;
} bp_given;

typedef struct {
    char *title;               /* "Step 1: Calculate ..." */
    char *note;                /* optional: an interpretation after it */
    bp_given *given;           /* optional: values first given here */
    int n_given;
    bp_find *finds;            /* in order */
    int n_finds;
} bp_step;

/* One case of an exercise that is worked several times over (the three
 * nets of section 4.2, the three rates of 9.2). */
typedef struct {
    char label[BP_LABEL_MAX];  /* "0.01", "a": names get "(label)" */
    char *title;               /* optional heading: "Case (a): net = 0" */
    char *note;                /* optional last column of the table */
    bp_given *given;
    int n_given;
} bp_case;

typedef struct {
    bp_given *given;           /* shared by every case */
    int n_given;
    bp_step *steps;
    int n_steps;
    bp_case *cases;            /* none: the steps are worked once */
    int n_cases;
    char (*table)[BP_NAME_MAX]; /* optional: columns of the cases' table */
    int n_table;
    char *table_note_heading;  /* optional heading of the notes column */
    char *interpretation;      /* optional: a closing paragraph */
} bp_exercise;

/* ---- Variants ----
 * `bptrace trace|check|worksheet --seed N` gives each student other
 * numbers: the lesson's optional `variants:` map says from what each kind
 * of given value is drawn (doc/lesson-format.md, "Variants"). */

#define BP_DRAW_LIST_MAX 16

typedef enum {
    BP_DRAW_DEFAULT = 0,   /* not stated: the default for its kind */
    BP_DRAW_RANGE,         /* {min, max, decimals}: each multiple of
                              10^-decimals from min to max, equally likely */
    BP_DRAW_LIST,          /* [a, b, ...]: one of them, equally likely */
    BP_DRAW_FIXED          /* fixed: the lesson's own value is kept */
} bp_draw_kind;

typedef struct {
    bp_draw_kind kind;
    int64_t min, max;      /* RANGE: in steps of 10^-decimals */
    int decimals;          /* RANGE: 0..4 */
    double values[BP_DRAW_LIST_MAX]; /* LIST */
    int n_values;
    bp_pos pos;            /* where the lesson states it */
} bp_draw;

/* An exercise's given that varies, and how. */
typedef struct {
    char name[BP_NAME_MAX];
    bp_draw draw;
} bp_given_draw;

typedef struct {
    bool stated;           /* the lesson has a `variants:` map */
    bp_pos pos;
    bp_draw inputs, weights, biases, targets; /* network lessons */
    bp_given_draw *given;  /* exercise lessons: the givens that vary */
    int n_given;
} bp_variants;

/* ---- Training (lesson 'examples', 'validation', 'training') ----
 * A set of examples: values in the order of the input layer's units, and
 * targets in the order of the output layer's, example after example. */
typedef struct {
    int n;                     /* examples */
    int n_inputs, n_targets;   /* per example */
    double *inputs;            /* n * n_inputs */
    double *targets;           /* n * n_targets */
    bp_pos *pos;               /* where each is written */
} bp_example_set;

typedef enum { BP_TRAIN_STOCHASTIC = 0, BP_TRAIN_BATCH } bp_train_mode;

/* The lesson's `training:` block; every field has a default. */
typedef struct {
    bp_train_mode mode;        /* stochastic (default): update after each
                                  example; batch: after the epoch */
    int epochs;                /* at most this many epochs; 1000 */
    double error_threshold;    /* stop when E <= it; < 0: no such rule */
    int patience;              /* stop when the validation E has not
                                  improved for this many epochs; 0: no */
    int plateau_epochs;        /* stuck: E fell by less than plateau_min */
    double plateau_min;        /*   over this many epochs; 0: no rule */
    double momentum;           /* alpha, from 0 to below 1; 0 */
    double tolerance;          /* an output is right within this of its
                                  target; 0.5 */
    bool init;                 /* the weights are drawn, not given */
    double init_low, init_high; /* uniform in [low, high] */
    unsigned long long seed;   /* of the generator (splitmix64, random.h) */
    bool init_biases;          /* every non-input unit gets a drawn bias */
    bp_pos pos;                /* of the `training` key, or {0, 0} */
} bp_training;


typedef struct {
    char *file;                /* the path it was read from */
    char *title;
    char *source;              /* lecture section, book, table */
    char *section;             /* optional: "7", "3.2", "12"; orders lists */
    char *description;         /* optional */
    char *eta_note;            /* optional remark on the learning rate */
    double eta;
    bp_weight_order order;
    char weight_symbol[8];     /* "w" */
    char bias_symbol[8];       /* "b" */

    bp_layer *layers;
    int n_layers;              /* >= 2: input, hidden..., output */
    bp_unit *units;            /* all units, layer by layer */
    int n_units;
    bp_weight *weights;        /* every pair of adjacent layers, exactly once */
    int n_weights;

    bool has_rounding;         /* a rounding profile was given */
    bp_precision rounding[BP_RK_COUNT];
    bp_precision verify_rounding[BP_RK_COUNT]; /* the verification pass */

    bp_lecture_value *lecture;
    int n_lecture;
    bp_erratum *errata;
    int n_errata;

    bp_exercise *exercise;     /* an exercise lesson: no layers, units or
                                  weights (n_layers == 0) */

    bp_grading grading;        /* how `bptrace check` gives credit */

    bp_loss loss;              /* squared (default) or cross-entropy; softmax
                                  outputs go with cross-entropy only */
    bp_variants variants;      /* how variants are drawn (`variants:`) */
    bool is_variant;           /* its values were drawn by bp_lesson_vary */
    uint64_t seed;             /* and the seed they were drawn with */
    double *own_values;        /* the lesson's own values, kept by the first
                                  bp_lesson_vary so that it may vary again */

    /* training (bptrace train): the examples (with a single `example:`,
     * that one), an optional validation set, and how to train.  The units'
     * input and target values are those of the first example. */
    bp_example_set examples;
    bp_example_set validation; /* n == 0: none */
    bp_training training;
} bp_lesson;

/* Read and validate a lesson.  On failure returns NULL and fills err with
 * file:line:column, a message (with "did you mean" for a misspelt key) and
 * the source line. */
bp_lesson *bp_lesson_load(const char *path, bp_error *err);
/* The same from a buffer; `name` is used in messages. */
bp_lesson *bp_lesson_parse(const char *name, const char *data, size_t len,
                           bp_error *err);
void bp_lesson_free(bp_lesson *lesson);

/* Whether targets[0 .. count of output units) suit the lesson's loss and
 * output activation: with cross-entropy each from 0 to 1, and with softmax
 * outputs summing to 1 (within 1e-9).  False with a one-line reason in why
 * (which may be NULL).  The loader applies it to the example; training
 * sets apply it to each of theirs. */
bool bp_lesson_check_targets(const bp_lesson *lesson, const double *targets,
                             char *why, size_t size);

/* Index of the weight from unit `from` to unit `to`, or -1. */
int bp_lesson_find_weight(const bp_lesson *lesson, int from, int to);

/* Draw every weight, and the bias of every unit that has one (with
 * `biases`, every non-input unit gets one), from [low, high] with `seed`,
 * in the order of lesson->weights, then of the units; each is kept to 3
 * significant digits (bp_round), so that the first iteration can be
 * worked by hand.  Fixed parameters keep their value (a number is drawn
 * for them all the same, so the others do not move). */
void bp_lesson_draw_weights(bp_lesson *lesson, double low, double high,
                            unsigned long long seed, bool biases);


/* ------------------------------------------------------------------ */
/* The derivation graph (graph.c, backprop.c)                          */
/* ------------------------------------------------------------------ */

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
    int first_in;          /* its inputs: in_pool[first_in .. +n_in] */
    int n_in;
    bp_precision precision; /* hand-mode rounding (NONE: not rounded) */
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

typedef struct {
    const bp_lesson *lesson;
    bool hand_rounding;    /* the lesson's profile was applied */
    bool sequential;       /* built with the sequential-update mistake */
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
 * layer below are computed, so that hidden deltas use the new weights. */
typedef struct {
    bool sequential;
} bp_build_options;

bp_trace *bp_trace_build_with(const bp_lesson *lesson,
                              const bp_build_options *options,
                              bp_error *err);

/* ------------------------------------------------------------------ */
/* Checking answers (answers.c, check.c)                               */
/* ------------------------------------------------------------------ */

/* The answers file: `student: ID` (optional) and `answers:`, a map of
 * quantity names (as the trace and the JSON name them) to numbers; an
 * empty value is a blank left unanswered. */
typedef struct {
    char name[BP_NAME_MAX];
    bool answered;             /* false: left blank */
    double value;
    int decimals;              /* digits after the point as written
                                  (0.330 has 3; 1e-3 has 3) */
    char text[48];             /* as written */
    bp_pos pos;                /* of the name */
} bp_answer;

typedef struct {
    char *file;
    char *student;             /* NULL when the file gives none */
    bp_answer *answers;
    int n;
    bp_pos student_pos;        /* of the student's id, or {0, 0} */
} bp_answers;

bp_answers *bp_answers_load(const char *path, bp_error *err);
bp_answers *bp_answers_parse(const char *name, const char *data, size_t len,
                             bp_error *err);
void bp_answers_free(bp_answers *answers);

/* An answer from a number as typed ("0.33": its value, and 2 decimals),
 * read by the rules of bp_parse_number; a number longer than bp_answer's
 * text is BP_NUM_SYNTAX.  a is untouched unless BP_NUM_OK. */
bp_num_status bp_answer_from_text(bp_answer *a, const char *name,
                                  const char *text);

typedef enum {
    BP_VERDICT_RIGHT = 0,
    BP_VERDICT_ECF,            /* follows from the student's own earlier
                                  (wrong) numbers */
    BP_VERDICT_WRONG,
    BP_VERDICT_MISSING,
    BP_VERDICT_COARSE          /* right, but written more coarsely than the
                                  lesson demands */
} bp_verdict;

/* "right", "ECF", "wrong", "missing", "too coarse" */
const char *bp_verdict_name(bp_verdict verdict);

typedef struct {
    const bp_quantity *q;
    const bp_answer *answer;   /* NULL when missing */
    bp_verdict verdict;
    double credit;             /* 0 to 1 */
    double expected;           /* the correct value (hand, or exact) */
    char hint[512];            /* "follows from your o_4", "o(1-o) left
                                  out", an erratum of the lecture; or "" */
} bp_judgement;

typedef struct {
    const bp_trace *trace;
    const bp_answers *answers;
    bp_judgement *items;       /* in the trace's order: every quantity a
                                  student writes on a line of its own, and
                                  any other the student answered */
    int n;
    double score;
    double max_score;          /* one per item */
    int first_wrong;           /* index into items, or -1 */
} bp_check_result;

/* The tolerance rule: `given`, written with `decimals` digits after the
 * point, is right for a correct value `value` when `value` rounded (half
 * away from zero) to those decimals is `given`.  0.33 is right for 0.332;
 * 0.34 is not; 0.3318 is right for 0.331807. */
bool bp_agrees(double given, int decimals, double value);

/* Judge the answers against the trace (built by bp_trace_build): each
 * answered value against the correct value (the hand value, or the exact
 * one: either is right); a wrong one against the value that follows from
 * the student's own numbers (error carried forward) and against the
 * classic mistakes.  An unknown name is an input error at its position,
 * with "did you mean". */
bp_check_result *bp_check(const bp_trace *trace, const bp_answers *answers,
                          bp_error *err);
void bp_check_free(bp_check_result *result);

/* The judgement bp_check gives q among these answers (a quantity judged
 * one at a time, as `bptrace quiz` does): the same verdict, credit and
 * hint.  An input error when q is not graded (not on a line of its own
 * and not answered). */
bp_status bp_check_quantity(const bp_trace *t, const bp_answers *a,
                            const bp_quantity *q, bp_judgement *out,
                            bp_error *err);

/* ------------------------------------------------------------------ */
/* Renderers                                                           */
/* ------------------------------------------------------------------ */

typedef struct {
    bp_mode mode;
    int digits;     /* significant digits in exact mode */
    bool ascii;     /* text: plain ASCII instead of UTF-8 symbols */
    bool fragment;  /* LaTeX: the body only, no preamble */
    bool annotate;  /* DOT: each unit's net, o and delta, each edge's old
                       -> new weight */
} bp_render_options;

/* Each returns 0; -1 when writing to out failed; -2 when out of memory. */
int bp_render_text(const bp_trace *trace, const bp_render_options *opt,
                   FILE *out);
int bp_render_json(const bp_trace *trace, const bp_render_options *opt,
                   FILE *out);
int bp_render_show(const bp_lesson *lesson, bool ascii, FILE *out);
/* The same walk as the text: a LaTeX document (article, amsmath), or with
 * opt->fragment its body; GitHub Markdown with $...$ and $$...$$ math. */
int bp_render_latex(const bp_trace *trace, const bp_render_options *opt,
                    FILE *out);
int bp_render_markdown(const bp_trace *trace, const bp_render_options *opt,
                       FILE *out);
/* The network as a Graphviz graph: layers side by side, weights on the
 * edges (opt->annotate: the trace's numbers too).  -3 when the lesson is
 * an exercise, which has no network. */
int bp_render_dot(const bp_trace *trace, const bp_render_options *opt,
                  FILE *out);

/* ------------------------------------------------------------------ */
/* Worksheets (worksheet.c)                                            */
/* ------------------------------------------------------------------ */

/* A worksheet is the trace with the quantities of chosen kinds left blank:
 * the givens and the network, then each derivation, a blank one with its
 * formula and the numbers substituted and a blank for its result; a number
 * that comes from a blank is blank wherever it is written.  Nothing that
 * gives a blank away is said (interpretations, errata, the description).
 * The kinds are those of the rounding profile, as bits 1u << bp_round_kind:
 * BP_WORKSHEET_ALL for all. */
#define BP_WORKSHEET_ALL ((1u << BP_RK_COUNT) - 1)

typedef enum {
    BP_WORKSHEET_TEXT = 0,
    BP_WORKSHEET_LATEX,
    BP_WORKSHEET_MARKDOWN
} bp_worksheet_format;

typedef struct {
    bp_worksheet_format format;
    unsigned blank;     /* the kinds left blank (bits); 0: none */
    bool key;           /* the answer key: the same, every blank filled */
    bp_mode mode;       /* the numbers, as bp_render_options (exact for a
                           lesson without a rounding profile) */
    int digits;         /* exact mode's significant digits; 0: 4 */
    bool ascii;         /* text: plain ASCII */
    bool fragment;      /* LaTeX: the body only */
    const char *student; /* answers template: 'student: ID' filled in (a
                            roster's student), or NULL */
} bp_worksheet_options;

/* The worksheet, or with opt->key its answer key.  0; -1 when writing
 * failed; -2 when out of memory. */
int bp_render_worksheet(const bp_trace *trace,
                        const bp_worksheet_options *opt, FILE *out);

/* The answers file `bptrace check` reads for the worksheet: each blank a
 * "NAME:" to fill in, and every other quantity a student writes on a line
 * of its own already filled in with the number the worksheet shows, so
 * that the worksheet's answers alone check as all right.  0, -1, -2. */
int bp_worksheet_answers_template(const bp_trace *trace,
                                  const bp_worksheet_options *opt,
                                  FILE *out);

/* Which quantities the worksheet leaves blank: blank[i] for quantity i
 * (blank has room for trace->n). */
void bp_worksheet_blanks(const bp_trace *trace, unsigned kinds, bool *blank);

/* "net,delta" or "all" as kinds; the names are the rounding profile's (net,
 * exp, activation, derivative, product, sum, delta, weight_change,
 * new_weight, error) and o, change, new for short.  BP_ERR_INPUT with the
 * valid names in err's message for an unknown one. */
bp_status bp_worksheet_parse_kinds(const char *text, unsigned *kinds,
                                   bp_error *err);
/* The kinds as a comma list of their names, into buf. */
const char *bp_worksheet_kind_list(unsigned kinds, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Variants (variant.c, random.c) and rosters (roster.c, manifest.c)   */
/* ------------------------------------------------------------------ */

/* Replace the lesson's given values, in place, by variant `seed`: new
 * inputs, weights, biases and targets of a network (an exercise: the
 * givens its `variants: given:` names), drawn as `variants:` says or by
 * the defaults, with an integer generator (splitmix64) that gives the same
 * numbers on every machine.  A draw that makes a poor exercise
 * (bp_variant_poor) is drawn again, a bounded number of times.  The
 * lecture's values and errata no longer apply and are dropped; the title
 * gets " (variant N)".  BP_ERR_INPUT for an exercise that states no
 * variants, or ranges from which no good draw comes. */
bp_status bp_lesson_vary(bp_lesson *lesson, uint64_t seed, bp_error *err);
/* The same, and the variant's trace (as bp_trace_build gives it), which
 * drawing has built anyway; NULL after filling err.  A lesson may be
 * varied again and again: each variant is drawn from the lesson's own
 * values, as if it had just been loaded (a roster loads it once). */
bp_trace *bp_lesson_vary_trace(bp_lesson *lesson, uint64_t seed,
                               bp_error *err);

/* Why a draw makes a poor exercise. */
typedef enum {
    BP_POOR_NONE = 0,
    BP_POOR_EQUAL,         /* two weights (an exercise: two givens drawn
                              from ranges) are equal */
    BP_POOR_ZERO_INPUTS,   /* every input is 0 */
    BP_POOR_SATURATED,     /* a unit's o is above 0.99 or below 0.01
                              (tanh: |o| above 0.99) */
    BP_POOR_ZERO_DELTA,    /* an error term rounds to 0 at the lesson's
                              precision for deltas */
    BP_POOR_COUNT
} bp_poor;

/* "two weights are equal", ... */
const char *bp_poor_name(bp_poor poor);
/* The rules that need only the lesson's values (checked first, cheaply). */
bp_poor bp_variant_poor_values(const bp_lesson *lesson);
/* The rules that need the trace of those values. */
bp_poor bp_variant_poor_trace(const bp_trace *trace);

/* A student's seed: FNV-1a 64 of the id's bytes; with a salt (NULL or ""
 * for none), of the salt's bytes, one 0 byte, then the id's. */
uint64_t bp_seed_from_id(const char *id, const char *salt);
/* A seed as written: a whole decimal number from 0 to 2^64 - 1. */
bool bp_seed_parse(const char *text, uint64_t *out);

#define BP_STUDENT_ID_MAX 64   /* bytes of an id, with its terminating 0 */

/* Whether an id is safe as the start of a file name in any directory:
 * letters, digits, '.', '_' and '-', not starting with '.' or '-', at
 * most BP_STUDENT_ID_MAX - 1 bytes.  *bad is the offset of the first
 * character that is not allowed (may be NULL). */
bool bp_student_id_valid(const char *id, size_t *bad);

typedef struct {
    char id[BP_STUDENT_ID_MAX];
    uint64_t seed;
    bp_pos pos;                /* in the roster or manifest */
    /* manifest only: the files written for the student */
    char worksheet[BP_STUDENT_ID_MAX + 32];
    char key[BP_STUDENT_ID_MAX + 32];
    char answers[BP_STUDENT_ID_MAX + 32];
} bp_student;

/* A roster: one student id per line; blank lines and lines starting with
 * '#' are skipped, spaces around an id are ignored.  An id that is not
 * bp_student_id_valid, or the same as an earlier one (ignoring case, so
 * that no two file names clash on any file system), is an input error at
 * file:line:column.  Each student's seed is bp_seed_from_id(id, salt). */
typedef struct {
    char *file;
    bp_student *students;
    int n;
} bp_roster;

bp_roster *bp_roster_load(const char *path, const char *salt, bp_error *err);
bp_roster *bp_roster_parse(const char *name, const char *data, size_t len,
                           const char *salt, bp_error *err);
void bp_roster_free(bp_roster *roster);

/* The manifest of a roster's directory (manifest.yaml): the lesson the
 * worksheets were made from (a copy, beside the manifest) and, for each
 * student, the seed and the files. */
typedef struct {
    char *file;                /* the manifest's path */
    char *lesson;              /* the lesson's path, as the manifest gives
                                  it (relative to the manifest's directory) */
    char *lesson_path;         /* the lesson's path from here */
    char *source;              /* where the lesson came from, or NULL */
    bp_student *students;
    int n;
} bp_manifest;

/* Write a manifest: `lesson` is the copy's name beside it, `source` the
 * lesson the instructor named. */
int bp_manifest_write(const char *lesson, const char *source,
                      const bp_student *students, int n, FILE *out);
bp_manifest *bp_manifest_load(const char *path, bp_error *err);
/* The student of that id, or NULL. */
const bp_student *bp_manifest_find(const bp_manifest *m, const char *id);
void bp_manifest_free(bp_manifest *manifest);

#endif
