/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 1's context switches: a token handed round a ring of workers, each blocked until it is
 * handed the token (lmbench's lat_ctx ring; perf bench sched pipe is its ring of two). Hand-off k
 * (k = 1..N) goes to worker k mod W; the worker that takes the last tells the others to stop. The
 * protocol lives here, the transport (a semaphore, a pipe, an MPI message) in each model's file. */
#ifndef PS_SWITCHES_H
#define PS_SWITCHES_H

#include "ps_status.h"
#include "ps_workload.h"

#include <stddef.h>
#include <stdint.h>

#define PS_SWITCHES_MAX UINT64_C(1000000000)
#define PS_RING_STOP    (UINT64_C(1) << 63) /* with the last token's value: the round is over */
#define PS_RING_EXIT    (UINT64_C(1) << 62) /* a worker that outlives rounds (a process): leave */

/* How a model moves a token: send never blocks for long (one token is in flight, and a stop
 * after it), recv blocks until one arrives. */
typedef struct ps_ring_transport {
    ps_status (*send)(void *ctx, unsigned to, uint64_t token, ps_msg *msg);
    ps_status (*recv)(void *ctx, unsigned me, uint64_t *token, ps_msg *msg);
    void *ctx;
} ps_ring_transport;

/* What one worker did in its last round; one per worker, each on its own cache line. */
typedef struct ps_ring_slot {
    uint64_t received; /* tokens it was handed */
    uint64_t last;     /* the token's value when it stopped (the stop's, or its own last) */
    uint64_t switches; /* voluntary context switches it made in the round (getrusage) */
    char pad[40];
} ps_ring_slot;

/* One round of N hand-offs round workers workers, as worker me: worker 0 hands the first. It
 * returns when the round is over for me; its slot says what me did. */
ps_status ps_ring_round(const ps_ring_transport *t, unsigned workers, uint64_t handoffs,
                        unsigned me, ps_ring_slot *slot, ps_msg *msg);

/* Every worker was handed its share of N tokens and stopped at N: "the token was handed on N
 * times, each worker ... " (the same for any worker count). */
ps_status ps_switches_check(const ps_ring_slot *slots, unsigned workers, uint64_t handoffs,
                            char *result, size_t len, ps_msg *msg);

/* The voluntary context switches a hand-off of the last round (the time is the record's:
 * latency_us): "1.00 voluntary context switches a hand-off (the last round)". */
void ps_switches_detail(const ps_ring_slot *slots, unsigned workers, uint64_t handoffs, char *text,
                        size_t len);

/* The record's latency_us: one hand-off, the median round over its N (both models' metrics). */
void ps_switches_metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m);

#endif
