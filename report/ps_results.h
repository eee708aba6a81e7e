/* SPDX-License-Identifier: BSD-3-Clause */
/* Reading result files back: CSV (with its header) or JSON Lines, as the programs write them, so
 * that runs from several jobs merge into one report. Every problem names the file and the line. */
#ifndef PS_RESULTS_H
#define PS_RESULTS_H

#include "ps_status.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ps_row {
    char model[32], workload[32], variant[32], result[128], detail[160];
    char host[64], cpu[64], compiler[64], flags[128], openmp[24], mpi[96], job[64], utc[24],
        version[16];
    /* provenance added with the samples (empty in older files) */
    char binding[16], omp_proc_bind[32], omp_places[64], omp_wait_policy[16], omp_dynamic[8],
        openmp_runtime[96], mpi_settings[160], commit[24], build_type[24], governor[24];
    double workers, ranks, threads, size, seconds_median, seconds_min, seconds_max, seconds_mean,
        repetitions, warmup, cores, nodes, memory_gb;
    double timer_tick, bound_cores; /* 0 in older files: unknown */
    double steps; /* compute steps per task where calibrated; 0 elsewhere and in older files */
    char work_options[160];       /* the options given that change the work ("" in older files) */
    double message_bytes;         /* -1 in a point's own record, else a point of its series */
    double worker_mib;            /* footprint: MiB one more worker adds; -1 if not measured */
    const char *path;             /* the file it came from, as given */
    size_t line;                  /* and its line there */
    double *samples;              /* the timed repetitions' seconds in the order they ran */
    size_t nsamples, samples_cap; /* 0 in older files */
    bool verified, oversubscribed;
    bool weak; /* set by the report: a point of a weak-scaling series (size grows with workers) */
    unsigned setup; /* which setup measured it (an index into ps_results.setup) */
    unsigned file;  /* which of the files loaded it came from (0, 1, ...): a comparison's run */
} ps_row;

/* Where and how records were measured: one host, CPU, compiler, flags and parsuite version, with
 * one OpenMP runtime and one MPI library (each named by the records of its model). */
typedef struct ps_setup {
    char host[64], cpu[64], compiler[64], flags[128], version[16], openmp[24], mpi[96];
} ps_setup;

typedef struct ps_results {
    ps_row *row;
    size_t n, cap;
    unsigned files;  /* files loaded */
    ps_setup *setup; /* in order of appearance */
    unsigned setups;
    size_t setup_cap;
} ps_results;

/* A setup's short name as reports show it: A, B, ..., Z, then S27, S28, ... */
void ps_setup_name(unsigned setup, char *buf, size_t len);

/* Appends the records of one file or stream (CSV or JSON Lines, told apart by the first character
 * after a byte order mark and blank lines), read once from start to end (a pipe as well). */
ps_status ps_results_load(ps_results *r, const char *path, ps_msg *msg);

/* Refuses (PS_USAGE, naming both) a record found twice among the sets: the same time, point and
 * samples are one measurement, not two, however many files hold it. */
ps_status ps_results_unique(const ps_results *const *sets, size_t nsets, ps_msg *msg);
void ps_results_free(ps_results *r);

#endif
