/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 7: factorials of 1..N computed as tasks, collected as they complete. The results,
 * their completion order, and the verification every variant of both models shares. */
#ifndef PS_FACTORIALS_H
#define PS_FACTORIALS_H

#include "ps_status.h"

#include <gmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PS_FACTORIALS_MAX 20000
/* The checksum's modulus, the Mersenne prime 2^61 - 1. */
#define PS_M61 ((UINT64_C(1) << 61) - 1)

typedef struct ps_factorials {
    uint64_t n;       /* results for 1..n */
    mpz_t *value;     /* value[k] = k!, k = 1..n (value[0] unused) */
    uint32_t *worker; /* worker[k]: who computed k! */
    uint64_t *order;  /* order[i]: the i-th k to complete */
    uint64_t done;    /* entries of order filled */
} ps_factorials;

ps_status ps_factorials_init(ps_factorials *f, uint64_t n, ps_msg *msg);
void ps_factorials_free(ps_factorials *f);

/* Verifies every k! by its bit length against lgamma, by the recurrence k! = k * (k-1)! modulo
 * 2^61 - 1, and by Wilson's theorem ((p-1)! = -1 mod p) for every prime p <= n; and that the
 * completion order holds every k once, from workers below `workers`. result gets the checksum,
 * the same for every variant, model and worker count. */
ps_status ps_factorials_check(const ps_factorials *f, unsigned workers, char *result, size_t len,
                              ps_msg *msg);

/* Appends to text "; completion by tenth of n: 5 15 ... 95 (% of the way)": for each tenth of
 * 1..n, the mean place at which its factorials completed, in percent of the run (0: first, 100:
 * last); in order of n it reads 5 15 25 ... 95. Nothing below n = 10. */
void ps_factorials_order_detail(const ps_factorials *f, char *text, size_t len);

/* The questions' output, in completion order: "7! = 5040 (thread 1)"; past 1000 digits, the count.
 */
void ps_factorials_show(FILE *out, const ps_factorials *f, const char *kind);

#endif
