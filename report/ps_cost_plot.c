/* SPDX-License-Identifier: BSD-3-Clause */
/* The figure of a workload whose sizes were chosen per point (share: its operations calibrated per
 * worker count): nanoseconds per item against workers, one point per worker count (the largest
 * size measured there, the latest record), a line per model and variant, in small multiples: a
 * panel per model, at most PANEL_LINES lines in each, sharing the y axis. */
#include "ps_cost_plot.h"

#include "ps_rows.h"

#include <math.h>
#include <string.h>

enum { PANEL_LINES = 6, MAX_LINES = 64 };

/* The row of line's model and variant at `workers` to draw: the largest size, the latest. */
static const ps_row *point_at(ps_row **rows, size_t from, size_t to, const ps_row *line,
                              double workers)
{
    const ps_row *best = NULL;
    for (size_t i = from; i < to; i++) {
        const ps_row *r = rows[i];
        if (r->weak || !r->verified || ps_hybrid(r) || r->workers != workers ||
            r->setup != line->setup || strcmp(r->model, line->model) ||
            strcmp(r->variant, line->variant))
            continue;
        if (!best || r->size >= best->size)
            best = r;
    }
    return best;
}

/* The first row of each model and variant (and setup), models in their order of first sight. */
static size_t lines_of(ps_row **rows, size_t from, size_t to, const ps_row **line)
{
    size_t n = 0;
    for (size_t i = from; i < to && n < MAX_LINES; i++) {
        if (rows[i]->weak || !rows[i]->verified || ps_hybrid(rows[i]) || rows[i]->size <= 0)
            continue; /* a failure shown on purpose (a deadlock) has no cost */
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = line[k]->setup == rows[i]->setup && !strcmp(line[k]->model, rows[i]->model) &&
                   !strcmp(line[k]->variant, rows[i]->variant);
        if (!seen)
            line[n++] = rows[i];
    }
    /* grouped by model (a stable insertion sort: the panels follow) */
    for (size_t k = 1; k < n; k++)
        for (size_t j = k; j > 0 && strcmp(line[j - 1]->model, line[j]->model) > 0; j--) {
            const ps_row *t = line[j];
            line[j] = line[j - 1];
            line[j - 1] = t;
        }
    return n;
}

/* Line k's points; *lo and *hi widen to take them in (the panels' shared y axis). */
static void data_block(FILE *gp, ps_row **rows, size_t from, size_t to, const ps_row *line,
                       size_t k, double *ymin, double *ymax)
{
    fprintf(gp, "$c%zu << EOD\n", k);
    for (double w = 1; w <= 1 << 20; w *= 2) {
        const ps_row *r = point_at(rows, from, to, line, w);
        if (!r || r->size <= 0)
            continue;
        double lo = r->seconds_median, hi = lo;
        ps_row_interval(r, &lo, &hi);
        fprintf(gp, "%.0f %.9g %.9g %.9g\n", w, 1e9 * r->seconds_median / r->size,
                1e9 * lo / r->size, 1e9 * hi / r->size);
        *ymin = fmin(*ymin, 1e9 * lo / r->size);
        *ymax = fmax(*ymax, 1e9 * hi / r->size);
    }
    fprintf(gp, "EOD\n");
}

void ps_cost_plot_script(FILE *gp, ps_row **rows, size_t from, size_t to, unsigned setups)
{
    const ps_row *line[MAX_LINES];
    size_t n = lines_of(rows, from, to, line);
    if (!n)
        return;
    size_t panels = 0, first[MAX_LINES + 1];
    for (size_t k = 0;
         k < n;) { /* a model's lines split evenly into panels of PANEL_LINES or less */
        size_t m = k;
        while (m < n && !strcmp(line[m]->model, line[k]->model))
            m++;
        size_t parts = (m - k + PANEL_LINES - 1) / PANEL_LINES, each = (m - k + parts - 1) / parts;
        for (; k < m; k += each)
            first[panels++] = k;
        k = m;
    }
    first[panels] = n;
    double ymin = INFINITY, ymax = 0;
    for (size_t k = 0; k < n; k++)
        data_block(gp, rows, from, to, line[k], k, &ymin, &ymax);
    if (!(ymin > 0 && ymax >= ymin))
        ymin = 1, ymax = 10;
    size_t across = panels < 3 ? panels : 3, down = (panels + across - 1) / across;
    const char *w = rows[from]->workload;
    fprintf(gp,
            "set terminal pngcairo size %zu,%zu noenhanced\nset output '%s-cost.png'\n"
            "set multiplot layout %zu,%zu title '%s: time per item (median, 95 percent interval), "
            "one point per worker count'\n"
            "set key below vertical maxrows 3 font ',9'\nset bmargin 8\n"
            "set ylabel 'ns per item (log scale)'\nset logscale y 10\nset yrange [%.3g:%.3g]\n",
            380 * across + 100, 440 * down, w, down, across, w, ymin / 2, ymax * 2);
    char name[48];
    for (size_t p = 0; p < panels; p++) {
        fprintf(gp, "set title '%s'\nplot ",
                ps_series_name(line[first[p]], setups, name, sizeof name));
        for (size_t k = first[p]; k < first[p + 1]; k++)
            fprintf(gp, "%s$c%zu using 1:2:3:4 with yerrorlines linetype %zu title '%s'",
                    k > first[p] ? ", " : "", k, k % 8 + 1, line[k]->variant);
        fprintf(gp, "\n");
    }
    fprintf(gp, "unset multiplot\nunset title\nset bmargin\nset autoscale y\n");
}
