/* kernel_body.h: the kernels of kernels.h, written once for a vector of
 * KB_LANES doubles.  kernels.c includes it once per instruction set,
 * having defined
 *   KB_LANES    the doubles in a vector (2, 4, 8)
 *   KB_BLOCK    the most vectors summed in one pass (8, or 16 where there
 *               are 32 vector registers)
 *   KB_TARGET   the functions' attribute: target("avx2"), or empty
 *   KB(name)    the name with the set's suffix: KB(sums) is sums_avx2
 *   KB_NARROW   the sums of a layer of fewer than KB_LANES units
 * and the helpers add_tail, add_momentum_tail, ALWAYS_INLINE and
 * SMALL_WIDTHS.  No include guard: it is meant to be included more than
 * once; it undefines what it defines and the KB_ parameters.
 *
 * A lane of a vector is computed as one double alone would be: every
 * operation on vectors below is the scalar code's, lane by lane, with the
 * same operands in the same order.
 */
#define vec KB(vec)
#define load KB(load)
#define store KB(store)
#define sum_block KB(sum_block)
#define sums_of KB(sums_of)
#define add_rows KB(add_rows)
#define dot_rows KB(dot_rows)
#define add_momentum_rows KB(add_momentum_rows)

typedef double vec __attribute__((vector_size(KB_LANES * sizeof(double))));

static inline KB_TARGET vec load(const double *p)
{
    vec v;
    memcpy(&v, p, sizeof v); /* unaligned */
    return v;
}

static inline KB_TARGET void store(double *p, vec v)
{
    memcpy(p, &v, sizeof v);
}

/* The sums of `count` vectors of units in one pass over the inputs, and
 * + b_j after the last term where b is given: the vectors start at units
 * j, j + KB_LANES, ..., the last one at `last`.
 * With a constant count the loops over v unroll and the sums stay in
 * registers: count independent chains of additions, which hide the
 * latency of each addition. */
static inline ALWAYS_INLINE KB_TARGET void
sum_block(const double *in, const double *w, const double *b, int n_in,
          int n, int j, int count, int last, double *s)
{
    vec acc[KB_BLOCK];
#pragma GCC unroll 16
    for (int v = 0; v < count; v++)
        acc[v] = (vec){0.0};
#pragma GCC unroll 2
    for (int i = 0; i < n_in; i++) {
        const double *wi = w + (size_t)i * (size_t)n;
        double x = in[i];
#pragma GCC unroll 16
        for (int v = 0; v < count; v++)
            acc[v] += x * load(wi + (v < count - 1 ? j + v * KB_LANES : last));
    }
#pragma GCC unroll 16
    for (int v = 0; v < count; v++) {
        int at = v < count - 1 ? j + v * KB_LANES : last;
        store(s + at, b ? acc[v] + load(b + at) : acc[v]);
    }
}

/* Blocks of KB_BLOCK vectors, then the rest in one pass too: whole vectors
 * from unit j, the last one ending at unit n - 1.  It may overlap the one
 * before it; the units in both get the same sum twice.  Needs n >=
 * KB_LANES. */
static inline ALWAYS_INLINE KB_TARGET void
sums_of(const double *in, const double *w, const double *b, int n_in, int n,
        double *s)
{
    enum { L = KB_LANES };
    int j = 0;
    for (; n - j >= KB_BLOCK * L; j += KB_BLOCK * L)
        sum_block(in, w, b, n_in, n, j, KB_BLOCK, j + (KB_BLOCK - 1) * L, s);
    /* a constant count for each, so that each block unrolls */
    switch ((n - j + L - 1) / L) {
    case 0: break;
    case 1: sum_block(in, w, b, n_in, n, j, 1, n - L, s); break;
    case 2: sum_block(in, w, b, n_in, n, j, 2, n - L, s); break;
    case 3: sum_block(in, w, b, n_in, n, j, 3, n - L, s); break;
    case 4: sum_block(in, w, b, n_in, n, j, 4, n - L, s); break;
    case 5: sum_block(in, w, b, n_in, n, j, 5, n - L, s); break;
    case 6: sum_block(in, w, b, n_in, n, j, 6, n - L, s); break;
    case 7: sum_block(in, w, b, n_in, n, j, 7, n - L, s); break;
    case 8: sum_block(in, w, b, n_in, n, j, 8, n - L, s); break;
#if KB_BLOCK > 8
    case 9: sum_block(in, w, b, n_in, n, j, 9, n - L, s); break;
    case 10: sum_block(in, w, b, n_in, n, j, 10, n - L, s); break;
    case 11: sum_block(in, w, b, n_in, n, j, 11, n - L, s); break;
    case 12: sum_block(in, w, b, n_in, n, j, 12, n - L, s); break;
    case 13: sum_block(in, w, b, n_in, n, j, 13, n - L, s); break;
    case 14: sum_block(in, w, b, n_in, n, j, 14, n - L, s); break;
    case 15: sum_block(in, w, b, n_in, n, j, 15, n - L, s); break;
    case 16: sum_block(in, w, b, n_in, n, j, 16, n - L, s); break;
#endif
    }
}

