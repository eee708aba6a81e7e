/* SPDX-License-Identifier: BSD-3-Clause */
/* The machine as hwloc sees it, loaded once per process (call ps_topology_load before starting
 * threads; afterwards the topology is only read, which hwloc allows from many threads). */
#ifndef PS_TOPOLOGY_H
#define PS_TOPOLOGY_H

#include "ps_status.h"

#include <hwloc.h>
#include <stdbool.h>

ps_status ps_topology_load(ps_msg *msg);
hwloc_topology_t ps_topology(void);
/* The processing units (hardware threads) this process may run on: the machine's allowed set
 * (cgroups: a container, a Slurm job) and the process's own binding (taskset, mpirun's binding,
 * Slurm's task binding). false before ps_topology_load. */
bool ps_topology_usable(hwloc_bitmap_t set);
/* How many there are. */
unsigned ps_topology_cores(void);
/* The processor model ("AMD EPYC 9R45"), or "unknown". */
const char *ps_topology_cpu_model(void);
void ps_topology_unload(void);

#endif
