/* SPDX-License-Identifier: BSD-3-Clause */
/* The factorials verifier: right results pass, with a checksum that does not depend on the
 * completion order; a corrupted value, a lost or doubled completion, a bad worker id fail. */
#include "ps_factorials.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static void compute_all(ps_factorials *f, int reverse)
{
    for (uint64_t i = 0; i < f->n; i++) {
        uint64_t k = reverse ? f->n - i : i + 1;
        mpz_fac_ui(f->value[k], k);
        f->worker[k] = (uint32_t)(k % 3);
        f->order[f->done++] = k;
    }
}

static void test_right_results_and_order_free_checksum(void)
{
    ps_factorials a, b;
    ps_msg msg;
    char ra[160], rb[160];
    CU_ASSERT_EQUAL_FATAL(ps_factorials_init(&a, 300, &msg), PS_OK);
    CU_ASSERT_EQUAL_FATAL(ps_factorials_init(&b, 300, &msg), PS_OK);
    compute_all(&a, 0);
    compute_all(&b, 1);
    CU_ASSERT_EQUAL(ps_factorials_check(&a, 3, ra, sizeof ra, &msg), PS_OK);
    CU_ASSERT_EQUAL(ps_factorials_check(&b, 3, rb, sizeof rb, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(ra, rb);
    CU_ASSERT_PTR_NOT_NULL(strstr(ra, "Wilson holds for 62 primes")); /* pi(300) = 62 */
    ps_factorials_free(&a);
    ps_factorials_free(&b);
}

static void test_seed_size(void)
{
    ps_factorials f;
    ps_msg msg;
    char r[160];
    CU_ASSERT_EQUAL_FATAL(ps_factorials_init(&f, 10, &msg), PS_OK);
    compute_all(&f, 0);
    CU_ASSERT_EQUAL(ps_factorials_check(&f, 3, r, sizeof r, &msg), PS_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(f.value[10]), 3628800);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    ps_factorials_show(out, &f, "thread");
    fclose(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "1! = 1 (thread 1)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "10! = 3628800 (thread 1)\n"));
    free(text);
    ps_factorials_free(&f);
}

/* The completion order in the detail: each tenth of n's mean place, in percent of the run. */
static void test_order_detail(void)
{
    ps_factorials a, b;
    ps_msg msg;
    char da[160] = "imbalance 1.00", db[160] = "";
    CU_ASSERT_EQUAL_FATAL(ps_factorials_init(&a, 20, &msg), PS_OK);
    CU_ASSERT_EQUAL_FATAL(ps_factorials_init(&b, 20, &msg), PS_OK);
    compute_all(&a, 0);
    compute_all(&b, 1);
    ps_factorials_order_detail(&a, da, sizeof da); /* places 0..19 of 19, two a tenth */
    CU_ASSERT_STRING_EQUAL(da, "imbalance 1.00; completion by tenth of n: 3 13 24 34 45 55 66 76 "
                               "87 97 (% of the way)");
    ps_factorials_order_detail(&b, db, sizeof db);
    CU_ASSERT_STRING_EQUAL(db, "; completion by tenth of n: 97 87 76 66 55 45 34 24 13 3 (% of "
                               "the way)");
    b.done = 19; /* an order not whole: nothing said */
    db[0] = '\0';
    ps_factorials_order_detail(&b, db, sizeof db);
    CU_ASSERT_STRING_EQUAL(db, "");
    ps_factorials_free(&a);
    ps_factorials_free(&b);
}

static void expect_failure(ps_factorials *f, const char *words)
{
    ps_msg msg = {""};
    char r[160];
    CU_ASSERT_EQUAL(ps_factorials_check(f, 3, r, sizeof r, &msg), PS_FAILED);
    if (!strstr(msg.text, words))
        fprintf(stderr, "\n  got '%s', wanted '%s'\n", msg.text, words);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, words));
}

static void test_corruptions(void)
{
    ps_factorials f;
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(ps_factorials_init(&f, 200, &msg), PS_OK);
    compute_all(&f, 0);
    mpz_add_ui(f.value[150], f.value[150], 1); /* one off: not p-1, same bit length */
    expect_failure(&f, "150! != 150 * 149!");
    mpz_sub_ui(f.value[150], f.value[150], 1);
    mpz_mul_2exp(f.value[100], f.value[100], 1); /* twice as large: one bit too many */
    expect_failure(&f, "100! has");
    mpz_fdiv_q_2exp(f.value[100], f.value[100], 1);
    f.order[5] = f.order[6]; /* a completion recorded twice, one lost */
    expect_failure(&f, "twice");
    f.order[5] = 6;
    f.worker[42] = 3;
    expect_failure(&f, "worker 3 of 3");
    f.worker[42] = 0;
    f.done--;
    expect_failure(&f, "199 of 200 results arrived");
    f.done++;
    char r[160];
    CU_ASSERT_EQUAL(ps_factorials_check(&f, 3, r, sizeof r, &msg), PS_OK); /* all undone */
    ps_factorials_free(&f);
}

void suite_factorials(void)
{
    static const CU_TestInfo tests[] = {
        {"right results pass; checksum ignores order", test_right_results_and_order_free_checksum},
        {"the seed's N = 10, shown as the seed does", test_seed_size},
        {"corrupted, lost, doubled, misattributed fail", test_corruptions},
        {"the completion order by tenths of n", test_order_detail},
        CU_TEST_INFO_NULL,
    };
    unit_add("factorials", tests);
}
