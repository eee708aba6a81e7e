/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_squares.h"
#include "ps_catalogue.h"

#include <stdio.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(PS_NO_STREAMING)
#include <immintrin.h>
#define PS_STREAMING 1

/* Eight squares per 64-byte line: s holds (x..x+7)^2, d their distances to the next eight, which
 * grow by 2*8*8 each step, so the loop only adds; each line is written whole with a streaming
 * store (no read for ownership, no cache pollution). */
__attribute__((target("avx512f"))) static uint64_t fill_avx512(uint64_t *dst, uint64_t first,
                                                               uint64_t count)
{
    uint64_t lines = count / 8;
    uint64_t s0[8] __attribute__((aligned(64))), d0[8] __attribute__((aligned(64)));
    for (int k = 0; k < 8; k++) {
        uint64_t x = first + (uint64_t)k;
        s0[k] = x * x;
        d0[k] = 16 * x + 64;
    }
    __m512i s = _mm512_load_si512(s0), d = _mm512_load_si512(d0);
    const __m512i step = _mm512_set1_epi64(128);
    for (uint64_t i = 0; i < lines; i++) {
        _mm512_stream_si512((void *)(dst + 8 * i), s);
        s = _mm512_add_epi64(s, d);
        d = _mm512_add_epi64(d, step);
    }
    _mm_sfence(); /* streaming stores are weakly ordered: publish them before any barrier */
    return 8 * lines;
}
#endif

void ps_squares_fill(uint64_t *dst, uint64_t first, uint64_t count)
{
    uint64_t k = 0;
#ifdef PS_STREAMING
    if (count >= 64 && __builtin_cpu_supports("avx512f")) {
        for (; (uintptr_t)(dst + k) % 64 != 0; k++) /* up to the first whole cache line */
            dst[k] = (first + k) * (first + k);
        k += fill_avx512(dst + k, first + k, count - k);
    }
#endif
    for (; k < count; k++)
        dst[k] = (first + k) * (first + k);
}

unsigned __int128 ps_squares_sum(uint64_t n)
{
    unsigned __int128 a = n, b = (unsigned __int128)n + 1, c = 2 * (unsigned __int128)n + 1;
    /* n(n+1) is even and one of n, n+1, 2n+1 is a multiple of 3: divide before multiplying. */
    if (a % 2 == 0)
        a /= 2;
    else
        b /= 2;
    if (a % 3 == 0)
        a /= 3;
    else if (b % 3 == 0)
        b /= 3;
    else
        c /= 3;
    return a * b * c;
}

unsigned __int128 ps_squares_weighted_sum(uint64_t n)
{
    unsigned __int128 t = (unsigned __int128)n * (n + 1) / 2;
    return t * t;
}

