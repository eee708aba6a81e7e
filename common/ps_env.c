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
    FILE *boot = fopen("/proc/sys/kernel/random/boot_id", "r");
    if (!boot || !fgets(env->machine, sizeof env->machine, boot))
        snprintf(env->machine, sizeof env->machine, "%s", env->host);
    env->machine[strcspn(env->machine, "\n")] = '\0';
    if (boot)
        fclose(boot);
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
