/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_results.h"

#include "ps_buf.h"
#include "ps_stats.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* METRIC: a whole number (bytes), or null/empty; AMOUNT: a number from 0 to 1e12, or null/empty */
typedef enum { TEXT, NUMBER, YESNO, SAMPLES, METRIC, AMOUNT } kind;

typedef struct column {
    const char *name;
    kind kind;
    size_t offset, size;
    bool optional; /* absent from files older than it (then derived: ps_row_defaults) */
} column;

#define TXT(f)                                                                                     \
    {                                                                                              \
#f, TEXT, offsetof(ps_row, f), sizeof(((ps_row *)0)->f), false                             \
    }
#define NUM(f)                                                                                     \
    {                                                                                              \
#f, NUMBER, offsetof(ps_row, f), 0, false                                                  \
    }
#define OPT(f)                                                                                     \
    {                                                                                              \
#f, NUMBER, offsetof(ps_row, f), 0, true                                                   \
    }
#define OPTT(f)                                                                                    \
    {                                                                                              \
#f, TEXT, offsetof(ps_row, f), sizeof(((ps_row *)0)->f), true                              \
    }
#define YES(f)                                                                                     \
    {                                                                                              \
#f, YESNO, offsetof(ps_row, f), 0, false                                                   \
    }

/* The columns a report needs; a file may have more. */
static const column columns[] = {
    TXT(model),
    TXT(workload),
    TXT(variant),
    TXT(result),
    TXT(detail),
    TXT(host),
    TXT(cpu),
    TXT(compiler),
    TXT(flags),
    TXT(openmp),
    TXT(mpi),
    TXT(job),
    TXT(utc),
    TXT(version),
    NUM(workers),
    OPT(ranks),
    OPT(threads),
    NUM(size),
    NUM(seconds_median),
    NUM(seconds_min),
    NUM(seconds_max),
    NUM(seconds_mean),
    NUM(repetitions),
    NUM(warmup),
    NUM(cores),
    NUM(nodes),
    NUM(memory_gb),
    YES(verified),
    YES(oversubscribed),
    {"samples", SAMPLES, offsetof(ps_row, samples), 0, true},
    OPT(timer_tick),
    OPTT(binding),
    OPT(bound_cores),
    OPTT(omp_proc_bind),
    OPTT(omp_places),
    OPTT(omp_wait_policy),
    OPTT(omp_dynamic),
    OPTT(openmp_runtime),
    OPTT(mpi_settings),
    OPTT(commit),
    OPTT(build_type),
    OPTT(governor),
    OPT(steps),
    OPTT(work_options),
    {"worker_mib", AMOUNT, offsetof(ps_row, worker_mib), 0, true},
    {"message_bytes", METRIC, offsetof(ps_row, message_bytes), 0, true},
};
enum { NCOLUMNS = sizeof columns / sizeof columns[0] };

enum { MAX_SAMPLES = 1000000 }; /* as many as repetitions may be */

/* One more timed repetition's seconds. */
static ps_status add_sample(ps_row *row, double v, const char *path, size_t line, ps_msg *msg)
{
    if (!(v > 0 && v <= 1e9))
        return ps_fail(msg, PS_USAGE,
                       "%s:%zu: samples: %.17g is not a time in seconds (above 0, at most 1e9)",
                       path, line, v);
    if (row->nsamples == MAX_SAMPLES)
        return ps_fail(msg, PS_USAGE, "%s:%zu: samples: more than %d", path, line, MAX_SAMPLES);
    if (!ps_array_grow(&row->samples, &row->samples_cap, row->nsamples, sizeof *row->samples))
        return ps_fail(msg, PS_ENV, "out of memory");
    row->samples[row->nsamples++] = v;
    return PS_OK;
}

/* CSV's samples: seconds separated by single spaces ("" for none; libcsv trims the ends). */
static ps_status set_samples(ps_row *row, const char *text, const char *path, size_t line,
                             ps_msg *msg)
{
    ps_status st = PS_OK;
    for (const char *p = text; *p && !st;) {
        char *end;
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno || (*end && *end != ' ') || isspace((unsigned char)*p))
            return ps_fail(msg, PS_USAGE,
                           "%s:%zu: samples: '%.40s' is not seconds separated by spaces", path,
                           line, p);
        st = add_sample(row, v, path, line, msg);
        p = *end ? end + 1 : end;
    }
    return st;
}

