/* lesson.c: a lesson's YAML tree -> bp_lesson, validated.
 *
 * The reader (yaml_reader.c) guarantees the YAML subset; this file checks
 * the top level of the lesson format (doc/lesson-format.md): which kind of
 * lesson it is, the texts, the notation, the learning rate, the rounding
 * profile, the lecture's numbers and errata.  It hands 'network' and
 * 'example' to lesson_network.c and 'exercise' to lesson_exercise.c.  The
 * first problem is reported as file:line:column, a one-line message and
 * the source line.
 */
#include "lesson/lesson_internal.h"
#include "lesson/parts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

static const char *const round_kind_names[BP_RK_COUNT] = {
    "net", "exp",   "activation",    "derivative", "product",
    "sum", "delta", "weight_change", "new_weight", "error",
    "gradient",
};

const char *bp_round_kind_name(bp_round_kind kind)
{
    return (unsigned)kind < BP_RK_COUNT ? round_kind_names[kind] : "unknown";
}


/* ------------------------------------------------------------------ */
/* The top level: which kind of lesson, texts, notation                */
/* ------------------------------------------------------------------ */

/* 'network' or 'exercise' is required, and which one it is decides about
 * the others: see check_lesson_kind. */
static const lr_key lesson_keys[] = {
    {"title", true},          {"source", true},
    {"section", false},       {"description", false},
    {"notation", false},      {"network", false},
    {"example", false},       {"examples", false},
    {"validation", false},    {"exercise", false},
    {"learning_rate", false}, {"learning_rate_note", false},
    {"training", false},      {"loss", false},
    {"rounding", false},      {"lecture", false},
    {"errata", false},        {"grading", false},
    {"variants", false},
    {NULL, false},
};

/* An exercise has none of a network lesson's keys; why, for each. */
static const struct {
    const char *key;
    const char *why;
} network_only[] = {
    {"example", "its values are givens"},
    {"examples", "its values are givens"},
    {"validation", "it is not trained"},
    {"training", "it is not trained"},
    {"learning_rate", "eta is one of its givens"},
    {"learning_rate_note", "say it in a step's 'note'"},
    {"notation", "its names are written as they are given"},
    {"loss", "its steps say which error they compute"},
};

static bool comes_after(const yr_node *a, const yr_node *b)
{
    return a->pos.line > b->pos.line ||
           (a->pos.line == b->pos.line && a->pos.column > b->pos.column);
}

static bool check_exercise_keys(lr_loader *ld, const yr_node *root)
{
    const yr_node *network = lr_map_key(root, "network");
    const yr_node *exercise = lr_map_key(root, "exercise");
    if (network)
        return lr_fail(ld, comes_after(network, exercise) ? network : exercise,
                       "a lesson has 'network' or 'exercise', not both");
    for (size_t i = 0; i < sizeof network_only / sizeof *network_only; i++) {
        const yr_node *key = lr_map_key(root, network_only[i].key);
        if (key)
            return lr_fail(ld, key, "an exercise lesson has no '%s': %s",
                           key->text, network_only[i].why);
    }
    return true;
}

/* A network lesson needs 'network', 'example' (or 'examples') and
 * 'learning_rate'; an exercise has none of them. */
static bool check_lesson_kind(lr_loader *ld, const yr_node *root)
{
    static const char *const required[] = {
        "network", "example", "learning_rate",
    };
    static const char *const alternative[] = {
        " (or 'exercise')", " (or 'examples')", "",
    };
    if (yr_map_get(root, "exercise"))
        return check_exercise_keys(ld, root);
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!yr_map_get(root, required[i]) &&
            !(i == 1 && (yr_map_get(root, "examples") || ld->wide)))
            return lr_fail(ld, root, "missing required key '%s'%s",
                           required[i], alternative[i]);
    return true;
}

