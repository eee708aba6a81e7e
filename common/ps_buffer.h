/* Large result arrays: aligned to 2 MiB and, past 2 MiB, advised to the kernel as huge-page
 * candidates (madvise MADV_HUGEPAGE, where transparent huge pages are "madvise" or "always"; a
 * kernel without them ignores it). Not touched here: the threads or ranks that write an array touch
 * it first, so its pages land on their NUMA node (first-touch placement). */
#ifndef PS_BUFFER_H
#define PS_BUFFER_H

#include <stdbool.h>
#include <stddef.h>

/* NULL when out of memory; *huge says whether huge pages were asked for. Free with free(). */
void *ps_buffer_alloc(size_t bytes, bool *huge);

#endif
