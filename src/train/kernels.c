/* kernels.c: the table of the fast engine's inner loops, one row per
 * instruction set (kernels.h), and the choice of the widest one that the
 * processor runs.  The loops are written once, in kernel_body.h; the
 * narrow tails they share are here.
 */
#ifdef __clang__
/* a * b + c stays a rounded product and a rounded sum (GCC does not
 * contract in ISO C mode, clang does unless told) */
#pragma STDC FP_CONTRACT OFF
#endif

#include "train/kernels.h"

#include <stddef.h>
#include <string.h>

/* Two doubles side by side (SSE2 on x86_64, NEON on arm64): the generic
 * vector, and the tail of the wider ones. */
typedef double pair __attribute__((vector_size(2 * sizeof(double))));

static inline pair load_pair(const double *p)
{
    pair v;
    memcpy(&v, p, sizeof v); /* unaligned */
    return v;
}

static inline void store_pair(double *p, pair v)
{
    memcpy(p, &v, sizeof v);
}

/* The sums of a layer of one unit (narrower than a pair). */
static void sums_one_by_one(const double *in, const double *w,
                            const double *b, int n_in, int n, double *s)
{
    for (int j = 0; j < n; j++) {
        double sum = 0.0;
        for (int i = 0; i < n_in; i++)
            sum += in[i] * w[(size_t)i * (size_t)n + (size_t)j];
        s[j] = b ? sum + b[j] : sum;
    }
}

/* The end of a row of updates from unit j on: pairs, then one. */
static inline void add_tail(double *restrict w, const double *restrict ed,
                            double x, int j, int n)
{
    for (; j + 2 <= n; j += 2)
        store_pair(w + j, load_pair(w + j) + load_pair(ed + j) * x);
    for (; j < n; j++)
        w[j] = w[j] + ed[j] * x;
}

static inline void add_momentum_tail(double *restrict w, double *restrict dw,
                                     const double *restrict ed, double x,
                                     double alpha, int j, int n)
{
    for (; j + 2 <= n; j += 2) {
        pair d = load_pair(ed + j) * x + alpha * load_pair(dw + j);
        store_pair(dw + j, d);
        store_pair(w + j, load_pair(w + j) + d);
    }
    for (; j < n; j++) {
        dw[j] = ed[j] * x + alpha * dw[j];
        w[j] = w[j] + dw[j];
    }
}

#define ALWAYS_INLINE __attribute__((always_inline))

/* The cases of a switch over a layer's width n for the narrow layers of
 * the lessons (the 8-3-8 encoder's are 3 and 8 wide): `code` with the
 * width WIDTH a constant, so that its loops over a row unroll. */
#define SMALL_WIDTHS(code)                                                    \
    case 1: { enum { WIDTH = 1 }; code }                                      \
    case 2: { enum { WIDTH = 2 }; code }                                      \
    case 3: { enum { WIDTH = 3 }; code }                                      \
    case 4: { enum { WIDTH = 4 }; code }                                      \
    case 5: { enum { WIDTH = 5 }; code }                                      \
    case 6: { enum { WIDTH = 6 }; code }                                      \
    case 7: { enum { WIDTH = 7 }; code }                                      \
    case 8: { enum { WIDTH = 8 }; code }

static bool always(void)
{
    return true;
}

/* generic: pairs, on every processor */
#define KB_LANES 2
#define KB_BLOCK 8
#define KB_TARGET
#define KB(name) name##_generic
#define KB_NARROW sums_one_by_one
#include "train/kernel_body.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define BP_WIDE_KERNELS 1

static bool has_avx2(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

static bool has_avx512f(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}

/* Layers narrower than a vector go to the generic kernel. */
#define KB_LANES 4
#define KB_BLOCK 8
#define KB_TARGET __attribute__((target("avx2")))
#define KB(name) name##_avx2
#define KB_NARROW sums_generic
#include "train/kernel_body.h"

#define KB_LANES 8
#define KB_BLOCK 16
#define KB_TARGET __attribute__((target("avx512f")))
#define KB(name) name##_avx512
#define KB_NARROW sums_generic
#include "train/kernel_body.h"
#endif

const bp_kernels bp_kernel_table[] = {
    {"generic", always, sums_generic, dots_generic, add_generic,
     add_momentum_generic},
#ifdef BP_WIDE_KERNELS
    {"avx2", has_avx2, sums_avx2, dots_avx2, add_avx2, add_momentum_avx2},
    {"avx512", has_avx512f, sums_avx512, dots_avx512, add_avx512,
     add_momentum_avx512},
#endif
};
const int bp_kernel_count =
    (int)(sizeof bp_kernel_table / sizeof bp_kernel_table[0]);

const bp_kernels *bp_kernels_best(void)
{
    for (int k = bp_kernel_count - 1; k > 0; k--)
        if (bp_kernel_table[k].supported())
            return &bp_kernel_table[k];
    return &bp_kernel_table[0];
}
