/* SPDX-License-Identifier: BSD-3-Clause */
/* parsuite-omp: runs one workload on OpenMP threads of this process, once per worker count in
 * --workers, and reports a verified record for each. */
#include "ps_bench.h"
#include "ps_binding.h"
#include "ps_cli.h"
#include "ps_env.h"
#include "ps_memory.h"
#include "ps_places.h"
#include "ps_sink.h"
#include "ps_time.h"
#include "ps_topology.h"

#include <omp.h>
#include <stdio.h>

#define PS_WORKLOAD(name) extern const ps_workload omp_##name;
#include "ps_workloads.def"
#undef PS_WORKLOAD
static const ps_workload *const workloads[] = {
#define PS_WORKLOAD(name) &omp_##name,
#include "ps_workloads.def"
#undef PS_WORKLOAD
    NULL};

static double now(void)
{
    return omp_get_wtime();
}

/* Threads of one process: every worker has finished when the parallel region ends, the region's
 * time is the slowest thread's, and a status is already shared. */
static void sync_none(const ps_run *run)
{
    (void)run;
}

static double slowest(const ps_run *run, double seconds)
{
    (void)run;
    return seconds;
}

static ps_status agree(const ps_run *run, ps_status local, ps_msg *msg)
{
    (void)run, (void)msg;
    return local;
}

static const ps_model_ops model = {"omp", now, sync_none, slowest, agree};

/* The cores the threads may use: OpenMP's places, or the process's binding (ps_places.h). */
static unsigned usable_cores(unsigned cores)
{
    hwloc_bitmap_t set = hwloc_bitmap_alloc();
    int n = set && ps_places_cpus(set) ? hwloc_bitmap_weight(set) : 0;
    hwloc_bitmap_free(set);
    return n > 0 ? (unsigned)n : cores;
}

static int fail(ps_status st, const ps_msg *msg)
{
    fprintf(stderr, "parsuite-omp: %s\n", msg->text);
    return (int)st;
}

/* Every worker count checked, and the memory the largest needs, before any runs. */
static ps_status check_counts(const ps_options *opt, ps_msg *msg)
{
    ps_status st = PS_OK;
    for (size_t i = 0; i < opt->workers.n && !st; i++)
        st = ps_cli_validate(opt, (unsigned)opt->workers.v[i], msg);
    uint64_t need = 0, size = opt->size ? opt->size : opt->workload->info->default_size;
    for (size_t i = 0; !st && opt->workload->memory && i < opt->workers.n; i++) {
        uint64_t bytes = opt->workload->memory(opt, size, (unsigned)opt->workers.v[i], 0);
        need = bytes > need ? bytes : need;
    }
    return st ? st : ps_memory_check(need, ps_memory_available(), opt->workload->info->name, msg);
}

/* One worker count's run and its record (a record even if unverified); a failure is told here,
 * and its status returned. */
static ps_status run_count(const ps_options *opt, unsigned workers, const ps_env *env,
                           ps_sink *sink)
{
    ps_run run = {
        .opt = opt,
        .size = opt->size ? opt->size : opt->workload->info->default_size,
        .workers = workers,
        .ranks = 1,
        .threads = workers,
        .oversubscribed = workers > env->cores,
    };
    ps_record rec;
    ps_msg msg;
    hwloc_bitmap_t cpus = hwloc_bitmap_alloc();
    int binding = cpus ? ps_binding_probe(run.threads, cpus) : 0;
    unsigned bound_cores = cpus ? ps_binding_cores(cpus) : 0;
    hwloc_bitmap_free(cpus);
    ps_status worst = PS_OK, st = ps_bench_run(&model, &run, env,
                                               opt->quiet ? NULL : ps_sink_notes(sink), &rec, &msg);
    rec.binding = ps_binding_text(binding);
    rec.bound_cores = bound_cores;
    if ((st == PS_OK || st == PS_FAILED) && rec.model) {
        ps_msg emsg;
        ps_status est = ps_sink_emit(sink, &rec, &emsg);
        if (est)
            worst = (ps_status)fail(est, &emsg);
    }
    ps_record_release(&rec);
    if (st)
        worst = ps_status_worst(worst, (ps_status)fail(st, &msg));
    return worst;
}

int main(int argc, char **argv)
{
    ps_options opt;
    ps_msg msg;
    ps_status st = ps_cli_parse(argc, argv, PS_MODEL_OMP, workloads, &opt, &msg);
    if (st)
        return fail(st, &msg);
    if (opt.help) {
        ps_cli_help(stdout, PS_MODEL_OMP, workloads);
        return 0;
    }
    if (opt.version) {
        printf("parsuite-omp %s\n", ps_version());
        return 0;
    }
    if (opt.list)
        return (st = ps_cli_list(stdout, PS_MODEL_OMP, workloads, opt.format, &msg))
                   ? fail(st, &msg)
                   : 0;
    if ((st = check_counts(&opt, &msg)))
        return fail(st, &msg);
    if (opt.check) {
        printf("checked: %s %s at %zu worker counts\n", opt.workload->info->name,
               opt.workload->variants[opt.variant], opt.workers.n);
        return 0;
    }
    ps_env env;
    ps_sink sink;
    if ((st = ps_env_init(&env, &msg)) || (st = ps_sink_open(&sink, &opt, &msg)))
        return fail(st, &msg);
    ps_env_openmp_version(_OPENMP, env.openmp, sizeof env.openmp);
    ps_openmp_runtime(env.openmp_runtime, sizeof env.openmp_runtime);
    env.tick = ps_timer_tick(ps_now);
    env.cores = usable_cores(env.cores);
    ps_status worst = PS_OK;
    for (size_t i = 0; i < opt.workers.n && worst != PS_USAGE && worst != PS_ENV; i++)
        worst = ps_status_worst(worst, run_count(&opt, (unsigned)opt.workers.v[i], &env, &sink));
    ps_msg cmsg;
    ps_status cst = ps_sink_close(&sink, &cmsg);
    if (cst)
        worst = ps_status_worst(worst, (ps_status)fail(cst, &cmsg));
    ps_topology_unload();
    /* The runtime's threads end here, not while the process exits: LeakSanitizer's tracer
     * crashed reading the TLS of a libomp thread that was exiting (clang 14, Linux 6.18). */
    omp_pause_resource_all(omp_pause_hard);
    return (int)worst;
}
