/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 2: what does one more worker cost in memory, a thread against a process? W workers,
 * each with a working set (ps_footprint.h), all alive when the kernel's accounting is read:
 * thread: W threads of this process, each writing a working set of its own (and running on a
 * stack of its own, mapped here so that glibc's cache of old stacks hides none of it);
 * fork-write: W processes forked from this one, each writing the parent's working set, so that
 * copy-on-write gives each a copy; fork-read: the same processes only reading it, so that its
 * pages stay shared (what multiprocessing's fork start method gives a child until it writes).
 * What a worker adds is the PSS of this process and its children, less this process's before,
 * over W. A repetition creates the workers, writes, reads /proc, and ends them. */
#include "ps_catalogue.h"
#include "ps_footprint.h"
#include "ps_workload.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

enum { THREAD, FORK_WRITE, FORK_READ };

typedef struct footprint footprint;

typedef struct worker {
    footprint *run;
    pthread_t thread;
    pid_t pid;
    void *stack;        /* thread: its stack, this workload's */
    unsigned char *set; /* thread: its working set */
    unsigned char byte; /* what it writes */
    int error;          /* thread: errno of a working set not mapped */
    bool holds;         /* thread: its working set held its byte at the end */
} worker;

struct footprint {
    ps_footprint figures; /* first: ps_footprint_detail reads it */
    worker *workers;
    size_t stack_bytes;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    unsigned ready; /* threads with their working set written */
    bool go;        /* the accounting is read: end */
    ps_status verdict;
    ps_msg why;
};

static uint64_t memory(const ps_options *opt, uint64_t size, unsigned workers, int rank)
{
    (void)rank;
    uint64_t sets = opt->variant == THREAD ? workers : opt->variant == FORK_WRITE ? workers + 1 : 1;
    return sets * size * 1024;
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    footprint *f = calloc(1, sizeof *f);
    run->state = f;
    if (!f || !(f->workers = calloc(run->workers, sizeof *f->workers)))
        return ps_fail(msg, PS_ENV, "out of memory");
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) || pthread_attr_getstacksize(&attr, &f->stack_bytes))
        return ps_fail(msg, PS_ENV, "footprint: no default thread stack size");
    pthread_attr_destroy(&attr);
    f->lock = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER; /* static: nothing to destroy */
    f->changed = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
    f->figures.set_bytes = ps_footprint_bytes(run);
    return PS_OK;
}

/* A thread: its working set written, then it waits until the accounting is read. */
static void *thread_main(void *arg)
{
    worker *w = arg;
    footprint *f = w->run;
    w->set = ps_footprint_map(f->figures.set_bytes);
    w->error = w->set ? 0 : errno;
    if (w->set)
        ps_footprint_fill(w->set, f->figures.set_bytes, w->byte);
    pthread_mutex_lock(&f->lock);
    f->ready++;
    pthread_cond_broadcast(&f->changed);
    while (!f->go)
        pthread_cond_wait(&f->changed, &f->lock);
    pthread_mutex_unlock(&f->lock);
    w->holds = w->set && ps_footprint_holds(w->set, f->figures.set_bytes, w->byte);
    ps_footprint_unmap(w->set, f->figures.set_bytes);
    w->set = NULL;
    return NULL;
}

/* Each thread's working set, as this process's smaps has it. */
static ps_status account_threads(footprint *f, unsigned n, ps_msg *msg)
{
    ps_status st = PS_OK;
    for (unsigned i = 0; i < n && !st; i++) {
        ps_smaps set;
        char who[32];
        snprintf(who, sizeof who, "thread %u", i);
        if (!f->workers[i].set)
            return ps_fail(msg, PS_ENV, "footprint: %s could not map its working set: %s", who,
                           strerror(f->workers[i].error));
        st = ps_smaps_read(0, (uintptr_t)f->workers[i].set, &set, msg);
        if (!st)
            st = ps_footprint_expect(&set, f->figures.set_bytes, false, who, msg);
    }
    return st;
}

