/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 2's footprint: smaps read as the kernel writes it (the mapping asked for, not its
 * neighbours; a missing field is an error, not a zero), a working set's pages accounted by this
 * kernel as written, and the check that finds pages missing or shared where they should not be. */
#include "ps_footprint.h"
#include "unit.h"

#include <string.h>
#include <sys/mman.h>

static const char smaps[] = "00400000-00401000 r-xp 00000000 08:01 42    /usr/bin/x\n"
                            "Size:                  4 kB\n"
                            "Rss:                   4 kB\n"
                            "Pss:                   2 kB\n"
                            "Shared_Clean:          4 kB\n"
                            "Shared_Dirty:          0 kB\n"
                            "Private_Clean:         0 kB\n"
                            "Private_Dirty:         0 kB\n"
                            "7f0000000000-7f0000100000 rw-p 00000000 00:00 0 \n"
                            "Size:               1024 kB\n"
                            "Rss:                1020 kB\n"
                            "Pss:                 510 kB\n"
                            "Pss_Dirty:           510 kB\n"
                            "Shared_Clean:          0 kB\n"
                            "Shared_Dirty:       1016 kB\n"
                            "Private_Clean:         0 kB\n"
                            "Private_Dirty:         4 kB\n"
                            "VmFlags: rd wr mr mw me ac \n"
                            "7f0000100000-7f0000200000 rw-p 00000000 00:00 0 \n"
                            "Rss:                  99 kB\n";

static ps_status parse(const char *text, uintptr_t start, ps_smaps *out, ps_msg *msg)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    ps_status st = ps_smaps_parse(f, start, out, msg);
    fclose(f);
    return st;
}

static void test_parse(void)
{
    ps_smaps m;
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(parse(smaps, 0x7f0000000000, &m, &msg), PS_OK);
    CU_ASSERT_EQUAL(m.rss, 1020 * 1024);
    CU_ASSERT_EQUAL(m.pss, 510 * 1024); /* not Pss_Dirty's, nor the next mapping's Rss */
    CU_ASSERT_EQUAL(m.shared, 1016 * 1024);
    CU_ASSERT_EQUAL(m.private, 4 * 1024);
    CU_ASSERT_EQUAL_FATAL(parse(smaps, 0, &m, &msg), PS_OK); /* the first: rollup's */
    CU_ASSERT_EQUAL(m.pss, 2 * 1024);
    CU_ASSERT_EQUAL(parse(smaps, 0x7f0000001000, &m, &msg), PS_ENV);
    CU_ASSERT_STRING_EQUAL(msg.text, "footprint: no mapping at 0x7f0000001000 in smaps");
    CU_ASSERT_EQUAL(parse(smaps, 0x7f0000100000, &m, &msg), PS_ENV); /* Rss alone */
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "smaps lacks one of"));
    CU_ASSERT_EQUAL(parse("Rss: 12 MB\n", 0, &m, &msg), PS_ENV);
}

static void test_expect(void)
{
    ps_msg msg;
    ps_smaps all_mine = {.rss = 8192, .pss = 8192, .private = 8192};
    CU_ASSERT_EQUAL(ps_footprint_expect(&all_mine, 8192, false, "rank 1", &msg), PS_OK);
    CU_ASSERT_EQUAL(ps_footprint_expect(&all_mine, 8192, true, "rank 1", &msg), PS_FAILED);
    CU_ASSERT_STRING_EQUAL(msg.text, "footprint: rank 1's working set of 8 KiB: 8 KiB present, "
                                     "0 KiB shared (expected all)");
    ps_smaps half = {.rss = 4096, .pss = 4096, .private = 4096};
    CU_ASSERT_EQUAL(ps_footprint_expect(&half, 8192, false, "thread 0", &msg), PS_FAILED);
}

/* This kernel's accounting of a set written here: every page present and this process's. */
static void test_this_kernel(void)
{
    enum { BYTES = 64 * 4096 };
    ps_msg msg;
    ps_smaps m;
    unsigned char *set = ps_footprint_map(BYTES);
    CU_ASSERT_PTR_NOT_NULL_FATAL(set);
    CU_ASSERT_EQUAL_FATAL(ps_smaps_read(0, (uintptr_t)set, &m, &msg), PS_OK);
    CU_ASSERT_EQUAL(m.rss, 0); /* mapped, not touched */
    ps_footprint_fill(set, BYTES / 2, 7);
    CU_ASSERT_FALSE(ps_footprint_holds(set, BYTES, 7));
    ps_footprint_fill(set, BYTES, 7);
    CU_ASSERT_TRUE(ps_footprint_holds(set, BYTES, 7));
    CU_ASSERT_EQUAL_FATAL(ps_smaps_read(0, (uintptr_t)set, &m, &msg), PS_OK);
    CU_ASSERT_EQUAL(ps_footprint_expect(&m, BYTES, false, "this process", &msg), PS_OK);
    ps_smaps rollup;
    CU_ASSERT_EQUAL_FATAL(ps_smaps_read(0, 0, &rollup, &msg), PS_OK);
    CU_ASSERT(rollup.pss >= m.pss);
    ps_footprint_unmap(set, BYTES);
    CU_ASSERT_EQUAL(ps_smaps_read(0, (uintptr_t)set, &m, &msg), PS_ENV); /* gone */
}

void suite_footprint(void)
{
    static const CU_TestInfo tests[] = {
        {"smaps: the mapping asked for, every field, or an error", test_parse},
        {"a working set's accounting: present and private, or shared", test_expect},
        {"this kernel accounts a written working set as this process's", test_this_kernel},
        CU_TEST_INFO_NULL,
    };
    unit_add("footprint", tests);
}
