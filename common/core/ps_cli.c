/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_cli.h"

#include "ps_buf.h"
#include "ps_openmp_env.h"

#include <errno.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { FLAG, UINT, LIST, CHOICE, TEXT };

enum { OMP_ONLY = 1, MPI_ONLY };

static const char *const format_names[] = {"table", "csv", "json", NULL};

typedef struct spec {
    const char *name;
    enum kind kind;
    size_t offset;
    uint64_t min, max;
    const char *const *choices;
    int only;     /* OMP_ONLY, MPI_ONLY, or 0 for both programs */
    bool general; /* every workload takes it; otherwise a workload lists it */
    const char *metavar;
    const char *help;
    bool work; /* changes the work measured (not how it is run, timed or shown): recorded in
                * work_options, and a point of its own in reports and comparisons */
} spec;

#define AT(field) offsetof(ps_options, field)

static const spec specs[] = {
    {"variant", TEXT, AT(variant_name), 0, 0, NULL, 0, true, "NAME",
     "how the work is split (see the workloads)", false},
    {"size", UINT, AT(size), 1, UINT64_MAX, NULL, 0, true, "N", "problem size (items)", false},
    {"tasks", UINT, AT(size), 1, UINT64_MAX, NULL, 0, false, "T",
     "number of tasks (the size of task workloads)", false},
    {"items", UINT, AT(size), 1, UINT64_MAX, NULL, 0, false, "N",
     "number of items (the size of prodcons)", false},
    {"workers", LIST, AT(workers), 1, PS_MAX_WORKERS, NULL, OMP_ONLY, true, "LIST",
     "thread counts to sweep, e.g. 1,2,4,8 (default 1,2,4,8; at most 64 counts)", false},
    {"threads", UINT, AT(threads), 1, PS_MAX_WORKERS, NULL, MPI_ONLY, true, "T",
     "OpenMP threads in each rank: ranks x threads (default: OMP_NUM_THREADS, else 1)", false},
    {"repeat", UINT, AT(repeat), 1, 1000000, NULL, 0, true, "R", "timed repetitions (default 5)",
     false},
    {"warmup", UINT, AT(warmup), 0, 1000000, NULL, 0, true, "W",
     "untimed repetitions first (default 1)", false},
    {"format", CHOICE, AT(format), 0, 0, format_names, 0, true, "FMT",
     "stdout as table, csv or json (JSON Lines); default table", false},
    {"output", TEXT, AT(output), 0, 0, NULL, 0, true, "FILE",
     "also append records to FILE (JSON Lines if it ends in .json/.jsonl, else CSV)", false},
    {"plan", TEXT, AT(plan), 0, 0, NULL, MPI_ONLY, true, "FILE",
     "run the points of FILE in this one launch, a line each: WORKLOAD [options] (see the "
     "README)",
     false},
    {"quiet", FLAG, AT(quiet), 0, 0, NULL, 0, true, NULL, "records only, no notes", false},
    {"progress", FLAG, AT(progress), 0, 0, NULL, 0, true, NULL,
     "name each repetition on standard error as it starts: its worker count, warm-up or timed",
     false},
    {"print", FLAG, AT(print), 0, 0, NULL, 0, false, NULL, "show the whole result", false},
    {"chunk", UINT, AT(chunk), 1, 1u << 30, NULL, 0, false, "N",
     "items per scheduling unit (default: see the variant)", true},
    {"latency-us", UINT, AT(latency_us), 1, 10000000, NULL, 0, false, "US",
     "length of one task in microseconds (default 10000)", true},
    {"steps", UINT, AT(steps), 1, UINT64_C(1) << 40, NULL, 0, false, "N",
     "compute steps per task (default: calibrated to --latency-us; pass the same N to compare "
     "runs)",
     false},
    {"fail-at", LIST, AT(fail_at), 0, UINT64_MAX, NULL, 0, false, "LIST",
     "tasks (from 0) that fail (errors, default: task 7 divides by zero; crash: one, default: the "
     "middle one faults)",
     true},
    {"fail-every", UINT, AT(fail_every), 1, UINT64_MAX, NULL, 0, false, "K",
     "every K-th task fails (tasks K-1, 2K-1, ...), with --fail-at's, instead of the default "
     "failure",
     true},
    {"capacity", UINT, AT(capacity), 1, 1u << 30, NULL, 0, false, "N",
     "bound of the shared list (default 1024)", true},
    {"producers", UINT, AT(producers), 1, PS_MAX_WORKERS, NULL, 0, false, "P",
     "producers (default: half the workers)", true},
    {"consumers", UINT, AT(consumers), 1, PS_MAX_WORKERS, NULL, 0, false, "C",
     "consumers (default: the other half)", true},
    {"trace", FLAG, AT(trace), 0, 0, NULL, 0, false, NULL,
     "log every add and remove with the list, as the question's example does", true},
    {"list", FLAG, AT(list), 0, 0, NULL, 0, true, NULL,
     "list every workload and variant, with its sizes and options (--format table|csv|json)",
     false},
    {"check", FLAG, AT(check), 0, 0, NULL, 0, true, NULL,
     "check the options against every worker count, run nothing", false},
    {"help", FLAG, AT(help), 0, 0, NULL, 0, true, NULL, "this text", false},
    {"version", FLAG, AT(version), 0, 0, NULL, 0, true, NULL, "the version", false},
};

