/* SPDX-License-Identifier: BSD-3-Clause */
/* One result record (one workload, variant and worker count) and its machine-readable forms: CSV
 * with one header line, and JSON Lines. Both carry the same fields in the same order; the samples
 * are a JSON array of seconds, and in CSV one field of seconds separated by spaces (so that a
 * record stays one line). */
#ifndef PS_RECORD_H
#define PS_RECORD_H

#include "ps_buf.h"
#include "ps_env.h"
#include "ps_stats.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct ps_record {
    const char *model, *workload, *variant;
    unsigned workers;        /* ranks x threads */
    unsigned ranks, threads; /* processes, and OpenMP threads in each */
    uint64_t size;
    uint64_t steps; /* compute steps per task where calibrated (ps_run.steps), else 0 */
    uint64_t repetitions, warmup;
    ps_stats seconds;
    double *samples; /* the timed repetitions' seconds, in the order they ran (owned) */
    size_t nsamples;
    double items_per_second; /* size / median seconds */
    bool verified;
    char result[128];       /* what was verified, e.g. "sum of squares 385" */
    char detail[160];       /* what was measured besides, e.g. "imbalance 1.83" */
    char work_options[160]; /* the options given that change the work (ps_work_options) */
    bool oversubscribed;
    const char *binding;  /* ps_binding_text: how the workers were bound */
    unsigned bound_cores; /* the distinct cores the workers could run on */
    char utc[24];
    const ps_env *env;
} ps_record;

/* Frees what the record owns (its samples). */
void ps_record_release(ps_record *r);

void ps_record_csv_header(ps_buf *b);
void ps_record_csv(const ps_record *r, ps_buf *b);
void ps_record_json(const ps_record *r, ps_buf *b);

#endif
