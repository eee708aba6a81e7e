/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 2: what does a pool save over creating a worker for each task? The same N tasks
 * (ps_create.h), run by an OpenMP team that already exists (pool: libgomp and libomp keep their
 * threads between parallel regions), by a thread created and joined for each task (thread:
 * pthread_create, as threading.Thread per task), or by a process forked and waited for each task
 * (fork: as multiprocessing.Process per task under the fork start method). W workers at a time:
 * each batch of W is created, runs its tasks and is joined or waited for. Empty tasks time the
 * creation alone; --latency-us gives the tasks work, to find the task length above which
 * creating a worker for each costs little more than the pool. */
#include "ps_catalogue.h"
#include "ps_create.h"
#include "ps_tasks.h"
#include "ps_team.h"
#include "ps_workload.h"

#include <errno.h>
#include <omp.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

enum { POOL, THREAD, FORK };

typedef struct created {
    ps_create_tasks tasks;
    pthread_t *threads; /* thread: the batch's */
    pid_t *pids;        /* fork: the batch's */
    uint64_t *of;       /* each batch worker's task */
} created;

typedef struct thread_task {
    const ps_create_tasks *tasks;
    uint64_t t;
} thread_task;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    created *c = calloc(1, sizeof *c);
    run->state = c;
    if (!c || !(c->threads = calloc(run->workers, sizeof *c->threads)) ||
        !(c->pids = calloc(run->workers, sizeof *c->pids)) ||
        !(c->of = calloc(run->workers, sizeof *c->of)))
        return ps_fail(msg, PS_ENV, "out of memory");
    run->steps = ps_create_steps(run->opt);
    return ps_create_init(&c->tasks, run->size, run->steps, run->opt->variant == FORK, msg);
}

static ps_status run_pool(ps_run *run, created *c, ps_msg *msg)
{
    int team = 0;
#pragma omp parallel num_threads(run->workers)
    {
#pragma omp master
        team = omp_get_num_threads();
#pragma omp for schedule(monotonic : dynamic, 1)
        for (uint64_t t = 0; t < run->size; t++)
            ps_create_task(&c->tasks, t);
    }
    return ps_team_check(team, run->workers, msg);
}

static void *thread_main(void *arg)
{
    const thread_task *job = arg;
    ps_create_task(job->tasks, job->t);
    return NULL;
}

/* A thread per task, W at a time; every thread started is joined, whatever fails. */
static ps_status run_threads(ps_run *run, created *c, ps_msg *msg)
{
    thread_task *jobs = calloc(run->workers, sizeof *jobs);
    ps_status st = jobs ? PS_OK : ps_fail(msg, PS_ENV, "out of memory");
    for (uint64_t first = 0; !st && first < run->size; first += run->workers) {
        unsigned n = 0;
        for (; n < run->workers && first + n < run->size; n++) {
            jobs[n] = (thread_task){&c->tasks, first + n};
            int rc = pthread_create(&c->threads[n], NULL, thread_main, &jobs[n]);
            if (rc) {
                st = ps_fail(msg, PS_ENV, "create: pthread_create for task %llu: %s",
                             (unsigned long long)(first + n), strerror(rc));
                break;
            }
        }
        for (unsigned i = 0; i < n; i++)
            pthread_join(c->threads[i], NULL);
    }
    free(jobs);
    return st;
}

/* The forked worker: its task, then gone; it dies with its parent. Only async-signal-safe calls
 * here: the parent has other threads (the OpenMP runtime's). */
static _Noreturn void process_main(const ps_create_tasks *tasks, uint64_t t, pid_t parent)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(3);
    ps_create_task(tasks, t);
    _exit(0);
}

/* Waits for the batch's n processes in the order they end (parsuite-omp has no other children
 * now); the first that did not exit 0 is the error, and the rest of its batch is killed. */
static ps_status wait_batch(created *c, unsigned n, ps_status st, ps_msg *msg)
{
    for (unsigned left = n; left > 0;) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0 && errno == EINTR)
            continue;
        if (pid < 0) /* ECHILD: none left */
            break;
        unsigned i = 0;
        while (i < n && c->pids[i] != pid)
            i++;
        if (i == n)
            continue;
        c->pids[i] = 0, left--;
        if (st || (WIFEXITED(status) && WEXITSTATUS(status) == 0))
            continue;
        st = ps_fail(msg, PS_ENV, "create: the process of task %llu (pid %d) ended: %s",
                     (unsigned long long)c->of[i], (int)pid,
                     WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "it exited");
        for (unsigned k = 0; k < n; k++)
            if (c->pids[k] > 0)
                kill(c->pids[k], SIGKILL);
    }
    return st;
}

/* A process per task, W at a time. */
static ps_status run_processes(ps_run *run, created *c, ps_msg *msg)
{
    pid_t parent = getpid();
    ps_status st = PS_OK;
    fflush(NULL); /* nothing buffered is written twice */
    for (uint64_t first = 0; !st && first < run->size; first += run->workers) {
        unsigned n = 0;
        for (; n < run->workers && first + n < run->size; n++) {
            c->of[n] = first + n;
            if ((c->pids[n] = fork()) == 0)
                process_main(&c->tasks, first + n, parent);
            if (c->pids[n] < 0) {
                st = ps_fail(msg, PS_ENV, "create: fork for task %llu: %s",
                             (unsigned long long)(first + n), strerror(errno));
                break;
            }
        }
        st = wait_batch(c, n, st, msg);
    }
    return st;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    created *c = run->state;
    switch (run->opt->variant) {
    case THREAD:
        return run_threads(run, c, msg);
    case FORK:
        return run_processes(run, c, msg);
    default:
        return run_pool(run, c, msg);
    }
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    created *c = run->state;
    uint64_t verified;
    ps_status st = ps_create_check(&c->tasks, 0, 1, &verified, msg);
    if (!st)
        ps_task_set_result(verified, run->size, result, len);
    return st;
}

static void release(ps_run *run)
{
    created *c = run->state;
    if (c) {
        ps_create_free(&c->tasks);
        free(c->threads), free(c->pids), free(c->of);
    }
    free(c);
    run->state = NULL;
}

const ps_workload omp_create = {
    .info = &ps_create_info,
    .variants = (const char *const[]){"pool", "thread", "fork", NULL},
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = ps_create_detail,
    .metrics = ps_create_metrics,
    .release = release,
};
