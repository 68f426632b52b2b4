/* prefault.h: map the heap, stack and code a command is about to touch in
 * three system calls instead of a page fault a page (prefault.c). */
#ifndef BP_CLI_PREFAULT_H
#define BP_CLI_PREFAULT_H

void bp_prefault(void);

#endif
