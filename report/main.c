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
#include <getopt.h>
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
        "       parsuite-report --summary [--wall S] RESULTS...\n"
        "       parsuite-report [--output FILE] [--plots DIR] [--format FMT] [--threshold PCT]\n"
        "                       [--alpha P] --baseline RESULTS... --compare RESULTS...\n\n"
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
        "  -o, --output FILE  write the report to FILE (whole, or not at all); default stdout\n"
        "  --plots DIR        draw with gnuplot into DIR (made if missing) and link from the "
        "report:\n"
        "                     each workload's speedup and time, or the comparison's ratios\n"
        "  --summary          a plain table for a terminal or a job log instead of the report\n"
        "  --wall S           with --summary: the sweep's seconds in all, against the time "
        "inside\n"
        "                     timed regions\n"
        "  --baseline F...    the files of the runs compared against\n"
        "  --compare F...     the files of the runs compared (the candidate)\n"
        "  --format FMT       a comparison as markdown (default) or json (its verdicts, for CI)\n"
        "  --threshold PCT    the smallest change that counts as slower or faster (default "
        "5%%)\n"
        "  --alpha P          the test's significance (default 0.05); intervals are at 1 - P\n"
        "  -h, --help         this text\n  -V, --version      the version\n\n"
        "An option's value follows it or an '=' (--output=report.md); '--' ends the options.\n\n"
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
                         const ps_compare_options *opt, bool json, const char *plots,
                         const char *report, FILE *out, ps_status *plotted, ps_msg *plots_msg,
                         ps_msg *msg)
{
    ps_comparison c;
    char link[3 * PATH_MAX];
    ps_status st = ps_compare(base, cand, opt, &c, msg);
    if (st)
        return st;
    if (plots)
        *plotted = ps_comparison_plots(&c, plots, plots_msg);
    if (json)
        st = ps_comparison_json(out, &c, msg);
    else
        ps_comparison_write(out, &c, base, cand,
                            plots ? ps_md_link(plots, report, link, sizeof link) : NULL);
    size_t failing = ps_comparison_failing(&c);
    if (!st && failing && ferror(out) == 0)
        st = ps_fail(msg, PS_FAILED, "%zu of %zu points slower by more than %g%% or not verified",
                     failing, c.npairs, 100 * opt->threshold);
    ps_comparison_free(&c);
    return st;
}

/* The command line: every file with its set (the last of --baseline (1) and --compare (2) before
 * it, else 0: a report's), and the options. */
typedef struct args {
    const char *plots, *output;
    bool summary, comparing, json;
    enum { RUN, HELP, VERSION } asked;
    uint64_t wall;
    ps_compare_options copt;
    char **inputs;
    unsigned char *side;
    int ninputs;
} args;

enum {
    OPT_SUMMARY = 256,
    OPT_BASELINE,
    OPT_COMPARE,
    OPT_THRESHOLD,
    OPT_ALPHA,
    OPT_WALL,
    OPT_PLOTS,
    OPT_FORMAT
};
static const struct option options[] = {
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {"output", required_argument, NULL, 'o'},
    {"plots", required_argument, NULL, OPT_PLOTS},
    {"summary", no_argument, NULL, OPT_SUMMARY},
    {"wall", required_argument, NULL, OPT_WALL},
    {"baseline", no_argument, NULL, OPT_BASELINE},
    {"compare", no_argument, NULL, OPT_COMPARE},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"alpha", required_argument, NULL, OPT_ALPHA},
    {"format", required_argument, NULL, OPT_FORMAT},
    {NULL, 0, NULL, 0},
};

/* One option (getopt_long's code c, its value v), or a file (c == 1). */
static ps_status take(int c, const char *v, args *a, unsigned char *set, int *in_set, ps_msg *msg)
{
    switch (c) {
    case 'h':
        a->asked = HELP;
        return PS_OK;
    case 'V':
        a->asked = VERSION;
        return PS_OK;
    case OPT_SUMMARY:
        a->summary = true;
        return PS_OK;
    case OPT_BASELINE:
        *set = 1;
        return PS_OK;
    case OPT_COMPARE:
        *set = 2;
        return PS_OK;
    case OPT_THRESHOLD:
        return parse_fraction("--threshold", v, &a->copt, msg);
    case OPT_ALPHA:
        return parse_fraction("--alpha", v, &a->copt, msg);
    case OPT_WALL:
        return ps_parse_uint("--wall", v, 0, UINT32_MAX, &a->wall, msg);
    case OPT_FORMAT:
        if (strcmp(v, "markdown") && strcmp(v, "json"))
            return ps_fail(msg, PS_USAGE, "--format: '%.40s' is not markdown or json", v);
        a->json = !strcmp(v, "json");
        return PS_OK;
    case 'o':
    case OPT_PLOTS:
        if (!*v)
            return ps_fail(msg, PS_USAGE, "%s needs a value", c == 'o' ? "--output" : "--plots");
        *(c == 'o' ? &a->output : &a->plots) = v;
        return PS_OK;
    default: /* a file */
        if (!*v)
            return ps_fail(msg, PS_USAGE, "'': an empty file name");
        a->side[a->ninputs] = *set, in_set[*set]++;
        a->inputs[a->ninputs++] = (char *)v;
        return PS_OK;
    }
}

/* getopt_long in order ("-": files come back as code 1 where they stand, so that each belongs to
 * the --baseline or --compare before it), its messages ours (":"); "--" ends the options. */
static ps_status parse_args(int argc, char **argv, args *a, ps_msg *msg)
{
    *a = (args){.copt = {.alpha = 0.05, .threshold = 0.05}};
    a->inputs = calloc((size_t)argc, sizeof *a->inputs);
    a->side = calloc((size_t)argc, 1);
    unsigned char set = 0;
    int in_set[3] = {0}, c;
    ps_status st = a->inputs && a->side ? PS_OK : ps_fail(msg, PS_ENV, "out of memory");
    opterr = 0;
    while (!st && a->asked == RUN && (c = getopt_long(argc, argv, "-:hVo:", options, NULL)) != -1) {
        const char *given = argv[optind - 1];
        if (c == '?')
            st = ps_fail(msg, PS_USAGE, "unknown option '%.60s' (see --help)",
                         optopt ? (char[]){'-', (char)optopt, '\0'} : given);
        else if (c == ':')
            st = ps_fail(msg, PS_USAGE, "%.60s needs a value", given);
        else
            st = take(c, optarg, a, &set, in_set, msg);
    }
    for (int i = optind; i < argc && !st && a->asked == RUN; i++) /* after "--": files */
        st = take(1, argv[i], a, &set, in_set, msg);
    a->comparing = set != 0;
    if (st || a->asked != RUN)
        return st;
    if (a->comparing && (in_set[0] || !in_set[1] || !in_set[2] || a->summary))
        return ps_fail(msg, PS_USAGE,
                       a->summary ? "--summary does not go with --baseline and --compare"
                       : in_set[0]
                           ? "with --baseline and --compare, every file follows one of them"
                           : "a comparison needs files after both --baseline and --compare");
    if (a->json && !a->comparing)
        return ps_fail(msg, PS_USAGE, "--format json is for a comparison (--baseline, --compare)");
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
        st = compare(&r, &cand, &a.copt, a.json, a.plots, report, out.file, &plotted, &plots_msg,
                     &msg);
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
