/* python.c: the trace as a Python script (bptrace export --format numpy or
 * pytorch) that works the same iteration in float64, prints its values and
 * compares them with the trace's exact values, embedded in it.
 *
 * The numpy script writes each quantity of the first pass as a statement
 * of its own, in the trace's (the lecture's) order, from the quantity's
 * inputs in the graph: the forward pass unit by unit, E, the deltas
 * (output layer first, all before any update), the updates.  Then the
 * same in matrix form, layer by layer.  The PyTorch script does the
 * matrix form with autograd: delta = -dE/dnet, Delta w = -eta dE/dw.
 * Python identifiers are the trace's names (doc/students.md). */
#include "bptrace/render.h"
#include "trace/trace_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- What varies by activation and loss: one table each ----
 * Templates: {net} and {o} are replaced by a unit's (or a layer's) net
 * input and output, {t} by the targets, {lib} by np or torch, {fprime} by
 * the derivative.  An expression with np works on a number and on a
 * vector alike. */
typedef struct {
    const char *value;      /* numpy: o = f(net) */
    const char *derivative; /* numpy: f'(net), written from o as the lecture
                               does (relu from the sign of net) */
    const char *torch;      /* PyTorch: o = f(net) on a layer's vector */
    const char *vector;     /* numpy on a layer's vector, when it differs
                               from value (softmax: a function of the
                               layer); NULL otherwise */
} py_activation;

static const py_activation py_activations[] = {
    [BP_ACT_SIGMOID] = {"1.0 / (1.0 + np.exp(-{net}))", "{o} * (1.0 - {o})",
                        "torch.sigmoid({net})", NULL},
    [BP_ACT_TANH] = {"np.tanh({net})", "1.0 - {o} ** 2", "torch.tanh({net})",
                     NULL},
    [BP_ACT_RELU] = {"np.maximum({net}, 0.0)", "np.heaviside({net}, 0.0)",
                     "torch.relu({net})", NULL},
    [BP_ACT_LINEAR] = {"{net}", "1.0", "{net}", NULL},
    [BP_ACT_LEAKY_RELU] = {"np.where({net} > 0, {net}, {slope} * {net})",
                           "np.where({net} > 0, 1.0, {slope})",
                           "torch.nn.functional.leaky_relu({net}, {slope})",
                           NULL},
    /* log(1 + e^net) without overflow; its derivative is sigma(net) */
    [BP_ACT_SOFTPLUS] = {"np.logaddexp(0.0, {net})",
                         "1.0 / (1.0 + np.exp(-{net}))",
                         "torch.nn.functional.softplus({net})", NULL},
    /* a softmax unit is written from the graph's m and S (see
     * write_statement); the derivative is the Jacobian's diagonal */
    [BP_ACT_SOFTMAX] = {NULL, "{o} * (1.0 - {o})",
                        "torch.softmax({net}, dim=0)",
                        "np.exp({net} - np.max({net})) / "
                        "np.sum(np.exp({net} - np.max({net})))"},
};
_Static_assert(sizeof py_activations / sizeof py_activations[0] ==
                   BP_ACT_COUNT,
               "every activation needs its row in py_activations");

typedef struct {
    const char *error; /* E from the output layer's vectors {t} and {o} */
    const char *delta; /* an output's delta = -dE/dnet */
} py_loss;

enum { PY_SQUARED = 0, PY_CE_SIGMOID, PY_CE_SOFTMAX, PY_LOSS_COUNT };
static const py_loss py_losses[PY_LOSS_COUNT] = {
    [PY_SQUARED] = {"0.5 * {lib}.sum(({t} - {o}) ** 2)",
                    "{fprime} * ({t} - {o})"},
    [PY_CE_SIGMOID] = {"-{lib}.sum({t} * {lib}.log({o}) + "
                       "(1.0 - {t}) * {lib}.log(1.0 - {o}))",
                       "{t} - {o}"},
    [PY_CE_SOFTMAX] = {"-{lib}.sum({t} * {lib}.log({o}))", "{t} - {o}"},
};

/* ---- The writer ---- */

typedef struct {
    const bp_trace *t;
    const bp_lesson *l;
    FILE *out;
    char (*id)[BP_NAME_MAX + 2]; /* each quantity's Python identifier */
} py_writer;

/* Names the script itself uses, and Python's keywords: a trace name that
 * is one of them (an input labelled "max" or "in") gets a '_' after it.
 * The matrix form's names end in _L and a layer number, which no trace
 * name does. */
static const char *const reserved[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await",
    "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield", "np", "torch", "sys", "max", "abs", "float",
    "print", "len", "TRACE", "LOOP", "MATRIX", "TORCH", "TOLERANCE",
    "differ", "name", "exact", "E_matrix", "E_torch",
};

static void make_identifier(const char *name, char *id, size_t size)
{
    size_t n = 0;
    if (name[0] >= '0' && name[0] <= '9')
        id[n++] = 'q';
    for (const char *p = name; *p && n + 2 < size; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '_';
        id[n++] = ok ? c : '_'; /* w10,4 -> w10_4 */
    }
    id[n] = '\0';
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (strcmp(id, reserved[i]) == 0) {
            id[n++] = '_';
            id[n] = '\0';
            break;
        }
}