static KB_TARGET void KB(sums)(const double *in, const double *w,
                               const double *b, int n_in, int n, double *s)
{
    if (n < KB_LANES) {
        KB_NARROW(in, w, b, n_in, n, s);
        return;
    }
    /* A narrow layer (a lesson's) as a constant: its blocks and their
     * offsets are known when compiled, and cost no arithmetic at run time
     * (the cases narrower than a vector are not reached: see above). */
    switch (n) {
    SMALL_WIDTHS(sums_of(in, w, b, n_in, WIDTH, s); return;)
    }
    sums_of(in, w, b, n_in, n, s);
}

/* s[h] = ((0 + w_h0 d[0]) + w_h1 d[1]) + ... for each row h of n
 * weights: the backward pass's sums, along a row in order (the terms of
 * one sum are neighbours in a row, so they are not summed side by side). */
static inline ALWAYS_INLINE KB_TARGET void
dot_rows(const double *restrict w, const double *restrict d, int nh, int n,
         double *restrict s)
{
    for (int h = 0; h < nh; h++) {
        const double *row = w + (size_t)h * (size_t)n;
        double sum = 0.0;
        for (int k = 0; k < n; k++)
            sum += row[k] * d[k];
        s[h] = sum;
    }
}

static KB_TARGET void KB(dots)(const double *restrict w,
                               const double *restrict d, int nh, int n,
                               double *restrict s)
{
    /* a narrow layer's row as straight code, without loop control */
    switch (n) {
    SMALL_WIDTHS(dot_rows(w, d, nh, WIDTH, s); return;)
    }
    dot_rows(w, d, nh, n, s);
}

/* w_ij = w_ij + ed[j] x along row i: four vectors at a time, then one,
 * then the narrower tail (an update cannot overlap: it would change a
 * weight twice). */
static inline ALWAYS_INLINE KB_TARGET void
add_rows(double *restrict w, const double *restrict ed, const double *in,
         int n_in, int n)
{
    enum { L = KB_LANES };
    for (int i = 0; i < n_in; i++) {
        double x = in[i], *wi = w + (size_t)i * (size_t)n;
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
#pragma GCC unroll 4
            for (int v = 0; v < 4 * L; v += L)
                store(wi + j + v, load(wi + j + v) + load(ed + j + v) * x);
        }
        for (; j + L <= n; j += L)
            store(wi + j, load(wi + j) + load(ed + j) * x);
        add_tail(wi, ed, x, j, n);
    }
}

static KB_TARGET void KB(add)(double *restrict w, const double *restrict ed,
                              const double *in, int n_in, int n)
{
    /* a narrow layer's row as straight code, without loop control */
    switch (n) {
    SMALL_WIDTHS(add_rows(w, ed, in, n_in, WIDTH); return;)
    }
    add_rows(w, ed, in, n_in, n);
}

static inline ALWAYS_INLINE KB_TARGET void
add_momentum_rows(double *restrict w, double *restrict dw,
                  const double *restrict ed, const double *in, double alpha,
                  int n_in, int n)
{
    enum { L = KB_LANES };
    for (int i = 0; i < n_in; i++) {
        double x = in[i];
        double *wi = w + (size_t)i * (size_t)n;
        double *dwi = dw + (size_t)i * (size_t)n;
        int j = 0;
        for (; j + L <= n; j += L) {
            vec d = load(ed + j) * x + alpha * load(dwi + j);
            store(dwi + j, d);
            store(wi + j, load(wi + j) + d);
        }
        add_momentum_tail(wi, dwi, ed, x, alpha, j, n);
    }
}

static KB_TARGET void KB(add_momentum)(double *restrict w, double *restrict dw,
                                       const double *restrict ed,
                                       const double *in, double alpha,
                                       int n_in, int n)
{
    switch (n) {
    SMALL_WIDTHS(add_momentum_rows(w, dw, ed, in, alpha, n_in, WIDTH); return;)
    }
    add_momentum_rows(w, dw, ed, in, alpha, n_in, n);
}

#undef vec
#undef load
#undef store
#undef sum_block
#undef sums_of
#undef add_rows
#undef dot_rows
#undef add_momentum_rows
#undef KB_LANES
#undef KB_BLOCK
#undef KB_TARGET
#undef KB
#undef KB_NARROW
