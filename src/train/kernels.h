/* kernels.h: the fast engine's inner loops (internal), one row of a table
 * per instruction set: the net inputs of a layer and the weight updates.
 *
 * Every kernel gives the same doubles: each one works on several units
 * side by side in a vector register, never on several terms of one sum,
 * so that every sum still adds its terms one by one in the graph's order
 * (and no multiply-add is fused).  The wider kernels are only there for
 * speed; the generic one (SSE2 on x86_64, NEON on arm64) runs anywhere.
 *
 * The weights of a layer are input-major: w_ij at w[i * n + j] for input
 * i of n_in and unit j of n.
 */
#ifndef BP_KERNELS_H
#define BP_KERNELS_H

#include <stdbool.h>

typedef struct {
    const char *name; /* "generic", "avx2", "avx512" */
    /* this processor (and its operating system) can run it */
    bool (*supported)(void);
    /* s[j] = ((0 + in[0] w_0j) + in[1] w_1j) + ... + b[j] for every unit
     * j < n: a layer's net inputs; without + b[j] where b is NULL */
    void (*sums)(const double *in, const double *w, const double *b,
                 int n_in, int n, double *s);
    /* s[h] = ((0 + w_h0 d[0]) + w_h1 d[1]) + ... for each row h < nh of
     * n weights (the weights out of unit h): the backward pass's sums */
    void (*dots)(const double *w, const double *d, int nh, int n,
                 double *s);
    /* w_ij = w_ij + ed[j] in[i]: the update without momentum (ed[j] is
     * eta delta_j), and batch mode's sum of the changes */
    void (*add)(double *w, const double *ed, const double *in, int n_in,
                int n);
    /* dw_ij = ed[j] in[i] + alpha dw_ij; w_ij = w_ij + dw_ij: the update
     * with momentum */
    void (*add_momentum)(double *w, double *dw, const double *ed,
                         const double *in, double alpha, int n_in, int n);
} bp_kernels;

/* Every kernel of this build, the generic one first. */
extern const bp_kernels bp_kernel_table[];
extern const int bp_kernel_count;

/* The widest kernel that this processor runs. */
const bp_kernels *bp_kernels_best(void);

#endif
