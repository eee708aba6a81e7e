/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 3's "fault tolerance: if one process crashes, it typically doesn't affect other
 * processes", and Question 1's isolation: N tasks, one of which dies of a real fault (a write to a
 * page mapped without access: SIGSEGV, not an exit), run by workers that share one process or by
 * workers that are processes. What survived is counted in memory the fault cannot reach: each
 * task's state as the workers left it, and the results that came back to the caller. */
#ifndef PS_CRASH_H
#define PS_CRASH_H

#include "ps_options.h"
#include "ps_status.h"
#include "ps_workload.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PS_CRASH_MAX   UINT64_C(100000)
#define PS_CRASH_UNSET UINT64_MAX /* no task leaves it */

enum { PS_CRASH_NOT_RUN = 0, PS_CRASH_STARTED = 1, PS_CRASH_DONE = 2 };

typedef struct ps_crash {
    uint64_t tasks, fault;         /* the task that faults: --fail-at, else the middle one */
    uint64_t latency_us;           /* each task's length (--latency-us, default 1000) */
    _Atomic uint64_t *next;        /* shared with forked workers: the next task to hand out */
    _Atomic unsigned char *state;  /* shared: PS_CRASH_* of each task, as the workers left it */
    uint64_t *returned;            /* shared: the results that came back to the caller */
    uint64_t *own;                 /* private, copied on write by a fork: a process's own */
    volatile unsigned char *guard; /* a page without access: writing it is the fault */
    unsigned workers, died;        /* after a run: the workers, and those SIGSEGV ended */
    unsigned replaced;             /* the workers a pool forked for the dead */
    bool whole;                    /* the workers were one process: threads */
    char detail[192];              /* after a check: what survived */
} ps_crash;

/* One --fail-at task within the tasks (else a usage error), and the memory. */
ps_status ps_crash_init(ps_crash *c, const ps_options *opt, uint64_t tasks, ps_msg *msg);
void ps_crash_reset(ps_crash *c);
void ps_crash_free(ps_crash *c);

/* Task t's result, where it came back. */
uint64_t ps_crash_value(uint64_t t);

/* In a forked worker, first: it dies with its parent, and the fault kills it whatever handler
 * the program had. Async-signal-safe; _exit(3) if its parent is gone. */
void ps_crash_worker(pid_t parent);

/* Task t, its result into out[t]; the fault's task leaves no core file, writes the guard page and
 * never returns. ps_crash_work takes tasks until none is left. Async-signal-safe: atomics,
 * nanosleep, system calls and stores. */
void ps_crash_task(ps_crash *c, uint64_t t, uint64_t *out);
void ps_crash_work(ps_crash *c, uint64_t *out);

/* What the model promises survived, after c->workers and c->died are set: threads (c->whole): the
 * one process died, and with it every result, finished or not; processes: exactly one worker
 * died (the pool forks another), every other task's result came back right, and only the
 * fault's task was lost. */
ps_status ps_crash_check(ps_crash *c, char *result, size_t len, ps_msg *msg);

/* The steps that both models take as they are (run->state: a ps_crash). */
void ps_crash_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len);
void ps_crash_release(ps_run *run);

#endif