static const char *id_of(const py_writer *w, const bp_quantity *q)
{
    return w->id[q - w->t->q];
}

static const bp_quantity *in(const py_writer *w, const bp_quantity *q, int i)
{
    return bp_trace_input(w->t, q, i);
}

/* A number Python reads back exactly, always as a float: 1.0, not 1. */
static void put_number(FILE *out, double v)
{
    char buf[40];
    for (int digits = 15; digits <= 17; digits++) { /* the shortest */
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, out);
    if (!strpbrk(buf, ".eEn")) /* n: nan, inf */
        fputs(".0", out);
}

typedef struct {
    const char *key;   /* "{net}" */
    const char *value;
} py_subst;

/* A leaky_relu layer's slope as the templates' {slope}. */
static const char *slope_text(double slope, char *buf, size_t size)
{
    snprintf(buf, size, "%.17g", slope);
    return buf;
}

/* A template with its {keys} replaced. */
static void put_template(FILE *out, const char *tpl, const py_subst *subst,
                         int n)
{
    for (const char *p = tpl; *p;) {
        int k = 0;
        while (k < n && strncmp(p, subst[k].key, strlen(subst[k].key)) != 0)
            k++;
        if (k < n) {
            fputs(subst[k].value, out);
            p += strlen(subst[k].key);
        } else {
            fputc(*p++, out);
        }
    }
}

/* Whether the numpy script writes this quantity as a statement (and
 * checks it): the first pass's nets, outputs, E, deltas, the hidden
 * units' sums, the changes and the new parameters; softmax's m and S. */
static bool is_written(const bp_quantity *q)
{
    if (q->phase == BP_PHASE_VERIFY || q->summary)
        return false;
    switch (q->kind) {
    case BP_Q_NET: case BP_Q_ACTIVATION: case BP_Q_LOSS:
    case BP_Q_CROSS_ENTROPY: case BP_Q_OUTPUT_DELTA: case BP_Q_CE_DELTA:
    case BP_Q_SIGNAL: case BP_Q_HIDDEN_DELTA: case BP_Q_CHANGE:
    case BP_Q_NEW_PARAM: case BP_Q_MAX: case BP_Q_EXP_SUM:
        return true;
    case BP_Q_INPUT: case BP_Q_TARGET: case BP_Q_RATE: case BP_Q_WEIGHT:
    case BP_Q_BIAS: case BP_Q_VALUE: case BP_Q_PRODUCT: case BP_Q_EXP:
    case BP_Q_ERROR: case BP_Q_SQUARE: case BP_Q_DERIVATIVE:
    case BP_Q_ABS_ERROR: case BP_Q_COMPARE: case BP_Q_TOTAL: case BP_Q_LOG:
    case BP_Q_LOG_COMPLEMENT: case BP_Q_CE_TERM: case BP_Q_SOFTMAX_EXP:
    case BP_Q_GRAD_OUTPUT: case BP_Q_GRAD_ACT: case BP_Q_GRAD_NET:
    case BP_Q_GRAD_NET_CANCEL: case BP_Q_GRAD_TERM: case BP_Q_GRAD_NET_HIDDEN:
    case BP_Q_GRAD_PARAM: /* the gradient view is not exported */
    case BP_Q_KIND_COUNT:
        return false;
    }
    return false;
}

static bool is_given(const bp_quantity *q)
{
    return q->kind == BP_Q_INPUT || q->kind == BP_Q_TARGET ||
           q->kind == BP_Q_RATE || q->kind == BP_Q_WEIGHT ||
           q->kind == BP_Q_BIAS;
}

/* f'(net) of a unit, from its o and net, by the activation table. */
static void put_derivative(const py_writer *w, bp_activation act,
                           const bp_quantity *o, const bp_quantity *net)
{
    char slope[32];
    py_subst s[] = {{"{o}", id_of(w, o)}, {"{net}", id_of(w, net)},
                    {"{slope}", slope_text(o->slope, slope, sizeof slope)}};
    put_template(w->out, py_activations[act].derivative, s, 3);
}

/* "a * b + c * d + b4": a sum of products (and a bias) of the graph. */
static void put_terms(const py_writer *w, const bp_quantity *q)
{
    for (int i = 0; i < q->n_in; i++) {
        const bp_quantity *term = in(w, q, i);
        fputs(i ? " + " : "", w->out);
        if (term->kind == BP_Q_PRODUCT)
            fprintf(w->out, "%s * %s", id_of(w, in(w, term, 0)),
                    id_of(w, in(w, term, 1)));
        else
            fputs(id_of(w, term), w->out);
    }
}

