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

#include "bptrace/error.h"
#include "bptrace/number.h"
#include "bptrace/activation.h"
#include "bptrace/lesson.h"
#include "bptrace/trace.h"
#include "bptrace/render.h"
#include "bptrace/check.h"
#include "bptrace/class.h"

#endif
