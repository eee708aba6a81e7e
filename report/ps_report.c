#include "ps_report.h"

#include "ps_figures.h"
#include "ps_gnuplot.h"
#include "ps_markdown.h"
#include "ps_questions.h"
#include "ps_rows.h"
#include "ps_stats.h"
#include "ps_time.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

double ps_speedup(double t1, double tp)
{
    return tp > 0 ? t1 / tp : NAN;
}

double ps_efficiency(double speedup, double p)
{
    return p > 0 ? speedup / p : NAN;
}

double ps_karp_flatt(double speedup, double p)
{
    return p > 1 && speedup > 0 ? (1 / speedup - 1 / p) / (1 - 1 / p) : NAN;
}

static void cell(FILE *out, double v, const char *fmt)
{
    if (isnan(v))
        fprintf(out, " – |");
    else
        fprintf(out, fmt, v);
}

/* The splits into ranks x threads of rows[i]'s total of workers measured in [from, to), latest
 * records, fastest first, when rows[i] is the first MPI row of its total and there are two or
 * more (else 0). */
static size_t splits_of(ps_row **rows, size_t from, size_t to, size_t i, const ps_row **pick)
{
    const ps_row *a = rows[i];
    size_t n = 0;
    bool first = !strcmp(a->model, "mpi") && !a->weak;
    for (size_t k = from; k < i && first; k++)
        first = !(!strcmp(rows[k]->model, a->model) && !rows[k]->weak &&
                  rows[k]->setup == a->setup && rows[k]->workers == a->workers);
    for (size_t k = from; first && k < to && n < 64; k++)
        if (!strcmp(rows[k]->model, a->model) && !rows[k]->weak && rows[k]->setup == a->setup &&
            rows[k]->workers == a->workers && !ps_superseded(rows, k, to))
            pick[n++] = rows[k];
    for (size_t x = 1; x < n; x++) /* fastest first */
        for (size_t y = x; y > 0 && pick[y]->seconds_median < pick[y - 1]->seconds_median; y--) {
            const ps_row *t = pick[y];
            pick[y] = pick[y - 1], pick[y - 1] = t;
        }
    return n >= 2 ? n : 0;
}

/* Ranks x threads: at each total of workers measured in more than one split, the splits from the
 * fastest, and how much faster it was than the slowest. */
static void shapes(FILE *out, ps_row **rows, size_t from, size_t to)
{
    bool header = false;
    for (size_t i = from; i < to; i++) {
        const ps_row *pick[64];
        size_t n = splits_of(rows, from, to, i, pick);
        if (!n)
            continue;
        if (!header)
            fprintf(out, "\nRanks x threads at a fixed total of workers (fastest first):\n\n"
                         "| workers | ranks x threads: median s | fastest against slowest |\n"
                         "|---:|---|---:|\n");
        header = true;
        fprintf(out, "| %.0f |", rows[i]->workers);
        for (size_t k = 0; k < n; k++)
            fprintf(out, "%s %.0fx%.0f%s: %.6f", k ? "," : "", pick[k]->ranks, pick[k]->threads,
                    pick[k]->oversubscribed ? " (oversubscribed)" : "", pick[k]->seconds_median);
        fprintf(out, " | %.2fx |\n", pick[n - 1]->seconds_median / pick[0]->seconds_median);
    }
}

enum { NOISY_PERCENT = 10, MIN_TICKS = 20 };

/* The median's 95% interval and what limits trust in it: a wide interval and the machine's reason,
 * outliers, a cost measured against a reference loop that took longer (share's details say so), a
 * median too close to the timer's resolution. Older files (no samples): "–". */
