/* SPDX-License-Identifier: BSD-3-Clause */
/* Strict parsing of option values. Whole numbers are decimal digits with an optional power-of-ten
 * exponent ("100000000" or "1e8"); signs, spaces, fractions, empty text and overflow are refused.
 * Every message names the option and the value. */
#ifndef PS_PARSE_H
#define PS_PARSE_H

#include "ps_status.h"

#include <stddef.h>
#include <stdint.h>

#define PS_LIST_MAX 64

typedef struct ps_list {
    uint64_t v[PS_LIST_MAX];
    size_t n;
} ps_list;

ps_status ps_parse_uint(const char *opt, const char *text, uint64_t min, uint64_t max,
                        uint64_t *out, ps_msg *msg);

/* A comma-separated list ("1,2,4,8") of whole numbers, each within [min, max]. */
ps_status ps_parse_list(const char *opt, const char *text, uint64_t min, uint64_t max, ps_list *out,
                        ps_msg *msg);

/* One of choices (NULL-terminated); *out is its index. */
ps_status ps_parse_choice(const char *opt, const char *text, const char *const *choices,
                          unsigned *out, ps_msg *msg);

#endif
