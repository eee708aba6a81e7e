/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_compare.h"

#include "ps_markdown.h"

#include "ps_gnuplot.h"
#include "ps_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The recorded settings that can explain a difference, as the comparison shows them. */
typedef struct setting {
    const char *label;
    size_t offset, size; /* a text field; size 0: a number */
    bool per_point;      /* differs between points of one run (shown beside each point only) */
} setting;

#define FIELD(f)  offsetof(ps_row, f), sizeof(((ps_row *)0)->f)
#define NUMBER(f) offsetof(ps_row, f), 0
static const setting settings[] = {
    {"host", FIELD(host), false},
    {"CPU", FIELD(cpu), false},
    {"cores", NUMBER(cores), false},
    {"nodes", NUMBER(nodes), false},
    {"compiler", FIELD(compiler), false},
    {"flags", FIELD(flags), false},
    {"build type", FIELD(build_type), false},
    {"parsuite", FIELD(version), false},
    {"commit", FIELD(commit), false},
    {"OpenMP", FIELD(openmp), false},
    {"OpenMP runtime", FIELD(openmp_runtime), false},
    {"OMP_PROC_BIND", FIELD(omp_proc_bind), false},
    {"OMP_PLACES", FIELD(omp_places), false},
    {"OMP_WAIT_POLICY", FIELD(omp_wait_policy), false},
    {"OMP_DYNAMIC", FIELD(omp_dynamic), false},
    {"binding", FIELD(binding), true},
    {"bound cores", NUMBER(bound_cores), true},
    {"MPI", FIELD(mpi), false},
    {"MPI settings", FIELD(mpi_settings), false},
    {"CPU governor", FIELD(governor), false},
};
enum { NSETTINGS = sizeof settings / sizeof settings[0] };

static void setting_text(const setting *s, const ps_row *r, char *buf, size_t len)
{
    const char *field = (const char *)r + s->offset;
    if (s->size)
        snprintf(buf, len, "%s", field);
    else if (*(const double *)field > 0)
        snprintf(buf, len, "%.0f", *(const double *)field);
    else
        buf[0] = '\0'; /* an older file: unknown */
}

/* Markdown's table cell: text as text (ps_md_escape); empty as "–". */
static void cell(FILE *out, const char *s)
{
    fputs(*s ? PS_MD(s) : "–", out);
}

