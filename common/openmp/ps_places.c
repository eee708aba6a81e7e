/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_places.h"

#include "ps_topology.h"

#include <omp.h>
#include <stdlib.h>

bool ps_places_cpus(hwloc_bitmap_t set)
{
    hwloc_topology_t topo = ps_topology();
    if (!topo)
        return false;
    hwloc_bitmap_zero(set);
    for (int p = 0; p < omp_get_num_places(); p++) {
        int n = omp_get_place_num_procs(p), *ids = calloc((size_t)(n > 0 ? n : 1), sizeof *ids);
        if (ids)
            omp_get_place_proc_ids(p, ids);
        for (int i = 0; ids && i < n; i++)
            hwloc_bitmap_set(set, (unsigned)ids[i]);
        free(ids);
    }
    hwloc_bitmap_and(set, set, hwloc_topology_get_allowed_cpuset(topo));
    return !hwloc_bitmap_iszero(set) || ps_topology_usable(set);
}
