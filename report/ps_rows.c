/* SPDX-License-Identifier: BSD-3-Clause */
/* The rows of a report put in order: points (model, workload, variant, size, setup, threads per
 * rank, workers), series (a model's points on one setup) and the lookups the report's tables,
 * questions and plots share. */
#include "ps_rows.h"

#include "ps_scaling.h"
#include "ps_stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Orders rows by workload, variant, size, the options that change the work, model, setup, threads
 * per process, workers, then time (utc); equal keys keep input order. */
static int by_point(const void *a, const void *b)
{
    const ps_row *x = *(ps_row *const *)a, *y = *(ps_row *const *)b;
    int c;
    if ((c = strcmp(x->workload, y->workload)) || (c = strcmp(x->variant, y->variant)))
        return c;
    if (x->size != y->size)
        return x->size < y->size ? -1 : 1;
    if ((c = strcmp(x->work_options, y->work_options)) || (c = strcmp(x->model, y->model)))
        return c;
    if (x->setup != y->setup)
        return x->setup < y->setup ? -1 : 1;
    if (x->threads != y->threads && !strcmp(x->model, "mpi"))
        return x->threads < y->threads ? -1 : 1;
    if (x->workers != y->workers)
        return x->workers < y->workers ? -1 : 1;
    if ((c = strcmp(x->utc, y->utc))) /* the latest last: it stands */
        return c;
    return x < y ? -1 : x > y;
}

bool ps_same_table(const ps_row *a, const ps_row *b)
{
    return !strcmp(a->workload, b->workload) && !strcmp(a->variant, b->variant) &&
           a->size == b->size && !strcmp(a->work_options, b->work_options);
}

/* Ranks with threads (hybrid) are a series of their own for each count of threads per rank. */
bool ps_hybrid(const ps_row *r)
{
    return !strcmp(r->model, "mpi") && r->threads > 1;
}

/* One series: a model (and threads per rank) on one setup (a curve never mixes machines or
 * builds). */
bool ps_same_series(const ps_row *a, const ps_row *b)
{
    return ps_same_table(a, b) && !strcmp(a->model, b->model) && a->setup == b->setup &&
           (strcmp(a->model, "mpi") || a->threads == b->threads);
}

bool ps_same_point(const ps_row *a, const ps_row *b)
{
    return ps_same_series(a, b) && a->workers == b->workers;
}

/* "omp", "mpi x2 threads" (ranks of 2 threads), with " on B" where the records come from more
 * than one setup. */
const char *ps_series_name(const ps_row *r, unsigned setups, char *buf, size_t len)
{
    char setup[16], threads[32] = "";
    ps_setup_name(r->setup, setup, sizeof setup);
    if (ps_hybrid(r))
        snprintf(threads, sizeof threads, " x%.0f threads", r->threads);
    snprintf(buf, len, "%s%s%s%s", r->model, threads, setups > 1 ? " on " : "",
             setups > 1 ? setup : "");
    return buf;
}

/* The latest 1-worker row of r's model and setup at r's size: the baseline of its speedups (for
 * ranks of T threads too: one single-threaded rank). */
const ps_row *ps_baseline(ps_row **rows, size_t from, size_t to, const ps_row *r)
{
    const ps_row *base = NULL;
    for (size_t i = from; i < to; i++)
        if (rows[i]->workers == 1 && ps_same_table(rows[i], r) &&
            !strcmp(rows[i]->model, r->model) && rows[i]->setup == r->setup)
            base = rows[i];
    return base;
}

/* The latest record of each point stands. */
bool ps_superseded(ps_row **rows, size_t i, size_t to)
{
    return i + 1 < to && ps_same_point(rows[i], rows[i + 1]);
}

/* The rows in report order: workload, variant, size, model, workers. */
ps_row **ps_sorted_rows(const ps_results *r)
{
    ps_row **rows = malloc((r->n ? r->n : 1) * sizeof *rows);
    for (size_t i = 0; rows && i < r->n; i++)
        rows[i] = &r->row[i];
    if (rows)
        qsort(rows, r->n, sizeof *rows, by_point);
    return rows;
}

/* The latest row of a point of single-threaded ranks or of threads, at the largest size measured
 * for it (NULL if none), in strong scaling. variant NULL: any variant. */
const ps_row *ps_find_row(ps_row **rows, size_t n, const char *model, const char *workload,
                          const char *variant, double workers)
{
    const ps_row *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const ps_row *r = rows[i];
        if (!strcmp(r->model, model) && !strcmp(r->workload, workload) && !ps_hybrid(r) &&
            !r->weak && (!variant || !strcmp(r->variant, variant)) && r->workers == workers &&
            (!best || r->size >= best->size))
            best = r;
    }
    return best;
}

