/* SPDX-License-Identifier: BSD-3-Clause */
/* Comparing two sets of runs point by point: a baseline and a candidate (the compared set). A
 * point is one model, workload, variant, size, ranks and threads; its records in one set are
 * pooled. Each point in both sets gets the ratio of medians (candidate over baseline, so above 1 is
 * slower), the interval of that ratio, the Mann-Whitney U test, and a verdict; points in one set
 * only are listed, never dropped. With two runs or more a side (a run: one input file) the runs are
 * the unit: the test compares the runs' medians, as Kalibera and Jones advise, since repetitions of
 * one run share that run's machine state; with one run a side, repetitions are the unit. */
#ifndef PS_COMPARE_H
#define PS_COMPARE_H

#include "ps_ranktest.h"
#include "ps_results.h"

#include <stdio.h>

typedef struct ps_compare_options {
    double alpha;     /* the test's significance, 0.05 */
    double threshold; /* the smallest change that counts, 0.05 (5%) */
} ps_compare_options;

typedef enum {
    PS_SAME,       /* no significant difference */
    PS_FASTER,     /* significant, and faster by at least the threshold */
    PS_SLOWER,     /* significant, and slower by at least the threshold */
    PS_TOO_FEW,    /* too few repetitions for the test to reach the significance at all */
    PS_NO_SAMPLES, /* a record from before samples were kept */
    PS_UNVERIFIED, /* a record whose result did not verify */
} ps_verdict;

/* One point of one set: its records pooled, and per run (an input file) the median. */
typedef struct ps_point {
    const ps_row *row; /* the first record: names, shape and provenance */
    double *samples;
    double *run_median; /* a run's samples' median (its record's median in older files) */
    size_t n, records, runs;
    bool verified, oversubscribed, unsampled; /* all verified; any oversubscribed; any without */
    double median, lo, hi;                    /* lo, hi: the median's interval, if has_interval */
    bool has_interval;
} ps_point;

typedef struct ps_pair {
    ps_point base, cand;
    ps_ranktest test;
    bool by_runs;         /* two runs or more a side: the test compares the runs' medians */
    double ratio, lo, hi; /* candidate median / baseline median, and its interval */
    bool has_interval;
    ps_verdict verdict;
    char differs[160]; /* the recorded settings that differ between the two, comma-separated */
} ps_pair;

typedef struct ps_comparison {
    ps_compare_options opt;
    ps_pair *pair;
    ps_point *only_base, *only_cand;
    size_t npairs, nonly_base, nonly_cand;
} ps_comparison;

/* PS_USAGE when no point is in both sets. */
ps_status ps_compare(const ps_results *base, const ps_results *cand, const ps_compare_options *opt,
                     ps_comparison *c, ps_msg *msg);
void ps_comparison_free(ps_comparison *c);

/* Points slower beyond the threshold, or unverified: what a gate fails on. */
size_t ps_comparison_failing(const ps_comparison *c);

/* The Markdown comparison: the method, the settings that differ between the sets, a table of the
 * points, the points of one set only. plots: the directory of compare-ratio.png as the page links
 * it (NULL: none). */
void ps_comparison_write(FILE *out, const ps_comparison *c, const ps_results *base,
                         const ps_results *cand, const char *plots);

/* The same as one JSON document (ps_compare_json.c): PS_ENV if it cannot be written. */
ps_status ps_comparison_json(FILE *out, const ps_comparison *c, ps_msg *msg);

/* The ratio of every pair with its interval bars, DIR/compare-ratio.png (gnuplot). */
ps_status ps_comparison_plots(const ps_comparison *c, const char *dir, ps_msg *msg);
void ps_comparison_plot_script(FILE *gp, const ps_comparison *c);

#endif
