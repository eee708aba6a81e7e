/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 1: I/O-bound versus CPU-bound tasks, made measurable. A task either waits (a
 * sleep, or a small file written, fsynced and read back) or computes for about as long; every task
 * leaves a result that is verified. The same kernels serve both models. */
#ifndef PS_TASKS_H
#define PS_TASKS_H

#include "ps_status.h"
#include "ps_workload.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ps_task_kind { PS_TASK_SLEEP, PS_TASK_FILE, PS_TASK_CPU } ps_task_kind;

typedef struct ps_task_plan {
    uint64_t latency_us; /* how long one task should take */
    uint64_t iterations; /* CPU tasks: kernel steps, calibrated to latency_us */
    const char *dir;     /* file tasks: where their unnamed files go (ps_temp.h) */
} ps_task_plan;

/* Which kind task t of a variant is: "sleep", "file", "compute" are uniform; "mixed" mixes sleep
 * and cpu by a hash of t, so that no cyclic split hands one worker all of one kind. */
ps_task_kind ps_task_kind_of(const char *variant, uint64_t t);

/* The compute steps a record names for `tasks` tasks of a variant: iterations if any of them
 * computes, else 0 (the waits do the same work whatever the calibration). */
uint64_t ps_task_steps(const char *variant, uint64_t tasks, uint64_t iterations);

/* Runs task t; *result is what check expects of it. */
ps_status ps_task_run(const ps_task_plan *plan, ps_task_kind kind, uint64_t t, uint64_t *result,
                      ps_msg *msg);

/* Verifies one task's result: a CPU result equals its closed form; a wait lasted latency_us; a
 * file came back intact. */
ps_status ps_task_check(const ps_task_plan *plan, ps_task_kind kind, uint64_t t, uint64_t result,
                        ps_msg *msg);

/* The CPU kernel: x <- a*x + c modulo 2^61 - 1, `iterations` times from x0 = t + 1; and its closed
 * form a^n x0 + c (a^n - 1)/(a - 1), which no compiler can reach by folding the loop. */
uint64_t ps_cpu_kernel(uint64_t t, uint64_t iterations);
uint64_t ps_cpu_closed_form(uint64_t t, uint64_t iterations);

/* Kernel steps that take about latency_us of CPU on this machine, measured now: the median of
 * several timings of a count that takes 5 ms or more, in this thread's CPU time, which the other
 * processes of a busy machine do not lengthen (its wall time did, by up to 10x). */
uint64_t ps_cpu_calibrate(uint64_t latency_us);

/* A run's tasks: the plan, their results, and the file tasks' directory. */
typedef struct ps_task_set {
    ps_task_plan plan;
    uint64_t tasks, *result;
    double *cpu_us;     /* each compute task's CPU time in its last run, where this worker ran it */
    double achieved_us; /* after ps_task_set_achieved: a compute task's median CPU time, else 0 */
} ps_task_set;

/* Runs task t of the variant: its result, and a compute task's CPU time (its thread's: what the
 * calibration promised, whatever else shares the core). */
ps_status ps_task_set_run(ps_task_set *s, const char *variant, uint64_t t, ps_msg *msg);
/* achieved_us from cpu_us (every task's, gathered where they ran apart). */
void ps_task_set_achieved(ps_task_set *s, const char *variant, const double *cpu_us);

ps_status ps_task_set_init(ps_task_set *s, uint64_t tasks, uint64_t latency_us, uint64_t iterations,
                           ps_msg *msg);
void ps_task_set_free(ps_task_set *s);
/* Checks tasks first, first + stride, ... of the variant; *verified counts those that passed. */
ps_status ps_task_set_check(const ps_task_set *s, const char *variant, uint64_t first,
                            uint64_t stride, uint64_t *verified, ps_msg *msg);
/* "32 of 32 tasks verified" and "latency 10000 us; 123 steps per compute task", with the CPU
 * time a compute task took, marked where it is more than 25% off the latency. */
void ps_task_set_result(uint64_t verified, uint64_t tasks, char *result, size_t len);
void ps_task_set_detail(const ps_task_set *s, char *detail, size_t len);

/* The steps of iobound and cpubound that both models take as they are (run->state: a
 * ps_task_set). */
void ps_tasks_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len);
void ps_tasks_metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m);
void ps_tasks_release(ps_run *run);

/* The workloads' variants, the same in both models. */
extern const char *const ps_iobound_variants[], *const ps_cpubound_variants[];

#endif
