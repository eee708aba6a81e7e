/* SPDX-License-Identifier: BSD-3-Clause */
/* The OpenMP runtime's settings checked before it reads them (ps_openmp_env.h). */
#include "ps_openmp_env.h"

#include "ps_memory.h"
#include "ps_parse.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char threads_name[] = "OMP_NUM_THREADS";

ps_status ps_openmp_env_threads(uint64_t max, uint64_t *first, ps_msg *msg)
{
    const char *env = getenv(threads_name);
    *first = 1;
    if (!env)
        return PS_OK;
    if (!*env || strspn(env, "0123456789,") != strlen(env))
        return ps_fail(msg, PS_USAGE, "%s: '%.64s' is not a list of whole numbers in digits",
                       threads_name, env);
    ps_list levels;
    ps_status st = ps_parse_list(threads_name, env, 1, max, &levels, msg);
    if (st == PS_OK)
        *first = levels.v[0];
    return st;
}

/* OMP_STACKSIZE's bytes: digits between optional spaces, an optional B, K, M or G (K without). */
static bool stack_bytes(const char *text, uint64_t *bytes)
{
    char *end;
    while (*text == ' ')
        text++;
    if (!isdigit((unsigned char)*text))
        return false;
    unsigned long long v = strtoull(text, &end, 10);
    while (*end == ' ')
        end++;
    unsigned shift = 10;
    if (*end) {
        const char *units = "BKMG", *u = strchr(units, toupper((unsigned char)*end));
        if (!u)
            return false;
        shift = 10 * (unsigned)(u - units);
        for (end++; *end == ' '; end++) {
        }
    }
    if (*end || v > (UINT64_MAX >> shift))
        return false;
    *bytes = (uint64_t)v << shift;
    return true;
}

ps_status ps_openmp_env_check(uint64_t max_threads, ps_msg *msg)
{
    uint64_t first;
    ps_status st = ps_openmp_env_threads(max_threads, &first, msg);
    const char *stack = getenv("OMP_STACKSIZE");
    uint64_t bytes, available;
    if (st || !stack)
        return st;
    if (!stack_bytes(stack, &bytes))
        return ps_fail(msg, PS_USAGE,
                       "OMP_STACKSIZE: '%.64s' is not a size (digits, then B, K, M "
                       "or G)",
                       stack);
    if (bytes > (available = ps_memory_available()))
        return ps_fail(msg, PS_USAGE,
                       "OMP_STACKSIZE: '%.64s' per thread is more than the %.1f GB available",
                       stack, (double)available / 1e9);
    return PS_OK;
}
