/* SPDX-License-Identifier: BSD-3-Clause */
/* A workload in one model: what it is in every model (its entry in the catalogue, ps_catalogue.h),
 * this model's variants, and the steps that the benchmark loop (ps_bench) calls. Each model (omp/,
 * mpi/) defines one ps_workload per file; the kernel and its verification live in
 * common/workloads/ so that both models compute and check the same. */
#ifndef PS_WORKLOAD_H
#define PS_WORKLOAD_H

#include "ps_catalogue.h"
#include "ps_options.h"
#include "ps_record.h"
#include "ps_stats.h"
#include "ps_status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct ps_run {
    const ps_options *opt;
    uint64_t size;       /* the resolved problem size */
    unsigned workers;    /* ranks x threads: every worker of the run */
    unsigned ranks;      /* processes: 1 in OpenMP, the job's ranks in MPI */
    unsigned threads;    /* OpenMP threads in each process (--workers, or MPI's --threads) */
    int rank;            /* this process's rank; 0 in OpenMP */
    void *comm;          /* MPI: the MPI_Comm the run uses; NULL in OpenMP */
    bool oversubscribed; /* more workers (ranks x threads) than cores on some machine */
    uint64_t failed;     /* tasks that failed in the last repetition (rank 0): exit 1 */
    uint64_t steps;      /* compute steps per task where the workload calibrates them, else 0 */
    void *state;         /* the workload's own data */
} ps_run;

typedef struct ps_workload {
    const ps_workload_info *info; /* what it is in every model (common/workloads/ps_NAME.c) */
    const char *const *variants;  /* this model's, NULL-terminated; the first is the default */
    /* Optional: those of the variants that fail by design, to be watched (a deadlock caught):
     * NULL-terminated. Variant tests and the sweep's scaling runs leave them out (--list: demo). */
    const char *const *demos;
    /* Optional: whether the options suit this many workers and this size, asked of every worker
     * count before any runs (PS_USAGE and why if not). Pure: no allocation, no communication. */
    ps_status (*validate)(const ps_options *opt, uint64_t size, unsigned workers, ps_msg *msg);
    /* Optional: the bytes that prepare will allocate on this rank (0 in OpenMP) at this size
     * and worker count: the large arrays, for the check against the node's memory. */
    uint64_t (*memory)(const ps_options *opt, uint64_t size, unsigned workers, int rank);
    /* Optional, untimed: allocate and set up (run->state). */
    ps_status (*prepare)(ps_run *run, ps_msg *msg);
    /* The timed region. */
    ps_status (*execute)(ps_run *run, ps_msg *msg);
    /* Untimed: verify the result of the last execute; describe what was verified in result.
     * In MPI every rank calls it; ranks that hold nothing to check return PS_OK. */
    ps_status (*check)(ps_run *run, char *result, size_t len, ps_msg *msg);
    /* Optional, rank 0 only: measured facts for the record's detail column, given the timed
     * repetitions' statistics. */
    void (*detail)(const ps_run *run, const struct ps_stats *seconds, char *detail, size_t len);
    /* Optional, rank 0 only: the headline figures as numbers (the record's metric columns). */
    void (*metrics)(const ps_run *run, const struct ps_stats *seconds, ps_metrics *m);
    /* Optional, rank 0 only: the figures per message size, each with message_bytes set, at most
     * max of them; each is written as a record of its own after the point's. Returns how many. */
    size_t (*series)(const ps_run *run, ps_metrics *points, size_t max);
    /* Optional, rank 0 only: lines for people (the questions' kind of output). */
    void (*show)(const ps_run *run, FILE *out);
    /* Optional: free what prepare set up, also after a prepare that failed part way. */
    void (*release)(ps_run *run);
} ps_workload;

/* The variant's name. */
static inline const char *ps_run_variant(const ps_run *run)
{
    return run->opt->workload->variants[run->opt->variant];
}

#endif
