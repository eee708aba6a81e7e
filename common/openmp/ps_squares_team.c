/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_squares_team.h"

#include "ps_squares.h"
#include "ps_team.h"

#include <omp.h>
#include <stdlib.h>

typedef struct part_check {
    const uint64_t *out;
    struct {
        uint64_t wrong; /* the part's first wrong element (absolute), or UINT64_MAX */
        char pad[56];   /* a cache line each */
    } * of;             /* per thread */
} part_check;

static void check_part(void *ctx, uint64_t lo, uint64_t hi)
{
    part_check *p = ctx;
    uint64_t w = ps_squares_first_wrong(p->out + lo, lo + 1, hi - lo);
    p->of[omp_get_thread_num()].wrong = w < hi - lo ? lo + w : UINT64_MAX;
}

ps_status ps_squares_check_team(unsigned threads, const uint64_t *out, uint64_t n, char *result,
                                size_t len, ps_msg *msg)
{
    if (threads <= 1 || n < threads || n > PS_SQUARES_MAX)
        return ps_squares_check(out, n, result, len, msg);
    part_check p = {out, calloc(threads, sizeof *p.of)};
    ps_status st = p.of ? PS_OK : ps_fail(msg, PS_ENV, "squares: out of memory for the check");
    for (unsigned i = 0; !st && i < threads; i++)
        p.of[i].wrong = UINT64_MAX;
    if (!st)
        st = ps_team_parts(threads, n, check_part, &p, msg);
    uint64_t wrong = n;
    for (unsigned i = 0; !st && i < threads; i++)
        wrong = p.of[i].wrong < wrong ? p.of[i].wrong : wrong;
    free(p.of);
    return st ? st : ps_squares_verdict(out, n, wrong, result, len, msg);
}
