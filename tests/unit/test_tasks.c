/* SPDX-License-Identifier: BSD-3-Clause */
/* Seed question 1's task kernels and seed question 6's error accounting. */
#include "ps_errors.h"
#include "ps_tasks.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_cpu_kernel_matches_closed_form(void)
{
    static const uint64_t steps[] = {0, 1, 2, 3, 1000, 123457};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        for (uint64_t t = 0; t < 5; t++)
            CU_ASSERT_EQUAL(ps_cpu_kernel(t, steps[i]), ps_cpu_closed_form(t, steps[i]));
    CU_ASSERT_NOT_EQUAL(ps_cpu_kernel(0, 1000), ps_cpu_kernel(1, 1000));
    CU_ASSERT_TRUE(ps_cpu_calibrate(1000) >= 1);
}

static void test_task_checks(void)
{
    char dir[] = "/tmp/parsuite-unit-XXXXXX";
    ps_msg msg;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    ps_task_plan plan = {.latency_us = 2000, .iterations = 5000, .dir = dir};
    uint64_t r;
    for (ps_task_kind k = PS_TASK_SLEEP; k <= PS_TASK_CPU; k++) {
        CU_ASSERT_EQUAL(ps_task_run(&plan, k, 3, &r, &msg), PS_OK);
        CU_ASSERT_EQUAL(ps_task_check(&plan, k, 3, r, &msg), PS_OK);
        CU_ASSERT_EQUAL(ps_task_check(&plan, k, 3, k == PS_TASK_SLEEP ? 100 : r + 1, &msg),
                        PS_FAILED);
    }
    CU_ASSERT_EQUAL(rmdir(dir), 0); /* empty: a file task leaves nothing behind */
    plan.dir = "/nonexistent-parsuite";
    CU_ASSERT_EQUAL(ps_task_run(&plan, PS_TASK_FILE, 3, &r, &msg), PS_ENV);
    CU_ASSERT_EQUAL(ps_task_kind_of("sleep", 5), PS_TASK_SLEEP);
    CU_ASSERT_EQUAL(ps_task_kind_of("compute", 5), PS_TASK_CPU);
    int cpu = 0;
    for (uint64_t t = 0; t < 64; t++)
        cpu += ps_task_kind_of("mixed", t) == PS_TASK_CPU;
    CU_ASSERT_TRUE(cpu > 16 && cpu < 48);
}

/* The latency a compute task achieved: the median CPU time of the compute tasks alone, named in
 * the detail and marked where it is more than 25% off the latency asked. */
static void test_achieved_latency(void)
{
    ps_task_set s;
    ps_msg msg;
    char detail[160];
    CU_ASSERT_EQUAL_FATAL(ps_task_set_init(&s, 64, 10000, 5000, &msg), PS_OK);
    double cpu[64];
    for (uint64_t t = 0; t < 64; t++) /* the sleep tasks' entries must not count */
        cpu[t] = ps_task_kind_of("mixed", t) == PS_TASK_CPU ? 10000 + (double)t : 1e9;
    ps_task_set_achieved(&s, "mixed", cpu);
    CU_ASSERT_TRUE(s.achieved_us > 10000 && s.achieved_us < 10064);
    ps_task_set_detail(&s, detail, sizeof detail);
    CU_ASSERT_PTR_NOT_NULL(strstr(detail, "; a compute task took 100"));
    CU_ASSERT_PTR_NULL(strstr(detail, "off"));
    for (uint64_t t = 0; t < 64; t++)
        cpu[t] = 7400;
    ps_task_set_achieved(&s, "compute", cpu);
    ps_task_set_detail(&s, detail, sizeof detail);
    CU_ASSERT_STRING_EQUAL(detail, "latency 10000 us; 5000 steps per compute task; a compute task "
                                   "took 7400 us of CPU (median), over 25% off the latency");
    ps_task_set_achieved(&s, "sleep", cpu); /* nothing computed: nothing said */
    ps_task_set_detail(&s, detail, sizeof detail);
    CU_ASSERT_STRING_EQUAL(detail, "latency 10000 us; 5000 steps per compute task");
    CU_ASSERT_EQUAL(ps_task_set_run(&s, "compute", 3, &msg), PS_OK);
    CU_ASSERT_EQUAL(s.result[3], ps_cpu_closed_form(3, 5000));
    CU_ASSERT_TRUE(s.cpu_us[3] > 0);
    ps_task_set_free(&s);
}