/* The right-hand side of one quantity, from its inputs in the graph. */
static void put_expression(const py_writer *w, const bp_quantity *q)
{
    FILE *out = w->out;
    switch (q->kind) {
    case BP_Q_NET:
    case BP_Q_SIGNAL:
        put_terms(w, q);
        return;
    case BP_Q_ACTIVATION:
        if (q->activation == BP_ACT_SOFTMAX) { /* in: net, e^(net - m), S */
            const bp_quantity *e = in(w, q, 1);
            fprintf(out, "np.exp(%s - %s) / %s", id_of(w, in(w, e, 0)),
                    id_of(w, in(w, e, 1)), id_of(w, in(w, q, 2)));
        } else {
            char slope[32];
            py_subst s[] = {{"{net}", id_of(w, in(w, q, 0))},
                            {"{slope}", slope_text(q->slope, slope,
                                                   sizeof slope)}};
            put_template(out, py_activations[q->activation].value, s, 2);
        }
        return;
    case BP_Q_MAX:
        fputs("max(", out);
        for (int i = 0; i < q->n_in; i++)
            fprintf(out, "%s%s", i ? ", " : "", id_of(w, in(w, q, i)));
        fputs(")", out);
        return;
    case BP_Q_EXP_SUM:
        for (int i = 0; i < q->n_in; i++) {
            const bp_quantity *e = in(w, q, i);
            fprintf(out, "%snp.exp(%s - %s)", i ? " + " : "",
                    id_of(w, in(w, e, 0)), id_of(w, in(w, e, 1)));
        }
        return;
    case BP_Q_LOSS: /* in: (t - o)^2 ..., each in: t - o */
        fputs("0.5 * (", out);
        for (int i = 0; i < q->n_in; i++) {
            const bp_quantity *err = in(w, in(w, q, i), 0);
            fprintf(out, "%s(%s - %s) ** 2", i ? " + " : "",
                    id_of(w, in(w, err, 0)), id_of(w, in(w, err, 1)));
        }
        fputs(")", out);
        return;
    case BP_Q_CROSS_ENTROPY: /* in: terms, each in: t, ln o, [ln(1 - o)] */
        fputs("-(", out);
        for (int i = 0; i < q->n_in; i++) {
            const bp_quantity *term = in(w, q, i);
            const char *t = id_of(w, in(w, term, 0));
            const char *o = id_of(w, in(w, in(w, term, 1), 0));
            fprintf(out, "%s%s * np.log(%s)", i ? " + " : "", t, o);
            if (term->n_in == 3)
                fprintf(out, " + (1.0 - %s) * np.log(1.0 - %s)", t, o);
        }
        fputs(")", out);
        return;
    case BP_Q_OUTPUT_DELTA: { /* in: o, t - o, net */
        const bp_quantity *err = in(w, q, 1);
        fputs("(", out);
        put_derivative(w, q->activation, in(w, q, 0), in(w, q, 2));
        fprintf(out, ") * (%s - %s)", id_of(w, in(w, err, 0)),
                id_of(w, in(w, err, 1)));
        return;
    }
    case BP_Q_CE_DELTA: { /* in: o, t - o */
        const bp_quantity *err = in(w, q, 1);
        fprintf(out, "%s - %s", id_of(w, in(w, err, 0)),
                id_of(w, in(w, err, 1)));
        return;
    }
    case BP_Q_HIDDEN_DELTA: { /* in: derivative (in: o, net), sum */
        const bp_quantity *d = in(w, q, 0);
        fputs("(", out);
        put_derivative(w, q->activation, in(w, d, 0), in(w, d, 1));
        fprintf(out, ") * %s", id_of(w, in(w, q, 1)));
        return;
    }
    case BP_Q_CHANGE: /* in: eta, delta, [input] */
        for (int i = 0; i < q->n_in; i++)
            fprintf(out, "%s%s", i ? " * " : "", id_of(w, in(w, q, i)));
        return;
    case BP_Q_NEW_PARAM: /* in: old, [change] */
        if (q->n_in == 1)
            fprintf(out, "%s", id_of(w, in(w, q, 0)));
        else
            fprintf(out, "%s + %s", id_of(w, in(w, q, 0)),
                    id_of(w, in(w, q, 1)));
        return;
    case BP_Q_INPUT: case BP_Q_TARGET: case BP_Q_RATE: case BP_Q_WEIGHT:
    case BP_Q_BIAS: case BP_Q_VALUE: case BP_Q_PRODUCT: case BP_Q_EXP:
    case BP_Q_ERROR: case BP_Q_SQUARE: case BP_Q_DERIVATIVE:
    case BP_Q_ABS_ERROR: case BP_Q_COMPARE: case BP_Q_TOTAL: case BP_Q_LOG:
    case BP_Q_LOG_COMPLEMENT: case BP_Q_CE_TERM: case BP_Q_SOFTMAX_EXP:
    case BP_Q_GRAD_OUTPUT: case BP_Q_GRAD_ACT: case BP_Q_GRAD_NET:
    case BP_Q_GRAD_NET_CANCEL: case BP_Q_GRAD_TERM: case BP_Q_GRAD_NET_HIDDEN:
    case BP_Q_GRAD_PARAM: /* the gradient view is not exported */
    case BP_Q_KIND_COUNT:
        return;
    }
}

/* A comment's text: no line breaks or control characters. */
static void put_comment_text(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        fputc(*p < 0x20 || *p == 0x7F ? ' ' : *p, out);
}

