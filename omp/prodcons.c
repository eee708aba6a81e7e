/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 4: producer threads add numbers to a list while consumer threads remove them, and
 * nothing may be lost or taken twice. The list is as in the questions: a bounded stack.
 *   critical  the list guarded by a named critical section
 *   lock      the list guarded by an omp_lock_t (the questions' threading.Lock)
 *   ring      no lock at all: each producer has its own ring buffer to its own consumer, a
 *             single-producer single-consumer queue whose indices are C11 atomics (release on
 *             publish, acquire on read): the fast way, and it keeps each producer's order
 *   unsafe    the list with no guard at all, to show what the lock is for: a thread reads the
 *             list's length, then writes the slot and the length back, and another thread in
 *             between makes an item vanish or be taken twice. The ledger names them; it warns
 *             and exits 0 (a demonstration, as share's unsafe). Memory stays safe: each thread
 *             bounds the index it read; consumers stop once every producer is done and the list
 *             looks empty, not on a count the race may have lost.
 * A thread that finds the list full or empty yields its core and tries again. One worker plays
 * both roles in turn. --trace logs every add and remove with the list, as the questions' code
 * prints it. */
#include "ps_catalogue.h"
#include "ps_prodcons.h"
#include "ps_team.h"
#include "ps_time.h"
#include "ps_workload.h"

#include <omp.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

enum { CRITICAL, LOCK, RING, UNSAFE };

typedef struct ring {
    alignas(64) atomic_uint_fast64_t head; /* written by the consumer */
    alignas(64) atomic_uint_fast64_t tail; /* written by the producer */
    alignas(64) uint64_t seen_head;        /* the producer's last look at head */
    alignas(64) uint64_t seen_tail;        /* the consumer's last look at tail */
    uint64_t *slot, mask;
} ring;

typedef struct prodcons {
    ps_prodcons_shape shape; /* roles, bound, the shared list (critical, lock); first */
    omp_lock_t lock;
    ring *rings;           /* one per producer (ring) */
    ps_ledger *ledgers;    /* one per consumer */
    unsigned char *seen;   /* how often each item was taken (critical, lock, unsafe) */
    atomic_uint producing; /* unsafe: producers not yet done */
    char damage[96];       /* unsafe: what the race did, for the detail and the warning */
} prodcons;

static ps_status validate(const ps_options *opt, uint64_t size, unsigned workers, ps_msg *msg)
{
    unsigned producers, consumers;
    ps_prodcons_roles(opt->producers, opt->consumers, workers, &producers, &consumers);
    if (opt->variant == RING && producers != consumers)
        return ps_fail(msg, PS_USAGE,
                       "--variant ring: a ring has one producer and one consumer; %u producers "
                       "need %u consumers, not %u",
                       producers, producers, consumers);
    if (opt->trace && (opt->variant == RING || opt->variant == UNSAFE || size > 10000))
        return ps_fail(msg, PS_USAGE, "--trace: %s",
                       opt->variant == RING     ? "the ring variant has no one list to show"
                       : opt->variant == UNSAFE ? "the unsafe variant's list is unguarded: so "
                                                  "would its log be"
                                                : "at most 10000 items");
    return PS_OK;
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    prodcons *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s)
        return ps_fail(msg, PS_ENV, "out of memory");
    const ps_options *opt = run->opt;
    const int variant = (int)opt->variant;
    ps_prodcons_roles(opt->producers, opt->consumers, run->workers, &s->shape.producers,
                      &s->shape.consumers);
    s->shape.capacity = opt->capacity ? opt->capacity : 1024;
    s->ledgers = calloc(s->shape.consumers, sizeof *s->ledgers);
    if (!s->ledgers)
        return ps_fail(msg, PS_ENV, "out of memory");
    for (unsigned c = 0; c < s->shape.consumers; c++)
        if (ps_ledger_init(&s->ledgers[c], s->shape.producers, msg))
            return PS_ENV;
    if (variant == RING) {
        uint64_t cap = 1;
        while (cap < s->shape.capacity)
            cap *= 2;
        s->shape.capacity = cap; /* indices wrap by masking */
        s->rings = aligned_alloc(64, s->shape.producers * sizeof *s->rings);
        if (s->rings) /* release() frees every slot pointer: none may be left unset */
            memset(s->rings, 0, s->shape.producers * sizeof *s->rings);
        for (unsigned p = 0; s->rings && p < s->shape.producers; p++)
            if (!(s->rings[p].slot = malloc(cap * sizeof(uint64_t))))
                return ps_fail(msg, PS_ENV, "out of memory");
        return s->rings ? PS_OK : ps_fail(msg, PS_ENV, "out of memory");
    }
    if (ps_stack_init(&s->shape.list, s->shape.capacity, msg))
        return PS_ENV;
    omp_init_lock(&s->lock);
    s->seen = malloc(run->size);
    return s->seen ? PS_OK : ps_fail(msg, PS_ENV, "prodcons: out of memory");
}

/* unsafe: the list's operations with nothing around them, a data race on purpose. Between
 * reading the length and writing it back, a pause of some 100 instructions stands for the work a
 * real list does there (Python's grows its array and counts references): without it the window
 * is two instructions wide, and 2 threads seldom meet in it. */
static void in_the_window(void)
{
    for (volatile int i = 0; i < 64; i++)
        ;
}

static int add_unguarded(ps_stack *list, uint64_t item)
{
    volatile uint64_t *n = &list->n;
    uint64_t at = *n;
    if (at >= list->capacity)
        return 0;
    list->item[at] = item;
    in_the_window();
    *n = at + 1;
    return 1;
}

static int take_unguarded(ps_stack *list, uint64_t *item)
{
    volatile uint64_t *n = &list->n;
    uint64_t at = *n;
    if (at == 0 || at > list->capacity)
        return 0;
    *item = list->item[at - 1];
    in_the_window();
    *n = at - 1;
    return 1;
}

/* The list's two operations, inside whichever mutual exclusion the variant uses. */
static int add_guarded(prodcons *s, int variant, uint64_t item, int trace)
{
    int done;
    if (variant == UNSAFE)
        return add_unguarded(&s->shape.list, item);
    if (variant == CRITICAL) {
#pragma omp critical(prodcons_list)
        done = ps_stack_add(&s->shape.list, item, trace);
    } else {
        omp_set_lock(&s->lock);
        done = ps_stack_add(&s->shape.list, item, trace);
        omp_unset_lock(&s->lock);
    }
    return done;
}

static int take_guarded(prodcons *s, int variant, uint64_t items, uint64_t *item, int trace)
{
    int got;
    if (variant == UNSAFE)
        return take_unguarded(&s->shape.list, item);
    if (variant == CRITICAL) {
#pragma omp critical(prodcons_list)
        got = ps_stack_take(&s->shape.list, items, item, trace);
    } else {
        omp_set_lock(&s->lock);
        got = ps_stack_take(&s->shape.list, items, item, trace);
        omp_unset_lock(&s->lock);
    }
    return got;
}

static void consume(prodcons *s, ps_ledger *l, uint64_t item)
{
    ps_ledger_take(l, item);
    if (s->seen) {
#pragma omp atomic update
        s->seen[item]++;
    }
}

static int ring_push(ring *r, uint64_t capacity, uint64_t item)
{
    uint64_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
    if (t - r->seen_head == capacity) {
        r->seen_head = atomic_load_explicit(&r->head, memory_order_acquire);
        if (t - r->seen_head == capacity)
            return 0;
    }
    r->slot[t & r->mask] = item;
    atomic_store_explicit(&r->tail, t + 1, memory_order_release);
    return 1;
}

static int ring_pop(ring *r, uint64_t *item)
{
    uint64_t h = atomic_load_explicit(&r->head, memory_order_relaxed);
    if (h == r->seen_tail) {
        r->seen_tail = atomic_load_explicit(&r->tail, memory_order_acquire);
        if (h == r->seen_tail)
            return 0;
    }
    *item = r->slot[h & r->mask];
    atomic_store_explicit(&r->head, h + 1, memory_order_release);
    return 1;
}

/* Waiting: spin a little (the other side is usually just about to act), then yield. */
static void wait_turn(unsigned *misses)
{
    if (++*misses % 64 == 0)
        ps_yield();
}

static void produce(prodcons *s, int variant, uint64_t items, unsigned p, int trace)
{
    for (uint64_t item = p; item < items; item += s->shape.producers) {
        unsigned misses = 0;
        if (variant == RING)
            while (!ring_push(&s->rings[p], s->shape.capacity, item))
                wait_turn(&misses);
        else
            while (!add_guarded(s, variant, item, trace))
                wait_turn(&misses);
        if (trace)
            ps_sleep_us(1000); /* the questions' producer sleeps 0.1 s, its consumer 0.2 s */
    }
    if (variant == UNSAFE)
        atomic_fetch_sub(&s->producing, 1);
}

static void consume_all(prodcons *s, int variant, uint64_t items, unsigned c, int trace)
{
    ps_ledger *l = &s->ledgers[c];
    uint64_t item;
    unsigned misses = 0;
    if (variant == RING) {
        for (uint64_t left = ps_prodcons_count(items, s->shape.producers, c); left; left--) {
            while (!ring_pop(&s->rings[c], &item))
                wait_turn(&misses);
            ps_ledger_take_from(l, c, item); /* ring c carries producer c's items only */
        }
        return;
    }
    if (variant == UNSAFE) { /* until every producer is done and the list looks empty */
        for (;;)
            if (take_unguarded(&s->shape.list, &item))
                consume(s, l, item);
            else if (!atomic_load(&s->producing) && !*(volatile uint64_t *)&s->shape.list.n)
                return;
            else
                wait_turn(&misses);
    }
    for (int got; (got = take_guarded(s, variant, items, &item, trace)) >= 0;) {
        if (got)
            consume(s, l, item);
        else
            wait_turn(&misses);
        if (trace)
            ps_sleep_us(2000);
    }
}

/* One worker, both roles: add until the list is full, then take one; at the end take the rest. */
static void alone(prodcons *s, int variant, uint64_t items, int trace)
{
    uint64_t item;
    for (uint64_t next = 0; next < items; next++)
        while (variant == RING ? !ring_push(&s->rings[0], s->shape.capacity, next)
                               : !add_guarded(s, variant, next, trace))
            if (variant == RING ? ring_pop(&s->rings[0], &item)
                                : take_guarded(s, variant, items, &item, trace) > 0)
                consume(s, &s->ledgers[0], item);
    while (variant == RING ? ring_pop(&s->rings[0], &item)
                           : take_guarded(s, variant, items, &item, trace) > 0)
        consume(s, &s->ledgers[0], item);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    prodcons *s = run->state;
    const int variant = (int)run->opt->variant, trace = run->opt->trace;
    const uint64_t items = run->size;
    ps_stack_reset(&s->shape.list);
    for (unsigned c = 0; c < s->shape.consumers; c++)
        ps_ledger_reset(&s->ledgers[c]);
    if (s->seen)
        for (uint64_t i = 0; i < items; i++)
            s->seen[i] = 0;
    for (unsigned p = 0; s->rings && p < s->shape.producers; p++) {
        atomic_init(&s->rings[p].head, 0);
        atomic_init(&s->rings[p].tail, 0);
        s->rings[p].seen_head = s->rings[p].seen_tail = 0;
        s->rings[p].mask = s->shape.capacity - 1;
    }
    atomic_init(&s->producing, s->shape.producers);
    int team = 0;
    if (run->workers == 1) {
        team = 1;
        alone(s, variant, items, trace);
    } else {
#pragma omp parallel num_threads(run->workers)
        {
            unsigned me = (unsigned)omp_get_thread_num();
#pragma omp master
            team = omp_get_num_threads();
            if (me < s->shape.producers)
                produce(s, variant, items, me, trace);
            else if (me < s->shape.producers + s->shape.consumers)
                consume_all(s, variant, items, me - s->shape.producers, trace);
        }
    }
    return ps_team_check(team, run->workers, msg);
}

/* unsafe: the items no consumer took and those taken more than once, the first few of each named.
 */
static void name_damage(prodcons *s, uint64_t items)
{
    uint64_t lost = 0, twice = 0, lost_ids[3], twice_ids[3];
    for (uint64_t i = 0; i < items; i++) {
        if (!s->seen[i] && lost < 3)
            lost_ids[lost] = i;
        if (s->seen[i] > 1 && twice < 3)
            twice_ids[twice] = i;
        lost += !s->seen[i];
        twice += s->seen[i] > 1;
    }
    char a[48] = "", b[48] = "";
    for (uint64_t i = 0; i < lost && i < 3; i++)
        snprintf(a + strlen(a), sizeof a - strlen(a), "%s%llu", i ? ", " : " (e.g. ",
                 (unsigned long long)lost_ids[i]);
    for (uint64_t i = 0; i < twice && i < 3; i++)
        snprintf(b + strlen(b), sizeof b - strlen(b), "%s%llu", i ? ", " : " (e.g. ",
                 (unsigned long long)twice_ids[i]);
    snprintf(s->damage, sizeof s->damage, "%llu lost%s%s; %llu taken twice%s%s",
             (unsigned long long)lost, a, *a ? ")" : "", (unsigned long long)twice, b,
             *b ? ")" : "");
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    prodcons *s = run->state;
    if (run->opt->variant == UNSAFE) {
        name_damage(s, run->size);
        snprintf(result, len, "a demonstration: the list without its lock");
        return PS_OK;
    }
    for (unsigned c = 1; c < s->shape.consumers; c++)
        ps_ledger_merge(&s->ledgers[0], &s->ledgers[c]);
    uint64_t left = s->shape.list.n;
    for (unsigned p = 0; s->rings && p < s->shape.producers; p++)
        left += atomic_load(&s->rings[p].tail) - atomic_load(&s->rings[p].head);
    return ps_prodcons_check(run->size, &s->ledgers[0], s->seen, run->opt->variant == RING, left,
                             result, len, msg);
}

static void release(ps_run *run)
{
    prodcons *s = run->state;
    if (s) {
        if (s->shape.list.item)
            omp_destroy_lock(&s->lock);
        ps_stack_free(&s->shape.list);
        for (unsigned p = 0; s->rings && p < s->shape.producers; p++)
            free(s->rings[p].slot);
        for (unsigned c = 0; s->ledgers && c < s->shape.consumers; c++)
            ps_ledger_free(&s->ledgers[c]);
        free(s->rings);
        free(s->ledgers);
        free(s->seen);
    }
    free(s);
    run->state = NULL;
}

static uint64_t memory(const ps_options *opt, uint64_t size, unsigned workers, int rank)
{
    (void)workers, (void)rank;
    return opt->variant == RING ? 0 : size; /* how often each item was taken */
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const prodcons *s = run->state;
    if (run->opt->variant != UNSAFE) {
        ps_prodcons_detail(run, seconds, text, len);
        return;
    }
    char shape[64];
    ps_prodcons_detail(run, seconds, shape, sizeof shape);
    snprintf(text, len, "%s; %s", s->damage, shape);
}

static void show(const ps_run *run, FILE *out)
{
    const prodcons *s = run->state;
    if (run->opt->variant == UNSAFE && strncmp(s->damage, "0 lost; 0 taken", 15))
        fprintf(out, "warning: prodcons unsafe: %s of %llu items: a data race, shown on purpose\n",
                s->damage, (unsigned long long)run->size);
    ps_prodcons_show(run, out);
}

const ps_workload omp_prodcons = {
    .info = &ps_prodcons_info,
    .variants = (const char *const[]){"critical", "lock", "ring", "unsafe", NULL},
    .memory = memory,
    .validate = validate,
    .detail = detail,
    .show = show,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
