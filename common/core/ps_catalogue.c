/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_catalogue.h"

#include <stddef.h>
#include <string.h>

void ps_sweep_sizes(const ps_workload_info *w, const char *model, const char *variant,
                    uint64_t *sweep, uint64_t *quick)
{
    *sweep = w->size_option ? w->sweep : 0;
    *quick = w->size_option ? w->quick : 0;
    for (const ps_sweep_size *e = w->exceptions; e && e->model; e++)
        if (!strcmp(e->model, model) && (!e->variant || !strcmp(e->variant, variant))) {
            *sweep = e->sweep;
            *quick = e->quick;
        }
}