const char *ps_u128_text(unsigned __int128 v, char *buf, size_t len)
{
    char tmp[48];
    int i = (int)sizeof tmp - 1;
    tmp[i] = '\0';
    do {
        tmp[--i] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    snprintf(buf, len, "%s", tmp + i);
    return buf;
}

ps_status ps_squares_spot_check(const uint64_t *block, uint64_t first, uint64_t count, ps_msg *msg)
{
    if (count == 0)
        return PS_OK;
    uint64_t spots[19] = {0, count - 1, count / 2};
    uint64_t x = 0x9e3779b97f4a7c15u ^ first;
    for (int i = 3; i < 19; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        spots[i] = x % count;
    }
    for (int i = 0; i < 19; i++) {
        uint64_t k = first + spots[i];
        if (block[spots[i]] != k * k)
            return ps_fail(msg, PS_FAILED, "squares: element %llu is %llu, expected %llu^2 = %llu",
                           (unsigned long long)(k - 1), (unsigned long long)block[spots[i]],
                           (unsigned long long)k, (unsigned long long)(k * k));
    }
    return PS_OK;
}

void ps_squares_sums(const uint64_t *block, uint64_t first, uint64_t count, ps_squares_total *t)
{
    unsigned __int128 sum = 0, weighted = 0;
    for (uint64_t i = 0; i < count; i++) {
        sum += block[i];
        weighted += (unsigned __int128)(first + i) * block[i];
    }
    t->sum += sum;
    t->weighted += weighted;
}

ps_status ps_squares_check_sums(const ps_squares_total *t, uint64_t n, char *result, size_t len,
                                ps_msg *msg)
{
    char a[48], b[48];
    unsigned __int128 want = ps_squares_sum(n), want_weighted = ps_squares_weighted_sum(n);
    if (t->sum != want)
        return ps_fail(msg, PS_FAILED, "squares: sum is %s, expected n(n+1)(2n+1)/6 = %s",
                       ps_u128_text(t->sum, a, sizeof a), ps_u128_text(want, b, sizeof b));
    if (t->weighted != want_weighted)
        return ps_fail(msg, PS_FAILED,
                       "squares: sum of k*out[k] is %s, expected (n(n+1)/2)^2 = %s "
                       "(elements misplaced)",
                       ps_u128_text(t->weighted, a, sizeof a),
                       ps_u128_text(want_weighted, b, sizeof b));
    snprintf(result, len, "sum of squares %s", ps_u128_text(t->sum, a, sizeof a));
    return PS_OK;
}

uint64_t ps_squares_first_wrong(const uint64_t *block, uint64_t first, uint64_t count)
{
    enum { STRIDE = 4096 }; /* compared whole, then searched only where something differs */
    for (uint64_t lo = 0; lo < count; lo += STRIDE) {
        uint64_t hi = lo + STRIDE < count ? lo + STRIDE : count, bad = 0;
        for (uint64_t i = lo; i < hi; i++) {
            uint32_t k = (uint32_t)(first + i);
            bad |= block[i] ^ ((uint64_t)k * k);
        }
        for (uint64_t i = lo; bad && i < hi; i++)
            if (block[i] != (first + i) * (first + i))
                return i;
    }
    return count;
}

ps_status ps_squares_verdict(const uint64_t *out, uint64_t n, uint64_t wrong, char *result,
                             size_t len, ps_msg *msg)
{
    char a[48];
    if (wrong < n)
        return ps_fail(msg, PS_FAILED, "squares: element %llu is %llu, expected %llu^2 = %llu",
                       (unsigned long long)wrong, (unsigned long long)out[wrong],
                       (unsigned long long)(wrong + 1),
                       (unsigned long long)((wrong + 1) * (wrong + 1)));
    snprintf(result, len, "sum of squares %s", ps_u128_text(ps_squares_sum(n), a, sizeof a));
    return PS_OK;
}

ps_status ps_squares_check(const uint64_t *out, uint64_t n, char *result, size_t len, ps_msg *msg)
{
    if (n == 0 || n > PS_SQUARES_MAX)
        return ps_fail(msg, PS_USAGE, "squares: N=%llu is outside 1..%llu", (unsigned long long)n,
                       (unsigned long long)PS_SQUARES_MAX);
    return ps_squares_verdict(out, n, ps_squares_first_wrong(out, 1, n), result, len, msg);
}

void ps_squares_show(FILE *out, const uint64_t *squares, uint64_t n, unsigned workers,
                     const char *kind, bool all)
{
    fprintf(out, "Results (%u %s%s): [", workers, kind, workers == 1 ? "" : "s");
    bool elide = !all && n > 20;
    for (uint64_t i = 0; i < n; i++) {
        if (elide && i == 5) {
            fprintf(out, ", ...");
            i = n - 3;
            continue;
        }
        fprintf(out, "%s%llu", i ? ", " : "", (unsigned long long)squares[i]);
    }
    fprintf(out, "]\n");
}

uint64_t ps_pool_chunk(uint64_t n, unsigned workers)
{
    uint64_t parts = 4 * (uint64_t)(workers ? workers : 1);
    return n / parts + (n % parts != 0);
}

const ps_workload_info ps_squares_info = {
    .name = "squares",
    .question = "Q2, Q8",
    .about = "a pool maps square() over 1..N (MPI local: results stay on their ranks, rank 0 "
             "holds N / ranks)",
    .options = (const char *const[]){"chunk", "print", NULL},
    .default_size = 10,
    .max_size = PS_SQUARES_MAX,
    .size_option = "size",
    .sweep = 20000000,
    .quick = 2000000,
    .weak = true,
    .weak_mpi_variant = "local", /* the others gather every result on rank 0 */
};
