/* SPDX-License-Identifier: BSD-3-Clause */
/* The questions, answered from the records: a section per question, in its own words, with
 * what the run measured and (with --plots) the figures made for it (ps_figures.c). */
#include "ps_questions.h"

#include "ps_figures.h"
#include "ps_markdown.h"
#include "ps_rows.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *const models[] = {"omp", "mpi"};

/* Each way a token is handed at 2 workers: its time a hand-off (the median round over N) and
 * what the record says besides (the voluntary switches). */
static void claim_switches(FILE *out, ps_row **rows, size_t n)
{
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        const ps_row *r = rows[i];
        if (strcmp(r->workload, "switches") || r->workers != 2 || !r->verified || r->size <= 0 ||
            ps_find_row(rows, n, r->model, "switches", r->variant, 2) != r)
            continue;
        fprintf(out, "%s %s %s: %.3g us a hand-off, %s",
                any++ ? ";"
                      : "\n**Context switches.** A token handed round 2 workers, each blocked "
                        "until handed it:",
                r->model, r->variant, r->seconds_median / r->size * 1e6, PS_MD(r->detail));
    }
    if (any)
        fprintf(out, ".\n");
}

static void claim_q1(FILE *out, ps_row **rows, size_t n)
{
    claim_switches(out, rows, n);
    double w = ps_max_workers(rows, n, "iobound"), cores = 0;
    for (size_t i = 0; i < n; i++) /* the machine's (a rank bound to one core sees one) */
        cores = fmax(cores, rows[i]->cores);
    if (w < 2)
        return;
    fprintf(out,
            "\n**Threads suit I/O-bound work, processes CPU-bound work.** Speedup at %.0f "
            "workers against 1, on %.0f cores:",
            w, cores);
    double computing[4] = {NAN, NAN, NAN, NAN};
    for (int m = 0; m < 4; m++) {
        const ps_row *io = ps_find_row(rows, n, ps_q1_models[m], "iobound", "sleep", w);
        const ps_row *cpu = ps_find_row(rows, n, ps_q1_models[m], "cpubound", NULL, w);
        if (!io || !cpu)
            continue;
        double si = ps_speedup_of(rows, n, io), sc = computing[m] = ps_speedup_of(rows, n, cpu);
        fprintf(out, " %s: waiting tasks %.2fx, computing tasks %.2fx (%s);", ps_q1_names[m], si,
                sc,
                m == 2 && sc <= 1.25 ? "the waits overlapped; the computation ran one at a time"
                : si > cores && sc <= 1.25 * cores
                    ? "waits overlapped past the cores, computation did not"
                    : "not the pattern the question expects: see the tables");
    }
    if (!isnan(computing[2]) && !isnan(computing[0])) {
        fprintf(out,
                " the GIL, measured: Python's threads computed at %.2fx where C's threads (no "
                "GIL) reached %.2fx",
                computing[2], computing[0]);
        if (!isnan(computing[3]))
            fprintf(out, " and Python's processes (a GIL each) %.2fx", computing[3]);
        fprintf(out, ".\n");
    } else
        fprintf(out, " the GIL, which forbids Python's threads to compute in parallel, is "
                     "Python's alone (run the Python pools to measure it).\n");
}

/* C against Python for the same work at 2 workers: the C row's items per second over each Python
 * pool's (timed regions, each at its own size: per item). */
static void claim_python(FILE *out, ps_row **rows, size_t n, const char *workload,
                         const char *c_variant, const char *py_variant, const char *call)
{
    const ps_row *c = ps_find_row(rows, n, "omp", workload, c_variant, 2);
    const ps_row *pt = ps_find_row(rows, n, "python-threads", workload, py_variant, 2);
    const ps_row *pp = ps_find_row(rows, n, "python-processes", workload, py_variant, 2);
    if (!c || (!pt && !pp))
        return;
    fprintf(out, "\nPython's own pools (%s) at 2 workers:", call);
    for (int k = 0; k < 2; k++) {
        const ps_row *p = k ? pp : pt;
        if (p)
            fprintf(out,
                    "%s %s, N = %.0f, %.6f s: C's threads (%s) did %.1f times as many items "
                    "a second",
                    k && pt ? ";" : "", k ? "processes" : "threads", p->size, p->seconds_median,
                    c_variant, (c->size / c->seconds_median) / (p->size / p->seconds_median));
    }
    fprintf(out, ".\n");
}