static void run_all(ps_errors *e, const ps_options *o, uint64_t stop_after_failure)
{
    ps_errors_reset(e);
    for (uint64_t t = 0; t < e->tasks; t++) {
        ps_task_error err;
        if (ps_errors_task(o, e->tasks, t, 1, &e->value[t], &err)) {
            e->state[t] = PS_TASK_FAILED;
            e->errors[e->nerrors++] = err;
            if (stop_after_failure)
                return;
        } else {
            e->state[t] = PS_TASK_DONE;
        }
    }
}

static void test_error_accounting(void)
{
    ps_options o = {.latency_us = 1, .fail_at = {.v = {3, 17}, .n = 2}};
    ps_errors e;
    ps_msg msg = {""};
    char result[128];
    CU_ASSERT_EQUAL(ps_errors_init(&e, &o, 32, &msg), PS_OK);
    CU_ASSERT_TRUE(ps_errors_planned(&o, 32, 17));
    CU_ASSERT_FALSE(ps_errors_planned(&o, 32, 7));
    run_all(&e, &o, 0);
    CU_ASSERT_EQUAL(ps_errors_check(&e, &o, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(result, "2 planned failures reported exactly; 30 results right");
    CU_ASSERT_STRING_EQUAL(e.detail, "done 30; failed 2; never ran 0");
    CU_ASSERT_STRING_EQUAL(e.errors[1].message, "division by zero");
    e.nerrors--; /* a failure whose record was lost */
    CU_ASSERT_EQUAL(ps_errors_check(&e, &o, result, sizeof result, &msg), PS_FAILED);
    e.nerrors++;
    e.value[9]++; /* a wrong result */
    CU_ASSERT_EQUAL(ps_errors_check(&e, &o, result, sizeof result, &msg), PS_FAILED);
    e.value[9]--;
    e.state[20] = PS_TASK_NOT_RUN; /* collect must run everything */
    CU_ASSERT_EQUAL(ps_errors_check(&e, &o, result, sizeof result, &msg), PS_FAILED);
    o.variant = PS_ON_ERROR_CANCEL; /* the variants are the policies, in their order */
    run_all(&e, &o, 1);
    CU_ASSERT_EQUAL(ps_errors_check(&e, &o, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(e.detail, "done 3; failed 1; never ran 28");
    ps_errors_free(&e);
    ps_options defaults = {.latency_us = 1};
    CU_ASSERT_TRUE(ps_errors_planned(&defaults, 32, 7));
    CU_ASSERT_TRUE(ps_errors_planned(&defaults, 4, 3));
    ps_options every = {.latency_us = 1, .fail_every = 10};
    CU_ASSERT_TRUE(ps_errors_planned(&every, 32, 9) && ps_errors_planned(&every, 32, 29));
    CU_ASSERT_FALSE(ps_errors_planned(&every, 32, 10));
    ps_options beyond = {.fail_at = {.v = {32}, .n = 1}};
    CU_ASSERT_EQUAL(ps_errors_init(&e, &beyond, 32, &msg), PS_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "--fail-at: task 32 is beyond the 32 tasks"));
    ps_errors_free(&e);
}

void suite_tasks(void)
{
    static const CU_TestInfo tests[] = {
        {"the CPU kernel equals its closed form", test_cpu_kernel_matches_closed_form},
        {"sleep, file and compute tasks check out", test_task_checks},
        {"a compute task's achieved latency, marked when off", test_achieved_latency},
        {"error accounting: collect and cancel", test_error_accounting},
        CU_TEST_INFO_NULL,
    };
    unit_add("tasks", tests);
}
