/* SPDX-License-Identifier: BSD-3-Clause */
/* Large result arrays: aligned to 2 MiB and, past 2 MiB, advised to the kernel as huge-page
 * candidates (madvise MADV_HUGEPAGE) where transparent huge pages are offered ("madvise" or
 * "always" in /sys/kernel/mm/transparent_hugepage/enabled, and not disabled for this process);
 * elsewhere the same array in 4 KiB pages, silently. A 2 MiB page is one fault where 4 KiB pages
 * are 512: a cold run of squares spends most of its first repetition in page faults without them.
 * Not touched here: the threads or ranks that write an array touch it first, so its pages land on
 * their NUMA node (first-touch placement). */
#ifndef PS_PAGES_H
#define PS_PAGES_H

#include <stddef.h>

typedef enum ps_pages {
    PS_PAGES_HUGE,        /* huge pages asked for, and the kernel offers them */
    PS_PAGES_SMALL,       /* under 2 MiB: 4 KiB pages */
    PS_PAGES_NOT_OFFERED, /* transparent huge pages are off here ("never", or this process) */
} ps_pages;

/* NULL when out of memory; *pages says which pages the array gets. Free with free(). */
void *ps_pages_alloc(size_t bytes, ps_pages *pages);

/* For a record's detail: "huge pages (2 MiB)", "4 KiB pages (...why)". */
const char *ps_pages_text(ps_pages pages);

/* Whether the kernel offers transparent huge pages for madvise: the "enabled" file's setting
 * (path: the kernel's, or another for a test), and this process not excluded (PR_SET_THP_DISABLE).
 */
int ps_huge_pages_offered(const char *enabled_path);

#endif
