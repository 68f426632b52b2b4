/* fuzz.h: the entry point every fuzz target defines.  libFuzzer calls it
 * with each input it makes; replay.c calls it with each file of a corpus. */
#ifndef BP_FUZZ_H
#define BP_FUZZ_H

#include "bptrace.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fuzzer's bytes read as an answers file; NULL when they do not load,
 * and then the failure must have a status and a one-line message. */
static inline bp_answers *fuzz_answers_parse(const uint8_t *data,
                                             size_t size, bp_error *err)
{
    memset(err, 0, sizeof *err);
    bp_answers *answers =
        bp_answers_parse("fuzz.yaml", (const char *)data, size, err);
    if (!answers && (err->status == BP_OK || !err->message[0] ||
                     strchr(err->message, '\n')))
        abort(); /* a failure without a status or a one-line message */
    return answers;
}

#endif
