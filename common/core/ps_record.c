/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_record.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ps_metric_set(ps_metric *m, double value)
{
    if (isfinite(value))
        *m = (ps_metric){.set = true, .value = value};
}

/* The columns, in order: the CSV header and the JSON keys. */
static const char *const columns[] = {
#define PS_COLUMN(name, kind, unit, about) #name,
#include "ps_columns.def"
#undef PS_COLUMN
};
enum { NCOLUMNS = sizeof columns / sizeof columns[0] };

/* Each column's position, by name: fields are filled by name, in any order. */
enum column {
#define PS_COLUMN(name, kind, unit, about) COLUMN_##name,
#include "ps_columns.def"
#undef PS_COLUMN
};

/* NONE: a metric not measured; UNSET: a column fields_of forgot (a test sees it). */
typedef enum { UNSET, TEXT, NUMBER, BOOL, SAMPLES, NONE } kind;

typedef struct field {
    kind kind;
    char text[160];
} field;

/* A metric: 6 significant digits, a whole number (a message size) in full. */
static void put_metric(field *f, const ps_metric *m)
{
    const double v = m->set ? m->value : 0;
    f->kind = m->set ? NUMBER : NONE;
    snprintf(f->text, sizeof f->text, v == floor(v) && fabs(v) < 1e15 ? "%.0f" : "%.6g", v);
}

/* One line's fields: the record's, with the metrics m (its own, or a point of its series): one
 * assignment a column in the order of ps_columns.def, as long as that list and read beside it. */
