/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double ps_imbalance(const double *busy, size_t n)
{
    double sum = 0, max = 0;
    for (size_t i = 0; i < n; i++) {
        sum += busy[i];
        max = busy[i] > max ? busy[i] : max;
    }
    return sum > 0 ? max * (double)n / sum : 1;
}

static void mean_and_sd(const double *x, size_t n, double *mean, double *sd)
{
    double sum = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    *mean = sum / (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - *mean) * (x[i] - *mean);
    *sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
}

double ps_median_of_sorted(const double *sorted, size_t n)
{
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

double *ps_sorted_copy(const double *x, size_t n)
{
    double *s = malloc(n * sizeof *s);
    if (s) {
        memcpy(s, x, n * sizeof *s);
        qsort(s, n, sizeof *s, by_value);
    }
    return s;
}

void ps_stats_of(double *x, size_t n, ps_stats *s)
{
    qsort(x, n, sizeof *x, by_value);
    *s = (ps_stats){
        .n = n,
        .min = x[0],
        .median = ps_median_of_sorted(x, n),
        .max = x[n - 1],
    };
    mean_and_sd(x, n, &s->mean, &s->stddev);
}

bool ps_median_interval(const double *sorted, size_t n, double confidence, double *lo, double *hi,
                        double *coverage)
{
    /* P(B <= k) summed term by term in logarithms (n may be large); r - 1 is the largest k whose
     * tail fits in half of what the confidence leaves. */
    const double tail = (1 - confidence) / 2, log_half = n * log(0.5);
    double cdf = 0;
    size_t r = 0;
    for (size_t k = 0; k < n / 2; k++) {
        double term =
            exp(lgamma(n + 1.0) - lgamma(k + 1.0) - lgamma((double)(n - k) + 1) + log_half);
        if (cdf + term > tail)
            break;
        cdf += term;
        r = k + 1;
    }
    if (r == 0)
        return false;
    *lo = sorted[r - 1];
    *hi = sorted[n - r];
    *coverage = 1 - 2 * cdf;
    return true;
}

size_t ps_outliers(const double *x, size_t n)
{
    if (n < 3)
        return 0;
    double mean, sd;
    mean_and_sd(x, n, &mean, &sd);
    size_t out = 0;
    for (size_t i = 0; i < n; i++)
        out += fabs(x[i] - mean) > 3 * sd;
    return out;
}