enum { MAX_COUNT = 1 << 24 }; /* workers, cores, nodes: beyond any machine */

static bool whole(double v, double lo, double hi)
{
    return v >= lo && v <= hi && v == floor(v);
}

static ps_status set_field(ps_row *row, const column *c, const char *text, const char *path,
                           size_t line, ps_msg *msg)
{
    char *field = (char *)row + c->offset, *end;
    switch (c->kind) {
    case TEXT:
        if (strlen(text) >= c->size) /* longer than parsuite writes: never cut it silently */
            return ps_fail(msg, PS_USAGE, "%s:%zu: %s: '%.40s...' is longer than %zu characters",
                           path, line, c->name, text, c->size - 1);
        for (const char *p = text; *p; p++) /* parsuite writes none: a forged line or field */
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                return ps_fail(msg, PS_USAGE, "%s:%zu: %s: a control character (0x%02x)", path,
                               line, c->name, (unsigned)(unsigned char)*p);
        snprintf(field, c->size, "%s", text);
        return PS_OK;
    case NUMBER:
        errno = 0;
        *(double *)field = strtod(text, &end);
        if (!*text || *end || errno || !isfinite(*(double *)field))
            return ps_fail(msg, PS_USAGE, "%s:%zu: %s: '%.40s' is not a number", path, line,
                           c->name, text);
        return PS_OK;
    case YESNO:
        if (strcmp(text, "yes") && strcmp(text, "no") && strcmp(text, "true") &&
            strcmp(text, "false"))
            return ps_fail(msg, PS_USAGE, "%s:%zu: %s: '%.40s' is not yes or no", path, line,
                           c->name, text);
        *(bool *)field = text[0] == 'y' || text[0] == 't';
        return PS_OK;
    case SAMPLES:
        return set_samples(row, text, path, line, msg);
    case METRIC:
    case AMOUNT:
        if (!*text) /* not measured */
            return PS_OK;
        errno = 0;
        *(double *)field = strtod(text, &end);
        if (c->kind == METRIC && (*end || !whole(*(double *)field, 0, 1e15)))
            return ps_fail(msg, PS_USAGE, "%s:%zu: %s: '%.40s' is not a whole number of bytes",
                           path, line, c->name, text);
        if (*end || errno || !(*(double *)field >= 0 && *(double *)field <= 1e12))
            return ps_fail(msg, PS_USAGE, "%s:%zu: %s: '%.40s' is not a number from 0 to 1e12",
                           path, line, c->name, text);
        return PS_OK;
    }
    return PS_OK;
}

/* A name as parsuite writes it (a model, workload or variant): lower-case letters, digits and
 * hyphens, starting with a letter. Anything else is not a parsuite record, and a name is all that
 * a plot script or a report ever takes from a file (never quotes, spaces or line breaks). */
static bool is_name(const char *s, size_t max)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-");
    return n > 0 && n < max && s[n] == '\0' && s[0] >= 'a' && s[0] <= 'z';
}

/* What a record must be to be one that parsuite wrote: names, counts and times in range. */
/* Records from before hybrid runs have no ranks and threads: an OpenMP record ran its workers
 * as threads of one process, an MPI record as single-threaded ranks. */
static void derive_shape(ps_row *row)
{
    if (row->ranks < 0)
        row->ranks = strcmp(row->model, "omp") == 0 ? 1 : row->workers;
    if (row->threads < 0)
        row->threads = strcmp(row->model, "omp") == 0 ? row->workers : 1;
}

/* The samples are the record's own: the same minimum and maximum (printed alike), and the same
 * median (to its printed digits). */
static bool samples_agree(const ps_row *row)
{
    double *sorted = ps_sorted_copy(row->samples, row->nsamples);
    if (!sorted)
        return false;
    double min = sorted[0], max = sorted[row->nsamples - 1],
           median = ps_median_of_sorted(sorted, row->nsamples);
    free(sorted);
    return min == row->seconds_min && max == row->seconds_max &&
           fabs(median - row->seconds_median) <= 1e-8 * row->seconds_median;
}

