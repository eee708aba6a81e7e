/* SPDX-License-Identifier: BSD-3-Clause */
/* parsuite-report FILE... : one Markdown report over result files (CSV or JSON Lines, from any
 * mix of runs and jobs); parsuite-report --baseline FILE... --compare FILE...: the comparison of
 * two sets of runs, point by point, with an exit code a CI job can gate on. Bad or cut-short files
 * are named with their line (exit 2); --output is written whole or not at all (exit 3 if it
 * cannot be). */
#include "ps_compare.h"
#include "ps_env.h"
#include "ps_inputs.h"
#include "ps_markdown.h"
#include "ps_output.h"
#include "ps_parse.h"
#include "ps_plots.h"
#include "ps_report.h"
#include "ps_summary.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int usage(FILE *out)
{
    fprintf(
        out,
        "Usage: parsuite-report [--output FILE] [--plots DIR] RESULTS...\n"
        "       parsuite-report [--output FILE] [--plots DIR] [--threshold PCT] [--alpha P]\n"
        "                       --baseline RESULTS... --compare RESULTS...\n\n"
        "Reads parsuite result files (CSV or JSON Lines, as --output writes them) and "
        "writes one Markdown report:\nprovenance, then per workload, variant and size the "
        "median time, speedup, efficiency and Karp-Flatt\nserial fraction at each worker "
        "count and model.\n\n"
        "With --baseline and --compare, compares two sets of runs instead: for every point "
        "(model,\n"
        "workload, variant, size, ranks x threads) in both, the ratio of median times with its\n"
        "interval and a verdict (slower, faster, no significant difference) from the Mann-Whitney\n"
        "U test; the recorded settings that differ beside it; the points of one set only "
        "listed.\n\n"
        "  --output FILE    write the report to FILE (whole, or not at all); default stdout\n"
        "  --plots DIR      draw with gnuplot into DIR (made if missing) and link from the "
        "report:\n"
        "                   each workload's speedup and time, or the comparison's ratios\n"
        "  --baseline F...  the files of the runs compared against\n"
        "  --compare F...   the files of the runs compared (the candidate)\n"
        "  --threshold PCT  the smallest change that counts as slower or faster (default 5%%)\n"
        "  --alpha P        the test's significance (default 0.05); intervals are at 1 - P\n"
        "  --help           this text\n  --version        the version\n\n"
        "exit codes: 0 done (a comparison: nothing slower beyond the threshold, nothing\n"
        "unverified), 1 a comparison found a point slower beyond the threshold or not verified,\n"
        "2 bad input (an option, a file, a line, two sets with no point in common), 3 output not\n"
        "writable\n");
    return out == stdout ? 0 : 2;
}

/* --threshold 5% (or 5) and --alpha 0.05, checked. */
static ps_status parse_fraction(const char *name, const char *text, ps_compare_options *o,
                                ps_msg *msg)
{
    bool threshold = !strcmp(name, "--threshold");
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (threshold && *end == '%')
        end++;
    if (end == text || *end || errno || !isfinite(v) ||
        (threshold ? !(v >= 0 && v <= 100) : !(v > 0 && v < 0.5)))
        return ps_fail(msg, PS_USAGE, "%s: '%.40s' is not %s", name, text,
                       threshold ? "a percentage from 0 to 100"
                                 : "a significance above 0, below 0.5");
    if (threshold)
        o->threshold = v / 100;
    else
        o->alpha = v;
    return PS_OK;
}

/* The comparison: its Markdown, its plot (a failure in *plotted, the comparison written all the
 * same), and exit 1 when a point is slower or unverified. */
static ps_status compare(const ps_results *base, const ps_results *cand,
                         const ps_compare_options *opt, const char *plots, const char *report,
                         FILE *out, ps_status *plotted, ps_msg *plots_msg, ps_msg *msg)
{
    ps_comparison c;
    char link[3 * PATH_MAX];
    ps_status st = ps_compare(base, cand, opt, &c, msg);
    if (st)
        return st;
    if (plots)
        *plotted = ps_comparison_plots(&c, plots, plots_msg);
    ps_comparison_write(out, &c, base, cand,
                        plots ? ps_md_link(plots, report, link, sizeof link) : NULL);
    size_t failing = ps_comparison_failing(&c);
    if (failing && ferror(out) == 0)
        st = ps_fail(msg, PS_FAILED, "%zu of %zu points slower by more than %g%% or not verified",
                     failing, c.npairs, 100 * opt->threshold);
    ps_comparison_free(&c);
    return st;
}

/* The command line: every file with its set (the last of --baseline (1) and --compare (2) before
 * it, else 0: a report's), and the options. */
typedef struct args {
    const char *plots, *output;
    bool summary, comparing;
    enum { RUN, HELP, VERSION } asked;
    uint64_t wall;
    ps_compare_options copt;
    char **inputs;
    unsigned char *side;
    int ninputs;
} args;