static ps_status run_threads(ps_run *run, footprint *f, ps_msg *msg)
{
    ps_smaps before, after;
    ps_status st = ps_smaps_read(0, 0, &before, msg);
    f->ready = 0, f->go = false;
    unsigned n = 0;
    for (; !st && n < run->workers; n++) {
        worker *w = &f->workers[n];
        *w = (worker){.run = f, .byte = ps_footprint_byte(n)};
        w->stack = mmap(NULL, f->stack_bytes, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
        if (w->stack == MAP_FAILED) {
            w->stack = NULL;
            st = ps_fail(msg, PS_ENV, "footprint: a stack for thread %u: %s", n, strerror(errno));
            break;
        }
        pthread_attr_t attr;
        int rc = pthread_attr_init(&attr);
        if (!rc)
            rc = pthread_attr_setstack(&attr, w->stack, f->stack_bytes);
        if (!rc)
            rc = pthread_create(&w->thread, &attr, thread_main, w);
        pthread_attr_destroy(&attr);
        if (rc) {
            munmap(w->stack, f->stack_bytes);
            w->stack = NULL;
            st = ps_fail(msg, PS_ENV, "footprint: pthread_create for thread %u: %s", n,
                         strerror(rc));
            break;
        }
    }
    pthread_mutex_lock(&f->lock);
    while (f->ready < n)
        pthread_cond_wait(&f->changed, &f->lock);
    pthread_mutex_unlock(&f->lock);
    if (!st && !(st = ps_smaps_read(0, 0, &after, msg))) {
        int64_t added = (int64_t)after.pss - (int64_t)before.pss;
        f->figures.per_worker = added > 0 ? (uint64_t)added / n : 0;
        f->figures.own_per_worker = f->figures.per_worker; /* a thread's pages are all its own */
        f->verdict = account_threads(f, n, &f->why);
    }
    pthread_mutex_lock(&f->lock);
    f->go = true;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->lock);
    for (unsigned i = 0; i < n; i++) {
        pthread_join(f->workers[i].thread, NULL);
        if (!f->verdict && !f->workers[i].holds)
            f->verdict = ps_fail(&f->why, PS_FAILED,
                                 "footprint: thread %u's working set lost what it wrote", i);
        munmap(f->workers[i].stack, f->stack_bytes);
    }
    return st;
}

/* A forked worker: the parent's working set written (its copy) or read, a byte to say so, then
 * it waits for the end of the go pipe. Only async-signal-safe calls: the parent may have
 * other threads (the OpenMP runtime's). */
static _Noreturn void process_main(const unsigned char *parents, size_t bytes, bool write_it,
                                   unsigned char byte, int ready, int go, pid_t parent)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(3);
    unsigned char *set = (unsigned char *)parents;
    if (write_it)
        ps_footprint_fill(set, bytes, byte);
    else if (!ps_footprint_holds(set, bytes, ps_footprint_byte(0)))
        _exit(1);
    char one = 1, none;
    if (write(ready, &one, 1) != 1)
        _exit(3);
    close(ready); /* the parent's read ends when every child has said so or died */
    while (read(go, &none, 1) < 0 && errno == EINTR)
        ;
    _exit(write_it && !ps_footprint_holds(set, bytes, byte) ? 1 : 0);
}

/* The children's and the parent's accounting, while all are alive. */
static ps_status account_processes(ps_run *run, footprint *f, unsigned char *set, uint64_t before,
                                   ps_msg *msg)
{
    const uint64_t bytes = f->figures.set_bytes;
    const bool shared = run->opt->variant == FORK_READ;
    ps_smaps self, mine;
    ps_status st = ps_smaps_read(0, 0, &self, msg);
    if (!st)
        st = ps_smaps_read(0, (uintptr_t)set, &mine, msg);
    uint64_t pss = self.pss, own = 0, set_pss = mine.pss;
    for (unsigned i = 0; i < run->workers && !st; i++) {
        ps_smaps all, its;
        char who[48];
        snprintf(who, sizeof who, "process %u (pid %d)", i, (int)f->workers[i].pid);
        if (!(st = ps_smaps_read(f->workers[i].pid, 0, &all, msg)) &&
            !(st = ps_smaps_read(f->workers[i].pid, (uintptr_t)set, &its, msg)))
            pss += all.pss, own += all.private, set_pss += its.pss;
        if (!st && !f->verdict)
            f->verdict = ps_footprint_expect(&its, bytes, shared, who, &f->why);
    }
    if (st)
        return st;
    int64_t added = (int64_t)pss - (int64_t)before;
    f->figures.per_worker = added > 0 ? (uint64_t)added / run->workers : 0;
    f->figures.own_per_worker = own / run->workers;
    if (!f->verdict)
        f->verdict = ps_footprint_expect(&mine, bytes, shared, "the parent", &f->why);
    /* shared: the PSS of its W + 1 mappings add up to it, less under 1 KiB each (the kernel's
     * rounding down) */
    if (!f->verdict && shared && (set_pss > bytes || set_pss + 1024 * (run->workers + 1) <= bytes))
        f->verdict = ps_fail(&f->why, PS_FAILED,
                             "footprint: the shared working set's PSS adds up to %llu KiB, not "
                             "%llu",
                             (unsigned long long)set_pss / 1024, (unsigned long long)bytes / 1024);
    return PS_OK;
}

