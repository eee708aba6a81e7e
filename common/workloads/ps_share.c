/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 5: each way to share data. Its kernels are each model's own (omp/share.c,
 * mpi/share.c: what is shared, and how, is the model); what it is whatever the model is here. */
#include "ps_catalogue.h"

#include <stddef.h>
#include <stdint.h>

const ps_workload_info ps_share_info = {
    .name = "share",
    .question = "Q5",
    .about = "each way to share data, timed per operation and verified",
    .single_threaded = "each variant times one way for processes to share data; threads share "
                       "memory as such (parsuite-omp share)",
    .default_size = 0, /* threads: calibrated until a sample lasts 1 ms; ranks: 10000 operations */
    .max_size = UINT64_C(1) << 30,
    .size_option = "size",
    .sweep = 10000,
    .quick = 2000,
    /* threads calibrate their own size; a pipe's size is round trips per message size (24) */
    .exceptions = (const ps_sweep_size[]){{"omp", NULL, 0, 0},
                                          {"mpi", "pipe", 1000, 100},
                                          {NULL, NULL, 0, 0}},
};
