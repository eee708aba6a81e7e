/* SPDX-License-Identifier: BSD-3-Clause */
/* The catalogue: what each workload is whatever the model (name, question, sizes, options, how
 * the sweep runs it), defined once, as ps_NAME_info beside its kernel in common/workloads/, for
 * each line of common/ps_workloads.def. A model file (omp/X.c, mpi/X.c) adds its variants and
 * its parallel steps (ps_workload.h). */
#ifndef PS_CATALOGUE_H
#define PS_CATALOGUE_H

#include <stdbool.h>
#include <stdint.h>

/* Where the sweep runs a workload at other sizes than its own: for one model, and one variant of
 * it or (variant NULL) all. sweep 0: at the program's own size. */
typedef struct ps_sweep_size {
    const char *model, *variant;
    uint64_t sweep, quick;
} ps_sweep_size;

typedef struct ps_workload_info {
    const char *name;
    const char *question;       /* which of the questions it answers (docs/questions.md) */
    const char *about;          /* one line for --help */
    const char *const *options; /* its own options (without "--"), NULL-terminated */
    uint64_t default_size, max_size;
    /* NULL if parsuite-mpi --threads T runs T OpenMP threads in each rank (hybrid); otherwise why
     * its ranks take no threads (--threads above 1 is refused with this reason). */
    const char *single_threaded;
    /* Whether the weak-scaling sweep runs it (its items cost alike, so p workers can take p times
     * as many in the time one takes its share). */
    bool weak;
    const char *weak_mpi_variant; /* the one MPI variant the weak sweep runs (NULL: every one) */
    /* The sweep (jobs/local.sh, through --list): the option that sets the size (NULL: none),
     * the sizes of a full and a --quick sweep, other options it passes, and exceptions. */
    const char *size_option;
    uint64_t sweep, quick;
    const char *sweep_options;
    const ps_sweep_size *exceptions; /* {NULL}-terminated, or NULL */
} ps_workload_info;

#define PS_WORKLOAD(name) extern const ps_workload_info ps_##name##_info;
#include "ps_workloads.def"
#undef PS_WORKLOAD

/* The sizes the sweep runs a model's variant at (0: the program's own). */
void ps_sweep_sizes(const ps_workload_info *w, const char *model, const char *variant,
                    uint64_t *sweep, uint64_t *quick);

#endif
