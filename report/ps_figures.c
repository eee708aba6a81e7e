/* SPDX-License-Identifier: BSD-3-Clause */
/* The questions' figures, drawn from the records as gnuplot commands: a line per model and
 * variant against workers, with the cores marked and a caption. Every text written into the
 * script is built here from checked names and numbers: the caption's host, date and commit are
 * used only when they look like what parsuite writes. */
#include "ps_figures.h"

#include "ps_rows.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Q1 in every model: C's threads and processes, and Python's pools of each. */
const char *const ps_q1_models[4] = {"omp", "mpi", "python-threads", "python-processes"},
                  *const ps_q1_names[4] = {"threads (omp)", "processes (mpi)", "Python threads",
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
        if (ps_find_row(rows, n, ps_q1_models[m], "iobound", "sleep", w) &&
            ps_find_row(rows, n, ps_q1_models[m], "cpubound", NULL, w))
            return true;
    return false;
}

/* A figure being drawn: its lines so far, as gnuplot data blocks $q0, $q1, ... */
enum { FIGURE_LINES = 12 }; /* the most a figure draws (Q2's create: 10 ways) */

typedef struct figure {
    FILE *gp;
    size_t lines;
    char title[FIGURE_LINES][64], style[FIGURE_LINES][48];
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
    for (double w = 1; w <= 4096 && f->lines < FIGURE_LINES; w *= 2) {
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
            "set key %s\n"
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
            snprintf(title, sizeof title, "%s, %s tasks", ps_q1_names[m], q1_kind[k]);
            line(&f, rows, n, ps_q1_models[m], q1_workload[k], q1_variant[k], speedup_value, style,
                 title);
        }
    draw(&f, "q1-speedup", "Q1: waiting and computing tasks, threads and processes",
         "speedup against 1 worker (log scale)", 2, "inside top left",
         "x title 'ideal' lc rgb 'gray' dashtype 2");
}

/* A line of a figure: a model's variant, drawn in its style under its title. */
typedef struct way {
    const char *model, *variant, *style, *title;
} way;

/* Q1's switches: threads and processes handing a token on, each way it is handed. */
static const way q1_switches[] = {
    {"omp", "semaphore", "lc rgb 'royalblue' dt 1 pt 7", "threads (omp), semaphores"},
    {"omp", "pipe", "lc rgb 'dark-cyan' dt 1 pt 5", "threads (omp), pipes"},
    {"omp", "process", "lc rgb 'red' dt 4 pt 6", "forked processes (omp), pipes"},
    {"mpi", "message", "lc rgb 'dark-orange' dt 4 pt 9", "processes (mpi), messages"},
    {"python-threads", "ring", "lc rgb 'dark-violet' dt 2 pt 5", "Python threads, semaphores"},
    {"python-processes", "ring", "lc rgb 'brown' dt 5 pt 4", "Python processes, pipes"},
    {NULL, NULL, NULL, NULL},
};

/* Q2's create: a pool's workers against a worker created for each task. */
static const way q2_create[] = {
    {"omp", "pool", "lc rgb 'royalblue' dt 1 pt 7", "omp: the team (pool)"},
    {"omp", "thread", "lc rgb 'dark-cyan' dt 1 pt 5", "omp: a thread a task"},
    {"omp", "fork", "lc rgb 'red' dt 4 pt 6", "omp: a process a task"},
    {"mpi", "pool", "lc rgb 'dark-orange' dt 4 pt 9", "mpi: the ranks (pool)"},
    {"python-threads", "pool", "lc rgb 'dark-violet' dt 2 pt 7", "Python: ThreadPoolExecutor"},
    {"python-threads", "thread", "lc rgb 'orchid' dt 2 pt 5", "Python: a Thread a task"},
    {"python-processes", "pool", "lc rgb 'brown' dt 5 pt 7", "Python: ProcessPoolExecutor"},
    {"python-processes", "fork", "lc rgb 'sienna1' dt 5 pt 6", "Python: a Process, fork"},
    {"python-processes", "forkserver", "lc rgb 'olive' dt 5 pt 4", "Python: a Process, forkserver"},
    {"python-processes", "spawn", "lc rgb 'black' dt 5 pt 2", "Python: a Process, spawn"},
    {NULL, NULL, NULL, NULL},
};

