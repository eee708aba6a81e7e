/* SPDX-License-Identifier: BSD-3-Clause */
/* The rows of a report put in order, and the lookups over them (ps_rows.c). */
#ifndef PS_ROWS_H
#define PS_ROWS_H

#include "ps_results.h"

#include <stdbool.h>
#include <stddef.h>

/* The rows ordered by workload, variant, size, model, setup, threads per process, workers; equal
 * keys keep input order. NULL: out of memory. The caller frees the array. */
ps_row **ps_sorted_rows(const ps_results *r);
/* One table: a workload, variant and size. */
bool ps_same_table(const ps_row *a, const ps_row *b);
/* Ranks with threads: a series of their own for each count of threads per rank. */
bool ps_hybrid(const ps_row *r);
/* One series: a model (and threads per rank) on one setup. */
bool ps_same_series(const ps_row *a, const ps_row *b);
bool ps_same_point(const ps_row *a, const ps_row *b);
/* "omp", "mpi x2 threads", with " on B" where the records come from more than one setup. */
const char *ps_series_name(const ps_row *r, unsigned setups, char *buf, size_t len);
/* The latest 1-worker row of r's model and setup at r's size in [from, to): r's baseline. */
const ps_row *ps_baseline(ps_row **rows, size_t from, size_t to, const ps_row *r);
/* Whether rows[i] was measured again later in [i, to) (the latest record stands). */
bool ps_superseded(ps_row **rows, size_t i, size_t to);
/* The latest row of a point of single-threaded ranks or of threads, at the largest size measured
 * for it (NULL if none), in strong scaling. variant NULL: any variant. */
const ps_row *ps_find_row(ps_row **rows, size_t n, const char *model, const char *workload,
                          const char *variant, double workers);
/* Speedup of a point against 1 worker of the same series (NAN if unknown). */
double ps_speedup_of(ps_row **rows, size_t n, const ps_row *r);
/* The median's 95% interval from r's samples (false without one: under 6 samples, or none in an
 * older file), and whether it is noisy: wider than PS_NOISY_PERCENT of the median. */
enum { PS_NOISY_PERCENT = 10 };
bool ps_row_interval(const ps_row *r, double *lo, double *hi);
bool ps_row_noisy(const ps_row *r);
/* Whether the workload's rows in [from, to) had their sizes chosen per point (share calibrates
 * its operations per worker count): most of its series (model, variant and size) have a single
 * worker count. Its figure is then the time per item against workers (<workload>-cost.png), not
 * lines of one size. */
bool ps_sizes_per_point(ps_row **rows, size_t from, size_t to);
/* The most workers any row of the workload ran. */
double ps_max_workers(ps_row **rows, size_t n, const char *workload);

/* The splits into ranks x threads of rows[i]'s total of workers measured in [from, to), latest
 * records, fastest first, when rows[i] is the first MPI row of its total and there are two or
 * more (else 0); pick holds 64. */
size_t ps_splits_of(ps_row **rows, size_t from, size_t to, size_t i, const ps_row **pick);
/* Weak scaling: whether r is a point of base's weak series (base at 1 worker, r at p workers and
 * p times the size, same workload, variant, model and setup); ps_mark_weak sets every row's weak
 * flag; ps_weak_base: whether rows[b] starts a weak series in [from, to). */
bool ps_weak_of(const ps_row *base, const ps_row *r);
void ps_mark_weak(ps_row **rows, size_t n);
bool ps_weak_base(ps_row **rows, size_t from, size_t to, size_t b);

#endif