static ps_status check_row(ps_row *row, const char *path, size_t line, ps_msg *msg)
{
    derive_shape(row);
    row->path = path, row->line = line;
    static const struct {
        const char *name;
        size_t offset, size;
    } names[] = {{"model", offsetof(ps_row, model), sizeof row->model},
                 {"workload", offsetof(ps_row, workload), sizeof row->workload},
                 {"variant", offsetof(ps_row, variant), sizeof row->variant}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = (const char *)row + names[i].offset;
        if (!is_name(v, names[i].size))
            return ps_fail(msg, PS_USAGE,
                           "%s:%zu: %s: '%.40s' is not a name parsuite writes (a-z, 0-9, -)", path,
                           line, names[i].name, v);
    }
    const struct {
        const char *name;
        double v, lo, hi;
        bool whole;
    } nums[] = {{"workers", row->workers, 1, MAX_COUNT, true},
                {"ranks", row->ranks, 1, MAX_COUNT, true},
                {"threads", row->threads, 1, MAX_COUNT, true},
                {"size", row->size, 0, 1e18, true},
                {"cores", row->cores, 1, MAX_COUNT, true},
                {"nodes", row->nodes, 1, MAX_COUNT, true},
                {"memory_gb", row->memory_gb, 0, 1e9, false},
                {"seconds_min", row->seconds_min, 0, 1e9, false},
                {"seconds_median", row->seconds_median, 0, 1e9, false},
                {"seconds_max", row->seconds_max, 0, 1e9, false},
                {"seconds_mean", row->seconds_mean, 0, 1e9, false},
                {"repetitions", row->repetitions, 1, 1e6, true},
                {"warmup", row->warmup, 0, 1e6, true}};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        if (nums[i].whole ? !whole(nums[i].v, nums[i].lo, nums[i].hi)
                          : !(nums[i].v >= nums[i].lo && nums[i].v <= nums[i].hi))
            return ps_fail(msg, PS_USAGE, "%s:%zu: %s: %.17g is not %s from %.0f to %.0f", path,
                           line, nums[i].name, nums[i].v,
                           nums[i].whole ? "a whole number" : "a value", nums[i].lo, nums[i].hi);
    if (row->ranks * row->threads != row->workers)
        return ps_fail(msg, PS_USAGE, "%s:%zu: %.0f ranks x %.0f threads are not %.0f workers",
                       path, line, row->ranks, row->threads, row->workers);
    if (row->nsamples > row->repetitions)
        return ps_fail(msg, PS_USAGE, "%s:%zu: %zu samples, more than the %.0f repetitions", path,
                       line, row->nsamples, row->repetitions);
    if (row->nsamples && !samples_agree(row))
        return ps_fail(msg, PS_USAGE,
                       "%s:%zu: the samples do not give the record's minimum, median and maximum",
                       path, line);
    /* A verified record timed its work; a failed one (a deadlock shown on purpose) may not have. */
    if (row->verified && !(row->seconds_min > 0))
        return ps_fail(msg, PS_USAGE, "%s:%zu: seconds_min: %.9g is not a time above 0", path, line,
                       row->seconds_min);
    if (!(row->seconds_min <= row->seconds_median && row->seconds_median <= row->seconds_max))
        return ps_fail(msg, PS_USAGE,
                       "%s:%zu: the times are out of order (min %.9g, median %.9g, max %.9g)", path,
                       line, row->seconds_min, row->seconds_median, row->seconds_max);
    return PS_OK;
}

/* A library field agrees where either side does not name it (an OpenMP record names no MPI). */
static bool agrees(const char *a, const char *b)
{
    return !*a || !*b || !strcmp(a, b);
}

static bool in_setup(const ps_setup *s, const ps_row *row)
{
    return !strcmp(s->host, row->host) && !strcmp(s->cpu, row->cpu) &&
           !strcmp(s->compiler, row->compiler) && !strcmp(s->flags, row->flags) &&
           !strcmp(s->version, row->version) && agrees(s->openmp, row->openmp) &&
           agrees(s->mpi, row->mpi);
}

#define COPY(to, from, field) snprintf((to)->field, sizeof(to)->field, "%s", (from)->field)

/* Takes a checked row in, with its setup: an earlier one that agrees, or a new one. A point of a
 * series (share pipe's record per message size) is passed over: the point's own record carries
 * its headline figures, which are what a report shows. */