static void quality(FILE *out, const ps_row *r)
{
    double *x = r->nsamples ? ps_sorted_copy(r->samples, r->nsamples) : NULL, lo = 0, hi = 0,
           coverage;
    bool interval = x && ps_median_interval(x, r->nsamples, 0.95, &lo, &hi, &coverage);
    size_t outliers = x ? ps_outliers(x, r->nsamples) : 0;
    free(x);
    if (interval)
        fprintf(out, " %.6g–%.6g |", lo, hi);
    else
        fprintf(out, " – |");
    const char *sep = " ";
    double width = r->seconds_median > 0 ? 100 * (hi - lo) / r->seconds_median : 0;
    if (r->nsamples && !interval)
        fprintf(out, "%stoo few repetitions for an interval (6 needed)", sep), sep = "; ";
    if (interval && width > NOISY_PERCENT)
        fprintf(out, "%s**noisy**: interval %.0f%% of the median (%s)", sep, width,
                r->oversubscribed  ? "oversubscribed"
                : r->nsamples < 10 ? "few repetitions"
                : outliers         ? "outliers"
                                   : "the repetitions spread: a shared or busy machine"),
            sep = "; ";
    if (outliers)
        fprintf(out, "%s%zu outlier%s beyond 3 sd", sep, outliers, outliers == 1 ? "" : "s"),
            sep = "; ";
    if (strstr(r->detail, "without it (the reference)") ||
        strstr(r->detail, "the reference is larger than the result"))
        fprintf(out, "%s**reference larger than the result**: the construct's cost is not resolved",
                sep),
            sep = "; ";
    if (r->timer_tick > 0 && r->seconds_median > 0 && r->seconds_median < MIN_TICKS * r->timer_tick)
        fprintf(out, "%sunder %d timer ticks (%.3g s): below what the clock resolves", sep,
                MIN_TICKS, r->timer_tick),
            sep = "; ";
    fprintf(out, "%s |", *sep == ' ' ? " –" : "");
}

static void table(FILE *out, ps_row **rows, size_t from, size_t to, unsigned setups)
{
    size_t strong = 0;
    for (size_t i = from; i < to; i++)
        strong += !rows[i]->weak;
    if (!strong)
        return;
    while (rows[from]->weak)
        from++;
    const ps_row *first = rows[from];
    fprintf(out, "\n### %s, %s, size %.0f%s%s\n\n", first->workload, first->variant, first->size,
            *first->work_options ? ", " : "", PS_MD(first->work_options));
    fprintf(out, "| workers | model | median s | 95%% interval s | trust | speedup | efficiency "
                 "| Karp–Flatt | verified | oversubscribed | detail |\n"
                 "|---:|---|---:|---|---|---:|---:|---:|---|---|---|\n");
    for (size_t i = from; i < to; i++) {
        if (ps_superseded(rows, i, to) || rows[i]->weak)
            continue;
        const ps_row *r = rows[i], *base = ps_baseline(rows, from, to, r);
        double s = base ? ps_speedup(base->seconds_median, r->seconds_median) : NAN;
        char name[48];
        fprintf(out, "| %.0f | %s |", r->workers, ps_series_name(r, setups, name, sizeof name));
        cell(out, r->seconds_median, " %.6f |");
        quality(out, r);
        cell(out, s, " %.2f |");
        cell(out, ps_efficiency(s, r->workers), " %.2f |");
        cell(out, ps_karp_flatt(s, r->workers), " %.3f |");
        fprintf(out, " %s | %s | %s |\n", r->verified ? "yes" : "**NO**",
                r->oversubscribed ? "yes" : "no", PS_MD(r->detail));
    }
    shapes(out, rows, from, to);
}

/* Weak scaling: a point at p workers whose size is p times that of a 1-worker point of the same
 * workload, variant, model and setup (jobs/local.sh --scaling weak) belongs to that point's
 * weak-scaling series, and leaves the strong-scaling tables. */
static bool weak_of(const ps_row *base, const ps_row *r)
{
    return base->workers == 1 && base->size > 1 && r->workers > 1 &&
           !strcmp(base->workload, r->workload) && !strcmp(base->variant, r->variant) &&
           !strcmp(base->model, r->model) && base->setup == r->setup &&
           r->size == base->size * r->workers;
}

static void mark_weak(ps_row **rows, size_t n)
{
    for (size_t b = 0; b < n; b++)
        for (size_t i = 0; rows[b]->workers == 1 && i < n; i++)
            rows[i]->weak |= weak_of(rows[b], rows[i]);
}

/* Whether rows[b] starts a weak series among rows [from, to): a 1-worker point, its latest
 * record, with a point at more workers and as many times the size. */
static bool weak_base(ps_row **rows, size_t from, size_t to, size_t b)
{
    bool has = false;
    for (size_t i = from; i < to && !has; i++)
        has = weak_of(rows[b], rows[i]);
    return has && !ps_superseded(rows, b, to) && !rows[b]->weak;
}

/* Per 1-worker point with a weak series: its points and their weak efficiency T(1)/T(p) (1 is
 * perfect: p workers did p times the work in the same time). */