static int key_cmp(const ps_row *a, const ps_row *b)
{
    int c;
    if ((c = strcmp(a->model, b->model)) || (c = strcmp(a->workload, b->workload)) ||
        (c = strcmp(a->variant, b->variant)) || (c = strcmp(a->work_options, b->work_options)))
        return c;
    const double x[] = {a->size, a->steps, a->ranks, a->threads},
                 y[] = {b->size, b->steps, b->ranks, b->threads};
    for (int i = 0; i < 4; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

static int by_key(const void *a, const void *b)
{
    return key_cmp(*(ps_row *const *)a, *(ps_row *const *)b);
}

static void point_free(ps_point *p)
{
    free(p->samples), free(p->run_median);
}

/* The median of x (n >= 1), and its interval at confidence where there is one; NAN without
 * memory. */
static double median_of(const double *x, size_t n, double confidence, bool *has, double *lo,
                        double *hi)
{
    double *sorted = ps_sorted_copy(x, n), coverage;
    if (!sorted)
        return NAN;
    double m = ps_median_of_sorted(sorted, n);
    if (has)
        *has = ps_median_interval(sorted, n, confidence, lo, hi, &coverage);
    free(sorted);
    return m;
}

/* Each run's median: the records of one file pooled. */
static bool run_medians(ps_point *q, ps_row **rows, size_t k)
{
    q->run_median = malloc(k * sizeof *q->run_median);
    double *pool = malloc((q->n ? q->n : 1) * sizeof *pool);
    bool ok = q->run_median && pool;
    for (size_t i = 0; ok && i < k; i++) {
        bool seen = false;
        for (size_t e = 0; e < i && !seen; e++)
            seen = rows[e]->file == rows[i]->file;
        if (seen)
            continue;
        size_t n = 0;
        double older = rows[i]->seconds_median;
        for (size_t e = i; e < k; e++)
            if (rows[e]->file == rows[i]->file && rows[e]->nsamples) {
                memcpy(pool + n, rows[e]->samples, rows[e]->nsamples * sizeof *pool);
                n += rows[e]->nsamples;
            }
        double m = n ? median_of(pool, n, 0, NULL, NULL, NULL) : older;
        ok = !isnan(m);
        q->run_median[q->runs++] = m;
    }
    free(pool);
    return ok;
}

/* A set's points: its rows sorted by key, each run of equal keys pooled. */
static ps_point *points_of(const ps_results *r, double confidence, size_t *n)
{
    ps_row **rows = malloc((r->n ? r->n : 1) * sizeof *rows);
    ps_point *p = calloc(r->n ? r->n : 1, sizeof *p);
    *n = 0;
    if (!rows || !p) {
        free(rows), free(p);
        return NULL;
    }
    for (size_t i = 0; i < r->n; i++)
        rows[i] = &r->row[i];
    qsort(rows, r->n, sizeof *rows, by_key);
    bool ok = true;
    for (size_t i = 0, j; i < r->n && ok; i = j) {
        ps_point *q = &p[(*n)++];
        size_t total = 0;
        for (j = i; j < r->n && key_cmp(rows[i], rows[j]) == 0; j++)
            total += rows[j]->nsamples;
        *q = (ps_point){.row = rows[i], .records = j - i, .verified = true};
        q->samples = malloc((total ? total : 1) * sizeof *q->samples);
        ok = q->samples != NULL;
        for (size_t k = i; k < j && ok; k++) {
            if (rows[k]->nsamples)
                memcpy(q->samples + q->n, rows[k]->samples, rows[k]->nsamples * sizeof *q->samples);
            q->n += rows[k]->nsamples;
            q->verified &= rows[k]->verified;
            q->oversubscribed |= rows[k]->oversubscribed;
            q->unsampled |= rows[k]->nsamples == 0;
        }
        if (ok && q->n) {
            q->median = median_of(q->samples, q->n, confidence, &q->has_interval, &q->lo, &q->hi);
            ok = !isnan(q->median);
        } else if (ok) {
            q->median = rows[i]->seconds_median; /* older files: the records' own */
        }
        if (ok)
            ok = run_medians(q, rows + i, j - i);
    }
    free(rows);
    if (!ok) {
        for (size_t i = 0; i < *n; i++)
            point_free(&p[i]);
        free(p);
        *n = 0;
        return NULL;
    }
    return p;
}

static void differs(ps_pair *pair)
{
    char a[160], b[160];
    pair->differs[0] = '\0';
    for (size_t i = 0; i < NSETTINGS; i++) {
        setting_text(&settings[i], pair->base.row, a, sizeof a);
        setting_text(&settings[i], pair->cand.row, b, sizeof b);
        size_t used = strlen(pair->differs);
        if (strcmp(a, b) && used + strlen(settings[i].label) + 3 < sizeof pair->differs)
            snprintf(pair->differs + used, sizeof pair->differs - used, "%s%s", used ? ", " : "",
                     settings[i].label);
    }
}

static bool judge(ps_pair *pair, const ps_compare_options *opt)
{
    const ps_point *b = &pair->base, *c = &pair->cand;
    pair->ratio = b->median > 0 ? c->median / b->median : NAN;
    differs(pair);
    if (!b->verified || !c->verified) {
        pair->verdict = PS_UNVERIFIED;
        return true;
    }
    pair->by_runs = b->runs >= 2 && c->runs >= 2;
    if (!pair->by_runs && (b->unsampled || c->unsampled || !b->n || !c->n)) {
        pair->verdict = PS_NO_SAMPLES;
        return true;
    }
    const double *x = pair->by_runs ? b->run_median : b->samples,
                 *y = pair->by_runs ? c->run_median : c->samples;
    size_t nx = pair->by_runs ? b->runs : b->n, ny = pair->by_runs ? c->runs : c->n;
    if (pair->by_runs) /* the runs' medians' median */
        pair->ratio = median_of(y, ny, 0, NULL, NULL, NULL) / median_of(x, nx, 0, NULL, NULL, NULL);
    if (!ps_mann_whitney(x, nx, y, ny, &pair->test))
        return false;
    bool positive = true;
    for (size_t i = 0; positive && i < nx; i++)
        positive = x[i] > 0;
    for (size_t i = 0; positive && i < ny; i++)
        positive = y[i] > 0;
    pair->has_interval =
        positive && ps_ratio_interval(x, nx, y, ny, 1 - opt->alpha, &pair->lo, &pair->hi);
    if (pair->test.min_p >= opt->alpha)
        pair->verdict = PS_TOO_FEW;
    else if (pair->test.p < opt->alpha && pair->ratio >= 1 + opt->threshold)
        pair->verdict = PS_SLOWER;
    else if (pair->test.p < opt->alpha && pair->ratio <= 1 - opt->threshold)
        pair->verdict = PS_FASTER;
    else
        pair->verdict = PS_SAME;
    return true;
}

ps_status ps_compare(const ps_results *base, const ps_results *cand, const ps_compare_options *opt,
                     ps_comparison *c, ps_msg *msg)
{
    *c = (ps_comparison){.opt = *opt};
    size_t nb, nc;
    ps_point *b = points_of(base, 1 - opt->alpha, &nb), *k = points_of(cand, 1 - opt->alpha, &nc);
    c->pair = calloc(nb + 1, sizeof *c->pair);
    c->only_base = calloc(nb + 1, sizeof *c->only_base);
    c->only_cand = calloc(nc + 1, sizeof *c->only_cand);
    bool ok = b && k && c->pair && c->only_base && c->only_cand;
    size_t i = 0, j = 0;
    while (ok && (i < nb || j < nc)) { /* both sorted by key: a merge */
        int order = i == nb ? 1 : j == nc ? -1 : key_cmp(b[i].row, k[j].row);
        if (order < 0) {
            c->only_base[c->nonly_base++] = b[i++];
        } else if (order > 0) {
            c->only_cand[c->nonly_cand++] = k[j++];
        } else {
            ps_pair *p = &c->pair[c->npairs++];
            p->base = b[i++], p->cand = k[j++];
            ok = judge(p, opt);
        }
    }
    if (!ok) { /* whatever was not moved into c yet */
        for (; b && i < nb; i++)
            point_free(&b[i]);
        for (; k && j < nc; j++)
            point_free(&k[j]);
    }
    free(b), free(k);
    if (!ok) {
        ps_comparison_free(c);
        return ps_fail(msg, PS_ENV, "out of memory");
    }
    if (c->npairs == 0) {
        ps_comparison_free(c);
        return ps_fail(msg, PS_USAGE,
                       "no point is in both sets (a point: model, workload, variant, size, ranks "
                       "and threads)");
    }
    return PS_OK;
}

void ps_comparison_free(ps_comparison *c)
{
    for (size_t i = 0; c->pair && i < c->npairs; i++)
        point_free(&c->pair[i].base), point_free(&c->pair[i].cand);
    for (size_t i = 0; c->only_base && i < c->nonly_base; i++)
        point_free(&c->only_base[i]);
    for (size_t i = 0; c->only_cand && i < c->nonly_cand; i++)
        point_free(&c->only_cand[i]);
    free(c->pair), free(c->only_base), free(c->only_cand);
    *c = (ps_comparison){0};
}

size_t ps_comparison_failing(const ps_comparison *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->npairs; i++)
        n += c->pair[i].verdict == PS_SLOWER || c->pair[i].verdict == PS_UNVERIFIED;
    return n;
}

static const char *verdict_text(ps_verdict v)
{
    static const char *const text[] = {
        [PS_SAME] = "no significant difference",
        [PS_FASTER] = "**faster**",
        [PS_SLOWER] = "**slower**",
        [PS_TOO_FEW] = "too few to tell",
        [PS_NO_SAMPLES] = "no samples (an older file): not tested",
        [PS_UNVERIFIED] = "**not verified**",
    };
    return text[v];
}

/* The distinct values of a setting over a set's rows, "a; b; c" (at most 4, then "and N more"). */
static void values_of(const setting *s, const ps_results *r, char *buf, size_t len)
{
    char seen[4][160], v[160];
    size_t n = 0, more = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < r->n; i++) {
        setting_text(s, &r->row[i], v, sizeof v);
        size_t k = 0;
        while (k < n && k < 4 && strcmp(seen[k], v))
            k++;
        if (k < n && k < 4)
            continue;
        if (n < 4) {
            snprintf(seen[n++], sizeof seen[0], "%s", v);
            size_t used = strlen(buf);
            snprintf(buf + used, len - used, "%s%s", n > 1 ? "; " : "", *v ? v : "(empty)");
        } else {
            more++; /* may count one value twice: "more" is at least this many rows */
        }
    }
    if (more) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "; and other values in %zu records", more);
    }
}

