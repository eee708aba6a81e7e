/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 2: what does handing a task to a pool cost when the workers are ranks? The same N
 * tasks (ps_create.h), dealt round the job's ranks, which exist for the whole run: the pool that
 * parsuite-omp create's thread and fork variants, which create a worker for each task, are
 * measured against. (A rank spawned for each task, MPI_Comm_spawn, is not among the variants:
 * Open MPI 5.0 and MPICH 4.0 as Debian ships them could not reach or start one here.) */
#include "mpi_run.h"
#include "ps_catalogue.h"
#include "ps_create.h"
#include "ps_tasks.h"

#include <stdlib.h>

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    ps_create_tasks *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s)
        return ps_fail(msg, PS_ENV, "create: rank %d: out of memory", run->rank);
    run->steps = ps_create_steps(run->opt);
    return ps_create_init(s, run->size, run->steps, false, msg);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    (void)msg;
    for (uint64_t t = (uint64_t)run->rank; t < run->size; t += run->ranks)
        ps_create_task(run->state, t);
    return PS_OK;
}

/* Each rank checks its own tasks; rank 0 counts them all. */
static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    uint64_t mine = 0, total = 0;
    ps_status st = ps_create_check(run->state, (uint64_t)run->rank, run->ranks, &mine, msg);
    int rc = MPI_Reduce(&mine, &total, 1, MPI_UINT64_T, MPI_SUM, 0, mpi_comm(run));
    if (st || (st = mpi_ok(rc, "create: MPI_Reduce of the task counts", msg)) || run->rank != 0)
        return st;
    if (total != run->size)
        return ps_fail(msg, PS_FAILED, "create: %llu of %llu tasks verified",
                       (unsigned long long)total, (unsigned long long)run->size);
    ps_task_set_result(total, run->size, result, len);
    return PS_OK;
}

static void release(ps_run *run)
{
    if (run->state)
        ps_create_free(run->state);
    free(run->state);
    run->state = NULL;
}

const ps_workload mpi_create = {
    .info = &ps_create_info,
    .variants = (const char *const[]){"pool", NULL},
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = ps_create_detail,
    .metrics = ps_create_metrics,
    .release = release,
};
