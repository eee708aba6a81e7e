/* SPDX-License-Identifier: BSD-3-Clause */
/* The benchmark loop both models share: prepare, untimed warm-ups, timed repetitions each followed
 * by verification, statistics, one record. What differs between models is passed in ps_model_ops:
 * the clock, the barrier before a timed repetition, the time over workers (the slowest rank's, as
 * PRK and OSU do), and how workers agree on an outcome so that all of them leave together. */
#ifndef PS_BENCH_H
#define PS_BENCH_H

#include "ps_env.h"
#include "ps_record.h"
#include "ps_workload.h"

#include <stdio.h>

typedef struct ps_model_ops {
    const char *name;
    double (*now)(void);
    void (*sync)(const ps_run *run);
    double (*slowest)(const ps_run *run, double seconds);
    /* Every worker returns the worst status any worker had; the message is rank 0's, or the
     * failing rank's when rank 0 had none. */
    ps_status (*agree)(const ps_run *run, ps_status local, ps_msg *msg);
} ps_model_ops;

/* Runs run->opt->workload at run->workers and fills rec (rank 0's is the one to report). notes
 * receives the workload's lines for people (NULL: none). Returns PS_FAILED with a filled record
 * when verification failed, other errors with no record. Release rec (ps_record_release) in
 * every case. */
ps_status ps_bench_run(const ps_model_ops *model, ps_run *run, const ps_env *env, FILE *notes,
                       ps_record *rec, ps_msg *msg);

#endif