/* Q2's footprint: the memory one more worker adds, each kind of worker. */
static const way q2_memory[] = {
    {"omp", "thread", "lc rgb 'royalblue' dt 1 pt 7", "omp: a thread"},
    {"omp", "fork-write", "lc rgb 'red' dt 4 pt 6", "omp: a forked process, writing"},
    {"omp", "fork-read", "lc rgb 'sienna1' dt 4 pt 4", "omp: a forked process, reading"},
    {"mpi", "rank", "lc rgb 'dark-orange' dt 4 pt 9", "mpi: a rank"},
    {"python-threads", "thread", "lc rgb 'dark-violet' dt 2 pt 5", "Python: a Thread"},
    {"python-processes", "fork", "lc rgb 'brown' dt 5 pt 6", "Python: a Process, fork"},
    {"python-processes", "forkserver", "lc rgb 'olive' dt 5 pt 4", "Python: a Process, forkserver"},
    {"python-processes", "spawn", "lc rgb 'black' dt 5 pt 2", "Python: a Process, spawn"},
    {NULL, NULL, NULL, NULL},
};

static bool ways_measured(const way *ways, const char *workload, ps_row **rows, size_t n)
{
    for (const way *k = ways; k->model; k++)
        if (ps_find_row(rows, n, k->model, workload, k->variant, 2))
            return true;
    return false;
}

static bool q1_switches_measured(ps_row **rows, size_t n)
{
    return ways_measured(q1_switches, "switches", rows, n);
}

static bool q2_create_measured(ps_row **rows, size_t n)
{
    return ways_measured(q2_create, "create", rows, n);
}

static bool q2_memory_measured(ps_row **rows, size_t n)
{
    return ways_measured(q2_memory, "footprint", rows, n);
}

/* Microseconds an item (a hand-off, a task): the median over the record's size. */
static double us_per_item(ps_row **rows, size_t n, const ps_row *r)
{
    (void)rows, (void)n;
    return r->size > 0 && r->seconds_median > 0 ? r->seconds_median / r->size * 1e6 : NAN;
}

/* MiB one more worker adds (footprint's metric), where measured. */
static double worker_mib(ps_row **rows, size_t n, const ps_row *r)
{
    (void)rows, (void)n;
    return r->worker_mib > 0 ? r->worker_mib : NAN;
}

static void ways_lines(figure *f, const way *ways, const char *workload, ps_row **rows, size_t n,
                       double (*value)(ps_row **, size_t, const ps_row *))
{
    for (const way *k = ways; k->model; k++)
        line(f, rows, n, k->model, workload, k->variant, value, k->style, k->title);
}

/* q1-switches.png: microseconds a hand-off against workers in the ring, each way to hand on. */
static void figure_q1_switches(FILE *gp, ps_row **rows, size_t n)
{
    figure f = {.gp = gp};
    ways_lines(&f, q1_switches, "switches", rows, n, us_per_item);
    draw(&f, "q1-switches", "Q1: a token handed round a ring, each worker blocked until handed it",
         "microseconds a hand-off (log scale)", 10, "inside bottom right", NULL);
}

/* q2-create.png: microseconds a task against workers, a pool's against a worker created for
 * each task. */
static void figure_q2_create(FILE *gp, ps_row **rows, size_t n)
{
    figure f = {.gp = gp};
    ways_lines(&f, q2_create, "create", rows, n, us_per_item);
    draw(&f, "q2-create", "Q2: a task handed to a worker of a pool, or to a worker created for it",
         "microseconds a task (log scale)", 10, "outside right top Left reverse width -5", NULL);
}

