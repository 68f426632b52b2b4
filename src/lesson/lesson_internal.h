/* lesson_internal.h: what a lesson holds (the library's own parts read
 * it; a library user sees bp_lesson as an opaque type, bptrace/lesson.h). */
#ifndef BP_LESSON_INTERNAL_H
#define BP_LESSON_INTERNAL_H

#include "bptrace/lesson.h"

#include <stdint.h>


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
    double slope;              /* leaky_relu: o = slope x net below 0 */
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

/* ---- Exercises (bp_op: bptrace/lesson.h) ---- */


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


struct bp_lesson {
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
};

#endif
