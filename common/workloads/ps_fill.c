/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_fill.h"
#include "ps_catalogue.h"
#include "ps_squares.h"

#include <stdio.h>
#include <string.h>

void ps_fill(uint64_t *out, uint64_t lo, uint64_t hi)
{
    memset(out + lo, PS_FILL_BYTE, (hi - lo) * sizeof *out);
}

ps_status ps_fill_check(const uint64_t *out, uint64_t n, char *result, size_t len, ps_msg *msg)
{
    const uint64_t want = UINT64_C(0x0101010101010101) * PS_FILL_BYTE;
    enum { STRIDE = 4096 }; /* compared whole (vectorized), searched only where one differs */
    for (uint64_t lo = 0; lo < n; lo += STRIDE) {
        uint64_t hi = lo + STRIDE < n ? lo + STRIDE : n, bad = 0;
        for (uint64_t i = lo; i < hi; i++)
            bad |= out[i] ^ want;
        for (uint64_t i = lo; bad && i < hi; i++)
            if (out[i] != want)
                return ps_fail(
                    msg, PS_FAILED, "fill: slot %llu holds 0x%016llx, expected 0x%016llx",
                    (unsigned long long)i, (unsigned long long)out[i], (unsigned long long)want);
    }
    ps_fill_describe(n, result, len);
    return PS_OK;
}

void ps_fill_describe(uint64_t n, char *result, size_t len)
{
    snprintf(result, len, "%llu bytes of 0x%02x", (unsigned long long)(n * sizeof(uint64_t)),
             PS_FILL_BYTE);
}

const ps_workload_info ps_fill_info = {
    .name = "fill",
    .question = "reference for Q8",
    .about =
        "write bandwidth: the squares array (or each rank's block) filled with a non-zero byte",
    .default_size = 100000000,
    .max_size = PS_SQUARES_MAX,
    .size_option = "size",
    .sweep = 20000000,
    .quick = 2000000,
    .weak = true,
};
