/* SPDX-License-Identifier: BSD-3-Clause */
/* Statistics over repetitions, on inputs whose answers are known. */
#include "ps_ranktest.h"
#include "ps_stats.h"
#include "unit.h"

#include <math.h>

static void test_odd(void)
{
    double x[] = {5, 1, 4, 2, 3};
    ps_stats s;
    ps_stats_of(x, 5, &s);
    CU_ASSERT_EQUAL(s.n, 5);
    CU_ASSERT_DOUBLE_EQUAL(s.min, 1, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(s.median, 3, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(s.mean, 3, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(s.max, 5, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(s.stddev, sqrt(2.5), 1e-12);
}

static void test_even_and_single(void)
{
    double x[] = {10, 2, 8, 4};
    ps_stats s;
    ps_stats_of(x, 4, &s);
    CU_ASSERT_DOUBLE_EQUAL(s.median, 6, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(s.mean, 6, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(s.stddev, sqrt(40.0 / 3), 1e-12);
    double one[] = {0.25};
    ps_stats_of(one, 1, &s);
    CU_ASSERT_DOUBLE_EQUAL(s.min, 0.25, 0);
    CU_ASSERT_DOUBLE_EQUAL(s.median, 0.25, 0);
    CU_ASSERT_DOUBLE_EQUAL(s.max, 0.25, 0);
    CU_ASSERT_DOUBLE_EQUAL(s.stddev, 0, 0);
}

static void test_outlier_moves_mean_not_median(void)
{
    double x[] = {1, 1, 1, 1, 100};
    ps_stats s;
    ps_stats_of(x, 5, &s);
    CU_ASSERT_DOUBLE_EQUAL(s.median, 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(s.mean, 20.8, 1e-12);
}

/* The expected values below were computed independently in Python: binomial tails with
 * math.comb, the U distribution by enumerating every choice of which ranks are a's
 * (itertools.combinations), and the ratio's interval by sorting every pairwise log difference. */
static void test_median_interval(void)
{
    double x[100], lo, hi, coverage;
    for (int i = 0; i < 100; i++)
        x[i] = i + 1;
    CU_ASSERT_FALSE(ps_median_interval(x, 5, 0.95, &lo, &hi, &coverage)); /* 2/32 > 0.05 */
    CU_ASSERT_TRUE(ps_median_interval(x, 6, 0.95, &lo, &hi, &coverage));
    CU_ASSERT_DOUBLE_EQUAL(lo, 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(hi, 6, 0);
    CU_ASSERT_DOUBLE_EQUAL(coverage, 0.96875, 1e-12);
    CU_ASSERT_TRUE(ps_median_interval(x, 10, 0.95, &lo, &hi, &coverage));
    CU_ASSERT_DOUBLE_EQUAL(lo, 2, 0);
    CU_ASSERT_DOUBLE_EQUAL(hi, 9, 0);
    CU_ASSERT_DOUBLE_EQUAL(coverage, 0.978515625, 1e-12);
    CU_ASSERT_TRUE(ps_median_interval(x, 20, 0.95, &lo, &hi, &coverage));
    CU_ASSERT_DOUBLE_EQUAL(lo, 6, 0);
    CU_ASSERT_DOUBLE_EQUAL(hi, 15, 0);
    CU_ASSERT_DOUBLE_EQUAL(coverage, 0.9586105346679688, 1e-12);
    CU_ASSERT_TRUE(ps_median_interval(x, 100, 0.95, &lo, &hi, &coverage));
    CU_ASSERT_DOUBLE_EQUAL(lo, 40, 0);
    CU_ASSERT_DOUBLE_EQUAL(hi, 61, 0);
    CU_ASSERT_DOUBLE_EQUAL(coverage, 0.9647997997822952, 1e-9);
}

static void test_outliers(void)
{
    double x[20];
    for (int i = 0; i < 20; i++)
        x[i] = 1 + 0.01 * (i % 3);
    CU_ASSERT_EQUAL(ps_outliers(x, 20), 0);
    x[7] = 5; /* one repetition stalled */
    CU_ASSERT_EQUAL(ps_outliers(x, 20), 1);
    CU_ASSERT_EQUAL(ps_outliers(x, 2), 0);
}

static void test_mann_whitney_exact(void)
{
    const double a[] = {1.1, 1.3, 1.2, 1.5, 1.4}, b[] = {1.6, 1.45, 1.8, 1.7, 1.9, 1.35};
    ps_ranktest t;
    CU_ASSERT_TRUE(ps_mann_whitney(a, 5, b, 6, &t));
    CU_ASSERT_TRUE(t.exact);
    CU_ASSERT_DOUBLE_EQUAL(t.u, 3, 0);
    CU_ASSERT_DOUBLE_EQUAL(t.p, 0.030303030303030304, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(t.min_p, 0.004329004329004329, 1e-12);
    /* the same sets swapped: U is the complement, p the same */
    CU_ASSERT_TRUE(ps_mann_whitney(b, 6, a, 5, &t));
    CU_ASSERT_DOUBLE_EQUAL(t.u, 27, 0);
    CU_ASSERT_DOUBLE_EQUAL(t.p, 0.030303030303030304, 1e-12);
}

static void test_mann_whitney_tiny_and_ties(void)
{
    const double a[] = {10, 11, 12}, b[] = {13, 14, 15};
    ps_ranktest t;
    CU_ASSERT_TRUE(ps_mann_whitney(a, 3, b, 3, &t));
    /* completely separated, yet 3 against 3 can never reach 5%: the caller must say so */
    CU_ASSERT_DOUBLE_EQUAL(t.u, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(t.p, 0.1, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(t.min_p, 0.1, 1e-12);
    const double c[] = {1, 2, 2, 3, 4}, d[] = {2, 3, 3, 5, 6, 7};
    CU_ASSERT_TRUE(ps_mann_whitney(c, 5, d, 6, &t));
    CU_ASSERT_FALSE(t.exact);
    CU_ASSERT_DOUBLE_EQUAL(t.u, 6, 0);
    CU_ASSERT_DOUBLE_EQUAL(t.p, 0.11390314458853065, 1e-12);
    const double same[] = {1, 1, 1}; /* every value tied: no evidence at all */
    CU_ASSERT_TRUE(ps_mann_whitney(same, 3, same, 3, &t));
    CU_ASSERT_DOUBLE_EQUAL(t.p, 1, 0);
}

static void test_ratio_interval(void)
{
    const double a[] = {1.1, 1.3, 1.2, 1.5, 1.4}, b[] = {1.6, 1.45, 1.8, 1.7, 1.9, 1.35};
    double lo, hi;
    CU_ASSERT_TRUE(ps_ratio_interval(a, 5, b, 6, 0.95, &lo, &hi));
    CU_ASSERT_DOUBLE_EQUAL(lo, 1.0357142857142858, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(hi, 1.5454545454545454, 1e-9);
    const double c[] = {1.0, 1.1, 0.9, 1.05}, d[] = {2.0, 2.2, 1.8, 2.1};
    CU_ASSERT_TRUE(ps_ratio_interval(c, 4, d, 4, 0.95, &lo, &hi));
    CU_ASSERT_DOUBLE_EQUAL(lo, 1.6363636363636362, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(hi, 2.4444444444444446, 1e-9);
    const double e[] = {1, 2, 3};
    CU_ASSERT_FALSE(ps_ratio_interval(e, 3, e, 3, 0.95, &lo, &hi)); /* too few for 95% */
    /* large samples take the normal approximation: a 2x slowdown's interval holds 2 */
    double x[200], y[200];
    for (int i = 0; i < 200; i++)
        x[i] = 1 + 0.001 * i, y[i] = 2 * x[i];
    CU_ASSERT_TRUE(ps_ratio_interval(x, 200, y, 200, 0.95, &lo, &hi));
    CU_ASSERT_TRUE(lo < 2 && 2 < hi && lo > 1.8 && hi < 2.2);
}

void suite_stats(void)
{
    static const CU_TestInfo tests[] = {
        {"odd count", test_odd},
        {"even count and one sample", test_even_and_single},
        {"an outlier moves the mean, not the median", test_outlier_moves_mean_not_median},
        {"the median's interval from order statistics", test_median_interval},
        {"outliers beyond 3 standard deviations", test_outliers},
        {"Mann-Whitney U, exact", test_mann_whitney_exact},
        {"Mann-Whitney U, tiny samples and ties", test_mann_whitney_tiny_and_ties},
        {"the interval of a ratio of times", test_ratio_interval},
        CU_TEST_INFO_NULL,
    };
    unit_add("stats", tests);
}