/* Each model's workers created for each task against its pool at 2 workers: the time a task of
 * each, and what creating costs over the pool; that extra, if it adds to any task alike, is
 * under 10% of a task ten times as long. */
static void claim_create(FILE *out, ps_row **rows, size_t n)
{
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        const ps_row *r = rows[i];
        const ps_row *pool = ps_find_row(rows, n, r->model, "create", "pool", 2);
        if (strcmp(r->workload, "create") || !strcmp(r->variant, "pool") || r->workers != 2 ||
            !r->verified || r->size <= 0 || !pool || !pool->verified || pool->size <= 0 ||
            pool->steps != r->steps || ps_find_row(rows, n, r->model, "create", r->variant, 2) != r)
            continue;
        double each = r->seconds_median / r->size * 1e6,
               pooled = pool->seconds_median / pool->size * 1e6, extra = each - pooled;
        fprintf(out, "%s %s %s: %.*f us a task against the pool's %.3g us",
                any++ ? ";"
                      : "\n**Creating a worker for each task, against a pool.** At 2 workers:",
                r->model, r->variant, each >= 100 ? 0 : 1, each, pooled);
        if (extra > 0)
            fprintf(out, ", so a task of %.*f us or more pays under 10%% for it",
                    10 * extra >= 10 ? 0 : 1, 10 * extra);
    }
    if (any)
        fprintf(out, " (%s).\n",
                "the extra is the creation, measured with the run's tasks; a task ten times as "
                "long as it hides it");
}

/* Fewer MiB first. */
static int by_worker_mib(const void *a, const void *b)
{
    double x = (*(const ps_row *const *)a)->worker_mib, y = (*(const ps_row *const *)b)->worker_mib;
    return (x > y) - (x < y);
}

/* What one more worker adds in memory, each kind at 2 workers from the least, and beyond its
 * working set a thread's against a rank's where both ran with the same one. */
static void claim_footprint(FILE *out, ps_row **rows, size_t n)
{
    enum { KINDS = 16 };
    const ps_row *kind[KINDS];
    size_t any = 0;
    for (size_t i = 0; i < n && any < KINDS; i++) {
        const ps_row *r = rows[i];
        if (!strcmp(r->workload, "footprint") && r->workers == 2 && r->verified &&
            r->worker_mib >= 0 && ps_find_row(rows, n, r->model, "footprint", r->variant, 2) == r)
            kind[any++] = r;
    }
    qsort(kind, any, sizeof *kind, by_worker_mib);
    for (size_t k = 0; k < any; k++)
        fprintf(out, "%s %s %s: %.0f KiB",
                k ? ";"
                  : "\n**Memory one more worker costs.** At 2 workers, each with its working "
                    "set, the proportional set size (PSS) one more added:",
                kind[k]->model, kind[k]->variant, kind[k]->worker_mib * 1024);
    if (!any)
        return;
    fprintf(out, ".");
    const ps_row *t = ps_find_row(rows, n, "omp", "footprint", "thread", 2);
    const ps_row *k = ps_find_row(rows, n, "mpi", "footprint", "rank", 2);
    if (t && k && t->verified && k->verified && t->size == k->size && t->worker_mib >= 0 &&
        k->worker_mib >= 0)
        fprintf(out,
                " Beyond its working set of %.0f KiB, a thread added %.0f KiB and a rank %.0f "
                "KiB (a whole process: the program, its libraries and the MPI library's "
                "buffers).",
                t->size, t->worker_mib * 1024 - t->size, k->worker_mib * 1024 - k->size);
    fprintf(out, "\n");
}

