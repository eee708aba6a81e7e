/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 6: errors in workers. A pool of threads runs tasks of which some fail; a failing
 * task never brings the program down: it becomes an error record (worker, task, code, message),
 * added to a shared list in a critical section and reported by the main thread. Threads take
 * tasks round robin (thread t: t, t+T, ...). The variants, what the pool does on a failure:
 *   collect  every other task still runs; every failure is listed; exit 1
 *   cancel   the first failure stops the loop: `omp cancel for` when OMP_CANCELLATION=true, else
 *            a shared stop flag (atomic) that every task reads first; the detail says which
 *   abort    the main thread prints the failure and ends the program (exit 1) after the region */
#include "ps_catalogue.h"
#include "ps_errors.h"
#include "ps_team.h"
#include "ps_workload.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    ps_errors *e = calloc(1, sizeof *e);
    run->state = e;
    return e ? ps_errors_init(e, run->opt, run->size, msg) : ps_fail(msg, PS_ENV, "out of memory");
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    ps_errors *e = run->state;
    const ps_options *opt = run->opt;
    const uint64_t tasks = run->size;
    const int stop_early = ps_errors_policy(opt) != PS_ON_ERROR_COLLECT;
    int stop = 0, team = 0;
    ps_errors_reset(e);
#pragma omp parallel num_threads(run->workers)
    {
#pragma omp master
        team = omp_get_num_threads();
        /* Round robin in task order (thread t takes tasks t, t+T, ...): the tasks are equally
         * long, so this is how a pool would hand them out. Not schedule(dynamic): LLVM 14's
         * libomp leaves a cancelled dynamic loop's dispatch state to the next loop, which then
         * skips tasks (found by the tsan build; the check catches it as "nothing failed"). */
#pragma omp for schedule(static, 1)
        for (uint64_t t = 0; t < tasks; t++) {
#pragma omp cancellation point for
            int stopped;
#pragma omp atomic read
            stopped = stop;
            if (stopped)
                continue;
            uint64_t value = 0;
            ps_task_error err;
            if (ps_errors_task(opt, tasks, t, (uint32_t)omp_get_thread_num(), &value, &err)) {
                e->state[t] = PS_TASK_FAILED;
#pragma omp critical(errors_list)
                e->errors[e->nerrors++] = err;
                if (stop_early) {
#pragma omp atomic write
                    stop = 1;
#pragma omp cancel for
                }
            } else {
                e->value[t] = value;
                e->state[t] = PS_TASK_DONE;
            }
        }
    }
    if (ps_errors_policy(opt) == PS_ON_ERROR_ABORT && e->nerrors) {
        const ps_task_error *first = &e->errors[0];
        fflush(stdout);
        fprintf(stderr, "parsuite-omp: thread %u, task %llu: %s (abort: ending the program)\n",
                first->worker, (unsigned long long)first->task, first->message);
        exit(PS_FAILED); /* the main thread, after the region: the abort the user asked for */
    }
    run->failed = e->nerrors;
    return ps_team_check(team, run->workers, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    ps_errors *e = run->state;
    ps_status st = ps_errors_check(e, run->opt, result, len, msg);
    size_t used = strlen(e->detail);
    if (!st && ps_errors_policy(run->opt) == PS_ON_ERROR_CANCEL)
        snprintf(e->detail + used, sizeof e->detail - used, "; cancelled by %s",
                 omp_get_cancellation() ? "omp cancel for"
                                        : "a stop flag (OMP_CANCELLATION is off)");
    return st;
}

static void show(const ps_run *run, FILE *out)
{
    const ps_errors *e = run->state;
    ps_errors_show(out, e, "thread");
}

const ps_workload omp_errors = {
    .info = &ps_errors_info,
    .variants = ps_errors_variants,
    .demos = ps_errors_demos,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = ps_errors_detail,
    .show = show,
    .release = ps_errors_release,
};
