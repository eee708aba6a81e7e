/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_prodcons.h"
#include "ps_catalogue.h"

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

ps_status ps_stack_init(ps_stack *s, uint64_t capacity, ps_msg *msg)
{
    *s = (ps_stack){.capacity = capacity};
    s->item = calloc(capacity, sizeof *s->item); /* every slot an item, even one never added */
    return s->item ? PS_OK : ps_fail(msg, PS_ENV, "prodcons: out of memory for the list");
}

void ps_stack_reset(ps_stack *s)
{
    s->n = s->taken = 0;
    ps_buf_clear(&s->trace);
}

void ps_stack_free(ps_stack *s)
{
    free(s->item);
    ps_buf_free(&s->trace);
    *s = (ps_stack){0};
}

static void log_list(ps_stack *s, const char *what, uint64_t item)
{
    ps_buf_printf(&s->trace, "%s: %llu, List: [", what, (unsigned long long)item);
    for (uint64_t i = 0; i < s->n; i++)
        ps_buf_printf(&s->trace, "%s%llu", i ? ", " : "", (unsigned long long)s->item[i]);
    ps_buf_printf(&s->trace, "]\n");
}

int ps_stack_add(ps_stack *s, uint64_t item, bool trace)
{
    if (s->n == s->capacity)
        return 0;
    s->item[s->n++] = item;
    if (trace)
        log_list(s, "Added", item);
    return 1;
}

int ps_stack_take(ps_stack *s, uint64_t items, uint64_t *item, bool trace)
{
    if (s->n == 0) {
        if (trace && s->taken < items)
            ps_buf_printf(&s->trace, "List is empty.\n");
        return s->taken == items ? -1 : 0;
    }
    *item = s->item[--s->n];
    s->taken++;
    if (trace)
        log_list(s, "Removed", *item);
    return 1;
}

void ps_prodcons_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const ps_prodcons_shape *s = run->state;
    (void)seconds;
    snprintf(text, len, "%u producer%s; %u consumer%s; capacity %llu", s->producers,
             s->producers == 1 ? "" : "s", s->consumers, s->consumers == 1 ? "" : "s",
             (unsigned long long)s->capacity);
}

void ps_prodcons_show(const ps_run *run, FILE *out)
{
    const ps_prodcons_shape *s = run->state;
    if (run->opt->trace && s->list.trace.len)
        fprintf(out, "%sFinal List: []\n", s->list.trace.data);
}

const ps_workload_info ps_prodcons_info = {
    .name = "prodcons",
    .question = "Q4",
    .about = "producers add to a bounded list, consumers remove; each item exactly once",
    .options = (const char *const[]){"items", "capacity", "producers", "consumers", "trace", NULL},
    .single_threaded = "its producers and consumers are whole ranks around a manager's list; "
                       "threads would make a second, shared list (parsuite-omp prodcons)",
    .default_size = 10,
    .max_size = PS_PRODCONS_MAX,
    .size_option = "items",
    .sweep = 1000000,
    .quick = 100000,
    /* a manager answers every item with a message round trip */
    .exceptions = (const ps_sweep_size[]){{"mpi", "manager", 30000, 10000}, {NULL, NULL, 0, 0}},
};
