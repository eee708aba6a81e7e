/* parsuite-report FILE... : one Markdown report over result files (CSV or JSON Lines, from any
 * mix of runs and jobs). Bad or cut-short files are named with their line (exit 2); --output is
 * written whole or not at all (exit 3 if it cannot be). */
#include "ps_env.h"
#include "ps_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int usage(FILE *out)
{
    fprintf(out,
            "usage: parsuite-report [--output FILE] RESULTS...\n\n"
            "Reads parsuite result files (CSV or JSON Lines, as --output writes them) and "
            "writes one Markdown report:\nprovenance, then per workload, variant and size the "
            "median time, speedup, efficiency and Karp-Flatt\nserial fraction at each worker "
            "count and model.\n\n"
            "  --output FILE  write the report to FILE (whole, or not at all); default stdout\n"
            "  --help         this text\n  --version      the version\n\n"
            "exit codes: 0 done, 2 bad input (an option, a file, a line), 3 output not "
            "writable\n");
    return out == stdout ? 0 : 2;
}

/* --output is written through a temporary file in the same directory, made before any work (so
 * an unwritable place fails first) and renamed over FILE only when the report is complete. */
typedef struct output {
    const char *path;
    char tmp[4096];
    FILE *file;
} output;

static ps_status open_output(output *o, ps_msg *msg)
{
    snprintf(o->tmp, sizeof o->tmp, "%s.XXXXXX", o->path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->file = fdopen(fd, "w"))) {
        if (fd >= 0)
            close(fd), unlink(o->tmp);
        return ps_fail(msg, PS_ENV, "--output: cannot write next to '%s': %s", o->path,
                       strerror(errno));
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

int main(int argc, char **argv)
{
    output out = {0};
    const char *plots = NULL;
    ps_results r = {0};
    ps_msg msg;
    ps_status st = PS_OK;
    size_t files = 0;
    for (int i = 1; i < argc && !st; i++) /* options first: --output is claimed before reading */
        if (!strcmp(argv[i], "--output"))
            out.path = ++i < argc && *argv[i] ? argv[i] : NULL;
    if (out.path)
        st = open_output(&out, &msg);
    for (int i = 1; i < argc && !st; i++) {
        if (!strcmp(argv[i], "--help"))
            return usage(stdout);
        if (!strcmp(argv[i], "--version")) {
            printf("parsuite-report %s\n", ps_version());
            return 0;
        }
        if (!strcmp(argv[i], "--output") || !strcmp(argv[i], "--plots")) {
            if (i + 1 == argc || !*argv[i + 1])
                st = ps_fail(&msg, PS_USAGE, "%s needs a value", argv[i]);
            else if (!strcmp(argv[i++], "--plots"))
                plots = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            st = ps_fail(&msg, PS_USAGE, "unknown option '%s' (see --help)", argv[i]);
        } else if (!argv[i][0]) {
            st = ps_fail(&msg, PS_USAGE, "'': an empty file name");
        } else {
            st = ps_results_load(&r, argv[i], &msg);
            files++;
        }
    }
    if (!st && files == 0)
        st = ps_fail(&msg, PS_USAGE, "no result files given (see --help)");
    if (!st && plots)
        st = ps_report_plots(&r, plots, &msg);
    if (!st) {
        st = ps_report_write(out.file ? out.file : stdout, &r, files, link_to(plots, out.path),
                             &msg);
        if (st == PS_ENV && out.file) { /* name the file the user asked for */
            ps_msg why = msg;
            st = ps_fail(&msg, PS_ENV, "--output '%s': %s", out.path, why.text);
        }
    }
    if (out.file)
        st = close_output(&out, st, &msg);
    if (st)
        fprintf(stderr, "parsuite-report: %s\n", msg.text);
    ps_results_free(&r);
    return (int)st;
}
