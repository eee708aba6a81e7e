/* SPDX-License-Identifier: BSD-3-Clause */
/* Questions 3 and 1's crash: one --fail-at task within the tasks; a task that is not the fault
 * leaves its value and says it finished; and the check holds each model to its promise: threads
 * lose everything with their one process, a pool of processes every task but the fault's, and
 * any other outcome (a result that came back wrong, from a dead process, or no worker died) is a
 * failure. */
#include "ps_crash.h"
#include "unit.h"

#include <string.h>

static ps_crash ran(ps_options *opt, uint64_t tasks, bool whole)
{
    ps_crash c;
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(ps_crash_init(&c, opt, tasks, &msg), PS_OK);
    ps_crash_reset(&c);
    c.workers = 2, c.whole = whole, c.died = 1;
    for (uint64_t t = 0; t < tasks; t++)
        if (t != c.fault)
            ps_crash_task(&c, t, whole ? c.own : c.returned);
    atomic_store(&c.state[c.fault], PS_CRASH_STARTED); /* the worker died in it */
    return c;
}

static void test_options(void)
{
    ps_options opt = {0};
    ps_crash c;
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(ps_crash_init(&c, &opt, 9, &msg), PS_OK);
    CU_ASSERT_EQUAL(c.fault, 4); /* the middle one */
    CU_ASSERT_EQUAL(c.latency_us, 1000);
    ps_crash_free(&c);
    opt.fail_at = (ps_list){{9}, 1};
    CU_ASSERT_EQUAL(ps_crash_init(&c, &opt, 9, &msg), PS_USAGE);
    CU_ASSERT_STRING_EQUAL(msg.text, "--fail-at: task 9 is beyond the 9 tasks (0..8)");
    ps_crash_free(&c);
    opt.fail_at = (ps_list){{1, 2}, 2};
    CU_ASSERT_EQUAL(ps_crash_init(&c, &opt, 9, &msg), PS_USAGE);
    CU_ASSERT_STRING_EQUAL(msg.text, "--fail-at: crash faults one task, not 2");
    ps_crash_free(&c);
}

static void test_threads(void)
{
    ps_options opt = {.latency_us = 1, .fail_at = {{2}, 1}};
    ps_crash c = ran(&opt, 5, true);
    ps_msg msg;
    char result[80];
    CU_ASSERT_EQUAL(c.own[3], ps_crash_value(3)); /* computed in the process's own memory */
    CU_ASSERT_EQUAL(ps_crash_check(&c, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(result, "task 2 of 5 faulted (SIGSEGV)");
    CU_ASSERT_STRING_EQUAL(c.detail, "the process died: survived 0 of 5; lost 5 (finished 4, "
                                     "running 1, never ran 0)");
    c.returned[0] = ps_crash_value(0);
    CU_ASSERT_EQUAL(ps_crash_check(&c, result, sizeof result, &msg), PS_FAILED);
    CU_ASSERT_STRING_EQUAL(msg.text, "crash: 1 results came back from a process that died");
    ps_crash_free(&c);
}

static void test_processes(void)
{
    ps_options opt = {.latency_us = 1, .fail_at = {{0}, 1}};
    ps_crash c = ran(&opt, 4, false);
    ps_msg msg;
    char result[80];
    c.replaced = 1;
    CU_ASSERT_EQUAL(ps_crash_check(&c, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(c.detail, "1 worker process died, and the pool forked another: "
                                     "survived 3 of 4; lost 1 (task 0, with its worker); never "
                                     "ran 0");
    c.returned[3]++;
    CU_ASSERT_EQUAL(ps_crash_check(&c, result, sizeof result, &msg), PS_FAILED);
    CU_ASSERT_STRING_EQUAL(msg.text, "crash: task 3 came back as 17, not 16");
    c.returned[3] = PS_CRASH_UNSET; /* a task lost beside the fault's */
    CU_ASSERT_EQUAL(ps_crash_check(&c, result, sizeof result, &msg), PS_FAILED);
    c.returned[3] = ps_crash_value(3), c.died = 0; /* nothing died: no fault happened */
    CU_ASSERT_EQUAL(ps_crash_check(&c, result, sizeof result, &msg), PS_FAILED);
    CU_ASSERT_STRING_EQUAL(msg.text, "crash: 0 workers died, not 1 (in task 0, which was running)");
    ps_crash_free(&c);
}

void suite_crash(void)
{
    static const CU_TestInfo tests[] = {
        {"one --fail-at task, within the tasks", test_options},
        {"threads: the process and every result lost", test_threads},
        {"processes: every task but the fault's back, right", test_processes},
        CU_TEST_INFO_NULL,
    };
    unit_add("crash", tests);
}
