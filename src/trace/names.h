/* names.h: the stable ASCII names of quantities (o_4, w46, b4, t_6), used
 * in JSON and answers files, and the symbols (base and subscript) that a
 * renderer writes in its style (write/symbols.h). */
#ifndef BP_TRACE_NAMES_H
#define BP_TRACE_NAMES_H

#include "trace/trace_internal.h"

#include <stddef.h>

/* ---- symbols of a network's units and parameters ---- */
void bp_symbol_output(const bp_lesson *l, int unit, bp_symbol *sym); /* o₄ */
void bp_symbol_target(const bp_lesson *l, int unit, bp_symbol *sym); /* t₆ */
void bp_symbol_weight(const bp_lesson *l, int weight, bp_symbol *sym);
void bp_symbol_bias(const bp_lesson *l, int unit, bp_symbol *sym);
/* A symbol's whole subscript: its sub, or a weight's two joined into buf
 * ("46" when both are one character, "10,4" when either is longer), which
 * BP_SYMBOL_SUB_MAX bytes hold. */
#define BP_SYMBOL_SUB_MAX (2 * BP_LABEL_MAX + 2)
const char *bp_symbol_sub(const bp_symbol *sym, char *buf, size_t size);
/* The subscript of an output's target and error: t_1 for o_1 (unit 3). */
const char *bp_unit_target_subscript(const bp_unit *u);

/* ---- stable names ---- */
/* A unit's output: x_1, o_4, h_1, x (an input written without subscript). */
void bp_name_output(const bp_lesson *l, int unit, char *buf, size_t size);
/* w46 (single-character subscripts run together), w10,4 otherwise. */
void bp_name_weight(const bp_lesson *l, int weight, char *buf, size_t size);
void bp_name_bias(const bp_lesson *l, int unit, char *buf, size_t size);
void bp_name_target(const bp_lesson *l, int unit, char *buf, size_t size);

/* A symbol read from an exercise's name: "Delta_w_ji" -> Δ w ji,
 * "w_ji_new" -> w ji (new), "delta_k" -> δ k, "sigma'" as it is.  Its
 * base and subscript are kept in buf (2 * BP_NAME_MAX bytes hold any). */
void bp_symbol_parse(const char *name, bp_symbol *sym, char *buf,
                     size_t size);
/* A plain symbol: base with subscript sub ("" for none), which it points
 * to (they must outlive it, or be interned: bp_graph_add). */
void bp_symbol_set(bp_symbol *sym, const char *base, const char *sub);

#endif
