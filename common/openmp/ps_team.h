/* SPDX-License-Identifier: BSD-3-Clause */
/* OpenMP may give a parallel region fewer threads than asked (OMP_THREAD_LIMIT, OMP_DYNAMIC,
 * OMP_MAX_ACTIVE_LEVELS):
 * a run at "8 workers" on 4 threads would report a lie, so every workload checks its team. */
#ifndef PS_TEAM_H
#define PS_TEAM_H

#include "ps_status.h"

#include <stdint.h>

/* PS_OK when OpenMP gave the team `want` threads; otherwise PS_ENV naming the limits it runs
 * under (OMP_THREAD_LIMIT, OMP_DYNAMIC, OMP_MAX_ACTIVE_LEVELS). */
ps_status ps_team_check(int team, unsigned want, ps_msg *msg);

/* Splits [0, count) into one contiguous part per thread of a team of `threads` (OpenMP; library
 * parsuite_openmp) and calls part(ctx, lo, hi) on each thread for its part, then checks the
 * team. One thread: part(ctx, 0, count) on the caller, no parallel region. */
ps_status ps_team_parts(unsigned threads, uint64_t count,
                        void (*part)(void *ctx, uint64_t lo, uint64_t hi), void *ctx, ps_msg *msg);

#endif
