/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_factorials.h"
#include "ps_catalogue.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

ps_status ps_factorials_init(ps_factorials *f, uint64_t n, ps_msg *msg)
{
    *f = (ps_factorials){.n = n};
    f->value = malloc((n + 1) * sizeof *f->value);
    f->worker = calloc(n + 1, sizeof *f->worker);
    f->order = calloc(n, sizeof *f->order);
    if (!f->value || !f->worker || !f->order) {
        free(f->value), free(f->worker), free(f->order);
        *f = (ps_factorials){0};
        return ps_fail(msg, PS_ENV, "factorials: out of memory for N=%llu", (unsigned long long)n);
    }
    for (uint64_t k = 0; k <= n; k++)
        mpz_init(f->value[k]);
    return PS_OK;
}

void ps_factorials_free(ps_factorials *f)
{
    if (f->value)
        for (uint64_t k = 0; k <= f->n; k++)
            mpz_clear(f->value[k]);
    free(f->value);
    free(f->worker);
    free(f->order);
    *f = (ps_factorials){0};
}

static uint64_t mulmod61(uint64_t a, uint64_t b)
{
    unsigned __int128 p = (unsigned __int128)a * b;
    uint64_t r = (uint64_t)(p & PS_M61) + (uint64_t)(p >> 61);
    return r >= PS_M61 ? r - PS_M61 : r;
}

/* floor(log2 k!) + 1 bits, from lgamma; near an integer the floating value may fall either way. */
static bool bits_plausible(uint64_t k, size_t bits)
{
    double lg = lgamma((double)k + 1) / M_LN2;
    double nearest = nearbyint(lg);
    if (fabs(lg - nearest) < 1e-9 * (lg > 1 ? lg : 1))
        return bits == (size_t)nearest + 1 || bits == (size_t)nearest;
    return bits == (size_t)floor(lg) + 1;
}

static ps_status check_order(const ps_factorials *f, unsigned workers, ps_msg *msg)
{
    if (f->done != f->n)
        return ps_fail(msg, PS_FAILED, "factorials: %llu of %llu results arrived",
                       (unsigned long long)f->done, (unsigned long long)f->n);
    unsigned char *seen = calloc(f->n + 1, 1);
    if (!seen)
        return ps_fail(msg, PS_ENV, "out of memory");
    ps_status st = PS_OK;
    for (uint64_t i = 0; i < f->n && !st; i++) {
        uint64_t k = f->order[i];
        if (k < 1 || k > f->n || seen[k]++)
            st = ps_fail(msg, PS_FAILED,
                         "factorials: completion %llu names k=%llu twice or "
                         "out of range",
                         (unsigned long long)i, (unsigned long long)k);
        else if (f->worker[k] >= workers)
            st = ps_fail(msg, PS_FAILED, "factorials: %llu! credited to worker %u of %u",
                         (unsigned long long)k, f->worker[k], workers);
    }
    free(seen);
    return st;
}

static ps_status check_wilson(const ps_factorials *f, ps_msg *msg, uint64_t *primes)
{
    unsigned char *composite = calloc(f->n + 1, 1);
    if (!composite)
        return ps_fail(msg, PS_ENV, "out of memory");
    ps_status st = PS_OK;
    for (uint64_t p = 2; p <= f->n && !st; p++) {
        if (composite[p])
            continue;
        for (uint64_t q = p * p; q <= f->n; q += p)
            composite[q] = 1;
        (*primes)++;
        if (mpz_fdiv_ui(f->value[p - 1], p) != p - 1)
            st = ps_fail(msg, PS_FAILED, "factorials: Wilson fails for p=%llu: (p-1)! mod p != p-1",
                         (unsigned long long)p);
    }
    free(composite);
    return st;
}

void ps_factorials_order_detail(const ps_factorials *f, char *text, size_t len)
{
    double sum[10] = {0};
    uint64_t count[10] = {0};
    if (f->n < 10 || f->done != f->n)
        return;
    for (uint64_t i = 0; i < f->n; i++) {
        unsigned tenth = (unsigned)((f->order[i] - 1) * 10 / f->n);
        sum[tenth] += 100.0 * (double)i / (double)(f->n - 1);
        count[tenth]++;
    }
    size_t used = strlen(text);
    used +=
        (size_t)snprintf(text + used, used < len ? len - used : 0, "; completion by tenth of n:");
    for (int t = 0; t < 10; t++)
        used += (size_t)snprintf(text + used, used < len ? len - used : 0, " %.0f",
                                 sum[t] / (double)count[t]);
    snprintf(text + used, used < len ? len - used : 0, " (%% of the way)");
}

ps_status ps_factorials_check(const ps_factorials *f, unsigned workers, char *result, size_t len,
                              ps_msg *msg)
{
    ps_status st = check_order(f, workers, msg);
    if (st)
        return st;
    uint64_t previous = 1, checksum = 0, primes = 0;
    for (uint64_t k = 1; k <= f->n; k++) {
        size_t bits = mpz_sizeinbase(f->value[k], 2);
        if (mpz_sgn(f->value[k]) <= 0 || !bits_plausible(k, bits))
            return ps_fail(msg, PS_FAILED, "factorials: %llu! has %zu bits, lgamma says %.0f",
                           (unsigned long long)k, bits, floor(lgamma((double)k + 1) / M_LN2) + 1);
        uint64_t r = mpz_fdiv_ui(f->value[k], PS_M61);
        if (r != mulmod61(previous, k % PS_M61))
            return ps_fail(msg, PS_FAILED, "factorials: %llu! != %llu * %llu! (mod 2^61-1)",
                           (unsigned long long)k, (unsigned long long)k, (unsigned long long)k - 1);
        previous = r;
        checksum = (mulmod61(checksum, 1000003) + r) % PS_M61;
    }
    if ((st = check_wilson(f, msg, &primes)))
        return st;
    snprintf(result, len,
             "checksum %016llx of k! mod 2^61-1 for k=1..%llu; Wilson holds for %llu primes",
             (unsigned long long)checksum, (unsigned long long)f->n, (unsigned long long)primes);
    return PS_OK;
}

void ps_factorials_show(FILE *out, const ps_factorials *f, const char *kind)
{
    void (*gmp_free)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &gmp_free);
    for (uint64_t i = 0; i < f->done; i++) {
        uint64_t k = f->order[i];
        char *text = mpz_get_str(NULL, 10, f->value[k]);
        size_t digits = strlen(text);
        if (digits <= 1000)
            fprintf(out, "%llu! = %s (%s %u)\n", (unsigned long long)k, text, kind, f->worker[k]);
        else
            fprintf(out, "%llu! has %zu digits (%s %u)\n", (unsigned long long)k, digits, kind,
                    f->worker[k]);
        gmp_free(text, digits + 1);
    }
}

const ps_workload_info ps_factorials_info = {
    .name = "factorials",
    .question = "Q7",
    .about = "n! for n = 1..N with GMP, one task per n (the question's loop runs 1..10)",
    .options = (const char *const[]){"print", NULL},
    .default_size = 10,
    .max_size = PS_FACTORIALS_MAX,
    .size_option = "size",
    .sweep = 5000,
    .quick = 2000,
};
