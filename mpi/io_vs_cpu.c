/* Seed question 1: threads for I/O-bound work, processes for CPU-bound work? The same two
 * workloads as in omp/io_vs_cpu.c, on ranks:
 *   iobound   tasks that wait: sleep, file (written, fsynced, read back; the rest of --latency-us
 *             waited), or mixed (wait or compute, by task)
 *   cpubound  tasks that compute for about as long (rank 0 calibrates once, every rank uses it)
 * Task t runs on rank t mod P (no manager: every rank works); each rank checks its own results
 * and rank 0 adds up the counts. */
#include "mpi_run.h"
#include "ps_tasks.h"

#include <stdlib.h>

typedef struct tasks {
    ps_task_plan plan;
    char dir[256];
    uint64_t *result;
} tasks;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    tasks *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s || !(s->result = calloc(run->size, sizeof *s->result)))
        return ps_fail(msg, PS_ENV, "out of memory");
    s->plan.latency_us = run->opt->latency_us ? run->opt->latency_us : 10000;
    uint64_t steps = run->rank == 0 ? ps_cpu_calibrate(s->plan.latency_us) : 0;
    int rc = MPI_Bcast(&steps, 1, MPI_UINT64_T, 0, mpi_comm(run));
    s->plan.iterations = steps;
    s->plan.dir = s->dir;
    ps_status st = mpi_ok(rc, "MPI_Bcast of the calibration", msg);
    return st ? st : ps_task_dir_make(s->dir, sizeof s->dir, msg);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    tasks *s = run->state;
    const char *variant = ps_run_variant(run);
    for (uint64_t t = (uint64_t)run->rank; t < run->size; t += run->workers) {
        ps_status st = ps_task_run(&s->plan, ps_task_kind_of(variant, t), t, &s->result[t], msg);
        if (st)
            return st;
    }
    return PS_OK;
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    tasks *s = run->state;
    const char *variant = ps_run_variant(run);
    unsigned long long mine = 0, total = 0;
    ps_status st = PS_OK;
    for (uint64_t t = (uint64_t)run->rank; t < run->size && !st; t += run->workers) {
        st = ps_task_check(&s->plan, ps_task_kind_of(variant, t), t, s->result[t], msg);
        mine += !st;
    }
    int rc = MPI_Reduce(&mine, &total, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, 0, mpi_comm(run));
    if (st || (st = mpi_ok(rc, "MPI_Reduce of the task counts", msg)) || run->rank != 0)
        return st;
    if (total != run->size)
        return ps_fail(msg, PS_FAILED, "%llu of %llu tasks verified", total,
                       (unsigned long long)run->size);
    snprintf(result, len, "%llu of %llu tasks verified", total, (unsigned long long)run->size);
    return PS_OK;
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    (void)seconds;
    const tasks *s = run->state;
    snprintf(text, len, "latency %llu us; %llu steps per compute task",
             (unsigned long long)s->plan.latency_us, (unsigned long long)s->plan.iterations);
}

static void release(ps_run *run)
{
    tasks *s = run->state;
    if (s) {
        ps_task_dir_remove(s->dir);
        free(s->result);
    }
    free(s);
    run->state = NULL;
}

const ps_workload mpi_iobound = {
    .name = "iobound",
    .seed = "Q1",
    .about = "tasks that wait (sleep, file I/O) or a mix with compute",
    .variants = (const char *const[]){"sleep", "file", "mixed", NULL},
    .options = (const char *const[]){"tasks", "latency-us", NULL},
    .default_size = 32,
    .max_size = 1000000,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = detail,
    .release = release,
};

const ps_workload mpi_cpubound = {
    .name = "cpubound",
    .seed = "Q1",
    .about = "tasks that compute for --latency-us each (calibrated)",
    .variants = (const char *const[]){"compute", NULL},
    .options = (const char *const[]){"tasks", "latency-us", NULL},
    .default_size = 32,
    .max_size = 1000000,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = detail,
    .release = release,
};