static void claim_q8(FILE *out, ps_row **rows, size_t n)
{
    const ps_row *t = ps_find_row(rows, n, "omp", "squares", "static", 2);
    const ps_row *p = ps_find_row(rows, n, "mpi", "squares", "block", 2);
    if (t && p && t->size == p->size && t->setup == p->setup) /* one machine and build */
        fprintf(
            out,
            "\n**A pool maps square() over N numbers.** At 2 workers and N = %.0f, "
            "threads (writing one shared result in place) took %.6f s; processes (whose results "
            "travel to rank 0) took %.6f s, %.2f times as long.\n",
            t->size, t->seconds_median, p->seconds_median, p->seconds_median / t->seconds_median);
    claim_python(out, rows, n, "squares", "static", "map",
                 "multiprocessing's Pool.map and "
                 "ThreadPool.map");
}

static void claim_q2(FILE *out, ps_row **rows, size_t n)
{
    claim_create(out, rows, n);
    claim_footprint(out, rows, n);
    claim_q8(out, rows, n);
}

static void claim_q7(FILE *out, ps_row **rows, size_t n)
{
    const ps_row *st = ps_find_row(rows, n, "omp", "factorials", "static", 2);
    const ps_row *dy = ps_find_row(rows, n, "omp", "factorials", "dynamic", 2);
    if (st && dy)
        fprintf(out,
                "\n**Factorials as they complete.** n! costs more as n grows; at 2 threads a "
                "static split reached %.2fx (%s), dynamic hand-out %.2fx (%s).\n",
                ps_speedup_of(rows, n, st), PS_MD(st->detail), ps_speedup_of(rows, n, dy),
                PS_MD(dy->detail));
    claim_python(out, rows, n, "factorials", "tasks", "as-completed",
                 "concurrent.futures' submit and as_completed");
}

static void claim_q4(FILE *out, ps_row **rows, size_t n)
{
    const ps_row *ring = ps_find_row(rows, n, "omp", "prodcons", "ring", 2);
    const ps_row *crit = ps_find_row(rows, n, "omp", "prodcons", "critical", 2);
    const ps_row *unsafe = ps_find_row(rows, n, "omp", "prodcons", "unsafe", 2);
    if (ring && crit && ring->size == crit->size && ring->setup == crit->setup)
        fprintf(out,
                "\n**A list shared under a lock.** One producer and one consumer passed "
                "%.0f items in %.6f s under a critical section and %.6f s through a lock-free "
                "ring (%.1fx).\n",
                ring->size, crit->seconds_median, ring->seconds_median,
                crit->seconds_median / ring->seconds_median);
    if (unsafe)
        fprintf(out,
                "\n**Without the lock.** The same list with no lock at all, one producer "
                "and one consumer, %.0f items: %s. Each thread read the list's length, and the "
                "other changed it before the first wrote it back.\n",
                unsafe->size, PS_MD(unsafe->detail));
}

/* The deadlocks, where the records hold them: what the watchdog saw, in each model. */
static void claim_deadlocks(FILE *out, ps_row **rows, size_t n)
{
    int any = 0;
    for (int m = 0; m < 2; m++) {
        const ps_row *d = ps_find_row(rows, n, models[m], "share", "deadlock", 2);
        if (!d || d->verified)
            continue;
        fprintf(out, "%s %s (%s): %s",
                any ? ";"
                    : "\n**A worker that never returns.** Two workers that each "
                      "hold what the other waits for wait forever; parsuite's watchdogs "
                      "name the cycle and end the run (exit 1) instead of hanging.",
                models[m],
                m ? "two ranks both send first, synchronously"
                  : "two locks taken "
                    "in opposite order",
                PS_MD(d->detail));
        any = 1;
    }
    if (any)
        fprintf(out, ".\n");
}

static void claim_details(FILE *out, ps_row **rows, size_t n, const char *workload,
                          const char *title)
{
    int any = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i]->workload, workload) && rows[i]->workers == 2 && *rows[i]->detail &&
            rows[i]->verified && /* a failure shown on purpose has its own line */
            ps_find_row(rows, n, rows[i]->model, workload, rows[i]->variant, 2) == rows[i]) {
            fprintf(out, "%s %s %s: %s", any ? ";" : title, rows[i]->model, rows[i]->variant,
                    PS_MD(rows[i]->detail));
            any = 1;
        }
    if (any)
        fprintf(out, ".\n");
}

