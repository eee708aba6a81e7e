/* SPDX-License-Identifier: BSD-3-Clause */
/* The gnuplot script of the per-workload figures, and drawing it (ps_plots.h). */
#include "ps_plots.h"

#include "ps_cost_plot.h"
#include "ps_figures.h"
#include "ps_gnuplot.h"
#include "ps_rows.h"
#include "ps_scaling.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void terminal(FILE *gp);

enum { MAX_SERIES = 128, PANEL_LINES = 6 };

/* A series of a workload (model and setup, for one variant and size): its data block $s<k>, its
 * first row, and how many of its points are noisy. */
typedef struct series {
    const ps_row *first;
    size_t noisy;
    double lo, hi, slo, shi; /* the extent of its times (intervals included) and speedups */
} series;

/* One gnuplot data block per series: workers, median, speedup against the series' 1-worker point
 * (NaN without one), the median's 95% interval (the median itself where there is none), and the
 * median and speedup again where the point is noisy (its interval wider than PS_NOISY_PERCENT of
 * the median), NaN elsewhere. */
static size_t data_blocks(FILE *gp, ps_row **rows, size_t from, size_t to, series *out)
{
    size_t n = 0;
    for (size_t i = from, j; i < to; i = j) {
        for (j = i + 1; j < to && ps_same_series(rows[i], rows[j]); j++) {
        }
        if (rows[i]->weak || n == MAX_SERIES) /* a weak series' point: in its own plot */
            continue;
        const ps_row *base = ps_baseline(rows, i, j, rows[i]);
        out[n] = (series){.first = rows[i], .lo = INFINITY, .slo = INFINITY};
        fprintf(gp, "$s%zu << EOD\n", n);
        for (size_t k = i; k < j; k++)
            if (k + 1 == j || !ps_same_point(rows[k], rows[k + 1])) {
                double lo = rows[k]->seconds_median, hi = lo,
                       speedup =
                           base ? ps_speedup(base->seconds_median, rows[k]->seconds_median) : NAN;
                ps_row_interval(rows[k], &lo, &hi);
                bool noisy = ps_row_noisy(rows[k]);
                out[n].noisy += noisy;
                out[n].lo = fmin(out[n].lo, lo);
                out[n].hi = fmax(out[n].hi, hi);
                if (isfinite(speedup)) {
                    out[n].slo = fmin(out[n].slo, speedup);
                    out[n].shi = fmax(out[n].shi, fmax(speedup, rows[k]->workers)); /* the ideal */
                }
                fprintf(gp, "%.0f %.9g %.9g %.9g %.9g %.9g %.9g\n", rows[k]->workers,
                        rows[k]->seconds_median, speedup, lo, hi,
                        noisy ? rows[k]->seconds_median : NAN, noisy ? speedup : NAN);
            }
        fprintf(gp, "EOD\n");
        n++;
    }
    return n;
}

/* The panels: the series grouped by model (in the order first seen), a model's split evenly into
 * panels of PANEL_LINES or fewer; order[] lists the series panel by panel, first[p] where panel p
 * starts in it (first[panels] = n). Returns the panels. */
static size_t panels_of(const series *s, size_t n, size_t *order, size_t *first)
{
    size_t placed = 0, panels = 0;
    bool done[MAX_SERIES] = {false};
    for (size_t i = 0; i < n; i++) {
        if (done[i])
            continue;
        size_t start = placed;
        for (size_t k = i; k < n; k++)
            if (!done[k] && !strcmp(s[k].first->model, s[i].first->model) &&
                s[k].first->setup == s[i].first->setup) {
                done[k] = true;
                order[placed++] = k;
            }
        size_t m = placed - start, parts = (m + PANEL_LINES - 1) / PANEL_LINES,
               each = (m + parts - 1) / parts;
        for (size_t k = start; k < placed; k += each)
            first[panels++] = k;
    }
    first[panels] = n;
    return panels;
}

/* One figure of the series in panels: column 2 (time, its interval as error bars) or 3
 * (speedup, against the ideal); the noisy points ringed. */