/* q2-memory.png: MiB one more worker adds against workers, each kind of worker. */
static void figure_q2_memory(FILE *gp, ps_row **rows, size_t n)
{
    figure f = {.gp = gp};
    ways_lines(&f, q2_memory, "footprint", rows, n, worker_mib);
    draw(&f, "q2-memory", "Q2: the memory one more worker adds, each with its working set",
         "MiB a worker adds, PSS (log scale)", 10, "outside right top Left reverse width -5", NULL);
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
         "items per second (log scale)", 10, "inside bottom left", NULL);
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
         "nanoseconds per operation (log scale)", 10, "inside top left", NULL);
}

/* Q2 and Q8: squares written per second by each way to pool them, against what writing alone
 * reaches (fill, in the same run: the ceiling). 8 bytes an item, results in Python too. */
static const struct {
    const char *model, *workload, *variant, *style, *title;
} q8_lines[] = {
    {"omp", "squares", "static", "lc rgb 'royalblue' dt 1 pt 7", "threads (omp), static"},
    {"mpi", "squares", "block", "lc rgb 'red' dt 4 pt 6", "processes (mpi), block to rank 0"},
    {"mpi", "squares", "pool", "lc rgb 'dark-orange' dt 4 pt 6", "processes (mpi), pool"},
    {"mpi", "squares", "shared", "lc rgb 'dark-green' dt 4 pt 6", "processes (mpi), shared"},
    {"python-threads", "squares", "map", "lc rgb 'dark-violet' dt 2 pt 5",
     "Python threads, ThreadPool.map"},
    {"python-processes", "squares", "map", "lc rgb 'brown' dt 5 pt 9",
     "Python processes, Pool.map"},
    {"omp", "fill", "memset", "lc rgb 'black' dt 3 pt 1", "ceiling: threads only writing (fill)"},
    {"mpi", "fill", "memset", "lc rgb 'gray' dt 3 pt 2", "ceiling: ranks only writing (fill)"},
};

static double gb_written(ps_row **rows, size_t n, const ps_row *r)
{
    (void)rows, (void)n;
    return r->seconds_median > 0 ? r->size * 8 / r->seconds_median / 1e9 : NAN;
}

static bool q8_measured(ps_row **rows, size_t n)
{
    for (size_t k = 0; k < sizeof q8_lines / sizeof *q8_lines; k++)
        if (!strcmp(q8_lines[k].workload, "squares") &&
            ps_find_row(rows, n, q8_lines[k].model, "squares", q8_lines[k].variant, 2))
            return true;
    return false;
}

/* q8-squares.png */
static void figure_q8(FILE *gp, ps_row **rows, size_t n)
{
    figure f = {.gp = gp};
    for (size_t k = 0; k < sizeof q8_lines / sizeof *q8_lines; k++)
        line(&f, rows, n, q8_lines[k].model, q8_lines[k].workload, q8_lines[k].variant, gb_written,
             q8_lines[k].style, q8_lines[k].title);
    fprintf(gp, "set yrange [0.001:1e6]\n"); /* room above the lines for the key */
    draw(&f, "q8-squares", "Q2, Q8: squares written per second, against writing alone",
         "GB/s of 8-byte results (log scale)", 10, "inside top right", NULL);
    fprintf(gp, "set autoscale y\n");
}

/* The numbers after `after` in a record's detail, up to max, each a whole number or '?' (then
 * -1) from 0 to most: what parsuite writes there, nothing else (else 0). */
static size_t numbers_after(const char *detail, const char *after, double *v, size_t max,
                            double most)
{
    const char *p = strstr(detail, after);
    size_t k = 0;
    if (!p)
        return 0;
    for (p += strlen(after); k < max && *p == ' ';) {
        p++;
        if (*p == '?') {
            v[k++] = -1, p++;
            continue;
        }
        if (!isdigit((unsigned char)*p))
            break;
        char *end;
        double x = strtod(p, &end);
        if (x > most || (*end && *end != ' ' && *end != ';'))
            return 0;
        v[k++] = x, p = end;
    }
    return k;
}

