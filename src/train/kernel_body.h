/* kernel_body.h: the kernels of kernels.h, written once for a vector of
 * KB_LANES doubles.  kernels.c includes it once per instruction set,
 * having defined
 *   KB_LANES    the doubles in a vector (2, 4, 8)
 *   KB_TARGET   the functions' attribute: target("avx2"), or empty
 *   KB(name)    the name with the set's suffix: KB(sums) is sums_avx2
 *   KB_NARROW   the sums of a layer of fewer than KB_LANES units
 * and the helpers add_tail and add_momentum_tail.  No include guard: it
 * is meant to be included more than once; it undefines what it defines.
 *
 * A lane of a vector is computed as one double alone would be: every
 * operation on vectors below is the scalar code's, lane by lane, with the
 * same operands in the same order.
 */
#define vec KB(vec)
#define load KB(load)
#define store KB(store)
#define sum_block KB(sum_block)

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

/* The sums of `count` vectors of units, starting at units at[0], at[1],
 * ..., in one pass over the inputs.  Called with a constant count, the
 * loops over v unroll and the sums stay in registers: count independent
 * chains of additions, which hide the latency of each addition. */
static inline KB_TARGET void sum_block(const double *in, const double *w,
                                       int n_in, int n, const int *at,
                                       int count, double *s)
{
    vec acc[8];
#pragma GCC unroll 8
    for (int v = 0; v < count; v++)
        acc[v] = (vec){0.0};
    for (int i = 0; i < n_in; i++) {
        const double *wi = w + (size_t)i * (size_t)n;
        double x = in[i];
#pragma GCC unroll 8
        for (int v = 0; v < count; v++)
            acc[v] += x * load(wi + at[v]);
    }
#pragma GCC unroll 8
    for (int v = 0; v < count; v++)
        store(s + at[v], acc[v]);
}

static KB_TARGET void KB(sums)(const double *in, const double *w, int n_in,
                               int n, double *s)
{
    enum { L = KB_LANES };
    if (n < L) {
        KB_NARROW(in, w, n_in, n, s);
        return;
    }
    int at[8], j = 0;
    for (; n - j >= 8 * L; j += 8 * L) {
        for (int v = 0; v < 8; v++)
            at[v] = j + v * L;
        sum_block(in, w, n_in, n, at, 8, s);
    }
    if (j == n)
        return;
    /* The rest in one pass too: whole vectors from unit j, the last one
     * ending at unit n - 1.  It may overlap the one before it; the units
     * in both get the same sum twice. */
    int count = (n - j + L - 1) / L;
    for (int v = 0; v < count; v++)
        at[v] = j + v * L;
    at[count - 1] = n - L;
    /* a constant count for each, so that each block unrolls */
    switch (count) {
    case 1: sum_block(in, w, n_in, n, at, 1, s); break;
    case 2: sum_block(in, w, n_in, n, at, 2, s); break;
    case 3: sum_block(in, w, n_in, n, at, 3, s); break;
    case 4: sum_block(in, w, n_in, n, at, 4, s); break;
    case 5: sum_block(in, w, n_in, n, at, 5, s); break;
    case 6: sum_block(in, w, n_in, n, at, 6, s); break;
    case 7: sum_block(in, w, n_in, n, at, 7, s); break;
    case 8: sum_block(in, w, n_in, n, at, 8, s); break;
    }
}

/* Along each row of weights (the weights out of input i): four vectors
 * at a time, then one, then the narrower tail; an update cannot overlap
 * (it would change a weight twice). */
static KB_TARGET void KB(add)(double *restrict w, const double *restrict ed,
                              const double *in, int n_in, int n)
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

static KB_TARGET void KB(add_momentum)(double *restrict w, double *restrict dw,
                                       const double *restrict ed,
                                       const double *in, double alpha,
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

#undef vec
#undef load
#undef store
#undef sum_block
