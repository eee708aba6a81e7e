/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 2's create: a task leaves the kernel's closed form, the check finds a task that never
 * ran or left another value, counts a rank's share, and unsets what it checked so that the next
 * repetition must run every task again. */
#include "ps_create.h"
#include "ps_tasks.h"
#include "unit.h"

static void test_every_task(void)
{
    ps_create_tasks s;
    ps_msg msg;
    uint64_t verified;
    CU_ASSERT_EQUAL_FATAL(ps_create_init(&s, 5, 100, true, &msg), PS_OK);
    for (uint64_t t = 0; t < 5; t++)
        ps_create_task(&s, t);
    CU_ASSERT_EQUAL(s.result[3], ps_cpu_closed_form(3, 100));
    CU_ASSERT_EQUAL(ps_create_check(&s, 0, 1, &verified, &msg), PS_OK);
    CU_ASSERT_EQUAL(verified, 5);
    /* checked once: a repetition that ran nothing fails */
    CU_ASSERT_EQUAL(ps_create_check(&s, 0, 1, &verified, &msg), PS_FAILED);
    CU_ASSERT_STRING_EQUAL(msg.text, "create: task 0 never ran");
    ps_create_free(&s);
}

static void test_wrong_and_share(void)
{
    ps_create_tasks s;
    ps_msg msg;
    uint64_t verified;
    CU_ASSERT_EQUAL_FATAL(ps_create_init(&s, 7, 0, false, &msg), PS_OK);
    for (uint64_t t = 1; t < 7; t += 3) /* rank 1 of 3: tasks 1 and 4 */
        ps_create_task(&s, t);
    CU_ASSERT_EQUAL(s.result[4], 5); /* an empty task leaves its x0 = t + 1 */
    CU_ASSERT_EQUAL(ps_create_check(&s, 1, 3, &verified, &msg), PS_OK);
    CU_ASSERT_EQUAL(verified, 2);
    ps_create_task(&s, 2);
    s.result[2]++;
    CU_ASSERT_EQUAL(ps_create_check(&s, 2, 3, &verified, &msg), PS_FAILED);
    CU_ASSERT_STRING_EQUAL(msg.text, "create: task 2 left 4, not its closed form");
    ps_create_free(&s);
}

void suite_create(void)
{
    static const CU_TestInfo tests[] = {
        {"every task leaves its closed form, checked once a repetition", test_every_task},
        {"a rank's share counted, a wrong result found", test_wrong_and_share},
        CU_TEST_INFO_NULL,
    };
    unit_add("create", tests);
}
