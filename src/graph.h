/* graph.h: internal interface of the derivation graph (graph.c). */
#ifndef BP_GRAPH_H
#define BP_GRAPH_H

#include "bptrace.h"

/* A net has a term per unit of the layer before, plus its bias. */
#define BP_MAX_INPUTS (BP_MAX_UNITS_PER_LAYER + 1)

/* Append a quantity built from proto (name, kind, phase, unit, weight,
 * activation, precision, and for givens the value in proto->exact) with the
 * given inputs, and evaluate it.  Returns its index, or -1 when out of
 * memory. */
int bp_graph_add(bp_trace *trace, const bp_quantity *proto, const int *inputs,
                 int n_in);

/* The rounding-profile kind a quantity kind is rounded as; BP_RK_COUNT for
 * givens, which are never rounded. */
bp_round_kind bp_qkind_round_kind(bp_qkind kind);


/* snprintf for names: buffers are sized for the label limits, so a
 * truncation cannot happen; this keeps the compiler from guessing. */
void bp_fmt(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
