/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 1: is a switch between threads cheaper than one between processes? A token goes round
 * a ring of W workers, each blocked until it is handed the token (ps_switches.h): threads of one
 * process waking each other through semaphores (futexes) or through pipes, against processes
 * forked by this program, as Python's multiprocessing forks them, through the same pipes. Each
 * blocked wait is a context switch: the record counts them (getrusage) beside the time a
 * hand-off takes. Pin every worker to one CPU (OMP_PLACES='{0}', taskset -c 0) and each hand-off
 * is a switch on that CPU; on several CPUs it is a wake-up across them. */
#include "ps_catalogue.h"
#include "ps_switches.h"
#include "ps_team.h"
#include "ps_workload.h"

#include <errno.h>
#include <omp.h>
#include <poll.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { SEMAPHORE, PIPE, PROCESS };

typedef struct ring {
    unsigned workers;
    uint64_t handoffs;   /* a round's */
    ps_ring_slot *slots; /* shared with the processes (MAP_SHARED) */
    sem_t *sems;         /* semaphore: one per worker */
    uint64_t *mailbox;   /* semaphore: the token each worker is handed */
    int (*pipes)[2];     /* pipe, process: each worker's inbox */
    pid_t *pids;         /* process: workers 1..W-1 */
    sem_t *ended;        /* process: posted by each of them when its round is over */
    ps_ring_transport move;
} ring;

static ps_status sem_send(void *ctx, unsigned to, uint64_t token, ps_msg *msg)
{
    ring *r = ctx;
    r->mailbox[to] = token; /* read by `to` after its sem_wait: sem_post orders the store */
    return sem_post(&r->sems[to]) == 0
               ? PS_OK
               : ps_fail(msg, PS_ENV, "switches: sem_post: %s", strerror(errno));
}

static ps_status sem_recv(void *ctx, unsigned me, uint64_t *token, ps_msg *msg)
{
    ring *r = ctx;
    while (sem_wait(&r->sems[me]) != 0)
        if (errno != EINTR)
            return ps_fail(msg, PS_ENV, "switches: sem_wait: %s", strerror(errno));
    *token = r->mailbox[me];
    return PS_OK;
}

static ps_status pipe_send(void *ctx, unsigned to, uint64_t token, ps_msg *msg)
{
    ring *r = ctx;
    ssize_t n;
    while ((n = write(r->pipes[to][1], &token, sizeof token)) < 0 && errno == EINTR)
        ;
    return n == (ssize_t)sizeof token ? PS_OK
                                      : ps_fail(msg, PS_ENV, "switches: write to worker %u: %s", to,
                                                n < 0 ? strerror(errno) : "short");
}

/* A process worker that died would leave worker 0 waiting for ever: it waits a second at a time
 * and then asks whether each of them still lives. */
static ps_status watch(const ring *r, ps_msg *msg)
{
    for (unsigned w = 1; r->pids && w < r->workers; w++) {
        int status;
        if (r->pids[w] > 0 && waitpid(r->pids[w], &status, WNOHANG) == r->pids[w]) {
            pid_t pid = r->pids[w];
            r->pids[w] = 0; /* waited for: release has nothing to tell it */
            return ps_fail(msg, PS_ENV, "switches: worker %u (pid %d) ended: %s", w, (int)pid,
                           WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "it exited");
        }
    }
    return PS_OK;
}

static ps_status pipe_recv(void *ctx, unsigned me, uint64_t *token, ps_msg *msg)
{
    ring *r = ctx;
    int fd = r->pipes[me][0];
    ps_status st = PS_OK;
    for (struct pollfd p = {.fd = fd, .events = POLLIN}; me == 0 && !st && poll(&p, 1, 1000) <= 0;)
        st = watch(r, msg);
    ssize_t n = 0;
    while (!st && (n = read(fd, token, sizeof *token)) < 0 && errno == EINTR)
        ;
    return st || n == (ssize_t)sizeof *token
               ? st
               : ps_fail(msg, PS_ENV, "switches: worker %u's read: %s", me,
                         n < 0 ? strerror(errno) : "short");
}

/* A forked worker: rounds until told to leave; it dies with its parent. */
static _Noreturn void process_worker(ring *r, unsigned me, pid_t parent)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(3);
    for (ps_msg msg;;) {
        if (ps_ring_round(&r->move, r->workers, r->handoffs, me, &r->slots[me], &msg))
            _exit(3);
        if (r->slots[me].last & PS_RING_EXIT)
            _exit(0);
        sem_post(r->ended); /* its slot is written: worker 0 may read it */
    }
}

/* Worker 0's end of a round: every other process has written its slot (and taken its stop, so
 * that the next round's token cannot meet this round's stop). */
static ps_status processes_ended(ring *r, ps_msg *msg)
{
    ps_status st = PS_OK;
    for (unsigned w = 1; !st && w < r->workers;) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        if (sem_timedwait(r->ended, &until) == 0)
            w++;
        else if (errno == ETIMEDOUT)
            st = watch(r, msg);
        else if (errno != EINTR)
            st = ps_fail(msg, PS_ENV, "switches: sem_timedwait: %s", strerror(errno));
    }
    return st;
}

