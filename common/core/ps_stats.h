/* SPDX-License-Identifier: BSD-3-Clause */
/* Statistics over the timed repetitions of one run, and the interval of their median. */
#ifndef PS_STATS_H
#define PS_STATS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ps_stats {
    size_t n;
    double min, median, mean, max, stddev; /* stddev: the sample standard deviation (n - 1) */
} ps_stats;

/* Sorts x in place (n >= 1) and fills s. */
void ps_stats_of(double *x, size_t n, ps_stats *s);

/* A sorted copy of x (n >= 1), for samples that keep their order; NULL without memory. */
double *ps_sorted_copy(const double *x, size_t n);

/* The median of sorted x (n >= 1). */
double ps_median_of_sorted(const double *sorted, size_t n);

/* Load imbalance of per-worker busy times: the busiest over the mean (1 is perfect balance). */
double ps_imbalance(const double *busy, size_t n);

/* The distribution-free confidence interval of the median from order statistics: the largest r
 * with 2 P(B <= r - 1) <= 1 - confidence, B ~ Binomial(n, 1/2), gives [x(r), x(n + 1 - r)]
 * (1-based, x sorted). false when n is too small for any interval at that confidence (below 6
 * samples at 95%). *coverage: the interval's exact coverage (at least the confidence). */
bool ps_median_interval(const double *sorted, size_t n, double confidence, double *lo, double *hi,
                        double *coverage);

/* Samples beyond 3 standard deviations of the mean (EPCC's rule); 0 below 3 samples. */
size_t ps_outliers(const double *x, size_t n);

#endif
