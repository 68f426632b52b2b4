/* report_train.c: the reports of `bptrace train` (text, JSON, CSV) and of
 * `bptrace gradcheck` (text).  They lay out what train.c computed.
 */
#include "lesson/lesson_internal.h"
#include "train/report.h"
#include "util/json.h"
#include "train/plot.h"
#include "write/symbols.h"
#include "render/text.h"
#include "util/strings.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NUM 64
#define MAX_CURVES 16

static const char *const stop_names[] = {
    "epochs", "threshold", "patience", "plateau", "diverged",
};

static const char *mode_name(bp_train_mode mode)
{
    return mode == BP_TRAIN_BATCH ? "batch" : "stochastic";
}

/* x with `digits` significant digits; "-" when it is not a number. */
static const char *num(char *buf, double x, int digits)
{
    if (isnan(x))
        return strcpy(buf, "-");
    return bp_format_sig(buf, NUM, x, digits);
}

/* An error E (or a validation error): always 6 significant digits, the
 * trailing zeros kept, so that 0.50000000761 reads 0.500000 and not an
 * exact-looking 0.5; "-" when it is not a number. */
static const char *num_e(char *buf, double x)
{
    if (isnan(x))
        return strcpy(buf, "-");
    return bp_format(buf, NUM, x, (bp_precision){BP_ROUND_SIGNIFICANT, 6});
}

/* x to `decimals` places, rounded half away from zero. */
static const char *fixed(char *buf, double x, int decimals)
{
    return bp_format(buf, NUM, x, (bp_precision){BP_ROUND_DECIMALS, decimals});
}

int bp_report_train_stride(int n_epochs)
{
    static const int steps[] = {1, 2, 5};
    for (long scale = 1;; scale *= 10)
        for (int i = 0; i < 3; i++)
            if (n_epochs / (steps[i] * scale) <= 50)
                return (int)(steps[i] * scale);
}

/* A text context for text_grid, which needs only the output. */
static bp_text grid_context(FILE *out, bool ascii)
{
    return (bp_text){.st = bp_style_get(ascii), .out = out};
}

/* A table written a row at a time: the row being written has cells of
 * TEXT_CELL bytes; each finished row keeps only its strings, end to end,
 * so that a table of many rows takes the bytes of its text rather than a
 * kilobyte a cell (memory touched is what a short run pays for most). */
#define GRID_COLS 6 /* the widest table: epochs with validation and test */
typedef struct {
    char row[GRID_COLS][TEXT_CELL]; /* row n, being written */
    char *text;       /* the finished rows' cells, each NUL-terminated */
    size_t len, cap;
    size_t *at;       /* where each finished cell starts in text */
    int n, cols, rows;
    bool failed;      /* out of memory keeping a row */
} grid;

static bool grid_new(grid *g, int rows, int cols)
{
    assert(cols <= GRID_COLS);
    for (int c = 0; c < GRID_COLS; c++)
        g->row[c][0] = '\0';
    g->text = NULL;
    g->len = g->cap = 0;
    g->at = malloc((size_t)rows * (size_t)cols * sizeof *g->at + 1);
    g->n = 0;
    g->cols = cols;
    g->rows = rows;
    g->failed = false;
    return g->at != NULL;
}

/* A cell of the row being written (row == g->n), empty until written. */
static char *grid_at(grid *g, int row, int col)
{
    assert(row == g->n && col < g->cols);
    (void)row;
    return g->row[col];
}

/* The row written is finished: kept, and the next one starts empty. */
static void grid_end_row(grid *g)
{
    assert(g->n < g->rows);
    for (int c = 0; c < g->cols && !g->failed; c++) {
        size_t k = strlen(g->row[c]) + 1;
        if (g->len + k > g->cap) {
            size_t cap = g->cap ? 2 * g->cap : 4096;
            while (cap < g->len + k)
                cap *= 2;
            char *t = realloc(g->text, cap);
            if (!t) {
                g->failed = true;
                break;
            }
            g->text = t;
            g->cap = cap;
        }
        memcpy(g->text + g->len, g->row[c], k);
        g->at[g->n * g->cols + c] = g->len;
        g->len += k;
    }
    for (int c = 0; c < g->cols; c++)
        g->row[c][0] = '\0'; /* every cell is written whole or not at all */
    g->n++;
}

static bp_status grid_write(grid *g, FILE *out, bool ascii)
{
    if (g->failed)
        return BP_ERR_NOMEM;
    const char **cells = malloc((size_t)g->n * (size_t)g->cols *
                                    sizeof *cells + 1);
    if (!cells)
        return BP_ERR_NOMEM;
    for (int i = 0; i < g->n * g->cols; i++)
        cells[i] = g->text + g->at[i];
    bp_text c = grid_context(out, ascii);
    bp_status rc = text_grid(&c, cells, g->n, g->cols);
    free(cells);
    return rc;
}

