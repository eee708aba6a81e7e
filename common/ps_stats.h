/* Statistics over the timed repetitions of one run. */
#ifndef PS_STATS_H
#define PS_STATS_H

#include <stddef.h>

typedef struct ps_stats {
    size_t n;
    double min, median, mean, max, stddev; /* stddev: the sample standard deviation (n - 1) */
} ps_stats;

/* Sorts x in place (n >= 1) and fills s. */
void ps_stats_of(double *x, size_t n, ps_stats *s);

/* Load imbalance of per-worker busy times: the busiest over the mean (1 is perfect balance). */
double ps_imbalance(const double *busy, size_t n);

#endif