/* A figure whose x axis is not workers: its axes and data as gnuplot commands, plotted with
 * `with`; then the workers' axes again for the next. */
static void draw_other(figure *f, const char *file, const char *title, const char *axes,
                       const char *with, const char *first)
{
    if (!f->lines)
        return;
    char text[128];
    caption(f->any, text, sizeof text);
    fprintf(f->gp,
            "set output '%s.png'\nset title '%s'\nunset logscale\n%s\n"
            "set label 2 '%s' at screen 0.01, screen 0.02 font ',9'\nplot %s",
            file, title, axes, text, first ? first : "");
    for (size_t k = 0; k < f->lines; k++)
        fprintf(f->gp, "%s$q%zu using 1:2 with %s %s title '%s'", k || first ? ", " : "", k, with,
                f->style[k], f->title[k]);
    fprintf(f->gp, "\nunset label 2\nset autoscale\nset xtics autofreq\nset ytics autofreq\n"
                   "set logscale x 2\nset xlabel 'workers'\nset key inside top left\n");
}

/* Q3's placement map: at 2 workers and at the most, each model's workers and the CPU each ran
 * on as it said hello ("on CPUs 0 1 1 0" in hello's detail), a model a little above the other. */
static bool q3_measured(ps_row **rows, size_t n)
{
    double cpus[24];
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i]->workload, "hello") &&
            numbers_after(rows[i]->detail, "on CPUs", cpus, 24, 1 << 20))
            return true;
    return false;
}

static void figure_q3(FILE *gp, ps_row **rows, size_t n)
{
    figure f = {.gp = gp};
    double top = 0, most = ps_max_workers(rows, n, "hello");
    for (int m = 0; m < 2; m++)
        for (int big = 0; big < 2; big++) {
            const ps_row *r =
                ps_find_row(rows, n, m ? "mpi" : "omp", "hello", NULL, big ? most : 2);
            double cpu[24];
            size_t k = r ? numbers_after(r->detail, "on CPUs", cpu, 24, 1 << 20) : 0;
            if (!k || (big && most <= 2) || f.lines >= 8)
                continue;
            fprintf(gp, "$q%zu << EOD\n", f.lines);
            for (size_t i = 0; i < k; i++)
                if (cpu[i] >= 0)
                    fprintf(gp, "%zu %.2f\n", i, cpu[i] + (m ? 0.05 : -0.15) + (big ? 0.1 : 0));
            fprintf(gp, "EOD\n");
            for (size_t i = 0; i < k; i++)
                top = fmax(top, cpu[i]);
            snprintf(f.style[f.lines], sizeof f.style[0], "lc rgb '%s' pt %d ps 1.5",
                     m ? "red" : "royalblue", big ? (m ? 6 : 7) : (m ? 4 : 5));
            snprintf(f.title[f.lines++], sizeof f.title[0], "%s, %.0f workers",
                     m ? "ranks (mpi)" : "threads (omp)", r->workers);
            f.any = r;
        }
    char axes[192];
    snprintf(axes, sizeof axes,
             "set xlabel 'worker (thread or rank number)'\nset ylabel 'CPU it ran on'\n"
             "set xtics 1\nset ytics 1\nset xrange [-0.5:%.1f]\nset yrange [-0.5:%.1f]\n"
             "set key outside top center",
             most - 0.5, top + 0.5);
    draw_other(&f, "q3-placement", "Q3: where each worker ran as it said hello", axes, "points",
               NULL);
}

/* Q6: what each way to handle a failure did with the tasks (errors' detail: "done 14; failed 2;
 * never ran 0"), each model at 2 workers and at the most: a bar of done, failed and never ran. An
 * abort leaves no record: the program ended, which is its answer. */
static bool q6_counts(const ps_row *r, double c[3])
{
    return r && sscanf(r->detail, "done %lf; failed %lf; never ran %lf", &c[0], &c[1], &c[2]) == 3;
}

