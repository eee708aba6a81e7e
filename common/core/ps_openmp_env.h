/* SPDX-License-Identifier: BSD-3-Clause */
/* The OpenMP runtime's own settings that parsuite checks before the runtime reads them: values the
 * runtimes take in one syntax and that abort LLVM's libomp otherwise (measured: OMP_NUM_THREADS
 * "1e1", "99999999" or empty; OMP_STACKSIZE "99999G", which libgomp also fails on). */
#ifndef PS_OPENMP_ENV_H
#define PS_OPENMP_ENV_H

#include "ps_status.h"

#include <stdint.h>

/* OMP_NUM_THREADS: a comma list of levels, each digits only, 1 to max; *first is the first level
 * (1 where the variable is unset). PS_USAGE naming the value otherwise. */
ps_status ps_openmp_env_threads(uint64_t max, uint64_t *first, ps_msg *msg);

/* OMP_NUM_THREADS as above and OMP_STACKSIZE (digits, then B, K, M or G; at most the memory
 * available): PS_USAGE naming the variable and its value. */
ps_status ps_openmp_env_check(uint64_t max_threads, ps_msg *msg);

#endif