/* Speedup of a point against 1 worker of the same model, variant and size (NAN if unknown). */
double ps_speedup_of(ps_row **rows, size_t n, const ps_row *r)
{
    for (size_t i = n; r && i-- > 0;)
        if (ps_same_series(rows[i], r) && rows[i]->workers == 1)
            return ps_speedup(rows[i]->seconds_median, r->seconds_median);
    return NAN;
}

double ps_max_workers(ps_row **rows, size_t n, const char *workload)
{
    double w = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i]->workload, workload) && rows[i]->workers > w)
            w = rows[i]->workers;
    return w;
}

/* The splits into ranks x threads of rows[i]'s total of workers measured in [from, to), latest
 * records, fastest first, when rows[i] is the first MPI row of its total and there are two or
 * more (else 0). */
size_t ps_splits_of(ps_row **rows, size_t from, size_t to, size_t i, const ps_row **pick)
{
    const ps_row *a = rows[i];
    size_t n = 0;
    bool first = !strcmp(a->model, "mpi") && !a->weak;
    for (size_t k = from; k < i && first; k++)
        first = !(!strcmp(rows[k]->model, a->model) && !rows[k]->weak &&
                  rows[k]->setup == a->setup && rows[k]->workers == a->workers);
    for (size_t k = from; first && k < to && n < 64; k++)
        if (!strcmp(rows[k]->model, a->model) && !rows[k]->weak && rows[k]->setup == a->setup &&
            rows[k]->workers == a->workers && !ps_superseded(rows, k, to))
            pick[n++] = rows[k];
    for (size_t x = 1; x < n; x++) /* fastest first */
        for (size_t y = x; y > 0 && pick[y]->seconds_median < pick[y - 1]->seconds_median; y--) {
            const ps_row *t = pick[y];
            pick[y] = pick[y - 1], pick[y - 1] = t;
        }
    return n >= 2 ? n : 0;
}

/* Weak scaling: a point at p workers whose size is p times that of a 1-worker point of the same
 * workload, variant, model and setup (jobs/local.sh --scaling weak) belongs to that point's
 * weak-scaling series, and leaves the strong-scaling tables. */
bool ps_weak_of(const ps_row *base, const ps_row *r)
{
    return base->workers == 1 && base->size > 1 && r->workers > 1 &&
           !strcmp(base->workload, r->workload) && !strcmp(base->variant, r->variant) &&
           !strcmp(base->model, r->model) && base->setup == r->setup &&
           r->size == base->size * r->workers;
}

void ps_mark_weak(ps_row **rows, size_t n)
{
    for (size_t b = 0; b < n; b++)
        for (size_t i = 0; rows[b]->workers == 1 && i < n; i++)
            rows[i]->weak |= ps_weak_of(rows[b], rows[i]);
}

/* Whether rows[b] starts a weak series among rows [from, to): a 1-worker point, its latest
 * record, with a point at more workers and as many times the size. */
bool ps_weak_base(ps_row **rows, size_t from, size_t to, size_t b)
{
    bool has = false;
    for (size_t i = from; i < to && !has; i++)
        has = ps_weak_of(rows[b], rows[i]);
    return has && !ps_superseded(rows, b, to) && !rows[b]->weak;
}

bool ps_row_interval(const ps_row *r, double *lo, double *hi)
{
    double coverage, *x = r->nsamples ? ps_sorted_copy(r->samples, r->nsamples) : NULL;
    bool interval = x && ps_median_interval(x, r->nsamples, 0.95, lo, hi, &coverage);
    free(x);
    return interval;
}

bool ps_row_noisy(const ps_row *r)
{
    double lo, hi;
    return ps_row_interval(r, &lo, &hi) && r->seconds_median > 0 &&
           100 * (hi - lo) / r->seconds_median > PS_NOISY_PERCENT;
}

/* Whether rows[i] starts its series (model, variant, size, setup and threads per rank) in
 * [from, i], and how many other worker counts that series has in [i, to). */
static size_t series_points(ps_row **rows, size_t from, size_t to, size_t i, bool *first)
{
    const ps_row *r = rows[i];
    *first = true;
    for (size_t k = from; k < i && *first; k++)
        *first = !(ps_same_series(rows[k], r) && !strcmp(rows[k]->variant, r->variant) &&
                   rows[k]->size == r->size && !rows[k]->weak);
    size_t points = 0;
    for (size_t k = i; k < to; k++)
        points += !rows[k]->weak && ps_same_series(rows[k], r) &&
                  !strcmp(rows[k]->variant, r->variant) && rows[k]->size == r->size &&
                  (k + 1 == to || !ps_same_point(rows[k], rows[k + 1]));
    return points;
}

bool ps_sizes_per_point(ps_row **rows, size_t from, size_t to)
{
    size_t single = 0, lines = 0;
    for (size_t i = from; i < to; i++) {
        bool first;
        size_t points = rows[i]->weak ? 0 : series_points(rows, from, to, i, &first);
        if (points && first)
            points == 1 ? single++ : lines++;
    }
    return single > lines;
}
