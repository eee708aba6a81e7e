/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_parse.h"

#include <stdio.h>
#include <string.h>

/* Digits only, into *v; false on an empty run or overflow. */
static const char *digits(const char *s, uint64_t *v, int *overflow)
{
    const char *p = s;
    uint64_t x = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        unsigned d = (unsigned)(*p - '0');
        if (x > (UINT64_MAX - d) / 10)
            *overflow = 1;
        else
            x = x * 10 + d;
    }
    *v = x;
    return p == s ? NULL : p;
}

ps_status ps_parse_uint(const char *opt, const char *text, uint64_t min, uint64_t max,
                        uint64_t *out, ps_msg *msg)
{
    if (!text || !*text)
        return ps_fail(msg, PS_USAGE, "%s: empty value (expected a whole number)", opt);
    int overflow = 0;
    uint64_t v, e = 0;
    const char *p = digits(text, &v, &overflow);
    if (p && (*p == 'e' || *p == 'E')) {
        p = digits(p + 1, &e, &overflow);
        for (uint64_t i = 0; p && !overflow && i < e && v; i++) {
            if (v > UINT64_MAX / 10)
                overflow = 1;
            else
                v *= 10;
        }
    }
    if (!p || *p) {
        if (text[0] == '-' || text[0] == '+')
            return ps_fail(msg, PS_USAGE, "%s: '%s' is not a whole number (no signs)", opt, text);
        return ps_fail(msg, PS_USAGE, "%s: '%s' is not a whole number", opt, text);
    }
    if (overflow || v > max)
        return ps_fail(msg, PS_USAGE, "%s: '%s' is too large (at most %llu)", opt, text,
                       (unsigned long long)max);
    if (v < min)
        return ps_fail(msg, PS_USAGE, "%s: '%s' is too small (at least %llu)", opt, text,
                       (unsigned long long)min);
    *out = v;
    return PS_OK;
}

ps_status ps_parse_list(const char *opt, const char *text, uint64_t min, uint64_t max, ps_list *out,
                        ps_msg *msg)
{
    if (!text || !*text)
        return ps_fail(msg, PS_USAGE, "%s: empty list (expected e.g. 1,2,4,8)", opt);
    ps_list l = {.n = 0};
    const char *p = text;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char item[32];
        if (len == 0)
            return ps_fail(msg, PS_USAGE, "%s: '%s' has an empty item", opt, text);
        if (len >= sizeof item)
            return ps_fail(msg, PS_USAGE, "%s: '%.*s' is not a whole number", opt, (int)len, p);
        if (l.n == PS_LIST_MAX)
            return ps_fail(msg, PS_USAGE, "%s: '%s' has more than %d items", opt, text,
                           PS_LIST_MAX);
        memcpy(item, p, len);
        item[len] = '\0';
        ps_status st = ps_parse_uint(opt, item, min, max, &l.v[l.n], msg);
        if (st)
            return st;
        l.n++;
        if (!comma)
            break;
        p = comma + 1;
    }
    *out = l;
    return PS_OK;
}

ps_status ps_parse_choice(const char *opt, const char *text, const char *const *choices,
                          unsigned *out, ps_msg *msg)
{
    char known[256] = "";
    size_t used = 0;
    for (unsigned i = 0; choices[i]; i++) {
        if (text && strcmp(text, choices[i]) == 0) {
            *out = i;
            return PS_OK;
        }
        int n = snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", choices[i]);
        if (n > 0 && (size_t)n < sizeof known - used)
            used += (size_t)n;
    }
    if (!text || !*text)
        return ps_fail(msg, PS_USAGE, "%s: empty value (one of: %s)", opt, known);
    return ps_fail(msg, PS_USAGE, "%s: unknown value '%s' (one of: %s)", opt, text, known);
}
