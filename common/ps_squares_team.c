#include "ps_squares_team.h"

#include "ps_squares.h"
#include "ps_team.h"

#include <omp.h>
#include <stdlib.h>

typedef struct part_sums {
    const uint64_t *out;
    struct {
        ps_squares_total t;
        char pad[32]; /* a cache line each */
    } * of;           /* per thread */
} part_sums;

static void sum_part(void *ctx, uint64_t lo, uint64_t hi)
{
    part_sums *p = ctx;
    ps_squares_sums(p->out + lo, lo + 1, hi - lo, &p->of[omp_get_thread_num()].t);
}

ps_status ps_squares_check_team(unsigned threads, const uint64_t *out, uint64_t n, char *result,
                                size_t len, ps_msg *msg)
{
    if (threads <= 1 || n < threads)
        return ps_squares_check(out, n, result, len, msg);
    ps_status st = ps_squares_spot_check(out, 1, n, msg); /* first: it names the wrong element */
    part_sums p = {out, calloc(threads, sizeof *p.of)};
    if (!st && !p.of)
        st = ps_fail(msg, PS_ENV, "squares: out of memory for the check");
    if (!st)
        st = ps_team_parts(threads, n, sum_part, &p, msg);
    ps_squares_total t = {0, 0};
    for (unsigned i = 0; !st && i < threads; i++)
        t.sum += p.of[i].t.sum, t.weighted += p.of[i].t.weighted;
    free(p.of);
    return st ? st : ps_squares_check_sums(&t, n, result, len, msg);
}
