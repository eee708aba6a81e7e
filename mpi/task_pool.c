/* Question 1's tasks on ranks, shared by iobound.c and cpubound.c, which differ only in what a
 * task does:
 *   iobound   tasks that wait: sleep, file (written, fsynced, read back; the rest of --latency-us
 *             waited), or mixed (wait or compute, by task)
 *   cpubound  tasks that compute for about as long (rank 0 calibrates once, every rank uses it;
 *             every mpirun calibrates anew, so to compare rank counts pass the same --steps)
 * Task t runs on rank t mod P (no manager: every rank works); each rank checks its own results
 * and rank 0 adds up the counts. */
#include "mpi_run.h"
#include "ps_tasks.h"

#include <stdlib.h>

ps_status task_pool_prepare(ps_run *run, ps_msg *msg)
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
    return st ? st : ps_task_set_init(s, run->size, latency, steps, msg);
}

ps_status task_pool_execute(ps_run *run, ps_msg *msg)
{
    ps_task_set *s = run->state;
    const char *variant = ps_run_variant(run);
    for (uint64_t t = (uint64_t)run->rank; t < run->size; t += run->workers) {
        ps_status st = ps_task_run(&s->plan, ps_task_kind_of(variant, t), t, &s->result[t], msg);
        if (st)
            return st;
    }
    return PS_OK;
}

ps_status task_pool_check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    uint64_t mine = 0, total = 0;
    ps_status st = ps_task_set_check(run->state, ps_run_variant(run), (uint64_t)run->rank,
                                     run->workers, &mine, msg);
    int rc = MPI_Reduce(&mine, &total, 1, MPI_UINT64_T, MPI_SUM, 0, mpi_comm(run));
    if (st || (st = mpi_ok(rc, "MPI_Reduce of the task counts", msg)) || run->rank != 0)
        return st;
    if (total != run->size)
        return ps_fail(msg, PS_FAILED, "%llu of %llu tasks verified", (unsigned long long)total,
                       (unsigned long long)run->size);
    ps_task_set_result(total, run->size, result, len);
    return PS_OK;
}