void ps_work_options(const ps_options *o, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        const spec *s = &specs[i];
        const char *field = (const char *)o + s->offset;
        char value[32 * PS_LIST_MAX] = "";
        if (!s->work)
            continue;
        if (s->kind == UINT && *(const uint64_t *)field)
            snprintf(value, sizeof value, " %llu", (unsigned long long)*(const uint64_t *)field);
        else if (s->kind == LIST && ((const ps_list *)field)->n)
            for (size_t k = 0, at = 0; k < ((const ps_list *)field)->n; k++)
                at += (size_t)snprintf(value + at, sizeof value - at, "%s%llu", k ? "," : " ",
                                       (unsigned long long)((const ps_list *)field)->v[k]);
        else if (!(s->kind == FLAG && *(const bool *)field))
            continue;
        int w = snprintf(buf + n, len - n, "%s--%s%s", n ? " " : "", s->name, value);
        if (w < 0 || (size_t)w >= len - n) { /* never a cut option: all or the ones that fit */
            buf[n] = '\0';
            return;
        }
        n += (size_t)w;
    }
}

const char *ps_model_name(ps_model model)
{
    return model == PS_MODEL_MPI ? "mpi" : "omp";
}

const char *ps_program_name(ps_model model)
{
    return model == PS_MODEL_MPI ? "parsuite-mpi" : "parsuite-omp";
}

static const spec *find_spec(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (strlen(specs[i].name) == len && strncmp(specs[i].name, name, len) == 0)
            return &specs[i];
    return NULL;
}

static bool workload_takes(const ps_workload *w, const char *name)
{
    for (const char *const *o = w->info->options; o && *o; o++)
        if (strcmp(*o, name) == 0)
            return true;
    return false;
}

static ps_status set_value(const spec *s, const char *opt, const char *value, ps_options *o,
                           ps_msg *msg)
{
    char *field = (char *)o + s->offset;
    unsigned idx;
    ps_status st = PS_OK;
    switch (s->kind) {
    case FLAG:
        *(bool *)field = true;
        break;
    case UINT:
        st = ps_parse_uint(opt, value, s->min, s->max, (uint64_t *)field, msg);
        break;
    case LIST:
        st = ps_parse_list(opt, value, s->min, s->max, (ps_list *)field, msg);
        break;
    case CHOICE:
        st = ps_parse_choice(opt, value, s->choices, &idx, msg);
        if (!st)
            *(unsigned *)field = idx;
        break;
    case TEXT:
        if (!*value)
            return ps_fail(msg, PS_USAGE, "%s: empty value", opt);
        *(const char **)field = value;
        break;
    }
    return st;
}

static ps_status find_workload(const char *name, const ps_workload *const *workloads,
                               const ps_workload **out, ps_msg *msg)
{
    char known[256] = "";
    for (size_t i = 0; workloads[i]; i++) {
        if (strcmp(workloads[i]->info->name, name) == 0) {
            *out = workloads[i];
            return PS_OK;
        }
        if (i)
            strncat(known, ", ", sizeof known - strlen(known) - 1);
        strncat(known, workloads[i]->info->name, sizeof known - strlen(known) - 1);
    }
    return ps_fail(msg, PS_USAGE, "unknown workload '%s' (one of: %s)", name, known);
}

/* MPI's threads per rank: --threads, else OMP_NUM_THREADS (its first level, "4,2" nests), else
 * 1. A workload without a hybrid form runs single-threaded ranks whatever OMP_NUM_THREADS says,
 * and refuses --threads above 1 with its reason. */
