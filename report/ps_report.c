/* SPDX-License-Identifier: BSD-3-Clause */
/* The Markdown report (ps_report.h): provenance, the questions, a table per workload, variant and
 * size, the ranks x threads splits and the weak-scaling tables. */
#include "ps_report.h"

#include "ps_markdown.h"
#include "ps_questions.h"
#include "ps_rows.h"
#include "ps_scaling.h"
#include "ps_stats.h"
#include "ps_time.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void cell(FILE *out, double v, const char *fmt)
{
    if (isnan(v))
        fprintf(out, " – |");
    else
        fprintf(out, fmt, v);
}

/* Ranks x threads: at each total of workers measured in more than one split, the splits from the
 * fastest, and how much faster it was than the slowest. */
static void shapes(FILE *out, ps_row **rows, size_t from, size_t to)
{
    bool header = false;
    for (size_t i = from; i < to; i++) {
        const ps_row *pick[64];
        size_t n = ps_splits_of(rows, from, to, i, pick);
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

enum { MIN_TICKS = 20 };

/* The median's 95% interval and what limits trust in it: a wide interval and the machine's reason,
 * outliers, a cost measured against a reference loop that took longer (share's details say so), a
 * median too close to the timer's resolution. Older files (no samples): "–". */
static void quality(FILE *out, const ps_row *r)
{
    double lo = 0, hi = 0;
    bool interval = ps_row_interval(r, &lo, &hi);
    size_t outliers = r->nsamples ? ps_outliers(r->samples, r->nsamples) : 0;
    if (interval)
        fprintf(out, " %.6g–%.6g |", lo, hi);
    else
        fprintf(out, " – |");
    const char *sep = " ";
    double width = r->seconds_median > 0 ? 100 * (hi - lo) / r->seconds_median : 0;
    if (r->nsamples && !interval)
        fprintf(out, "%stoo few repetitions for an interval (6 needed)", sep), sep = "; ";
    if (interval && width > PS_NOISY_PERCENT)
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
    if (strstr(r->detail, "over 25% off the latency"))
        fprintf(out,
                "%s**calibration off**: a task computed over 25%% longer or shorter than "
                "asked (see its detail)",
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

/* Per 1-worker point with a weak series: its points and their weak efficiency T(1)/T(p) (1 is
 * perfect: p workers did p times the work in the same time). */
static void weak_tables(FILE *out, ps_row **rows, size_t n, unsigned setups)
{
    bool any = false;
    for (size_t b = 0; b < n; b++) {
        const ps_row *base = rows[b];
        if (!ps_weak_base(rows, 0, n, b))
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
            if (ps_weak_of(base, rows[i]) && !ps_superseded(rows, i, n))
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
    ps_mark_weak(rows, r->n);
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
            size_t end = i;
            while (end < r->n && !strcmp(rows[end]->workload, workload))
                end++;
            if (plots && ps_sizes_per_point(rows, i, end))
                fprintf(out, "\n![%s: time per item](%s/%s-cost.png)\n", workload, plots, workload);
            else if (plots)
                fprintf(out, "\n![%s: speedup](%s/%s-speedup.png) ![%s: time](%s/%s-time.png)\n",
                        workload, plots, workload, workload, plots, workload);
        }
        table(out, rows, i, j, r->setups);
    }
    weak_tables(out, rows, r->n, r->setups);
    free(rows);
    return PS_OK; /* a write that failed is told where out is closed, with its name */
}
