/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_waits.h"

#include <stdio.h>

bool ps_waits_cycle(const ps_waits *g, const char *lead, char *text, size_t len)
{
    char edge[128];
    int w = 0;
    while (w < g->workers && g->next(g->ctx, w, edge, sizeof edge) < 0)
        w++;
    for (int step = 0; step < g->workers && w >= 0 && w < g->workers; step++)
        w = g->next(g->ctx, w, edge, sizeof edge); /* a chain longer than the team is a cycle */
    if (w < 0 || w >= g->workers)
        return false;
    const int start = w;
    size_t at = (size_t)snprintf(text, len, "%s", lead);
    do {
        int next = g->next(g->ctx, w, edge, sizeof edge);
        at += (size_t)snprintf(text + at, at < len ? len - at : 0, " %s;", edge);
        w = next;
    } while (w != start && w >= 0 && w < g->workers && at < len);
    if (at < len)
        text[at - 1] = '\0'; /* the last ";" */
    return true;
}
