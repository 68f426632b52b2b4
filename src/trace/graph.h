/* graph.h: internal interface of the derivation graph (graph.c). */
#ifndef BP_GRAPH_H
#define BP_GRAPH_H

#include "trace/trace_internal.h"
#include "util/strings.h"

/* A net has a term per unit of the layer before, plus its bias. */
#define BP_MAX_INPUTS (BP_MAX_UNITS_PER_LAYER + 1)

/* Append a quantity built from proto (name, kind, phase, unit, weight,
 * activation, precision, and for givens the value in proto->exact) with the
 * given inputs, and evaluate it.  Returns its index; BP_GRAPH_NOMEM when
 * out of memory; BP_GRAPH_NOT_FINITE when its value is not finite (it is
 * then the last quantity, so that the error can name it);
 * BP_GRAPH_DUPLICATE when a quantity of that name exists. */
#define BP_GRAPH_NOMEM (-1)
#define BP_GRAPH_NOT_FINITE (-2)
#define BP_GRAPH_DUPLICATE (-3) /* its name is taken: nothing added */
#define BP_GRAPH_TOO_BIG (-4)   /* BP_MAX_QUANTITIES reached */
int bp_graph_add(bp_trace *trace, const bp_quantity *proto, const int *inputs,
                 int n_in);
/* Room for n quantities with n_inputs inputs in all, made at once before
 * the first is added, so that a trace grows without copying its
 * quantities (false: out of memory).  More may still be added. */
bool bp_graph_reserve(bp_trace *trace, int n, int n_inputs);
/* proto's name and symbol parts may be anyone's buffers: bp_graph_add
 * copies them into the trace's string pool, and so does this, which gives
 * quantity i the symbol sym (false: out of memory, the symbol unchanged). */
bool bp_graph_set_symbol(bp_trace *trace, int i, const bp_symbol *sym);

/* Fill err for a failed build: out of memory; quantity failed_at not
 * finite; or (BP_ERR_INPUT) two quantities called `clash`. */
void bp_graph_report(const bp_trace *trace, bp_status failure, int failed_at,
                     const char *clash, bp_error *err);

/* The two builders bp_trace_build chooses between. */
bp_trace *bp_backprop_build(const bp_lesson *lesson,
                             const bp_build_options *options, bp_error *err);
bp_trace *bp_exercise_build(const bp_lesson *lesson, bool exact,
                            bp_error *err);

/* The rounding-profile kind a quantity kind is rounded as; BP_RK_COUNT for
 * givens, which are never rounded. */
bp_round_kind bp_qkind_round_kind(bp_qkind kind);



#endif
