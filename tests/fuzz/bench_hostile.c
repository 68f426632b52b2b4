/* bench_hostile.c: how long the loader takes to reject hostile lessons.
 *
 * bench_hostile [-n RUNS] FILE...: loads each file RUNS times (default 300)
 * in this process and prints the milliseconds per run (mean and slowest)
 * and the first line of the message.  The tests assert the bound loosely
 * (seconds); this measures it (libyaml's own loader takes about 15 s for
 * 100,000 nested '[').  Run by `meson test --benchmark`. */
#include "bptrace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    int runs = 300, first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        runs = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || runs < 1) {
        fprintf(stderr, "usage: %s [-n RUNS] FILE...\n", argv[0]);
        return 2;
    }
    for (int i = first; i < argc; i++) {
        double total = 0, slowest = 0;
        bp_error err;
        for (int r = 0; r < runs; r++) {
            double start = now_ms();
            bp_lesson *lesson = bp_lesson_load(argv[i], &err);
            double ms = now_ms() - start;
            if (lesson) {
                fprintf(stderr, "%s: loaded, but it should be rejected\n",
                        argv[i]);
                bp_lesson_free(lesson);
                return 1;
            }
            total += ms;
            if (ms > slowest)
                slowest = ms;
        }
        printf("%s: rejected in %.3f ms per run (mean of %d, slowest "
               "%.3f ms): %s\n",
               argv[i], total / runs, runs, slowest, err.message);
    }
    return 0;
}