static void grid_free(grid *g)
{
    free(g->text);
    free(g->at);
}

/* Values joined by spaces: "1 0 1" (each as short as it is exact, or to
 * `decimals` places when decimals >= 0), or "10000000" when all are 0 or 1
 * and there are more than 3. */
static void join_values(char *buf, size_t size, const double *v, int n,
                        int decimals)
{
    bool bits = n > 3;
    for (int i = 0; i < n; i++)
        bits = bits && (v[i] == 0 || v[i] == 1);
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && len + 1 < size; i++) {
        char b[NUM];
        if (bits)
            strcpy(b, v[i] == 1 ? "1" : "0");
        else if (decimals >= 0)
            fixed(b, v[i], decimals);
        else
            bp_format(b, sizeof b, v[i], (bp_precision){BP_ROUND_NONE, 0});
        bp_concat(buf + len, size - len, i && !bits ? " " : "", b, "");
        len += strlen(buf + len);
    }
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* What E is: the lecture's equation (1), or the cross-entropy. */
static const char *loss_sentence(const bp_lesson *l)
{
    if (l->loss == BP_LOSS_SQUARED)
        return "E is the lecture's equation (1), 1/2 the sum over the "
               "examples d and the outputs k of (t_kd - o_kd)^2, with the "
               "weights at the end of the epoch.";
    if (l->layers[l->n_layers - 1].activation == BP_ACT_SOFTMAX)
        return "E is the cross-entropy of the softmax outputs, -(the sum "
               "over the examples d and the outputs k of t_kd ln o_kd), with "
               "the weights at the end of the epoch; its error terms are "
               "delta_k = t_k - o_k.";
    return "E is the cross-entropy, -(the sum over the examples d and the "
           "outputs k of t_kd ln o_kd + (1 - t_kd) ln(1 - o_kd)), with the "
           "weights at the end of the epoch; its error terms are "
           "delta_k = t_k - o_k.";
}

static void write_setup(const bp_train_report *r, FILE *out)
{
    const bp_lesson *l = r->lesson;
    const bp_training *t = &r->cfg->rules;
    const bp_style *st = bp_style_get(r->ascii);
    char a[NUM], b[NUM];
    fprintf(out, "Training: %s\n", l->title);
    fprintf(out, "  Examples: %d for training", l->examples.n);
    if (r->data)
        fprintf(out, " (from %s)", r->data);
    if (l->validation.n)
        fprintf(out, ", %d for validation", l->validation.n);
    if (r->test)
        fprintf(out, ", %d held out for testing (%s)", r->test->n,
                r->test_from);
    fputc('\n', out);
    if (r->standardized)
        text_wrap(out, "  ", "    ", "Inputs: standardised: each input "
                  "less its mean over the training set, divided by its "
                  "standard deviation there (the test set by the same "
                  "numbers; a constant input becomes 0)");
    if (r->n_classes > 0) {
        const bp_layer *o = &l->layers[l->n_layers - 1];
        fputs("  Classes (one-hot):", out);
        for (int k = 0; k < r->n_classes; k++)
            fprintf(out, "%s %s = %s", k ? "," : "", r->classes[k],
                    l->units[o->first + k].label);
        fputc('\n', out);
    }
    if (t->mode == BP_TRAIN_BATCH)
        fputs("  Mode: batch: the changes of every example are summed over "
              "the epoch, then\n    applied\n", out);
    else
        fputs("  Mode: stochastic: the weights change after each example "
              "(the lecture's\n    default)\n", out);
    if (r->n_runs == 1)
        fprintf(out, "  Learning rate: %s = %s\n", st->eta,
                num(a, r->runs[0].eta, 6));
    if (t->momentum > 0)
        fprintf(out, "  Momentum: %sw(n) = %s%sx + %s%sw(n - 1) with "
                "alpha = %s\n", st->Delta, st->eta, st->delta,
                r->ascii ? "alpha " : "\xce\xb1", st->Delta,
                num(b, t->momentum, 6));
    if (r->drawn)
        fprintf(out, "  Initial weights: drawn uniformly from [%s, %s] with "
                "seed %llu\n", num(a, t->init_low, 6),
                num(b, t->init_high, 6), t->seed);
    else
        fputs("  Initial weights: as the lesson gives them\n", out);
    char stop[1024];
    size_t len = (size_t)snprintf(stop, sizeof stop,
                                  "Stopping: after at most %d epochs",
                                  t->epochs);
    if (t->error_threshold >= 0 && len < sizeof stop)
        len += (size_t)snprintf(stop + len, sizeof stop - len,
                                "; when E <= %s",
                                num(a, t->error_threshold, 6));
    if (t->patience > 0 && len < sizeof stop)
        len += (size_t)snprintf(stop + len, sizeof stop - len,
                                "; when the validation error has not "
                                "improved for %d epochs", t->patience);
    if (t->plateau_epochs > 0 && len < sizeof stop)
        snprintf(stop + len, sizeof stop - len,
                 "; when E falls by less than %s over %d epochs (stuck)",
                 num(a, t->plateau_min, 6), t->plateau_epochs);
    text_wrap(out, "  ", "    ", stop);
    text_wrap(out, "  ", "  ", loss_sentence(l));

}