static ps_status add_row(ps_results *r, ps_row *row, ps_msg *msg)
{
    if (row->message_bytes >= 0) {
        free(row->samples), row->samples = NULL;
        return PS_OK;
    }
    unsigned i = 0;
    while (i < r->setups && !in_setup(&r->setup[i], row))
        i++;
    if (i == r->setups) {
        if (!ps_array_grow(&r->setup, &r->setup_cap, r->setups, sizeof *r->setup))
            return ps_fail(msg, PS_ENV, "out of memory");
        ps_setup *s = &r->setup[r->setups++];
        COPY(s, row, host), COPY(s, row, cpu), COPY(s, row, compiler), COPY(s, row, flags);
        COPY(s, row, version), COPY(s, row, openmp), COPY(s, row, mpi);
    }
    ps_setup *s = &r->setup[i];
    if (!*s->openmp)
        COPY(s, row, openmp);
    if (!*s->mpi)
        COPY(s, row, mpi);
    row->setup = i;
    row->file = r->files;
    r->n++;
    return PS_OK;
}

void ps_setup_name(unsigned setup, char *buf, size_t len)
{
    if (setup < 26)
        snprintf(buf, len, "%c", 'A' + setup);
    else
        snprintf(buf, len, "S%u", setup + 1);
}

static ps_row *new_row(ps_results *r, ps_msg *msg)
{
    if (!ps_array_grow(&r->row, &r->cap, r->n, sizeof *r->row)) {
        ps_fail(msg, PS_ENV, "out of memory");
        return NULL;
    }
    ps_row *row = &r->row[r->n];
    memset(row, 0, sizeof *row);
    row->ranks = row->threads = row->message_bytes = row->worker_mib = -1; /* not read yet */
    return row;
}

/* CSV through libcsv: the first record is the header, which maps names to positions. */
typedef struct csv_state {
    ps_results *r;
    const char *path;
    ps_msg *msg;
    ps_status st;
    size_t line, nheader, field;
    size_t skipped;         /* blank lines before the header */
    int position[NCOLUMNS]; /* header position of each needed column */
    char **header;
    ps_row *row;
} csv_state;

static void on_field(void *data, size_t len, void *cs_)
{
    csv_state *cs = cs_;
    if (cs->st)
        return;
    char *text = strndup(data ? data : "", len);
    if (!text) {
        cs->st = ps_fail(cs->msg, PS_ENV, "out of memory");
        return;
    }
    if (cs->line == 1) {
        char **h = realloc(cs->header, (cs->nheader + 1) * sizeof *h);
        if (!h) {
            free(text);
            cs->st = ps_fail(cs->msg, PS_ENV, "out of memory");
            return;
        }
        cs->header = h;
        cs->header[cs->nheader++] = text;
        return;
    }
    if (!cs->row && !(cs->row = new_row(cs->r, cs->msg)))
        cs->st = PS_ENV;
    for (int c = 0; c < NCOLUMNS && !cs->st; c++)
        if (cs->position[c] == (int)cs->field)
            cs->st =
                set_field(cs->row, &columns[c], text, cs->path, cs->line + cs->skipped, cs->msg);
    cs->field++;
    free(text);
}

static void on_record(int end, void *cs_)
{
    csv_state *cs = cs_;
    (void)end;
    if (cs->st)
        return;
    size_t at = cs->line + cs->skipped;
    if (cs->line == 1) {
        for (size_t i = 0; i < cs->nheader; i++)
            for (size_t j = 0; j < i; j++)
                if (!strcmp(cs->header[i], cs->header[j])) {
                    cs->st = ps_fail(cs->msg, PS_USAGE,
                                     "%s:%zu: column '%.40s' is in the header twice (fields %zu "
                                     "and %zu)",
                                     cs->path, at, cs->header[i], j + 1, i + 1);
                    return;
                }
        for (int c = 0; c < NCOLUMNS; c++) {
            cs->position[c] = -1;
            for (size_t i = 0; i < cs->nheader; i++)
                if (strcmp(cs->header[i], columns[c].name) == 0)
                    cs->position[c] = (int)i;
            if (cs->position[c] < 0 && !columns[c].optional) {
                cs->st = ps_fail(cs->msg, PS_USAGE, "%s:%zu: no column '%s' in the header",
                                 cs->path, at, columns[c].name);
                return;
            }
        }
    } else if (cs->field != cs->nheader) {
        cs->st = ps_fail(cs->msg, PS_USAGE, "%s:%zu: %zu fields, the header has %zu", cs->path, at,
                         cs->field, cs->nheader);
        return;
    } else if (!(cs->st = check_row(cs->row, cs->path, at, cs->msg))) {
        cs->st = add_row(cs->r, cs->row, cs->msg);
    }
    if (cs->st && cs->row) /* refused: it is not one of r's rows */
        free(cs->row->samples), cs->row->samples = NULL;
    cs->line++;
    cs->field = 0;
    cs->row = NULL;
}

