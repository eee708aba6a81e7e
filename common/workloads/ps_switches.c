/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_switches.h"
#include "ps_catalogue.h"

#include <stdio.h>
#include <sys/resource.h>

static uint64_t voluntary_switches(void)
{
    struct rusage u;
    return getrusage(RUSAGE_THREAD, &u) == 0 ? (uint64_t)u.ru_nvcsw : 0;
}

ps_status ps_ring_round(const ps_ring_transport *t, unsigned workers, uint64_t handoffs,
                        unsigned me, ps_ring_slot *slot, ps_msg *msg)
{
    uint64_t received = 0, token = 0, before = voluntary_switches();
    ps_status st = me == 0 ? t->send(t->ctx, 1 % workers, 1, msg) : PS_OK;
    while (!st && !(st = t->recv(t->ctx, me, &token, msg))) {
        if (token & (PS_RING_STOP | PS_RING_EXIT))
            break;
        received++;
        if (token == handoffs) { /* the last: every other worker waits for a token */
            for (unsigned w = 0; !st && w < workers; w++)
                if (w != me)
                    st = t->send(t->ctx, w, PS_RING_STOP | token, msg);
            break;
        }
        st = t->send(t->ctx, (me + 1) % workers, token + 1, msg);
    }
    slot->received = received;
    slot->last = token;
    slot->switches = voluntary_switches() - before;
    return st;
}

/* Hand-offs k = 1..n with k mod w == i. */
static uint64_t share_of(unsigned i, unsigned w, uint64_t n)
{
    return i == 0 ? n / w : i <= n ? (n - i) / w + 1 : 0;
}

ps_status ps_switches_check(const ps_ring_slot *slots, unsigned workers, uint64_t handoffs,
                            char *result, size_t len, ps_msg *msg)
{
    for (unsigned i = 0; i < workers; i++) {
        uint64_t want = share_of(i, workers, handoffs), last = slots[i].last & ~PS_RING_STOP;
        if (slots[i].received != want)
            return ps_fail(msg, PS_FAILED, "switches: worker %u was handed %llu tokens, not %llu",
                           i, (unsigned long long)slots[i].received, (unsigned long long)want);
        if (last != handoffs)
            return ps_fail(msg, PS_FAILED, "switches: worker %u stopped at token %llu, not %llu", i,
                           (unsigned long long)last, (unsigned long long)handoffs);
    }
    snprintf(result, len, "the token handed on %llu times, each worker its share, all stopped",
             (unsigned long long)handoffs);
    return PS_OK;
}

void ps_switches_detail(const ps_ring_slot *slots, unsigned workers, uint64_t handoffs, char *text,
                        size_t len)
{
    uint64_t switches = 0;
    for (unsigned i = 0; i < workers; i++)
        switches += slots[i].switches;
    snprintf(text, len, "%.2f voluntary context switches a hand-off (the last round)",
             (double)switches / (double)handoffs);
}

void ps_switches_metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m)
{
    ps_metric_set(&m->latency_us, seconds->median / (double)run->size * 1e6);
}

const ps_workload_info ps_switches_info = {
    .name = "switches",
    .question = "Q1",
    .about = "a token handed round a ring of workers, each blocked until handed it: the cost of a "
             "context switch, threads against processes",
    .single_threaded = "its ranks are the processes that switch; threads switching inside one "
                       "process are parsuite-omp switches",
    .default_size = 2000, /* hand-offs */
    .max_size = PS_SWITCHES_MAX,
    .size_option = "size",
    .sweep = 100000,
    .quick = 20000,
    /* a library that polls hands on only when the scheduler runs the next rank: oversubscribed,
     * milliseconds a hand-off */
    .exceptions = (const ps_sweep_size[]){{"mpi", NULL, 5000, 1000}, {NULL, NULL, 0, 0}},
};
