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
    int fd; /* -1 without --output */
    bool stdout_header_done;
    ps_record *rows; /* the table's rows */
    size_t nrows, caprows;
} ps_sink;

/* Opens (creates) the --output file, so that an unwritable path fails before any work. */
ps_status ps_sink_open(ps_sink *s, const ps_options *opt, ps_msg *msg);
ps_status ps_sink_emit(ps_sink *s, const ps_record *r, ps_msg *msg);
/* Prints the table (if that is the format) and closes the file. */
void ps_sink_close(ps_sink *s);
FILE *ps_sink_notes(const ps_sink *s);

/* Appends one record to fd as a single write, with the CSV header first if the file is empty;
 * the file is locked meanwhile, and a short write (disk full) is undone: no half records. */
ps_status ps_append_record(int fd, const char *path, ps_format format, const ps_record *r,
                           ps_msg *msg);

#endif
