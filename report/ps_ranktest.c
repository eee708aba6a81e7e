/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_ranktest.h"

#include "ps_stats.h"

#include <math.h>
#include <stdlib.h>

enum { EXACT_BELOW = 50 };

struct item {
    double v;
    int from_a;
};

static int by_item(const void *x, const void *y)
{
    double a = ((const struct item *)x)->v, b = ((const struct item *)y)->v;
    return (a > b) - (a < b);
}

/* P(U <= u) for every u of sizes m and n without ties: f(i, j, u), the arrangements of i a's and
 * j b's with U = u, by where the largest element comes from (an a beats all j b's). Returns the
 * cumulative distribution, m * n + 1 values, or NULL. */
static double *u_distribution(size_t m, size_t n)
{
    size_t top = m * n + 1;
    double *f = calloc((n + 1) * top, sizeof *f), *cdf = malloc(top * sizeof *cdf);
    if (!f || !cdf) {
        free(f), free(cdf);
        return NULL;
    }
#define F(j, u) f[(j)*top + (u)]
    for (size_t j = 0; j <= n; j++) /* i = 0: one arrangement, U = 0 */
        F(j, 0) = 1;
    for (size_t i = 1; i <= m; i++) /* row j of i from row j of i - 1 and row j - 1 of i */
        for (size_t j = 0; j <= n; j++)
            for (size_t u = top; u-- > 0;) /* descending: F(j, u - j) is still i - 1's */
                F(j, u) = (u >= j ? F(j, u - j) : 0) + (j > 0 ? F(j - 1, u) : 0);
    double total = 0;
    for (size_t u = 0; u < top; u++)
        total += F(n, u);
    double sum = 0;
    for (size_t u = 0; u < top; u++)
        sum += F(n, u), cdf[u] = sum / total;
#undef F
    free(f);
    return cdf;
}

/* The standard normal quantile, by bisection on erfc (accurate to 1e-12). */
static double normal_quantile(double p)
{
    double lo = -40, hi = 40;
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
        double mid = (lo + hi) / 2;
        if (0.5 * erfc(-mid / sqrt(2)) < p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

bool ps_mann_whitney(const double *a, size_t na, const double *b, size_t nb, ps_ranktest *t)
{
    size_t n = na + nb;
    struct item *all = malloc(n * sizeof *all);
    if (!all)
        return false;
    for (size_t i = 0; i < na; i++)
        all[i] = (struct item){a[i], 1};
    for (size_t j = 0; j < nb; j++)
        all[na + j] = (struct item){b[j], 0};
    qsort(all, n, sizeof *all, by_item);
    double rank_a = 0, ties = 0; /* midranks; ties: sum of t^3 - t over tied groups */
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && all[k].v == all[i].v)
            k++;
        double mid = (double)(i + 1 + k) / 2, g = (double)(k - i);
        for (size_t x = i; x < k; x++)
            rank_a += all[x].from_a ? mid : 0;
        ties += g * g * g - g;
        i = k;
    }
    free(all);
    double mn = (double)na * (double)nb;
    t->u = rank_a - (double)na * ((double)na + 1) / 2;
    t->exact = ties == 0 && na < EXACT_BELOW && nb < EXACT_BELOW;
    if (t->exact) {
        double *cdf = u_distribution(na, nb);
        if (!cdf)
            return false;
        size_t u = (size_t)t->u;
        double below = cdf[u], above = 1 - (u ? cdf[u - 1] : 0);
        t->p = fmin(1, 2 * fmin(below, above));
        t->min_p = fmin(1, 2 * cdf[0]);
        free(cdf);
        return true;
    }
    double N = (double)n;
    double sigma = sqrt(mn / 12 * ((N + 1) - ties / (N * (N - 1))));
    double z = t->u - mn / 2;
    double corrected = fabs(z) - 0.5 > 0 ? fabs(z) - 0.5 : 0;
    t->p = sigma > 0 ? fmin(1, erfc(corrected / sigma / sqrt(2))) : 1;
    double sigma0 = sqrt(mn * (N + 1) / 12);
    t->min_p = fmin(1, erfc((mn / 2 - 0.5) / sigma0 / sqrt(2)));
    return true;
}

/* #{(i, j): y_j - x_i <= d}, x and y sorted. */
static double pairs_at_most(const double *x, size_t m, const double *y, size_t n, double d)
{
    double count = 0;
    size_t below = 0; /* x_i < y_j - d for i < below; grows with j */
    for (size_t j = 0; j < n; j++) {
        while (below < m && x[below] < y[j] - d)
            below++;
        count += (double)(m - below);
    }
    return count;
}

/* The k-th smallest (1-based) of y_j - x_i: the least d with at least k pairs at most d. */
static double kth_difference(const double *x, size_t m, const double *y, size_t n, double k)
{
    double lo = y[0] - x[m - 1], hi = y[n - 1] - x[0];
    if (pairs_at_most(x, m, y, n, lo) >= k)
        return lo;
    while (nextafter(lo, hi) < hi) {
        double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi)
            break;
        if (pairs_at_most(x, m, y, n, mid) >= k)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

bool ps_ratio_interval(const double *a, size_t na, const double *b, size_t nb, double confidence,
                       double *lo, double *hi)
{
    double alpha = 1 - confidence, mn = (double)na * (double)nb, k = 0;
    if (na < EXACT_BELOW && nb < EXACT_BELOW) {
        double *cdf = u_distribution(na, nb);
        if (!cdf)
            return false;
        while (k < mn && cdf[(size_t)k] <= alpha / 2) /* P(U <= k) <= alpha / 2 */
            k++;
        free(cdf);
    } else {
        double sigma = sqrt(mn * ((double)(na + nb) + 1) / 12);
        k = floor(mn / 2 - normal_quantile(1 - alpha / 2) * sigma);
    }
    if (k < 1)
        return false;
    double *x = ps_sorted_copy(a, na), *y = ps_sorted_copy(b, nb);
    bool ok = x && y;
    for (size_t i = 0; ok && i < na; i++)
        x[i] = log(x[i]);
    for (size_t j = 0; ok && j < nb; j++)
        y[j] = log(y[j]);
    if (ok) {
        *lo = exp(kth_difference(x, na, y, nb, k));
        *hi = exp(kth_difference(x, na, y, nb, mn - k + 1));
    }
    free(x), free(y);
    return ok;
}