static ps_status resolve_threads(ps_options *o, bool given, ps_msg *msg)
{
    const ps_workload_info *w = o->workload->info;
    if (given && o->threads > 1 && w->single_threaded)
        return ps_fail(msg, PS_USAGE, "--threads %llu: %s runs one thread per rank: %s",
                       (unsigned long long)o->threads, w->name, w->single_threaded);
    uint64_t env = 1;
    ps_status st = ps_openmp_env_threads(PS_MAX_WORKERS, &env, msg);
    o->threads = given && !w->single_threaded ? o->threads : w->single_threaded ? 1 : env;
    return st;
}

/* The words of the command line: each option's value set (given[] says which were), the workload
 * named in *workload, and in *size_spec the option the size came from (--size or --tasks). */
static ps_status read_words(int argc, char **argv, ps_model model, ps_options *o, bool *given,
                            const char **workload, const spec **size_spec, ps_msg *msg)
{
    bool ended = false; /* after "--", the words are not options */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!ended && strcmp(arg, "--") == 0) {
            ended = true;
            continue;
        }
        if (!ended && (strcmp(arg, "-h") == 0 || strcmp(arg, "-V") == 0))
            arg = arg[1] == 'h' ? "--help" : "--version";
        if (ended || strncmp(arg, "--", 2) != 0) {
            if (!ended && arg[0] == '-')
                return ps_fail(msg, PS_USAGE, "unknown option '%s' (see --help)", arg);
            if (*workload)
                return ps_fail(msg, PS_USAGE, "unexpected argument '%s' (workload already '%s')",
                               arg, *workload);
            *workload = arg;
            continue;
        }
        const char *name = arg + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const spec *s = find_spec(name, len);
        if (!s)
            return ps_fail(msg, PS_USAGE, "unknown option '%.*s' (see --help)", (int)len + 2, arg);
        char opt[40];
        snprintf(opt, sizeof opt, "--%s", s->name);
        if (s->only == OMP_ONLY && model == PS_MODEL_MPI)
            return ps_fail(msg, PS_USAGE,
                           "%s: not for %s: the worker count is the number of ranks "
                           "(mpirun -np N)",
                           opt, ps_program_name(model));
        if (s->only == MPI_ONLY && model == PS_MODEL_OMP)
            return ps_fail(msg, PS_USAGE,
                           "%s: not for %s: its threads are --workers (ranks x threads: "
                           "parsuite-mpi)",
                           opt, ps_program_name(model));
        const char *value = NULL;
        if (s->kind == FLAG) {
            if (eq)
                return ps_fail(msg, PS_USAGE, "%s takes no value (got '%s')", opt, eq + 1);
        } else if (eq) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return ps_fail(msg, PS_USAGE, "%s needs a value", opt);
        }
        ps_status st = set_value(s, opt, value, o, msg);
        if (st)
            return st;
        if (s->offset == AT(size)) /* --size or --tasks: the message names what was given */
            *size_spec = s;
        if (o->help || o->version)
            return PS_OK;
        given[s - specs] = true;
    }
    return PS_OK;
}

/* What depends on the workload: the options it takes, its variant, the threads and team it
 * makes, its largest size. */
static ps_status fit_workload(ps_model model, ps_options *o, const bool *given,
                              const spec *size_spec, ps_msg *msg)
{
    const ps_workload *w = o->workload;
    ps_status st;
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (given[i] && !specs[i].general && !workload_takes(w, specs[i].name))
            return ps_fail(msg, PS_USAGE, "--%s does not apply to workload %s", specs[i].name,
                           w->info->name);
    if (o->variant_name) {
        char opt[64];
        snprintf(opt, sizeof opt, "--variant (of %s)", w->info->name);
        st = ps_parse_choice(opt, o->variant_name, w->variants, &o->variant, msg);
        if (st)
            return st;
    }
    o->workers_given = given[find_spec("workers", 7) - specs];
    if (model == PS_MODEL_MPI &&
        (st = resolve_threads(o, given[find_spec("threads", 7) - specs], msg)))
        return st;
    if ((o->producers || o->consumers) && model == PS_MODEL_OMP) {
        uint64_t team = (o->producers ? o->producers : 1) + (o->consumers ? o->consumers : 1);
        if (o->workers_given && (o->workers.n != 1 || o->workers.v[0] != team))
            return ps_fail(msg, PS_USAGE,
                           "--workers: give either --workers or --producers/--consumers (they "
                           "make %llu threads)",
                           (unsigned long long)team);
        o->workers = (ps_list){.v = {team}, .n = 1};
    }
    if (o->size > w->info->max_size)
        return ps_fail(msg, PS_USAGE, "--%s: '%llu' is too large for %s (at most %llu)",
                       size_spec->name, (unsigned long long)o->size, w->info->name,
                       (unsigned long long)w->info->max_size);
    return PS_OK;
}

