/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_sink.h"
#include "ps_time.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static bool ends_with(const char *s, const char *tail) /* in any case: .JSONL too */
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcasecmp(s + n - m, tail) == 0;
}

/* A file whose last record was cut short (no line break at its end) is refused: a record
 * appended to it would be glued onto the broken one. */
static ps_status check_end(int fd, const char *path, off_t size, ps_msg *msg)
{
    char last = '\n';
    if (pread(fd, &last, 1, size - 1) != 1)
        return ps_fail(msg, PS_ENV, "--output: cannot read '%s': %s", path, strerror(errno));
    if (last != '\n')
        return ps_fail(msg, PS_USAGE,
                       "--output: '%s' ends in a cut-short record (no line break at its end); "
                       "repair it to its last whole line or choose a new file",
                       path);
    return PS_OK;
}

/* An existing CSV file must have our columns, or appending would mix two layouts. */
static ps_status check_header(int fd, const char *path, ps_msg *msg)
{
    ps_buf want = {0};
    ps_record_csv_header(&want);
    char *got = calloc(1, want.len + 1);
    ps_status st = PS_OK;
    if (!got || want.oom) {
        st = ps_fail(msg, PS_ENV, "out of memory");
    } else if (pread(fd, got, want.len, 0) != (ssize_t)want.len ||
               memcmp(got, want.data, want.len) != 0) {
        st = ps_fail(msg, PS_USAGE,
                     "--output: '%s' is not a parsuite CSV of this version (other columns); "
                     "choose a new file",
                     path);
    }
    free(got);
    ps_buf_free(&want);
    return st;
}

ps_status ps_sink_open(ps_sink *s, const ps_options *opt, ps_msg *msg)
{
    *s = (ps_sink){.format = opt->format, .quiet = opt->quiet, .path = opt->output, .fd = -1};
    if (!opt->output)
        return PS_OK;
    s->file_format = ends_with(opt->output, ".jsonl") || ends_with(opt->output, ".json") ||
                             ends_with(opt->output, ".ndjson")
                         ? PS_FORMAT_JSON
                         : PS_FORMAT_CSV; /* by the name alone, whatever goes to stdout */
    /* O_NONBLOCK: a FIFO without a reader is an error now, not a wait without end */
    s->fd = open(opt->output, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0644);
    if (s->fd < 0)
        return ps_fail(msg, PS_ENV, "--output: cannot open '%s' for appending: %s%s", opt->output,
                       strerror(errno), errno == ENXIO ? " (a FIFO that nobody reads)" : "");
    fcntl(s->fd, F_SETFL, O_APPEND);
    struct stat sb;
    ps_status st = PS_OK;
    if (fstat(s->fd, &sb) != 0) {
        st = ps_fail(msg, PS_ENV, "--output: cannot stat '%s': %s", opt->output, strerror(errno));
    } else if (!S_ISREG(sb.st_mode)) {
        s->stream = true; /* a FIFO or a device: written in order, never read back */
    } else if (sb.st_size > 0) {
        int rfd = open(opt->output, O_RDONLY | O_CLOEXEC);
        st = rfd < 0 ? ps_fail(msg, PS_ENV, "--output: cannot read '%s': %s", opt->output,
                               strerror(errno))
                     : check_end(rfd, opt->output, sb.st_size, msg);
        if (!st && s->file_format == PS_FORMAT_CSV)
            st = check_header(rfd, opt->output, msg);
        if (rfd >= 0)
            close(rfd);
    }
    if (st) {
        close(s->fd);
        s->fd = -1;
    }
    return st;
}

ps_status ps_sink_append(ps_sink *s, const ps_record *r, ps_msg *msg)
{
    const int fd = s->fd;
    const char *path = s->path;
    if (!s->stream && flock(fd, LOCK_EX) != 0)
        return ps_fail(msg, PS_ENV, "--output: cannot lock '%s': %s", path, strerror(errno));
    struct stat sb;
    ps_status st = PS_OK;
    ps_buf b = {0};
    if (fstat(fd, &sb) != 0) {
        st = ps_fail(msg, PS_ENV, "--output: cannot stat '%s': %s", path, strerror(errno));
        goto out;
    }
    if (s->file_format == PS_FORMAT_JSON) {
        ps_record_json(r, &b);
    } else {
        if (s->stream ? !s->file_header_done : sb.st_size == 0)
            ps_record_csv_header(&b);
        s->file_header_done = true;
        ps_record_csv(r, &b);
    }
    if (b.oom) {
        st = ps_fail(msg, PS_ENV, "out of memory");
        goto out;
    }
    ssize_t n = write(fd, b.data, b.len);
    if (n != (ssize_t)b.len) {
        int err = n < 0 ? errno : ENOSPC;
        /* no half record stays behind in a file (a stream keeps what it was given) */
        bool undone = n <= 0 || s->stream || ftruncate(fd, sb.st_size) == 0;
        st = ps_fail(msg, PS_ENV, "--output: cannot write to '%s': %s%s", path, strerror(err),
                     undone ? "" : " (and the partial record could not be removed)");
    }
out:
    ps_buf_free(&b);
    if (!s->stream)
        flock(fd, LOCK_UN);
    return st;
}

