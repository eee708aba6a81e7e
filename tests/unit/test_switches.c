/* SPDX-License-Identifier: BSD-3-Clause */
/* The ring of question 1's switches: one worker handing the token to itself through a mailbox
 * follows the protocol (every token taken, the round stopped at N), and the check accepts only
 * each worker's exact share of the hand-offs and a stop at N. */
#include "ps_switches.h"
#include "unit.h"

#include <string.h>

typedef struct mailbox {
    uint64_t token[4];
    unsigned queued, sends;
} mailbox;

static ps_status put(void *ctx, unsigned to, uint64_t token, ps_msg *msg)
{
    mailbox *m = ctx;
    (void)to, (void)msg;
    m->sends++;
    m->token[m->queued++] = token;
    return m->queued <= 4 ? PS_OK : PS_FAILED;
}

static ps_status take(void *ctx, unsigned me, uint64_t *token, ps_msg *msg)
{
    mailbox *m = ctx;
    (void)me;
    if (!m->queued)
        return ps_fail(msg, PS_FAILED, "nothing to take: the round would block for ever");
    *token = m->token[0];
    memmove(m->token, m->token + 1, --m->queued * sizeof *m->token);
    return PS_OK;
}

static void test_alone(void)
{
    mailbox box = {{0}, 0, 0};
    ps_ring_transport t = {put, take, &box};
    ps_ring_slot slot;
    ps_msg msg;
    char result[128];
    CU_ASSERT_EQUAL(ps_ring_round(&t, 1, 5, 0, &slot, &msg), PS_OK);
    CU_ASSERT_EQUAL(slot.received, 5);
    CU_ASSERT_EQUAL(slot.last, 5);
    CU_ASSERT_EQUAL(box.sends, 5); /* hand-offs 1 to 5; nobody else to stop */
    CU_ASSERT_EQUAL(box.queued, 0);
    CU_ASSERT_EQUAL(ps_switches_check(&slot, 1, 5, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(result, "the token handed on 5 times, each worker its share, all "
                                   "stopped");
}

/* 7 hand-offs round 3 workers: 1, 4, 7 to worker 1; 2, 5 to worker 2; 3, 6 to worker 0, and
 * worker 1, which took the last, stops the others. */
static void test_shares(void)
{
    ps_ring_slot s[3] = {{.received = 2, .last = PS_RING_STOP | 7},
                         {.received = 3, .last = 7},
                         {.received = 2, .last = PS_RING_STOP | 7}};
    char result[128];
    ps_msg msg;
    CU_ASSERT_EQUAL(ps_switches_check(s, 3, 7, result, sizeof result, &msg), PS_OK);
    s[2].received = 3;
    CU_ASSERT_EQUAL(ps_switches_check(s, 3, 7, result, sizeof result, &msg), PS_FAILED);
    CU_ASSERT_STRING_EQUAL(msg.text, "switches: worker 2 was handed 3 tokens, not 2");
    s[2].received = 2, s[0].last = PS_RING_STOP | 6;
    CU_ASSERT_EQUAL(ps_switches_check(s, 3, 7, result, sizeof result, &msg), PS_FAILED);
    CU_ASSERT_STRING_EQUAL(msg.text, "switches: worker 0 stopped at token 6, not 7");
    /* fewer hand-offs than workers: the last ones are handed none */
    ps_ring_slot few[4] = {{.received = 0, .last = PS_RING_STOP | 2},
                           {.received = 1, .last = PS_RING_STOP | 2},
                           {.received = 1, .last = 2},
                           {.received = 0, .last = PS_RING_STOP | 2}};
    CU_ASSERT_EQUAL(ps_switches_check(few, 4, 2, result, sizeof result, &msg), PS_OK);
}

void suite_switches(void)
{
    static const CU_TestInfo tests[] = {
        {"one worker hands every token to itself and stops at N", test_alone},
        {"each worker's share of the hand-offs, and the stop at N, checked", test_shares},
        CU_TEST_INFO_NULL,
    };
    unit_add("switches", tests);
}
