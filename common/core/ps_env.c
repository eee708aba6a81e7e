/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_env.h"

#include "ps_topology.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PS_VERSION
#define PS_VERSION "unknown"
#endif
#ifndef PS_BUILD_FLAGS
#define PS_BUILD_FLAGS ""
#endif
#ifndef PS_COMMIT
#define PS_COMMIT "unknown"
#endif
#ifndef PS_BUILD_TYPE
#define PS_BUILD_TYPE ""
#endif

void ps_env_one_line(char *text)
{
    for (char *c = text; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
}

/* An environment variable's value, or empty: what the run was told, as it was told. */
static void setting(char *buf, size_t len, const char *name)
{
    const char *v = getenv(name);
    snprintf(buf, len, "%s", v ? v : "");
    ps_env_one_line(buf);
}

/* The first line of a small file (sysfs), or empty. */
static void first_line(char *buf, size_t len, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f || !fgets(buf, (int)len, f))
        buf[0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    if (f)
        fclose(f);
}

const char *ps_version(void)
{
    return PS_VERSION;
}

const char *ps_build_id(void)
{
    return PS_VERSION " " PS_BUILD_FLAGS " built " __DATE__ " " __TIME__;
}

ps_status ps_env_init(ps_env *env, ps_msg *msg)
{
    *env = (ps_env){.nodes = 1};
    ps_status st = ps_topology_load(msg);
    if (st)
        return st;
    env->cores = ps_topology_cores();
    snprintf(env->cpu, sizeof env->cpu, "%s", ps_topology_cpu_model());
    for (size_t n = strlen(env->cpu); n > 0 && env->cpu[n - 1] == ' ';) /* padded by the CPU */
        env->cpu[--n] = '\0';
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    env->memory_gb = pages > 0 && page > 0 ? (double)pages * (double)page / 1e9 : 0;
    if (gethostname(env->host, sizeof env->host) != 0)
        snprintf(env->host, sizeof env->host, "unknown");
    env->host[sizeof env->host - 1] = '\0';
    first_line(env->machine, sizeof env->machine, "/proc/sys/kernel/random/boot_id");
    if (!env->machine[0])
        snprintf(env->machine, sizeof env->machine, "%s", env->host);
    first_line(env->governor, sizeof env->governor,
               "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
    setting(env->omp_proc_bind, sizeof env->omp_proc_bind, "OMP_PROC_BIND");
    setting(env->omp_places, sizeof env->omp_places, "OMP_PLACES");
    setting(env->omp_wait_policy, sizeof env->omp_wait_policy, "OMP_WAIT_POLICY");
    setting(env->omp_dynamic, sizeof env->omp_dynamic, "OMP_DYNAMIC");
    snprintf(env->commit, sizeof env->commit, "%s", PS_COMMIT);
    snprintf(env->build_type, sizeof env->build_type, "%s", PS_BUILD_TYPE);
#if defined(__clang__)
    snprintf(env->compiler, sizeof env->compiler, "clang %d.%d.%d", __clang_major__,
             __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
    snprintf(env->compiler, sizeof env->compiler, "gcc %d.%d.%d", __GNUC__, __GNUC_MINOR__,
             __GNUC_PATCHLEVEL__);
#else
    snprintf(env->compiler, sizeof env->compiler, "unknown");
#endif
    snprintf(env->flags, sizeof env->flags, "%s", PS_BUILD_FLAGS);
    snprintf(env->version, sizeof env->version, "%s", PS_VERSION);
    const char *job = getenv("SLURM_JOB_ID");
    if (!job)
        job = getenv("PBS_JOBID");
    snprintf(env->job, sizeof env->job, "%s", job ? job : "");
    return PS_OK;
}

void ps_env_openmp_version(long openmp, char *buf, unsigned len)
{
    static const struct {
        long date;
        const char *version;
    } known[] = {{200505, "2.5"}, {200805, "3.0"}, {201107, "3.1"},
                 {201307, "4.0"}, {201511, "4.5"}, {201811, "5.0"},
                 {202011, "5.1"}, {202111, "5.2"}, {202411, "6.0"}};
    const char *v = "?";
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (known[i].date <= openmp)
            v = known[i].version;
    snprintf(buf, len, "%s (%ld)", v, openmp);
}