/* The questions in their own words, one line each (docs/questions.md has them in full), and what
 * answers each. */
typedef struct question {
    const char *id, *words;
    const char *workload; /* what measures it */
    void (*answer)(FILE *out, ps_row **rows, size_t n);
} question;

static void answer_q3(FILE *out, ps_row **rows, size_t n)
{
    claim_details(out, rows, n, "hello", "\n**Named workers.** At 2 workers:");
    claim_details(out, rows, n, "crash",
                  "\n**What a crash takes down.** One task died of a real fault (SIGSEGV), at 2 "
                  "workers:");
    if (ps_find_row(rows, n, "omp", "crash", "threads", 2) ||
        ps_find_row(rows, n, "omp", "crash", "processes", 2))
        fprintf(out, "\nMPI ranks are processes, but a rank's fault ends the job: the launcher "
                     "ends every rank, and no record is left (the sweep's log says so).\n");
}

static void answer_q5(FILE *out, ps_row **rows, size_t n)
{
    claim_details(out, rows, n, "share", "\n**Ways to share data.** At 2 workers:");
}

static void answer_q6(FILE *out, ps_row **rows, size_t n)
{
    claim_details(out, rows, n, "errors", "\n**Errors in workers.** At 2 workers:");
    if (ps_find_row(rows, n, "omp", "errors", "collect", 2) ||
        ps_find_row(rows, n, "mpi", "errors", "collect", 2))
        fprintf(out, "\n**Abort**, the third way, ends the program at the first failure (MPI: "
                     "MPI_Abort ends every rank) and leaves no record: nothing is known of the "
                     "other tasks, which is the cost of that simplicity.\n");
    claim_deadlocks(out, rows, n);
}

static const question questions[] = {
    {"Q1", "When are threads the better choice, and when processes?", "cpubound", claim_q1},
    {"Q2", "What is a process pool, and how does it manage many workers efficiently?", "squares",
     claim_q2},
    {"Q3", "What is multiprocessing: N processes, each with a name, each saying hello.", "hello",
     answer_q3},
    {"Q4",
     "One thread adds numbers to a list while another removes them: avoid the race with a "
     "lock.",
     "prodcons", claim_q4},
    {"Q5", "What ways are there to share data between threads, and between processes?", "share",
     answer_q5},
    {"Q6", "Why handle errors in concurrent programs, and how?", "errors", answer_q6},
    {"Q7", "Compute factorials with a thread pool, taking each result as it completes.",
     "factorials", claim_q7},
    {"Q8", "Square numbers with a pool of 2, 4 and 8 processes, and time each pool.", "squares",
     NULL},
};

void ps_questions_write(FILE *out, ps_row **rows, size_t n, const char *plots)
{
    fprintf(out, "\n## The questions, measured\n\nEach question in its own words (all eight in "
                 "full: docs/questions.md), what this run measured (numbers from the records "
                 "below), and its figures.\n");
    for (size_t q = 0; q < sizeof questions / sizeof *questions; q++) {
        const question *Q = &questions[q];
        if (!Q->answer) /* asked with another (Q8 with Q2: one pool, timed) */
            continue;
        fprintf(out, "\n### %s%s. %s\n", Q->id, strcmp(Q->id, "Q2") ? "" : " and Q8", Q->words);
        if (!strcmp(Q->id, "Q2"))
            fprintf(out, "\n*Q8: %s*\n", questions[7].words);
        bool measured = false;
        for (size_t i = 0; i < n && !measured; i++)
            measured = !strcmp(rows[i]->workload, Q->workload);
        if (!measured)
            fprintf(out, "\nNot measured in this run (the `%s` workload answers it).\n",
                    Q->workload);
        Q->answer(out, rows, n);
        for (const ps_figure *f = ps_figures; f->file && plots; f++)
            if (!strcmp(f->question, Q->id) && f->measured(rows, n))
                fprintf(out, "\n![%s](%s/%s.png)\n", f->alt, plots, f->file);
    }
}
