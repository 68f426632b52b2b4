/* loss.c: the table of losses, one row each. */
#include "bptrace/activation.h"
#include "math/loss.h"

#include <math.h>
#include <string.h>

static double squared(double t, double o, bool complement)
{
    (void)complement;
    double e = t - o;
    return e * e;
}
static double squared_sum(const double *t, const double *o, int n,
                          bool complement)
{
    (void)complement;
    double sum = 0.0;
    for (int k = 0; k < n; k++) {
        double e = t[k] - o[k];
        sum += e * e;
    }
    return sum;
}
static long double squared_l(long double t, long double o, bool complement)
{
    (void)complement;
    long double e = t - o;
    return 0.5L * e * e;
}

/* t ln o + (1 - t) ln(1 - o); a term whose factor is 0 is left out, so
 * that 0 ln 0 is 0 */
static double cross_entropy(double t, double o, bool complement)
{
    double term = t != 0 ? t * log(o) : 0.0;
    if (complement)
        term += t != 1 ? (1.0 - t) * log(1.0 - o) : 0.0;
    return term;
}
static double cross_entropy_sum(const double *t, const double *o, int n,
                                bool complement)
{
    double sum = 0.0;
    for (int k = 0; k < n; k++)
        sum += cross_entropy(t[k], o[k], complement);
    return sum;
}
static long double cross_entropy_l(long double t, long double o,
                                   bool complement)
{
    if (!complement)
        return -(t != 0 ? t * logl(o) : 0.0L);
    return -((t != 0 ? t * logl(o) : 0.0L) +
             (t != 1 ? (1.0L - t) * log1pl(-o) : 0.0L));
}

static const bp_loss_row rows[BP_LOSS_COUNT] = {
    [BP_LOSS_SQUARED] =
        {
            .name = "squared",
            .factor = 0.5,
            .term = squared,
            .sum = squared_sum,
            .term_long = squared_l,
        },
    [BP_LOSS_CROSS_ENTROPY] =
        {
            .name = "cross-entropy",
            .factor = -1.0,
            .term = cross_entropy,
            .sum = cross_entropy_sum,
            .term_long = cross_entropy_l,
            .cancels_derivative = true,
            .targets_are_probabilities = true,
            .uncancelled_hint =
                "the squared-error delta o(1 - o)(t - o) was "
                "used: with cross-entropy the o(1 - o) cancels, "
                "and delta is t - o",
        },
};

const bp_loss_row *bp_loss_row_of(bp_loss loss)
{
    return &rows[loss];
}

const char *bp_loss_name(bp_loss loss)
{
    return (unsigned)loss < BP_LOSS_COUNT ? rows[loss].name : "unknown";
}

bool bp_loss_from_name(const char *name, bp_loss *loss)
{
    for (int i = 0; i < BP_LOSS_COUNT; i++)
        if (strcmp(rows[i].name, name) == 0) {
            *loss = (bp_loss)i;
            return true;
        }
    return false;
}
