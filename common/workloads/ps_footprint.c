/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_footprint.h"
#include "ps_catalogue.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { PAGE = 4096 };

/* A header line "start-end perms ...": its start address. */
static bool header(const char *line, uintptr_t *start)
{
    char *end;
    if (!isxdigit((unsigned char)line[0]) || isupper((unsigned char)line[0]))
        return false;
    errno = 0;
    unsigned long long v = strtoull(line, &end, 16);
    *start = (uintptr_t)v;
    return !errno && *end == '-';
}

/* A field line "Name:   1234 kB" as bytes into *v when its name is name. */
static bool field(const char *line, const char *name, uint64_t *v)
{
    size_t n = strlen(name);
    if (strncmp(line, name, n) || line[n] != ':')
        return false;
    char *end;
    errno = 0;
    unsigned long long kib = strtoull(line + n + 1, &end, 10);
    if (errno || end == line + n + 1 || strncmp(end, " kB", 3) || kib > UINT64_MAX / 1024)
        return false;
    *v = (uint64_t)kib * 1024;
    return true;
}

ps_status ps_smaps_parse(FILE *f, uintptr_t start, ps_smaps *out, ps_msg *msg)
{
    *out = (ps_smaps){0};
    char *line = NULL;
    size_t cap = 0;
    bool in = false, found = false;
    unsigned seen = 0; /* Rss, Pss, Shared_Clean, Shared_Dirty, Private_Clean, Private_Dirty */
    uint64_t sc = 0, sd = 0, pc = 0, pd = 0;
    while (getline(&line, &cap, f) > 0) {
        uintptr_t at;
        if (header(line, &at)) {
            if (in)
                break; /* the next mapping's */
            in = found = start == 0 || at == start;
            continue;
        }
        if (!in)
            continue;
        seen |= field(line, "Rss", &out->rss) << 0 | field(line, "Pss", &out->pss) << 1 |
                field(line, "Shared_Clean", &sc) << 2 | field(line, "Shared_Dirty", &sd) << 3 |
                field(line, "Private_Clean", &pc) << 4 | field(line, "Private_Dirty", &pd) << 5;
    }
    free(line);
    if (!found)
        return ps_fail(msg, PS_ENV, "footprint: no mapping at 0x%" PRIxPTR " in smaps", start);
    if (seen != 0x3f)
        return ps_fail(msg, PS_ENV,
                       "footprint: smaps lacks one of Rss, Pss, Shared_*, Private_* (kernel "
                       "without them?)");
    out->shared = sc + sd;
    out->private = pc + pd;
    return PS_OK;
}

ps_status ps_smaps_read(pid_t pid, uintptr_t start, ps_smaps *out, ps_msg *msg)
{
    char path[64];
    if (pid)
        snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, start ? "smaps" : "smaps_rollup");
    else
        snprintf(path, sizeof path, "/proc/self/%s", start ? "smaps" : "smaps_rollup");
    FILE *f = fopen(path, "re");
    if (!f)
        return ps_fail(msg, PS_ENV, "footprint: cannot read %s: %s (Linux 4.14 or later, /proc)",
                       path, strerror(errno));
    ps_status st = ps_smaps_parse(f, start, out, msg);
    fclose(f);
    return st;
}

/* The set between two inaccessible pages: a mapping of its own, which the kernel cannot merge
 * with a neighbour of the same flags (another worker's set), so that smaps gives it alone. */
unsigned char *ps_footprint_map(size_t bytes)
{
    unsigned char *p = mmap(NULL, bytes + 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (mprotect(p + PAGE, bytes, PROT_READ | PROT_WRITE) != 0) {
        int error = errno;
        munmap(p, bytes + 2 * PAGE);
        errno = error;
        return NULL;
    }
    madvise(p + PAGE, bytes, MADV_NOHUGEPAGE); /* 4 KiB pages wherever huge pages are "always" */
    return p + PAGE;
}

void ps_footprint_unmap(unsigned char *set, size_t bytes)
{
    if (set)
        munmap(set - PAGE, bytes + 2 * PAGE);
}

void ps_footprint_fill(unsigned char *set, size_t bytes, unsigned char byte)
{
    for (size_t k = 0; k < bytes; k += PAGE)
        set[k] = byte;
}

bool ps_footprint_holds(const unsigned char *set, size_t bytes, unsigned char byte)
{
    const volatile unsigned char *p = set;
    bool all = true;
    for (size_t k = 0; k < bytes; k += PAGE)
        all &= p[k] == byte;
    return all;
}

ps_status ps_footprint_expect(const ps_smaps *set, uint64_t bytes, bool shared, const char *who,
                              ps_msg *msg)
{
    uint64_t alone = shared ? set->shared : set->private;
    if (set->rss == bytes && alone == bytes)
        return PS_OK;
    return ps_fail(msg, PS_FAILED,
                   "footprint: %s's working set of %" PRIu64 " KiB: %" PRIu64
                   " KiB present, %" PRIu64 " KiB %s (expected all)",
                   who, bytes / 1024, set->rss / 1024, alone / 1024, shared ? "shared" : "private");
}

ps_status ps_footprint_validate(const ps_options *opt, uint64_t size, unsigned workers, ps_msg *msg)
{
    (void)opt, (void)workers;
    if (size % 4)
        return ps_fail(msg, PS_USAGE,
                       "--size: '%llu' is not whole 4 KiB pages (footprint's working set, in "
                       "KiB: a multiple of 4)",
                       (unsigned long long)size);
    return PS_OK;
}

uint64_t ps_footprint_bytes(const ps_run *run)
{
    return run->size * 1024;
}

void ps_footprint_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    (void)seconds;
    const ps_footprint *f = run->state;
    snprintf(text, len,
             "one more worker: %.0f KiB (PSS) with a working set of %.0f KiB; its own pages "
             "%.0f KiB (USS)",
             f->per_worker / 1024.0, f->set_bytes / 1024.0, f->own_per_worker / 1024.0);
}

void ps_footprint_metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m)
{
    (void)seconds;
    const ps_footprint *f = run->state;
    ps_metric_set(&m->worker_mib, f->per_worker / 1048576.0);
}

void ps_footprint_result(const ps_run *run, char *result, size_t len)
{
    snprintf(result, len, "%llu KiB working set a worker, every page accounted",
             (unsigned long long)run->size);
}

const ps_workload_info ps_footprint_info = {
    .name = "footprint",
    .question = "Q2",
    .about = "what one more worker costs in memory (PSS): a thread, a forked process writing or "
             "only reading its parent's working set, a rank",
    .single_threaded = "its workers are the ranks, a process each; threads in one process are "
                       "parsuite-omp footprint's",
    .default_size = 1024, /* KiB of working set a worker */
    .max_size = PS_FOOTPRINT_MAX_KIB,
    .size_option = "size",
    .sweep = 1024, /* a working set small beside what a worker costs beyond it */
    .quick = 256,
};
