/* SPDX-License-Identifier: BSD-3-Clause */
/* The benchmark loop: warm-ups untimed, a check after every repetition, a failed check reported
 * as a record that says so, and release called on every path. */
#include "ps_bench.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static struct {
    int prepared, executed, checked, released, fail_check_at, fail_prepare, tasks_fail;
    int shrinking; /* each repetition 0.1 s shorter than the one before */
} calls;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    (void)run;
    calls.prepared++;
    return calls.fail_prepare ? ps_fail(msg, PS_ENV, "no memory today") : PS_OK;
}

static double fake_clock;

static ps_status execute(ps_run *run, ps_msg *msg)
{
    (void)msg;
    calls.executed++;
    fake_clock += calls.shrinking ? 0.1 * (10 - calls.executed) : 0;
    run->failed = (uint64_t)calls.tasks_fail;
    return PS_OK;
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    (void)run;
    calls.checked++;
    if (calls.checked == calls.fail_check_at)
        return ps_fail(msg, PS_FAILED, "wrong on purpose");
    snprintf(result, len, "fine");
    return PS_OK;
}

static void release(ps_run *run)
{
    (void)run;
    calls.released++;
}

static const ps_workload_info counting_info = {.name = "counting",
                                               .question = "Q0",
                                               .about = "counts calls",
                                               .default_size = 100,
                                               .max_size = 100};
static const ps_workload counting = {
    .info = &counting_info,
    .variants = (const char *const[]){"one", NULL},
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};

/* A workload with nothing to set up or free: the steps it must have, and no more. */
static const ps_workload stateless = {
    .info = &counting_info,
    .variants = (const char *const[]){"one", NULL},
    .execute = execute,
    .check = check,
};

static double tick(void)
{
    return fake_clock += 0.5;
}
static void no_sync(const ps_run *run)
{
    (void)run;
}
static double same(const ps_run *run, double s)
{
    (void)run;
    return s;
}
static ps_status as_is(const ps_run *run, ps_status st, ps_msg *msg)
{
    (void)run, (void)msg;
    return st;
}
static const ps_model_ops model = {"test", tick, no_sync, same, as_is};

static ps_status bench(ps_record *rec, ps_msg *msg, int fail_check_at, int fail_prepare)
{
    static ps_options opt = {.workload = &counting, .repeat = 3, .warmup = 2};
    static ps_env env;
    ps_run run = {.opt = &opt, .size = 100, .workers = 2};
    memset(&calls, 0, sizeof calls);
    calls.fail_check_at = fail_check_at;
    calls.fail_prepare = fail_prepare;
    return ps_bench_run(&model, &run, &env, NULL, rec, msg);
}

static void test_stateless_workload(void)
{
    static ps_options opt = {.workload = &stateless, .repeat = 3, .warmup = 1};
    static ps_env env;
    ps_run run = {.opt = &opt, .size = 100, .workers = 2};
    ps_record rec;
    ps_msg msg;
    memset(&calls, 0, sizeof calls);
    CU_ASSERT_EQUAL(ps_bench_run(&model, &run, &env, NULL, &rec, &msg), PS_OK);
    CU_ASSERT_EQUAL(calls.executed, 4);
    CU_ASSERT_EQUAL(calls.checked, 4);
    CU_ASSERT_TRUE(rec.verified);
    ps_record_release(&rec);
}

