/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>

enum { HUGE_PAGE = 2 << 20 };

static const char *const thp_enabled = "/sys/kernel/mm/transparent_hugepage/enabled";

int ps_huge_pages_offered(const char *enabled_path)
{
    char setting[128] = "";
    FILE *f = fopen(enabled_path, "r");
    if (!f)
        return 0;
    int got = fgets(setting, sizeof setting, f) != NULL;
    fclose(f);
#ifdef PR_GET_THP_DISABLE
    if (prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1)
        return 0;
#endif
    return got && (strstr(setting, "[always]") || strstr(setting, "[madvise]"));
}

void *ps_pages_alloc(size_t bytes, ps_pages *pages)
{
    size_t rounded = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    *pages = PS_PAGES_SMALL;
    if (bytes < HUGE_PAGE)
        return aligned_alloc(64, bytes ? (bytes + 63) / 64 * 64 : 64);
    void *p = aligned_alloc(HUGE_PAGE, rounded);
    if (!p)
        return NULL;
    *pages = PS_PAGES_NOT_OFFERED;
#ifdef MADV_HUGEPAGE
    if (ps_huge_pages_offered(thp_enabled) && madvise(p, rounded, MADV_HUGEPAGE) == 0)
        *pages = PS_PAGES_HUGE;
#endif
    return p;
}

const char *ps_pages_text(ps_pages pages)
{
    switch (pages) {
    case PS_PAGES_HUGE:
        return "huge pages (2 MiB)";
    case PS_PAGES_SMALL:
        return "4 KiB pages (under 2 MiB)";
    default:
        return "4 KiB pages (no transparent huge pages here)";
    }
}