static ps_status load_csv(ps_results *r, const char *path, FILE *f, size_t skipped, ps_msg *msg)
{
    struct csv_parser parser;
    csv_state cs = {.r = r, .path = path, .msg = msg, .line = 1, .skipped = skipped};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return ps_fail(msg, PS_ENV, "libcsv: cannot start");
    char buf[65536];
    size_t got;
    while (!cs.st && (got = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(&parser, buf, got, on_field, on_record, &cs) != got && !cs.st)
            cs.st = ps_fail(msg, PS_USAGE, "%s:%zu: not CSV: %s", path, cs.line + skipped,
                            csv_strerror(csv_error(&parser)));
    if (!cs.st && csv_fini(&parser, on_field, on_record, &cs) != 0)
        cs.st = ps_fail(msg, PS_USAGE, "%s:%zu: the record is cut short (unterminated quote)", path,
                        cs.line + skipped);
    csv_free(&parser);
    if (cs.st && cs.row) /* the row being read when it stopped */
        free(cs.row->samples), cs.row->samples = NULL;
    for (size_t i = 0; i < cs.nheader; i++)
        free(cs.header[i]);
    free(cs.header);
    if (!cs.st && cs.line == 1)
        cs.st = ps_fail(msg, PS_USAGE, "%s: empty: no header and no records", path);
    return cs.st;
}

static ps_status load_json_line(ps_results *r, const char *path, size_t line, const char *text,
                                ps_msg *msg)
{
    json_error_t err;
    json_t *obj = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (!obj || !json_is_object(obj)) {
        json_decref(obj);
        return ps_fail(msg, PS_USAGE, "%s:%zu: not a JSON object%s%s", path, line, obj ? "" : ": ",
                       obj ? "" : err.text);
    }
    ps_row *row = new_row(r, msg);
    ps_status st = row ? PS_OK : PS_ENV;
    for (int c = 0; c < NCOLUMNS && !st; c++) {
        json_t *v = json_object_get(obj, columns[c].name);
        char num[64];
        const char *value = NULL;
        if (json_is_string(v) && columns[c].kind == TEXT)
            value = json_string_value(v);
        else if (json_is_number(v) && columns[c].kind == NUMBER)
            snprintf(num, sizeof num, "%.17g", json_number_value(v)), value = num;
        else if (json_is_boolean(v) && columns[c].kind == YESNO)
            value = json_is_true(v) ? "yes" : "no";
        const bool metric = columns[c].kind == METRIC || columns[c].kind == AMOUNT;
        if ((!v || (json_is_null(v) && metric)) && columns[c].optional)
            continue;
        if (json_is_number(v) && metric)
            snprintf(num, sizeof num, "%.17g", json_number_value(v)), value = num;
        if (json_is_array(v) && columns[c].kind == SAMPLES) {
            size_t i;
            json_t *x;
            json_array_foreach(v, i, x)
            {
                if (!st && !json_is_number(x))
                    st = ps_fail(msg, PS_USAGE, "%s:%zu: samples: element %zu is not a number",
                                 path, line, i + 1);
                if (!st)
                    st = add_sample(row, json_number_value(x), path, line, msg);
            }
            continue;
        }
        st = value ? set_field(row, &columns[c], value, path, line, msg)
                   : ps_fail(msg, PS_USAGE, "%s:%zu: '%s' is missing or of the wrong type", path,
                             line, columns[c].name);
    }
    json_decref(obj);
    if (!st && !(st = check_row(row, path, line, msg)))
        st = add_row(r, row, msg);
    if (st && row) /* refused: it is not one of r's rows */
        free(row->samples), row->samples = NULL;
    return st;
}

static ps_status load_jsonl(ps_results *r, const char *path, FILE *f, size_t line, ps_msg *msg)
{
    char *text = NULL;
    size_t cap = 0;
    ssize_t len;
    ps_status st = PS_OK;
    while (!st && (len = getline(&text, &cap, f)) > 0) {
        line++;
        if (text[len - 1] != '\n')
            st = ps_fail(msg, PS_USAGE, "%s:%zu: the record is cut short (no end of line)", path,
                         line);
        else if (len > 1)
            st = load_json_line(r, path, line, text, msg);
    }
    free(text);
    return st;
}

/* Past a UTF-8 byte order mark (spreadsheets write one) and blank lines, counted in *skipped:
 * the first character of the first record (pushed back), or EOF. -2: a broken byte order mark. */
static int first_character(FILE *f, size_t *skipped)
{
    int c = fgetc(f);
    if (c == 0xEF && (fgetc(f) != 0xBB || fgetc(f) != 0xBF))
        return -2;
    if (c == 0xEF)
        c = fgetc(f);
    for (*skipped = 0; c == '\n' || c == '\r' || c == ' ' || c == '\t'; c = fgetc(f))
        *skipped += c == '\n';
    return c == EOF ? EOF : ungetc(c, f);
}

ps_status ps_results_load(ps_results *r, const char *path, ps_msg *msg)
{
    FILE *f = fopen(path, "r");
    struct stat sb;
    if (!f)
        return ps_fail(msg, PS_USAGE, "%s: cannot read: %s", path, strerror(errno));
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(f);
        return ps_fail(msg, PS_USAGE, "%s: a directory, not a result file", path);
    }
    size_t before = r->n, skipped;
    unsigned setups = r->setups;
    int first = first_character(f, &skipped);
    ps_status st = first == -2 ? ps_fail(msg, PS_USAGE,
                                         "%s:1: not a result file (0xEF, but no "
                                         "byte order mark)",
                                         path)
                   : first == EOF && ferror(f)
                       ? ps_fail(msg, PS_USAGE, "%s: cannot read: %s", path, strerror(errno))
                   : first == EOF
                       ? ps_fail(msg, PS_USAGE, "%s: empty: no header and no records", path)
                   : first == '{' ? load_jsonl(r, path, f, skipped, msg)
                                  : load_csv(r, path, f, skipped, msg);
    if (!st && ferror(f))
        st = ps_fail(msg, PS_USAGE, "%s: cannot read: %s", path, strerror(errno));
    fclose(f);
    if (st) {
        for (size_t i = before; i < r->n; i++)
            free(r->row[i].samples);
        r->n = before, r->setups = setups;
    } else {
        r->files++;
    }
    return st;
}

