/* lesson_parts.h: the parts of a lesson that lesson.c hands to their own
 * readers (internal).  Each follows lesson_reader.h: true, or false with
 * the error filled in; what it allocates hangs off the lesson.
 */
#ifndef BP_LESSON_PARTS_H
#define BP_LESSON_PARTS_H

#include "lesson/reader.h"

/* lesson_network.c: 'network' (layers, units, weights, biases); with
 * 'training: init' (read first) the weights and biases are not given. */
bool lr_read_network(lr_loader *ld, const yr_node *node);
/* One example, {inputs: ..., targets: ...}, which needs the network's
 * units: values in the order of the input and the output layer. */
bool lr_read_example_values(lr_loader *ld, const yr_node *node,
                            const char *what, double *inputs,
                            double *targets);

/* lesson_training.c: 'training' (before the network), then, after it,
 * the drawn weights, 'example' or 'examples', and 'validation'. */
bool lr_read_training(lr_loader *ld, const yr_node *node);
bool lr_read_examples(lr_loader *ld, const yr_node *root);
void lr_example_set_free(bp_example_set *set);
/* After 'loss': every example's targets as the loss needs them. */
bool lr_check_example_targets(lr_loader *ld, const yr_node *root);

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
