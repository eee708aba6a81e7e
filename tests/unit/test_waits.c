/* SPDX-License-Identifier: BSD-3-Clause */
/* The wait-for walk that names a deadlock: a cycle reached from the first waiting worker is named
 * edge by edge from where the walk meets it; nobody waiting, or a chain that ends, names none. */
#include "ps_waits.h"
#include "unit.h"

#include <stdio.h>
#include <string.h>

static int edge_of(const void *ctx, int w, char *edge, size_t len)
{
    const int *waits_for = ctx;
    if (waits_for[w] >= 0)
        snprintf(edge, len, "%d waits for %d", w, waits_for[w]);
    return waits_for[w];
}

static void expect(int n, const int *waits_for, const char *want)
{
    char text[128] = "untouched";
    bool cycle = ps_waits_cycle(&(ps_waits){n, edge_of, waits_for}, "stuck:", text, sizeof text);
    CU_ASSERT_EQUAL(cycle, want != NULL);
    CU_ASSERT_STRING_EQUAL(text, want ? want : "untouched");
}

static void test_cycles(void)
{
    expect(2, (const int[]){1, 0}, "stuck: 0 waits for 1; 1 waits for 0");
    expect(4, (const int[]){-1, 2, 3, 1}, "stuck: 2 waits for 3; 3 waits for 1; 1 waits for 2");
    expect(3, (const int[]){1, 2, -1}, NULL); /* a chain that ends: slow, not stuck */
    expect(2, (const int[]){-1, -1}, NULL);   /* nobody waits */
    expect(1, (const int[]){0}, "stuck: 0 waits for 0");
    expect(3, (const int[]){1, 2, 7}, NULL); /* whom nobody knows: no cycle */
}

void suite_waits(void)
{
    static const CU_TestInfo tests[] = {
        {"cycles named from where the walk meets them", test_cycles},
        CU_TEST_INFO_NULL,
    };
    unit_add("waits", tests);
}
