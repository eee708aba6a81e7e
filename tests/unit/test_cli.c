/* SPDX-License-Identifier: BSD-3-Clause */
/* The shared command line: workloads, variants, options that belong to one workload or one model.
 */
#include "ps_cli.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static const ps_workload_info fake_info = {
    .name = "fake",
    .question = "Q0",
    .about = "a workload for tests",
    .options = (const char *const[]){"chunk", NULL},
    .default_size = 10,
    .max_size = 1000,
};
static const ps_workload fake = {
    .info = &fake_info,
    .variants = (const char *const[]){"first", "second", NULL},
};
static const ps_workload_info other_info = {
    .name = "other", .question = "Q0", .about = "another", .default_size = 1, .max_size = 1};
static const ps_workload other = {
    .info = &other_info,
    .variants = (const char *const[]){"only", NULL},
};
static const ps_workload *const workloads[] = {&fake, &other, NULL};

static ps_status parse(ps_model model, ps_options *o, ps_msg *msg, const char *line)
{
    static char copy[512]; /* static: the options point into it after we return, as into argv */
    char *argv[32] = {"prog"};
    int argc = 1;
    snprintf(copy, sizeof copy, "%s", line);
    for (char *t = strtok(copy, " "); t && argc < 31; t = strtok(NULL, " "))
        argv[argc++] = t;
    msg->text[0] = '\0';
    return ps_cli_parse(argc, argv, model, workloads, o, msg);
}

static void expect_usage(ps_model model, const char *line, const char *words)
{
    ps_options o;
    ps_msg msg;
    CU_ASSERT_EQUAL(parse(model, &o, &msg, line), PS_USAGE);
    if (!strstr(msg.text, words))
        fprintf(stderr, "\n  '%s' gave '%s', wanted '%s'\n", line, msg.text, words);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, words));
}

static void test_defaults_and_values(void)
{
    ps_options o;
    ps_msg msg;
    CU_ASSERT_EQUAL(parse(PS_MODEL_OMP, &o, &msg, "fake"), PS_OK);
    CU_ASSERT_PTR_EQUAL(o.workload, &fake);
    CU_ASSERT_EQUAL(o.variant, 0);
    CU_ASSERT_EQUAL(o.size, 0);
    CU_ASSERT_EQUAL(o.workers.n, 4);
    CU_ASSERT_EQUAL(o.workers.v[3], 8);
    CU_ASSERT_EQUAL(o.repeat, 5);
    CU_ASSERT_EQUAL(o.warmup, 1);
    CU_ASSERT_EQUAL(o.format, PS_FORMAT_TABLE);
    CU_ASSERT_EQUAL(parse(PS_MODEL_OMP, &o, &msg,
                          "--size 1e3 fake --variant=second --workers 3,5 --repeat 2 --warmup 0 "
                          "--format csv --output x.csv --quiet --chunk 7"),
                    PS_OK);
    CU_ASSERT_EQUAL(o.size, 1000);
    CU_ASSERT_EQUAL(o.variant, 1);
    CU_ASSERT_EQUAL(o.workers.n, 2);
    CU_ASSERT_EQUAL(o.workers.v[1], 5);
    CU_ASSERT_EQUAL(o.repeat, 2);
    CU_ASSERT_EQUAL(o.warmup, 0);
    CU_ASSERT_EQUAL(o.format, PS_FORMAT_CSV);
    CU_ASSERT_STRING_EQUAL(o.output, "x.csv");
    CU_ASSERT_TRUE(o.quiet);
    CU_ASSERT_EQUAL(o.chunk, 7);
    CU_ASSERT_EQUAL(parse(PS_MODEL_MPI, &o, &msg, "--help"), PS_OK);
    CU_ASSERT_TRUE(o.help);
}

static void test_refusals(void)
{
    expect_usage(PS_MODEL_OMP, "", "no workload given");
    expect_usage(PS_MODEL_OMP, "nosuch", "unknown workload 'nosuch' (one of: fake, other)");
    expect_usage(PS_MODEL_OMP, "fake other", "unexpected argument 'other'");
    expect_usage(PS_MODEL_OMP, "fake --bogus", "unknown option '--bogus'");
    expect_usage(PS_MODEL_OMP, "fake --bogus=3", "unknown option '--bogus'");
    expect_usage(PS_MODEL_OMP, "fake -s", "unknown option '-s'");
    expect_usage(PS_MODEL_OMP, "fake --size", "--size needs a value");
    expect_usage(PS_MODEL_OMP, "fake --size abc", "--size: 'abc' is not a whole number");
    expect_usage(PS_MODEL_OMP, "fake --size -1", "--size: '-1' is not a whole number");
    expect_usage(PS_MODEL_OMP, "fake --size 0", "--size: '0' is too small");
    expect_usage(PS_MODEL_OMP, "fake --size 1001", "--size: '1001' is too large for fake");
    expect_usage(PS_MODEL_OMP, "fake --size=", "--size: empty value");
    expect_usage(PS_MODEL_OMP, "fake --workers 0", "--workers: '0' is too small");
    expect_usage(PS_MODEL_OMP, "fake --workers 1,,2", "--workers: '1,,2' has an empty item");
    expect_usage(PS_MODEL_OMP, "fake --workers 99999", "--workers: '99999' is too large");
    expect_usage(PS_MODEL_OMP, "fake --repeat 0", "--repeat: '0' is too small");
    expect_usage(PS_MODEL_OMP, "fake --format xml", "--format: unknown value 'xml'");
    expect_usage(PS_MODEL_OMP, "fake --quiet=yes", "--quiet takes no value");
    expect_usage(PS_MODEL_OMP, "fake --variant third",
                 "--variant (of fake): unknown value 'third'");
    expect_usage(PS_MODEL_OMP, "other --chunk 4", "--chunk does not apply to workload other");
    expect_usage(PS_MODEL_OMP, "fake --output=", "--output: empty value");
    expect_usage(PS_MODEL_MPI, "fake --workers 4", "--workers: not for parsuite-mpi");
}

static void test_help_lists_everything(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ps_cli_help(f, PS_MODEL_OMP, workloads);
    fclose(f);
    static const char *const wanted[] = {"fake",     "other",      "first (default)",
                                         "second",   "--chunk",    "--workers",
                                         "--output", "exit codes", "3  environment"};
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        CU_ASSERT_PTR_NOT_NULL(strstr(text, wanted[i]));
    free(text);
    f = open_memstream(&text, &len);
    ps_cli_help(f, PS_MODEL_MPI, workloads);
    fclose(f);
    CU_ASSERT_PTR_NULL(strstr(text, "--workers"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "mpirun -np N"));
    free(text);
}

void suite_cli(void)
{
    static const CU_TestInfo tests[] = {
        {"defaults and values", test_defaults_and_values},
        {"every bad input is a usage error naming it", test_refusals},
        {"help lists workloads, variants, options, exit codes", test_help_lists_everything},
        CU_TEST_INFO_NULL,
    };
    unit_add("cli", tests);
}