static void plot_panels(FILE *gp, const char *workload, const series *s, size_t n, int column,
                        unsigned setups)
{
    size_t order[MAX_SERIES], first[MAX_SERIES + 1];
    size_t panels = panels_of(s, n, order, first);
    size_t across = panels < 2 ? 1 : 2, down = (panels + across - 1) / across;
    double lo = INFINITY, hi = 0; /* one y axis for every panel */
    for (size_t k = 0; k < n; k++) {
        lo = fmin(lo, column == 2 ? s[k].lo : s[k].slo);
        hi = fmax(hi, column == 2 ? s[k].hi : s[k].shi);
    }
    if (lo > 0 && hi >= lo && isfinite(hi))
        fprintf(gp, "set yrange [%.3g:%.3g]\n", lo / 1.25, hi * 1.25);
    if (panels > 1)
        fprintf(gp,
                "set terminal pngcairo size 1100,%zu noenhanced\nset key below font ',9'\n"
                "set bmargin 7\n",
                440 * down);
    fprintf(gp, "set multiplot layout %zu,%zu title '%s: %s'\n", down, across, workload,
            column == 2 ? "median time, with its 95 percent interval" : "speedup against 1 worker");
    char name[48];
    for (size_t p = 0; p < panels; p++) {
        fprintf(gp, "set title '%s'\nplot ",
                panels > 1 ? ps_series_name(s[order[first[p]]].first, setups, name, sizeof name)
                           : "");
        if (column == 3)
            fprintf(gp, "x title 'ideal' lc rgb 'gray50' dashtype 2, ");
        size_t noisy = 0;
        for (size_t q = first[p]; q < first[p + 1]; q++) {
            const ps_row *r = s[order[q]].first;
            fprintf(gp, "%s$s%zu using 1:%s with %s linetype %zu title '%s%s%s (size %.0f)'",
                    q > first[p] ? ", " : "", order[q], column == 2 ? "2:4:5" : "3",
                    column == 2 ? "yerrorlines" : "linespoints", (q - first[p]) % 8 + 1,
                    panels > 1 ? "" : ps_series_name(r, setups, name, sizeof name),
                    panels > 1 ? "" : " ", r->variant, r->size);
            noisy += s[order[q]].noisy;
        }
        for (size_t q = first[p]; q < first[p + 1] && noisy; q++) {
            fprintf(gp, ", $s%zu using 1:%d with points pt 6 ps 2.5 lc rgb 0x000000 ", order[q],
                    column + 4);
            if (q == first[p])
                fprintf(gp, "title 'noisy: interval over %d percent of the median'",
                        PS_NOISY_PERCENT);
            else
                fprintf(gp, "notitle");
        }
        fprintf(gp, "\n");
    }
    fprintf(gp, "unset multiplot\nunset title\nset autoscale y\nset bmargin\n");
    if (panels > 1)
        terminal(gp);
}

/* The lines of a plot: data blocks $<block>0, $<block>1, ... (column 2 against 1), titled. */
static void plot_blocks(FILE *gp, char block, char (*titles)[128], size_t lines)
{
    for (size_t k = 0; k < lines; k++)
        fprintf(gp, "%s$%c%zu using 1:2 with linespoints title '%s'", k ? ", " : "", block, k,
                titles[k]);
    fprintf(gp, "\n");
}

/* DIR/<workload>-weak.png: weak efficiency against workers, a line per weak series. */
static void weak_plot(FILE *gp, ps_row **rows, size_t from, size_t to, unsigned setups)
{
    size_t lines = 0;
    char name[48], titles[64][128];
    for (size_t b = from; b < to && lines < 64; b++) {
        if (!ps_weak_base(rows, from, to, b))
            continue;
        snprintf(titles[lines], sizeof titles[0], "%s %s (%.0f per worker)",
                 ps_series_name(rows[b], setups, name, sizeof name), rows[b]->variant,
                 rows[b]->size);
        fprintf(gp, "$w%zu << EOD\n1 1\n", lines++);
        for (size_t i = from; i < to; i++) /* the line: threads, or single-threaded ranks */
            if (ps_weak_of(rows[b], rows[i]) && !ps_superseded(rows, i, to) && !ps_hybrid(rows[i]))
                fprintf(gp, "%.0f %.9g\n", rows[i]->workers,
                        rows[b]->seconds_median / rows[i]->seconds_median);
        fprintf(gp, "EOD\n");
    }
    if (!lines)
        return;
    fprintf(gp,
            "set output '%s-weak.png'\nset title '%s: weak scaling (size per worker fixed)'\n"
            "set ylabel 'weak efficiency T(1)/T(p)'\nunset logscale y\nset yrange [0:*]\n"
            "plot 1 title 'ideal' dashtype 2, ",
            rows[from]->workload, rows[from]->workload);
    plot_blocks(gp, 'w', titles, lines);
    fprintf(gp, "set autoscale y\n");
}

/* DIR/<workload>-ranks-threads.png: median time against threads per rank, a line per variant,
 * size and total of workers measured in two or more splits. */