static void put_header(const py_writer *w, const char *what)
{
    const bp_lesson *l = w->l;
    fprintf(w->out, "#!/usr/bin/env python3\n# %s", what);
    fputs("\n# Lesson: ", w->out);
    put_comment_text(w->out, l->title);
    fputs("\n# Source: ", w->out);
    put_comment_text(w->out, l->source);
    if (l->is_variant)
        fprintf(w->out, "\n# Variant: --seed %llu (other inputs, weights, "
                        "biases and targets)", (unsigned long long)l->seed);
    fputs("\n# Written by bptrace export.  Every name is the trace's "
          "(bptrace trace --format json);\n# the script exits 0 when its "
          "values agree with the trace's exact values\n# (embedded below, "
          "in float64) within 1e-12, and 1 otherwise.\n\n",
          w->out);
}

/* TRACE: the exact value of every quantity the script checks. */
static void put_trace_values(const py_writer *w)
{
    fputs("# ---- bptrace's exact values, to compare with ----\n"
          "TOLERANCE = 1e-12\nTRACE = {\n", w->out);
    for (int i = 0; i < w->t->n; i++) {
        const bp_quantity *q = &w->t->q[i];
        if (!is_written(q))
            continue;
        fprintf(w->out, "    \"%s\": ", q->name);
        put_number(w->out, q->exact);
        fputs(",\n", w->out);
    }
    fputs("}\n\n", w->out);
}

static void put_givens(const py_writer *w)
{
    static const char *const headings[] = {
        [BP_Q_INPUT] = "inputs x_i",
        [BP_Q_TARGET] = "targets t_k",
        [BP_Q_RATE] = "the learning rate",
        [BP_Q_WEIGHT] = "weights (before the update)",
        [BP_Q_BIAS] = "biases (before the update)",
    };
    bp_qkind last = BP_Q_KIND_COUNT;
    fputs("# ---- The lesson's given values ----\n", w->out);
    for (int i = 0; i < w->t->n; i++) {
        const bp_quantity *q = &w->t->q[i];
        if (!is_given(q))
            continue;
        if (q->kind != last)
            fprintf(w->out, "# %s\n", headings[q->kind]);
        last = q->kind;
        fprintf(w->out, "%s = ", id_of(w, q));
        put_number(w->out, q->exact);
        bool fixed = (q->kind == BP_Q_WEIGHT && w->l->weights[q->weight].fixed) ||
                     (q->kind == BP_Q_BIAS && w->l->units[q->unit].bias_fixed);
        fprintf(w->out, "  # %s%s\n", q->name, fixed ? " (fixed: kept)" : "");
    }
}

static const char *section_of(const bp_quantity *q)
{
    switch (q->phase) {
    case BP_PHASE_FORWARD:
        return "Forward pass, unit by unit: net_j = the sum of each input "
               "times its weight,\n# plus the bias b_j; o_j = f(net_j)";
    case BP_PHASE_ERROR:
        return "The error E";
    case BP_PHASE_BACKWARD:
        return "Error terms, output layer first, then hidden: delta_j = "
               "-dE/dnet_j\n# (all of them before any weight changes)";
    case BP_PHASE_UPDATE:
        return "Updates: Delta w = eta delta_j o_i for the weight from i "
               "to j (a bias:\n# eta delta_j), w(new) = w + Delta w";
    case BP_PHASE_GIVEN: case BP_PHASE_VERIFY: case BP_PHASE_COUNT:
        return "";
    }
    return "";
}

/* The numpy script's first part: one statement per quantity. */
static void put_unit_by_unit(const py_writer *w)
{
    bp_phase phase = BP_PHASE_COUNT;
    for (int i = 0; i < w->t->n; i++) {
        const bp_quantity *q = &w->t->q[i];
        if (!is_written(q))
            continue;
        if (q->phase != phase)
            fprintf(w->out, "\n# ---- %s ----\n", section_of(q));
        phase = q->phase;
        fprintf(w->out, "%s = ", id_of(w, q));
        put_expression(w, q);
        fprintf(w->out, "  # %s%s\n", q->name,
                q->fixed ? " (fixed: kept)" : "");
    }
    fputs("\nLOOP = {\n", w->out);
    for (int i = 0; i < w->t->n; i++)
        if (is_written(&w->t->q[i]))
            fprintf(w->out, "    \"%s\": %s,\n", w->t->q[i].name,
                    w->id[i]);
    fputs("}\n", w->out);
}

/* ---- Matrix form (numpy and PyTorch) ---- */

static int first_of(const bp_lesson *l, int layer)
{
    return l->layers[layer].first;
}

/* The given quantity of a weight, or of a unit's bias. */
static const bp_quantity *given_of(const py_writer *w, bp_qkind kind,
                                   int unit, int weight)
{
    for (int i = 0; i < w->t->n; i++) {
        const bp_quantity *q = &w->t->q[i];
        if (q->kind == kind && (kind == BP_Q_WEIGHT ? q->weight == weight
                                                    : q->unit == unit))
            return q;
    }
    return NULL;
}

