/* SPDX-License-Identifier: BSD-3-Clause */
/* Memory a run may use, checked before it allocates: a run that needs more than the node has ends
 * with exit 3 naming both figures, instead of being killed by the kernel halfway. */
#ifndef PS_MEMORY_H
#define PS_MEMORY_H

#include "ps_status.h"

#include <stdint.h>

/* Bytes this process may still allocate: the kernel's MemAvailable, or less where a memory cgroup
 * (v2 memory.max, v1 memory.limit_in_bytes) leaves less; UINT64_MAX where neither can be read. */
uint64_t ps_memory_available(void);

/* PS_ENV with "what needs X GB, the node has Y GB available" when need > available. */
ps_status ps_memory_check(uint64_t need, uint64_t available, const char *what, ps_msg *msg);

#endif
