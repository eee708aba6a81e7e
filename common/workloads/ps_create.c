/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_create.h"
#include "ps_catalogue.h"
#include "ps_tasks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

uint64_t ps_create_steps(const ps_options *opt)
{
    static uint64_t calibrated; /* once a run: every worker count computes the same */
    if (opt->latency_us && !calibrated)
        calibrated = ps_cpu_calibrate(opt->latency_us);
    return opt->latency_us ? calibrated : 0;
}

static void unset(ps_create_tasks *s)
{
    for (uint64_t t = 0; t < s->tasks; t++)
        s->result[t] = PS_CREATE_UNSET;
}

ps_status ps_create_init(ps_create_tasks *s, uint64_t tasks, uint64_t steps, bool shared,
                         ps_msg *msg)
{
    *s = (ps_create_tasks){.tasks = tasks, .steps = steps, .shared = shared};
    size_t bytes = tasks * sizeof *s->result;
    if (shared) {
        void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return ps_fail(msg, PS_ENV, "create: mmap of %zu bytes: %s", bytes, strerror(errno));
        s->result = p;
    } else if (!(s->result = malloc(bytes))) {
        return ps_fail(msg, PS_ENV, "create: out of memory");
    }
    unset(s);
    return PS_OK;
}

void ps_create_free(ps_create_tasks *s)
{
    if (s->result && s->shared)
        munmap(s->result, s->tasks * sizeof *s->result);
    else
        free(s->result);
    s->result = NULL;
}

void ps_create_task(const ps_create_tasks *s, uint64_t t)
{
    s->result[t] = ps_cpu_kernel(t, s->steps);
}

ps_status ps_create_check(ps_create_tasks *s, uint64_t first, uint64_t stride, uint64_t *verified,
                          ps_msg *msg)
{
    *verified = 0;
    for (uint64_t t = first; t < s->tasks; t += stride, ++*verified) {
        if (s->result[t] == PS_CREATE_UNSET)
            return ps_fail(msg, PS_FAILED, "create: task %llu never ran", (unsigned long long)t);
        if (s->result[t] != ps_cpu_closed_form(t, s->steps))
            return ps_fail(msg, PS_FAILED, "create: task %llu left %llu, not its closed form",
                           (unsigned long long)t, (unsigned long long)s->result[t]);
        s->result[t] = PS_CREATE_UNSET; /* for the next repetition */
    }
    return PS_OK;
}

void ps_create_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    (void)seconds;
    if (run->steps)
        snprintf(text, len, "tasks of %llu compute steps", (unsigned long long)run->steps);
    else
        snprintf(text, len, "empty tasks: the time is handing each to a worker");
}

void ps_create_metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m)
{
    ps_metric_set(&m->latency_us, seconds->median / (double)run->size * 1e6);
}

const ps_workload_info ps_create_info = {
    .name = "create",
    .question = "Q2",
    .about = "tasks run by a worker created for each (a thread, a process) or by a pool that "
             "exists: what creating a worker costs",
    .options = (const char *const[]){"tasks", "latency-us", NULL},
    .single_threaded = "its workers are the job's ranks, a pool; threads and processes created "
                       "for each task are parsuite-omp create's",
    .default_size = 8, /* tasks */
    .max_size = PS_CREATE_MAX,
    .size_option = "tasks",
    .sweep = 2000,
    .quick = 500,
};