ps_status ps_cli_parse(int argc, char **argv, ps_model model, const ps_workload *const *workloads,
                       ps_options *o, ps_msg *msg)
{
    *o = (ps_options){.repeat = 5, .warmup = 1, .workers = {.v = {1, 2, 4, 8}, .n = 4}};
    const char *workload = NULL;
    bool given[sizeof specs / sizeof specs[0]] = {false};
    const spec *size_spec = find_spec("size", 4);
    ps_status st = read_words(argc, argv, model, o, given, &workload, &size_spec, msg);
    if (st || o->help || o->version)
        return st;
    if (o->list && workload)
        return ps_fail(msg, PS_USAGE, "--list takes no workload (it lists them all; got '%s')",
                       workload);
    if (o->plan && workload)
        return ps_fail(msg, PS_USAGE, "--plan takes no workload (its lines name them; got '%s')",
                       workload);
    if (o->list || o->plan)
        return PS_OK;
    if (!workload)
        return ps_fail(msg, PS_USAGE, "no workload given (see --help)");
    st = find_workload(workload, workloads, &o->workload, msg);
    if (!st)
        st = fit_workload(model, o, given, size_spec, msg);
    return st ? st : ps_openmp_env_check(PS_MAX_WORKERS, msg); /* before the runtime reads it */
}

ps_status ps_cli_validate(const ps_options *o, unsigned workers, ps_msg *msg)
{
    const ps_workload *w = o->workload;
    if (!w->validate)
        return PS_OK;
    ps_msg why;
    ps_status st = w->validate(o, o->size ? o->size : w->info->default_size, workers, &why);
    if (st && o->workers_given)
        return ps_fail(msg, st, "--workers %u: %s", workers, why.text);
    if (st)
        *msg = why;
    return st;
}

/* One catalogue row: a model's variant of a workload. */
/* The columns of --list, in order: 7 texts, 4 numbers, 3 yes/no (ps_list_columns.def). */
static const char *const list_columns[] = {
#define PS_LIST_COLUMN(name, kind) #name,
#include "ps_list_columns.def"
#undef PS_LIST_COLUMN
};
enum { NLIST_COLUMNS = sizeof list_columns / sizeof *list_columns };
_Static_assert(NLIST_COLUMNS == 14, "list_row writes 7 texts, 4 numbers and 3 yes/no columns");

static void list_row(ps_buf *b, ps_format format, const char *model, const ps_workload *w,
                     const char *variant)
{
    const ps_workload_info *i = w->info;
    uint64_t sweep, quick;
    ps_sweep_sizes(i, model, variant, &sweep, &quick);
    char options[256] = "";
    for (const char *const *o = i->options; o && *o; o++)
        snprintf(options + strlen(options), sizeof options - strlen(options), "%s--%s",
                 *options ? " " : "", *o);
    const char *text[] = {model,
                          i->name,
                          variant,
                          i->question,
                          sweep ? i->size_option : "",
                          options,
                          i->sweep_options ? i->sweep_options : ""};
    const uint64_t num[] = {i->default_size, i->max_size, sweep, quick};
    const char *hybrid = strcmp(model, "mpi") == 0 && !i->single_threaded ? "yes" : "no";
    bool demo = false;
    for (const char *const *d = w->demos; d && *d; d++)
        demo |= !strcmp(*d, variant);
    const char *weak = i->weak && sweep &&
                               (strcmp(model, "mpi") || !i->weak_mpi_variant ||
                                !strcmp(variant, i->weak_mpi_variant))
                           ? "yes"
                           : "no";
    if (format == PS_FORMAT_JSON) {
        ps_buf_printf(b, "{");
        for (size_t k = 0; k < 7; k++) {
            ps_buf_printf(b, "%s\"%s\":", k ? "," : "", list_columns[k]);
            ps_buf_json(b, text[k]);
        }
        for (size_t k = 0; k < 4; k++)
            ps_buf_printf(b, ",\"%s\":%llu", list_columns[7 + k], (unsigned long long)num[k]);
        ps_buf_printf(b, ",\"%s\":%s,\"%s\":%s,\"%s\":%s}\n", list_columns[11],
                      !strcmp(hybrid, "yes") ? "true" : "false", list_columns[12],
                      !strcmp(weak, "yes") ? "true" : "false", list_columns[13],
                      demo ? "true" : "false");
    } else if (format == PS_FORMAT_CSV) {
        for (size_t k = 0; k < 7; k++) {
            ps_buf_printf(b, "%s", k ? "," : "");
            ps_buf_csv(b, text[k]);
        }
        for (size_t k = 0; k < 4; k++)
            ps_buf_printf(b, ",%llu", (unsigned long long)num[k]);
        ps_buf_printf(b, ",%s,%s,%s\n", hybrid, weak, demo ? "yes" : "no");
    } else {
        ps_buf_printf(b, "%-5s %-10s %-14s %-16s %-6s %10llu %8llu  %s%s%s\n", model, i->name,
                      variant, i->question, sweep ? i->size_option : "-", (unsigned long long)sweep,
                      (unsigned long long)quick, options, *options && i->sweep_options ? " " : "",
                      i->sweep_options ? i->sweep_options : "");
    }
}

