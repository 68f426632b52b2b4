/* fuzz_lesson.c: the lesson loader on any bytes.
 *
 * Besides what the sanitizers catch, a rejected input must come back with
 * a status and a one-line message, as the command prints it. */
#include "bptrace.h"
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bp_error err;
    memset(&err, 0, sizeof err);
    bp_lesson *lesson =
        bp_lesson_parse("fuzz.yaml", (const char *)data, size, &err);
    if (!lesson) {
        if (err.status == BP_OK || !err.message[0] ||
            strchr(err.message, '\n'))
            abort(); /* a failure without a status or a one-line message */
        return 0;
    }
    bp_lesson_free(lesson);
    return 0;
}
