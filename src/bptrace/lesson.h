/* bptrace/lesson.h: a lesson: its network or exercise, read from YAML (lesson) */
#ifndef BPTRACE_LESSON_H
#define BPTRACE_LESSON_H

#include "bptrace/error.h"
#include "bptrace/number.h"
#include "bptrace/activation.h"

/* The export block (BP_API): the library is built with -fvisibility=hidden,
 * so only what is declared between push and pop is exported from
 * libbptrace.so (tests/test-exports.sh checks it). */
#pragma GCC visibility push(default)

#define BP_LABEL_MAX 32
/* Room for the longest quantity name that labels of BP_LABEL_MAX allow. */
#define BP_NAME_MAX 200

/* Hard limits on what a lesson may describe (documented in doc/lesson-format.md). */
#define BP_MAX_INPUT_BYTES (4L * 1024 * 1024)
#define BP_MAX_DEPTH 32
#define BP_MAX_LAYERS 16
#define BP_MAX_UNITS_PER_LAYER 64  /* in a trace */
#define BP_MAX_UNITS 256
/* What `bptrace train` takes (bp_lesson_load_wide). */
#define BP_MAX_TRAIN_UNITS_PER_LAYER 4096
#define BP_MAX_TRAIN_UNITS 16384
#define BP_MAX_TRAIN_WEIGHTS 4000000
#define BP_MAX_QUANTITIES 500000 /* in one trace, so that no lesson hangs */

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
    BP_RK_GRADIENT,      /* the partial derivatives of the gradient view;
                            when a profile does not name it, as delta */
    BP_RK_COUNT
} bp_round_kind;

/* The kind's name as a lesson's `rounding:` map writes it ("net",
 * "weight_change", ...). */
const char *bp_round_kind_name(bp_round_kind kind);

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

/* A lesson, read and checked: its network (layers, units, weights) or
 * exercise, rounding profile, lecture values and errata, variants and
 * training.  Opaque: the library's parts read it through
 * lesson/lesson_internal.h. */
typedef struct bp_lesson bp_lesson;

/* Read and validate a lesson.  On failure returns NULL and fills err with
 * file:line:column, a message (with "did you mean" for a misspelt key) and
 * the source line. */
bp_lesson *bp_lesson_load(const char *path, bp_error *err);
/* The same for training only (bptrace train): layers of up to
 * BP_MAX_TRAIN_UNITS_PER_LAYER units, and no 'example' needed (the
 * examples come from a data file). */
bp_lesson *bp_lesson_load_wide(const char *path, bp_error *err);
/* The same from a buffer; `name` is used in messages. */
bp_lesson *bp_lesson_parse(const char *name, const char *data, size_t len,
                           bp_error *err);
void bp_lesson_free(bp_lesson *lesson);

/* What a lesson says, for a user of the library (the trace has its
 * numbers).  The title, as the lesson gives it (a variant's ends in
 * " (variant N)"). */
const char *bp_lesson_title(const bp_lesson *lesson);
/* Its units, all layers' in order (input, hidden..., output): how many,
 * and unit u's label as the lesson writes it ("x1", "4", "h1"; NULL for
 * no such u).  An exercise lesson has none. */
int bp_lesson_unit_count(const bp_lesson *lesson);
const char *bp_lesson_unit_label(const bp_lesson *lesson, int u);
/* How many output units: the length of the targets
 * bp_lesson_check_targets reads (0 for an exercise). */
int bp_lesson_output_count(const bp_lesson *lesson);
/* How many weights (the indexes bp_lesson_find_weight gives). */
int bp_lesson_weight_count(const bp_lesson *lesson);
/* How answers are graded (bp_precision_judge takes it). */
const bp_grading *bp_lesson_grading(const bp_lesson *lesson);

/* Whether targets[0 .. count of output units) suit the lesson's loss and
 * output activation: with cross-entropy each from 0 to 1, and with softmax
 * outputs summing to 1 (within 1e-9).  False with a one-line reason in why
 * (which may be NULL); false for an exercise lesson, which has no
 * outputs.  The loader applies it to the example; training sets apply it
 * to each of theirs. */
bool bp_lesson_check_targets(const bp_lesson *lesson, const double *targets,
                             char *why, size_t size);

/* Index of the weight from unit `from` to unit `to` (indexes of
 * bp_lesson_unit_label), or BP_NOT_FOUND. */
int bp_lesson_find_weight(const bp_lesson *lesson, int from, int to);

/* Draw every weight, and the bias of every unit that has one (with
 * `biases`, every non-input unit gets one), from [low, high] with `seed`,
 * in the order of the weights (bp_lesson_find_weight), then of the
 * units; each is kept to 3 significant digits (bp_round), so that the
 * first iteration can be worked by hand.  Fixed parameters keep their value (a number is drawn
 * for them all the same, so the others do not move). */
void bp_lesson_draw_weights(bp_lesson *lesson, double low, double high,
                            unsigned long long seed, bool biases);

#pragma GCC visibility pop

#endif
