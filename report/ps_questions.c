/* The questions, answered from the records: each question's claim with what the run measured, and
 * (with --plots) the figure made for it. Every text written into the gnuplot script is built here
 * from checked names and numbers: the caption's host, date and commit are used only when they
 * look like what parsuite writes. */
#include "ps_questions.h"

#include "ps_rows.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

static const char *const models[] = {"omp", "mpi"};
/* Q1 in every model: C's threads and processes, and Python's pools of each. */
static const char *const q1_models[] = {"omp", "mpi", "python-threads", "python-processes"},
                         *const q1_names[] = {"threads (omp)", "processes (mpi)", "Python threads",
                                              "Python processes"};

/* Q1's tasks: waiting (iobound's sleep) and computing (cpubound). */
static const char *const q1_workload[] = {"iobound", "cpubound"}, *const q1_variant[] = {"sleep",
                                                                                         NULL};
static const char *const q1_kind[] = {"waiting", "computing"};

/* "vm, 2026-11-27, commit 7771bd5ab1c2" from r, leaving out what does not look like parsuite's. */
static void caption(const ps_row *r, char *buf, size_t len)
{
    bool host = *r->host != '\0', date = strlen(r->utc) >= 10, commit = *r->commit != '\0';
    for (const char *c = r->host; *c; c++)
        host &= isalnum((unsigned char)*c) || *c == '.' || *c == '-' || *c == '_';
    for (int i = 0; date && i < 10; i++)
        date &= i == 4 || i == 7 ? r->utc[i] == '-' : isdigit((unsigned char)r->utc[i]) != 0;
    for (const char *c = r->commit; *c; c++)
        commit &= isxdigit((unsigned char)*c) != 0;
    snprintf(buf, len, "%s%s%.10s%s%s", host ? r->host : "", host && date ? ", " : "",
             date ? r->utc : "",
             !commit        ? ""
             : host || date ? ", commit "
                            : "commit ",
             commit ? r->commit : "");
}

/* Whether Q1 has its answer: both kinds of task at 2 workers or more in some model. */
static bool q1_measured(ps_row **rows, size_t n)
{
    double w = ps_max_workers(rows, n, "iobound");
    for (int m = 0; m < 4 && w >= 2; m++)
        if (ps_find_row(rows, n, q1_models[m], "iobound", "sleep", w) &&
            ps_find_row(rows, n, q1_models[m], "cpubound", NULL, w))
            return true;
    return false;
}

/* A figure being drawn: its lines so far, as gnuplot data blocks $q0, $q1, ... */
typedef struct figure {
    FILE *gp;
    size_t lines;
    char title[8][64], style[8][48];
    const ps_row *any; /* a row drawn: the caption's and the cores' */
} figure;

static double speedup_value(ps_row **rows, size_t n, const ps_row *r)
{
    return ps_speedup_of(rows, n, r);
}

static double items_per_second(ps_row **rows, size_t n, const ps_row *r)
{
    (void)rows, (void)n;
    return r->seconds_median > 0 ? r->size / r->seconds_median : NAN;
}

/* A line: value against workers (1, 2, 4, ...) of one model's variant of a workload (variant NULL:
 * any), where there is a point; style: gnuplot's line options, title: the key's text. */
static void line(figure *f, ps_row **rows, size_t n, const char *model, const char *workload,
                 const char *variant, double (*value)(ps_row **, size_t, const ps_row *),
                 const char *style, const char *title)
{
    bool open = false;
    for (double w = 1; w <= 4096 && f->lines < 8; w *= 2) {
        const ps_row *r = ps_find_row(rows, n, model, workload, variant, w);
        double v = r ? value(rows, n, r) : NAN;
        if (isnan(v))
            continue;
        if (!open)
            fprintf(f->gp, "$q%zu << EOD\n", f->lines);
        fprintf(f->gp, "%.0f %.9g\n", w, v);
        open = true, f->any = r;
    }
    if (!open)
        return;
    fprintf(f->gp, "EOD\n");
    snprintf(f->style[f->lines], sizeof f->style[0], "%s", style);
    snprintf(f->title[f->lines++], sizeof f->title[0], "%s", title);
}