/* Rows in the order that puts a record's copies side by side. */
static int by_record(const void *a, const void *b)
{
    const ps_row *x = *(ps_row *const *)a, *y = *(ps_row *const *)b;
    int c;
    if ((c = strcmp(x->utc, y->utc)) || (c = strcmp(x->host, y->host)) ||
        (c = strcmp(x->model, y->model)) || (c = strcmp(x->workload, y->workload)) ||
        (c = strcmp(x->variant, y->variant)) || (c = strcmp(x->work_options, y->work_options)))
        return c;
    const double u[] = {x->size,  x->ranks,          x->threads,
                        x->steps, x->seconds_median, (double)x->nsamples},
                 v[] = {y->size,  y->ranks,          y->threads,
                        y->steps, y->seconds_median, (double)y->nsamples};
    for (size_t i = 0; i < sizeof u / sizeof *u; i++)
        if (u[i] != v[i])
            return u[i] < v[i] ? -1 : 1;
    return x->nsamples ? memcmp(x->samples, y->samples, x->nsamples * sizeof *x->samples) : 0;
}

ps_status ps_results_unique(const ps_results *const *sets, size_t nsets, ps_msg *msg)
{
    size_t n = 0;
    for (size_t s = 0; s < nsets; s++)
        n += sets[s]->n;
    ps_row **rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows)
        return ps_fail(msg, PS_ENV, "out of memory");
    n = 0;
    for (size_t s = 0; s < nsets; s++)
        for (size_t i = 0; i < sets[s]->n; i++)
            rows[n++] = &sets[s]->row[i];
    qsort(rows, n, sizeof *rows, by_record);
    ps_status st = PS_OK;
    for (size_t i = 1; i < n && !st; i++)
        if (by_record(&rows[i - 1], &rows[i]) == 0)
            st = ps_fail(msg, PS_USAGE,
                         "%s:%zu: the same record as %s:%zu (the same time, point and samples): "
                         "one measurement counts once",
                         rows[i]->path, rows[i]->line, rows[i - 1]->path, rows[i - 1]->line);
    free(rows);
    return st;
}

void ps_results_free(ps_results *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->row[i].samples);
    free(r->row);
    free(r->setup);
    *r = (ps_results){0};
}