static bp_status write_epochs(const bp_train_report *r, const bp_train_run *run,
                              FILE *out)
{
    const bp_train_result *res = &run->result;
    bool val = r->lesson->validation.n > 0, test = r->test != NULL;
    int k = bp_report_train_stride(res->n_epochs);
    grid g;
    if (!grid_new(&g, res->n_epochs / k + 3, 6))
        return BP_ERR_NOMEM;
    int cols = (val ? 4 : 3) + (test ? 2 : 0), width = 5; /* "Epoch" */
    for (int e = res->n_epochs; e >= 100000 && width < 10; e /= 10)
        width++;
    g.cols = cols;
    strcpy(grid_at(&g, 0, 0), "Epoch");
    strcpy(grid_at(&g, 0, 1), "E");
    strcpy(grid_at(&g, 0, 2), val ? "E (validation)" : "Wrong");
    if (val)
        strcpy(grid_at(&g, 0, 3), "Wrong");
    if (test) {
        strcpy(grid_at(&g, 0, cols - 3), "E (test)");
        strcpy(grid_at(&g, 0, cols - 2), "Accuracy (test)");
        strcpy(grid_at(&g, 0, cols - 1), "Wrong");
    }
    grid_end_row(&g);
    for (int e = 0; e <= res->n_epochs; e++) {
        if (e % k != 0 && e != res->n_epochs)
            continue;
        const bp_epoch *ep = bp_train_at(res, e);
        /* right-aligned: text_grid aligns the first column left */
        snprintf(grid_at(&g, g.n, 0), 16, "%*d", width, e);
        num_e(grid_at(&g, g.n, 1), ep->error);
        if (val)
            num_e(grid_at(&g, g.n, 2), ep->validation);
        if (test) {
            num_e(grid_at(&g, g.n, cols - 3), ep->test_error);
            snprintf(grid_at(&g, g.n, cols - 2), TEXT_CELL, "%d/%d (%.1f%%)",
                     ep->test_right, r->test->n,
                     100.0 * ep->test_right / r->test->n);
        }
        snprintf(grid_at(&g, g.n, cols - 1), TEXT_CELL, "%d/%d", ep->wrong,
                 r->lesson->examples.n);
        grid_end_row(&g);
    }
    if (k > 1)
        fprintf(out, "  (every %d%s epoch, and the last; --format csv has "
                "them all)\n", k, k == 2 ? "nd" : "th");
    bp_status rc = grid_write(&g, out, r->ascii);
    grid_free(&g);
    fputs("  Wrong: examples with an output farther than the tolerance "
          "from its target.\n", out);
    if (test)
        text_wrap(out, "  ", "  ", r->lesson->examples.n_targets > 1
                  ? "Accuracy: test examples whose largest output is the "
                    "unit of their largest target."
                  : "Accuracy: test examples whose output is within the "
                    "tolerance of its target.");
    return rc;
}

/* Whether E fell over the last tenth of the epochs run (at least one),
 * from the last measured epoch at or before its start. */
static bool still_falling(const bp_train_result *res)
{
    int n = res->n_epochs, back = n / 10 > 0 ? n / 10 : 1, from = n - back;
    while (from > 0 && bp_train_at(res, from)->wrong < 0)
        from--;
    return n > 0 &&
           bp_train_at(res, n)->error < bp_train_at(res, from)->error;
}