static void test_counts_and_record(void)
{
    ps_record rec;
    ps_msg msg;
    CU_ASSERT_EQUAL(bench(&rec, &msg, 0, 0), PS_OK);
    CU_ASSERT_EQUAL(calls.prepared, 1);
    CU_ASSERT_EQUAL(calls.executed, 5); /* 2 warm-ups + 3 timed */
    CU_ASSERT_EQUAL(calls.checked, 5);  /* every repetition is verified */
    CU_ASSERT_EQUAL(calls.released, 1);
    CU_ASSERT_TRUE(rec.verified);
    CU_ASSERT_EQUAL(rec.seconds.n, 3);
    CU_ASSERT_DOUBLE_EQUAL(rec.seconds.median, 0.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(rec.items_per_second, 200, 1e-9);
    CU_ASSERT_STRING_EQUAL(rec.result, "fine");
    CU_ASSERT_STRING_EQUAL(rec.model, "test");
    CU_ASSERT_EQUAL(rec.workers, 2);
    CU_ASSERT_EQUAL(rec.nsamples, 3);
    ps_record_release(&rec);
}

/* The record keeps every timed repetition in the order it ran (the statistics sort a copy). */
static void test_samples_in_order(void)
{
    ps_record rec;
    ps_msg msg;
    memset(&calls, 0, sizeof calls);
    calls.shrinking = 1;
    static ps_options opt = {.workload = &counting, .repeat = 3, .warmup = 2};
    static ps_env env;
    ps_run run = {.opt = &opt, .size = 100, .workers = 2};
    CU_ASSERT_EQUAL(ps_bench_run(&model, &run, &env, NULL, &rec, &msg), PS_OK);
    CU_ASSERT_EQUAL_FATAL(rec.nsamples, 3);
    CU_ASSERT_DOUBLE_EQUAL(rec.samples[0], 1.2, 1e-9); /* repetitions 3, 4, 5 */
    CU_ASSERT_DOUBLE_EQUAL(rec.samples[1], 1.1, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(rec.samples[2], 1.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(rec.seconds.median, 1.1, 1e-9);
    ps_record_release(&rec);
}

/* The test-only slowdown: named points only, said in the detail; a garbled value is refused. */
static void test_slowdown_knob(void)
{
    ps_record rec;
    ps_msg msg;
    setenv("PARSUITE_TEST_SLOWDOWN", "counting/one:1", 1);
    CU_ASSERT_EQUAL(bench(&rec, &msg, 0, 0), PS_OK);
    CU_ASSERT_STRING_EQUAL(rec.detail, "slowed by 1 us (PARSUITE_TEST_SLOWDOWN)");
    ps_record_release(&rec);
    setenv("PARSUITE_TEST_SLOWDOWN", "counting/other:1", 1);
    CU_ASSERT_EQUAL(bench(&rec, &msg, 0, 0), PS_OK);
    CU_ASSERT_STRING_EQUAL(rec.detail, "");
    ps_record_release(&rec);
    setenv("PARSUITE_TEST_SLOWDOWN", "counting", 1);
    CU_ASSERT_EQUAL(bench(&rec, &msg, 0, 0), PS_USAGE);
    CU_ASSERT_EQUAL(calls.executed, 0);
    CU_ASSERT_STRING_EQUAL(
        msg.text, "PARSUITE_TEST_SLOWDOWN: 'counting' is not WORKLOAD[/VARIANT]:MICROSECONDS");
    ps_record_release(&rec);
    unsetenv("PARSUITE_TEST_SLOWDOWN");
}

static void test_failed_check_is_reported(void)
{
    ps_record rec;
    ps_msg msg;
    CU_ASSERT_EQUAL(bench(&rec, &msg, 4, 0), PS_FAILED); /* the second timed repetition */
    CU_ASSERT_FALSE(rec.verified);
    CU_ASSERT_STRING_EQUAL(msg.text, "wrong on purpose");
    CU_ASSERT_EQUAL(calls.executed, 4); /* stops at the failure */
    CU_ASSERT_EQUAL(rec.seconds.n, 1);  /* statistics only of verified repetitions */
    CU_ASSERT_EQUAL(calls.released, 1);
    ps_record_release(&rec);
    CU_ASSERT_EQUAL(bench(&rec, &msg, 1, 0), PS_FAILED); /* already in the warm-up */
    CU_ASSERT_FALSE(rec.verified);
    CU_ASSERT_EQUAL(rec.seconds.n, 0);
    ps_record_release(&rec);
}

/* The errors workload: tasks failed by design, the handling verified; the exit still says 1. */
static void test_failed_tasks_exit_1_with_a_verified_record(void)
{
    ps_record rec;
    ps_msg msg;
    memset(&calls, 0, sizeof calls);
    static ps_options opt = {.workload = &counting, .repeat = 2, .warmup = 0};
    static ps_env env;
    ps_run run = {.opt = &opt, .size = 100, .workers = 2};
    calls.tasks_fail = 2;
    CU_ASSERT_EQUAL(ps_bench_run(&model, &run, &env, NULL, &rec, &msg), PS_FAILED);
    CU_ASSERT_TRUE(rec.verified);
    CU_ASSERT_EQUAL(rec.seconds.n, 2);
    CU_ASSERT_STRING_EQUAL(msg.text, "2 of 100 tasks failed");
    ps_record_release(&rec);
}

static void test_failed_prepare_runs_nothing(void)
{
    ps_record rec;
    ps_msg msg;
    CU_ASSERT_EQUAL(bench(&rec, &msg, 0, 1), PS_ENV);
    CU_ASSERT_EQUAL(calls.executed, 0);
    CU_ASSERT_EQUAL(calls.released, 1);
    CU_ASSERT_STRING_EQUAL(msg.text, "no memory today");
    ps_record_release(&rec);
}

void suite_bench(void)
{
    static const CU_TestInfo tests[] = {
        {"warm-ups, repetitions, checks, one record", test_counts_and_record},
        {"a failed check gives an unverified record", test_failed_check_is_reported},
        {"a failed prepare runs nothing and releases", test_failed_prepare_runs_nothing},
        {"prepare and release are optional", test_stateless_workload},
        {"failed tasks exit 1 with a verified record",
         test_failed_tasks_exit_1_with_a_verified_record},
        {"samples in the order they ran", test_samples_in_order},
        {"the test-only slowdown knob", test_slowdown_knob},
        CU_TEST_INFO_NULL,
    };
    unit_add("bench", tests);
}
