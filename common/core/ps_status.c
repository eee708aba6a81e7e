/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

ps_status ps_fail(ps_msg *msg, ps_status status, const char *fmt, ...)
{
    char raw[sizeof msg->text];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    /* One line whatever the values quoted in it: a control character is written as its C escape
     * (a file's field or an argument may hold a newline). */
    size_t out = 0;
    for (const unsigned char *c = (const unsigned char *)raw; *c; c++) {
        char piece[5] = {(char)*c, '\0'};
        if (*c == '\n' || *c == '\r' || *c == '\t')
            snprintf(piece, sizeof piece, "\\%c", *c == '\n' ? 'n' : *c == '\r' ? 'r' : 't');
        else if (*c < 0x20 || *c == 0x7f)
            snprintf(piece, sizeof piece, "\\x%02x", *c);
        size_t len = strlen(piece);
        if (out + len >= sizeof msg->text)
            break;
        memcpy(msg->text + out, piece, len);
        out += len;
    }
    msg->text[out] = '\0';
    return status;
}

ps_status ps_status_worst(ps_status a, ps_status b)
{
    return a > b ? a : b;
}
