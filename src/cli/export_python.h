/* export_python.h: bptrace export --format numpy|pytorch (export_python.c). */
#ifndef BP_EXPORT_PYTHON_H
#define BP_EXPORT_PYTHON_H

#include "bptrace.h"

/* Write the lesson's iteration as a Python script to `output` (standard
 * output when NULL), whole or not at all.  The exit code: 2 for an
 * exercise lesson, which has no network, after saying so. */
int export_numpy(const bp_lesson *lesson, const char *output);
int export_pytorch(const bp_lesson *lesson, const char *output);

#endif
