/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 4: producers add numbers to a list while consumers remove them. Items are the ids
 * 0..N-1; producer p makes p, p+P, p+2P, ... Consumers keep a ledger of what they took, and the
 * check proves every item was consumed exactly once and the list ended empty. */
#ifndef PS_PRODCONS_H
#define PS_PRODCONS_H

#include "ps_buf.h"
#include "ps_status.h"
#include "ps_workload.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PS_PRODCONS_MAX UINT64_C(1000000000)

/* What consumers took, per producer. One per consumer; merged by adding. */
typedef struct ps_ledger {
    unsigned producers;
    uint64_t *count, *sum;
    uint64_t *next;        /* the next item expected from each producer (FIFO order check) */
    uint64_t out_of_order; /* items that were not the next of their producer */
} ps_ledger;

ps_status ps_ledger_init(ps_ledger *l, unsigned producers, ps_msg *msg);
void ps_ledger_reset(ps_ledger *l);
void ps_ledger_free(ps_ledger *l);
/* Adds b into a. */
void ps_ledger_merge(ps_ledger *a, const ps_ledger *b);

/* Records item, made by producer p (who knows it saves a division per item). */
static inline void ps_ledger_take_from(ps_ledger *l, unsigned p, uint64_t item)
{
    l->count[p]++;
    l->sum[p] += item;
    l->out_of_order += item != l->next[p];
    l->next[p] = item + l->producers;
}

static inline void ps_ledger_take(ps_ledger *l, uint64_t item)
{
    ps_ledger_take_from(l, (unsigned)(item % l->producers), item);
}

/* The questions' list: a bounded stack, appended and popped; with trace, every operation is logged
 * with the list as it is after it ("Added: 3, List: [2, 3]"). Not thread-safe: callers guard it. */
typedef struct ps_stack {
    uint64_t *item, n, capacity;
    uint64_t taken; /* items popped so far */
    ps_buf trace;
} ps_stack;

ps_status ps_stack_init(ps_stack *s, uint64_t capacity, ps_msg *msg);
void ps_stack_reset(ps_stack *s);
void ps_stack_free(ps_stack *s);
/* 1: added; 0: full. */
int ps_stack_add(ps_stack *s, uint64_t item, bool trace);
/* 1: popped into *item; 0: empty for now; -1: all `items` have been taken. */
int ps_stack_take(ps_stack *s, uint64_t items, uint64_t *item, bool trace);

/* What every model's prodcons state begins with (its first member, so that the steps below can
 * read any model's state): the roles, the list's bound, and the list where there is one. */
typedef struct ps_prodcons_shape {
    unsigned producers, consumers;
    uint64_t capacity;
    ps_stack list;
} ps_prodcons_shape;

/* The steps both models take as they are: the detail column ("1 producer; 2 consumers;
 * capacity 1024") and, with --trace, the list's log. */
void ps_prodcons_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len);
void ps_prodcons_show(const ps_run *run, FILE *out);

/* Producers and consumers among `workers`: as given, else half and half; one worker plays both
 * roles in turn (P = C = 1). */
void ps_prodcons_roles(uint64_t producers, uint64_t consumers, unsigned workers, unsigned *p,
                       unsigned *c);

/* The items producer p makes, and their sum. */
uint64_t ps_prodcons_count(uint64_t items, unsigned producers, unsigned p);
uint64_t ps_prodcons_sum(uint64_t items, unsigned producers, unsigned p);

/* Verifies the merged ledger against the closed forms; seen (NULL if not kept) must hold 1 for
 * every item; with fifo, every producer's items must have come in order; left items must be 0. */
ps_status ps_prodcons_check(uint64_t items, const ps_ledger *merged, const unsigned char *seen,
                            bool fifo, uint64_t left, char *result, size_t len, ps_msg *msg);

#endif
