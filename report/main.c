/* parsuite-report FILE... : one Markdown report over result files (CSV or JSON Lines, from any
 * mix of runs and jobs); parsuite-report --baseline FILE... --compare FILE...: the comparison of
 * two sets of runs, point by point, with an exit code a CI job can gate on. Bad or cut-short files
 * are named with their line (exit 2); --output is written whole or not at all (exit 3 if it
 * cannot be). */
#include "ps_compare.h"
#include "ps_env.h"
#include "ps_parse.h"
#include "ps_report.h"

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
        "usage: parsuite-report [--output FILE] [--plots DIR] RESULTS...\n"
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

/* --output is written through a temporary file in the same directory as the file it replaces
 * (through a symbolic link: its target), made before any work (so an unwritable place fails
 * first) and renamed over it only when the report is complete. The report keeps the mode of the
 * file it replaces, or gets the umask's. */
typedef struct output {
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    FILE *file;
} output;

static ps_status open_output(output *o, const char *path, ps_msg *msg)
{
    struct stat sb;
    mode_t mode;
    if (!realpath(path, o->path)) /* a new file: the name as given */
        snprintf(o->path, sizeof o->path, "%s", path);
    if (stat(o->path, &sb) == 0) {
        mode = sb.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    snprintf(o->tmp, sizeof o->tmp, "%s.XXXXXX", o->path);
    int fd = mkostemp(o->tmp, O_CLOEXEC);
    if (fd < 0 || fchmod(fd, mode) != 0 || !(o->file = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0)
            close(fd), unlink(o->tmp);
        return ps_fail(msg, PS_ENV, "--output: cannot write next to '%s': %s", path, strerror(e));
    }
    return PS_OK;
}

static ps_status close_output(output *o, ps_status st, ps_msg *msg)
{
    if (!st && (fflush(o->file) != 0 || fsync(fileno(o->file)) != 0))
        st = ps_fail(msg, PS_ENV, "--output: cannot write '%s': %s", o->path, strerror(errno));
    fclose(o->file);
    if (!st && rename(o->tmp, o->path) != 0)
        st = ps_fail(msg, PS_ENV, "--output: cannot replace '%s': %s", o->path, strerror(errno));
    if (st)
        unlink(o->tmp);
    return st;
}

/* The report must not replace what it reads. */
static ps_status not_an_input(const char *output, char **inputs, int n, ps_msg *msg)
{
    struct stat o, in;
    if (stat(output, &o) != 0)
        return PS_OK;
    for (int i = 0; i < n; i++)
        if (stat(inputs[i], &in) == 0 && in.st_dev == o.st_dev && in.st_ino == o.st_ino)
            return ps_fail(msg, PS_USAGE, "--output: '%s' is also an input (%s)", output,
                           inputs[i]);
    return PS_OK;
}

/* The plots' directory as the report links it: relative to the report's own directory. */
static const char *link_to(const char *plots, const char *report)
{
    const char *slash = report ? strrchr(report, '/') : NULL;
    size_t n = slash ? (size_t)(slash - report) : 0;
    if (plots && n && !strncmp(plots, report, n) && plots[n] == '/')
        return plots + n + 1;
    if (plots && n && !strncmp(plots, report, n) && plots[n] == '\0')
        return ".";
    return plots;
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

/* The comparison: its Markdown, its plot, and exit 1 when a point is slower or unverified. */
static ps_status compare(const ps_results *base, const ps_results *cand,
                         const ps_compare_options *opt, const char *plots, FILE *out,
                         const char *link, ps_msg *msg)
{
    ps_comparison c;
    ps_status st = ps_compare(base, cand, opt, &c, msg);
    if (st)
        return st;
    if (plots)
        st = ps_comparison_plots(&c, plots, msg);
    if (!st) {
        ps_comparison_write(out, &c, base, cand, plots ? link : NULL);
        size_t failing = ps_comparison_failing(&c);
        if (failing && ferror(out) == 0)
            st = ps_fail(msg, PS_FAILED,
                         "%zu of %zu points slower by more than %g%% or not "
                         "verified",
                         failing, c.npairs, 100 * opt->threshold);
    }
    ps_comparison_free(&c);
    return st;
}

int main(int argc, char **argv)
{
    output out = {0};
    const char *plots = NULL, *output_path = NULL;
    bool summary = false;
    uint64_t wall = 0;
    /* Every file, and its set: the last of --baseline (1) and --compare (2) before it, else 0 (a
     * report's). */
    char **inputs = calloc((size_t)argc, sizeof *inputs);
    unsigned char *side = calloc((size_t)argc, 1), set = 0;
    int ninputs = 0, in_set[3] = {0};
    ps_compare_options copt = {.alpha = 0.05, .threshold = 0.05};
    ps_results r = {0}, cand = {0};
    ps_msg msg;
    ps_status st = inputs && side ? PS_OK : ps_fail(&msg, PS_ENV, "out of memory");
    for (int i = 1; i < argc && !st; i++) {
        if (!strcmp(argv[i], "--help")) {
            free(inputs), free(side);
            return usage(stdout);
        }
        if (!strcmp(argv[i], "--version")) {
            printf("parsuite-report %s\n", ps_version());
            free(inputs), free(side);
            return 0;
        }
        if (!strcmp(argv[i], "--summary")) {
            summary = true;
        } else if (!strcmp(argv[i], "--baseline") || !strcmp(argv[i], "--compare")) {
            set = !strcmp(argv[i], "--baseline") ? 1 : 2;
        } else if (!strcmp(argv[i], "--threshold") || !strcmp(argv[i], "--alpha")) {
            st = i + 1 < argc ? parse_fraction(argv[i], argv[i + 1], &copt, &msg)
                              : ps_fail(&msg, PS_USAGE, "%s needs a value", argv[i]);
            i++;
        } else if (!strcmp(argv[i], "--wall")) {
            st = i + 1 < argc ? ps_parse_uint("--wall", argv[++i], 0, UINT32_MAX, &wall, &msg)
                              : ps_fail(&msg, PS_USAGE, "--wall needs a value");
        } else if (!strcmp(argv[i], "--output") || !strcmp(argv[i], "--plots")) {
            if (i + 1 == argc || !*argv[i + 1])
                st = ps_fail(&msg, PS_USAGE, "%s needs a value", argv[i]);
            else if (!strcmp(argv[i++], "--plots"))
                plots = argv[i];
            else
                output_path = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            st = ps_fail(&msg, PS_USAGE, "unknown option '%s' (see --help)", argv[i]);
        } else if (!argv[i][0]) {
            st = ps_fail(&msg, PS_USAGE, "'': an empty file name");
        } else {
            side[ninputs] = set, in_set[set]++;
            inputs[ninputs++] = argv[i];
        }
    }
    const bool comparing = set != 0;
    if (!st && comparing && (in_set[0] || !in_set[1] || !in_set[2] || summary))
        st = ps_fail(&msg, PS_USAGE,
                     summary     ? "--summary does not go with --baseline and --compare"
                     : in_set[0] ? "with --baseline and --compare, every file follows one of them"
                                 : "a comparison needs files after both --baseline and --compare");
    if (!st && !comparing && ninputs == 0)
        st = ps_fail(&msg, PS_USAGE, "no result files given (see --help)");
    if (!st && output_path && !(st = not_an_input(output_path, inputs, ninputs, &msg)))
        st = open_output(&out, output_path, &msg);
    for (int i = 0; i < ninputs && !st; i++)
        st = ps_results_load(side[i] == 2 ? &cand : &r, inputs[i], &msg);
    if (!st && comparing)
        st = compare(&r, &cand, &copt, plots, out.file ? out.file : stdout,
                     link_to(plots, output_path), &msg);
    else if (!st && plots)
        st = ps_report_plots(&r, plots, &msg);
    if (comparing) {
    } else if (!st && summary) {
        st = ps_report_summary(out.file ? out.file : stdout, &r, (double)wall, &msg);
    } else if (!st) {
        st = ps_report_write(out.file ? out.file : stdout, &r, (size_t)ninputs,
                             link_to(plots, output_path), &msg);
        if (st == PS_ENV && out.file) { /* name the file the user asked for */
            ps_msg why = msg;
            st = ps_fail(&msg, PS_ENV, "--output '%s': %s", output_path, why.text);
        }
    }
    /* A comparison that found a slower point is a whole report all the same. */
    ps_status written = st == PS_FAILED ? PS_OK : st;
    ps_msg wmsg = msg;
    if (out.file)
        written = close_output(&out, written, &wmsg);
    else if (!written && (fflush(stdout) != 0 || ferror(stdout)))
        written = ps_fail(&wmsg, PS_ENV, "cannot write the report to standard output: %s",
                          strerror(errno));
    if (written)
        st = written, msg = wmsg;
    if (st)
        fprintf(stderr, "parsuite-report: %s\n", msg.text);
    ps_results_free(&r);
    ps_results_free(&cand);
    free(inputs), free(side);
    return (int)st;
}
