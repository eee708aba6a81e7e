/* SPDX-License-Identifier: BSD-3-Clause */
/* The producer/consumer checker: an honest run passes; a planted duplicate, a planted loss,
 * a swap in a producer's order and a leftover item each fail. */
#include "ps_prodcons.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

enum { ITEMS = 1000, PRODUCERS = 3 };

/* Every item taken once, in each producer's order. */
static void honest(ps_ledger *l, unsigned char *seen)
{
    ps_ledger_reset(l);
    memset(seen, 0, ITEMS);
    for (uint64_t i = 0; i < ITEMS; i++) {
        ps_ledger_take(l, i);
        seen[i]++;
    }
}

static ps_status check(const ps_ledger *l, const unsigned char *seen, bool fifo, uint64_t left,
                       ps_msg *msg)
{
    char result[128];
    return ps_prodcons_check(ITEMS, l, seen, fifo, left, result, sizeof result, msg);
}

static void test_closed_forms(void)
{
    CU_ASSERT_EQUAL(ps_prodcons_count(10, 3, 0), 4); /* 0 3 6 9 */
    CU_ASSERT_EQUAL(ps_prodcons_sum(10, 3, 0), 18);
    CU_ASSERT_EQUAL(ps_prodcons_count(10, 3, 2), 3); /* 2 5 8 */
    CU_ASSERT_EQUAL(ps_prodcons_sum(10, 3, 2), 15);
    CU_ASSERT_EQUAL(ps_prodcons_count(2, 4, 3), 0);
    CU_ASSERT_EQUAL(ps_prodcons_sum(2, 4, 3), 0);
    unsigned p, c;
    ps_prodcons_roles(0, 0, 1, &p, &c);
    CU_ASSERT(p == 1 && c == 1);
    ps_prodcons_roles(0, 0, 8, &p, &c);
    CU_ASSERT(p == 4 && c == 4);
    ps_prodcons_roles(0, 0, 3, &p, &c);
    CU_ASSERT(p == 1 && c == 2);
    ps_prodcons_roles(3, 0, 8, &p, &c);
    CU_ASSERT(p == 3 && c == 1);
}

static void test_planted_faults(void)
{
    ps_ledger l;
    ps_msg msg = {""};
    unsigned char seen[ITEMS];
    CU_ASSERT_EQUAL_FATAL(ps_ledger_init(&l, PRODUCERS, &msg), PS_OK);
    honest(&l, seen);
    CU_ASSERT_EQUAL(check(&l, seen, true, 0, &msg), PS_OK);
    /* a duplicate: item 500 taken twice */
    ps_ledger_take(&l, 500);
    seen[500]++;
    CU_ASSERT_EQUAL(check(&l, seen, false, 0, &msg), PS_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "item 500 was consumed 2 times"));
    CU_ASSERT_EQUAL(check(&l, NULL, true, 0, &msg), PS_FAILED); /* without seen: the sums */
    /* a loss: item 999 never taken */
    ps_ledger_reset(&l);
    memset(seen, 0, sizeof seen);
    for (uint64_t i = 0; i < ITEMS - 1; i++) {
        ps_ledger_take(&l, i);
        seen[i]++;
    }
    CU_ASSERT_EQUAL(check(&l, seen, false, 0, &msg), PS_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "item 999 was consumed 0 times"));
    CU_ASSERT_EQUAL(check(&l, NULL, true, 0, &msg), PS_FAILED);
    /* a duplicate that hides a loss from the counts: only seen, or the order, shows it */
    ps_ledger_reset(&l);
    for (uint64_t i = 0; i < ITEMS; i++)
        ps_ledger_take(&l, i == 6 ? 3 : i == 3 ? 6 : i);
    CU_ASSERT_EQUAL(check(&l, NULL, true, 0, &msg), PS_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "out of their producer's order"));
    /* an item left in the list */
    honest(&l, seen);
    CU_ASSERT_EQUAL(check(&l, seen, true, 1, &msg), PS_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "left in the list"));
    /* consumers' ledgers add up */
    ps_ledger a, b;
    ps_ledger_init(&a, PRODUCERS, &msg);
    ps_ledger_init(&b, PRODUCERS, &msg);
    for (uint64_t i = 0; i < ITEMS; i++)
        ps_ledger_take(i % PRODUCERS == 1 ? &b : &a, i);
    ps_ledger_merge(&a, &b);
    CU_ASSERT_EQUAL(check(&a, NULL, true, 0, &msg), PS_OK);
    ps_ledger_free(&a);
    ps_ledger_free(&b);
    ps_ledger_free(&l);
}

void suite_prodcons(void)
{
    static const CU_TestInfo tests[] = {
        {"closed forms and roles", test_closed_forms},
        {"planted duplicate, loss, reorder, leftover fail", test_planted_faults},
        CU_TEST_INFO_NULL,
    };
    unit_add("prodcons", tests);
}
