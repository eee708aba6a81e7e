/* SPDX-License-Identifier: BSD-3-Clause */
/* The gnuplot script of the per-workload figures, and drawing it (ps_plots.h). */
#include "ps_plots.h"

#include "ps_figures.h"
#include "ps_gnuplot.h"
#include "ps_rows.h"
#include "ps_scaling.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One gnuplot data block per series (model and setup, for one variant and size) of a workload:
 * workers, median, speedup against the series' 1-worker point (NaN without one). */
static void data_blocks(FILE *gp, ps_row **rows, size_t from, size_t to, size_t *nseries)
{
    for (size_t i = from, j; i < to; i = j) {
        for (j = i + 1; j < to && ps_same_series(rows[i], rows[j]); j++) {
        }
        if (rows[i]->weak) /* a weak series' point: in its own plot */
            continue;
        const ps_row *base = ps_baseline(rows, i, j, rows[i]);
        fprintf(gp, "$s%zu << EOD\n", (*nseries)++);
        for (size_t k = i; k < j; k++)
            if (k + 1 == j || !ps_same_point(rows[k], rows[k + 1]))
                fprintf(gp, "%.0f %.9g %.9g\n", rows[k]->workers, rows[k]->seconds_median,
                        base ? ps_speedup(base->seconds_median, rows[k]->seconds_median) : NAN);
        fprintf(gp, "EOD\n");
    }
}

static void plot_lines(FILE *gp, ps_row **rows, size_t from, size_t to, int column, unsigned setups)
{
    size_t s = 0;
    char name[48];
    for (size_t i = from, j; i < to; i = j) {
        for (j = i + 1; j < to && ps_same_series(rows[i], rows[j]); j++) {
        }
        if (rows[i]->weak)
            continue;
        fprintf(gp, "%s$s%zu using 1:%d with linespoints title '%s %s (size %.0f)'", s ? ", " : "",
                s, column, ps_series_name(rows[i], setups, name, sizeof name), rows[i]->variant,
                rows[i]->size);
        s++;
    }
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

/* Every name in it is one that ps_results accepted (a-z, 0-9, -: see is_name there), and every
 * number is printed by a numeric format: no quote, line break or command can come from a file. */
void ps_report_plot_script(FILE *gp, const ps_results *r)
{
    ps_row **rows = ps_sorted_rows(r);
    if (!rows)
        return;
    ps_mark_weak(rows, r->n);
    fprintf(gp, "set terminal pngcairo size 900,560 noenhanced\nset key top left\n"
                "set logscale x 2\nset xlabel 'workers'\nset grid\n");
    for (size_t i = 0, j; i < r->n; i = j) {
        for (j = i + 1; j < r->n && !strcmp(rows[i]->workload, rows[j]->workload); j++) {
        }
        const char *w = rows[i]->workload;
        size_t nseries = 0;
        fprintf(gp, "undefine $*\n");
        data_blocks(gp, rows, i, j, &nseries);
        fprintf(gp,
                "set output '%s-speedup.png'\nset title '%s: speedup against 1 worker'\n"
                "set ylabel 'speedup (log scale)'\nset logscale y 2\n"
                "plot x title 'ideal' dashtype 2, ",
                w, w);
        plot_lines(gp, rows, i, j, 3, r->setups);
        fprintf(gp,
                "\nset output '%s-time.png'\nset title '%s: median time'\n"
                "set ylabel 'seconds (log scale)'\nset logscale y 10\nplot ",
                w, w);
        plot_lines(gp, rows, i, j, 2, r->setups);
        fprintf(gp, "\n");
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
