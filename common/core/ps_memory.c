/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_memory.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The first number in a file, or UINT64_MAX ("max", or unreadable). */
static uint64_t read_number(const char *path)
{
    FILE *f = fopen(path, "r");
    uint64_t v = UINT64_MAX;
    if (f && fscanf(f, "%" SCNu64, &v) != 1)
        v = UINT64_MAX;
    if (f)
        fclose(f);
    return v;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* What a cgroup leaves: its limit less its use (UINT64_MAX: no limit). */
static uint64_t cgroup_room(const char *dir, const char *limit, const char *usage)
{
    char path[4096 + 64]; /* dir is at most 4096 bytes, the file's name short */
    snprintf(path, sizeof path, "%s/%s", dir, limit);
    uint64_t max = read_number(path);
    snprintf(path, sizeof path, "%s/%s", dir, usage);
    uint64_t used = read_number(path);
    if (max == UINT64_MAX || max >= (UINT64_C(1) << 60)) /* v1 writes "no limit" as ~2^63 */
        return UINT64_MAX;
    return used == UINT64_MAX || used >= max ? 0 : max - used;
}

uint64_t ps_memory_available(void)
{
    uint64_t avail = UINT64_MAX;
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f)) {
        uint64_t kb;
        if (sscanf(line, "MemAvailable: %" SCNu64 " kB", &kb) == 1)
            avail = kb * 1024;
    }
    if (f)
        fclose(f);
    f = fopen("/proc/self/cgroup", "r"); /* "0::/path" (v2), "4:memory:/path" (v1) */
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *path = strchr(line, ':'), dir[4096];
        if (!path || !(path = strchr(path + 1, ':')))
            continue;
        *path++ = '\0';
        if (strcmp(strchr(line, ':') + 1, "") == 0) {
            snprintf(dir, sizeof dir, "/sys/fs/cgroup%s", path);
            avail = min_u64(avail, cgroup_room(dir, "memory.max", "memory.current"));
        } else if (strcmp(strchr(line, ':') + 1, "memory") == 0) {
            snprintf(dir, sizeof dir, "/sys/fs/cgroup/memory%s", path);
            avail =
                min_u64(avail, cgroup_room(dir, "memory.limit_in_bytes", "memory.usage_in_bytes"));
        }
    }
    if (f)
        fclose(f);
    return avail;
}

ps_status ps_memory_check(uint64_t need, uint64_t available, const char *what, ps_msg *msg)
{
    if (need <= available)
        return PS_OK;
    return ps_fail(msg, PS_ENV,
                   "%s needs %.1f GB, and %.1f GB is available (MemAvailable or the "
                   "memory cgroup's limit): choose a smaller size",
                   what, (double)need / 1e9, (double)available / 1e9);
}