/* Every child waited for; the first that did not exit 0 is the verdict. */
static void wait_children(footprint *f, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        int status;
        while (waitpid(f->workers[i].pid, &status, 0) < 0 && errno == EINTR)
            ;
        if (!f->verdict && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
            f->verdict = ps_fail(&f->why, PS_FAILED, "footprint: process %u (pid %d) ended: %s", i,
                                 (int)f->workers[i].pid,
                                 WIFSIGNALED(status) ? strsignal(WTERMSIG(status))
                                                     : "its working set was not as written");
    }
}

static ps_status run_processes(ps_run *run, footprint *f, ps_msg *msg)
{
    const size_t bytes = f->figures.set_bytes;
    unsigned char *set = ps_footprint_map(bytes);
    if (!set)
        return ps_fail(msg, PS_ENV, "footprint: a working set of %zu KiB: %s", bytes / 1024,
                       strerror(errno));
    ps_footprint_fill(set, bytes, ps_footprint_byte(0));
    ps_smaps before;
    int ready[2], go[2];
    ps_status st = ps_smaps_read(0, 0, &before, msg);
    if (!st && pipe2(ready, O_CLOEXEC) != 0)
        st = ps_fail(msg, PS_ENV, "footprint: pipe: %s", strerror(errno));
    if (!st && pipe2(go, O_CLOEXEC) != 0) {
        st = ps_fail(msg, PS_ENV, "footprint: pipe: %s", strerror(errno));
        close(ready[0]), close(ready[1]);
    }
    if (st) {
        ps_footprint_unmap(set, bytes);
        return st;
    }
    pid_t parent = getpid();
    fflush(NULL); /* nothing buffered is written twice */
    unsigned n = 0;
    for (; n < run->workers; n++) {
        pid_t pid = fork();
        if (pid == 0) {
            close(ready[0]), close(go[1]);
            process_main(set, bytes, run->opt->variant == FORK_WRITE, ps_footprint_byte(n + 1),
                         ready[1], go[0], parent);
        }
        if (pid < 0) {
            st = ps_fail(msg, PS_ENV, "footprint: fork for process %u: %s", n, strerror(errno));
            break;
        }
        f->workers[n].pid = pid;
    }
    close(ready[1]), close(go[0]);
    unsigned said = 0; /* fewer than n: a child died before its byte, the rest wrote theirs */
    for (char c; said < n;) {
        ssize_t got = read(ready[0], &c, 1);
        if (got > 0)
            said++;
        else if (got == 0 || errno != EINTR)
            break;
    }
    if (!st && said == n)
        st = account_processes(run, f, set, before.pss, msg);
    close(go[1]), close(ready[0]); /* the children end */
    wait_children(f, n);
    ps_footprint_unmap(set, bytes);
    return st;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    footprint *f = run->state;
    f->verdict = PS_OK;
    return run->opt->variant == THREAD ? run_threads(run, f, msg) : run_processes(run, f, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    footprint *f = run->state;
    if (f->verdict)
        return ps_fail(msg, f->verdict, "%s", f->why.text);
    ps_footprint_result(run, result, len);
    return PS_OK;
}

static void release(ps_run *run)
{
    footprint *f = run->state;
    if (f)
        free(f->workers);
    free(f);
    run->state = NULL;
}

const ps_workload omp_footprint = {
    .info = &ps_footprint_info,
    .variants = (const char *const[]){"thread", "fork-write", "fork-read", NULL},
    .validate = ps_footprint_validate,
    .memory = memory,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = ps_footprint_detail,
    .metrics = ps_footprint_metrics,
    .release = release,
};
