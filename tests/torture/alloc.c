/* alloc.c: the wrappers behind alloc.h.  Each allocation attempt while
 * counting gets a number; the chosen one returns NULL with errno ENOMEM,
 * as a real failure does.  Blocks are counted in and out so that the test
 * sees a leak without valgrind. */
#define _GNU_SOURCE /* backtrace */
#include "alloc.h"

#include <errno.h>
#include <execinfo.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
void __wrap_free(void *p);

static bool counting;
static long fail_at;
static long count;
static long live;
static bool injected;
static void *frames[64];
static int n_frames;

void torture_begin(long n)
{
    fail_at = n;
    count = 0;
    live = 0;
    injected = false;
    n_frames = 0;
    counting = true;
}

void torture_end(void) { counting = false; }
long torture_count(void) { return count; }
long torture_live(void) { return live; }
bool torture_injected(void) { return injected; }

void torture_print_backtrace(void)
{
    static const char hint[] =
        "  (names a static function's offset: addr2line -f -e torture ADDR)\n";
    if (n_frames > 0) {
        backtrace_symbols_fd(frames, n_frames, STDERR_FILENO);
        if (write(STDERR_FILENO, hint, sizeof hint - 1) < 0)
            return;
    }
}

/* Whether this allocation attempt is the one to fail. */
static bool fail_now(void)
{
    if (!counting)
        return false;
    if (++count != fail_at)
        return false;
    injected = true;
    counting = false; /* backtrace() may allocate */
    n_frames = backtrace(frames, 64);
    counting = true;
    errno = ENOMEM;
    return true;
}

static void *counted(void *p)
{
    if (p && counting)
        live++;
    return p;
}

void *__wrap_malloc(size_t size)
{
    return fail_now() ? NULL : counted(__real_malloc(size));
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : counted(__real_calloc(n, size));
}

void *__wrap_realloc(void *p, size_t size)
{
    if (!p)
        return __wrap_malloc(size);
    if (fail_now())
        return NULL; /* p is left as it was */
    void *q = __real_realloc(p, size);
    if (!q && size == 0 && counting)
        live--; /* freed */
    return q;
}

char *__wrap_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = __wrap_malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

char *__wrap_strdup(const char *s) { return __wrap_strndup(s, (size_t)-1); }

void __wrap_free(void *p)
{
    if (p && counting)
        live--;
    __real_free(p);
}
