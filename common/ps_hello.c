#include "ps_hello.h"

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

ps_status ps_hello_check(const ps_hello_worker *w, unsigned n, bool one_process, char *result,
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
    unsigned processes, hosts;
    ps_status st = ps_hello_places(w, n, &processes, &hosts, msg);
    if (st)
        return st;
    unsigned want = one_process ? 1 : n;
    if (processes != want)
        return ps_fail(msg, PS_FAILED, "hello: %u workers ran in %u processes, expected %u", n,
                       processes, want);
    snprintf(result, len, "%u worker%s reported once each", n, n == 1 ? "" : "s");
    return PS_OK;
}

void ps_hello_detail(const ps_hello_worker *w, unsigned n, char *detail, size_t len)
{
    unsigned processes, hosts;
    ps_msg msg;
    if (ps_hello_places(w, n, &processes, &hosts, &msg) == PS_OK)
        snprintf(detail, len, "%u process%s on %u host%s", processes, processes == 1 ? "" : "es",
                 hosts, hosts == 1 ? "" : "s");
}

void ps_hello_show(FILE *out, const ps_hello_worker *w, unsigned n, const char *kind)
{
    for (unsigned i = 0; i < n; i++)
        fprintf(out, "Hello from %s %u of %u: pid %lld, host %s, cpu %d, allowed cpus %s\n", kind,
                w[i].id, w[i].count, (long long)w[i].pid, w[i].host, w[i].cpu, w[i].allowed);
}
