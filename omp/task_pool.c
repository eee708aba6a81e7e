/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 1's task pool on threads, shared by iobound.c and cpubound.c, which differ only in
 * what a task does:
 *   iobound   tasks that wait: sleep (nanosleep), file (a small file written, fsynced and read
 *             back, then the rest of --latency-us waited, as on a slow device), or mixed (wait or
 *             compute, by task)
 *   cpubound  tasks that compute for about as long (calibrated once per run)
 * A pool of threads takes the tasks one at a time, in order (schedule(monotonic: dynamic, 1)).
 * A waiting thread leaves its core to the others, so waits overlap past the core count;
 * computing threads cannot. */
#include "task_pool.h"
#include "ps_tasks.h"
#include "ps_team.h"
#include "ps_workload.h"

#include <omp.h>
#include <stdlib.h>

ps_status omp_task_pool_prepare(ps_run *run, ps_msg *msg)
{
    static uint64_t calibrated; /* once per run: every worker count gets the same work */
    uint64_t latency = run->opt->latency_us ? run->opt->latency_us : 10000;
    if (!calibrated)
        calibrated = run->opt->steps ? run->opt->steps : ps_cpu_calibrate(latency);
    ps_task_set *s = calloc(1, sizeof *s);
    run->state = s;
    run->steps = ps_task_steps(ps_run_variant(run), run->size, calibrated);
    return s ? ps_task_set_init(s, run->size, latency, calibrated, msg)
             : ps_fail(msg, PS_ENV, "out of memory");
}

ps_status omp_task_pool_execute(ps_run *run, ps_msg *msg)
{
    ps_task_set *s = run->state;
    const char *variant = ps_run_variant(run);
    ps_status worst = PS_OK;
    int team = 0;
#pragma omp parallel num_threads(run->workers)
    {
#pragma omp master
        team = omp_get_num_threads();
#pragma omp for schedule(monotonic : dynamic, 1)
        for (uint64_t t = 0; t < run->size; t++) {
            ps_msg mine;
            ps_status st = ps_task_set_run(s, variant, t, &mine);
            if (st) {
#pragma omp critical(io_vs_cpu_error)
                if (st > worst) {
                    worst = st;
                    *msg = mine;
                }
            }
        }
    }
    return worst ? worst : ps_team_check(team, run->workers, msg);
}

ps_status omp_task_pool_check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    uint64_t verified;
    ps_task_set *s = run->state;
    ps_status st = ps_task_set_check(s, ps_run_variant(run), 0, 1, &verified, msg);
    if (!st) {
        ps_task_set_result(verified, run->size, result, len);
        ps_task_set_achieved(s, ps_run_variant(run), s->cpu_us);
    }
    return st;
}