static void settings_table(FILE *out, const ps_results *base, const ps_results *cand)
{
    char a[700], b[700];
    size_t shown = 0;
    for (size_t i = 0; i < NSETTINGS; i++) {
        if (settings[i].per_point)
            continue;
        values_of(&settings[i], base, a, sizeof a);
        values_of(&settings[i], cand, b, sizeof b);
        if (!strcmp(a, b))
            continue;
        if (!shown++)
            fprintf(out, "| setting | baseline | candidate |\n|---|---|---|\n");
        fprintf(out, "| %s | ", settings[i].label);
        cell(out, a);
        fprintf(out, " | ");
        cell(out, b);
        fprintf(out, " |\n");
    }
    if (!shown)
        fprintf(out, "No recorded setting differs between the two sets (how each point's workers "
                     "were bound is compared beside the point).\n");
}

static void point_name(FILE *out, const ps_row *r)
{
    fprintf(out, "%s | %s | %s%s%s%s | %.0f | %.0fx%.0f", r->model, r->workload, r->variant,
            *r->work_options ? " (" : "", PS_MD(r->work_options), *r->work_options ? ")" : "",
            r->size, r->ranks, r->threads);
}

static void median_cell(FILE *out, const ps_point *p)
{
    fprintf(out, "%.6g", p->median);
    if (p->has_interval)
        fprintf(out, " (%.6g–%.6g)", p->lo, p->hi);
    fprintf(out, ", n %zu, %zu run%s%s", p->n, p->runs, p->runs == 1 ? "" : "s",
            p->oversubscribed ? ", oversubscribed" : "");
}