/* "[a, b, c]": the given of each unit of a layer (0.0 for none). */
static void put_unit_vector(const py_writer *w, int layer, bp_qkind kind)
{
    const bp_layer *L = &w->l->layers[layer];
    fputs("[", w->out);
    for (int u = L->first; u < L->first + L->count; u++) {
        const bp_quantity *q = given_of(w, kind, u, -1);
        fprintf(w->out, "%s%s", u > L->first ? ", " : "",
                q ? id_of(w, q) : "0.0");
    }
    fputs("]", w->out);
}

/* Row j of W_Ll: the weights into unit j of layer l, one per unit of the
 * layer before (mask: 1.0 where the weight is updated, 0.0 fixed). */
static void put_weight_matrix(const py_writer *w, int layer, bool mask)
{
    const bp_lesson *l = w->l;
    const bp_layer *to = &l->layers[layer], *from = &l->layers[layer - 1];
    fputs("[", w->out);
    for (int j = to->first; j < to->first + to->count; j++) {
        fprintf(w->out, "%s[", j > to->first ? ",\n     " : "");
        for (int i = from->first; i < from->first + from->count; i++) {
            int k = bp_lesson_find_weight(l, i, j);
            const char *sep = i > from->first ? ", " : "";
            if (mask)
                fprintf(w->out, "%s%s", sep, l->weights[k].fixed ? "0.0"
                                                                 : "1.0");
            else
                fprintf(w->out, "%s%s", sep,
                        id_of(w, given_of(w, BP_Q_WEIGHT, -1, k)));
        }
        fputs("]", w->out);
    }
    fputs("]", w->out);
}

static bool layer_has_fixed_weight(const bp_lesson *l, int layer)
{
    for (int k = 0; k < l->n_weights; k++)
        if (l->units[l->weights[k].to].layer == layer && l->weights[k].fixed)
            return true;
    return false;
}

/* Whether every unit of the layer has a bias that is updated. */
static bool layer_biases_all_free(const bp_lesson *l, int layer)
{
    const bp_layer *L = &l->layers[layer];
    for (int u = L->first; u < L->first + L->count; u++)
        if (!l->units[u].has_bias || l->units[u].bias_fixed)
            return false;
    return true;
}

static void put_bias_mask(const py_writer *w, int layer)
{
    const bp_layer *L = &w->l->layers[layer];
    fputs("[", w->out);
    for (int u = L->first; u < L->first + L->count; u++) {
        const bp_unit *unit = &w->l->units[u];
        fprintf(w->out, "%s%s", u > L->first ? ", " : "",
                unit->has_bias && !unit->bias_fixed ? "1.0" : "0.0");
    }
    fputs("]", w->out);
}

/* The matrix form's expression for a checked quantity: net_L1[0],
 * DeltaW_L2[0, 1], ... */
static void put_matrix_ref(const py_writer *w, const bp_quantity *q,
                           const char *E)
{
    const bp_lesson *l = w->l;
    FILE *out = w->out;
    int layer = q->unit >= 0 ? l->units[q->unit].layer : l->n_layers - 1;
    int j = q->unit >= 0 ? q->unit - first_of(l, layer) : 0;
    int i = q->weight >= 0
                ? l->weights[q->weight].from - first_of(l, layer - 1)
                : 0;
    switch (q->kind) {
    case BP_Q_NET: fprintf(out, "net_L%d[%d]", layer, j); return;
    case BP_Q_ACTIVATION: fprintf(out, "o_L%d[%d]", layer, j); return;
    case BP_Q_MAX: fprintf(out, "m_L%d", layer); return;
    case BP_Q_EXP_SUM: fprintf(out, "S_L%d", layer); return;
    case BP_Q_LOSS: case BP_Q_CROSS_ENTROPY: fputs(E, out); return;
    case BP_Q_OUTPUT_DELTA: case BP_Q_CE_DELTA: case BP_Q_HIDDEN_DELTA:
        fprintf(out, "delta_L%d[%d]", layer, j);
        return;
    case BP_Q_SIGNAL: fprintf(out, "sum_L%d[%d]", layer, j); return;
    case BP_Q_CHANGE:
        if (q->bias)
            fprintf(out, "Deltab_L%d[%d]", layer, j);
        else
            fprintf(out, "DeltaW_L%d[%d, %d]", layer, j, i);
        return;
    case BP_Q_NEW_PARAM:
        if (q->bias || q->weight < 0)
            fprintf(out, "bnew_L%d[%d]", layer, j);
        else
            fprintf(out, "Wnew_L%d[%d, %d]", layer, j, i);
        return;
    case BP_Q_INPUT: case BP_Q_TARGET: case BP_Q_RATE: case BP_Q_WEIGHT:
    case BP_Q_BIAS: case BP_Q_VALUE: case BP_Q_PRODUCT: case BP_Q_EXP:
    case BP_Q_ERROR: case BP_Q_SQUARE: case BP_Q_DERIVATIVE:
    case BP_Q_ABS_ERROR: case BP_Q_COMPARE: case BP_Q_TOTAL: case BP_Q_LOG:
    case BP_Q_LOG_COMPLEMENT: case BP_Q_CE_TERM: case BP_Q_SOFTMAX_EXP:
    case BP_Q_GRAD_OUTPUT: case BP_Q_GRAD_ACT: case BP_Q_GRAD_NET:
    case BP_Q_GRAD_NET_CANCEL: case BP_Q_GRAD_TERM: case BP_Q_GRAD_NET_HIDDEN:
    case BP_Q_GRAD_PARAM: /* the gradient view is not exported */
    case BP_Q_KIND_COUNT:
        fputs("None", out);
        return;
    }
}

