/* SPDX-License-Identifier: BSD-3-Clause */
/* The squares kernel and its verifier: the fill against the definition at every alignment, the
 * closed forms against GMP, and a verifier that rejects wrong, misplaced and compensating errors.
 */
#include "ps_fill.h"
#include "ps_pages.h"
#include "ps_squares.h"
#include "ps_squares_team.h"
#include "unit.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static void test_fill_every_alignment(void)
{
    uint64_t *buf = aligned_alloc(64, 4096 * sizeof(uint64_t));
    static const uint64_t firsts[] = {1, 2, 1000003, UINT64_C(4294967295) - 3000};
    int bad = 0;
    for (size_t f = 0; f < 4; f++)
        for (unsigned off = 0; off < 8; off++)
            for (uint64_t count = 0; count < 300; count += (count < 80 ? 1 : 37)) {
                memset(buf, 0xAB, 4096 * sizeof(uint64_t));
                ps_squares_fill(buf + off, firsts[f], count);
                for (uint64_t k = 0; k < count; k++)
                    bad += buf[off + k] != (firsts[f] + k) * (firsts[f] + k);
                bad += buf[off + count] != UINT64_C(0xABABABABABABABAB); /* nothing past the end */
            }
    CU_ASSERT_EQUAL(bad, 0);
    ps_squares_fill(buf, 1, 4000);
    CU_ASSERT_EQUAL(buf[3999], UINT64_C(16000000));
    free(buf);
}

static void expect_closed_forms(uint64_t n)
{
    mpz_t a, b, want;
    mpz_inits(a, b, want, NULL);
    /* n(n+1)(2n+1)/6 and (n(n+1)/2)^2, computed by GMP */
    mpz_set_ui(a, n);
    mpz_mul_ui(a, a, n + 1);
    mpz_mul_ui(want, a, 2 * n + 1);
    mpz_divexact_ui(want, want, 6);
    char text[48], gmp_text[64];
    CU_ASSERT_STRING_EQUAL(ps_u128_text(ps_squares_sum(n), text, sizeof text),
                           mpz_get_str(gmp_text, 10, want));
    mpz_divexact_ui(b, a, 2);
    mpz_mul(b, b, b);
    CU_ASSERT_STRING_EQUAL(ps_u128_text(ps_squares_weighted_sum(n), text, sizeof text),
                           mpz_get_str(gmp_text, 10, b));
    mpz_clears(a, b, want, NULL);
}

static void test_closed_forms_match_gmp(void)
{
    static const uint64_t ns[] = {
        1, 2, 3, 10, 1000, 2642245, 100000000, 3037000499u, PS_SQUARES_MAX - 1, PS_SQUARES_MAX};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
        expect_closed_forms(ns[i]);
}

static uint64_t *squares_of(uint64_t n)
{
    uint64_t *out = aligned_alloc(64, (n * sizeof(uint64_t) + 63) / 64 * 64);
    ps_squares_fill(out, 1, n);
    return out;
}

