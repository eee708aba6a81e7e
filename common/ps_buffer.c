#include "ps_buffer.h"

#include <stdlib.h>
#include <sys/mman.h>

enum { HUGE_PAGE = 2 << 20 };

void *ps_buffer_alloc(size_t bytes, bool *huge)
{
    size_t rounded = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    void *p = aligned_alloc(bytes >= HUGE_PAGE ? HUGE_PAGE : 64, rounded ? rounded : HUGE_PAGE);
    *huge = false;
#ifdef MADV_HUGEPAGE
    if (p && bytes >= HUGE_PAGE)
        *huge = madvise(p, rounded, MADV_HUGEPAGE) == 0;
#endif
    return p;
}