ps_status ps_sink_emit(ps_sink *s, const ps_record *r, ps_msg *msg)
{
    if (s->format == PS_FORMAT_TABLE) {
        if (!ps_array_grow(&s->rows, &s->caprows, s->nrows, sizeof *s->rows))
            return ps_fail(msg, PS_ENV, "out of memory");
        s->rows[s->nrows++] = *r;
    } else {
        ps_buf b = {0};
        if (s->format == PS_FORMAT_CSV && !s->stdout_header_done)
            ps_record_csv_header(&b);
        s->stdout_header_done = true;
        if (s->format == PS_FORMAT_CSV)
            ps_record_csv(r, &b);
        else
            ps_record_json(r, &b);
        bool written = !b.oom && fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0;
        int err = errno;
        ps_buf_free(&b);
        if (!written) {
            s->stdout_failed = true; /* said once: not again at close */
            return ps_fail(msg, PS_ENV, "cannot write records to standard output: %s",
                           strerror(err));
        }
    }
    return s->fd >= 0 ? ps_sink_append(s, r, msg) : PS_OK;
}

FILE *ps_sink_notes(const ps_sink *s)
{
    return s->format == PS_FORMAT_TABLE ? stdout : stderr;
}

enum { NCOLS = 13 };

static void table_cells(const ps_record *r, char cells[NCOLS][32])
{
    snprintf(cells[0], 32, "%s", r->model);
    snprintf(cells[1], 32, "%s", r->workload);
    snprintf(cells[2], 32, "%s", r->variant);
    snprintf(cells[3], 32, "%u", r->workers);
    snprintf(cells[4], 32, "%ux%u", r->ranks, r->threads);
    snprintf(cells[5], 32, "%llu", (unsigned long long)r->size);
    snprintf(cells[6], 32, "%llu", (unsigned long long)r->repetitions);
    ps_duration_text(cells[7], 32, r->seconds.median);
    ps_duration_text(cells[8], 32, r->seconds.min);
    ps_duration_text(cells[9], 32, r->seconds.max);
    snprintf(cells[10], 32, "%.4g", r->items_per_second);
    snprintf(cells[11], 32, "%s", r->verified ? "yes" : "NO");
    snprintf(cells[12], 32, "%s", r->oversubscribed ? "yes" : "no");
}

static void print_table(const ps_sink *s)
{
    static const char *const head[NCOLS] = {
        "model",  "workload", "variant", "workers", "ranks_x_threads", "size",          "reps",
        "median", "min",      "max",     "items/s", "verified",        "oversubscribed"};
    static const bool left[NCOLS] = {true, true, true};
    int width[NCOLS];
    char cells[NCOLS][32];
    for (int c = 0; c < NCOLS; c++)
        width[c] = (int)strlen(head[c]);
    for (size_t i = 0; i < s->nrows; i++) {
        table_cells(&s->rows[i], cells);
        for (int c = 0; c < NCOLS; c++)
            if ((int)strlen(cells[c]) > width[c])
                width[c] = (int)strlen(cells[c]);
    }
    if (!s->quiet && s->nrows) {
        const ps_record *r = &s->rows[0];
        const ps_env *e = r->env;
        printf("# parsuite %s, %s on %s (%u node%s, %u cores), %s %s%s%s%s%s, %s%s%s\n", e->version,
               r->model, e->host, e->nodes, e->nodes == 1 ? "" : "s", e->cores, e->compiler,
               e->flags, *e->openmp ? ", OpenMP " : "", e->openmp, *e->mpi ? ", " : "", e->mpi,
               r->utc, *e->job ? ", job " : "", e->job);
    }
    for (int c = 0; c < NCOLS; c++)
        printf("%s%*s", c ? "  " : "", left[c] ? -width[c] : width[c], head[c]);
    printf("\n");
    for (size_t i = 0; i < s->nrows; i++) {
        table_cells(&s->rows[i], cells);
        for (int c = 0; c < NCOLS; c++)
            printf("%s%*s", c ? "  " : "", left[c] ? -width[c] : width[c], cells[c]);
        printf("\n");
    }
}

ps_status ps_sink_close(ps_sink *s, ps_msg *msg)
{
    if (s->format == PS_FORMAT_TABLE && s->nrows)
        print_table(s);
    ps_status st = PS_OK;
    if ((fflush(stdout) != 0 || ferror(stdout)) && !s->stdout_failed)
        st = ps_fail(msg, PS_ENV, "cannot write to standard output: %s", strerror(errno));
    if (s->fd >= 0 && close(s->fd) != 0 && !st)
        st = ps_fail(msg, PS_ENV, "--output: cannot close '%s': %s", s->path, strerror(errno));
    free(s->rows);
    *s = (ps_sink){.fd = -1};
    return st;
}
