/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ps_array_grow(void *data, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return true;
    size_t more = *cap ? 2 * *cap : 8;
    void *p = realloc(*(void **)data, more * elem);
    if (!p)
        return false;
    *(void **)data = p;
    *cap = more;
    return true;
}

static bool reserve(ps_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void ps_buf_printf(ps_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void ps_buf_clear(ps_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void ps_buf_free(ps_buf *b)
{
    free(b->data);
    *b = (ps_buf){0};
}

void ps_buf_csv(ps_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        ps_buf_printf(b, "%s", s);
        return;
    }
    ps_buf_printf(b, "\"");
    for (; *s; s++)
        ps_buf_printf(b, *s == '"' ? "\"\"" : "%c", *s);
    ps_buf_printf(b, "\"");
}

void ps_buf_json(ps_buf *b, const char *s)
{
    ps_buf_printf(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            ps_buf_printf(b, "\\%c", c);
        else if (c < 0x20)
            ps_buf_printf(b, "\\u%04x", c);
        else
            ps_buf_printf(b, "%c", c);
    }
    ps_buf_printf(b, "\"");
}

/* The length of the valid UTF-8 character at s (1 to 4), 0 if none starts there, -1 if one is
 * cut short by the end of s. */
static int utf8_length(const unsigned char *s)
{
    static const struct {
        unsigned char lead_lo, lead_hi;
        int n;
    } forms[] = {{0xC2, 0xDF, 2}, {0xE0, 0xEF, 3}, {0xF0, 0xF4, 4}};
    if (s[0] < 0x80)
        return 1;
    for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
        if (s[0] < forms[f].lead_lo || s[0] > forms[f].lead_hi)
            continue;
        /* the second byte's range excludes overlong forms, surrogates and beyond U+10FFFF */
        unsigned char lo = s[0] == 0xE0   ? 0xA0
                           : s[0] == 0xF0 ? 0x90
                                          : 0x80,
                      hi = s[0] == 0xED   ? 0x9F
                           : s[0] == 0xF4 ? 0x8F
                                          : 0xBF;
        for (int i = 1; i < forms[f].n; i++) {
            if (!s[i])
                return -1;
            if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xBF))
                return 0;
        }
        return forms[f].n;
    }
    return 0;
}

void ps_text_clean(char *s)
{
    unsigned char *in = (unsigned char *)s, *out = in;
    while (*in) {
        int n = utf8_length(in);
        if (n < 0)
            break;
        if (n == 0) {
            *out++ = '?', in++;
        } else if (n == 1) {
            *out++ = *in < 0x20 || *in == 0x7f ? ' ' : *in;
            in++;
        } else {
            memmove(out, in, (size_t)n);
            out += n, in += n;
        }
    }
    *out = '\0';
}
