/* SPDX-License-Identifier: BSD-3-Clause */
/* Where records go: stdout in the chosen format (the table is printed whole at the end, aligned),
 * and, with --output, appended to a file as whole records. Notes for people go to stdout with the
 * table and to stderr with CSV or JSON, so that stdout stays machine-readable. */
#ifndef PS_SINK_H
#define PS_SINK_H

#include "ps_options.h"
#include "ps_record.h"
#include "ps_status.h"

#include <stdio.h>

typedef struct ps_sink {
    ps_format format, file_format;
    bool quiet;
    const char *path;
    int fd;      /* -1 without --output */
    bool stream; /* --output is a FIFO or a device: no header check, no locking, no undo */
    bool stdout_header_done, file_header_done, stdout_failed;
    ps_record *rows; /* the table's rows */
    size_t nrows, caprows;
} ps_sink;

/* Opens (creates) the --output file, so that an unwritable path fails before any work. */
ps_status ps_sink_open(ps_sink *s, const ps_options *opt, ps_msg *msg);
ps_status ps_sink_emit(ps_sink *s, const ps_record *r, ps_msg *msg);
/* Prints the table (if that is the format) and closes the file; PS_ENV if standard output or
 * the file could not be written. */
ps_status ps_sink_close(ps_sink *s, ps_msg *msg);
FILE *ps_sink_notes(const ps_sink *s);

/* Appends one record to the --output file as a single write, with the CSV header first if the
 * file is empty (a stream: before its first record); a file is locked meanwhile, and a short
 * write (disk full) is undone: no half records. */
ps_status ps_sink_append(ps_sink *s, const ps_record *r, ps_msg *msg);

#endif
