/* Statistics over repetitions, on inputs whose answers are known. */
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

void suite_stats(void)
{
    static const CU_TestInfo tests[] = {
        {"odd count", test_odd},
        {"even count and one sample", test_even_and_single},
        {"an outlier moves the mean, not the median", test_outlier_moves_mean_not_median},
        CU_TEST_INFO_NULL,
    };
    unit_add("stats", tests);
}