/* The plot of f's lines into FILE.png on a log scale of base, the cores marked, the key where the
 * lines leave room, the caption below; first: what is drawn before the lines (the ideal, or
 * NULL). */
static void draw(figure *f, const char *file, const char *title, const char *ylabel, int base,
                 const char *key, const char *first)
{
    if (!f->lines)
        return;
    char text[128];
    caption(f->any, text, sizeof text);
    double cores = f->any->cores;
    fprintf(f->gp,
            "set output '%s.png'\nset title '%s'\nset ylabel '%s'\nset logscale y %d\n"
            "set key inside %s\n"
            "set arrow 1 from %.0f, graph 0 to %.0f, graph 1 nohead dashtype 3\n"
            "set label 1 '%.0f cores' at %.0f, graph %.2f offset 0.5, 0\n"
            "set label 2 '%s' at screen 0.01, screen 0.02 font ',9'\nplot %s",
            file, title, ylabel, base, key, cores, cores, cores, cores,
            strstr(key, "bottom") ? 0.96 : 0.04, text, first ? first : "");
    for (size_t k = 0; k < f->lines; k++)
        fprintf(f->gp, "%s$q%zu using 1:2 with linespoints %s title '%s'", k || first ? ", " : "",
                k, f->style[k], f->title[k]);
    fprintf(f->gp, "\nunset arrow 1\nunset label 1\nunset label 2\nset key inside top left\n");
}

/* q1-speedup.png: speedup against workers of waiting and computing tasks, threads and processes,
 * against the ideal. */
static void figure_q1(FILE *gp, ps_row **rows, size_t n)
{
    if (!q1_measured(rows, n))
        return;
    figure f = {.gp = gp};
    static const int dash[] = {1, 4, 2, 5}, point[] = {7, 6, 5, 9};
    for (int m = 0; m < 4; m++)
        for (int k = 0; k < 2; k++) {
            char style[48], title[64];
            snprintf(style, sizeof style, "lc rgb '%s' dt %d pt %d", k ? "red" : "royalblue",
                     dash[m], point[m]);
            snprintf(title, sizeof title, "%s, %s tasks", q1_names[m], q1_kind[k]);
            line(&f, rows, n, q1_models[m], q1_workload[k], q1_variant[k], speedup_value, style,
                 title);
        }
    draw(&f, "q1-speedup", "Q1: waiting and computing tasks, threads and processes",
         "speedup against 1 worker (log scale)", 2, "top left",
         "x title 'ideal' lc rgb 'gray' dashtype 2");
}

/* Q4's ways to pass items: each model's variants (the unsafe list passes no honest count). */
static const char *const q4_model[] = {"omp", "omp", "omp", "mpi", "mpi"},
                         *const q4_variant[] = {"critical", "lock", "ring", "send", "manager"},
                         *const q4_colour[] = {"royalblue", "dark-green", "red", "dark-orange",
                                               "dark-violet"};

static bool q4_measured(ps_row **rows, size_t n)
{
    for (int k = 0; k < 5; k++)
        for (double w = 2; w <= 4096; w *= 2)
            if (ps_find_row(rows, n, q4_model[k], "prodcons", q4_variant[k], w))
                return true;
    return false;
}

/* q4-items.png: items passed per second against workers, per way of passing them. */
static void figure_q4(FILE *gp, ps_row **rows, size_t n)
{
    if (!q4_measured(rows, n))
        return;
    figure f = {.gp = gp};
    for (int k = 0; k < 5; k++) {
        char style[48], title[64];
        const bool mpi = !strcmp(q4_model[k], "mpi");
        snprintf(style, sizeof style, "lc rgb '%s' dt %d pt %d", q4_colour[k], mpi ? 4 : 1,
                 mpi ? 6 : 7);
        snprintf(title, sizeof title, "%s %s", mpi ? "processes (mpi)" : "threads (omp)",
                 q4_variant[k]);
        line(&f, rows, n, q4_model[k], "prodcons", q4_variant[k], items_per_second, style, title);
    }
    draw(&f, "q4-items", "Q4: producers and consumers, items through the list per second",
         "items per second (log scale)", 10, "bottom left", NULL);
}