static ps_status start_processes(ring *r, ps_msg *msg)
{
    r->pids = calloc(r->workers, sizeof *r->pids);
    if (!r->pids)
        return ps_fail(msg, PS_ENV, "out of memory");
    r->ended =
        mmap(NULL, sizeof *r->ended, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (r->ended == MAP_FAILED) {
        r->ended = NULL;
        return ps_fail(msg, PS_ENV, "switches: mmap: %s", strerror(errno));
    }
    sem_init(r->ended, 1, 0); /* Linux: cannot fail for a process-shared semaphore in memory */
    pid_t parent = getpid();
    fflush(NULL); /* nothing buffered is written twice */
    for (unsigned w = 1; w < r->workers; w++)
        if ((r->pids[w] = fork()) == 0)
            process_worker(r, w, parent);
        else if (r->pids[w] < 0)
            return ps_fail(msg, PS_ENV, "switches: fork: %s", strerror(errno));
    return PS_OK;
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    ring *r = calloc(1, sizeof *r);
    run->state = r;
    if (!r)
        return ps_fail(msg, PS_ENV, "out of memory");
    unsigned w = r->workers = run->workers;
    r->handoffs = run->size;
    r->slots =
        mmap(NULL, w * sizeof *r->slots, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (r->slots == MAP_FAILED) {
        r->slots = NULL;
        return ps_fail(msg, PS_ENV, "switches: mmap: %s", strerror(errno));
    }
    r->move.ctx = r;
    if (run->opt->variant == SEMAPHORE) {
        r->move.send = sem_send, r->move.recv = sem_recv;
        if (!(r->sems = calloc(w, sizeof *r->sems)) || !(r->mailbox = calloc(w, sizeof(uint64_t))))
            return ps_fail(msg, PS_ENV, "out of memory");
        for (unsigned i = 0; i < w; i++)
            sem_init(&r->sems[i], 0, 0);
        return PS_OK;
    }
    r->move.send = pipe_send, r->move.recv = pipe_recv;
    if (!(r->pipes = malloc(w * sizeof *r->pipes)))
        return ps_fail(msg, PS_ENV, "out of memory");
    for (unsigned i = 0; i < w; i++)
        r->pipes[i][0] = r->pipes[i][1] = -1;
    for (unsigned i = 0; i < w; i++)
        if (pipe(r->pipes[i]) != 0)
            return ps_fail(msg, PS_ENV, "switches: pipe: %s", strerror(errno));
    return run->opt->variant == PROCESS ? start_processes(r, msg) : PS_OK;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    ring *r = run->state;
    if (run->opt->variant == PROCESS) {
        ps_status st = ps_ring_round(&r->move, r->workers, run->size, 0, &r->slots[0], msg);
        return st ? st : processes_ended(r, msg);
    }
    ps_status worst = PS_OK;
    int team = 0;
#pragma omp parallel num_threads(r->workers)
    {
        ps_msg mine;
#pragma omp master
        team = omp_get_num_threads();
        /* a short team cannot pass the token round: its first thread alone reports it */
        unsigned me = (unsigned)omp_get_thread_num();
        ps_status st =
            omp_get_num_threads() == (int)r->workers
                ? ps_ring_round(&r->move, r->workers, run->size, me, &r->slots[me], &mine)
                : PS_OK;
        if (st) {
#pragma omp critical(switches_error)
            if (st > worst) {
                worst = st;
                *msg = mine;
            }
        }
    }
    return worst ? worst : ps_team_check(team, r->workers, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    const ring *r = run->state;
    return ps_switches_check(r->slots, r->workers, run->size, result, len, msg);
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const ring *r = run->state;
    (void)seconds;
    ps_switches_detail(r->slots, r->workers, run->size, text, len);
}

/* Each process is told to leave and waited for, so that none outlives the run. */
static void release(ps_run *run)
{
    ring *r = run->state;
    if (!r)
        return;
    ps_msg msg;
    for (unsigned w = 1; r->pids && w < r->workers; w++)
        if (r->pids[w] > 0) {
            if (pipe_send(r, w, PS_RING_EXIT, &msg))
                kill(r->pids[w], SIGKILL);
            waitpid(r->pids[w], NULL, 0);
        }
    for (unsigned i = 0; r->pipes && i < r->workers; i++)
        for (int end = 0; end < 2; end++)
            if (r->pipes[i][end] >= 0)
                close(r->pipes[i][end]);
    for (unsigned i = 0; r->sems && i < r->workers; i++)
        sem_destroy(&r->sems[i]);
    if (r->slots)
        munmap(r->slots, r->workers * sizeof *r->slots);
    if (r->ended)
        sem_destroy(r->ended), munmap(r->ended, sizeof *r->ended);
    free(r->pids), free(r->pipes), free(r->sems), free(r->mailbox), free(r);
    run->state = NULL;
}

const ps_workload omp_switches = {
    .info = &ps_switches_info,
    .variants = (const char *const[]){"semaphore", "pipe", "process", NULL},
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = detail,
    .metrics = ps_switches_metrics,
    .release = release,
};