/* NAME = {"net_4": net_L1[0], ...}; `item` after each for tensors. */
static void put_matrix_dict(const py_writer *w, const char *name,
                            const char *E, const char *item)
{
    fprintf(w->out, "%s = {\n", name);
    for (int i = 0; i < w->t->n; i++) {
        const bp_quantity *q = &w->t->q[i];
        if (!is_written(q))
            continue;
        fprintf(w->out, "    \"%s\": ", q->name);
        put_matrix_ref(w, q, E);
        fprintf(w->out, "%s,\n", item);
    }
    fputs("}\n", w->out);
}

static int loss_row(const bp_lesson *l)
{
    if (l->loss == BP_LOSS_SQUARED)
        return PY_SQUARED;
    return l->layers[l->n_layers - 1].activation == BP_ACT_SOFTMAX
               ? PY_CE_SOFTMAX
               : PY_CE_SIGMOID;
}

/* x, t and every layer's W, b and keep masks as arrays: lib is "np" or
 * "torch"; with torch the parameters get requires_grad=True. */
static void put_arrays(const py_writer *w, const char *lib, bool torch)
{
    const bp_lesson *l = w->l;
    FILE *out = w->out;
    const char *array = torch ? "torch.tensor" : "np.array";
    const char *grad = torch ? ", requires_grad=True" : "";
    int last = l->n_layers - 1;
    fprintf(out, "o_L0 = %s(", array);
    put_unit_vector(w, 0, BP_Q_INPUT);
    fprintf(out, ", dtype=%s.float64)  # the inputs\n", lib);
    fprintf(out, "t_L%d = %s(", last, array);
    put_unit_vector(w, last, BP_Q_TARGET);
    fprintf(out, ", dtype=%s.float64)  # the targets\n", lib);
    for (int layer = 1; layer <= last; layer++) {
        fprintf(out, "# layer %d: row j of W_L%d holds the weights into its "
                     "unit j\nW_L%d = %s(", layer, layer, layer, array);
        put_weight_matrix(w, layer, false);
        fprintf(out, ", dtype=%s.float64%s)\nb_L%d = %s(", lib, grad, layer,
                array);
        put_unit_vector(w, layer, BP_Q_BIAS);
        fprintf(out, ", dtype=%s.float64%s)\n", lib, grad);
        if (layer_has_fixed_weight(l, layer)) {
            fprintf(out, "keepW_L%d = %s(", layer, array);
            put_weight_matrix(w, layer, true);
            fprintf(out, ", dtype=%s.float64)  # 0.0: a fixed weight, kept\n",
                    lib);
        }
        if (!layer_biases_all_free(l, layer)) {
            fprintf(out, "keepb_L%d = %s(", layer, array);
            put_bias_mask(w, layer);
            fprintf(out, ", dtype=%s.float64)  # 0.0: no bias, or a fixed "
                         "one\n", lib);
        }
    }
}

/* Wnew_Ll = W_Ll + DeltaW_Ll, masked where parameters are kept. */
static void put_new_params(const py_writer *w, int layer, const char *indent)
{
    const bp_lesson *l = w->l;
    if (layer_has_fixed_weight(l, layer))
        fprintf(w->out, "%sWnew_L%d = W_L%d + keepW_L%d * DeltaW_L%d\n",
                indent, layer, layer, layer, layer);
    else
        fprintf(w->out, "%sWnew_L%d = W_L%d + DeltaW_L%d\n", indent, layer,
                layer, layer);
    if (layer_biases_all_free(l, layer))
        fprintf(w->out, "%sbnew_L%d = b_L%d + Deltab_L%d\n", indent, layer,
                layer, layer);
    else
        fprintf(w->out, "%sbnew_L%d = b_L%d + keepb_L%d * Deltab_L%d\n",
                indent, layer, layer, layer, layer);
}

/* m and S of a softmax layer, for the checks. */
static void put_softmax_parts(const py_writer *w, int layer, const char *lib,
                              const char *indent)
{
    fprintf(w->out, "%sm_L%d = %s.max(net_L%d)\n", indent, layer, lib, layer);
    fprintf(w->out, "%sS_L%d = %s.sum(%s.exp(net_L%d - m_L%d))\n", indent,
            layer, lib, lib, layer, layer);
}

