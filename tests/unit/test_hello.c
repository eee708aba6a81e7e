/* SPDX-License-Identifier: BSD-3-Clause */
/* Hello reports: a whole set is accepted; a missing, duplicated or misplaced worker is not. */
#include "ps_hello.h"
#include "ps_topology.h"
#include "unit.h"

#include <string.h>
#include <unistd.h>

static void make(ps_hello_worker *w, unsigned n, bool one_process)
{
    for (unsigned i = 0; i < n; i++) {
        w[i] = (ps_hello_worker){.id = i,
                                 .count = n,
                                 .cpu = (int)i % 2,
                                 .cpu_inside = 1,
                                 .pid = one_process ? 100 : 100 + i};
        strcpy(w[i].host, one_process || i < 2 ? "a" : "b");
        strcpy(w[i].allowed, "0-1");
    }
}

static void test_probe_real_thread(void)
{
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(ps_topology_load(&msg), PS_OK);
    ps_hello_worker w;
    CU_ASSERT_EQUAL(ps_hello_probe(&w, 0, 1, &msg), PS_OK);
    CU_ASSERT_EQUAL(w.pid, (int64_t)getpid());
    CU_ASSERT_TRUE(w.cpu >= 0);
    CU_ASSERT_TRUE(w.cpu_inside);
    CU_ASSERT_TRUE(strlen(w.allowed) > 0);
    char result[128];
    CU_ASSERT_EQUAL(ps_hello_check(&w, 1, 1, result, sizeof result, &msg), PS_OK);
}

static void test_whole_sets(void)
{
    ps_hello_worker w[4];
    char result[128];
    ps_msg msg;
    make(w, 4, true);
    CU_ASSERT_EQUAL(ps_hello_check(w, 4, 1, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(result, "4 workers reported once each");
    char detail[64];
    ps_hello_detail(w, 4, detail, sizeof detail);
    CU_ASSERT_STRING_EQUAL(detail, "1 process on 1 host; on CPUs 0 1 0 1");
    make(w, 4, false);
    CU_ASSERT_EQUAL(ps_hello_check(w, 4, 4, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(result, "4 workers reported once each");
    ps_hello_detail(w, 4, detail, sizeof detail);
    CU_ASSERT_STRING_EQUAL(detail, "4 processes on 2 hosts; on CPUs 0 1 0 1");
    w[2].cpu = -1; /* unknown */
    ps_hello_detail(w, 4, detail, sizeof detail);
    CU_ASSERT_STRING_EQUAL(detail, "4 processes on 2 hosts; on CPUs 0 1 ? 1");
}

static void test_broken_sets(void)
{
    ps_hello_worker w[4];
    char result[128];
    ps_msg msg;
    make(w, 4, true);
    w[2].id = 1; /* a duplicate, and so a missing worker */
    CU_ASSERT_EQUAL(ps_hello_check(w, 4, 1, result, sizeof result, &msg), PS_FAILED);
    make(w, 4, true);
    w[3].count = 3;
    CU_ASSERT_EQUAL(ps_hello_check(w, 4, 1, result, sizeof result, &msg), PS_FAILED);
    make(w, 4, true);
    w[1].cpu_inside = 0;
    CU_ASSERT_EQUAL(ps_hello_check(w, 4, 1, result, sizeof result, &msg), PS_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "outside"));
    make(w, 4, true); /* threads of one process reported as ranks */
    CU_ASSERT_EQUAL(ps_hello_check(w, 4, 4, result, sizeof result, &msg), PS_FAILED);
    make(w, 4, false);
    w[3].pid = w[2].pid; /* two ranks claiming one process on one host */
    CU_ASSERT_EQUAL(ps_hello_check(w, 4, 4, result, sizeof result, &msg), PS_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "3 processes"));
}

void suite_hello(void)
{
    static const CU_TestInfo tests[] = {
        {"a real thread probes itself", test_probe_real_thread},
        {"whole sets pass", test_whole_sets},
        {"missing, duplicate, misplaced workers fail", test_broken_sets},
        CU_TEST_INFO_NULL,
    };
    unit_add("hello", tests);
}