static void test_accepts_right_results(void)
{
    char result[128];
    ps_msg msg;
    uint64_t *out = squares_of(10);
    CU_ASSERT_EQUAL(ps_squares_check(out, 10, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(result, "sum of squares 385");
    free(out);
    CU_ASSERT_EQUAL(ps_squares_check((uint64_t[]){1}, 1, result, sizeof result, &msg), PS_OK);
    /* 5e6 squares sum to 4.2e19, past 2^64: a 64-bit verifier would wrap and fail here */
    const uint64_t n = 5000000;
    out = squares_of(n);
    CU_ASSERT_EQUAL(ps_squares_check(out, n, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(result, "sum of squares 41666679166667500000");
    free(out);
}

static void expect_rejected(uint64_t *out, uint64_t n)
{
    char result[128] = "";
    ps_msg msg = {""};
    CU_ASSERT_EQUAL(ps_squares_check(out, n, result, sizeof result, &msg), PS_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "squares:"));
}

static void test_rejects_corruption(void)
{
    const uint64_t n = 100000;
    uint64_t *out = squares_of(n);
    for (uint64_t i = 1; i < n; i += 9973) { /* one element off by one, anywhere */
        out[i]++;
        expect_rejected(out, n);
        out[i]--;
    }
    uint64_t t = out[123];
    out[123] = out[4567], out[4567] = t; /* two swapped: the plain sum still holds */
    expect_rejected(out, n);
    out[4567] = out[123], out[123] = t;
    out[200]++, out[300]--; /* compensating errors: the plain sum still holds */
    expect_rejected(out, n);
    out[200]--, out[300]++;
    out[n - 1] = 0; /* the last element: the one a short gather loses */
    expect_rejected(out, n);
    free(out);
    char result[8];
    ps_msg msg;
    CU_ASSERT_EQUAL(ps_squares_check(NULL, 0, result, sizeof result, &msg), PS_USAGE);
}

static void test_show_like_the_seed(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    uint64_t *out = squares_of(25);
    ps_squares_show(f, out, 10, 2, "rank", false);
    ps_squares_show(f, out, 25, 1, "thread", false);
    ps_squares_show(f, out, 25, 1, "thread", true);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(text, "Results (2 ranks): [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]\n"
                                 "Results (1 thread): [1, 4, 9, 16, 25, ..., 576, 625]\n"
                                 "Results (1 thread): [1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, "
                                 "144, 169, 196, 225, 256, 289, 324, 361, 400, 441, 484, 529, "
                                 "576, 625]\n");
    free(text);
    free(out);
}

static void test_pool_chunk_is_pythons(void)
{
    CU_ASSERT_EQUAL(ps_pool_chunk(10, 4), 1);
    CU_ASSERT_EQUAL(ps_pool_chunk(100, 2), 13);
    CU_ASSERT_EQUAL(ps_pool_chunk(16, 4), 1);
    CU_ASSERT_EQUAL(ps_pool_chunk(17, 4), 2);
    CU_ASSERT_EQUAL(ps_pool_chunk(100000000, 8), 3125000);
}

static void test_fill_reference(void)
{
    const uint64_t n = 1001;
    uint64_t *out = malloc(n * sizeof *out);
    char result[64];
    ps_msg msg;
    ps_fill(out, 0, 500);
    ps_fill(out, 500, n);
    CU_ASSERT_EQUAL(ps_fill_check(out, n, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(result, "8008 bytes of 0x5a");
    ((unsigned char *)out)[8 * 777 + 3] = 0; /* one byte anywhere */
    CU_ASSERT_EQUAL(ps_fill_check(out, n, result, sizeof result, &msg), PS_FAILED);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "slot 777"));
    free(out);
}

/* Huge pages where the kernel offers them, 4 KiB pages where not, and a usable array either way. */
static void test_huge_pages_fall_back(void)
{
    char path[] = "/tmp/parsuite-thp-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT(write(fd, "always madvise [never]\n", 23) == 23);
    CU_ASSERT_EQUAL(ps_huge_pages_offered(path), 0);
    CU_ASSERT(ftruncate(fd, 0) == 0 && pwrite(fd, "always [madvise] never\n", 23, 0) == 23);
    CU_ASSERT_EQUAL(ps_huge_pages_offered(path), 1);
    close(fd);
    unlink(path);
    CU_ASSERT_EQUAL(ps_huge_pages_offered(path), 0); /* no such file: no huge pages */
    ps_pages pages;
    const size_t n = (8u << 20) / sizeof(uint64_t);
    uint64_t *small = ps_pages_alloc(100, &pages);
    CU_ASSERT_PTR_NOT_NULL(small);
    CU_ASSERT_EQUAL(pages, PS_PAGES_SMALL);
    free(small);
    CU_ASSERT_FATAL(prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0); /* this process: none */
    uint64_t *big = ps_pages_alloc(n * sizeof *big, &pages);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    CU_ASSERT_EQUAL(pages, PS_PAGES_NOT_OFFERED);
    CU_ASSERT_STRING_EQUAL(ps_pages_text(pages), "4 KiB pages (no transparent huge pages here)");
    ps_squares_fill(big, 1, n);
    CU_ASSERT_EQUAL(big[n - 1], (uint64_t)n * n);
    free(big);
    CU_ASSERT(prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0) == 0);
}

/* The check with a team of threads finds what the serial one finds. */
static void test_team_check(void)
{
    const uint64_t n = 100003;
    uint64_t *out = malloc(n * sizeof *out);
    char result[96], serial[96];
    ps_msg msg;
    ps_squares_fill(out, 1, n);
    CU_ASSERT_EQUAL(ps_squares_check_team(3, out, n, result, sizeof result, &msg), PS_OK);
    CU_ASSERT_EQUAL(ps_squares_check(out, n, serial, sizeof serial, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(result, serial);
    uint64_t t = out[70001];
    out[70001] = out[70002], out[70002] = t; /* misplaced in the last thread's part */
    CU_ASSERT_EQUAL(ps_squares_check_team(3, out, n, result, sizeof result, &msg), PS_FAILED);
    free(out);
}

void suite_squares(void)
{
    static const CU_TestInfo tests[] = {
        {"fill matches k^2 at every alignment and length", test_fill_every_alignment},
        {"closed forms match GMP up to N = 2^32 - 1", test_closed_forms_match_gmp},
        {"verifier accepts right results, past 64-bit sums", test_accepts_right_results},
        {"verifier rejects wrong, swapped, compensating, lost", test_rejects_corruption},
        {"results shown as the seed does", test_show_like_the_seed},
        {"pool chunk size is multiprocessing's", test_pool_chunk_is_pythons},
        {"the bandwidth reference fills and checks every byte", test_fill_reference},
        {"huge pages fall back to 4 KiB pages where not offered", test_huge_pages_fall_back},
        {"the check with a team finds what the serial one finds", test_team_check},
        CU_TEST_INFO_NULL,
    };
    unit_add("squares", tests);
}