static void write_stop(const bp_train_report *r, const bp_train_run *run,
                       FILE *out)
{
    const bp_train_result *res = &run->result;
    const bp_training *t = &r->cfg->rules;
    const bp_epoch *last = bp_train_at(res, res->n_epochs);
    char a[NUM], b[NUM], c[NUM];
    int n = res->n_epochs, total = r->lesson->examples.n;
    char msg[1024] = ""; /* each reason below fills it */
    switch (res->stop) {
    case BP_STOP_EPOCHS:
        snprintf(msg, sizeof msg, "Stopped: the maximum of %d epochs was "
                 "reached (E = %s).", n, num_e(a, last->error));
        break;
    case BP_STOP_THRESHOLD:
        snprintf(msg, sizeof msg, "Stopped after epoch %d: E = %s is at or "
                 "below the error threshold %s.", n, num_e(a, last->error),
                 num(b, t->error_threshold, 6));
        break;
    case BP_STOP_PATIENCE:
        snprintf(msg, sizeof msg, "Stopped after epoch %d: the validation "
                 "error has not improved for %d epochs. Its lowest, %s, was "
                 "after epoch %d: the network keeps the weights of that "
                 "epoch.", n, t->patience,
                 num_e(a, bp_train_at(res, res->best_epoch)->validation),
                 res->best_epoch);
        break;
    case BP_STOP_PLATEAU:
        snprintf(msg, sizeof msg, "Stopped after epoch %d: stuck: E no "
                 "longer falls. Over the last %d epochs it went from %s to "
                 "%s, less than %s lower.", n, t->plateau_epochs,
                 num_e(a, bp_train_at(res, n - t->plateau_epochs)->error),
                 num_e(b, last->error), num(c, t->plateau_min, 6));
        break;
    case BP_STOP_DIVERGED:
        snprintf(msg, sizeof msg, "Stopped after epoch %d: E is no longer a "
                 "finite number: the weights diverged. Try a smaller "
                 "learning rate.", n);
        break;
    }
    text_wrap(out, "", "  ", msg);
    const bp_epoch *judged = res->stop == BP_STOP_PATIENCE
                                 ? bp_train_at(res, res->best_epoch)
                                 : last;
    if (judged->wrong == 0) {
        snprintf(msg, sizeof msg, "Every training example has all its "
                 "outputs within %s of their targets.",
                 num(a, t->tolerance, 6));
    } else {
        /* Stuck only when E no longer falls: the plateau rule fired, or
         * the epochs ran out with E no lower than a tenth of the run
         * before. */
        bool falling = res->stop == BP_STOP_EPOCHS && still_falling(res);
        bool stuck = res->stop == BP_STOP_PLATEAU ||
                     (res->stop == BP_STOP_EPOCHS && !falling);
        snprintf(msg, sizeof msg, "%d of %d training examples still have an "
                 "output farther than %s from its target%s", judged->wrong,
                 total, num(a, t->tolerance, 6),
                 stuck ? ": the network is stuck (a local minimum, or a "
                         "flat stretch of the error surface). Try another "
                         "seed (--seed) or more epochs."
                 : falling ? ". E was still falling: more epochs, or a "
                             "larger eta, may get there."
                           : ".");
    }
    text_wrap(out, "  ", "  ", msg);
}

/* Initial and final value of every weight and bias. */
static bp_status write_weights(const bp_train_report *r,
                               const bp_train_run *run, FILE *out)
{
    const bp_lesson *l = r->lesson;
    const bp_style *st = bp_style_get(r->ascii);
    grid g;
    if (!grid_new(&g, l->n_weights + l->n_units + 1, 3))
        return BP_ERR_NOMEM;
    strcpy(grid_at(&g, 0, 0), "Parameter");
    strcpy(grid_at(&g, 0, 1), "Initial");
    strcpy(grid_at(&g, 0, 2), "Final");
    grid_end_row(&g);
    bp_symbol sym;
    char joined[BP_SYMBOL_SUB_MAX];
    for (int i = 0; i < l->n_weights; i++) {
        int s = bp_net_weight_slot(run->final, l, i);
        bp_symbol_weight(l, i, &sym);
        bp_sym(st, sym.base, bp_symbol_sub(&sym, joined, sizeof joined),
               grid_at(&g, g.n, 0), TEXT_CELL);
        num(grid_at(&g, g.n, 1), r->initial->w[s], 4);
        num(grid_at(&g, g.n, 2), run->final->w[s], 4);
        grid_end_row(&g);
    }
    for (int u = 0; u < l->n_units; u++) {
        if (l->units[u].layer == 0 || !l->units[u].has_bias)
            continue;
        bp_symbol_bias(l, u, &sym);
        bp_sym(st, sym.base, bp_symbol_sub(&sym, joined, sizeof joined),
               grid_at(&g, g.n, 0), TEXT_CELL);
        num(grid_at(&g, g.n, 1), r->initial->b[u], 4);
        num(grid_at(&g, g.n, 2), run->final->b[u], 4);
        grid_end_row(&g);
    }
    fputs("\nWeights\n", out);
    bp_status rc = grid_write(&g, out, r->ascii);
    grid_free(&g);
    return rc;
}

static bp_status write_outputs(const bp_train_report *r,
                               const bp_train_run *run, FILE *out)
{
    const bp_example_set *set = &r->lesson->examples;
    grid g;
    if (!grid_new(&g, set->n + 1, 5))
        return BP_ERR_NOMEM;
    strcpy(grid_at(&g, 0, 0), "#");
    strcpy(grid_at(&g, 0, 1), "Inputs");
    strcpy(grid_at(&g, 0, 2), "Targets");
    strcpy(grid_at(&g, 0, 3), "Outputs");
    strcpy(grid_at(&g, 0, 4), "Result");
    grid_end_row(&g);
    for (int d = 0; d < set->n; d++) {
        const double *t = set->targets + (size_t)d * set->n_targets;
        const double *o = run->outputs + (size_t)d * set->n_targets;
        bool right = true;
        for (int k = 0; k < set->n_targets; k++)
            right = right && fabs(t[k] - o[k]) <= r->cfg->rules.tolerance;
        snprintf(grid_at(&g, g.n, 0), TEXT_CELL, "%d", d + 1);
        join_values(grid_at(&g, g.n, 1), TEXT_CELL,
                    set->inputs + (size_t)d * set->n_inputs, set->n_inputs,
                    -1);
        join_values(grid_at(&g, g.n, 2), TEXT_CELL, t, set->n_targets, -1);
        join_values(grid_at(&g, g.n, 3), TEXT_CELL, o, set->n_targets,
                    set->n_targets > 3 ? 2 : 4);
        strcpy(grid_at(&g, g.n, 4), right ? "right" : "wrong");
        grid_end_row(&g);
    }
    fputs("\nOutputs on every training example\n", out);
    bp_status rc = grid_write(&g, out, r->ascii);
    grid_free(&g);
    return rc;
}

