/* SPDX-License-Identifier: BSD-3-Clause */
/* Strict parsing of numbers, lists and choices: every edge case refused with a message naming the
 * option and the value. */
#include "ps_parse.h"
#include "unit.h"

#include <string.h>

static uint64_t ok_uint(const char *text, uint64_t min, uint64_t max)
{
    uint64_t v = 12345;
    ps_msg msg;
    CU_ASSERT_EQUAL(ps_parse_uint("--size", text, min, max, &v, &msg), PS_OK);
    return v;
}

static void refused(const char *text, const char *words)
{
    uint64_t v = 7;
    ps_msg msg = {""};
    CU_ASSERT_EQUAL(ps_parse_uint("--size", text, 1, 1000000000, &v, &msg), PS_USAGE);
    CU_ASSERT_EQUAL(v, 7); /* untouched */
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "--size"));
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, words));
    CU_ASSERT_PTR_NULL(strchr(msg.text, '\n'));
}

static void test_whole_numbers(void)
{
    CU_ASSERT_EQUAL(ok_uint("1", 1, 10), 1);
    CU_ASSERT_EQUAL(ok_uint("10", 1, 10), 10);
    CU_ASSERT_EQUAL(ok_uint("0", 0, 10), 0);
    CU_ASSERT_EQUAL(ok_uint("007", 0, 10), 7);
    CU_ASSERT_EQUAL(ok_uint("1e8", 1, UINT64_MAX), 100000000);
    CU_ASSERT_EQUAL(ok_uint("25e2", 1, UINT64_MAX), 2500);
    CU_ASSERT_EQUAL(ok_uint("18446744073709551615", 0, UINT64_MAX), UINT64_MAX);
}

static void test_refusals(void)
{
    refused("abc", "'abc' is not a whole number");
    refused("12abc", "'12abc' is not a whole number");
    refused("-5", "'-5' is not a whole number (no signs)");
    refused("+5", "no signs");
    refused(" 5", "not a whole number");
    refused("5 ", "not a whole number");
    refused("1.5", "not a whole number");
    refused("0x10", "not a whole number");
    refused("1e", "not a whole number");
    refused("e5", "not a whole number");
    refused("", "empty value");
    refused("0", "'0' is too small (at least 1)");
    refused("1000000001", "too large (at most 1000000000)");
    refused("18446744073709551616", "too large");
    refused("99999999999999999999999", "too large");
    refused("1e19", "too large");
    refused("1e400", "too large");
    refused("1\n2", "'1\\n2' is not a whole number"); /* one line, the break shown as \n */
    refused("1\x01", "'1\\x01' is not a whole number");
    uint64_t v;
    ps_msg msg;
    CU_ASSERT_EQUAL(ps_parse_uint("--size", NULL, 0, 10, &v, &msg), PS_USAGE);
}

static void test_lists(void)
{
    ps_list l;
    ps_msg msg = {""};
    CU_ASSERT_EQUAL(ps_parse_list("--workers", "1,2,4,8", 1, 64, &l, &msg), PS_OK);
    CU_ASSERT_EQUAL(l.n, 4);
    CU_ASSERT_EQUAL(l.v[0], 1);
    CU_ASSERT_EQUAL(l.v[3], 8);
    CU_ASSERT_EQUAL(ps_parse_list("--workers", "3", 1, 64, &l, &msg), PS_OK);
    CU_ASSERT_EQUAL(l.n, 1);
    static const char *const bad[] = {"",
                                      ",",
                                      "1,",
                                      ",1",
                                      "1,,2",
                                      "1,x",
                                      "1,-2",
                                      "1,0",
                                      "1,65",
                                      "1, 2",
                                      "123456789012345678901234567890123,1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        l.n = 99;
        CU_ASSERT_EQUAL(ps_parse_list("--workers", bad[i], 1, 64, &l, &msg), PS_USAGE);
        CU_ASSERT_EQUAL(l.n, 99);
        CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "--workers"));
    }
    char many[PS_LIST_MAX * 2 + 8] = "1";
    for (int i = 0; i < PS_LIST_MAX; i++)
        strcat(many, ",1");
    CU_ASSERT_EQUAL(ps_parse_list("--workers", many, 1, 64, &l, &msg), PS_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "more than"));
}

static void test_choices(void)
{
    static const char *const formats[] = {"table", "csv", "json", NULL};
    unsigned i = 9;
    ps_msg msg = {""};
    CU_ASSERT_EQUAL(ps_parse_choice("--format", "json", formats, &i, &msg), PS_OK);
    CU_ASSERT_EQUAL(i, 2);
    CU_ASSERT_EQUAL(ps_parse_choice("--format", "xml", formats, &i, &msg), PS_USAGE);
    CU_ASSERT_STRING_EQUAL(msg.text, "--format: unknown value 'xml' (one of: table, csv, json)");
    CU_ASSERT_EQUAL(ps_parse_choice("--format", "CSV", formats, &i, &msg), PS_USAGE);
    CU_ASSERT_EQUAL(ps_parse_choice("--format", "", formats, &i, &msg), PS_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "empty value"));
}

void suite_parse(void)
{
    static const CU_TestInfo tests[] = {
        {"whole numbers", test_whole_numbers},
        {"refusals name the option and value", test_refusals},
        {"lists", test_lists},
        {"choices", test_choices},
        CU_TEST_INFO_NULL,
    };
    unit_add("parse", tests);
}