static bool q6_measured(ps_row **rows, size_t n)
{
    double c[3];
    for (int m = 0; m < 2; m++)
        for (int v = 0; v < 2; v++)
            if (q6_counts(
                    ps_find_row(rows, n, m ? "mpi" : "omp", "errors", v ? "cancel" : "collect", 2),
                    c))
                return true;
    return false;
}

static void figure_q6(FILE *gp, ps_row **rows, size_t n)
{
    const ps_row *any = NULL;
    double most = ps_max_workers(rows, n, "errors");
    fprintf(gp, "$q0 << EOD\n");
    for (int m = 0; m < 2; m++)
        for (int v = 0; v < 2; v++)
            for (int big = 0; big < 2 && !(big && most <= 2); big++) {
                double c[3];
                const ps_row *r = ps_find_row(rows, n, m ? "mpi" : "omp", "errors",
                                              v ? "cancel" : "collect", big ? most : 2);
                if (!q6_counts(r, c))
                    continue;
                fprintf(gp, "\"%s %s, %.0f\" %.0f %.0f %.0f\n", m ? "ranks" : "threads",
                        v ? "cancel" : "collect", r->workers, c[0], c[1], c[2]);
                any = r;
            }
    fprintf(gp, "EOD\n");
    if (!any)
        return;
    char text[128];
    caption(any, text, sizeof text);
    fprintf(gp,
            "set output 'q6-errors.png'\nset title 'Q6: what became of the tasks when some "
            "failed, each way to handle it'\nunset logscale\nset xlabel 'model, way, workers'\n"
            "set ylabel 'tasks'\nset style data histograms\nset style histogram rowstacked\n"
            "set style fill solid 0.8 border -1\nset boxwidth 0.6\nset xtics rotate by -20\n"
            "set key outside top center horizontal\n"
            "set label 2 '%s' at screen 0.01, screen 0.02 font ',9'\n"
            "plot $q0 using 2:xtic(1) title 'done' lc rgb 'dark-green', '' using 3 title "
            "'failed' lc rgb 'red', '' using 4 title 'never ran' lc rgb 'gray'\n"
            "unset label 2\nset style data lines\nset xtics norotate autofreq\nset autoscale\n"
            "set logscale x 2\nset xlabel 'workers'\nset key inside top left\n",
            text);
}

/* Q7's completion order: for each tenth of n, the mean place its factorials completed at (in
 * factorials' detail), at 2 workers, each way to hand them out; in order of n is the diagonal. */
static const struct {
    const char *model, *variant, *style, *title;
} q7_lines[] = {
    {"omp", "static", "lc rgb 'royalblue' dt 1 pt 7", "threads (omp), static split"},
    {"omp", "dynamic", "lc rgb 'dark-green' dt 1 pt 7", "threads (omp), dynamic"},
    {"omp", "tasks", "lc rgb 'dark-cyan' dt 1 pt 7", "threads (omp), tasks"},
    {"mpi", "pool", "lc rgb 'red' dt 4 pt 6", "processes (mpi), pool"},
    {"mpi", "block", "lc rgb 'dark-orange' dt 4 pt 6", "processes (mpi), block"},
    {"python-threads", "as-completed", "lc rgb 'dark-violet' dt 2 pt 5",
     "Python threads, as_completed"},
    {"python-processes", "as-completed", "lc rgb 'brown' dt 5 pt 9",
     "Python processes, as_completed"},
};

static bool q7_measured(ps_row **rows, size_t n)
{
    double v[10];
    for (size_t k = 0; k < sizeof q7_lines / sizeof *q7_lines; k++) {
        const ps_row *r =
            ps_find_row(rows, n, q7_lines[k].model, "factorials", q7_lines[k].variant, 2);
        if (r && numbers_after(r->detail, "completion by tenth of n:", v, 10, 100) == 10)
            return true;
    }
    return false;
}

