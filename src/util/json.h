/* json.h: writing JSON strings and numbers (internal). */
#ifndef BP_JSON_H
#define BP_JSON_H

#include <stdio.h>

#include "bptrace/number.h"

/* The characters of a string, escaped, without the quotes; bytes that are
 * not UTF-8 become U+FFFD, since JSON must be UTF-8. */
void bp_json_chars(FILE *out, const char *s);
void bp_json_string(FILE *out, const char *s);
/* The shortest decimal that reads back as the same double; null when x is
 * not finite. */
void bp_json_number(FILE *out, double x);

#endif
