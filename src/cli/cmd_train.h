/* cmd_train.h: what `train` and `gradcheck` share to set a lesson up. */
#ifndef BP_CMD_TRAIN_H
#define BP_CMD_TRAIN_H

#include "cli/options.h"
#include "train/train.h"

/* The training configuration from the lesson and the command line; with
 * --seed the lesson's weights are drawn anew (from its 'init' range, or
 * the lecture's [-0.05, 0.05]).  0, or the exit code after reporting why
 * not (an exercise lesson cannot be trained). */
int train_setup(bp_lesson *lesson, const bp_cli_args *a, const char *command,
                bp_train_config *cfg);

#endif
