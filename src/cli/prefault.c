/* prefault.c: the memory a command is about to touch, mapped in three
 * system calls instead of a page fault a page.
 *
 * A short command (a trace of a lesson) touches 100 to 250 KB of heap, a
 * few pages of stack and much of the program's code for the first time,
 * and each first touch of a page is a page fault: on a virtual machine
 * about 11 microseconds a page, while madvise(MADV_POPULATE_WRITE) maps
 * the same pages for under one (doc/testing.md, "The speed of a
 * trace").  It is advice only: where the kernel (before Linux 5.14) or
 * the C library lacks it, nothing changes, and a command that needs more
 * memory gets it as before. */
#define _DEFAULT_SOURCE /* madvise */
#include "cli/prefault.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

enum {
    HEAP_BYTES = 256 * 1024, /* a trace of the largest shipped lesson */
    STACK_BYTES = 64 * 1024, /* the deepest a trace goes (a lesson read) */
};

#if defined(__linux__) && defined(MADV_POPULATE_WRITE) && defined(__GLIBC__)
/* the program's code, from the linker (GNU ld, gold, lld) */
extern char __executable_start[], etext[];

static void populate(uintptr_t lo, uintptr_t hi, int advice)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    lo &= ~(page - 1);
    hi = (hi + page - 1) & ~(page - 1);
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, advice);
}

void bp_prefault(void)
{
    /* The heap: a block taken, mapped and given back.  Its pages stay in
     * the heap (no trimming below 4 MB) for the allocations to come, and
     * those below 1 MB come from the heap rather than an mmap each. */
    mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
    char *block = malloc(HEAP_BYTES);
    if (block) {
        populate((uintptr_t)block, (uintptr_t)(block + HEAP_BYTES),
                 MADV_POPULATE_WRITE);
        free(block);
    }
    /* The stack below this frame: inside the stack's mapping, which the
     * kernel makes at least 128 KB at exec. */
    char here;
    populate((uintptr_t)&here - STACK_BYTES, (uintptr_t)&here,
             MADV_POPULATE_WRITE);
    /* The code, read from the page cache: a trace runs code from all over
     * the program, each fault mapping 16 pages around the one it needs. */
    populate((uintptr_t)__executable_start, (uintptr_t)etext,
             MADV_POPULATE_READ);
}
#else
void bp_prefault(void)
{
}
#endif
