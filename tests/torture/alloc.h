/* alloc.h: allocation failure injection for the torture test.
 *
 * The test is linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,
 * --wrap=strdup,--wrap=strndup,--wrap=free, with the library's objects and
 * libyaml's static archive, so that every allocation the loader, libyaml,
 * the engine and the renderers make comes through here. */
#ifndef BP_TORTURE_ALLOC_H
#define BP_TORTURE_ALLOC_H

#include <stdbool.h>

/* Start counting from 0; allocation number `fail_at` (1-based) will fail,
 * or none when fail_at is 0.  Nothing is counted before the first call. */
void torture_begin(long fail_at);
/* Stop counting and failing. */
void torture_end(void);

long torture_count(void);    /* allocations attempted since begin */
long torture_live(void);     /* blocks allocated since begin, not freed */
bool torture_injected(void); /* the chosen allocation was failed */
/* The call stack of the allocation that was failed, to stderr. */
void torture_print_backtrace(void);

#endif