static bool read_texts(lr_loader *ld, const yr_node *root)
{
    bp_lesson *l = ld->lesson;
    const yr_node *v;
    if (!lr_read_text_alloc(ld, yr_map_get(root, "title"), "'title'",
                            &l->title))
        return false;
    if (!lr_read_text_alloc(ld, yr_map_get(root, "source"), "'source'",
                            &l->source))
        return false;
    if ((v = yr_map_get(root, "section")) &&
        !lr_read_text_alloc(ld, v, "'section'", &l->section))
        return false;
    if ((v = yr_map_get(root, "description")) &&
        !lr_read_text_alloc(ld, v, "'description'", &l->description))
        return false;
    if ((v = yr_map_get(root, "learning_rate_note")) &&
        !lr_read_text_alloc(ld, v, "'learning_rate_note'", &l->eta_note))
        return false;
    return true;
}

static bool read_notation(lr_loader *ld, const yr_node *node)
{
    static const lr_key keys[] = {
        {"weights", false}, {"weight_symbol", false},
        {"bias_symbol", false}, {NULL, false},
    };
    static const char *const orders[] = {"w_ij", "w_ji"};
    bp_lesson *l = ld->lesson;
    if (!lr_check_mapping(ld, node, "'notation'", keys))
        return false;
    const yr_node *v;
    int order;
    if ((v = yr_map_get(node, "weights"))) {
        if (!lr_read_enum(ld, v, "'weights'", "weight notation", orders, 2,
                          &order))
            return false;
        l->order = order == 0 ? BP_ORDER_FROM_TO : BP_ORDER_TO_FROM;
    }
    if ((v = yr_map_get(node, "weight_symbol")) &&
        !lr_read_text(ld, v, "'weight_symbol'", l->weight_symbol,
                      sizeof l->weight_symbol))
        return false;
    if ((v = yr_map_get(node, "bias_symbol")) &&
        !lr_read_text(ld, v, "'bias_symbol'", l->bias_symbol,
                      sizeof l->bias_symbol))
        return false;
    return true;
}

static bool read_learning_rate(lr_loader *ld, const yr_node *node)
{
    if (!lr_read_number(ld, node, "'learning_rate'", &ld->lesson->eta))
        return false;
    if (!(ld->lesson->eta > 0))
        return lr_fail(ld, node,
                       "'learning_rate' must be greater than 0, not %s",
                       node->text);
    return true;
}

/* ------------------------------------------------------------------ */
/* Rounding                                                            */
/* ------------------------------------------------------------------ */

static bool read_digits(lr_loader *ld, const yr_node *node, const char *key,
                        int low, int *out)
{
    double v;
    if (!lr_read_number(ld, node, key, &v))
        return false;
    if (v < low || v > 15 || v != (double)(int)v)
        return lr_fail(ld, node,
                       "%s must be a whole number from %d to 15, not %s", key,
                       low, node->text);
    *out = (int)v;
    return true;
}

/* {decimals: N} or {significant: N} */
static bool read_precision(lr_loader *ld, const yr_node *node, const char *kind,
                           bp_precision *out)
{
    static const lr_key keys[] = {
        {"decimals", false}, {"significant", false}, {NULL, false},
    };
    char what[48];
    snprintf(what, sizeof what, "'%s'", kind);
    if (!lr_check_mapping(ld, node, what, keys))
        return false;
    const yr_node *dec = yr_map_get(node, "decimals");
    const yr_node *sig = yr_map_get(node, "significant");
    if (dec && sig)
        return lr_fail(ld, node,
                       "%s gives both 'decimals' and 'significant'; give one",
                       what);
    if (!dec && !sig)
        return lr_fail(ld, node, "%s needs 'decimals' or 'significant'", what);
    out->mode = dec ? BP_ROUND_DECIMALS : BP_ROUND_SIGNIFICANT;
    return dec ? read_digits(ld, dec, "'decimals'", 0, &out->digits)
               : read_digits(ld, sig, "'significant'", 1, &out->digits);
}