static void one_side(FILE *out, const ps_point *p, size_t n, const ps_point *other, size_t nother,
                     const char *which)
{
    if (!n)
        return;
    fprintf(out,
            "\n### In the %s only (%zu)\n\n| model | workload | variant | size | ranks x "
            "threads | note |\n|---|---|---|---:|---|---|\n",
            which, n);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "| ");
        point_name(out, p[i].row);
        fprintf(out, " | ");
        const char *sep = "";
        bool size = false, steps = false;
        for (size_t k = 0; k < nother; k++) { /* the same point with other work */
            const ps_row *a = p[i].row, *b = other[k].row;
            if (strcmp(a->model, b->model) || strcmp(a->workload, b->workload) ||
                strcmp(a->variant, b->variant) || a->ranks != b->ranks || a->threads != b->threads)
                continue;
            if (a->size != b->size)
                fprintf(out, "%sthe other set has size %.0f", sep, b->size), size = true;
            else
                fprintf(out, "%sthe other set has %.0f steps a task (here %.0f)", sep, b->steps,
                        a->steps),
                    steps = true;
            sep = ", ";
        }
        fprintf(out, "%s%s |\n",
                size    ? " (sizes chosen at run time differ: pass --size to compare)"
                : steps ? " (each sweep calibrates its tasks: pass the same --steps to compare)"
                        : "",
                *sep ? "" : "–");
    }
}

