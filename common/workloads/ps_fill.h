/* SPDX-License-Identifier: BSD-3-Clause */
/* The write-bandwidth reference for squares: the same N 8-byte slots filled with a non-zero byte
 * by memset (a zero fill can take a fast path no real result gets), and its verification. */
#ifndef PS_FILL_H
#define PS_FILL_H

#include "ps_status.h"

#include <stddef.h>
#include <stdint.h>

#define PS_FILL_BYTE 0x5a

/* Fills slots [lo, hi) of out. */
void ps_fill(uint64_t *out, uint64_t lo, uint64_t hi);

/* Every byte of n slots holds PS_FILL_BYTE. */
ps_status ps_fill_check(const uint64_t *out, uint64_t n, char *result, size_t len, ps_msg *msg);

/* What a verified fill of n slots is: "800 bytes of 0x5a". */
void ps_fill_describe(uint64_t n, char *result, size_t len);

#endif
