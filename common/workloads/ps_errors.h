/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 6: errors in workers. Tasks of which some fail on purpose (a division by zero,
 * caught before it happens); each failure becomes a record sent back to the caller; and the check
 * that the pool accounted for every task the way its variant (collect, cancel, abort) asked. */
#ifndef PS_ERRORS_H
#define PS_ERRORS_H

#include "ps_options.h"
#include "ps_status.h"
#include "ps_workload.h"

#include <stdint.h>
#include <stdio.h>

enum { PS_TASK_NOT_RUN = 0, PS_TASK_DONE = 1, PS_TASK_FAILED = 2 };
enum { PS_ERROR_DIVISION_BY_ZERO = 1 };

/* Plain data, so that MPI ranks can send it as bytes. */
typedef struct ps_task_error {
    uint64_t task;
    uint32_t worker;
    int32_t code;
    char message[48];
} ps_task_error;

typedef struct ps_errors {
    uint64_t tasks;
    unsigned char *state;  /* PS_TASK_* of each task */
    uint64_t *value;       /* each finished task's result */
    ps_task_error *errors; /* in the order they arrived */
    uint64_t nerrors;
    char detail[128]; /* the counts, after a check: "done 31; failed 1; never ran 0" */
} ps_errors;

/* Checks --fail-at against the task count (a task beyond it is a usage error) and allocates. */
ps_status ps_errors_init(ps_errors *e, const ps_options *opt, uint64_t tasks, ps_msg *msg);
void ps_errors_reset(ps_errors *e);
void ps_errors_free(ps_errors *e);

/* Whether task t fails: --fail-at, --fail-every, or by default task 7 (the last if fewer). */
int ps_errors_planned(const ps_options *opt, uint64_t tasks, uint64_t t);

/* Task t: works for --latency-us (default 1000), then divides 1000003 by t + 1, or, for a planned
 * failure, by zero, which is caught before it happens. Returns 0 with *value, or an error code
 * with *err filled. Never exits. */
int ps_errors_task(const ps_options *opt, uint64_t tasks, uint64_t t, uint32_t worker,
                   uint64_t *value, ps_task_error *err);

/* Verifies the accounting: collect ran every task and reported exactly the planned failures;
 * cancel stopped at a planned failure, every task done right, failed as planned, or never run.
 * e->detail gets the counts. */
ps_status ps_errors_check(ps_errors *e, const ps_options *opt, char *result, size_t len,
                          ps_msg *msg);

/* The workload's options, the same in both models. */
extern const char *const ps_errors_options[];

/* Its variants in both models, what a pool does when a task fails: collect (the default), cancel,
 * abort (in the order of ps_on_error); and those that end the program by design (abort: no
 * record is left, only the failure's line; --list marks it demo). */
extern const char *const ps_errors_variants[], *const ps_errors_demos[];
ps_on_error ps_errors_policy(const ps_options *opt);

/* "worker 3, task 17: division by zero", ordered by task. */
void ps_errors_show(FILE *out, const ps_errors *e, const char *kind);

/* The steps of the errors workload that both models take as they are (run->state: a ps_errors). */
void ps_errors_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len);
void ps_errors_release(ps_run *run);

#endif
