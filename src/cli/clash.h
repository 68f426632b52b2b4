/* clash.h: no output may be an input, or another output. */
#ifndef BP_CLASH_H
#define BP_CLASH_H

#include "cli/options.h"

/* Compare every output a command's arguments name (-o, --summary, --plot,
 * --save, --output-dir) with every input (the lesson, the FILE arguments,
 * --manifest, --roster) and with each other.  0, or BP_EXIT_USAGE after
 * saying which two name the same file. */
int app_check_clashes(const bp_cli_args *a);

/* The same for an input that only a file names (the lesson a manifest
 * grades with): 0, or BP_EXIT_USAGE after saying which output it is. */
int app_check_clash_with(const bp_cli_args *a, const char *what,
                         const char *path);

#endif
