/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_hello.h"
#include "ps_catalogue.h"

#include "ps_topology.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ps_status ps_hello_probe(ps_hello_worker *w, unsigned id, unsigned count, ps_msg *msg)
{
    hwloc_topology_t topo = ps_topology();
    hwloc_bitmap_t set = hwloc_bitmap_alloc(), where = hwloc_bitmap_alloc();
    ps_status st = PS_OK;
    *w = (ps_hello_worker){.id = id, .count = count, .cpu = -1, .pid = (int64_t)getpid()};
    if (gethostname(w->host, sizeof w->host) != 0)
        strcpy(w->host, "unknown");
    w->host[sizeof w->host - 1] = '\0';
    if (!topo || !set || !where) {
        st = ps_fail(msg, PS_ENV, "hello: the hwloc topology is not loaded");
    } else if (hwloc_get_cpubind(topo, set, HWLOC_CPUBIND_THREAD) != 0) {
        st = ps_fail(msg, PS_ENV, "hello: hwloc cannot read the CPU binding of worker %u", id);
    } else {
        hwloc_bitmap_list_snprintf(w->allowed, sizeof w->allowed, set);
        if (hwloc_get_last_cpu_location(topo, where, HWLOC_CPUBIND_THREAD) == 0) {
            w->cpu = hwloc_bitmap_first(where);
            w->cpu_inside = w->cpu >= 0 && hwloc_bitmap_isset(set, (unsigned)w->cpu);
        }
    }
    hwloc_bitmap_free(set);
    hwloc_bitmap_free(where);
    return st;
}

static int by_host_pid(const void *a, const void *b)
{
    const ps_hello_worker *x = a, *y = b;
    int c = strcmp(x->host, y->host);
    return c ? c : (x->pid > y->pid) - (x->pid < y->pid);
}

ps_status ps_hello_places(const ps_hello_worker *w, unsigned n, unsigned *processes,
                          unsigned *hosts, ps_msg *msg)
{
    ps_hello_worker *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted)
        return ps_fail(msg, PS_ENV, "out of memory");
    memcpy(sorted, w, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_host_pid);
    *processes = n > 0;
    *hosts = n > 0;
    for (unsigned i = 1; i < n; i++) {
        *processes += by_host_pid(&sorted[i - 1], &sorted[i]) != 0;
        *hosts += strcmp(sorted[i - 1].host, sorted[i].host) != 0;
    }
    free(sorted);
    return PS_OK;
}

ps_status ps_hello_check(const ps_hello_worker *w, unsigned n, unsigned processes, char *result,
                         size_t len, ps_msg *msg)
{
    for (unsigned i = 0; i < n; i++) {
        if (w[i].id != i || w[i].count != n)
            return ps_fail(msg, PS_FAILED,
                           "hello: slot %u holds worker %u of %u, expected %u of %u", i, w[i].id,
                           w[i].count, i, n);
        if (w[i].cpu >= 0 && !w[i].cpu_inside)
            return ps_fail(msg, PS_FAILED, "hello: worker %u ran on CPU %d outside its set %s", i,
                           w[i].cpu, w[i].allowed);
    }
    unsigned seen, hosts;
    ps_status st = ps_hello_places(w, n, &seen, &hosts, msg);
    if (st)
        return st;
    if (seen != processes)
        return ps_fail(msg, PS_FAILED, "hello: %u workers ran in %u processes, expected %u", n,
                       seen, processes);
    snprintf(result, len, "%u worker%s reported once each", n, n == 1 ? "" : "s");
    return PS_OK;
}

static bool same_process(const ps_hello_worker *a, const ps_hello_worker *b)
{
    return a->pid == b->pid && strcmp(a->host, b->host) == 0;
}

/* Parses a CPU list as ps_hello_probe wrote it; NULL if it cannot. */
static hwloc_bitmap_t cpus_of(const char *list)
{
    hwloc_bitmap_t set = hwloc_bitmap_alloc();
    if (set && (!*list || hwloc_bitmap_list_sscanf(set, list) != 0)) {
        hwloc_bitmap_free(set);
        return NULL;
    }
    return set;
}

