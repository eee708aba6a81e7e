/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 2: what does one more worker cost in memory when the workers are ranks? Each rank
 * writes a working set of its own (ps_footprint.h) and, once every rank has (a barrier: the
 * library's buffers and shared-memory segments are set up by then), reads its own PSS. A rank is
 * a whole process, started by the launcher: what one more costs is its PSS, the program and the
 * library included, and rank 0 reports the mean over the ranks (the launcher's daemons are not
 * counted). parsuite-omp footprint's thread and fork variants are measured the same way. */
#include "mpi_run.h"
#include "ps_catalogue.h"
#include "ps_footprint.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct footprint {
    ps_footprint figures; /* first: ps_footprint_detail reads it (rank 0's: the mean) */
    uint64_t mine[3];     /* this rank's PSS, USS and whether its working set was as expected */
    ps_msg why;           /* what was not */
} footprint;

static uint64_t memory(const ps_options *opt, uint64_t size, unsigned workers, int rank)
{
    (void)opt, (void)workers, (void)rank;
    return size * 1024;
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    footprint *f = calloc(1, sizeof *f);
    run->state = f;
    if (!f)
        return ps_fail(msg, PS_ENV, "footprint: rank %d: out of memory", run->rank);
    f->figures.set_bytes = ps_footprint_bytes(run);
    return PS_OK;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    footprint *f = run->state;
    const size_t bytes = f->figures.set_bytes;
    const unsigned char byte = ps_footprint_byte((unsigned)run->rank);
    unsigned char *set = ps_footprint_map(bytes);
    if (!set)
        return ps_fail(msg, PS_ENV, "footprint: rank %d: a working set of %zu KiB: %s", run->rank,
                       bytes / 1024, strerror(errno));
    ps_footprint_fill(set, bytes, byte);
    ps_status st = mpi_ok(MPI_Barrier(mpi_comm(run)), "footprint: MPI_Barrier", msg);
    ps_smaps all, its;
    if (!st && !(st = ps_smaps_read(0, 0, &all, msg)) &&
        !(st = ps_smaps_read(0, (uintptr_t)set, &its, msg))) {
        char who[32];
        snprintf(who, sizeof who, "rank %d", run->rank);
        ps_status verdict = ps_footprint_expect(&its, bytes, false, who, &f->why);
        if (!verdict && !ps_footprint_holds(set, bytes, byte))
            verdict =
                ps_fail(&f->why, PS_FAILED, "footprint: %s's working set lost what it wrote", who);
        f->mine[0] = all.pss, f->mine[1] = all.private, f->mine[2] = verdict == PS_OK;
    }
    ps_footprint_unmap(set, bytes);
    return st;
}

/* Each rank's figures to rank 0: the mean PSS and USS, and every working set as expected. */
static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    footprint *f = run->state;
    uint64_t sum[3] = {0};
    int rc = MPI_Reduce(f->mine, sum, 3, MPI_UINT64_T, MPI_SUM, 0, mpi_comm(run));
    if (!f->mine[2])
        return ps_fail(msg, PS_FAILED, "%s", f->why.text);
    ps_status st = mpi_ok(rc, "footprint: MPI_Reduce of the figures", msg);
    if (st || run->rank != 0)
        return st;
    if (sum[2] != run->ranks)
        return ps_fail(msg, PS_FAILED, "footprint: %llu of %u ranks' working sets as written",
                       (unsigned long long)sum[2], run->ranks);
    f->figures.per_worker = sum[0] / run->ranks;
    f->figures.own_per_worker = sum[1] / run->ranks;
    ps_footprint_result(run, result, len);
    return PS_OK;
}

static void release(ps_run *run)
{
    free(run->state);
    run->state = NULL;
}

const ps_workload mpi_footprint = {
    .info = &ps_footprint_info,
    .variants = (const char *const[]){"rank", NULL},
    .validate = ps_footprint_validate,
    .memory = memory,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = ps_footprint_detail,
    .metrics = ps_footprint_metrics,
    .release = release,
};
