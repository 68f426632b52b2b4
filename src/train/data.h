/* data.h: a data set from a CSV file for `bptrace train --data` (internal).
 *
 * The first row names the columns; each names an input or output unit of
 * the lesson by its label, or is mapped by --columns (NAME=LABEL, or
 * NAME=- to leave it out), or is the class column of --one-hot, whose
 * values pick the output unit that gets target 1 (the others 0).  Every
 * other row is one example.  The file is read line by line: memory is the
 * examples themselves and one line (doc/training.md, "Data sets").
 */
#ifndef BP_TRAIN_DATA_H
#define BP_TRAIN_DATA_H

#include "lesson/lesson_internal.h"

#include <stdint.h>

#define BP_DATA_MAX_LINE (1024 * 1024) /* bytes in one line */
#define BP_DATA_MAX_ROWS 10000000

/* How the columns map to units.  classes is filled by the first file read
 * (the training data) and used for the next (the test data): a class that
 * the training data never had is an error there. */
typedef struct {
    const char *columns;  /* --columns NAME=LABEL,..., or NULL */
    const char *one_hot;  /* --one-hot COLUMN, or NULL */
    char **classes;       /* the class of each output unit, in order of
                             first appearance */
    int n_classes;
} bp_data_spec;

/* Read `path` into `set` (allocated here; lr-style free with
 * bp_data_set_free).  BP_OK; BP_ERR_INPUT with file:line:column in err;
 * BP_ERR_IO; BP_ERR_NOMEM. */
bp_status bp_data_read(const char *path, const bp_lesson *lesson,
                       bp_data_spec *spec, bp_example_set *set,
                       bp_error *err);
void bp_data_spec_free(bp_data_spec *spec);
void bp_data_set_free(bp_example_set *set);

/* Shuffle `all` with `seed` and move the last round(fraction n) examples
 * (at least 1, leaving at least 1) into `test`.  BP_OK or BP_ERR_NOMEM. */
bp_status bp_data_split(bp_example_set *all, double fraction, uint64_t seed,
                        bp_example_set *test);

/* Standardise every input of `train` (and of `test`, if not NULL) by
 * train's mean and standard deviation; an input constant over train
 * becomes 0. */
void bp_data_standardize(bp_example_set *train, bp_example_set *test);

#endif