ps_status ps_cli_list(FILE *out, ps_model model, const ps_workload *const *workloads,
                      ps_format format, ps_msg *msg)
{
    ps_buf b = {0};
    if (format == PS_FORMAT_CSV)
        for (size_t k = 0; k < NLIST_COLUMNS; k++)
            ps_buf_printf(&b, "%s%s", list_columns[k], k + 1 < NLIST_COLUMNS ? "," : "\n");
    else if (format == PS_FORMAT_TABLE)
        ps_buf_printf(&b, "%-5s %-10s %-14s %-16s %-6s %10s %8s  %s\n", "model", "workload",
                      "variant", "question", "size", "sweep", "quick", "options");
    for (size_t w = 0; workloads[w]; w++)
        for (size_t v = 0; workloads[w]->variants[v]; v++)
            list_row(&b, format, ps_model_name(model), workloads[w], workloads[w]->variants[v]);
    bool ok = !b.oom && fwrite(b.data, 1, b.len, out) == b.len && fflush(out) == 0;
    ps_buf_free(&b);
    return ok ? PS_OK : ps_fail(msg, PS_ENV, "cannot write the list: %s", strerror(errno));
}

static void help_line(FILE *out, const spec *s)
{
    char left[40];
    const char *abbrev = !strcmp(s->name, "help")      ? "-h, "
                         : !strcmp(s->name, "version") ? "-V, "
                                                       : "";
    snprintf(left, sizeof left, "%s--%s%s%s", abbrev, s->name, s->metavar ? " " : "",
             s->metavar ? s->metavar : "");
    fprintf(out, "  %-18s %s\n", left, s->help);
}

void ps_cli_help(FILE *out, ps_model model, const ps_workload *const *workloads)
{
    const char *prog = ps_program_name(model);
    fprintf(out, "Usage: %s%s WORKLOAD [options]\n\n", model == PS_MODEL_MPI ? "mpirun -np N " : "",
            prog);
    fprintf(out, "%s\n\n",
            model == PS_MODEL_MPI ? "Runs a workload on MPI ranks (isolated processes), each with "
                                    "--threads T OpenMP threads where the workload has a hybrid "
                                    "form; the workers are ranks x threads."
                                  : "Runs a workload on OpenMP threads of one process, once per "
                                    "worker count in --workers.");
    fprintf(out, "workloads:\n");
    for (size_t i = 0; workloads[i]; i++) {
        const ps_workload *w = workloads[i];
        fprintf(out, "  %-11s %s (question %s; default size %llu)\n", w->info->name, w->info->about,
                w->info->question, (unsigned long long)w->info->default_size);
        fprintf(out, "  %-11s variants:", "");
        for (size_t v = 0; w->variants[v]; v++)
            fprintf(out, " %s%s", w->variants[v], v ? "" : " (default)");
        fprintf(out, "\n");
        if (w->info->options && w->info->options[0]) {
            fprintf(out, "  %-11s options:", "");
            for (size_t o = 0; w->info->options[o]; o++)
                fprintf(out, " --%s", w->info->options[o]);
            fprintf(out, "\n");
        }
        if (model == PS_MODEL_MPI)
            fprintf(out, "  %-11s %s\n", "",
                    w->info->single_threaded ? "one thread per rank (no --threads)"
                                             : "hybrid: --threads T threads in each rank");
    }
    fprintf(out, "\noptions:\n");
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (!(specs[i].only == OMP_ONLY && model == PS_MODEL_MPI) &&
            !(specs[i].only == MPI_ONLY && model == PS_MODEL_OMP))
            help_line(out, &specs[i]);
    fprintf(out, "\nAn option's value follows it or an '=' (--size 1e8, --size=1e8); '--' ends "
                 "the options.\nNumbers are whole and decimal; 1e8 means 100000000.\n");
    fprintf(out, "\nexit codes:\n"
                 "  0  every result verified\n"
                 "  1  a result failed verification (or a task failed)\n"
                 "  2  bad input (an option or its value)\n"
                 "  3  environment error (memory, output file, runtime)\n");
}