static void weak_tables(FILE *out, ps_row **rows, size_t n, unsigned setups)
{
    bool any = false;
    for (size_t b = 0; b < n; b++) {
        const ps_row *base = rows[b];
        if (!weak_base(rows, 0, n, b))
            continue;
        if (!any)
            fprintf(out, "\n## Weak scaling\n\nThe size grows with the workers (the size per "
                         "worker fixed); weak efficiency is T(1) / T(p): 1 means p workers did p "
                         "times the work in the time one took.\n");
        any = true;
        char name[48];
        fprintf(out,
                "\n### %s, %s, %s, size %.0f per worker\n\n| workers | ranks x threads | size | "
                "median s | weak efficiency | verified | oversubscribed |\n"
                "|---:|---|---:|---:|---:|---|---|\n| 1 | 1x1 | %.0f | %.6f | 1.00 | %s | %s |\n",
                base->workload, base->variant, ps_series_name(base, setups, name, sizeof name),
                base->size, base->size, base->seconds_median, base->verified ? "yes" : "**NO**",
                base->oversubscribed ? "yes" : "no");
        for (size_t i = 0; i < n; i++)
            if (weak_of(base, rows[i]) && !ps_superseded(rows, i, n))
                fprintf(out, "| %.0f | %.0fx%.0f | %.0f | %.6f | %.2f | %s | %s |\n",
                        rows[i]->workers, rows[i]->ranks, rows[i]->threads, rows[i]->size,
                        rows[i]->seconds_median, base->seconds_median / rows[i]->seconds_median,
                        rows[i]->verified ? "yes" : "**NO**",
                        rows[i]->oversubscribed ? "yes" : "no");
    }
}

static void range(FILE *out, double lo, double hi)
{
    if (lo == hi)
        fprintf(out, " %.0f |", lo);
    else
        fprintf(out, " %.0f–%.0f |", lo, hi);
}

/* One line per setup (machine and build) among the records. */
static void provenance(FILE *out, const ps_results *r)
{
    fprintf(out, "\n## Where and how\n\nA setup is one host, CPU, compiler, flags, OpenMP runtime, "
                 "MPI library and parsuite version; records of different setups never form one "
                 "series.\n\n| setup | host | CPU | memory GB | nodes | cores | compiler | flags "
                 "| OpenMP | MPI | jobs | parsuite | records |\n"
                 "|---|---|---|---:|---:|---:|---|---|---|---|---|---|---:|\n");
    for (unsigned k = 0; k < r->setups; k++) {
        const ps_setup *s = &r->setup[k];
        size_t count = 0;
        double memory = 0, nodes[2] = {INFINITY, 0}, cores[2] = {INFINITY, 0};
        char jobs[256] = "", name[16];
        for (size_t j = 0; j < r->n; j++) {
            const ps_row *b = &r->row[j];
            if (b->setup != k)
                continue;
            count++;
            memory = b->memory_gb;
            nodes[0] = fmin(nodes[0], b->nodes), nodes[1] = fmax(nodes[1], b->nodes);
            cores[0] = fmin(cores[0], b->cores), cores[1] = fmax(cores[1], b->cores);
            if (*b->job && !strstr(jobs, b->job) && strlen(jobs) + strlen(b->job) + 3 < sizeof jobs)
                strcat(strcat(jobs, *jobs ? ", " : ""), b->job);
        }
        ps_setup_name(k, name, sizeof name);
        fprintf(out, "| %s | %s | %s | %.1f |", name, PS_MD(s->host), PS_MD(s->cpu), memory);
        range(out, nodes[0], nodes[1]);
        range(out, cores[0], cores[1]);
        fprintf(out, " %s | %s | %s | %s | %s | %s | %zu |\n", PS_MD(s->compiler), PS_MD(s->flags),
                *s->openmp ? PS_MD(s->openmp) : "–", *s->mpi ? PS_MD(s->mpi) : "–",
                *jobs ? PS_MD(jobs) : "–", PS_MD(s->version), count);
    }
}

