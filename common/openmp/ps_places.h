/* SPDX-License-Identifier: BSD-3-Clause */
/* The CPUs this process may run its threads on. With OpenMP places (OMP_PLACES, OMP_PROC_BIND),
 * the runtime took them from the process's CPUs at start and has since bound the main thread to the
 * first place, so the process's binding no longer tells: the places' union does. Without places,
 * it is the process's binding (ps_topology_usable). In library parsuite_openmp (with ps_team.c):
 * both programs count cores with it, and hello maps ranks with it. */
#ifndef PS_PLACES_H
#define PS_PLACES_H

#include <hwloc.h>
#include <stdbool.h>

/* false if the topology is not loaded. */
bool ps_places_cpus(hwloc_bitmap_t set);

#endif
