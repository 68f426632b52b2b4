/* error.c: filling a bp_error. */
#include "bptrace/number.h"
#include "bptrace/error.h"

#include <stdarg.h>
#include <string.h>

bp_status bp_error_set(bp_error *err, bp_status status, const char *file,
                       bp_pos pos, const char *fmt, ...)
{
    if (!err)
        return status;
    memset(err, 0, sizeof *err);
    err->status = status;
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    err->pos = pos;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}