static void fields_of(const ps_record *r, const ps_metrics *m, field f[NCOLUMNS])
{
    const ps_env *e = r->env;
    for (int k = 0; k < NCOLUMNS; k++)
        f[k].kind = UNSET;
#define PUT(name, k, ...)                                                                          \
    (f[COLUMN_##name].kind = (k),                                                                  \
     snprintf(f[COLUMN_##name].text, sizeof f[COLUMN_##name].text, __VA_ARGS__))
    PUT(version, TEXT, "%s", e->version);
    PUT(format, NUMBER, "%d", PS_RECORD_FORMAT);
    PUT(utc, TEXT, "%s", r->utc);
    PUT(model, TEXT, "%s", r->model);
    PUT(workload, TEXT, "%s", r->workload);
    PUT(variant, TEXT, "%s", r->variant);
    PUT(workers, NUMBER, "%u", r->workers);
    PUT(ranks, NUMBER, "%u", r->ranks);
    PUT(threads, NUMBER, "%u", r->threads);
    PUT(size, NUMBER, "%llu", (unsigned long long)r->size);
    PUT(repetitions, NUMBER, "%llu", (unsigned long long)r->repetitions);
    PUT(warmup, NUMBER, "%llu", (unsigned long long)r->warmup);
    PUT(seconds_min, NUMBER, "%.9g", r->seconds.min);
    PUT(seconds_median, NUMBER, "%.9g", r->seconds.median);
    PUT(seconds_mean, NUMBER, "%.9g", r->seconds.mean);
    PUT(seconds_max, NUMBER, "%.9g", r->seconds.max);
    PUT(seconds_stddev, NUMBER, "%.9g", r->seconds.stddev);
    PUT(items_per_second, NUMBER, "%.6g", r->items_per_second);
    PUT(verified, BOOL, "%s", r->verified ? "true" : "false");
    PUT(result, TEXT, "%s", r->result);
    if (m->message_bytes.set)
        PUT(detail, TEXT, "the %s table's %.0f B row", r->variant, m->message_bytes.value);
    else
        PUT(detail, TEXT, "%s", r->detail);
    PUT(host, TEXT, "%s", e->host);
    PUT(nodes, NUMBER, "%u", e->nodes);
    PUT(cores, NUMBER, "%u", e->cores);
    PUT(cpu, TEXT, "%s", e->cpu);
    PUT(memory_gb, NUMBER, "%.1f", e->memory_gb);
    PUT(oversubscribed, BOOL, "%s", r->oversubscribed ? "true" : "false");
    PUT(compiler, TEXT, "%s", e->compiler);
    PUT(flags, TEXT, "%s", e->flags);
    PUT(openmp, TEXT, "%s", e->openmp);
    PUT(mpi, TEXT, "%s", e->mpi);
    PUT(job, TEXT, "%s", e->job);
    PUT(samples, SAMPLES, "%s", "");
    PUT(timer_tick, NUMBER, "%.3g", e->tick);
    PUT(binding, TEXT, "%s", r->binding ? r->binding : "");
    PUT(bound_cores, NUMBER, "%u", r->bound_cores);
    PUT(omp_proc_bind, TEXT, "%s", e->omp_proc_bind);
    PUT(omp_places, TEXT, "%s", e->omp_places);
    PUT(omp_wait_policy, TEXT, "%s", e->omp_wait_policy);
    PUT(omp_dynamic, TEXT, "%s", e->omp_dynamic);
    PUT(openmp_runtime, TEXT, "%s", e->openmp_runtime);
    PUT(mpi_settings, TEXT, "%s", e->mpi_settings);
    PUT(commit, TEXT, "%s", e->commit);
    PUT(build_type, TEXT, "%s", e->build_type);
    PUT(governor, TEXT, "%s", e->governor);
    PUT(steps, NUMBER, "%llu", (unsigned long long)r->steps);
    PUT(work_options, TEXT, "%s", r->work_options);
#undef PUT
    put_metric(&f[COLUMN_latency_us], &m->latency_us);
    put_metric(&f[COLUMN_bandwidth_gbs], &m->bandwidth_gbs);
    put_metric(&f[COLUMN_ns_per_op], &m->ns_per_op);
    put_metric(&f[COLUMN_worker_mib], &m->worker_mib);
    put_metric(&f[COLUMN_message_bytes], &m->message_bytes);
    for (int k = 0; k < NCOLUMNS; k++)
        if (f[k].kind == TEXT)
            ps_text_clean(f[k].text);
}

void ps_record_release(ps_record *r)
{
    free(r->samples);
    free(r->series);
    r->samples = NULL;
    r->series = NULL;
    r->nsamples = r->nseries = 0;
}

static void samples(const ps_record *r, ps_buf *b, const char *between)
{
    for (size_t i = 0; i < r->nsamples; i++)
        ps_buf_printf(b, "%s%.9g", i ? between : "", r->samples[i]);
}

void ps_record_csv_header(ps_buf *b)
{
    for (int i = 0; i < NCOLUMNS; i++)
        ps_buf_printf(b, "%s%s", i ? "," : "", columns[i]);
    ps_buf_printf(b, "\n");
}

static void csv_line(const ps_record *r, const ps_metrics *m, ps_buf *b)
{
    field f[NCOLUMNS];
    fields_of(r, m, f);
    for (int i = 0; i < NCOLUMNS; i++) {
        if (i)
            ps_buf_printf(b, ",");
        if (f[i].kind == BOOL)
            ps_buf_printf(b, "%s", strcmp(f[i].text, "true") == 0 ? "yes" : "no");
        else if (f[i].kind == SAMPLES)
            samples(r, b, " ");
        else if (f[i].kind == TEXT || f[i].kind == NUMBER)
            ps_buf_csv(b, f[i].text);
    }
    ps_buf_printf(b, "\n");
}

void ps_record_csv(const ps_record *r, ps_buf *b)
{
    csv_line(r, &r->metrics, b);
    for (size_t k = 0; k < r->nseries; k++)
        csv_line(r, &r->series[k], b);
}

static void json_line(const ps_record *r, const ps_metrics *m, ps_buf *b)
{
    field f[NCOLUMNS];
    fields_of(r, m, f);
    ps_buf_printf(b, "{");
    for (int i = 0; i < NCOLUMNS; i++) {
        ps_buf_printf(b, "%s\"%s\":", i ? "," : "", columns[i]);
        if (f[i].kind == TEXT) {
            ps_buf_json(b, f[i].text);
        } else if (f[i].kind == SAMPLES) {
            ps_buf_printf(b, "[");
            samples(r, b, ",");
            ps_buf_printf(b, "]");
        } else if (f[i].kind == NUMBER || f[i].kind == BOOL) {
            ps_buf_printf(b, "%s", f[i].text);
        } else {
            ps_buf_printf(b, "null");
        }
    }
    ps_buf_printf(b, "}\n");
}

void ps_record_json(const ps_record *r, ps_buf *b)
{
    json_line(r, &r->metrics, b);
    for (size_t k = 0; k < r->nseries; k++)
        json_line(r, &r->series[k], b);
}