static void put_numpy_matrix(const py_writer *w)
{
    const bp_lesson *l = w->l;
    FILE *out = w->out;
    int last = l->n_layers - 1;
    fputs("\n# ---- The same in matrix form, layer by layer ----\n", out);
    put_arrays(w, "np", false);
    for (int layer = 1; layer <= last; layer++) {
        char net[32], o[32];
        snprintf(net, sizeof net, "net_L%d", layer);
        snprintf(o, sizeof o, "o_L%d", layer);
        const py_activation *a = &py_activations[l->layers[layer].activation];
        char slope[32];
        py_subst s[] = {{"{net}", net},
                        {"{slope}", slope_text(l->layers[layer].slope, slope,
                                               sizeof slope)}};
        fprintf(out, "%s = W_L%d @ o_L%d + b_L%d\n%s = ", net, layer,
                layer - 1, layer, o);
        put_template(out, a->vector ? a->vector : a->value, s, 2);
        fputs("\n", out);
        if (l->layers[layer].activation == BP_ACT_SOFTMAX)
            put_softmax_parts(w, layer, "np", "");
    }
    char o[32], t[32], net[32];
    snprintf(o, sizeof o, "o_L%d", last);
    snprintf(t, sizeof t, "t_L%d", last);
    snprintf(net, sizeof net, "net_L%d", last);
    const py_loss *loss = &py_losses[loss_row(l)];
    py_subst s[] = {{"{lib}", "np"}, {"{t}", t}, {"{o}", o}};
    fputs("E_matrix = ", out);
    put_template(out, loss->error, s, 3);
    fprintf(out, "\n# deltas: the output layer's, then each hidden layer's "
                 "from the layer after it\ndelta_L%d = ", last);
    /* {fprime} is the output activation's derivative, itself a template */
    const char *deriv = py_activations[l->layers[last].activation].derivative;
    for (const char *p = loss->delta; *p;) {
        if (strncmp(p, "{fprime}", 8) == 0) {
            char slope[32];
            py_subst d[] = {{"{o}", o}, {"{net}", net},
                            {"{slope}", slope_text(l->layers[last].slope,
                                                   slope, sizeof slope)}};
            fputs("(", out);
            put_template(out, deriv, d, 3);
            fputs(")", out);
            p += 8;
        } else if (strncmp(p, "{t}", 3) == 0) {
            fputs(t, out);
            p += 3;
        } else if (strncmp(p, "{o}", 3) == 0) {
            fputs(o, out);
            p += 3;
        } else {
            fputc(*p++, out);
        }
    }
    fputs("\n", out);
    for (int layer = last - 1; layer >= 1; layer--) {
        char ho[32], hnet[32];
        snprintf(ho, sizeof ho, "o_L%d", layer);
        snprintf(hnet, sizeof hnet, "net_L%d", layer);
        char slope[32];
        py_subst d[] = {{"{o}", ho}, {"{net}", hnet},
                        {"{slope}", slope_text(l->layers[layer].slope, slope,
                                               sizeof slope)}};
        fprintf(out, "sum_L%d = W_L%d.T @ delta_L%d\ndelta_L%d = (", layer,
                layer + 1, layer + 1, layer);
        put_template(out, py_activations[l->layers[layer].activation]
                              .derivative, d, 3);
        fprintf(out, ") * sum_L%d\n", layer);
    }
    fputs("# updates, from the deltas above and the old weights\n", out);
    for (int layer = last; layer >= 1; layer--) {
        fprintf(out, "DeltaW_L%d = eta * np.outer(delta_L%d, o_L%d)\n"
                     "Deltab_L%d = eta * delta_L%d\n",
                layer, layer, layer - 1, layer, layer);
        put_new_params(w, layer, "");
    }
    fputs("\n", out);
    put_matrix_dict(w, "MATRIX", "E_matrix", "");
}

/* The comparison both scripts end with: `dicts` are the names of the
 * dicts of computed values, `titles` their columns. */
static void put_comparison(const py_writer *w, const char *const *dicts,
                           const char *const *titles, int n)
{
    FILE *out = w->out;
    fputs("\n# ---- Print the values and compare them with bptrace's ----\n"
          "width = max(len(name) for name in TRACE)\n"
          "print(f\"{'quantity':<{width}}", out);
    for (int k = 0; k < n; k++)
        fprintf(out, "  {'%s':>22}", titles[k]);
    fputs("  {'bptrace (exact)':>22}\")\n"
          "for name, exact in TRACE.items():\n"
          "    print(f\"{name:<{width}}", out);
    for (int k = 0; k < n; k++)
        fprintf(out, "  {float(%s[name]):>22.15g}", dicts[k]);
    fputs("  {exact:>22.15g}\")\n\n"
          "def differ(values):\n"
          "    \"\"\"The names whose value is more than TOLERANCE away from "
          "the trace's.\"\"\"\n"
          "    return [name for name, exact in TRACE.items()\n"
          "            if not abs(float(values[name]) - exact) <= TOLERANCE]\n"
          "\nfailed = False\n", out);
    for (int k = 0; k < n; k++)
        fprintf(out,
                "if differ(%s):\n"
                "    print(\"%s: differs from bptrace by more than 1e-12:\", "
                "\", \".join(differ(%s)))\n"
                "    failed = True\n",
                dicts[k], titles[k], dicts[k]);
    for (int k = 1; k < n; k++)
        fprintf(out,
                "if [name for name in TRACE if not abs(float(%s[name]) - "
                "float(%s[name])) <= TOLERANCE]:\n"
                "    print(\"%s and %s disagree\")\n"
                "    failed = True\n",
                dicts[0], dicts[k], titles[0], titles[k]);
    fputs("if failed:\n    raise SystemExit(1)\n", out);
    fprintf(out, "print(f\"all {len(TRACE)} values agree with bptrace's "
                 "within 1e-12%s\")\n",
            n > 1 ? ", unit by unit and in matrix form" : "");
}

