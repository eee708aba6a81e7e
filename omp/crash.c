/* SPDX-License-Identifier: BSD-3-Clause */
/* Questions 3 and 1: what a crash takes down. The same N tasks (ps_crash.h), one of which dies of
 * a real fault (SIGSEGV), run by W workers that take the next task as they finish one:
 *   threads    W threads of one process: the fault ends the process, and every result goes
 *              with it, finished or not (isolation is what threads give up for sharing)
 *   processes  a pool of W forked processes: the fault ends one worker, the pool forks another
 *              (as multiprocessing.Pool does), the rest finish, and one task is lost
 * The threads' process is a child of parsuite-omp, forked for each repetition, so that the
 * program it stands for is the one that dies and this one can count what survived. Its threads are
 * POSIX threads, not an OpenMP team: libgomp cannot start a team in a forked child (it waits for
 * the parent's threads forever). Both are demonstrations (--list: demo): the sweep runs them once,
 * at 2 workers. */
#include "ps_catalogue.h"
#include "ps_crash.h"
#include "ps_workload.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { THREADS, PROCESSES };

typedef struct crashing {
    ps_crash c;
    pthread_t *threads; /* threads: the child's */
    pid_t *pids;        /* the children running: 0 in a slot that is free */
} crashing;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    crashing *k = calloc(1, sizeof *k);
    run->state = k;
    if (!k || !(k->threads = calloc(run->workers, sizeof *k->threads)) ||
        !(k->pids = calloc(run->workers, sizeof *k->pids)))
        return ps_fail(msg, PS_ENV, "out of memory");
    return ps_crash_init(&k->c, run->opt, run->size, msg);
}

static void *thread_main(void *arg)
{
    ps_crash *c = arg;
    ps_crash_work(c, c->own);
    return NULL;
}

/* The child that is the whole program of threads: its results, its own memory, come back at
 * its end, if it reaches it. */
static _Noreturn void threads_process(crashing *k, unsigned workers, pid_t parent)
{
    ps_crash_worker(parent);
    for (unsigned i = 0; i < workers; i++)
        if (pthread_create(&k->threads[i], NULL, thread_main, &k->c) != 0)
            _exit(3);
    for (unsigned i = 0; i < workers; i++)
        pthread_join(k->threads[i], NULL);
    memcpy(k->c.returned, k->c.own, k->c.tasks * sizeof *k->c.own);
    _exit(0);
}

static _Noreturn void pool_process(ps_crash *c, pid_t parent)
{
    ps_crash_worker(parent);
    ps_crash_work(c, c->returned); /* each result comes back as it is made */
    _exit(0);
}

/* A child into the free slot: the whole process of threads, or one worker of the pool. */
static pid_t start(crashing *k, unsigned slot, unsigned workers, int variant, ps_msg *msg)
{
    pid_t parent = getpid(), pid = fork();
    if (pid == 0 && variant == THREADS)
        threads_process(k, workers, parent);
    if (pid == 0)
        pool_process(&k->c, parent);
    if (pid < 0)
        ps_fail(msg, PS_ENV, "crash: fork: %s", strerror(errno));
    k->pids[slot] = pid > 0 ? pid : 0;
    return pid;
}

static void kill_all(crashing *k, unsigned slots)
{
    for (unsigned i = 0; i < slots; i++)
        if (k->pids[i])
            kill(k->pids[i], SIGKILL);
}

/* Waits for every child; one that SIGSEGV ended is counted, and in the pool replaced while tasks
 * are left. Any other end is an error of the environment (a worker killed from outside): the
 * rest are killed, and the error names it. */
static ps_status reap(crashing *k, unsigned slots, int variant, ps_msg *msg)
{
    ps_status st = PS_OK;
    for (unsigned running = slots; running > 0;) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0 && errno == EINTR)
            continue;
        if (pid < 0)
            break;
        unsigned slot = 0;
        while (slot < slots && k->pids[slot] != pid)
            slot++;
        if (slot == slots)
            continue; /* not one of ours */
        k->pids[slot] = 0, running--;
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) {
            k->c.died++;
            if (variant == PROCESSES && !st && atomic_load(k->c.next) < k->c.tasks) {
                if (start(k, slot, 1, variant, msg) < 0) {
                    st = PS_ENV;
                    kill_all(k, slots);
                } else {
                    running++, k->c.replaced++;
                }
            }
        } else if (!st && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
            char how[32];
            if (WIFSIGNALED(status))
                snprintf(how, sizeof how, "%s", strsignal(WTERMSIG(status)));
            else
                snprintf(how, sizeof how, "exit %d", WEXITSTATUS(status));
            st = ps_fail(msg, PS_ENV, "crash: worker %u (pid %d) ended: %s", slot + 1, (int)pid,
                         how);
            kill_all(k, slots);
        }
    }
    return st;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    crashing *k = run->state;
    const int variant = run->opt->variant;
    ps_crash_reset(&k->c);
    k->c.workers = run->workers;
    k->c.whole = variant == THREADS;
    unsigned started = 0, slots = variant == THREADS ? 1 : run->workers;
    ps_status st = PS_OK;
    for (; started < slots; started++)
        if (start(k, started, run->workers, variant, msg) < 0) {
            st = PS_ENV;
            kill_all(k, started);
            break;
        }
    ps_status reaped = reap(k, started, variant, msg);
    return st ? st : reaped;
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    crashing *k = run->state;
    return ps_crash_check(&k->c, result, len, msg);
}

static void release(ps_run *run)
{
    crashing *k = run->state;
    if (k) {
        ps_crash_free(&k->c);
        free(k->threads);
        free(k->pids);
    }
    free(k);
    run->state = NULL;
}

const ps_workload omp_crash = {
    .info = &ps_crash_info,
    .variants = (const char *const[]){"threads", "processes", NULL},
    .demos = (const char *const[]){"threads", "processes", NULL},
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = ps_crash_detail,
    .release = release,
};
