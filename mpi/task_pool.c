/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 1's tasks on ranks, shared by iobound.c and cpubound.c, which differ only in what a
 * task does:
 *   iobound   tasks that wait: sleep, file (written, fsynced, read back; the rest of --latency-us
 *             waited), or mixed (wait or compute, by task)
 *   cpubound  tasks that compute for about as long (rank 0 calibrates once, every rank uses it;
 *             every mpirun calibrates anew, so to compare rank counts pass the same --steps)
 * Task t runs on rank t mod P (no manager: every rank works); with --threads T, the rank's T
 * threads take its tasks in turn as they finish. Each rank checks its own results and rank 0 adds
 * up the counts. */
#include "task_pool.h"
#include "mpi_run.h"
#include "ps_tasks.h"
#include "ps_team.h"

#include <omp.h>
#include <stdlib.h>

ps_status mpi_task_pool_prepare(ps_run *run, ps_msg *msg)
{
    uint64_t latency = run->opt->latency_us ? run->opt->latency_us : 10000;
    uint64_t steps = run->opt->steps  ? run->opt->steps
                     : run->rank == 0 ? ps_cpu_calibrate(latency)
                                      : 0;
    ps_status st = mpi_ok(MPI_Bcast(&steps, 1, MPI_UINT64_T, 0, mpi_comm(run)),
                          "MPI_Bcast of the calibration", msg);
    ps_task_set *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s)
        return ps_fail(msg, PS_ENV, "out of memory");
    run->steps = ps_task_steps(ps_run_variant(run), run->size, steps);
    return st ? st : ps_task_set_init(s, run->size, latency, steps, msg);
}

ps_status mpi_task_pool_execute(ps_run *run, ps_msg *msg)
{
    ps_task_set *s = run->state;
    const char *variant = ps_run_variant(run);
    const uint64_t first = (uint64_t)run->rank, step = run->ranks;
    const uint64_t mine = run->size > first ? (run->size - first + step - 1) / step : 0;
    ps_status worst = PS_OK;
    int team = 0;
#pragma omp parallel num_threads(run->threads)
    {
#pragma omp master
        team = omp_get_num_threads();
        ps_msg why;
#pragma omp for schedule(dynamic, 1)
        for (uint64_t i = 0; i < mine; i++) {
            uint64_t t = first + i * step;
            ps_status st = ps_task_set_run(s, variant, t, &why);
#pragma omp critical(task_pool_failure)
            if (st && !worst) {
                worst = st;
                *msg = why;
            }
        }
    }
    return worst ? worst : ps_team_check(team, run->threads, msg);
}

ps_status mpi_task_pool_check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    uint64_t mine = 0, total = 0;
    ps_task_set *s = run->state;
    ps_status st =
        ps_task_set_check(s, ps_run_variant(run), (uint64_t)run->rank, run->ranks, &mine, msg);
    int rc = MPI_Reduce(&mine, &total, 1, MPI_UINT64_T, MPI_SUM, 0, mpi_comm(run));
    if (st || (st = mpi_ok(rc, "MPI_Reduce of the task counts", msg)))
        return st;
    /* every task's CPU time at rank 0: a rank's array holds its own tasks', zero elsewhere */
    double *all = run->rank == 0 ? malloc(run->size * sizeof *all) : NULL;
    if (run->rank == 0 && !all)
        return ps_fail(msg, PS_ENV, "out of memory for %llu task times",
                       (unsigned long long)run->size);
    rc = MPI_Reduce(s->cpu_us, all, (int)run->size, MPI_DOUBLE, MPI_MAX, 0, mpi_comm(run));
    if (all && rc == MPI_SUCCESS)
        ps_task_set_achieved(s, ps_run_variant(run), all);
    free(all);
    if ((st = mpi_ok(rc, "MPI_Reduce of the task times", msg)) || run->rank != 0)
        return st;
    if (total != run->size)
        return ps_fail(msg, PS_FAILED, "%llu of %llu tasks verified", (unsigned long long)total,
                       (unsigned long long)run->size);
    ps_task_set_result(total, run->size, result, len);
    return PS_OK;
}