static void shapes_plot(FILE *gp, ps_row **rows, size_t from, size_t to)
{
    size_t lines = 0;
    char titles[64][128];
    for (size_t i = from, j; i < to; i = j) {
        for (j = i + 1; j < to && ps_same_table(rows[i], rows[j]); j++) {
        }
        for (size_t k = i; k < j && lines < 64; k++) {
            const ps_row *pick[64];
            size_t n = ps_splits_of(rows, i, j, k, pick);
            if (!n)
                continue;
            fprintf(gp, "$r%zu << EOD\n", lines);
            for (double t = 1; t <= rows[k]->workers; t *= 2)
                for (size_t p = 0; p < n; p++)
                    if (pick[p]->threads == t)
                        fprintf(gp, "%.0f %.9g\n", t, pick[p]->seconds_median);
            fprintf(gp, "EOD\n");
            snprintf(titles[lines++], sizeof titles[0], "%s, size %.0f, %.0f workers",
                     rows[k]->variant, rows[k]->size, rows[k]->workers);
        }
    }
    if (!lines)
        return;
    fprintf(gp,
            "set output '%s-ranks-threads.png'\nset title '%s: ranks x threads at a fixed "
            "total'\nset xlabel 'threads per rank (ranks = workers / threads)'\n"
            "set ylabel 'seconds (log scale)'\nset logscale y 10\nplot ",
            rows[from]->workload, rows[from]->workload);
    plot_blocks(gp, 'r', titles, lines);
    fprintf(gp, "set xlabel 'workers'\n");
}

/* Keys beside the data, never over it; Okabe and Ito's colour-blind-safe colours, each with its
 * own dash type and point, so that a figure printed in grey still tells its lines apart. */
static void terminal(FILE *gp)
{
    fprintf(gp, "set terminal pngcairo size 1100,560 noenhanced\n"
                "set key outside right top vertical Left reverse samplen 3 font ',9'\n");
}

static void style(FILE *gp)
{
    static const unsigned colour[] = {0x0072B2, 0xD55E00, 0x009E73, 0xE69F00,
                                      0xCC79A7, 0x56B4E9, 0x000000, 0x999999};
    static const int point[] = {7, 5, 9, 11, 13, 4, 6, 8};
    terminal(gp);
    for (int k = 0; k < 8; k++)
        fprintf(gp, "set linetype %d lc rgb 0x%06X lw 1.5 dt %d pt %d\n", k + 1, colour[k],
                k % 5 + 1, point[k]);
    fprintf(gp, "set linetype cycle 8\n");
}

/* Every name in it is one that ps_results accepted (a-z, 0-9, -: see is_name there), and every
 * number is printed by a numeric format: no quote, line break or command can come from a file. */
void ps_report_plot_script(FILE *gp, const ps_results *r)
{
    ps_row **rows = ps_sorted_rows(r);
    if (!rows)
        return;
    ps_mark_weak(rows, r->n);
    style(gp);
    fprintf(
        gp,
        "set logscale x 2\nset xlabel 'workers'\nset grid\nset bars small\nset format y \"%%g\"\n");
    for (size_t i = 0, j; i < r->n; i = j) {
        for (j = i + 1; j < r->n && !strcmp(rows[i]->workload, rows[j]->workload); j++) {
        }
        const char *w = rows[i]->workload;
        fprintf(gp, "undefine $*\n");
        if (ps_sizes_per_point(rows, i, j)) { /* no lines of one size to draw: a cost each */
            ps_cost_plot_script(gp, rows, i, j, r->setups);
            terminal(gp);
            weak_plot(gp, rows, i, j, r->setups);
            shapes_plot(gp, rows, i, j);
            continue;
        }
        series s[MAX_SERIES];
        size_t n = data_blocks(gp, rows, i, j, s);
        if (n) {
            fprintf(gp,
                    "set output '%s-speedup.png'\nset ylabel 'speedup (log scale)'\n"
                    "set logscale y 2\n",
                    w);
            plot_panels(gp, w, s, n, 3, r->setups);
            fprintf(gp,
                    "set output '%s-time.png'\nset ylabel 'seconds (log scale)'\n"
                    "set logscale y 10\n",
                    w);
            plot_panels(gp, w, s, n, 2, r->setups);
        }
        weak_plot(gp, rows, i, j, r->setups);
        shapes_plot(gp, rows, i, j);
    }
    ps_figures_script(gp, rows, r->n);
    free(rows);
}

static void report_script(FILE *gp, const void *r)
{
    ps_report_plot_script(gp, r);
}

ps_status ps_report_plots(const ps_results *r, const char *dir, ps_msg *msg)
{
    return ps_gnuplot(dir, report_script, r, msg);
}
