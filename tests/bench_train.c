/* bench_train.c: how fast the untraced engine trains, and how the cost of
 * a trace grows with the number of weights.  A benchmark, not a test: it
 * prints its figures and fails only when something cannot run.
 *
 *   encoder 8-3-8     stochastic steps on lessons/encoder-8-3-8.yaml
 *   784-100-10        stochastic steps on synthetic data (sigmoid units,
 *                     inputs uniform in [0, 1], one-hot targets)
 *                     (both with each kernel that this processor runs,
 *                     train/kernels.h; the engine picks the last)
 *   trace 1x 2x 4x    bp_trace_build + bp_render_text of 8-N-8 networks
 *                     with 128, 256 and 512 weights
 *
 * Run with `meson test -C build --benchmark -v` from an optimized build
 * (meson setup build-release --buildtype=release).  Times are CPU time
 * of this process (one core).
 */
#include "bptrace.h"
#include "train/net.h"
#include "util/random.h"
#include "train/train.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The process's CPU time: on a machine that others share, wall time
 * measures them too. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Epochs until `seconds` have passed; examples per second. */
static double examples_per_second(bp_net *net, const bp_train_config *cfg,
                                  const bp_example_set *set, double seconds)
{
    long examples = 0;
    double start = now(), elapsed;
    do {
        for (int i = 0; i < 64; i++)
            bp_train_epoch(net, cfg, set);
        examples += 64L * set->n;
        elapsed = now() - start;
    } while (elapsed < seconds);
    return (double)examples / elapsed;
}

static int bench_encoder(double seconds)
{
    bp_error err;
    bp_lesson *l = bp_lesson_load("lessons/encoder-8-3-8.yaml", &err);
    if (!l) {
        fprintf(stderr, "bench_train: %s\n", err.message);
        return 1;
    }
    for (int k = 0; k < bp_kernel_count; k++) {
        if (!bp_kernel_table[k].supported())
            continue;
        bp_net *net = bp_net_from_lesson(l);
        net->kernels = &bp_kernel_table[k];
        bp_train_config cfg = {.rules = l->training, .eta = l->eta};
        double rate = examples_per_second(net, &cfg, &l->examples, seconds);
        printf("encoder 8-3-8:  %.2f million examples/s (stochastic, "
               "forward + backward + update; %s kernel)\n", rate / 1e6,
               bp_kernel_table[k].name);
        bp_net_free(net);
    }
    bp_lesson_free(l);
    return 0;
}

static int bench_mnist_shape(double seconds, const bp_kernels *kernels)
{
    enum { N_IN = 784, N_HID = 100, N_OUT = 10, N_EX = 256 };
    int sizes[] = {N_IN, N_HID, N_OUT};
    bp_activation act[] = {BP_ACT_LINEAR, BP_ACT_SIGMOID, BP_ACT_SIGMOID};
    bp_net *net = bp_net_new(3, sizes, act);
    if (net)
        net->kernels = kernels;
    bp_example_set set = {.n = N_EX, .n_inputs = N_IN, .n_targets = N_OUT};
    set.inputs = malloc(sizeof(double) * N_EX * N_IN);
    set.targets = calloc(N_EX * N_OUT, sizeof(double));
    if (!net || !set.inputs || !set.targets) {
        fprintf(stderr, "bench_train: out of memory\n");
        return 1;
    }
    bp_rng r;
    bp_rng_seed(&r, 1);
    for (int i = 0; i < net->n_weights; i++)
        net->w[i] = bp_rng_uniform(&r, -0.05, 0.05);
    for (int i = 0; i < N_EX * N_IN; i++)
        set.inputs[i] = bp_rng_uniform(&r, 0, 1);
    for (int d = 0; d < N_EX; d++)
        set.targets[d * N_OUT + (int)(bp_rng_next(&r) % N_OUT)] = 1;
    bp_training rules = {.epochs = 1, .tolerance = 0.5};
    bp_train_config cfg = {.rules = rules, .eta = 0.1};
    long examples = 0;
    double start = now(), elapsed;
    do {
        bp_train_epoch(net, &cfg, &set);
        examples += N_EX;
        elapsed = now() - start;
    } while (elapsed < seconds);
    printf("784-100-10:     %.1f thousand examples/s (stochastic, synthetic "
           "data; %s kernel)\n", (double)examples / elapsed / 1e3,
           kernels->name);
    free(set.inputs);
    free(set.targets);
    bp_net_free(net);
    return 0;
}

