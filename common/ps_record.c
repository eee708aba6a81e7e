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

typedef enum { TEXT, NUMBER, BOOL, SAMPLES, NONE } kind; /* NONE: a metric not measured */

typedef struct field {
    kind kind;
    char text[160];
} field;

static void fields_of(const ps_record *r, field f[NCOLUMNS])
{
    const ps_env *e = r->env;
    int i = 0;
#define PUT(k, ...) (f[i].kind = (k), snprintf(f[i].text, sizeof f[i].text, __VA_ARGS__), i++)
    PUT(TEXT, "%s", e->version);
    PUT(NUMBER, "%d", PS_RECORD_FORMAT);
    PUT(TEXT, "%s", r->utc);
    PUT(TEXT, "%s", r->model);
    PUT(TEXT, "%s", r->workload);
    PUT(TEXT, "%s", r->variant);
    PUT(NUMBER, "%u", r->workers);
    PUT(NUMBER, "%u", r->ranks);
    PUT(NUMBER, "%u", r->threads);
    PUT(NUMBER, "%llu", (unsigned long long)r->size);
    PUT(NUMBER, "%llu", (unsigned long long)r->repetitions);
    PUT(NUMBER, "%llu", (unsigned long long)r->warmup);
    PUT(NUMBER, "%.9g", r->seconds.min);
    PUT(NUMBER, "%.9g", r->seconds.median);
    PUT(NUMBER, "%.9g", r->seconds.mean);
    PUT(NUMBER, "%.9g", r->seconds.max);
    PUT(NUMBER, "%.9g", r->seconds.stddev);
    PUT(NUMBER, "%.6g", r->items_per_second);
    PUT(BOOL, "%s", r->verified ? "true" : "false");
    PUT(TEXT, "%s", r->result);
    PUT(TEXT, "%s", r->detail);
    PUT(TEXT, "%s", e->host);
    PUT(NUMBER, "%u", e->nodes);
    PUT(NUMBER, "%u", e->cores);
    PUT(TEXT, "%s", e->cpu);
    PUT(NUMBER, "%.1f", e->memory_gb);
    PUT(BOOL, "%s", r->oversubscribed ? "true" : "false");
    PUT(TEXT, "%s", e->compiler);
    PUT(TEXT, "%s", e->flags);
    PUT(TEXT, "%s", e->openmp);
    PUT(TEXT, "%s", e->mpi);
    PUT(TEXT, "%s", e->job);
    PUT(SAMPLES, "%s", "");
    PUT(NUMBER, "%.3g", e->tick);
    PUT(TEXT, "%s", r->binding ? r->binding : "");
    PUT(NUMBER, "%u", r->bound_cores);
    PUT(TEXT, "%s", e->omp_proc_bind);
    PUT(TEXT, "%s", e->omp_places);
    PUT(TEXT, "%s", e->omp_wait_policy);
    PUT(TEXT, "%s", e->omp_dynamic);
    PUT(TEXT, "%s", e->openmp_runtime);
    PUT(TEXT, "%s", e->mpi_settings);
    PUT(TEXT, "%s", e->commit);
    PUT(TEXT, "%s", e->build_type);
    PUT(TEXT, "%s", e->governor);
    PUT(NUMBER, "%llu", (unsigned long long)r->steps);
    PUT(TEXT, "%s", r->work_options);
    const ps_metric *metrics[] = {&r->metrics.latency_us, &r->metrics.bandwidth_gbs,
                                  &r->metrics.ns_per_op};
    for (size_t m = 0; m < sizeof metrics / sizeof metrics[0]; m++)
        if (metrics[m]->set)
            PUT(NUMBER, "%.6g", metrics[m]->value);
        else
            PUT(NONE, "%s", "");
#undef PUT
    for (int k = 0; k < i; k++)
        if (f[k].kind == TEXT)
            ps_text_clean(f[k].text);
}

void ps_record_release(ps_record *r)
{
    free(r->samples);
    r->samples = NULL;
    r->nsamples = 0;
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

void ps_record_csv(const ps_record *r, ps_buf *b)
{
    field f[NCOLUMNS];
    fields_of(r, f);
    for (int i = 0; i < NCOLUMNS; i++) {
        if (i)
            ps_buf_printf(b, ",");
        if (f[i].kind == BOOL)
            ps_buf_printf(b, "%s", strcmp(f[i].text, "true") == 0 ? "yes" : "no");
        else if (f[i].kind == SAMPLES)
            samples(r, b, " ");
        else if (f[i].kind != NONE)
            ps_buf_csv(b, f[i].text);
    }
    ps_buf_printf(b, "\n");
}

void ps_record_json(const ps_record *r, ps_buf *b)
{
    field f[NCOLUMNS];
    fields_of(r, f);
    ps_buf_printf(b, "{");
    for (int i = 0; i < NCOLUMNS; i++) {
        ps_buf_printf(b, "%s\"%s\":", i ? "," : "", columns[i]);
        if (f[i].kind == TEXT) {
            ps_buf_json(b, f[i].text);
        } else if (f[i].kind == SAMPLES) {
            ps_buf_printf(b, "[");
            samples(r, b, ",");
            ps_buf_printf(b, "]");
        } else if (f[i].kind == NONE) {
            ps_buf_printf(b, "null");
        } else {
            ps_buf_printf(b, "%s", f[i].text);
        }
    }
    ps_buf_printf(b, "}\n");
}
