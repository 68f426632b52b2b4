/* random.h: numbers that are the same on every machine (internal).
 *
 * Variants must not depend on the platform's rand() or on how it formats
 * floating point: the generator is splitmix64 (Steele, Lea and Flood,
 * 2014), pure 64-bit integer arithmetic, and what it draws are integers
 * (hundredths, tenths) that are divided by a power of ten only at the end.
 */
#ifndef BP_RANDOM_H
#define BP_RANDOM_H

#include <stdint.h>

typedef struct {
    uint64_t state;
} bp_rng;

void bp_rng_seed(bp_rng *rng, uint64_t seed);
/* The next 64 random bits. */
uint64_t bp_rng_next(bp_rng *rng);
/* A whole number from 0 to n - 1, each equally likely (n >= 1): draws
 * that would favour the low numbers are drawn again. */
uint64_t bp_rng_below(bp_rng *rng, uint64_t n);

/* Uniform in [low, high): the top 53 bits of the next number as a
 * fraction, then low + (high - low) * fraction: each step exact or one
 * IEEE rounding, the same everywhere (initial weights for training). */
double bp_rng_uniform(bp_rng *rng, double low, double high);

/* FNV-1a, 64 bits, continued from `hash` over n bytes. */
#define BP_FNV1A64_OFFSET UINT64_C(0xcbf29ce484222325)
uint64_t bp_fnv1a64(uint64_t hash, const void *bytes, uint64_t n);

#endif
