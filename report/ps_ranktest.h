/* SPDX-License-Identifier: BSD-3-Clause */
/* The Mann-Whitney U test (Wilcoxon rank-sum) of two sets of timed repetitions, and the
 * distribution-free interval of the ratio of their times it implies (Bauer 1972: order statistics
 * of the pairwise differences of log times, at the test's critical value). No assumption about how
 * times are distributed, only that repetitions are independent. */
#ifndef PS_RANKTEST_H
#define PS_RANKTEST_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ps_ranktest {
    double u;     /* #{(i, j): a_i > b_j} + half the ties */
    double p;     /* two-sided */
    double min_p; /* the smallest p these sample sizes can give at all */
    bool exact;   /* p from the exact distribution (no ties, both sizes below 50), else the
                     normal approximation with tie and continuity corrections */
} ps_ranktest;

/* false if memory runs out; na, nb >= 1. */
bool ps_mann_whitney(const double *a, size_t na, const double *b, size_t nb, ps_ranktest *t);

/* The interval, at the given confidence, of the ratio of b's times to a's (every time > 0):
 * false when the sizes are too small for one at that confidence, or memory runs out. */
bool ps_ratio_interval(const double *a, size_t na, const double *b, size_t nb, double confidence,
                       double *lo, double *hi);

#endif
