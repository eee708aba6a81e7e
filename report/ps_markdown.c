/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_markdown.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

const char *ps_md_escape(const char *s, char *buf, size_t size)
{
    size_t n = 0;
    for (const char *p = s; *p && size; p++) {
        unsigned char c = (unsigned char)*p;
        char one[8] = {(char)c, 0};
        if (c < 0x20 || c == 0x7f)
            one[0] = ' ';
        else if (c == '<' || c == '>' || c == '&')
            snprintf(one, sizeof one, "&%s;", c == '<' ? "lt" : c == '>' ? "gt" : "amp");
        else if (c == '_' && p > s && alnum(p[-1]) && alnum(p[1]))
            ; /* inside a word (MPI_Ssend) '_' starts no emphasis: left as it is, readable */
        else if (strchr("\\`*_[]|#!~", c))
            one[0] = '\\', one[1] = (char)c, one[2] = '\0';
        size_t len = strlen(one);
        if (n + len + 1 > size)
            break;
        memcpy(buf + n, one, len);
        n += len;
    }
    if (size)
        buf[n] = '\0';
    return buf;
}

/* The directory that a file (to be) written at path is in, canonical; false if it is not there. */
static bool directory_of(const char *path, char *buf)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    return realpath(dir, buf) != NULL;
}

/* to as seen from from (both canonical, absolute). */
static void relative(const char *from, const char *to, char *buf, size_t size)
{
    size_t common = 0;
    if (!strcmp(from, "/")) {
        snprintf(buf, size, "%s", to[1] ? to + 1 : ".");
        return;
    }
    for (size_t i = 0;; i++) { /* the longest shared run of whole components */
        bool end_from = from[i] == '/' || !from[i], end_to = to[i] == '/' || !to[i];
        if (end_from && end_to)
            common = i;
        if (!from[i] || !to[i] || from[i] != to[i])
            break;
    }
    size_t n = 0;
    buf[0] = '\0';
    for (const char *p = from + common; *p; p++)
        if (*p == '/' && n + 4 < size)
            n += (size_t)snprintf(buf + n, size - n, "../");
    const char *rest = to + common + (to[common] == '/');
    if (*rest)
        snprintf(buf + n, size - n, "%s", rest);
    else if (n)
        buf[n - 1] = '\0'; /* "../.." */
    else
        snprintf(buf, size, ".");
}

const char *ps_md_link(const char *dir, const char *report, char *buf, size_t size)
{
    char from[PATH_MAX], to[PATH_MAX], rel[2 * PATH_MAX];
    bool known = !report || !strcmp(report, "-") ? getcwd(from, sizeof from) != NULL
                                                 : directory_of(report, from);
    if (known && realpath(dir, to))
        relative(from, to, rel, sizeof rel);
    else
        snprintf(rel, sizeof rel, "%s", dir);
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)rel; *p && n + 4 < size; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            buf[n++] = (char)*p;
        else
            n += (size_t)snprintf(buf + n, size - n, "%%%02X", *p);
    if (size)
        buf[n] = '\0';
    return buf;
}