/* Mitchell's Figure 4.7: input -> hidden values -> the binary code they
 * round to. */
static bp_status write_hidden(const bp_train_report *r, const bp_train_run *run,
                              FILE *out)
{
    const bp_lesson *l = r->lesson;
    const bp_example_set *set = &l->examples;
    if (!run->hidden)
        return 0;
    int nh = l->layers[1].count;
    grid g;
    if (!grid_new(&g, set->n + 1, 4))
        return BP_ERR_NOMEM;
    strcpy(grid_at(&g, 0, 0), "Input");
    strcpy(grid_at(&g, 0, 1), "Hidden values");
    strcpy(grid_at(&g, 0, 2), "Code");
    strcpy(grid_at(&g, 0, 3), "Output");
    grid_end_row(&g);
    for (int d = 0; d < set->n; d++) {
        const double *h = run->hidden + (size_t)d * (size_t)nh;
        const double *o = run->outputs + (size_t)d * set->n_targets;
        join_values(grid_at(&g, g.n, 0), TEXT_CELL,
                    set->inputs + (size_t)d * set->n_inputs, set->n_inputs,
                    -1);
        join_values(grid_at(&g, g.n, 1), TEXT_CELL, h, nh, 2);
        char *code = grid_at(&g, g.n, 2);
        int j = 0;
        for (; j < nh && j < TEXT_CELL - 1; j++)
            code[j] = h[j] >= 0.5 ? '1' : '0';
        code[j] = '\0';
        char *outs = grid_at(&g, g.n, 3);
        int k = 0;
        for (; k < set->n_targets && k < TEXT_CELL - 1; k++)
            outs[k] = o[k] >= 0.5 ? '1' : '0';
        outs[k] = '\0';
        grid_end_row(&g);
    }
    fprintf(out, "\nHidden values after training (Mitchell's Figure 4.7)\n");
    bp_status rc = grid_write(&g, out, r->ascii);
    grid_free(&g);
    fputs("  Code: each hidden value rounded to 0 or 1 (at 0.5); Output: "
          "each output so\n  rounded.\n", out);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Learning curves                                                     */
/* ------------------------------------------------------------------ */

/* The curves of a report: E after each epoch (1 .. n_epochs) of each run,
 * and the validation error of a single run with a validation set. */
typedef struct {
    bp_curve curve[2 * MAX_CURVES];
    char label[2 * MAX_CURVES][NUM];
    double *y[2 * MAX_CURVES];
    int n;
} curve_set;

static void curves_free(curve_set *cs)
{
    for (int i = 0; i < cs->n; i++)
        free(cs->y[i]);
}

typedef enum { CURVE_TRAINING, CURVE_VALIDATION, CURVE_TEST } curve_of;

static bool curve_add(curve_set *cs, const bp_train_result *res,
                      curve_of which, const char *label)
{
    int n = res->n_epochs;
    double *y = malloc(((size_t)n + 1) * sizeof *y);
    if (!y)
        return false;
    for (int e = 1; e <= n; e++)
        y[e - 1] = NAN; /* not measured: not drawn */
    for (int i = 0; i < res->n_measured; i++) {
        const bp_epoch *ep = &res->measured[i];
        if (ep->epoch >= 1 && ep->epoch <= n)
            y[ep->epoch - 1] = which == CURVE_VALIDATION ? ep->validation
                               : which == CURVE_TEST     ? ep->test_error
                                                         : ep->error;
    }
    cs->y[cs->n] = y;
    snprintf(cs->label[cs->n], NUM, "%s", label);
    cs->curve[cs->n] = (bp_curve){cs->label[cs->n], y, n};
    cs->n++;
    return true;
}

static bool curves_make(const bp_train_report *r, curve_set *cs)
{
    const bp_style *st = bp_style_get(r->ascii);
    cs->n = 0;
    bool val = r->lesson->validation.n > 0 && r->n_runs == 1;
    for (int i = 0; i < r->n_runs && i < MAX_CURVES; i++) {
        char label[NUM], b[NUM];
        if (r->n_runs > 1)
            snprintf(label, sizeof label, "%s = %s", st->eta,
                     num(b, r->runs[i].eta, 6));
        else
            snprintf(label, sizeof label, "%s",
                     val || r->test ? "E (training)" : "E");
        if (!curve_add(cs, &r->runs[i].result, CURVE_TRAINING, label)) {
            curves_free(cs);
            return false;
        }
    }
    if (val && !curve_add(cs, &r->runs[0].result, CURVE_VALIDATION,
                            "E (validation)")) {
        curves_free(cs);
        return false;
    }
    if (r->test && r->n_runs == 1 &&
        !curve_add(cs, &r->runs[0].result, CURVE_TEST, "E (test)")) {
        curves_free(cs);
        return false;
    }
    return true;
}

static bp_status write_curve(const bp_train_report *r, FILE *out)
{
    curve_set cs;
    if (r->runs[0].result.n_epochs == 0)
        return 0;
    if (!curves_make(r, &cs))
        return BP_ERR_NOMEM;
    fputs("\nLearning curve: E after each epoch\n", out);
    bp_status rc = bp_plot_text(cs.curve, cs.n, "E", r->ascii, out);
    curves_free(&cs);
    return rc;
}

bp_status bp_report_train_svg(const bp_train_report *r, FILE *out)
{
    curve_set cs;
    if (!curves_make(r, &cs))
        return BP_ERR_NOMEM;
    char title[512];
    snprintf(title, sizeof title, "%s: learning curve%s", r->lesson->title,
             cs.n > 1 ? "s" : "");
    const char *y = r->lesson->loss == BP_LOSS_SQUARED
                        ? "E = 1/2 sum over d and k of (t - o)^2"
                        : "E (cross-entropy)";
    bp_status rc = bp_plot_svg(cs.curve, cs.n, title, "Epoch", y, out);
    curves_free(&cs);
    return rc;
}

/* --compare-eta: a line per rate. */
static bp_status write_comparison(const bp_train_report *r, FILE *out)
{
    const bp_style *st = bp_style_get(r->ascii);
    grid g;
    if (!grid_new(&g, r->n_runs + 1, 5))
        return BP_ERR_NOMEM;
    strcpy(grid_at(&g, 0, 0), st->eta);
    strcpy(grid_at(&g, 0, 1), "Epochs");
    strcpy(grid_at(&g, 0, 2), "E (final)");
    strcpy(grid_at(&g, 0, 3), "Wrong");
    strcpy(grid_at(&g, 0, 4), "Stopped");
    grid_end_row(&g);
    for (int i = 0; i < r->n_runs; i++) {
        const bp_train_result *res = &r->runs[i].result;
        const bp_epoch *last = bp_train_at(res, res->n_epochs);
        num(grid_at(&g, g.n, 0), r->runs[i].eta, 6);
        snprintf(grid_at(&g, g.n, 1), TEXT_CELL, "%d", res->n_epochs);
        num_e(grid_at(&g, g.n, 2), last->error);
        snprintf(grid_at(&g, g.n, 3), TEXT_CELL, "%d/%d", last->wrong,
                 r->lesson->examples.n);
        strcpy(grid_at(&g, g.n, 4), stop_names[res->stop]);
        grid_end_row(&g);
    }
    fputs("\nLearning rates compared (lecture section 9.2), from the same "
          "initial weights\n", out);
    bp_status rc = grid_write(&g, out, r->ascii);
    grid_free(&g);
    return rc;
}

bp_status bp_report_train_text(const bp_train_report *r, FILE *out)
{
    bp_status rc;
    write_setup(r, out);
    if (r->n_runs > 1) {
        if ((rc = write_comparison(r, out)) != BP_OK ||
            (rc = write_curve(r, out)) != BP_OK)
            return rc;
        return ferror(out) ? BP_ERR_IO : BP_OK;
    }
    const bp_train_run *run = &r->runs[0];
    fputc('\n', out);
    if ((rc = write_epochs(r, run, out)) != BP_OK ||
        (rc = write_curve(r, out)) != BP_OK)
        return rc;
    fputc('\n', out);
    write_stop(r, run, out);
    if (r->data) /* a data set's weights and outputs are too many to list */
        return ferror(out) ? BP_ERR_IO : BP_OK;
    if ((rc = write_weights(r, run, out)) != BP_OK ||
        (rc = write_outputs(r, run, out)) != BP_OK ||
        (rc = write_hidden(r, run, out)) != BP_OK)
        return rc;
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

/* ------------------------------------------------------------------ */
/* JSON and CSV                                                        */
/* ------------------------------------------------------------------ */

static void json_epochs(const bp_train_result *res,
                        const bp_example_set *test, FILE *out)
{
    fputs("[", out);
    for (int e = 0; e <= res->n_epochs; e++) {
        const bp_epoch *ep = bp_train_at(res, e);
        fprintf(out, "%s\n    {\"epoch\": %d, \"error\": ", e ? "," : "", e);
        bp_json_number(out, ep->error);
        fputs(", \"validation_error\": ", out);
        bp_json_number(out, ep->validation);
        fprintf(out, ", \"wrong\": %d", ep->wrong);
        if (test && ep->wrong >= 0) {
            fputs(", \"test_error\": ", out);
            bp_json_number(out, ep->test_error);
            fprintf(out, ", \"test_right\": %d", ep->test_right);
        }
        fputc('}', out);
    }
    fputs("\n  ]", out);
}

static void json_params(const bp_train_report *r, const bp_net *net,
                        FILE *out)
{
    const bp_lesson *l = r->lesson;
    char name[BP_NAME_MAX];
    bool first = true;
    fputs("{", out);
    for (int i = 0; i < l->n_weights; i++) {
        bp_name_weight(l, i, name, sizeof name);
        fprintf(out, "%s", first ? "" : ", ");
        bp_json_string(out, name);
        fputs(": ", out);
        bp_json_number(out, net->w[bp_net_weight_slot(net, l, i)]);
        first = false;
    }
    for (int u = 0; u < l->n_units; u++) {
        if (l->units[u].layer == 0 || !l->units[u].has_bias)
            continue;
        bp_name_bias(l, u, name, sizeof name);
        fprintf(out, "%s", first ? "" : ", ");
        bp_json_string(out, name);
        fputs(": ", out);
        bp_json_number(out, net->b[u]);
        first = false;
    }
    fputs("}", out);
}

static void json_run(const bp_train_report *r, const bp_train_run *run,
                     FILE *out)
{
    const bp_train_result *res = &run->result;
    fputs("{\n  \"learning_rate\": ", out);
    bp_json_number(out, run->eta);
    fprintf(out, ",\n  \"stop\": {\"reason\": \"%s\", \"epochs\": %d",
            stop_names[res->stop], res->n_epochs);
    if (res->stop == BP_STOP_PATIENCE)
        fprintf(out, ", \"best_epoch\": %d", res->best_epoch);
    fputs("},\n  \"epochs\": ", out);
    json_epochs(res, r->test, out);
    fputs(",\n  \"initial_weights\": ", out);
    json_params(r, r->initial, out);
    fputs(",\n  \"final_weights\": ", out);
    json_params(r, run->final, out);
    const bp_example_set *set = &r->lesson->examples;
    fputs(",\n  \"outputs\": [", out);
    for (int d = 0; d < set->n; d++) {
        fputs(d ? ", [" : "[", out);
        for (int k = 0; k < set->n_targets; k++) {
            if (k)
                fputs(", ", out);
            bp_json_number(out, run->outputs[(size_t)d * set->n_targets + k]);
        }
        fputs("]", out);
    }
    fputs("]", out);
    if (run->hidden) {
        int nh = r->lesson->layers[1].count;
        fputs(",\n  \"hidden\": [", out);
        for (int d = 0; d < set->n; d++) {
            fputs(d ? ", [" : "[", out);
            for (int j = 0; j < nh; j++) {
                if (j)
                    fputs(", ", out);
                bp_json_number(out, run->hidden[(size_t)d * nh + j]);
            }
            fputs("]", out);
        }
        fputs("]", out);
    }
    fputs("\n}", out);
}

bp_status bp_report_train_json(const bp_train_report *r, FILE *out)
{
    const bp_training *t = &r->cfg->rules;
    fputs("{\n\"bptrace\": \"" BP_VERSION "\",\n\"lesson\": {\"file\": ",
          out);
    bp_json_string(out, r->lesson->file);
    fputs(", \"title\": ", out);
    bp_json_string(out, r->lesson->title);
    fprintf(out, ", \"examples\": %d, \"validation_examples\": %d},\n",
            r->lesson->examples.n, r->lesson->validation.n);
    fprintf(out, "\"mode\": \"%s\",\n\"loss\": \"%s\",\n\"momentum\": ",
            mode_name(t->mode), bp_loss_name(r->lesson->loss));
    bp_json_number(out, t->momentum);
    fputs(",\n\"initial_weights\": ", out);
    if (r->drawn) {
        fputs("{\"drawn\": true, \"range\": [", out);
        bp_json_number(out, t->init_low);
        fputs(", ", out);
        bp_json_number(out, t->init_high);
        fprintf(out, "], \"seed\": %llu}", t->seed);
    } else {
        fputs("{\"drawn\": false}", out);
    }
    fputs(",\n\"runs\": [", out);
    for (int i = 0; i < r->n_runs; i++) {
        fputs(i ? ", " : "", out);
        json_run(r, &r->runs[i], out);
    }
    fputs("]\n}\n", out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

static void csv_number(FILE *out, double x)
{
    if (isfinite(x))
        bp_json_number(out, x);
}

bp_status bp_report_train_csv(const bp_train_report *r, FILE *out)
{
    fputs(r->test ? "learning_rate,epoch,error,validation_error,wrong,"
                    "test_error,test_right\n"
                  : "learning_rate,epoch,error,validation_error,wrong\n",
          out);
    for (int i = 0; i < r->n_runs; i++) {
        const bp_train_result *res = &r->runs[i].result;
        for (int e = 0; e <= res->n_epochs; e++) {
            csv_number(out, r->runs[i].eta);
            fprintf(out, ",%d,", e);
            const bp_epoch *ep = bp_train_at(res, e);
            csv_number(out, ep->error);
            fputc(',', out);
            csv_number(out, ep->validation);
            fprintf(out, ",%d", ep->wrong);
            if (r->test) {
                fputc(',', out);
                csv_number(out, ep->test_error);
                fprintf(out, ",%d", ep->test_right);
            }
            fputc('\n', out);
        }
    }
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

/* ------------------------------------------------------------------ */
/* The gradient check                                                  */
/* ------------------------------------------------------------------ */

bp_status bp_report_gradcheck_text(const bp_gradcheck_report *r, FILE *out)
{
    const bp_lesson *l = r->lesson;
    const bp_style *st = bp_style_get(r->ascii);
    grid g;
    if (!grid_new(&g, r->n + 1, 5))
        return BP_ERR_NOMEM;
    strcpy(grid_at(&g, 0, 0), "Parameter");
    snprintf(grid_at(&g, 0, 1), TEXT_CELL, "Backprop dE/dw");
    strcpy(grid_at(&g, 0, 2), "Finite difference");
    strcpy(grid_at(&g, 0, 3), "Relative difference");
    strcpy(grid_at(&g, 0, 4), "Result");
    grid_end_row(&g);
    int bad = 0, row = 0;
    bp_symbol sym;
    char joined[BP_SYMBOL_SUB_MAX];
    for (int i = 0; i < l->n_weights + l->n_units && row < r->n; i++) {
        const bp_gradient *gr;
        if (i < l->n_weights) {
            gr = &r->grads[bp_net_weight_slot(r->net, l, i)];
            bp_symbol_weight(l, i, &sym);
        } else {
            int u = i - l->n_weights;
            if (l->units[u].layer == 0 || !l->units[u].has_bias)
                continue;
            gr = &r->grads[row];
            bp_symbol_bias(l, u, &sym);
        }
        row++;
        bp_sym(st, sym.base, bp_symbol_sub(&sym, joined, sizeof joined),
               grid_at(&g, g.n, 0), TEXT_CELL);
        num(grid_at(&g, g.n, 1), gr->backprop, 8);
        num(grid_at(&g, g.n, 2), gr->numeric, 8);
        snprintf(grid_at(&g, g.n, 3), TEXT_CELL, "%.1e", gr->relative);
        bool ok = gr->relative < BP_GRADCHECK_TOLERANCE;
        strcpy(grid_at(&g, g.n, 4), ok ? "agree" : "DISAGREE");
        bad += !ok;
        grid_end_row(&g);
    }
    fprintf(out, "Gradient check: %s\n", l->title);
    char intro[512];
    snprintf(intro, sizeof intro, "E over all %d training example%s (%s), "
             "at the initial weights; finite "
             "differences (E(w - 2h) - 8E(w - h) + 8E(w + h) - E(w + 2h)) / "
             "12h with h = %g, E worked in long double by a forward pass of "
             "their own.", r->n_examples,
             r->n_examples == 1 ? "" : "s",
             l->loss == BP_LOSS_SQUARED ? "the lecture's equation (1)"
                                        : "the cross-entropy",
             BP_GRADCHECK_STEP);
    text_wrap(out, "  ", "  ", intro);
    fputc('\n', out);
    bp_status rc = grid_write(&g, out, r->ascii);
    grid_free(&g);
    if (rc != BP_OK)
        return rc;
    fprintf(out, "\n  Relative difference: |a - b| / max(|a|, |b|, %g); "
            "they agree below %g.\n", BP_GRADCHECK_FLOOR,
            BP_GRADCHECK_TOLERANCE);
    fprintf(out, "  %d of %d parameters agree.\n\n", r->n - bad, r->n);
    fprintf(out, "Cost, for these %d parameters and %d example%s:\n", r->n,
            r->n_examples, r->n_examples == 1 ? "" : "s");
    fprintf(out, "  Backpropagation:    %ld forward + %ld backward passes "
            "(one each per example)\n", r->backprop_passes,
            r->backprop_passes);
    fprintf(out, "  Finite differences: %ld forward passes (%d per "
            "parameter per example)\n", r->numeric_passes,
            BP_GRADCHECK_POINTS);
    text_wrap(out, "  ", "  ",
              "The lecture: backpropagation makes gradient computation "
              "\"linear in the number of weights\" (the memory hook "
              "before section 7). One backward pass costs about as much as "
              "a forward pass, O(W) for W weights, and gives every "
              "derivative at once; finite differences need forward "
              "passes for each weight (two at the least), O(W^2) in all.");
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