static int round_kind_of(const char *name)
{
    for (int k = 0; k < BP_RK_COUNT; k++)
        if (strcmp(name, round_kind_names[k]) == 0)
            return k;
    return BP_NOT_FOUND;
}

/* A map of kind -> precision; `verify` is allowed at the top level only. */
static bool read_profile(lr_loader *ld, const yr_node *node, const char *what,
                         bool top, bp_precision *profile)
{
    lr_key keys[BP_RK_COUNT + 2];
    for (int k = 0; k < BP_RK_COUNT; k++)
        keys[k] = (lr_key){round_kind_names[k], false};
    keys[BP_RK_COUNT] = (lr_key){top ? "verify" : NULL, false};
    keys[BP_RK_COUNT + 1] = (lr_key){NULL, false};
    if (!lr_check_mapping(ld, node, what, keys))
        return false;
    for (const yr_node *key = node->first; key; key = key->next) {
        int k = round_kind_of(key->text);
        if (k >= 0 && !read_precision(ld, key->value, key->text, &profile[k]))
            return false;
    }
    return true;
}

static bool read_rounding(lr_loader *ld, const yr_node *node)
{
    bp_lesson *l = ld->lesson;
    l->has_rounding = true;
    if (!read_profile(ld, node, "'rounding'", true, l->rounding))
        return false;
    /* ∂E/∂net is -delta: unnamed, the partial derivatives are rounded so */
    if (!yr_map_get(node, "gradient"))
        l->rounding[BP_RK_GRADIENT] = l->rounding[BP_RK_DELTA];
    memcpy(l->verify_rounding, l->rounding, sizeof l->rounding);
    const yr_node *verify = yr_map_get(node, "verify");
    return !verify ||
           read_profile(ld, verify, "'verify'", false, l->verify_rounding);
}

/* ------------------------------------------------------------------ */
/* The lecture's numbers and its errata                                */
/* ------------------------------------------------------------------ */

static bool read_lecture(lr_loader *ld, const yr_node *node)
{
    bp_lesson *l = ld->lesson;
    if (node->kind != YR_MAPPING)
        return lr_fail(ld, node, "'lecture' must be a mapping, not %s",
                       lr_describe(node));
    l->lecture = calloc(node->count ? node->count : 1, sizeof *l->lecture);
    if (!l->lecture)
        return lr_fail_nomem(ld);
    for (const yr_node *key = node->first; key; key = key->next) {
        bp_lecture_value *lv = &l->lecture[l->n_lecture];
        if (!lr_read_text(ld, key, "a quantity name", lv->name,
                          sizeof lv->name))
            return false;
        char what[sizeof lv->name + 16];
        snprintf(what, sizeof what, "lecture value '%s'", lv->name);
        if (!lr_read_printed_number(ld, key->value, what, lv->printed,
                                    sizeof lv->printed))
            return false;
        lv->pos = key->pos;
        l->n_lecture++;
    }
    return true;
}

static bool read_erratum(lr_loader *ld, const yr_node *node, bp_erratum *e)
{
    static const lr_key keys[] = {
        {"quantity", true}, {"printed", true}, {"correct", true},
        {"why", true},      {NULL, false},
    };
    e->pos = node->pos;
    return lr_check_mapping(ld, node, "an erratum", keys) &&
           lr_read_text(ld, yr_map_get(node, "quantity"), "'quantity'", e->name,
                        sizeof e->name) &&
           lr_read_printed_number(ld, yr_map_get(node, "printed"), "'printed'",
                                  e->printed, sizeof e->printed) &&
           lr_read_printed_number(ld, yr_map_get(node, "correct"), "'correct'",
                                  e->correct, sizeof e->correct) &&
           lr_read_text(ld, yr_map_get(node, "why"), "'why'", e->why,
                        sizeof e->why);
}

