/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_bench.h"

#include "ps_cli.h"
#include "ps_parse.h"
#include "ps_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A test's knob, and no user's: PARSUITE_TEST_SLOWDOWN=WORKLOAD[/VARIANT]:MICROSECONDS adds that
 * wait inside every timed repetition of the points named, so that a comparison of runs can be
 * shown a real slowdown. A run it slows says so on standard error and in each record's detail. */
static const char slowdown_name[] = "PARSUITE_TEST_SLOWDOWN";
enum { SERIES_MAX = 32 }; /* points of a series: share pipe has 24 message sizes */

static ps_status slowdown(const ps_run *run, uint64_t *us, ps_msg *msg)
{
    const char *knob = getenv(slowdown_name), *colon = knob ? strrchr(knob, ':') : NULL;
    *us = 0;
    if (!knob)
        return PS_OK;
    if (!colon || colon == knob)
        return ps_fail(msg, PS_USAGE, "%s: '%.60s' is not WORKLOAD[/VARIANT]:MICROSECONDS",
                       slowdown_name, knob);
    uint64_t wait;
    ps_status st = ps_parse_uint(slowdown_name, colon + 1, 1, 10000000, &wait, msg);
    if (st)
        return st;
    char point[80];
    snprintf(point, sizeof point, "%s/%s", run->opt->workload->info->name, ps_run_variant(run));
    size_t n = (size_t)(colon - knob);
    if (strncmp(point, knob, n) == 0 &&
        (point[n] == '\0' || (point[n] == '/' && !memchr(knob, '/', n))))
        *us = wait;
    return PS_OK;
}
/* Runs warm-ups and timed repetitions; *done counts the timed ones that verified. */
static ps_status timed_repetitions(const ps_model_ops *model, ps_run *run, uint64_t slow_us,
                                   double *times, size_t *done, char *result, size_t len,
                                   ps_msg *msg)
{
    const ps_workload *w = run->opt->workload;
    uint64_t total = run->opt->warmup + run->opt->repeat;
    bool tty = isatty(STDERR_FILENO);
    for (uint64_t i = 0; i < total; i++) {
        if (run->opt->progress && run->rank == 0) /* a terminal's line is rewritten in place */
            fprintf(
                stderr, "%sparsuite: %s %s at %u workers: %s %llu of %llu%s", tty ? "\r\033[K" : "",
                w->info->name, ps_run_variant(run), run->workers,
                i < run->opt->warmup ? "warm-up" : "repetition",
                (unsigned long long)(i < run->opt->warmup ? i + 1 : i - run->opt->warmup + 1),
                (unsigned long long)(i < run->opt->warmup ? run->opt->warmup : run->opt->repeat),
                tty && i + 1 < total ? "" : "\n");
        model->sync(run);
        double t0 = model->now();
        ps_status st = w->execute(run, msg);
        if (slow_us)
            ps_sleep_us(slow_us);
        double seconds = model->slowest(run, model->now() - t0);
        st = model->agree(run, st, msg);
        if (st)
            return st;
        st = model->agree(run, w->check(run, result, len, msg), msg);
        if (st)
            return st;
        if (i >= run->opt->warmup)
            times[(*done)++] = seconds;
    }
    return PS_OK;
}

/* Rank 0: what the record says besides its times (the detail, metrics and series). */
static void describe(const ps_run *run, ps_record *rec, uint64_t slow_us)
{
    const ps_workload *w = run->opt->workload;
    if (w->detail)
        w->detail(run, &rec->seconds, rec->detail, sizeof rec->detail);
    if (w->metrics)
        w->metrics(run, &rec->seconds, &rec->metrics);
    if (slow_us) {
        char was[sizeof rec->detail];
        snprintf(was, sizeof was, "%s", rec->detail);
        snprintf(rec->detail, sizeof rec->detail, "slowed by %llu us (%s)%s%.90s",
                 (unsigned long long)slow_us, slowdown_name, *was ? "; " : "", was);
    }
    if (rec->series)
        rec->nseries = w->series(run, rec->series, SERIES_MAX);
}

/* The record of the timed repetitions that ran (done of them, verified or not): samples in their
 * order, statistics, rank 0's description and the workload's lines for people. */
static void summarize(ps_run *run, ps_record *rec, bool verified, double *times, size_t done,
                      uint64_t slow_us, FILE *notes)
{
    const ps_workload *w = run->opt->workload;
    rec->verified = verified;
    if (done && (rec->samples = malloc(done * sizeof *rec->samples)) != NULL) {
        memcpy(rec->samples, times, done * sizeof *times); /* before sorting */
        rec->nsamples = done;
    }
    if (done)
        ps_stats_of(times, done, &rec->seconds);
    rec->items_per_second = rec->seconds.median > 0 ? (double)run->size / rec->seconds.median : 0;
    ps_utc_now(rec->utc, sizeof rec->utc);
    if (run->rank == 0)
        describe(run, rec, slow_us);
    if (verified && notes && run->rank == 0 && w->show)
        w->show(run, notes);
}

ps_status ps_bench_run(const ps_model_ops *model, ps_run *run, const ps_env *env, FILE *notes,
                       ps_record *rec, ps_msg *msg)
{
    const ps_workload *w = run->opt->workload;
    uint64_t slow_us = 0;
    *rec = (ps_record){0}; /* what a caller releases, whatever happens */
    double *times = calloc(run->opt->repeat, sizeof *times);
    ps_metrics *series = w->series && run->rank == 0 ? calloc(SERIES_MAX, sizeof *series) : NULL;
    ps_status st = times && (series || !w->series || run->rank)
                       ? slowdown(run, &slow_us, msg)
                       : ps_fail(msg, PS_ENV, "out of memory");
    st = model->agree(run, st || !w->prepare ? st : w->prepare(run, msg), msg);
    if (st) {
        if (w->release)
            w->release(run); /* prepare may have set up part of its state */
        free(times);
        free(series);
        return st;
    }
    *rec = (ps_record){
        .model = model->name,
        .workload = w->info->name,
        .variant = ps_run_variant(run),
        .workers = run->workers,
        .ranks = run->ranks,
        .threads = run->threads,
        .size = run->size,
        .steps = run->steps,
        .repetitions = run->opt->repeat,
        .warmup = run->opt->warmup,
        .oversubscribed = run->oversubscribed,
        .series = series,
        .env = env,
    };
    ps_work_options(run->opt, rec->work_options, sizeof rec->work_options);
    size_t done = 0;
    if (slow_us && run->rank == 0)
        fprintf(stderr, "parsuite: %s is set: %s is slowed by %llu us a repetition\n",
                slowdown_name, w->info->name, (unsigned long long)slow_us);
    st = timed_repetitions(model, run, slow_us, times, &done, rec->result, sizeof rec->result, msg);
    if (st == PS_OK || st == PS_FAILED)
        summarize(run, rec, st == PS_OK, times, done, slow_us, notes);
    /* Tasks that failed by design (the errors workload) still verify; the exit says they failed. */
    if (st == PS_OK)
        st = model->agree(run,
                          run->failed ? ps_fail(msg, PS_FAILED, "%llu of %llu tasks failed",
                                                (unsigned long long)run->failed,
                                                (unsigned long long)run->size)
                                      : PS_OK,
                          msg);
    if (w->release)
        w->release(run);
    free(times);
    return st;
}
