/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_topology.h"

#include <stdlib.h>

static hwloc_topology_t topo;

ps_status ps_topology_load(ps_msg *msg)
{
    if (topo)
        return PS_OK;
    /* hwloc_topology_init dlopens every installed plugin (PCI, OpenCL, GL, XML: 7 ms here) and
     * parsuite needs none of them; a user's own setting wins. */
    setenv("HWLOC_PLUGINS_BLACKLIST",
           "hwloc_pci,hwloc_opencl,hwloc_gl,hwloc_cuda,hwloc_nvml,hwloc_rsmi,hwloc_levelzero,"
           "hwloc_xml_libxml",
           0);
    if (hwloc_topology_init(&topo) != 0)
        return ps_fail(msg, PS_ENV, "hwloc: cannot initialise the topology");
    /* Only processing units matter here: skipping caches and I/O devices keeps start-up fast. */
    hwloc_topology_set_all_types_filter(topo, HWLOC_TYPE_FILTER_KEEP_NONE);
    hwloc_topology_set_type_filter(topo, HWLOC_OBJ_CORE, HWLOC_TYPE_FILTER_KEEP_ALL);
    hwloc_topology_set_type_filter(topo, HWLOC_OBJ_PACKAGE, HWLOC_TYPE_FILTER_KEEP_ALL);
    if (hwloc_topology_load(topo) != 0) {
        hwloc_topology_destroy(topo);
        topo = NULL;
        return ps_fail(msg, PS_ENV, "hwloc: cannot read this machine's topology");
    }
    return PS_OK;
}

hwloc_topology_t ps_topology(void)
{
    return topo;
}

bool ps_topology_usable(hwloc_bitmap_t set)
{
    if (!topo)
        return false;
    hwloc_bitmap_copy(set, hwloc_topology_get_allowed_cpuset(topo));
    hwloc_bitmap_t bound = hwloc_bitmap_alloc();
    if (bound && hwloc_get_cpubind(topo, bound, HWLOC_CPUBIND_PROCESS) == 0)
        hwloc_bitmap_and(set, set, bound);
    hwloc_bitmap_free(bound);
    return true;
}

unsigned ps_topology_cores(void)
{
    hwloc_bitmap_t set = hwloc_bitmap_alloc();
    int n = set && ps_topology_usable(set) ? hwloc_bitmap_weight(set) : -1;
    hwloc_bitmap_free(set);
    return n > 0 ? (unsigned)n : 1;
}

const char *ps_topology_cpu_model(void)
{
    hwloc_obj_t package = topo ? hwloc_get_obj_by_type(topo, HWLOC_OBJ_PACKAGE, 0) : NULL;
    const char *model = package ? hwloc_obj_get_info_by_name(package, "CPUModel") : NULL;
    return model && *model ? model : "unknown";
}

void ps_topology_unload(void)
{
    if (topo)
        hwloc_topology_destroy(topo);
    topo = NULL;
}
