/* render_dot.c: the network as a Graphviz graph, the lecture's Figure 3:
 * each layer a rank (input left, output right), the weights on the edges,
 * and with `annotate` the trace's numbers: each unit's net, o and delta,
 * each edge's old -> new weight, each bias's too. */
#include "bptrace/render.h"
#include "render/text.h"

#include <string.h>

/* A DOT string's contents: quotes and backslashes escaped, line breaks
 * as \n. */
static void dot_escape(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else
            fputc(*p < 0x20 || *p == 0x7F ? ' ' : *p, out);
    }
}

/* The quantity of `kind` in the first pass that belongs to unit or
 * weight `of`, or NULL. */
static const bp_quantity *find(const bp_trace *t, bp_qkind kind, int unit,
                               int weight, bool bias)
{
    for (int i = 0; i < t->n; i++) {
        const bp_quantity *q = &t->q[i];
        if (q->kind == kind && q->phase != BP_PHASE_VERIFY && !q->summary &&
            (unit < 0 || q->unit == unit) &&
            (weight < 0 || q->weight == weight) && q->bias == bias)
            return q;
    }
    return NULL;
}

/* "\nb₄ = " for a given of the lesson: its symbol on a line of its own. */
static void label_symbol(bp_text *c, const bp_symbol *s)
{
    char sym[TEXT_CELL];
    bp_str str;
    bp_str_init(&str, sym, sizeof sym);
    bp_symbol_write(c->st, s, &str);
    fputs("\\n", c->out);
    dot_escape(c->out, sym);
    fputs(" = ", c->out);
}

/* "\nnet₄ = -0.7" for a quantity, when there is one. */
static void annotate(bp_text *c, const bp_quantity *q)
{
    char sym[TEXT_CELL], num[TEXT_NUM];
    if (!q)
        return;
    text_symbol(c, q, sym, sizeof sym);
    fputs("\\n", c->out);
    dot_escape(c->out, sym);
    fprintf(c->out, " = %s", text_val(c, q, num));
}

/* "old -> new" of a parameter's update, or its value alone. */
static void param_values(bp_text *c, double value, const bp_quantity *after,
                         bool annotated)
{
    char num[TEXT_NUM];
    fputs(bp_format(num, sizeof num, value, (bp_precision){BP_ROUND_NONE, 0}),
          c->out);
    if (annotated && after)
        fprintf(c->out, " %s %s", c->st->arrow, text_val(c, after, num));
}

static void unit_node(bp_text *c, int u, bool annotated)
{
    const bp_lesson *l = c->l;
    const bp_unit *un = &l->units[u];
    bp_symbol s;
    fprintf(c->out, "    u%d [label=\"", u);
    dot_escape(c->out, un->label);
    if (un->layer == 0) {
        bp_symbol_output(l, u, &s);
        label_symbol(c, &s);
        param_values(c, un->input, NULL, false);
        fputs("\"];\n", c->out);
        return;
    }
    if (un->has_bias) {
        bp_symbol_bias(l, u, &s);
        label_symbol(c, &s);
        param_values(c, un->bias, find(c->t, BP_Q_NEW_PARAM, u, -1, true),
                     annotated);
    }
    if (un->layer == l->n_layers - 1) {
        bp_symbol_target(l, u, &s);
        label_symbol(c, &s);
        param_values(c, un->target, NULL, false);
    }
    if (annotated) {
        annotate(c, find(c->t, BP_Q_NET, u, -1, false));
        annotate(c, find(c->t, BP_Q_ACTIVATION, u, -1, false));
        const bp_quantity *d = find(c->t, BP_Q_OUTPUT_DELTA, u, -1, false);
        annotate(c, d ? d : find(c->t, BP_Q_HIDDEN_DELTA, u, -1, false));
    }
    fputs("\"];\n", c->out);
}

bp_status bp_render_dot(const bp_trace *t, const bp_render_options *opt,
                        FILE *out)
{
    const bp_lesson *l = t->lesson;
    if (l->exercise)
        return BP_ERR_INPUT;
    bp_text c;
    text_init(&c, t, opt, out);
    char name[32], sym[TEXT_CELL];
    fputs("digraph network {\n  rankdir=LR;\n  labelloc=t;\n  label=\"", out);
    dot_escape(out, l->title);
    fputs("\";\n  node [shape=circle];\n", out);
    for (int i = 0; i < l->n_layers; i++) {
        const bp_layer *ly = &l->layers[i];
        fprintf(out, "  subgraph cluster_layer%d {\n    label=\"%s", i,
                bp_walk_layer_name(l, i, name, sizeof name));
        if (i > 0)
            fprintf(out, " (%s)", bp_activation_name(ly->activation));
        fputs("\";\n    style=dotted;\n    rank=same;\n", out);
        for (int u = ly->first; u < ly->first + ly->count; u++)
            unit_node(&c, u, opt->annotate);
        fputs("  }\n", out);
    }
    /* the weights' label nodes: a white box without a frame */
    fputs("  node [shape=box, style=filled, fillcolor=white, color=white,\n"
          "        fontsize=11, margin=\"0.04,0.02\", width=0, height=0];\n",
          out);
    for (int i = 0; i < l->n_weights; i++) {
        const bp_weight *w = &l->weights[i];
        bp_symbol s;
        bp_str str;
        bp_symbol_weight(l, i, &s);
        bp_str_init(&str, sym, sizeof sym);
        bp_symbol_write(c.st, &s, &str);
        /* the weight's label a node of its own on the edge, so that dot
         * lays it out as it lays out units, and routes no other edge
         * through it */
        fprintf(out, "  w%d [label=\"", i);
        dot_escape(out, sym);
        fputs(" = ", out);
        param_values(&c, w->value, find(t, BP_Q_NEW_PARAM, -1, i, false),
                     opt->annotate);
        fprintf(out, "%s\"];\n  u%d -> w%d [arrowhead=none];\n"
                     "  w%d -> u%d;\n",
                w->fixed ? " (fixed)" : "", w->from, i, i, w->to);
    }
    fputs("}\n", out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