static ps_status parse_args(int argc, char **argv, args *a, ps_msg *msg)
{
    *a = (args){.copt = {.alpha = 0.05, .threshold = 0.05}};
    a->inputs = calloc((size_t)argc, sizeof *a->inputs);
    a->side = calloc((size_t)argc, 1);
    unsigned char set = 0;
    int in_set[3] = {0};
    ps_status st = a->inputs && a->side ? PS_OK : ps_fail(msg, PS_ENV, "out of memory");
    for (int i = 1; i < argc && !st && a->asked == RUN; i++) {
        if (!strcmp(argv[i], "--help")) {
            a->asked = HELP;
        } else if (!strcmp(argv[i], "--version")) {
            a->asked = VERSION;
        } else if (!strcmp(argv[i], "--summary")) {
            a->summary = true;
        } else if (!strcmp(argv[i], "--baseline") || !strcmp(argv[i], "--compare")) {
            set = !strcmp(argv[i], "--baseline") ? 1 : 2;
        } else if (!strcmp(argv[i], "--threshold") || !strcmp(argv[i], "--alpha")) {
            st = i + 1 < argc ? parse_fraction(argv[i], argv[i + 1], &a->copt, msg)
                              : ps_fail(msg, PS_USAGE, "%s needs a value", argv[i]);
            i++;
        } else if (!strcmp(argv[i], "--wall")) {
            st = i + 1 < argc ? ps_parse_uint("--wall", argv[++i], 0, UINT32_MAX, &a->wall, msg)
                              : ps_fail(msg, PS_USAGE, "--wall needs a value");
        } else if (!strcmp(argv[i], "--output") || !strcmp(argv[i], "--plots")) {
            if (i + 1 == argc || !*argv[i + 1])
                st = ps_fail(msg, PS_USAGE, "%s needs a value", argv[i]);
            else if (!strcmp(argv[i++], "--plots"))
                a->plots = argv[i];
            else
                a->output = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            st = ps_fail(msg, PS_USAGE, "unknown option '%s' (see --help)", argv[i]);
        } else if (!argv[i][0]) {
            st = ps_fail(msg, PS_USAGE, "'': an empty file name");
        } else {
            a->side[a->ninputs] = set, in_set[set]++;
            a->inputs[a->ninputs++] = argv[i];
        }
    }
    a->comparing = set != 0;
    if (st || a->asked != RUN)
        return st;
    if (a->comparing && (in_set[0] || !in_set[1] || !in_set[2] || a->summary))
        return ps_fail(msg, PS_USAGE,
                       a->summary ? "--summary does not go with --baseline and --compare"
                       : in_set[0]
                           ? "with --baseline and --compare, every file follows one of them"
                           : "a comparison needs files after both --baseline and --compare");
    if (!a->comparing && a->ninputs == 0)
        return ps_fail(msg, PS_USAGE, "no result files given (see --help)");
    return PS_OK;
}

int main(int argc, char **argv)
{
    ps_output out = {.slot = -1};
    ps_results r = {0}, cand = {0};
    ps_msg msg;
    args a;
    ps_status st = parse_args(argc, argv, &a, &msg);
    if (!st && a.asked != RUN) {
        if (a.asked == HELP)
            usage(stdout);
        else
            printf("parsuite-report %s\n", ps_version());
        free(a.inputs), free(a.side);
        return 0;
    }
    if (!st)
        st = ps_inputs_check(a.inputs, a.ninputs, a.output, &msg);
    if (!st)
        st = ps_output_open(&out, a.output, &msg);
    for (int i = 0; i < a.ninputs && !st; i++)
        st = ps_results_load(a.side[i] == 2 ? &cand : &r, a.inputs[i], &msg);
    if (!st)
        st = ps_results_unique((const ps_results *[]){&r, &cand}, 2, &msg);
    /* A figure that could not be drawn is said, and the report is written all the same. */
    ps_msg plots_msg;
    ps_status plotted = PS_OK;
    char link[3 * PATH_MAX];
    const char *report = out.tmp[0] ? a.output : NULL; /* where links start from */
    if (!st && a.plots && !a.comparing) {
        plotted = ps_report_plots(&r, a.plots, &plots_msg);
        ps_md_link(a.plots, report, link, sizeof link);
    }
    if (!st && a.comparing)
        st = compare(&r, &cand, &a.copt, a.plots, report, out.file, &plotted, &plots_msg, &msg);
    else if (!st && a.summary)
        st = ps_report_summary(out.file, &r, (double)a.wall, &msg);
    else if (!st)
        st = ps_report_write(out.file, &r, (size_t)a.ninputs, a.plots ? link : NULL, &msg);
    /* A comparison that found a slower point is a whole report all the same. */
    ps_status written = st == PS_FAILED ? PS_OK : st;
    ps_msg wmsg = msg;
    written = ps_output_close(&out, written, &wmsg);
    if (written)
        st = written, msg = wmsg;
    else if (plotted)
        fprintf(stderr, "parsuite-report: %s\n", plots_msg.text);
    if (st)
        fprintf(stderr, "parsuite-report: %s\n", msg.text);
    if (!st)
        st = plotted;
    ps_results_free(&r);
    ps_results_free(&cand);
    free(a.inputs), free(a.side);
    return (int)st;
}
