/* lesson_parts.h: the parts of a lesson that lesson.c hands to their own
 * readers (internal).  Each follows lesson_reader.h: true, or false with
 * the error filled in; what it allocates hangs off the lesson.
 */
#ifndef BP_LESSON_PARTS_H
#define BP_LESSON_PARTS_H

#include "lesson_reader.h"

/* lesson_network.c: 'network' (layers, units, weights, biases), then
 * 'example' (inputs and targets), which needs the network's units. */
bool lr_read_network(lr_loader *ld, const yr_node *node);
bool lr_read_example(lr_loader *ld, const yr_node *node);

/* lesson_loss.c: 'loss', and what it asks of the network (softmax only on
 * the output layer and with cross-entropy; cross-entropy only on sigmoid
 * or softmax outputs) and of the example's targets.  After the network
 * and the example are read. */
bool lr_read_loss(lr_loader *ld, const yr_node *root);

/* lesson_exercise.c: 'exercise' into ld->lesson->exercise. */
bool lr_read_exercise(lr_loader *ld, const yr_node *node);
void lr_exercise_free(bp_exercise *exercise);

/* lesson_variants.c: 'variants', read after the body (an exercise's
 * given names are checked against its givens). */
bool lr_read_variants(lr_loader *ld, const yr_node *node);

#endif
