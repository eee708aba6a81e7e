#include "ps_bench.h"

#include "ps_time.h"

#include <stdlib.h>
#include <string.h>

/* Runs warm-ups and timed repetitions; *done counts the timed ones that verified. */
static ps_status timed_repetitions(const ps_model_ops *model, ps_run *run, double *times,
                                   size_t *done, char *result, size_t len, ps_msg *msg)
{
    const ps_workload *w = run->opt->workload;
    uint64_t total = run->opt->warmup + run->opt->repeat;
    for (uint64_t i = 0; i < total; i++) {
        model->sync(run);
        double t0 = model->now();
        ps_status st = w->execute(run, msg);
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

ps_status ps_bench_run(const ps_model_ops *model, ps_run *run, const ps_env *env, FILE *notes,
                       ps_record *rec, ps_msg *msg)
{
    const ps_workload *w = run->opt->workload;
    double *times = calloc(run->opt->repeat, sizeof *times);
    ps_status st = times ? PS_OK : ps_fail(msg, PS_ENV, "out of memory");
    st = model->agree(run, st ? st : w->prepare(run, msg), msg);
    if (st) {
        w->release(run); /* prepare may have set up part of its state */
        free(times);
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
        .repetitions = run->opt->repeat,
        .warmup = run->opt->warmup,
        .oversubscribed = run->oversubscribed,
        .env = env,
    };
    size_t done = 0;
    st = timed_repetitions(model, run, times, &done, rec->result, sizeof rec->result, msg);
    if (st == PS_OK || st == PS_FAILED) {
        rec->verified = st == PS_OK;
        if (done)
            ps_stats_of(times, done, &rec->seconds);
        rec->items_per_second =
            rec->seconds.median > 0 ? (double)run->size / rec->seconds.median : 0;
        ps_utc_now(rec->utc, sizeof rec->utc);
        if (run->rank == 0 && w->detail)
            w->detail(run, &rec->seconds, rec->detail, sizeof rec->detail);
        if (st == PS_OK && notes && run->rank == 0 && w->show)
            w->show(run, notes);
    }
    /* Tasks that failed by design (the errors workload) still verify; the exit says they failed. */
    if (st == PS_OK)
        st = model->agree(run,
                          run->failed ? ps_fail(msg, PS_FAILED, "%llu of %llu tasks failed",
                                                (unsigned long long)run->failed,
                                                (unsigned long long)run->size)
                                      : PS_OK,
                          msg);
    w->release(run);
    free(times);
    return st;
}
