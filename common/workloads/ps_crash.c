/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_crash.h"
#include "ps_catalogue.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static void *shared_map(size_t bytes, int flags)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

ps_status ps_crash_init(ps_crash *c, const ps_options *opt, uint64_t tasks, ps_msg *msg)
{
    *c = (ps_crash){
        .tasks = tasks, .fault = tasks / 2, .latency_us = opt->latency_us ? opt->latency_us : 1000};
    if (opt->fail_at.n > 1)
        return ps_fail(msg, PS_USAGE, "--fail-at: crash faults one task, not %zu", opt->fail_at.n);
    if (opt->fail_at.n) {
        c->fault = opt->fail_at.v[0];
        if (c->fault >= tasks)
            return ps_fail(msg, PS_USAGE, "--fail-at: task %llu is beyond the %llu tasks (0..%llu)",
                           (unsigned long long)c->fault, (unsigned long long)tasks,
                           (unsigned long long)tasks - 1);
    }
    c->next = shared_map(sizeof *c->next, MAP_SHARED);
    c->state = shared_map(tasks, MAP_SHARED);
    c->returned = shared_map(tasks * sizeof *c->returned, MAP_SHARED);
    c->own = shared_map(tasks * sizeof *c->own, MAP_PRIVATE);
    void *guard =
        mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    c->guard = guard == MAP_FAILED ? NULL : guard;
    if (!c->next || !c->state || !c->returned || !c->own || !c->guard)
        return ps_fail(msg, PS_ENV, "crash: cannot map memory for %llu tasks: %s",
                       (unsigned long long)tasks, strerror(errno));
    return PS_OK;
}

void ps_crash_reset(ps_crash *c)
{
    atomic_store(c->next, 0);
    for (uint64_t t = 0; t < c->tasks; t++) {
        atomic_store_explicit(&c->state[t], PS_CRASH_NOT_RUN, memory_order_relaxed);
        c->returned[t] = c->own[t] = PS_CRASH_UNSET;
    }
    c->workers = c->died = c->replaced = 0;
}

void ps_crash_free(ps_crash *c)
{
    if (c->next)
        munmap((void *)c->next, sizeof *c->next);
    if (c->state)
        munmap((void *)c->state, c->tasks);
    if (c->returned)
        munmap(c->returned, c->tasks * sizeof *c->returned);
    if (c->own)
        munmap(c->own, c->tasks * sizeof *c->own);
    if (c->guard)
        munmap((void *)c->guard, (size_t)sysconf(_SC_PAGESIZE));
    *c = (ps_crash){0};
}

uint64_t ps_crash_value(uint64_t t)
{
    return (t + 1) * (t + 1);
}

void ps_crash_worker(pid_t parent)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGSEGV, SIG_DFL);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(3);
}

void ps_crash_task(ps_crash *c, uint64_t t, uint64_t *out)
{
    struct timespec left = {.tv_sec = (time_t)(c->latency_us / 1000000),
                            .tv_nsec = (long)(c->latency_us % 1000000) * 1000};
    atomic_store(&c->state[t], PS_CRASH_STARTED);
    while (nanosleep(&left, &left) != 0 && errno == EINTR) {
    }
    if (t == c->fault) {
        /* no core file, also where core_pattern pipes to a collector (not dumpable) */
        const struct rlimit none = {0, 0};
        setrlimit(RLIMIT_CORE, &none);
        prctl(PR_SET_DUMPABLE, 0);
        c->guard[0] = 1; /* the fault: SIGSEGV, here and now */
    }
    out[t] = ps_crash_value(t);
    atomic_store(&c->state[t], PS_CRASH_DONE);
}

void ps_crash_work(ps_crash *c, uint64_t *out)
{
    for (uint64_t t; (t = atomic_fetch_add(c->next, 1)) < c->tasks;)
        ps_crash_task(c, t, out);
}

ps_status ps_crash_check(ps_crash *c, char *result, size_t len, ps_msg *msg)
{
    uint64_t back = 0, finished = 0, started = 0;
    for (uint64_t t = 0; t < c->tasks; t++) {
        unsigned char s = atomic_load(&c->state[t]);
        finished += s == PS_CRASH_DONE;
        started += s != PS_CRASH_NOT_RUN;
        if (c->returned[t] == PS_CRASH_UNSET)
            continue;
        if (c->returned[t] != ps_crash_value(t))
            return ps_fail(msg, PS_FAILED, "crash: task %llu came back as %llu, not %llu",
                           (unsigned long long)t, (unsigned long long)c->returned[t],
                           (unsigned long long)ps_crash_value(t));
        back++;
    }
    const unsigned char fault = atomic_load(&c->state[c->fault]);
    snprintf(result, len, "task %llu of %llu faulted (SIGSEGV)", (unsigned long long)c->fault,
             (unsigned long long)c->tasks);
    if (c->died != 1 || fault != PS_CRASH_STARTED)
        return ps_fail(msg, PS_FAILED, "crash: %u workers died, not 1 (in task %llu, which %s)",
                       c->died, (unsigned long long)c->fault,
                       fault == PS_CRASH_NOT_RUN   ? "never ran"
                       : fault == PS_CRASH_STARTED ? "was running"
                                                   : "finished");
    if (c->whole) {
        if (back)
            return ps_fail(msg, PS_FAILED, "crash: %llu results came back from a process that died",
                           (unsigned long long)back);
        snprintf(c->detail, sizeof c->detail,
                 "the process died: survived 0 of %llu; lost %llu (finished %llu, running %llu, "
                 "never ran %llu)",
                 (unsigned long long)c->tasks, (unsigned long long)c->tasks,
                 (unsigned long long)finished, (unsigned long long)(started - finished),
                 (unsigned long long)(c->tasks - started));
        return PS_OK;
    }
    if (back != c->tasks - 1)
        return ps_fail(msg, PS_FAILED,
                       "crash: %llu of %llu results came back, not all but the "
                       "fault's (%llu started, %llu finished)",
                       (unsigned long long)back, (unsigned long long)c->tasks,
                       (unsigned long long)started, (unsigned long long)finished);
    snprintf(c->detail, sizeof c->detail,
             "1 worker process died%s: survived %llu of %llu; lost 1 (task %llu, with its "
             "worker); never ran 0",
             c->replaced ? ", and the pool forked another" : "", (unsigned long long)back,
             (unsigned long long)c->tasks, (unsigned long long)c->fault);
    return PS_OK;
}

void ps_crash_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    (void)seconds;
    const ps_crash *c = run->state;
    snprintf(text, len, "%s", c->detail);
}

void ps_crash_release(ps_run *run)
{
    ps_crash *c = run->state;
    if (c)
        ps_crash_free(c);
    free(c);
    run->state = NULL;
}

const ps_workload_info ps_crash_info = {
    .name = "crash",
    .question = "Q3",
    .about = "one task dies of a real fault (SIGSEGV): what survives, threads against processes",
    .options = (const char *const[]){"tasks", "latency-us", "fail-at", NULL},
    .single_threaded = "a rank is a process: a fault in any thread of it ends it, and with it "
                       "the job (parsuite-omp crash shows threads against processes)",
    .default_size = 32,
    .max_size = PS_CRASH_MAX,
    .size_option = "tasks",
    .sweep = 32,
    .quick = 16,
};
