/* json.c: writing JSON strings and numbers, shared by the trace's JSON and
 * the reports of `bptrace check`. */
#include "bptrace/number.h"
#include "util/json.h"

#include <math.h>
#include <stdlib.h>

/* Bytes of the UTF-8 sequence at p, or 0 when it is not one (a file name
 * from the command line need not be UTF-8; JSON must be). */
static int utf8_len(const unsigned char *p)
{
    int n;
    unsigned min;
    unsigned cp;
    if (p[0] < 0x80)
        return 1;
    if ((p[0] & 0xE0) == 0xC0)
        n = 2, min = 0x80, cp = p[0] & 0x1F;
    else if ((p[0] & 0xF0) == 0xE0)
        n = 3, min = 0x800, cp = p[0] & 0x0F;
    else if ((p[0] & 0xF8) == 0xF0)
        n = 4, min = 0x10000, cp = p[0] & 0x07;
    else
        return 0;
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

void bp_json_chars(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        switch (*p) {
        case '"': fputs("\\\"", out); p++; continue;
        case '\\': fputs("\\\\", out); p++; continue;
        case '\n': fputs("\\n", out); p++; continue;
        case '\t': fputs("\\t", out); p++; continue;
        case '\r': fputs("\\r", out); p++; continue;
        default: break;
        }
        if (*p < 0x20 || *p == 0x7F) {
            fprintf(out, "\\u%04x", *p++);
            continue;
        }
        int n = utf8_len(p);
        if (!n) {
            fputs("\\ufffd", out); /* not UTF-8: the replacement character */
            p++;
            continue;
        }
        fwrite(p, 1, (size_t)n, out);
        p += n;
    }
}

void bp_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    bp_json_chars(out, s);
    fputc('"', out);
}


/* The shortest form that reads back as the same double; null when it is
 * not finite. */
void bp_json_number(FILE *out, double x)
{
    if (!isfinite(x)) {
        fputs("null", out);
        return;
    }
    char buf[64];
    for (int digits = 15; digits <= 17; digits++) {
        bp_format_sig(buf, sizeof buf, x, digits);
        if (strtod(buf, NULL) == x)
            break;
    }
    fputs(buf, out);
}