static void figure_q7(FILE *gp, ps_row **rows, size_t n)
{
    figure f = {.gp = gp};
    for (size_t k = 0; k < sizeof q7_lines / sizeof *q7_lines; k++) {
        const ps_row *r =
            ps_find_row(rows, n, q7_lines[k].model, "factorials", q7_lines[k].variant, 2);
        double v[10];
        if (!r || numbers_after(r->detail, "completion by tenth of n:", v, 10, 100) != 10)
            continue;
        fprintf(gp, "$q%zu << EOD\n", f.lines);
        for (int t = 0; t < 10; t++)
            fprintf(gp, "%d %.0f\n", 10 * t + 5, v[t]);
        fprintf(gp, "EOD\n");
        snprintf(f.style[f.lines], sizeof f.style[0], "%s", q7_lines[k].style);
        snprintf(f.title[f.lines++], sizeof f.title[0], "%s", q7_lines[k].title);
        f.any = r;
    }
    draw_other(&f, "q7-order", "Q7: when the factorials of each tenth of n completed, 2 workers",
               "set xlabel 'n, by tenths (percent of N)'\nset ylabel 'mean place in the "
               "completion order (percent of the run)'\nset xrange [0:100]\nset yrange "
               "[0:100]\nset key inside top left",
               "linespoints", "x title 'in order of n' lc rgb 'gray' dashtype 2");
}

static bool q5_threads_measured(ps_row **rows, size_t n)
{
    return q5_measured(rows, n, "omp");
}

static bool q5_processes_measured(ps_row **rows, size_t n)
{
    return q5_measured(rows, n, "mpi");
}

static void figure_q5_threads(FILE *gp, ps_row **rows, size_t n)
{
    figure_q5(gp, rows, n, "omp");
}

static void figure_q5_processes(FILE *gp, ps_row **rows, size_t n)
{
    figure_q5(gp, rows, n, "mpi");
}

const ps_figure ps_figures[] = {
    {"Q1", "q1-speedup",
     "Q1: speedup of waiting and computing tasks against workers, threads and processes",
     q1_measured, figure_q1},
    {"Q1", "q1-switches",
     "Q1: microseconds a hand-off against workers in the ring, threads and processes",
     q1_switches_measured, figure_q1_switches},
    {"Q2", "q2-create",
     "Q2: microseconds a task against workers, a pool's workers against a worker created for "
     "each task",
     q2_create_measured, figure_q2_create},
    {"Q2", "q2-memory",
     "Q2: MiB one more worker adds against workers, a thread, a forked process, a rank, "
     "Python's",
     q2_memory_measured, figure_q2_memory},
    {"Q2", "q8-squares",
     "Q2, Q8: squares written per second against workers, each way to pool them, against "
     "writing alone",
     q8_measured, figure_q8},
    {"Q3", "q3-placement", "Q3: the CPU each thread and rank ran on as it said hello", q3_measured,
     figure_q3},
    {"Q4", "q4-items", "Q4: items per second against workers, each way of passing them",
     q4_measured, figure_q4},
    {"Q5", "q5-threads", "Q5: time per operation against workers, each way threads share data",
     q5_threads_measured, figure_q5_threads},
    {"Q5", "q5-processes", "Q5: time per operation against workers, each way processes share data",
     q5_processes_measured, figure_q5_processes},
    {"Q6", "q6-errors", "Q6: tasks done, failed and never run, each way to handle a failure",
     q6_measured, figure_q6},
    {"Q7", "q7-order", "Q7: when each tenth of the factorials completed, each way to hand them out",
     q7_measured, figure_q7},
    {NULL, NULL, NULL, NULL, NULL},
};

void ps_figures_script(FILE *gp, ps_row **rows, size_t n)
{
    fprintf(gp, "undefine $*\n");
    for (const ps_figure *f = ps_figures; f->file; f++)
        if (f->measured(rows, n))
            f->draw(gp, rows, n);
}
