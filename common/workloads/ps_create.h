/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 2's claim that a pool "eliminates the overhead of repeatedly creating and destroying
 * processes for each task": N tasks, each the compute kernel of ps_tasks.h for --latency-us (none
 * by default: an empty task, so that the time is the cost of handing a task to a worker), run by a
 * worker created for each task (a thread, a forked process) or by a pool whose workers exist.
 * lmbench's lat_proc times fork+exit the same way. What each task leaves is checked against the
 * kernel's closed form; the time per task, against the pool's at the same workers, is what creating
 * a worker costs. */
#ifndef PS_CREATE_H
#define PS_CREATE_H

#include "ps_status.h"
#include "ps_workload.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PS_CREATE_MAX UINT64_C(10000000)

/* A run's tasks: their results, in memory that forked workers share when shared is set. */
typedef struct ps_create_tasks {
    uint64_t tasks, steps;
    uint64_t *result; /* PS_CREATE_UNSET until task t has run */
    bool shared;
} ps_create_tasks;

#define PS_CREATE_UNSET UINT64_MAX /* no task leaves it: the kernel's values are below 2^61 - 1 */

/* The steps a task computes: --latency-us calibrated once a run, else 0 (empty tasks). */
uint64_t ps_create_steps(const ps_options *opt);

ps_status ps_create_init(ps_create_tasks *s, uint64_t tasks, uint64_t steps, bool shared,
                         ps_msg *msg);
void ps_create_free(ps_create_tasks *s);

/* Runs task t: async-signal-safe (arithmetic and a store), so a forked child may call it. */
void ps_create_task(const ps_create_tasks *s, uint64_t t);

/* Tasks first, first + stride, ... each ran and left its closed form (*verified counts them);
 * they are unset again for the next repetition. The result is ps_task_set_result's, as
 * cpubound's: the same whoever ran the tasks. */
ps_status ps_create_check(ps_create_tasks *s, uint64_t first, uint64_t stride, uint64_t *verified,
                          ps_msg *msg);
/* "empty tasks" or "tasks of 1234 compute steps": the detail of both models. */
void ps_create_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len);

/* latency_us: the run's median time over its tasks (what a task costs, all workers at work). */
void ps_create_metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m);

#endif
