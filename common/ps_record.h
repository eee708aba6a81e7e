/* One result record (one workload, variant and worker count) and its machine-readable forms: CSV
 * with one header line, and JSON Lines. Both carry the same fields in the same order. */
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
    uint64_t repetitions, warmup;
    ps_stats seconds;
    double items_per_second; /* size / median seconds */
    bool verified;
    char result[128]; /* what was verified, e.g. "sum of squares 385" */
    char detail[160]; /* what was measured besides, e.g. "imbalance 1.83" */
    bool oversubscribed;
    char utc[24];
    const ps_env *env;
} ps_record;

void ps_record_csv_header(ps_buf *b);
void ps_record_csv(const ps_record *r, ps_buf *b);
void ps_record_json(const ps_record *r, ps_buf *b);

#endif
