/* SPDX-License-Identifier: BSD-3-Clause */
/* The plain-text summary of a run for a terminal or a job log (ps_summary.h). */
#include "ps_summary.h"

#include "ps_rows.h"
#include "ps_scaling.h"
#include "ps_time.h"

#include <stdlib.h>

ps_status ps_report_summary(FILE *out, const ps_results *r, double wall, ps_msg *msg)
{
    ps_row **rows = ps_sorted_rows(r);
    if (!rows)
        return ps_fail(msg, PS_ENV, "out of memory");
    double timed = 0;
    fprintf(out, "%-22s %-10s %-14s %7s %12s %11s %8s %8s %5s\n", "model", "workload", "variant",
            "workers", "size", "median", "speedup", "verified", "over");
    for (size_t i = 0, j; i < r->n; i = j) {
        for (j = i + 1; j < r->n && ps_same_table(rows[i], rows[j]); j++) {
        }
        for (size_t k = i; k < j; k++) {
            const ps_row *p = rows[k];
            timed += p->seconds_mean * (p->repetitions + p->warmup);
            if (k + 1 < j && ps_same_point(p, rows[k + 1]))
                continue; /* measured again later: the latest record stands */
            const ps_row *base = ps_baseline(rows, i, j, p);
            char name[48], speedup[16] = "-", median[32];
            ps_duration_text(median, sizeof median, p->seconds_median);
            if (base && p->seconds_median > 0)
                snprintf(speedup, sizeof speedup, "%.2f",
                         ps_speedup(base->seconds_median, p->seconds_median));
            fprintf(out, "%-22s %-10s %-14s %7.0f %12.0f %11s %8s %8s %5s\n",
                    ps_series_name(p, r->setups, name, sizeof name), p->workload, p->variant,
                    p->workers, p->size, median, speedup, p->verified ? "yes" : "NO",
                    p->oversubscribed ? "yes" : "no");
        }
    }
    free(rows);
    for (unsigned k = 0; k < r->setups; k++) {
        char name[16] = "";
        if (r->setups > 1)
            ps_setup_name(k, name, sizeof name);
        fprintf(out, "# %s%s%s%s, %s %s\n", *name ? "setup " : "", name, *name ? ": " : "",
                r->setup[k].host, r->setup[k].compiler, r->setup[k].flags);
    }
    fprintf(out, "# %zu records; %.1f s inside timed regions and warm-ups", r->n, timed);
    if (wall >= timed && wall > 0) /* (less: records from outside this sweep) */
        fprintf(out,
                " of %.0f s in all: the rest (%.0f%%) is the driver (launches, checks, "
                "verification, writing)",
                wall, 100 * (wall - timed) / wall);
    fprintf(out, "\n");
    return PS_OK; /* a write that failed is told where out is closed, with its name */
}
