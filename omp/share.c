/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 5: the ways threads share data safely, each measured and each verified, so that a
 * lost update shows as a failure. Every thread does --size operations (default: doubled until the
 * operations alone last 1 ms, as EPCC does); the detail gives ns per operation with the cost of
 * the same loop without the construct (the reference) subtracted. Calibration and reference time
 * the loop inside the region, between barriers (EPCC's way): starting a region wakes the threads,
 * and on a busy machine one late wake-up would otherwise pass for the operations' cost. And the
 * calibration stops only where doubling the operations at least half again lengthens the time:
 * threads that share one CPU for a while (seen here at 2 threads on 2 CPUs: every region 16 ms,
 * two 8 ms scheduler slices, whatever its operations) cost a fixed time that is not the
 * construct's; sized on it, 64 operations gave 1 us regions once the CPUs were free again, and a
 * region's start as large as the construct it should have been subtracted from.
 *   critical, lock, atomic     a shared counter incremented under each
 *   atomic-capture             fetch-and-add: every thread also sums the values it saw, and the
 *                              values must be 0..T-1, each once
 *   reduction                  a parallel region whose threads' counters OpenMP combines
 *                              (reduction clause), once per operation
 *   barrier                    every thread waits for all; the check proves in a loop of its
 *                              own, untimed, that none passes early
 *   condition                  pairs of threads hand a turn back and forth through a pthread
 *                              condition variable (Python's threading.Condition): wake-up latency
 *   queue                      a locked FIFO passing items between threads (Python's queue.Queue)
 *   unsafe                     increments with no protection at all, to show why the others exist:
 *                              it counts the updates lost, warns, and exits 0 (a demonstration)
 *   deadlock                   pairs of threads take two locks in opposite order, each after its
 *                              partner holds its first (a rendezvous makes certain the timing
 *                              that would come sooner or later): a watchdog thread sees no
 *                              progress for 1 s, names who holds and who waits for which lock,
 *                              and the run exits 1. One thread alone takes both in order: exact. */
#include "ps_catalogue.h"
#include "ps_team.h"
#include "ps_time.h"
#include "ps_waits.h"
#include "ps_workload.h"

#include <omp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

enum { CRITICAL, LOCK, ATOMIC, CAPTURE, REDUCTION, BARRIER, CONDITION, QUEUE, UNSAFE, DEADLOCK };
enum { STALL_US = 1000000 }; /* deadlock: no progress this long is a deadlock */

typedef struct padded {
    uint64_t value;
    char pad[56];
} padded;

typedef struct pair {
    pthread_mutex_t mutex;
    pthread_cond_t turned;
    uint64_t turn; /* the number of hand-overs so far: even is the first thread's turn */
    char pad[64];
} pair;

typedef struct share {
    uint64_t ops;        /* per thread */
    uint64_t counter;    /* the shared counter */
    padded *mine;        /* per thread: captured sums, barrier phases, queue sums */
    uint64_t violations; /* barrier: threads that passed early */
    omp_lock_t lock;
    pair *pairs;
    uint64_t *queue, head, tail; /* a bounded FIFO under the lock */
    double reference;            /* seconds of the loop without the construct */
    double inside;               /* seconds of the last run's operations, inside its region */
    unsigned delay;              /* barrier, reduction: EPCC's delay, in steps (about 0.1 us) */
    /* deadlock: two locks per pair of threads, who holds each, what each thread waits for (-1:
     * nobody, nothing), operations done, and the watchdog's verdict */
    pthread_mutex_t *locks;
    atomic_int *holder, *waits;
    atomic_uint_fast64_t progress;
    atomic_int finished, broken;
    int team;
    char cycle[160];
} share;

static int variant_of(const ps_run *run)
{
    return (int)run->opt->variant;
}

/* EPCC's delay: dependent float additions, which the compiler may not reorder or drop. */
static volatile float delay_sink;
static void delay(unsigned steps)
{
    float a = 0;
    for (unsigned i = 0; i < steps; i++)
        a += (float)i;
    if (a < 0)
        delay_sink = a;
}

/* Steps of delay() lasting about 0.1 us (EPCC's default delay time). */
static unsigned delay_steps(void)
{
    enum { PROBE = 1 << 20 };
    double t0 = omp_get_wtime();
    delay(PROBE);
    double per_step = (omp_get_wtime() - t0) / PROBE;
    return per_step > 0 && 1e-7 / per_step < 1e6 ? (unsigned)(1e-7 / per_step) + 1 : 1;
}

/* The reference loop: for barrier and reduction the delay alone, on one thread (EPCC's refer);
 * for the others the same increments on a private counter, timed inside the region. */
static double reference(const ps_run *run, const share *s)
{
    const uint64_t ops = s->ops;
    double t0 = omp_get_wtime(), took = 0;
    if (variant_of(run) == BARRIER || variant_of(run) == REDUCTION) {
        for (uint64_t i = 0; i < ops; i++)
            delay(s->delay);
        return omp_get_wtime() - t0;
    }
#pragma omp parallel num_threads(run->workers)
    {
        volatile uint64_t mine = 0;
#pragma omp barrier
        double start = omp_get_wtime();
        for (uint64_t i = 0; i < ops; i++)
            mine = mine + 1;
#pragma omp barrier
#pragma omp master
        took = omp_get_wtime() - start;
    }
    return took;
}

/* Hands the turn to the partner `rounds` times; alone (parity 2), the thread takes every turn. */
/* How many pairs hand over turns: workers / 2 (an odd one out waits), or one thread playing both
 * sides alone. The run and its check both ask this. */
static unsigned condition_pairs(unsigned workers)
{
    return workers == 1 ? 1 : workers / 2;
}

static void hand_over(pair *p, uint64_t my_parity, uint64_t rounds)
{
    for (uint64_t r = 0; r < rounds; r++) {
        pthread_mutex_lock(&p->mutex);
        while (my_parity < 2 && p->turn % 2 != my_parity)
            pthread_cond_wait(&p->turned, &p->mutex);
        p->turn++;
        pthread_cond_signal(&p->turned);
        pthread_mutex_unlock(&p->mutex);
    }
}

/* deadlock: takes a lock, or gives up (false) once the watchdog has called a deadlock. */
static bool take(share *s, unsigned me, int lock)
{
    atomic_store(&s->waits[me], lock);
    while (pthread_mutex_trylock(&s->locks[lock]))
        if (atomic_load(&s->broken)) {
            atomic_store(&s->waits[me], -1);
            return false;
        } else
            ps_yield();
    atomic_store(&s->holder[lock], (int)me);
    atomic_store(&s->waits[me], -1);
    return true;
}

static void give(share *s, int lock)
{
    atomic_store(&s->holder[lock], -1);
    pthread_mutex_unlock(&s->locks[lock]);
}

/* Thread me of a pair takes its pair's lock me % 2 first, its partner the other; both wait until
 * the other holds its first (alone: both locks, in order). */
static void opposite_order(share *s, unsigned me, unsigned team)
{
    const unsigned pair = me / 2;
    if (team > 1 && pair >= team / 2)
        return; /* the odd one out */
    const int first = (int)(2 * pair + me % 2), second = (int)(2 * pair + 1 - me % 2);
    for (uint64_t i = 0; i < s->ops; i++) {
        if (!take(s, me, first))
            return;
        while (team > 1 && atomic_load(&s->holder[second]) != (int)(me ^ 1u))
            if (atomic_load(&s->broken)) {
                give(s, first);
                return;
            } else
                ps_yield();
        if (!take(s, me, second)) {
            give(s, first);
            return;
        }
#pragma omp atomic update
        s->counter++;
        give(s, second);
        give(s, first);
        atomic_fetch_add(&s->progress, 1);
    }
}

/* Whom thread t waits for: the holder of the lock it waits for (-1: none, or nobody holds it). */
static int lock_holder(const void *ctx, int t, char *edge, size_t len)
{
    share *s = (share *)ctx; /* read only: the loads are atomic */
    int lock = atomic_load(&s->waits[t]), next = lock < 0 ? -1 : atomic_load(&s->holder[lock]);
    if (next >= 0)
        snprintf(edge, len, "thread %d waits for lock %c%d, held by thread %d", t, 'a' + lock % 2,
                 lock / 2, next);
    return next;
}

/* The watchdog: once no operation has finished for STALL_US, it follows who waits for a lock held
 * by whom from the first waiting thread until a thread repeats, names that cycle, and calls the
 * deadlock (the waiting threads then give up). */
static void *watchdog(void *arg)
{
    share *s = arg;
    uint_fast64_t seen = atomic_load(&s->progress);
    for (unsigned still = 0; !atomic_load(&s->finished);) {
        ps_sleep_us(10000);
        uint_fast64_t now = atomic_load(&s->progress);
        still = now == seen ? still + 10000 : 0;
        seen = now;
        if (still < STALL_US)
            continue;
        char lead[32];
        snprintf(lead, sizeof lead, "no progress for %d s:", STALL_US / 1000000);
        if (!ps_waits_cycle(&(ps_waits){s->team, lock_holder, s}, lead, s->cycle, sizeof s->cycle))
            continue; /* nobody waits, or a chain that ends: slow, not stuck */
        atomic_store(&s->broken, 1);
        return NULL;
    }
    return NULL;
}

/* Each thread adds the values it captured: they must be 0..W*ops-1, each once. */
static void capture_ops(share *s, unsigned me)
{
    uint64_t acc = 0;
    for (uint64_t i = 0; i < s->ops; i++) {
        uint64_t seen;
#pragma omp atomic capture
        seen = s->counter++;
        acc += seen;
    }
    s->mine[me].value = acc;
}

/* Each thread puts an item in the shared queue and takes one out; the sums tell the items. */
static void queue_ops(share *s, unsigned me, unsigned team)
{
    uint64_t acc = 0;
    for (uint64_t i = 0; i < s->ops; i++) {
        uint64_t item = me * s->ops + i, got;
        omp_set_lock(&s->lock);
        s->queue[s->tail++ % team] = item; /* at most one item per thread is ever waiting */
        omp_unset_lock(&s->lock);
        omp_set_lock(&s->lock);
        got = s->queue[s->head++ % team];
        omp_unset_lock(&s->lock);
        acc += got;
    }
    s->mine[me].value = acc;
}

static void run_ops(share *s, int variant, unsigned me, unsigned team)
{
    const uint64_t ops = s->ops;
    switch (variant) {
    case CRITICAL:
        for (uint64_t i = 0; i < ops; i++) {
#pragma omp critical(share_counter)
            s->counter++;
        }
        break;
    case LOCK:
        for (uint64_t i = 0; i < ops; i++) {
            omp_set_lock(&s->lock);
            s->counter++;
            omp_unset_lock(&s->lock);
        }
        break;
    case ATOMIC:
        for (uint64_t i = 0; i < ops; i++) {
#pragma omp atomic update
            s->counter++;
        }
        break;
    case CAPTURE:
        capture_ops(s, me);
        break;
    case BARRIER:
        for (uint64_t i = 0; i < ops; i++) {
            delay(s->delay);
#pragma omp barrier
        }
        break;
    case CONDITION:
        if (team == 1)
            hand_over(&s->pairs[0], 2, 2 * ops);
        else if (me / 2 < condition_pairs(team))
            hand_over(&s->pairs[me / 2], me % 2, ops);
        break;
    case QUEUE:
        queue_ops(s, me, team);
        break;
    case UNSAFE: {
        volatile uint64_t *counter = &s->counter; /* a data race, on purpose */
        for (uint64_t i = 0; i < ops; i++)
            *counter = *counter + 1;
        break;
    }
    case DEADLOCK:
        opposite_order(s, me, team);
        break;
    }
}

/* The proof that the barrier holds, in its own untimed loop: a thread that passed early would
 * see its neighbour's phase behind its own. */
static ps_status prove_barrier(ps_run *run, share *s, ps_msg *msg)
{
    int team = 0;
    s->violations = 0;
#pragma omp parallel num_threads(run->workers)
    {
        const unsigned me = (unsigned)omp_get_thread_num(), nt = (unsigned)omp_get_num_threads();
        uint64_t acc = 0;
#pragma omp master
        team = (int)nt;
        for (uint64_t phase = 1; phase <= s->ops; phase++) {
            s->mine[me].value = phase;
#pragma omp barrier
            acc += s->mine[(me + 1) % nt].value != phase;
#pragma omp barrier
        }
#pragma omp atomic update
        s->violations += acc;
    }
    return ps_team_check(team, run->workers, msg);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    share *s = run->state;
    const int variant = variant_of(run);
    s->counter = s->violations = s->head = s->tail = 0;
    for (unsigned t = 0; t < run->workers; t++)
        s->mine[t].value = 0;
    for (unsigned p = 0; p < run->workers / 2 + 1; p++)
        s->pairs[p].turn = 0;
    int team = 0;
    pthread_t dog;
    if (variant == DEADLOCK) {
        s->team = (int)run->workers;
        for (unsigned i = 0; i < run->workers; i++)
            atomic_store(&s->waits[i], -1);
        for (unsigned i = 0; i < 2 * (run->workers / 2 + 1); i++)
            atomic_store(&s->holder[i], -1);
        atomic_store(&s->finished, 0);
        atomic_store(&s->broken, 0);
        if (pthread_create(&dog, NULL, watchdog, s))
            return ps_fail(msg, PS_ENV, "share deadlock: cannot start the watchdog thread");
    }
    if (variant == REDUCTION) { /* EPCC's testred: a region with a reduction per operation */
        uint64_t counter = 0;
        for (uint64_t i = 0; i < s->ops; i++) {
#pragma omp parallel num_threads(run->workers) reduction(+ : counter)
            {
                delay(s->delay);
                counter += 1;
                if (i == 0 && omp_get_thread_num() == 0)
                    team = omp_get_num_threads();
            }
        }
        s->counter = counter;
    } else {
#pragma omp parallel num_threads(run->workers)
        {
#pragma omp master
            team = omp_get_num_threads();
#pragma omp barrier
            double start = omp_get_wtime();
            run_ops(s, variant, (unsigned)omp_get_thread_num(), (unsigned)omp_get_num_threads());
#pragma omp barrier
#pragma omp master
            s->inside = omp_get_wtime() - start;
        }
    }
    if (variant == DEADLOCK) {
        atomic_store(&s->finished, 1);
        pthread_join(dog, NULL);
        if (atomic_load(&s->broken))
            return ps_fail(msg, PS_FAILED, "share deadlock: %s", s->cycle);
    }
    return ps_team_check(team, run->workers, msg);
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    share *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s || !(s->mine = calloc(run->workers, sizeof *s->mine)) ||
        !(s->pairs = calloc(run->workers / 2 + 1, sizeof *s->pairs)) ||
        !(s->queue = calloc(run->workers, sizeof *s->queue)) ||
        !(s->locks = calloc(2 * (run->workers / 2 + 1), sizeof *s->locks)) ||
        !(s->holder = calloc(2 * (run->workers / 2 + 1), sizeof *s->holder)) ||
        !(s->waits = calloc(run->workers, sizeof *s->waits)))
        return ps_fail(msg, PS_ENV, "out of memory");
    for (unsigned i = 0; i < 2 * (run->workers / 2 + 1); i++)
        pthread_mutex_init(&s->locks[i], NULL);
    omp_init_lock(&s->lock);
    for (unsigned p = 0; p < run->workers / 2 + 1; p++) {
        pthread_mutex_init(&s->pairs[p].mutex, NULL);
        pthread_cond_init(&s->pairs[p].turned, NULL);
    }
    s->delay = delay_steps();
    s->ops = run->opt->size ? run->opt->size : 64;
    /* threads started, memory touched; a deadlock is for the timed runs to show in their record */
    ps_status st = variant_of(run) == DEADLOCK ? PS_OK : execute(run, msg);
    if (!run->opt->size && variant_of(run) != DEADLOCK) /* EPCC: double the operations until they
                                                          last at least 1 ms */
        for (double before = 0; !st && s->ops < (UINT64_C(1) << 32); s->ops *= 2) {
            double best = 1e30;
            for (int i = 0; i < 3 && !st; i++) { /* the quickest of three: noise only adds */
                double t0 = omp_get_wtime();
                st = execute(run, msg);
                /* a reduction's operation is a region: its start is the cost measured */
                double took = variant_of(run) == REDUCTION ? omp_get_wtime() - t0 : s->inside;
                best = took < best ? took : best;
            }
            if (best >= 1e-3 && before > 0 && best >= 1.5 * before)
                break;
            before = best;
        }
    if (st)
        return st;
    run->size = s->ops;
    double ref[5];
    for (int i = 0; i < 5; i++)
        ref[i] = reference(run, s);
    ps_stats stats;
    ps_stats_of(ref, 5, &stats);
    s->reference = stats.median;
    return PS_OK;
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    share *s = run->state;
    const int variant = variant_of(run);
    const uint64_t total = s->ops * run->workers;
    uint64_t sum = 0;
    for (unsigned t = 0; t < run->workers; t++)
        sum += s->mine[t].value;
    switch (variant) {
    case UNSAFE:
        snprintf(result, len, "a demonstration: unprotected updates counted");
        return PS_OK;
    case BARRIER: {
        ps_status st = prove_barrier(run, s, msg);
        if (st)
            return st;
        if (s->violations)
            return ps_fail(msg, PS_FAILED, "share barrier: %llu passings before all arrived",
                           (unsigned long long)s->violations);
        break;
    }
    case CONDITION:
        for (unsigned p = 0; p < condition_pairs(run->workers); p++)
            if (s->pairs[p].turn != 2 * s->ops)
                return ps_fail(msg, PS_FAILED,
                               "share condition: pair %u handed over %llu times, "
                               "expected %llu",
                               p, (unsigned long long)s->pairs[p].turn,
                               (unsigned long long)(2 * s->ops));
        break;
    case QUEUE:
        if (sum != total * (total - 1) / 2 || s->head != total || s->tail != total)
            return ps_fail(msg, PS_FAILED,
                           "share queue: items lost or repeated (sum %llu, "
                           "expected %llu)",
                           (unsigned long long)sum, (unsigned long long)(total * (total - 1) / 2));
        break;
    default:
        if (s->counter != total)
            return ps_fail(msg, PS_FAILED, "share %s: counter %llu, expected %llu",
                           ps_run_variant(run), (unsigned long long)s->counter,
                           (unsigned long long)total);
        if (variant == CAPTURE && sum != total * (total - 1) / 2)
            return ps_fail(msg, PS_FAILED,
                           "share atomic-capture: captured values sum to %llu, "
                           "expected %llu",
                           (unsigned long long)sum, (unsigned long long)(total * (total - 1) / 2));
    }
    snprintf(result, len, "every shared update counted exactly");
    return PS_OK;
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const share *s = run->state;
    const uint64_t total = s->ops * run->workers;
    if (variant_of(run) == DEADLOCK && atomic_load(&s->broken)) {
        snprintf(text, len, "%s", s->cycle);
        return;
    }
    if (variant_of(run) == UNSAFE) {
        uint64_t lost = total - s->counter;
        snprintf(text, len, "lost %llu of %llu updates (%.1f%%)", (unsigned long long)lost,
                 (unsigned long long)total, 100.0 * (double)lost / (double)total);
        return;
    }
    double per_op = (seconds->median - s->reference) / (double)s->ops;
    if (variant_of(run) == CONDITION)
        snprintf(text, len, "wake-up latency %.2f us (median; %llu hand-overs per pair)",
                 seconds->median / (double)(2 * s->ops) * 1e6, (unsigned long long)(2 * s->ops));
    else if (per_op <= 0) /* the construct cost nothing this loop could see */
        snprintf(text, len,
                 "below this measurement's resolution: %.2f ns per op with the construct, %.2f ns "
                 "without it (the reference); %.3g ops/s",
                 seconds->median / (double)s->ops * 1e9, s->reference / (double)s->ops * 1e9,
                 (double)total / seconds->median);
    else
        snprintf(text, len, "%.1f ns per op (reference %.2f ns subtracted%s); %.3g ops/s",
                 per_op * 1e9, s->reference / (double)s->ops * 1e9,
                 s->reference > seconds->median - s->reference
                     ? "; the reference is larger than the result: unreliable"
                 : seconds->median - s->reference < seconds->max - seconds->min
                     ? ", within the samples' spread"
                     : "",
                 (double)total / seconds->median);
}

/* The detail's figures as numbers: the cost of one operation (where the construct cost more than
 * the loop around it), or the condition's wake-up latency. */
static void metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m)
{
    const share *s = run->state;
    if (variant_of(run) == UNSAFE || variant_of(run) == DEADLOCK)
        return;
    if (variant_of(run) == CONDITION) {
        ps_metric_set(&m->latency_us, seconds->median / (double)(2 * s->ops) * 1e6);
        return;
    }
    double per_op = (seconds->median - s->reference) / (double)s->ops;
    if (per_op > 0)
        ps_metric_set(&m->ns_per_op, per_op * 1e9);
}

static void show(const ps_run *run, FILE *out)
{
    const share *s = run->state;
    if (variant_of(run) == UNSAFE && s->counter != s->ops * run->workers)
        fprintf(out,
                "warning: share unsafe lost %llu of %llu updates: a data race, shown on "
                "purpose\n",
                (unsigned long long)(s->ops * run->workers - s->counter),
                (unsigned long long)(s->ops * run->workers));
}

static void release(ps_run *run)
{
    share *s = run->state;
    if (s) {
        if (s->mine)
            omp_destroy_lock(&s->lock);
        for (unsigned p = 0; s->pairs && p < run->workers / 2 + 1; p++) {
            pthread_mutex_destroy(&s->pairs[p].mutex);
            pthread_cond_destroy(&s->pairs[p].turned);
        }
        for (unsigned i = 0; s->waits && i < 2 * (run->workers / 2 + 1); i++)
            pthread_mutex_destroy(&s->locks[i]);
        free(s->mine);
        free(s->pairs);
        free(s->queue);
        free(s->locks);
        free(s->holder);
        free(s->waits);
    }
    free(s);
    run->state = NULL;
}

const ps_workload omp_share = {
    .info = &ps_share_info,
    .variants = (const char *const[]){"critical", "lock", "atomic", "atomic-capture", "reduction",
                                      "barrier", "condition", "queue", "unsafe", "deadlock", NULL},
    .demos = (const char *const[]){"deadlock", NULL},
    .detail = detail,
    .metrics = metrics,
    .show = show,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