/* How points are compared: the unit (runs or repetitions), the ratio, its interval, the test. */
static void method_text(FILE *out, const ps_comparison *c, size_t by_runs)
{
    fprintf(out,
            "How: a point is one model, workload, variant (with the options given that change "
            "its work), size, compute steps and ranks x threads; its records in one set are "
            "pooled. A run is one input file. With two runs "
            "or more a side, the runs are the unit (as Kalibera and Jones advise): the test "
            "compares the runs' medians, and the ratio is the median of the candidate's run "
            "medians over the baseline's, because repetitions of one run share that run's "
            "machine state and two runs of one build can differ by more than their repetitions "
            "do; 4 runs a side are the fewest that can reach 5%%. With one run a side, the "
            "repetitions are the unit: a verdict then says these two runs differ, which on a "
            "busy machine is not yet a change of the build. The ratio is the candidate's median "
            "time over the baseline's (above 1: slower). Its interval, at %.0f%%, is the "
            "distribution-free one of a shift "
            "in log time (Bauer: order statistics of the pairwise differences of log times at "
            "the Mann-Whitney critical value); a median's interval is from order statistics. The "
            "verdict: the two-sided Mann-Whitney U test at significance %g (exact below 50 "
            "samples a side without ties, else the normal approximation with tie and continuity "
            "corrections), and a change of at least %g%% (the threshold): slower when p < %g and "
            "the ratio is at least %g, faster when p < %g and the ratio is at most %g. %zu points "
            "were judged by runs, %zu "
            "by repetitions.\n",
            100 * (1 - c->opt.alpha), c->opt.alpha, 100 * c->opt.threshold, c->opt.alpha,
            1 + c->opt.threshold, c->opt.alpha, 1 - c->opt.threshold, by_runs, c->npairs - by_runs);
}

/* One point in both sets: its medians, the ratio with its interval, p and the verdict. */
static void pair_row(FILE *out, const ps_pair *p)
{
    fprintf(out, "| ");
    point_name(out, p->base.row);
    fprintf(out, " | ");
    median_cell(out, &p->base);
    fprintf(out, " | ");
    median_cell(out, &p->cand);
    fprintf(out, " | %.3f", p->ratio);
    if (p->has_interval)
        fprintf(out, " (%.3f–%.3f)", p->lo, p->hi);
    if (p->verdict <= PS_TOO_FEW)
        fprintf(out, " | %.3g | %s%s | ", p->test.p, verdict_text(p->verdict),
                p->verdict != PS_TOO_FEW ? ""
                : p->by_runs             ? " (runs)"
                                         : " (repetitions)");
    else
        fprintf(out, " | – | %s | ", verdict_text(p->verdict));
    fputs(*p->differs ? p->differs : "–", out); /* our own labels */
    fprintf(out, " |\n");
}

