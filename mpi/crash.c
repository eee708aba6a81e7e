/* SPDX-License-Identifier: BSD-3-Clause */
/* Questions 3 and 1: what a crash takes down, when the workers are ranks. The same N tasks
 * (ps_crash.h), rank r taking tasks r, r + P, ...; the rank that meets the fault's task dies of it
 * (SIGSEGV), and the results were to meet at rank 0 (MPI_Reduce). They never do: the launcher
 * sees a rank end by a signal and ends the whole job, although the communicator returns errors
 * (MPI_ERRORS_RETURN) rather than aborting: an error handler handles MPI's errors, not a fault in
 * the program. No record is written; the launcher's lines say what happened. A demonstration
 * (--list: demo), run once by the sweep, at 2 ranks. */
#include "mpi_run.h"
#include "ps_catalogue.h"
#include "ps_crash.h"

#include <stdlib.h>

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    ps_crash *c = calloc(1, sizeof *c);
    run->state = c;
    if (!c)
        return ps_fail(msg, PS_ENV, "out of memory");
    return ps_crash_init(c, run->opt, run->size, msg);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    ps_crash *c = run->state;
    ps_crash_reset(c);
    c->workers = run->workers;
    for (uint64_t t = (uint64_t)run->rank; t < c->tasks; t += run->workers)
        ps_crash_task(c, t, c->own);
    /* Unset is UINT64_MAX: the smallest of each task's entries is its result. */
    int rc = MPI_Reduce(run->rank ? c->own : MPI_IN_PLACE, c->own, (int)c->tasks, MPI_UINT64_T,
                        MPI_MIN, 0, mpi_comm(run));
    if (run->rank == 0)
        for (uint64_t t = 0; t < c->tasks; t++)
            c->returned[t] = c->own[t];
    return mpi_ok(rc, "MPI_Reduce", msg);
}

/* Reached only if the job outlived a rank's fault (a library that tolerates faults): rank 0 says
 * what came back. */
static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    if (run->rank != 0)
        return PS_OK;
    ps_crash *c = run->state;
    uint64_t back = 0;
    for (uint64_t t = 0; t < c->tasks; t++)
        back += c->returned[t] != PS_CRASH_UNSET;
    snprintf(result, len, "task %llu of %llu faulted (SIGSEGV)", (unsigned long long)c->fault,
             (unsigned long long)c->tasks);
    return ps_fail(
        msg, PS_FAILED, "crash: the job outlived the fault of task %llu, %llu of %llu results back",
        (unsigned long long)c->fault, (unsigned long long)back, (unsigned long long)c->tasks);
}

const ps_workload mpi_crash = {
    .info = &ps_crash_info,
    .variants = (const char *const[]){"ranks", NULL},
    .demos = (const char *const[]){"ranks", NULL},
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = ps_crash_release,
};