/* An 8-hidden-8 lesson with every weight given as a matrix. */
static char *lesson_text(int hidden)
{
    size_t size = 4096 + (size_t)hidden * 200;
    char *s = malloc(size);
    if (!s)
        return NULL;
    size_t n = (size_t)snprintf(s, size,
                                "title: bench\nsource: bench\nnetwork:\n"
                                "  layers:\n    - units: [x1, x2, x3, x4, "
                                "x5, x6, x7, x8]\n    - units: [");
    for (int h = 0; h < hidden; h++)
        n += (size_t)snprintf(s + n, size - n, "%s%d", h ? ", " : "",
                              100 + h);
    n += (size_t)snprintf(s + n, size - n, "]\n      weights: [");
    for (int h = 0; h < hidden; h++)
        n += (size_t)snprintf(s + n, size - n,
                              "%s[0.1, -0.2, 0.3, 0.1, -0.1, 0.2, 0.05, "
                              "-0.3]", h ? ", " : "");
    n += (size_t)snprintf(s + n, size - n,
                          "]\n    - units: [1, 2, 3, 4, 5, 6, 7, 8]\n"
                          "      weights: [");
    for (int k = 0; k < 8; k++) {
        n += (size_t)snprintf(s + n, size - n, "%s[", k ? ", " : "");
        for (int h = 0; h < hidden; h++)
            n += (size_t)snprintf(s + n, size - n, "%s0.1", h ? ", " : "");
        n += (size_t)snprintf(s + n, size - n, "]");
    }
    snprintf(s + n, size - n,
             "]\nexample:\n  inputs: [1, 0, 1, 0, 1, 0, 1, 0]\n"
             "  targets: [1, 0, 0, 0, 0, 0, 0, 1]\nlearning_rate: 0.5\n");
    return s;
}

static int bench_trace_scaling(double seconds)
{
    FILE *sink = fopen("/dev/null", "w");
    if (!sink)
        return 1;
    double per_weight[3];
    printf("trace (build + text render), 8-N-8 networks:\n");
    for (int i = 0; i < 3; i++) {
        int hidden = 8 << i;
        char *text = lesson_text(hidden);
        bp_error err;
        bp_lesson *l =
            text ? bp_lesson_parse("bench", text, strlen(text), &err) : NULL;
        free(text);
        if (!l) {
            fprintf(stderr, "bench_train: %s\n", err.message);
            fclose(sink);
            return 1;
        }
        bp_render_options opt = {.mode = BP_MODE_EXACT, .digits = 4};
        long runs = 0;
        double start = now(), elapsed;
        do {
            bp_trace *t = bp_trace_build(l, &err);
            if (!t || bp_render_text(t, &opt, sink) != 0) {
                fprintf(stderr, "bench_train: trace failed\n");
                return 1;
            }
            bp_trace_free(t);
            runs++;
            elapsed = now() - start;
        } while (elapsed < seconds / 3);
        double ms = elapsed / (double)runs * 1e3;
        per_weight[i] = ms / l->n_weights * 1e3;
        printf("  %dx: %4d weights  %7.3f ms per trace  %6.2f us per "
               "weight\n", 1 << i, l->n_weights, ms, per_weight[i]);
        bp_lesson_free(l);
    }
    printf("  cost per weight at 4x / at 1x: %.2f (1.00 is linear)\n",
           per_weight[2] / per_weight[0]);
    fclose(sink);
    return 0;
}

/* One trace of an 8-H-8 network, for counting instructions:
 *   valgrind --tool=callgrind bench_train --trace-once 8 */
static int trace_once(int hidden)
{
    char *text = lesson_text(hidden);
    bp_error err;
    bp_lesson *l = text ? bp_lesson_parse("bench", text, strlen(text), &err)
                        : NULL;
    free(text);
    FILE *sink = fopen("/dev/null", "w");
    bp_trace *t = l ? bp_trace_build(l, &err) : NULL;
    bp_render_options opt = {.mode = BP_MODE_EXACT, .digits = 4};
    int rc = t && sink && bp_render_text(t, &opt, sink) == 0 ? 0 : 1;
    bp_trace_free(t);
    bp_lesson_free(l);
    if (sink)
        fclose(sink);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--trace-once") == 0)
        return trace_once(atoi(argv[2]));
    double seconds = argc > 1 ? atof(argv[1]) : 1.0;
    if (!(seconds > 0))
        seconds = 1.0;
    if (bench_encoder(seconds))
        return 1;
    for (int k = 0; k < bp_kernel_count; k++)
        if (bp_kernel_table[k].supported() &&
            bench_mnist_shape(seconds, &bp_kernel_table[k]))
            return 1;
    return bench_trace_scaling(seconds);
}
