/* SPDX-License-Identifier: BSD-3-Clause */
/* Where the report goes (--output). A regular file (or a new one) is written whole or not at all:
 * through a temporary file beside it (beside a symbolic link's target), made before any work and
 * renamed over it only when the report is complete; it keeps the mode of the file it replaces, or
 * gets the umask's. Anything else is written into, never replaced: "-", the standard output or
 * error under any name (/dev/stdout, /proc/self/fd/1), a device (/dev/null), a FIFO or a socket. */
#ifndef PS_OUTPUT_H
#define PS_OUTPUT_H

#include "ps_status.h"

#include <limits.h>
#include <stdio.h>

typedef struct ps_output {
    char path[PATH_MAX];    /* as the messages name it */
    char tmp[PATH_MAX + 8]; /* the temporary file renamed over path; "" when written into */
    int slot;               /* the temporary file's cleanup slot */
    FILE *file;
} ps_output;

/* NULL path: the standard output. */
ps_status ps_output_open(ps_output *o, const char *path, ps_msg *msg);

/* Ends the output: st PS_OK makes it whole (renamed into place), anything else removes the
 * temporary file. Returns st, or PS_ENV if the output could not be written. */
ps_status ps_output_close(ps_output *o, ps_status st, ps_msg *msg);

#endif