static double ns_per_op(ps_row **rows, size_t n, const ps_row *r)
{
    (void)rows, (void)n;
    return r->size > 0 && r->seconds_median > 0 ? r->seconds_median / r->size * 1e9 : NAN;
}

/* Q5's ways to share, a figure per model (at most 8 lines each): the safe ones that time. */
static const char *const q5_omp[] = {"critical",       "lock",      "atomic",
                                     "atomic-capture", "reduction", "barrier",
                                     "condition",      "queue",     NULL},
                         *const q5_mpi[] = {"queue", "manager", "rma", "shared-memory", NULL},
                         *const palette[] = {"royalblue",   "dark-green", "red",   "dark-orange",
                                             "dark-violet", "black",      "brown", "dark-cyan"};

static bool q5_measured(ps_row **rows, size_t n, const char *model)
{
    for (const char *const *v = strcmp(model, "omp") ? q5_mpi : q5_omp; *v; v++)
        for (double w = 1; w <= 4096; w *= 2)
            if (ps_find_row(rows, n, model, "share", *v, w))
                return true;
    return false;
}

/* q5-threads.png, q5-processes.png: time per operation against workers, per way to share. */
static void figure_q5(FILE *gp, ps_row **rows, size_t n, const char *model)
{
    const bool omp = !strcmp(model, "omp");
    if (!q5_measured(rows, n, model))
        return;
    figure f = {.gp = gp};
    int k = 0;
    for (const char *const *v = omp ? q5_omp : q5_mpi; *v; v++, k++) {
        char style[48];
        snprintf(style, sizeof style, "lc rgb '%s' dt 1 pt 7", palette[k]);
        line(&f, rows, n, model, "share", *v, ns_per_op, style, *v);
    }
    draw(&f, omp ? "q5-threads" : "q5-processes",
         omp ? "Q5: threads sharing data, time per operation (each thread does --size)"
             : "Q5: processes sharing data, time per operation (each rank does --size)",
         "nanoseconds per operation (log scale)", 10, "top left", NULL);
}

void ps_questions_script(FILE *gp, ps_row **rows, size_t n)
{
    fprintf(gp, "undefine $*\n");
    figure_q1(gp, rows, n);
    figure_q4(gp, rows, n);
    figure_q5(gp, rows, n, "omp");
    figure_q5(gp, rows, n, "mpi");
}

