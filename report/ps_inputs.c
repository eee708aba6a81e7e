/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_inputs.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct seen {
    dev_t dev;
    ino_t ino;
    int at;
} seen;

static int by_file(const void *a, const void *b)
{
    const seen *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return x->at - y->at;
}

ps_status ps_inputs_check(char *const *inputs, int n, const char *output, ps_msg *msg)
{
    struct stat sb, out;
    bool has_output = output && strcmp(output, "-") && stat(output, &out) == 0;
    seen *files = calloc(n ? (size_t)n : 1, sizeof *files);
    if (!files)
        return ps_fail(msg, PS_ENV, "out of memory");
    ps_status st = PS_OK;
    int m = 0;
    for (int i = 0; i < n && !st; i++) {
        if (stat(inputs[i], &sb) != 0) /* named when it is read */
            continue;
        if (S_ISDIR(sb.st_mode))
            st = ps_fail(msg, PS_USAGE, "%s: a directory, not a result file", inputs[i]);
        else if (has_output && sb.st_dev == out.st_dev && sb.st_ino == out.st_ino)
            st = ps_fail(msg, PS_USAGE, "--output: '%s' is also an input (%s)", output, inputs[i]);
        else
            files[m++] = (seen){sb.st_dev, sb.st_ino, i};
    }
    qsort(files, (size_t)m, sizeof *files, by_file);
    for (int i = 1; i < m && !st; i++)
        if (files[i].dev == files[i - 1].dev && files[i].ino == files[i - 1].ino)
            st = ps_fail(msg, PS_USAGE,
                         "%s: the same file as %s: each file is read once (its records are not "
                         "more evidence for being given twice)",
                         inputs[files[i].at], inputs[files[i - 1].at]);
    free(files);
    return st;
}