/* ---- PyTorch ---- */

static void put_torch(const py_writer *w)
{
    const bp_lesson *l = w->l;
    FILE *out = w->out;
    int last = l->n_layers - 1;
    fputs("# ---- The forward pass as tensors; autograd finds dE/dw ----\n",
          out);
    put_arrays(w, "torch", true);
    for (int layer = 1; layer <= last; layer++) {
        char net[32];
        snprintf(net, sizeof net, "net_L%d", layer);
        char slope[32];
        py_subst s[] = {{"{net}", net},
                        {"{slope}", slope_text(l->layers[layer].slope, slope,
                                               sizeof slope)}};
        fprintf(out, "%s = W_L%d @ o_L%d + b_L%d\n%s.retain_grad()  # to "
                     "read dE/dnet: delta = -dE/dnet\no_L%d = ",
                net, layer, layer - 1, layer, net, layer);
        put_template(out, py_activations[l->layers[layer].activation].torch,
                     s, 2);
        fputs("\n", out);
    }
    char o[32], t[32];
    snprintf(o, sizeof o, "o_L%d", last);
    snprintf(t, sizeof t, "t_L%d", last);
    py_subst s[] = {{"{lib}", "torch"}, {"{t}", t}, {"{o}", o}};
    fputs("E_torch = ", out);
    put_template(out, py_losses[loss_row(l)].error, s, 3);
    fputs("\nE_torch.backward()  # every .grad is now dE/d(that tensor)\n\n"
          "# delta_j = -dE/dnet_j; Delta w = -eta dE/dw, which is eta "
          "delta_j o_i\nwith torch.no_grad():\n", out);
    for (int layer = last; layer >= 1; layer--) {
        fprintf(out, "    delta_L%d = -net_L%d.grad\n", layer, layer);
        if (layer < last)
            fprintf(out, "    sum_L%d = W_L%d.T @ delta_L%d\n", layer,
                    layer + 1, layer + 1);
        if (l->layers[layer].activation == BP_ACT_SOFTMAX)
            put_softmax_parts(w, layer, "torch", "    ");
    }
    for (int layer = last; layer >= 1; layer--) {
        fprintf(out, "    DeltaW_L%d = -eta * W_L%d.grad\n"
                     "    Deltab_L%d = -eta * b_L%d.grad\n",
                layer, layer, layer, layer);
        put_new_params(w, layer, "    ");
    }
    fputs("\n", out);
    put_matrix_dict(w, "TORCH", "E_torch", ".item()");
}

/* ---- Entry points ---- */

typedef enum { PY_NUMPY, PY_TORCH } py_flavour;

static bp_status render(const bp_trace *trace, py_flavour flavour,
                        FILE *out)
{
    if (trace->lesson->exercise || trace->lesson->n_layers < 2)
        return BP_ERR_INPUT;
    py_writer w = {trace, trace->lesson, out, NULL};
    w.id = calloc((size_t)trace->n, sizeof *w.id);
    if (!w.id)
        return BP_ERR_NOMEM;
    for (int i = 0; i < trace->n; i++)
        make_identifier(trace->q[i].name, w.id[i], sizeof w.id[i]);
    if (flavour == PY_NUMPY) {
        put_header(&w, "One iteration of backpropagation in numpy: unit by "
                       "unit as the lecture\n# writes it, then in matrix "
                       "form.");
        fputs("import numpy as np\n\n", out);
        put_trace_values(&w);
        put_givens(&w);
        put_unit_by_unit(&w);
        put_numpy_matrix(&w);
        static const char *const dicts[] = {"LOOP", "MATRIX"};
        static const char *const titles[] = {"unit by unit", "matrix form"};
        put_comparison(&w, dicts, titles, 2);
    } else {
        put_header(&w, "One iteration of backpropagation in PyTorch: the "
                       "forward pass as tensors,\n# E.backward(), and Delta "
                       "w = -eta * w.grad (delta = -dE/dnet).");
        fputs("import torch\n\n", out);
        put_trace_values(&w);
        put_givens(&w);
        put_torch(&w);
        static const char *const dicts[] = {"TORCH"};
        static const char *const titles[] = {"PyTorch autograd"};
        put_comparison(&w, dicts, titles, 1);
    }
    free(w.id);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

bp_status bp_render_numpy(const bp_trace *trace, FILE *out)
{
    return render(trace, PY_NUMPY, out);
}

bp_status bp_render_pytorch(const bp_trace *trace, FILE *out)
{
    return render(trace, PY_TORCH, out);
}