static void claim_q1(FILE *out, ps_row **rows, size_t n, const char *plots)
{
    double w = ps_max_workers(rows, n, "iobound"), cores = 0;
    for (size_t i = 0; i < n; i++) /* the machine's (a rank bound to one core sees one) */
        cores = fmax(cores, rows[i]->cores);
    if (w < 2)
        return;
    fprintf(out,
            "\n**Q1. Threads suit I/O-bound work, processes CPU-bound work.** Speedup at %.0f "
            "workers against 1, on %.0f cores:",
            w, cores);
    double computing[4] = {NAN, NAN, NAN, NAN};
    for (int m = 0; m < 4; m++) {
        const ps_row *io = ps_find_row(rows, n, q1_models[m], "iobound", "sleep", w);
        const ps_row *cpu = ps_find_row(rows, n, q1_models[m], "cpubound", NULL, w);
        if (!io || !cpu)
            continue;
        double si = ps_speedup_of(rows, n, io), sc = computing[m] = ps_speedup_of(rows, n, cpu);
        fprintf(out, " %s: waiting tasks %.2fx, computing tasks %.2fx (%s);", q1_names[m], si, sc,
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
    if (plots && q1_measured(rows, n))
        fprintf(out,
                "\n![Q1: speedup of waiting and computing tasks against workers, threads "
                "and processes](%s/q1-speedup.png)\n",
                plots);
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

static void claim_q8(FILE *out, ps_row **rows, size_t n)
{
    const ps_row *t = ps_find_row(rows, n, "omp", "squares", "static", 2);
    const ps_row *p = ps_find_row(rows, n, "mpi", "squares", "block", 2);
    if (t && p && t->size == p->size && t->setup == p->setup) /* one machine and build */
        fprintf(
            out,
            "\n**Q2, Q8. A pool maps square() over N numbers.** At 2 workers and N = %.0f, "
            "threads (writing one shared result in place) took %.6f s; processes (whose results "
            "travel to rank 0) took %.6f s, %.2f times as long.\n",
            t->size, t->seconds_median, p->seconds_median, p->seconds_median / t->seconds_median);
    claim_python(out, rows, n, "squares", "static", "map",
                 "multiprocessing's Pool.map and "
                 "ThreadPool.map");
}

static void claim_q7(FILE *out, ps_row **rows, size_t n)
{
    const ps_row *st = ps_find_row(rows, n, "omp", "factorials", "static", 2);
    const ps_row *dy = ps_find_row(rows, n, "omp", "factorials", "dynamic", 2);
    if (st && dy)
        fprintf(out,
                "\n**Q7. Factorials as they complete.** n! costs more as n grows; at 2 threads a "
                "static split reached %.2fx (%s), dynamic hand-out %.2fx (%s).\n",
                ps_speedup_of(rows, n, st), st->detail, ps_speedup_of(rows, n, dy), dy->detail);
    claim_python(out, rows, n, "factorials", "tasks", "as-completed",
                 "concurrent.futures' submit and as_completed");
}

static void claim_q4(FILE *out, ps_row **rows, size_t n, const char *plots)
{
    const ps_row *ring = ps_find_row(rows, n, "omp", "prodcons", "ring", 2);
    const ps_row *crit = ps_find_row(rows, n, "omp", "prodcons", "critical", 2);
    const ps_row *unsafe = ps_find_row(rows, n, "omp", "prodcons", "unsafe", 2);
    if (ring && crit && ring->size == crit->size && ring->setup == crit->setup)
        fprintf(out,
                "\n**Q4. A list shared under a lock.** One producer and one consumer passed "
                "%.0f items in %.6f s under a critical section and %.6f s through a lock-free "
                "ring (%.1fx).\n",
                ring->size, crit->seconds_median, ring->seconds_median,
                crit->seconds_median / ring->seconds_median);
    if (plots && q4_measured(rows, n))
        fprintf(out,
                "\n![Q4: items per second against workers, each way of passing them]"
                "(%s/q4-items.png)\n",
                plots);
    if (unsafe)
        fprintf(out,
                "\n**Q4, without the lock.** The same list with no lock at all, one producer "
                "and one consumer, %.0f items: %s. Each thread read the list's length, and the "
                "other changed it before the first wrote it back.\n",
                unsafe->size, unsafe->detail);
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
                    : "\n**Q6, a worker that never returns.** Two workers that each "
                      "hold what the other waits for wait forever; parsuite's watchdogs "
                      "name the cycle and end the run (exit 1) instead of hanging.",
                models[m],
                m ? "two ranks both send first, synchronously"
                  : "two locks taken "
                    "in opposite order",
                d->detail);
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
                    rows[i]->detail);
            any = 1;
        }
    if (any)
        fprintf(out, ".\n");
}

void ps_questions_write(FILE *out, ps_row **rows, size_t n, const char *plots)
{
    fprintf(out, "\n## The questions, measured\n\nEach question's claim "
                 "with what this run measured (numbers from the records above).\n");
    claim_q1(out, rows, n, plots);
    claim_q8(out, rows, n);
    claim_details(out, rows, n, "hello", "\n**Q3. Named workers.** At 2 workers:");
    claim_q4(out, rows, n, plots);
    claim_details(out, rows, n, "share", "\n**Q5. Ways to share data.** At 2 workers:");
    for (int m = 0; m < 2 && plots; m++)
        if (q5_measured(rows, n, models[m]))
            fprintf(out,
                    "\n![Q5: time per operation against workers, each way %s share data](%s/%s)\n",
                    m ? "processes" : "threads", plots, m ? "q5-processes.png" : "q5-threads.png");
    claim_details(out, rows, n, "errors", "\n**Q6. Errors in workers.** At 2 workers:");
    claim_deadlocks(out, rows, n);
    claim_q7(out, rows, n);
}
