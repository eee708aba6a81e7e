/* SPDX-License-Identifier: BSD-3-Clause */
/* One result record (one workload, variant and worker count) and its machine-readable forms: CSV
 * with one header line, and JSON Lines. Both carry the same fields in the same order; the samples
 * are a JSON array of seconds, and in CSV one field of seconds separated by spaces (so that a
 * record stays one line). A record with a series (share pipe's message sizes) is written as its own
 * line followed by one per point of the series, each the same point with message_bytes set. */
#ifndef PS_RECORD_H
#define PS_RECORD_H

#include "ps_buf.h"
#include "ps_env.h"
#include "ps_stats.h"

#include <stdbool.h>
#include <stdint.h>

/* A headline figure as a number, in the unit its column names; unset, it is null in JSON and
 * empty in CSV. */
typedef struct ps_metric {
    bool set;
    double value;
} ps_metric;

/* The metric columns (common/ps_columns.def), set by the workloads that measure them. */
typedef struct ps_metrics {
    ps_metric latency_us, bandwidth_gbs, ns_per_op;
    ps_metric worker_mib;    /* footprint: the memory one more worker adds (PSS) */
    ps_metric message_bytes; /* set only in a series' point: the message size it was measured at */
} ps_metrics;

/* Sets a metric to a finite value (else leaves it unset). */
void ps_metric_set(ps_metric *m, double value);

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
    ps_metrics metrics;
    ps_metrics *series; /* figures per message size (owned): a record each, after this one's */
    size_t nseries;
    bool oversubscribed;
    const char *binding;  /* ps_binding_text: how the workers were bound */
    unsigned bound_cores; /* the distinct cores the workers could run on */
    char utc[24];
    const ps_env *env;
} ps_record;

/* Frees what the record owns (its samples and series). */
void ps_record_release(ps_record *r);

void ps_record_csv_header(ps_buf *b);
void ps_record_csv(const ps_record *r, ps_buf *b);
void ps_record_json(const ps_record *r, ps_buf *b);

#endif