ps_status ps_report_write(FILE *out, const ps_results *r, size_t files, const char *plots,
                          ps_msg *msg)
{
    ps_row **rows = ps_sorted_rows(r);
    if (!rows)
        return ps_fail(msg, PS_ENV, "out of memory");
    mark_weak(rows, r->n);
    size_t verified = 0, over = 0;
    for (size_t i = 0; i < r->n; i++) {
        verified += r->row[i].verified;
        over += r->row[i].oversubscribed;
    }
    char now[24];
    ps_utc_now(now, sizeof now);
    fprintf(out,
            "# parsuite report\n\n%zu records from %zu file%s: %zu verified, %zu not; %zu "
            "oversubscribed (more workers than cores: their times measure sharing, not "
            "scaling). Made %s.\n",
            r->n, files, files == 1 ? "" : "s", verified, r->n - verified, over, now);
    provenance(out, r);
    if (r->n)
        ps_questions_write(out, rows, r->n, plots);
    fprintf(out, "\n## Results\n\nSpeedup is against 1 worker of the same model, variant and "
                 "size; efficiency is speedup / workers; Karp–Flatt is the experimentally "
                 "determined serial fraction (1/S − 1/p) / (1 − 1/p). Where a point was measured "
                 "more than once, the latest record stands. The interval is the median's 95%% "
                 "distribution-free interval from order statistics of the timed repetitions (6 "
                 "or more); a point is **noisy** when it is wider than 10%% of the median, with "
                 "the likely reason; outliers lie beyond 3 standard deviations of the mean "
                 "(EPCC's rule); a median under 20 ticks of the timer (its resolution, measured "
                 "once per run) is below what the clock resolves; a cost per operation is not "
                 "resolved when the same loop without the construct (its reference) took longer. "
                 "To compare runs: "
                 "`parsuite-report --baseline ... --compare ...`.\n");
    const char *workload = "";
    for (size_t i = 0, j; i < r->n; i = j) {
        for (j = i + 1; j < r->n && ps_same_table(rows[i], rows[j]); j++) {
        }
        if (strcmp(workload, rows[i]->workload)) {
            workload = rows[i]->workload;
            fprintf(out, "\n## %s\n", workload);
            if (plots)
                fprintf(out, "\n![%s: speedup](%s/%s-speedup.png) ![%s: time](%s/%s-time.png)\n",
                        workload, plots, workload, workload, plots, workload);
        }
        table(out, rows, i, j, r->setups);
    }
    weak_tables(out, rows, r->n, r->setups);
    free(rows);
    return PS_OK; /* a write that failed is told where out is closed, with its name */
}

ps_status ps_report_summary(FILE *out, const ps_results *r, double wall, ps_msg *msg)
{
    ps_row **rows = ps_sorted_rows(r);
    if (!rows)
        return ps_fail(msg, PS_ENV, "out of memory");
    double timed = 0;
    fprintf(out, "%-22s %-10s %-14s %7s %12s %11s %8s %8s %5s\n", "model", "workload", "variant",
            "workers", "size", "median_s", "speedup", "verified", "over");
    for (size_t i = 0, j; i < r->n; i = j) {
        for (j = i + 1; j < r->n && ps_same_table(rows[i], rows[j]); j++) {
        }
        for (size_t k = i; k < j; k++) {
            const ps_row *p = rows[k];
            timed += p->seconds_mean * (p->repetitions + p->warmup);
            if (k + 1 < j && ps_same_point(p, rows[k + 1]))
                continue; /* measured again later: the latest record stands */
            const ps_row *base = ps_baseline(rows, i, j, p);
            char name[48], speedup[16] = "-";
            if (base && p->seconds_median > 0)
                snprintf(speedup, sizeof speedup, "%.2f",
                         ps_speedup(base->seconds_median, p->seconds_median));
            fprintf(out, "%-22s %-10s %-14s %7.0f %12.0f %11.6f %8s %8s %5s\n",
                    ps_series_name(p, r->setups, name, sizeof name), p->workload, p->variant,
                    p->workers, p->size, p->seconds_median, speedup, p->verified ? "yes" : "NO",
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
        if (!weak_base(rows, from, to, b))
            continue;
        snprintf(titles[lines], sizeof titles[0], "%s %s (%.0f per worker)",
                 ps_series_name(rows[b], setups, name, sizeof name), rows[b]->variant,
                 rows[b]->size);
        fprintf(gp, "$w%zu << EOD\n1 1\n", lines++);
        for (size_t i = from; i < to; i++) /* the line: threads, or single-threaded ranks */
            if (weak_of(rows[b], rows[i]) && !ps_superseded(rows, i, to) && !ps_hybrid(rows[i]))
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
            size_t n = splits_of(rows, i, j, k, pick);
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
    mark_weak(rows, r->n);
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
