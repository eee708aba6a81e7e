/* libFuzzer target: the report program's reader of result files (CSV through libcsv, JSON Lines
 * through jansson) and, for what it accepts, the Markdown report over it. A refusal must name the
 * file in one line; an accepted file must make a report without crashing or undefined behaviour
 * (odd numbers included: zero, negative, huge, NaN). */
#define _GNU_SOURCE
#include "ps_report.h"
#include "ps_results.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
    }
    ps_results_free(&r);
    close(fd);
    return 0;
}
