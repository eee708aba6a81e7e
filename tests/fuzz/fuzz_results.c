/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: the report program's reader of result files (CSV through libcsv, JSON Lines
 * through jansson) and, for what it accepts, the Markdown report and the gnuplot script over it.
 * A refusal must name the file in one line; an accepted file must make a report, and a comparison
 * with itself, without crashing or undefined behaviour (odd numbers included), and plot scripts in
 * which every quoted string is plain text: nothing from a file may end a string and reach gnuplot
 * as code. */
#define _GNU_SOURCE
#include "ps_compare.h"
#include "ps_plots.h"
#include "ps_report.h"
#include "ps_results.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Every '...' in the script holds only letters, digits, spaces and . , : ( ) - _ / (none of which
 * ends a single-quoted gnuplot string or means anything in its enhanced text) */
static void check_script(const char *script)
{
    for (const char *p = script; (p = strchr(p, '\'')) != NULL;) {
        size_t n =
            strspn(++p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:()-_/");
        if (p[n] != '\'')
            abort();
        p += n + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("results", 0);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ps_results r = {0};
    ps_msg msg = {{0}};
    ps_status st = ps_results_load(&r, path, &msg);
    if (st != PS_OK) {
        if (st != PS_USAGE || strncmp(msg.text, path, strlen(path)) != 0 || strchr(msg.text, '\n'))
            abort(); /* one line, naming the file */
        if (r.n != 0)
            abort(); /* a refused file adds no rows */
    } else {
        FILE *out = fopen("/dev/null", "w");
        if (out) {
            ps_report_write(out, &r, 1, NULL, &msg);
            fclose(out);
        }
        char *script = NULL;
        size_t len = 0;
        FILE *gp = open_memstream(&script, &len);
        if (gp) {
            ps_report_plot_script(gp, &r);
            fclose(gp);
            check_script(script);
            free(script);
        }
        ps_comparison c;
        ps_compare_options opt = {.alpha = 0.05, .threshold = 0.05};
        if (r.n && ps_compare(&r, &r, &opt, &c, &msg) == PS_OK) {
            FILE *md = fopen("/dev/null", "w");
            if (md) {
                ps_comparison_write(md, &c, &r, &r, "plots");
                fclose(md);
            }
            gp = open_memstream(&script, &len);
            if (gp) {
                ps_comparison_plot_script(gp, &c);
                fclose(gp);
                check_script(script);
                free(script);
            }
            if (ps_comparison_failing(&c) > c.npairs)
                abort();
            ps_comparison_free(&c);
        }
    }
    ps_results_free(&r);
    close(fd);
    return 0;
}