void ps_comparison_write(FILE *out, const ps_comparison *c, const ps_results *base,
                         const ps_results *cand, const char *plots)
{
    size_t count[PS_UNVERIFIED + 1] = {0}, by_runs = 0;
    for (size_t i = 0; i < c->npairs; i++)
        count[c->pair[i].verdict]++, by_runs += c->pair[i].by_runs;
    fprintf(out,
            "# parsuite comparison\n\n"
            "Baseline: %zu records; candidate: %zu records. %zu points in both: %zu slower, %zu "
            "faster, %zu with no significant difference, %zu too few to tell, %zu "
            "without samples, %zu not verified. %zu points in the baseline only, %zu in the "
            "candidate only.\n\n",
            base->n, cand->n, c->npairs, count[PS_SLOWER], count[PS_FASTER], count[PS_SAME],
            count[PS_TOO_FEW], count[PS_NO_SAMPLES], count[PS_UNVERIFIED], c->nonly_base,
            c->nonly_cand);
    method_text(out, c, by_runs);
    fprintf(out, "\n## Settings that differ\n\n");
    settings_table(out, base, cand);
    if (plots)
        fprintf(out, "\n![ratio of medians with intervals](%s/compare-ratio.png)\n", plots);
    fprintf(out, "\n## Points in both\n\n| model | workload | variant | size | ranks x threads "
                 "| baseline median s (interval), samples | candidate median s (interval), samples "
                 "| ratio (interval) | p | verdict | settings that differ |\n"
                 "|---|---|---|---:|---|---|---|---|---:|---|---|\n");
    for (size_t i = 0; i < c->npairs; i++)
        pair_row(out, &c->pair[i]);
    one_side(out, c->only_base, c->nonly_base, c->only_cand, c->nonly_cand, "baseline");
    one_side(out, c->only_cand, c->nonly_cand, c->only_base, c->nonly_base, "candidate");
}

/* Every label is built from names ps_results accepted (a-z, 0-9, -) and numbers: nothing from a
 * file can end a string or reach gnuplot as code. */
void ps_comparison_plot_script(FILE *gp, const ps_comparison *c)
{
    size_t n = c->npairs;
    fprintf(gp,
            "set terminal pngcairo size 900,%zu noenhanced\nset output 'compare-ratio.png'\n"
            "set title 'candidate / baseline, median time, with intervals'\n"
            "set xlabel 'ratio of medians, log scale (above 1: slower)'\nset logscale x 2\nset "
            "grid xtics\n"
            "set ytics font ',8'\nset yrange [0:%zu]\nset key outside bottom center horizontal\n"
            "set linetype 1 lc rgb 'gray40'\nset linetype 2 lc rgb 'forest-green'\n"
            "set linetype 3 lc rgb 'red'\n",
            200 + 16 * n, n + 1);
    fprintf(gp, "set arrow from 1, graph 0 to 1, graph 1 nohead dashtype 2\n");
    fprintf(gp, "set arrow from %g, graph 0 to %g, graph 1 nohead dashtype 3\n",
            1 + c->opt.threshold, 1 + c->opt.threshold);
    fprintf(gp, "set arrow from %g, graph 0 to %g, graph 1 nohead dashtype 3\n",
            1 - c->opt.threshold, 1 - c->opt.threshold);
    fprintf(gp, "$ratio << EOD\n");
    for (size_t i = 0; i < n; i++) {
        const ps_pair *p = &c->pair[i];
        const ps_row *r = p->base.row;
        if (!isfinite(p->ratio))
            continue;
        int colour = p->verdict == PS_SLOWER ? 3 : p->verdict == PS_FASTER ? 2 : 1;
        fprintf(gp, "%zu %.6g %.6g %.6g %d %s/%s/%s/%.0f/%.0fx%.0f\n", i + 1, p->ratio,
                p->has_interval ? p->lo : p->ratio, p->has_interval ? p->hi : p->ratio, colour,
                r->model, r->workload, r->variant, r->size, r->ranks, r->threads);
    }
    fprintf(
        gp,
        "EOD\nplot $ratio using 2:1:3:4:5:ytic(6) with xerrorbars pt 7 ps 0.6 lc variable notitle, "
        "NaN lt 3 title 'slower', NaN lt 2 title 'faster', NaN lt 1 title 'no "
        "significant difference or not tested'\n");
}

static void script(FILE *gp, const void *c)
{
    ps_comparison_plot_script(gp, c);
}

ps_status ps_comparison_plots(const ps_comparison *c, const char *dir, ps_msg *msg)
{
    return ps_gnuplot(dir, script, c, msg);
}
