/* Reading result files back: CSV (with its header) or JSON Lines, as the programs write them, so
 * that runs from several jobs merge into one report. Every problem names the file and the line. */
#ifndef PS_RESULTS_H
#define PS_RESULTS_H

#include "ps_status.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ps_row {
    char model[16], workload[32], variant[32], result[128], detail[160];
    char host[64], cpu[64], compiler[64], flags[128], openmp[24], mpi[96], job[64], utc[24],
        version[16];
    double workers, size, seconds_median, seconds_min, seconds_max, cores, nodes, memory_gb;
    bool verified, oversubscribed;
} ps_row;

typedef struct ps_results {
    ps_row *row;
    size_t n, cap;
} ps_results;

/* Appends the records of one file (CSV or JSON Lines, told apart by the first character). */
ps_status ps_results_load(ps_results *r, const char *path, ps_msg *msg);
void ps_results_free(ps_results *r);

#endif
