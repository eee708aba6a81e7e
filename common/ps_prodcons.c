#include "ps_prodcons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ps_status ps_ledger_init(ps_ledger *l, unsigned producers, ps_msg *msg)
{
    *l = (ps_ledger){.producers = producers};
    l->count = calloc(producers, sizeof *l->count);
    l->sum = calloc(producers, sizeof *l->sum);
    l->next = calloc(producers, sizeof *l->next);
    if (!l->count || !l->sum || !l->next) {
        ps_ledger_free(l);
        return ps_fail(msg, PS_ENV, "out of memory");
    }
    ps_ledger_reset(l);
    return PS_OK;
}

void ps_ledger_reset(ps_ledger *l)
{
    for (unsigned p = 0; p < l->producers; p++) {
        l->count[p] = l->sum[p] = 0;
        l->next[p] = p;
    }
    l->out_of_order = 0;
}

void ps_ledger_free(ps_ledger *l)
{
    free(l->count);
    free(l->sum);
    free(l->next);
    *l = (ps_ledger){0};
}

void ps_ledger_merge(ps_ledger *a, const ps_ledger *b)
{
    for (unsigned p = 0; p < a->producers; p++) {
        a->count[p] += b->count[p];
        a->sum[p] += b->sum[p];
    }
    a->out_of_order += b->out_of_order;
}

void ps_prodcons_roles(uint64_t producers, uint64_t consumers, unsigned workers, unsigned *p,
                       unsigned *c)
{
    if (producers || consumers) {
        *p = producers ? (unsigned)producers : 1;
        *c = consumers ? (unsigned)consumers : 1;
    } else {
        *p = workers > 1 ? workers / 2 : 1;
        *c = workers > 1 ? workers - *p : 1;
    }
}

uint64_t ps_prodcons_count(uint64_t items, unsigned producers, unsigned p)
{
    return p < items ? (items - 1 - p) / producers + 1 : 0;
}

uint64_t ps_prodcons_sum(uint64_t items, unsigned producers, unsigned p)
{
    uint64_t c = ps_prodcons_count(items, producers, p);
    return c ? c * p + producers * (c * (c - 1) / 2) : 0; /* p + (p+P) + ... + (p+(c-1)P) */
}

ps_status ps_prodcons_check(uint64_t items, const ps_ledger *merged, const unsigned char *seen,
                            bool fifo, uint64_t left, char *result, size_t len, ps_msg *msg)
{
    if (seen)
        for (uint64_t i = 0; i < items; i++)
            if (seen[i] != 1)
                return ps_fail(msg, PS_FAILED, "prodcons: item %llu was consumed %u times",
                               (unsigned long long)i, seen[i]);
    for (unsigned p = 0; p < merged->producers; p++) {
        uint64_t want = ps_prodcons_count(items, merged->producers, p);
        uint64_t sum = ps_prodcons_sum(items, merged->producers, p);
        if (merged->count[p] != want || merged->sum[p] != sum)
            return ps_fail(msg, PS_FAILED,
                           "prodcons: producer %u made %llu items (sum %llu), consumers took %llu "
                           "(sum %llu)",
                           p, (unsigned long long)want, (unsigned long long)sum,
                           (unsigned long long)merged->count[p],
                           (unsigned long long)merged->sum[p]);
    }
    if (fifo && merged->out_of_order)
        return ps_fail(msg, PS_FAILED, "prodcons: %llu items arrived out of their producer's order",
                       (unsigned long long)merged->out_of_order);
    if (left)
        return ps_fail(msg, PS_FAILED, "prodcons: %llu items were left in the list",
                       (unsigned long long)left);
    snprintf(result, len, "%llu items consumed exactly once; list empty",
             (unsigned long long)items);
    return PS_OK;
}
