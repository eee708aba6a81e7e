/* SPDX-License-Identifier: BSD-3-Clause */
/* Questions 2 and 8: map square() over 1..N. The kernel and its verification. */
#ifndef PS_SQUARES_H
#define PS_SQUARES_H

#include "ps_status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The largest N whose squares fit in 64 bits. */
#define PS_SQUARES_MAX UINT64_C(4294967295)

/* dst[k] = (first + k)^2 for k < count. Streams the stores past the caches where the CPU allows
 * (the result is written once and read much later), so that it runs at the memory's write speed. */
void ps_squares_fill(uint64_t *dst, uint64_t first, uint64_t count);

/* Verifies out[i] == (i + 1)^2 for every i < n, element by element (a wrong, misplaced or lost
 * element is named); result gives their sum, n(n+1)(2n+1)/6, which then holds exactly. */
ps_status ps_squares_check(const uint64_t *out, uint64_t n, char *result, size_t len, ps_msg *msg);

/* The first i < count where block[i] is not (first + i)^2, or count if none: a 32 x 32 -> 64-bit
 * product per element (first + i < 2^32), which compilers vectorize: 3.6 times the speed of the
 * 128-bit sums below, at memory speed. */
uint64_t ps_squares_first_wrong(const uint64_t *block, uint64_t first, uint64_t count);

/* The check's verdict for an array of n squares whose first wrong element is at `wrong` (n: none):
 * PS_FAILED naming it, or PS_OK with the sum in result. */
ps_status ps_squares_verdict(const uint64_t *out, uint64_t n, uint64_t wrong, char *result,
                             size_t len, ps_msg *msg);

/* The same check for results that stay where they were computed (ranks that keep their blocks):
 * each block is spot-checked and adds to the sums, and the totals are checked once. */
typedef struct ps_squares_total {
    unsigned __int128 sum, weighted; /* sum of out[k], and of (k + 1) * out[k] */
} ps_squares_total;
/* block[i] holds the square of first + i (first counts from 1). */
ps_status ps_squares_spot_check(const uint64_t *block, uint64_t first, uint64_t count, ps_msg *msg);
void ps_squares_sums(const uint64_t *block, uint64_t first, uint64_t count, ps_squares_total *t);
ps_status ps_squares_check_sums(const ps_squares_total *t, uint64_t n, char *result, size_t len,
                                ps_msg *msg);

/* The questions' output: "Results (2 threads): [1, 4, 9, ...]", elided past 20 items unless all. */
void ps_squares_show(FILE *out, const uint64_t *squares, uint64_t n, unsigned workers,
                     const char *kind, bool all);

/* Python's multiprocessing.Pool.map chunk size: ceil(n / (4 * workers)). */
uint64_t ps_pool_chunk(uint64_t n, unsigned workers);

/* The closed forms, exact for n <= PS_SQUARES_MAX. */
unsigned __int128 ps_squares_sum(uint64_t n);
unsigned __int128 ps_squares_weighted_sum(uint64_t n);

/* Decimal text of a 128-bit value (buf of at least 40 bytes). */
const char *ps_u128_text(unsigned __int128 v, char *buf, size_t len);

#endif
