/* The benchmark loop: warm-ups untimed, a check after every repetition, a failed check reported
 * as a record that says so, and release called on every path. */
#include "ps_bench.h"
#include "unit.h"

#include <string.h>

static struct {
    int prepared, executed, checked, released, fail_check_at, fail_prepare, tasks_fail;
} calls;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    (void)run;
    calls.prepared++;
    return calls.fail_prepare ? ps_fail(msg, PS_ENV, "no memory today") : PS_OK;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    (void)msg;
    calls.executed++;
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

static double fake_clock;
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
    CU_ASSERT_EQUAL(bench(&rec, &msg, 1, 0), PS_FAILED); /* already in the warm-up */
    CU_ASSERT_FALSE(rec.verified);
    CU_ASSERT_EQUAL(rec.seconds.n, 0);
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
}

static void test_failed_prepare_runs_nothing(void)
{
    ps_record rec;
    ps_msg msg;
    CU_ASSERT_EQUAL(bench(&rec, &msg, 0, 1), PS_ENV);
    CU_ASSERT_EQUAL(calls.executed, 0);
    CU_ASSERT_EQUAL(calls.released, 1);
    CU_ASSERT_STRING_EQUAL(msg.text, "no memory today");
}

void suite_bench(void)
{
    static const CU_TestInfo tests[] = {
        {"warm-ups, repetitions, checks, one record", test_counts_and_record},
        {"a failed check gives an unverified record", test_failed_check_is_reported},
        {"a failed prepare runs nothing and releases", test_failed_prepare_runs_nothing},
        {"failed tasks exit 1 with a verified record",
         test_failed_tasks_exit_1_with_a_verified_record},
        CU_TEST_INFO_NULL,
    };
    unit_add("bench", tests);
}