static bool read_errata(lr_loader *ld, const yr_node *node)
{
    bp_lesson *l = ld->lesson;
    if (node->kind != YR_SEQUENCE)
        return lr_fail(ld, node, "'errata' must be a sequence, not %s",
                       lr_describe(node));
    l->errata = calloc(node->count ? node->count : 1, sizeof *l->errata);
    if (!l->errata)
        return lr_fail_nomem(ld);
    for (const yr_node *item = node->first; item; item = item->next) {
        if (!read_erratum(ld, item, &l->errata[l->n_errata]))
            return false;
        l->n_errata++;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* The lesson                                                          */
/* ------------------------------------------------------------------ */

static bool set_defaults(lr_loader *ld)
{
    bp_lesson *l = ld->lesson;
    l->file = strdup(ld->name);
    if (!l->file)
        return lr_fail_nomem(ld);
    l->order = BP_ORDER_FROM_TO;
    snprintf(l->weight_symbol, sizeof l->weight_symbol, "w");
    snprintf(l->bias_symbol, sizeof l->bias_symbol, "b");
    for (int k = 0; k < BP_RK_COUNT; k++)
        l->rounding[k] = l->verify_rounding[k] =
            (bp_precision){BP_ROUND_DECIMALS, 4};
    l->grading = (bp_grading){.ecf_credit = 1.0, .coarse_credit = 0.5};
    l->training = (bp_training){.epochs = 1000, .error_threshold = -1,
                                .tolerance = 0.5};
    return true;
}

/* A credit from 0 to 1. */
static bool read_credit(lr_loader *ld, const yr_node *node, const char *what,
                        double *out)
{
    if (!node)
        return true;
    if (!lr_read_number(ld, node, what, out))
        return false;
    if (*out < 0 || *out > 1)
        return lr_fail(ld, node, "%s must be from 0 to 1, not %s", what,
                       node->text);
    return true;
}

/* grading: {ecf_credit: 1, coarse_credit: 0.5, min_decimals: 0} */
static bool read_grading(lr_loader *ld, const yr_node *node)
{
    static const lr_key keys[] = {
        {"ecf_credit", false},
        {"coarse_credit", false},
        {"min_decimals", false},
        {NULL, false},
    };
    bp_grading *g = &ld->lesson->grading;
    if (!lr_check_mapping(ld, node, "'grading'", keys) ||
        !read_credit(ld, yr_map_get(node, "ecf_credit"), "'ecf_credit'",
                     &g->ecf_credit) ||
        !read_credit(ld, yr_map_get(node, "coarse_credit"), "'coarse_credit'",
                     &g->coarse_credit))
        return false;
    const yr_node *min = yr_map_get(node, "min_decimals");
    double d;
    if (!min)
        return true;
    if (!lr_read_number(ld, min, "'min_decimals'", &d))
        return false;
    if (d < 0 || d > 15 || d != (int)d)
        return lr_fail(ld, min, "'min_decimals' must be a whole number from "
                                "0 to 15, not %s", min->text);
    g->min_decimals = (int)d;
    return true;
}

/* What the lesson works: a network on its examples, or an exercise.
 * 'training' comes first: its 'init' says the weights are not given. */
static bool read_body(lr_loader *ld, const yr_node *root)
{
    const yr_node *exercise = yr_map_get(root, "exercise");
    const yr_node *training = yr_map_get(root, "training");
    bp_lesson *l = ld->lesson;
    if (exercise)
        return lr_read_exercise(ld, exercise);
    if (training && !lr_read_training(ld, training))
        return false;
    l->training.pos = training ? lr_map_key(root, "training")->pos
                               : (bp_pos){0, 0};
    if (!lr_read_network(ld, yr_map_get(root, "network")))
        return false;
    if (l->training.init)
        bp_lesson_draw_weights(l, l->training.init_low,
                               l->training.init_high, l->training.seed,
                               l->training.init_biases);
    return lr_read_examples(ld, root) &&
           read_learning_rate(ld, yr_map_get(root, "learning_rate"));
}

static bool read_lesson(lr_loader *ld, const yr_node *root)
{
    if (!set_defaults(ld) ||
        !lr_check_mapping(ld, root, "the lesson", lesson_keys) ||
        !check_lesson_kind(ld, root) || !read_texts(ld, root))
        return false;
    const yr_node *v;
    if ((v = yr_map_get(root, "notation")) && !read_notation(ld, v))
        return false;
    if (!read_body(ld, root))
        return false;
    if (!yr_map_get(root, "exercise") &&
        (!lr_read_loss(ld, root) || !lr_check_example_targets(ld, root)))
        return false;
    if ((v = yr_map_get(root, "rounding")) && !read_rounding(ld, v))
        return false;
    if ((v = yr_map_get(root, "lecture")) && !read_lecture(ld, v))
        return false;
    if ((v = yr_map_get(root, "errata")) && !read_errata(ld, v))
        return false;
    if ((v = yr_map_get(root, "grading")) && !read_grading(ld, v))
        return false;
    if ((v = yr_map_get(root, "variants")) && !lr_read_variants(ld, v))
        return false;
    return true;
}

static bp_lesson *parse(const char *name, const char *data, size_t len,
                        bp_error *err, bool wide)
{
    bp_error local;
    if (!err)
        err = &local;
    if (!name)
        name = "";
    yr_document *doc = yr_read(name, data, len, err);
    if (!doc) {
        lr_make_one_line(err->message);
        return NULL;
    }
    lr_loader ld = {.name = name, .err = err, .wide = wide};
    ld.lesson = calloc(1, sizeof *ld.lesson);
    bool ok = ld.lesson ? read_lesson(&ld, yr_root(doc)) : lr_fail_nomem(&ld);
    yr_free(doc);
    if (!ok) {
        lr_make_one_line(err->message);
        yr_fill_source_line(err, data, len);
        bp_lesson_free(ld.lesson);
        return NULL;
    }
    return ld.lesson;
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

bp_lesson *bp_lesson_parse(const char *name, const char *data, size_t len,
                           bp_error *err)
{
    return parse(name, data, len, err, false);
}

static bp_lesson *load(const char *path, bp_error *err, bool wide)
{
    char *data = NULL;
    size_t len = 0;
    if (!lr_read_file(path, "the lesson", &data, &len, err))
        return NULL;
    bp_lesson *lesson = parse(path, data, len, err, wide);
    free(data);
    return lesson;
}

bp_lesson *bp_lesson_load(const char *path, bp_error *err)
{
    return load(path, err, false);
}

bp_lesson *bp_lesson_load_wide(const char *path, bp_error *err)
{
    return load(path, err, true);
}

const char *bp_lesson_title(const bp_lesson *lesson)
{
    return lesson->title;
}

int bp_lesson_unit_count(const bp_lesson *lesson)
{
    return lesson->n_units;
}

const char *bp_lesson_unit_label(const bp_lesson *lesson, int u)
{
    return u >= 0 && u < lesson->n_units ? lesson->units[u].label : NULL;
}

int bp_lesson_output_count(const bp_lesson *lesson)
{
    return lesson->n_layers ? lesson->layers[lesson->n_layers - 1].count : 0;
}

int bp_lesson_weight_count(const bp_lesson *lesson)
{
    return lesson->n_weights;
}

const bp_grading *bp_lesson_grading(const bp_lesson *lesson)
{
    return &lesson->grading;
}

void bp_lesson_free(bp_lesson *lesson)
{
    if (!lesson)
        return;
    free(lesson->file);
    free(lesson->title);
    free(lesson->source);
    free(lesson->section);
    free(lesson->description);
    free(lesson->eta_note);
    free(lesson->layers);
    free(lesson->units);
    free(lesson->weights);
    free(lesson->lecture);
    free(lesson->errata);
    lr_exercise_free(lesson->exercise);
    free(lesson->variants.given);
    free(lesson->own_values);
    lr_example_set_free(&lesson->examples);
    lr_example_set_free(&lesson->validation);
    free(lesson);
}
