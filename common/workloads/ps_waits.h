/* SPDX-License-Identifier: BSD-3-Clause */
/* A deadlock named: workers that each wait for another, walked as a wait-for graph from the first
 * that waits until a worker repeats. Both models' watchdogs use it (share --variant deadlock). */
#ifndef PS_WAITS_H
#define PS_WAITS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ps_waits {
    int workers;
    /* Whom worker w waits for (-1: nobody), and in edge how ("thread 0 waits for lock b0, held
     * by thread 1"). */
    int (*next)(const void *ctx, int w, char *edge, size_t len);
    const void *ctx;
} ps_waits;

/* With a cycle: text gets lead, then each wait around it ("LEAD edge; edge"), and true. Without
 * (nobody waits, or a chain that ends: slow, not stuck): false, text untouched. */
bool ps_waits_cycle(const ps_waits *g, const char *lead, char *text, size_t len);

#endif
