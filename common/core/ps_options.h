/* SPDX-License-Identifier: BSD-3-Clause */
/* The options both programs share, after parsing. Workload-specific options live here too; each
 * workload lists the ones it accepts (ps_workload.options) and the parser refuses the others. */
#ifndef PS_OPTIONS_H
#define PS_OPTIONS_H

#include "ps_parse.h"

#include <stdbool.h>
#include <stdint.h>

struct ps_workload;

typedef enum ps_model { PS_MODEL_OMP, PS_MODEL_MPI } ps_model;

typedef enum ps_format { PS_FORMAT_TABLE, PS_FORMAT_CSV, PS_FORMAT_JSON } ps_format;

/* What a worker pool does when a task fails (question 6): the errors workload's variants, in
 * this order in both models (ps_errors_variants). */
typedef enum ps_on_error {
    PS_ON_ERROR_COLLECT, /* finish every other task, list every failure */
    PS_ON_ERROR_CANCEL,  /* stop the remaining work at the first failure */
    PS_ON_ERROR_ABORT,   /* end the whole program (MPI: MPI_Abort) at the first failure */
} ps_on_error;

typedef struct ps_options {
    const struct ps_workload *workload;
    const char *variant_name;      /* as given; NULL for the default */
    unsigned variant;              /* its index into workload->variants */
    uint64_t size;                 /* 0: the workload's default */
    ps_list workers;               /* OpenMP thread counts to sweep */
    uint64_t threads;              /* MPI: OpenMP threads per rank; 0: OMP_NUM_THREADS, else 1 */
    uint64_t repeat;               /* timed repetitions */
    uint64_t warmup;               /* untimed repetitions before them */
    unsigned format;               /* a ps_format: what goes to stdout */
    const char *output;            /* NULL, or a file to append records to */
    const char *plan;              /* MPI: NULL, or a file of points to run in this launch */
    bool quiet;                    /* records only: no notes, no table header comments */
    bool progress;                 /* each repetition named on stderr as it starts */
    bool print;                    /* show the workload's full result */
    uint64_t chunk;                /* items per scheduling unit; 0: the variant's default */
    uint64_t latency_us;           /* iobound, cpubound: the length of one task */
    uint64_t steps;                /* cpubound, mixed: compute steps per task (0: calibrated) */
    ps_list fail_at;               /* errors: indices of the tasks that fail */
    uint64_t fail_every;           /* errors: every K-th task fails (0: none) */
    uint64_t capacity;             /* prodcons: the list's bound */
    uint64_t producers, consumers; /* prodcons: 0 = from the worker count */
    bool trace;         /* prodcons: log every add and remove, as the questions' code does */
    bool workers_given; /* --workers was on the command line */
    bool check;         /* check the options against every worker count; run nothing */
    bool list;          /* list the catalogue (in --format) and run nothing */
    bool help, version;
} ps_options;

const char *ps_model_name(ps_model model);   /* "omp" | "mpi" */
const char *ps_program_name(ps_model model); /* "parsuite-omp" | "parsuite-mpi" */

#endif
