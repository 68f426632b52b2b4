/* random.c: splitmix64 and FNV-1a: integer arithmetic only, so that a
 * seed gives the same variant, or the same initial weights, on every
 * machine (see random.h). */
#include "bptrace/number.h"
#include "util/random.h"

void bp_rng_seed(bp_rng *rng, uint64_t seed)
{
    rng->state = seed;
}

uint64_t bp_rng_next(bp_rng *rng)
{
    uint64_t z = (rng->state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

uint64_t bp_rng_below(bp_rng *rng, uint64_t n)
{
    /* 2^64 mod n numbers at the bottom would make r % n uneven. */
    uint64_t threshold = (0 - n) % n;
    for (;;) {
        uint64_t r = bp_rng_next(rng);
        if (r >= threshold)
            return r % n;
    }
}

double bp_rng_uniform(bp_rng *rng, double low, double high)
{
    double fraction = (double)(bp_rng_next(rng) >> 11) * 0x1p-53;
    double span = high - low;
    double scaled = span * fraction;
    return low + scaled;
}

uint64_t bp_fnv1a64(uint64_t hash, const void *bytes, uint64_t n)
{
    const unsigned char *p = bytes;
    for (uint64_t i = 0; i < n; i++) {
        hash ^= p[i];
        hash *= UINT64_C(0x100000001b3);
    }
    return hash;
}
