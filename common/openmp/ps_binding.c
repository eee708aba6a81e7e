/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_binding.h"

#include "ps_topology.h"

#include <dlfcn.h>
#include <limits.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

void ps_openmp_runtime(char *buf, size_t len)
{
    Dl_info info;
    char real[PATH_MAX];
    buf[0] = '\0';
    if (dladdr((void *)(uintptr_t)omp_get_max_threads, &info) && info.dli_fname)
        snprintf(buf, len, "%s", realpath(info.dli_fname, real) ? real : info.dli_fname);
}

int ps_binding_probe(unsigned threads, hwloc_bitmap_t cpus)
{
    hwloc_topology_t topo = ps_topology();
    if (!topo)
        return 0;
    hwloc_const_bitmap_t allowed = hwloc_topology_get_allowed_cpuset(topo);
    int state = 0;
#pragma omp parallel num_threads(threads) reduction(| : state)
    {
        hwloc_bitmap_t mine = hwloc_bitmap_alloc();
        if (mine && hwloc_get_cpubind(topo, mine, HWLOC_CPUBIND_THREAD) == 0) {
            hwloc_bitmap_and(mine, mine, allowed);
            state |= hwloc_bitmap_isequal(mine, allowed) ? PS_SOME_UNBOUND : PS_SOME_BOUND;
#pragma omp critical(ps_binding)
            hwloc_bitmap_or(cpus, cpus, mine);
        }
        hwloc_bitmap_free(mine);
    }
    return state;
}

const char *ps_binding_text(int state)
{
    static const char *const text[] = {"", "bound", "unbound", "partly bound"};
    return text[state & 3];
}

unsigned ps_binding_cores(hwloc_const_bitmap_t cpus)
{
    hwloc_topology_t topo = ps_topology();
    if (!topo || hwloc_bitmap_iszero(cpus))
        return 0;
    int cores = hwloc_get_nbobjs_inside_cpuset_by_type(topo, cpus, HWLOC_OBJ_CORE);
    return cores > 0 ? (unsigned)cores : (unsigned)hwloc_bitmap_weight(cpus);
}
