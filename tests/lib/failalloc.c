/* SPDX-License-Identifier: BSD-3-Clause */
/* A preloaded allocator for the tests that reach parsuite's out-of-memory paths: it makes one
 * chosen allocation fail, as a full machine would, and passes every other one to glibc.
 *   PS_FAILALLOC_SIZE=N     allocations of N bytes (calloc: nmemb x size, written "3x8") fail ...
 *   PS_FAILALLOC_SKIP=K     ... after the first K of them succeeded (default 0) ...
 *   PS_FAILALLOC_RANK=R     ... in the MPI rank R only (OMPI_COMM_WORLD_RANK or PMI_RANK).
 * For the tests only: LD_PRELOAD=libps_failalloc.so, in builds without a sanitizer. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t nmemb, size_t size);
void *__libc_memalign(size_t alignment, size_t size);

static atomic_long seen;

/* Whether this allocation (of `what`, "N" or "NxM") is the one to fail. getenv only: no
 * allocation in here. */
static int fails(const char *what)
{
    const char *want = getenv("PS_FAILALLOC_SIZE"), *rank = getenv("PS_FAILALLOC_RANK");
    if (!want || strcmp(want, what) != 0)
        return 0;
    if (rank) {
        const char *mine = getenv("OMPI_COMM_WORLD_RANK");
        if (!mine)
            mine = getenv("PMI_RANK");
        if (!mine || strcmp(mine, rank) != 0)
            return 0;
    }
    const char *skip = getenv("PS_FAILALLOC_SKIP");
    return atomic_fetch_add(&seen, 1) >= (skip ? atol(skip) : 0);
}

static int fails_size(size_t size)
{
    char what[32];
    snprintf(what, sizeof what, "%zu", size);
    return fails(what);
}

void *malloc(size_t size)
{
    if (fails_size(size)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(size);
}

void *calloc(size_t nmemb, size_t size)
{
    char what[48];
    snprintf(what, sizeof what, "%zux%zu", nmemb, size);
    if (fails(what)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(nmemb, size);
}

void *aligned_alloc(size_t alignment, size_t size)
{
    if (fails_size(size)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    if (fails_size(size))
        return ENOMEM;
    void *p = __libc_memalign(alignment, size);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}