unsigned ps_hello_warnings(const ps_hello_worker *w, unsigned n, FILE *out)
{
    unsigned warnings = 0;
    for (unsigned i = 0; i < n; i++) {
        hwloc_bitmap_t mine = cpus_of(w[i].allowed), process = cpus_of(w[i].process_allowed);
        unsigned threads = 0;
        for (unsigned j = 0; j < n; j++)
            threads += same_process(&w[i], &w[j]);
        bool first = true; /* of its process: says the process's warning once */
        for (unsigned j = 0; j < i && first; j++)
            first = !same_process(&w[i], &w[j]);
        int cpus = process ? hwloc_bitmap_weight(process) : -1;
        if (first && cpus > 0 && threads > (unsigned)cpus && ++warnings && out)
            fprintf(out,
                    "warning: rank %u runs %u threads on %d CPU%s (%s): give each rank as many "
                    "cores as threads (mpirun --map-by slot:PE=T, srun -c T)\n",
                    w[i].rank, threads, cpus, cpus == 1 ? "" : "s", w[i].process_allowed);
        if (mine && process && !hwloc_bitmap_isincluded(mine, process) && ++warnings && out)
            fprintf(out, "warning: rank %u thread %u may run on CPUs %s, outside its rank's %s\n",
                    w[i].rank, w[i].thread, w[i].allowed, w[i].process_allowed);
        for (unsigned j = 0; mine && hwloc_bitmap_weight(mine) == 1 && j < i; j++)
            if (strcmp(w[i].host, w[j].host) == 0 && strcmp(w[i].allowed, w[j].allowed) == 0) {
                if (++warnings && out)
                    fprintf(out, "warning: workers %u and %u are both bound to CPU %s alone\n",
                            w[j].id, w[i].id, w[i].allowed);
                break;
            }
        hwloc_bitmap_free(mine);
        hwloc_bitmap_free(process);
    }
    return warnings;
}

void ps_hello_detail(const ps_hello_worker *w, unsigned n, char *detail, size_t len)
{
    unsigned processes, hosts, warnings = ps_hello_warnings(w, n, NULL);
    ps_msg msg;
    if (ps_hello_places(w, n, &processes, &hosts, &msg) == PS_OK)
        snprintf(detail, len, "%u process%s on %u host%s%s", processes, processes == 1 ? "" : "es",
                 hosts, hosts == 1 ? "" : "s", warnings ? "; placement warnings" : "");
    size_t used = strlen(detail);
    used += (size_t)snprintf(detail + used, used < len ? len - used : 0, "; on CPUs");
    for (unsigned i = 0; i < n && i < PS_HELLO_CPUS_SHOWN; i++)
        used +=
            (size_t)(w[i].cpu >= 0 ? snprintf(detail + used, used < len ? len - used : 0, " %d",
                                              (int)w[i].cpu)
                                   : snprintf(detail + used, used < len ? len - used : 0, " ?"));
    if (n > PS_HELLO_CPUS_SHOWN)
        snprintf(detail + used, used < len ? len - used : 0, " ...");
}

void ps_hello_show(FILE *out, const ps_hello_worker *w, unsigned n, const char *kind)
{
    bool hybrid = false;
    for (unsigned i = 0; i < n; i++)
        hybrid |= w[i].thread > 0 && strcmp(kind, "rank") == 0;
    for (unsigned i = 0; i < n; i++) {
        char who[48];
        if (hybrid)
            snprintf(who, sizeof who, "rank %u thread %u (worker %u of %u)", w[i].rank, w[i].thread,
                     w[i].id, w[i].count);
        else
            snprintf(who, sizeof who, "%s %u of %u", kind, w[i].id, w[i].count);
        fprintf(out, "Hello from %s: pid %lld, host %s, cpu %d, allowed cpus %s\n", who,
                (long long)w[i].pid, w[i].host, w[i].cpu, w[i].allowed);
    }
    ps_hello_warnings(w, n, out);
}

const ps_workload_info ps_hello_info = {
    .name = "hello",
    .question = "Q3",
    .about = "named workers say hello: id, pid, host, CPU and allowed CPUs",
    .default_size = 1, /* the size is the worker count */
    .max_size = 1,
};
