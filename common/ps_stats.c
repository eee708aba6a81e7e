#include "ps_stats.h"

#include <math.h>
#include <stdlib.h>

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

void ps_stats_of(double *x, size_t n, ps_stats *s)
{
    qsort(x, n, sizeof *x, by_value);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    double mean = sum / (double)n, ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    *s = (ps_stats){
        .n = n,
        .min = x[0],
        .median = n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2,
        .mean = mean,
        .max = x[n - 1],
        .stddev = n > 1 ? sqrt(ss / (double)(n - 1)) : 0,
    };
}
