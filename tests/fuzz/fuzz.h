/* fuzz.h: the entry point every fuzz target defines.  libFuzzer calls it
 * with each input it makes; replay.c calls it with each file of a corpus. */
#ifndef BP_FUZZ_H
#define BP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
