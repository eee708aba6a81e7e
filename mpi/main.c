/* SPDX-License-Identifier: BSD-3-Clause */
/* parsuite-mpi: runs one workload on the ranks of the job (mpirun -np N, srun -n N) and reports one
 * verified record, or the points of a plan (--plan FILE: a record each) in that one launch. Every
 * rank parses the same command line and every outcome is agreed on by all ranks, so that a bad
 * option or a failed check ends every rank with the same exit code, the message printed once, and
 * no rank left waiting. */
#include "mpi_provenance.h"
#include "mpi_run.h"
#include "ps_bench.h"
#include "ps_binding.h"
#include "ps_buf.h"
#include "ps_cli.h"
#include "ps_env.h"
#include "ps_memory.h"
#include "ps_openmp_env.h"
#include "ps_parse.h"
#include "ps_places.h"
#include "ps_plan.h"
#include "ps_sink.h"
#include "ps_time.h"
#include "ps_topology.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PS_WORKLOAD(name) extern const ps_workload mpi_##name;
#include "ps_workloads.def"
#undef PS_WORKLOAD
static const ps_workload *const workloads[] = {
#define PS_WORKLOAD(name) &mpi_##name,
#include "ps_workloads.def"
#undef PS_WORKLOAD
    NULL};

/* Under AddressSanitizer, LeakSanitizer would report Open MPI's own allocations, made in
 * components it has dlclose()d by exit: stacks that no suppression can match. So this program
 * checks memory errors but not leaks (ASAN_OPTIONS still wins); parsuite-omp and the unit tests,
 * which run all of common/, check leaks too. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PS_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(PS_ASAN)
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}
#endif

static void sync_ranks(const ps_run *run)
{
    MPI_Barrier(mpi_comm(run));
}

static double slowest(const ps_run *run, double seconds)
{
    double max = seconds;
    MPI_Allreduce(&seconds, &max, 1, MPI_DOUBLE, MPI_MAX, mpi_comm(run));
    return max;
}

static ps_status agree(const ps_run *run, ps_status local, ps_msg *msg)
{
    int mine = (int)local, worst = mine, rank = run->rank, size = 0, owner;
    MPI_Comm comm = mpi_comm(run);
    MPI_Comm_size(comm, &size);
    if (MPI_Allreduce(&mine, &worst, 1, MPI_INT, MPI_MAX, comm) != MPI_SUCCESS)
        return ps_fail(msg, PS_ENV, "MPI_Allreduce failed while agreeing on an outcome");
    if (worst == PS_OK)
        return PS_OK;
    int candidate = mine == worst ? rank : size; /* the lowest rank that saw the worst tells why */
    if (MPI_Allreduce(&candidate, &owner, 1, MPI_INT, MPI_MIN, comm) != MPI_SUCCESS ||
        MPI_Bcast(msg->text, sizeof msg->text, MPI_CHAR, owner, comm) != MPI_SUCCESS)
        return ps_fail(msg, PS_ENV, "MPI failed while telling the ranks why (status %d)", worst);
    return (ps_status)worst;
}

static const ps_model_ops model = {"mpi", MPI_Wtime, sync_ranks, slowest, agree};

/* The i-th of n NUL-separated words in text (NULL past the end). */
static const char *word(const char *text, size_t len, int i)
{
    for (const char *p = text; p < text + len; p += strlen(p) + 1)
        if (i-- == 0)
            return p;
    return NULL;
}

/* Every rank must run the same build with the same command line, or the ranks would take
 * different paths through the collectives and wait on each other for ever (an MPMD launch with
 * other options, or other builds on other nodes). Rank 0's words are broadcast; a rank that differs
 * says where, and every rank ends with exit 2. */
static ps_status same_command_line(const ps_run *run, int argc, char **argv, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    ps_buf mine = {0};
    ps_buf_printf(&mine, "%s%c", ps_build_id(), 0);
    for (int i = 1; i < argc; i++)
        ps_buf_printf(&mine, "%s%c", argv[i], 0);
    long len = mine.oom ? -1 : (long)mine.len;
    ps_status st = mpi_ok(MPI_Bcast(&len, 1, MPI_LONG, 0, comm), "MPI_Bcast", msg);
    char *theirs = !st && len > 0 ? malloc((size_t)len) : NULL;
    int ok = theirs != NULL, all_ok = 0;
    if (!st)
        st = mpi_ok(MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, comm), "MPI_Allreduce", msg);
    if (!st && !all_ok)
        st = ps_fail(msg, PS_ENV, "out of memory for the command line");
    if (!st) {
        if (run->rank == 0)
            memcpy(theirs, mine.data, (size_t)len);
        st = mpi_ok(MPI_Bcast(theirs, (int)len, MPI_CHAR, 0, comm), "MPI_Bcast", msg);
    }
    for (int i = 0; !st; i++) {
        const char *a = word(theirs, (size_t)len, i), *b = word(mine.data, mine.len, i);
        if (!a && !b)
            break;
        if (a && b && !strcmp(a, b))
            continue;
        /* the words before agree: name the option whose value differs, or the word */
        const char *prev = i > 1 ? word(mine.data, mine.len, i - 1) : NULL;
        bool value =
            prev && prev[0] == '-' && !strchr(prev, '=') && (!a || *a != '-') && (!b || *b != '-');
        if (i == 0)
            st = ps_fail(msg, PS_USAGE, "rank %d runs another build (%s) than rank 0 (%s)",
                         run->rank, b, a);
        else if (value)
            st = ps_fail(msg, PS_USAGE,
                         "ranks were started with other options: %s is '%s' on rank %d, '%s' "
                         "on rank 0",
                         prev, b ? b : "", run->rank, a ? a : "");
        else
            st = ps_fail(msg, PS_USAGE,
                         "ranks were started with other options: argument %d is '%s' on rank "
                         "%d, '%s' on rank 0",
                         i, b ? b : "(none)", run->rank, a ? a : "(none)");
    }
    free(theirs);
    ps_buf_free(&mine);
    return agree(run, st, msg);
}

/* The CPUs a rank's threads may use (ps_places.h), as a bit mask MPI can reduce. */
static void usable_mask(unsigned long mask[NMASK])
{
    hwloc_bitmap_t set = hwloc_bitmap_alloc();
    memset(mask, 0, NMASK * sizeof *mask);
    if (set && ps_places_cpus(set))
        hwloc_bitmap_to_ulongs(set, NMASK, mask);
    hwloc_bitmap_free(set);
}

static int popcount(const unsigned long mask[NMASK])
{
    int n = 0;
    for (int i = 0; i < NMASK; i++)
        n += __builtin_popcountl(mask[i]);
    return n;
}

/* Among the node leaders (one per host, local_size ranks, CPUs host): which hosts share my
 * machine, their ranks and CPUs. *cores: the machine's usable cores, counted by its first host's
 * leader only (0 for the others); *over: whether the machine's ranks x threads exceed them. */
static ps_status machine_of(MPI_Comm leaders, const ps_env *env, int local_size,
                            const unsigned long *host, unsigned threads, int *cores, int *over,
                            ps_msg *msg)
{
    int me, n;
    MPI_Comm_rank(leaders, &me);
    MPI_Comm_size(leaders, &n);
    char(*ids)[sizeof env->machine] = calloc((size_t)n, sizeof *ids);
    unsigned long(*masks)[NMASK] = calloc((size_t)n, sizeof *masks), machine[NMASK];
    int *sizes = calloc((size_t)n, sizeof *sizes), ok = ids && sizes && masks, all_ok = 0;
    int first = me, ranks = local_size; /* without memory to compare: a machine of its own */
    memcpy(machine, host, sizeof machine);
    ps_status st =
        mpi_ok(MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, leaders), "MPI_Allreduce", msg);
    if (!st && all_ok)
        st = mpi_ok(MPI_Allgather(env->machine, sizeof env->machine, MPI_CHAR, ids,
                                  sizeof env->machine, MPI_CHAR, leaders),
                    "MPI_Allgather", msg);
    if (!st && all_ok)
        st = mpi_ok(MPI_Allgather(&local_size, 1, MPI_INT, sizes, 1, MPI_INT, leaders),
                    "MPI_Allgather", msg);
    if (!st && all_ok)
        st = mpi_ok(
            MPI_Allgather(host, NMASK, MPI_UNSIGNED_LONG, masks, NMASK, MPI_UNSIGNED_LONG, leaders),
            "MPI_Allgather", msg);
    if (!st && all_ok) {
        ranks = 0;
        for (int h = n - 1; h >= 0; h--)
            if (strcmp(ids[h], ids[me]) == 0) {
                first = h, ranks += sizes[h];
                for (int i = 0; i < NMASK; i++)
                    machine[i] |= masks[h][i];
            }
    }
    int usable = popcount(machine) > 0 ? popcount(machine) : (int)env->cores;
    *cores = first == me ? usable : 0;
    *over = (uint64_t)ranks * threads > (uint64_t)usable;
    free(ids);
    free(masks);
    free(sizes);
    return st;
}

/* Hosts (shared-memory nodes), and the CPUs of the machines under them that the ranks may use:
 * the union of the ranks' allowed sets and bindings (ranks bound to one CPU have one, whatever
 * the machine has). Hosts that are containers or namespaces of one machine share its CPUs, so they
 * are counted once per machine (env->machine), and a machine is oversubscribed when all its
 * hosts' workers (ranks x threads) outnumber them. */
static ps_status describe_nodes(MPI_Comm comm, int rank, unsigned threads, ps_env *env,
                                bool *oversubscribed, ps_msg *msg)
{
    MPI_Comm node, leaders = MPI_COMM_NULL;
    int local_rank, local_size;
    unsigned long mine[NMASK], host[NMASK];
    usable_mask(mine);
    ps_status st =
        mpi_ok(MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node),
               "MPI_Comm_split_type", msg);
    if (st)
        return st;
    MPI_Comm_rank(node, &local_rank);
    MPI_Comm_size(node, &local_size);
    st = mpi_ok(MPI_Allreduce(mine, host, NMASK, MPI_UNSIGNED_LONG, MPI_BOR, node), "MPI_Allreduce",
                msg);
    MPI_Comm_free(&node);
    const int leader = local_rank == 0;
    int cores = 0, over = 0, nodes = 0, total = 0, any = 0;
    if (!st)
        st = mpi_ok(MPI_Comm_split(comm, leader ? 0 : MPI_UNDEFINED, rank, &leaders),
                    "MPI_Comm_split", msg);
    if (!st && leader) {
        st = machine_of(leaders, env, local_size, host, threads, &cores, &over, msg);
        MPI_Comm_free(&leaders);
    }
    if (!st)
        st =
            mpi_ok(MPI_Allreduce(&leader, &nodes, 1, MPI_INT, MPI_SUM, comm), "MPI_Allreduce", msg);
    if (!st)
        st = mpi_ok(MPI_Allreduce(&cores, &total, 1, MPI_INT, MPI_SUM, comm), "MPI_Allreduce", msg);
    if (!st)
        st = mpi_ok(MPI_Allreduce(&over, &any, 1, MPI_INT, MPI_MAX, comm), "MPI_Allreduce", msg);
    env->nodes = (unsigned)nodes;
    env->cores = (unsigned)total;
    *oversubscribed = any;
    return st;
}

/* What the ranks of each node will allocate together, against what that node has: checked before
 * anyone allocates, so that a run too large ends with exit 3 on every rank rather than with the
 * kernel killing one of them. */
static ps_status node_memory(MPI_Comm comm, int rank, const ps_run *run, ps_msg *msg)
{
    const ps_workload *w = run->opt->workload;
    if (!w->memory)
        return PS_OK;
    uint64_t need = w->memory(run->opt, run->size, run->ranks, rank), node_need = 0;
    uint64_t avail = ps_memory_available(), node_avail = avail;
    MPI_Comm node;
    ps_status st =
        mpi_ok(MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node),
               "MPI_Comm_split_type", msg);
    if (st)
        return st;
    st = mpi_ok(MPI_Allreduce(&need, &node_need, 1, MPI_UINT64_T, MPI_SUM, node), "MPI_Allreduce",
                msg);
    if (!st)
        st = mpi_ok(MPI_Allreduce(&avail, &node_avail, 1, MPI_UINT64_T, MPI_MIN, node),
                    "MPI_Allreduce", msg);
    MPI_Comm_free(&node);
    char what[96];
    snprintf(what, sizeof what, "%s on one node", w->info->name);
    return st ? st : ps_memory_check(node_need, node_avail, what, msg);
}

static int finish(ps_status st, const ps_msg *msg, int rank)
{
    if (st && rank == 0)
        fprintf(stderr, "parsuite-mpi: %s\n", msg->text);
    MPI_Finalize();
    return (int)st;
}

/* The plan's text, read by rank 0 and sent to every rank: the file need exist on its node only,
 * and every rank runs the same points. */
static ps_status share_plan(const ps_run *run, const char *path, char **text, size_t *len,
                            ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    char *buf = NULL;
    ps_status st = run->rank == 0 ? ps_plan_read(path, &buf, len, msg) : PS_OK;
    if ((st = agree(run, st, msg)))
        return st;
    long n = run->rank == 0 ? (long)*len : 0;
    st = mpi_ok(MPI_Bcast(&n, 1, MPI_LONG, 0, comm), "MPI_Bcast", msg);
    if (!st && run->rank != 0 && !(buf = malloc((size_t)n + 1)))
        st = ps_fail(msg, PS_ENV, "out of memory for the plan");
    if (!(st = agree(run, st, msg)))
        st = agree(run, mpi_ok(MPI_Bcast(buf, (int)n + 1, MPI_CHAR, 0, comm), "MPI_Bcast", msg),
                   msg);
    if (st) {
        free(buf);
        return st;
    }
    *text = buf;
    *len = (size_t)n;
    return PS_OK;
}

static int provided_level = MPI_THREAD_SINGLE; /* what MPI_Init_thread gave */

/* One point: where its workers are, its memory, its repetitions, its record. In a plan, tasks
 * that failed by design (errors) are a verified result, not a failure: only a failed
 * verification makes the exit 1 (and under Open MPI each non-zero exit costs the launch 1-2 s). */
static ps_status run_point(ps_run *run, const ps_options *opt, bool plan, ps_env *env,
                           ps_sink *sink, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    run->opt = opt;
    run->threads = (unsigned)opt->threads;
    run->workers = run->ranks * run->threads;
    run->failed = run->steps = 0;
    ps_status st =
        agree(run,
              run->threads > 1 && provided_level < MPI_THREAD_FUNNELED /* misled */
                  ? ps_fail(msg, PS_ENV, "ranks of threads need MPI_THREAD_FUNNELED; MPI gave %d",
                            provided_level)
                  : PS_OK,
              msg);
    if (!st)
        st = agree(run,
                   describe_nodes(comm, run->rank, run->threads, env, &run->oversubscribed, msg),
                   msg);
    int binding = 0;
    unsigned bound_cores = 0;
    if (!st)
        st = agree(run, mpi_binding(comm, run->rank, run->threads, &binding, &bound_cores, msg),
                   msg);
    if (st)
        return st;
    env->openmp[0] = env->openmp_runtime[0] = '\0';
    if (run->threads > 1) {
        ps_env_openmp_version(_OPENMP, env->openmp, sizeof env->openmp);
        ps_openmp_runtime(env->openmp_runtime, sizeof env->openmp_runtime);
    }
    run->size = opt->size ? opt->size : opt->workload->info->default_size;
    if ((st = agree(run, node_memory(comm, run->rank, run, msg), msg)))
        return st;
    ps_record rec = {0}; /* read below even where the run stopped before filling it */
    FILE *notes = run->rank == 0 && !opt->quiet ? ps_sink_notes(sink) : NULL;
    st = ps_bench_run(&model, run, env, notes, &rec, msg);
    rec.binding = ps_binding_text(binding);
    rec.bound_cores = bound_cores;
    if (plan && st == PS_FAILED && rec.verified)
        st = PS_OK;
    if (run->rank == 0 && (st == PS_OK || st == PS_FAILED) && rec.model) {
        ps_msg emsg;
        ps_status est = ps_sink_emit(sink, &rec, &emsg);
        if (est && !st) {
            st = est;
            *msg = emsg;
        }
    }
    ps_record_release(&rec);
    return agree(run, st, msg);
}

/* The threads level to ask MPI for: MPI_THREAD_FUNNELED where ranks may run threads (--threads,
 * else OMP_NUM_THREADS, above 1: only a rank's main thread calls MPI, its threads compute between
 * the calls), else MPI_THREAD_SINGLE, which costs Open MPI less: its 8 B latency here was 0.13 us
 * single, 0.19 us funneled. A glance before MPI_Init, which must come first; the options are
 * parsed strictly afterwards. */
static int threads_level(int argc, char **argv)
{
    const char *threads = NULL;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
            threads = argv[i + 1];
        else if (strncmp(argv[i], "--threads=", 10) == 0)
            threads = argv[i] + 10;
    uint64_t n = 1;
    ps_msg ignored; /* a bad value is told after MPI_Init, by ps_cli_parse, on every rank */
    ps_status st = threads ? ps_parse_uint("--threads", threads, 1, PS_MAX_WORKERS, &n, &ignored)
                           : ps_openmp_env_threads(PS_MAX_WORKERS, &n, &ignored);
    return st == PS_OK && n > 1 ? MPI_THREAD_FUNNELED : MPI_THREAD_SINGLE;
}

/* The points: the command line's one, or the plan's, every one checked on every rank before any
 * runs. */
typedef struct points {
    const ps_options *each;
    const unsigned *lines; /* a plan's: each point's line in the file */
    size_t n;
} points;

static ps_status load_points(ps_run *run, int argc, char **argv, ps_plan *plan, points *p,
                             ps_msg *msg)
{
    const ps_options *opt = run->opt;
    *p = (points){.each = opt, .n = 1};
    ps_status st = PS_OK;
    if (opt->plan) {
        char *text = NULL;
        size_t len = 0;
        st = share_plan(run, opt->plan, &text, &len, msg);
        if (!st)
            st = agree(
                run, ps_plan_parse(text, len, argc, argv, PS_MODEL_MPI, workloads, plan, msg), msg);
        *p = (points){.each = plan->points, .lines = plan->lines, .n = plan->n};
    }
    for (size_t i = 0; !st && i < p->n; i++) {
        ps_msg why;
        st = ps_cli_validate(&p->each[i], run->ranks, &why);
        if (st && opt->plan)
            ps_fail(msg, st, "--plan: line %u: %s", p->lines[i], why.text);
        else if (st)
            *msg = why;
    }
    st = agree(run, st, msg);
    for (size_t i = 0; !st && opt->check && run->rank == 0 && i < p->n; i++)
        printf("checked: %s %s at %u ranks x %llu threads\n", p->each[i].workload->info->name,
               p->each[i].workload->variants[p->each[i].variant], run->ranks,
               (unsigned long long)p->each[i].threads);
    return st;
}

/* A plan runs every point, whatever an earlier one did (its records are kept); each failure is
 * told as it happens, and the exit is the worst. Rank 0 closes the records' sink. */
static ps_status run_points(ps_run *run, const points *p, ps_env *env, ps_sink *sink, ps_msg *msg)
{
    const bool planned = run->opt->plan != NULL;
    ps_status st = PS_OK;
    size_t failed = 0;
    for (size_t i = 0; i < p->n; i++) {
        ps_msg why = {""};
        ps_status pst = run_point(run, &p->each[i], planned, env, sink, &why);
        if (pst && planned && run->rank == 0)
            fprintf(stderr, "parsuite-mpi: --plan line %u: %s\n", p->lines[i], why.text);
        if (pst && !planned)
            *msg = why;
        failed += pst != PS_OK;
        st = ps_status_worst(st, pst);
    }
    if (st && planned)
        ps_fail(msg, st, "%zu of the plan's %zu points failed (the lines above say why)", failed,
                p->n);
    if (run->rank == 0) {
        ps_msg cmsg;
        ps_status cst = ps_sink_close(sink, &cmsg);
        if (cst && !st) {
            st = cst;
            *msg = cmsg;
        }
    }
    return agree(run, st, msg);
}

/* The launcher's rank of this process, read from its environment (Open MPI, PMIx, MPICH's PMI,
 * Slurm), 0 when started alone. */
static int launcher_rank(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK",
                                       "SLURM_PROCID"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strcmp(v, "0") != 0;
    }
    return 0;
}

/* --help, --version and --list need no MPI: answered before MPI_Init, so that they work on a login
 * node where MPI cannot start (and help2man's man page is built without it), by the first rank
 * only when launched. Any other command line, or a bad one (told on every rank after MPI_Init),
 * gives -1: go on. */
static int answer_before_mpi(int argc, char **argv)
{
    ps_options opt;
    ps_msg msg = {""};
    if (ps_cli_parse(argc, argv, PS_MODEL_MPI, workloads, &opt, &msg) != PS_OK ||
        !(opt.help || opt.version || opt.list))
        return -1;
    if (launcher_rank() != 0)
        return 0;
    ps_status st = PS_OK;
    if (opt.list)
        st = ps_cli_list(stdout, PS_MODEL_MPI, workloads, opt.format, &msg);
    else if (opt.help)
        ps_cli_help(stdout, PS_MODEL_MPI, workloads);
    else
        printf("parsuite-mpi %s\n", ps_version());
    if (st)
        fprintf(stderr, "parsuite-mpi: %s\n", msg.text);
    return (int)st;
}

int main(int argc, char **argv)
{
    int early = answer_before_mpi(argc, argv);
    if (early >= 0)
        return early;
    int wanted = threads_level(argc, argv), provided = MPI_THREAD_SINGLE;
    MPI_Init_thread(&argc, &argv, wanted, &provided);
    provided_level = provided;
    MPI_Comm comm;
    MPI_Comm_dup(MPI_COMM_WORLD, &comm);
    MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
    int rank, size;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    ps_options opt;
    ps_msg msg = {""};
    ps_run run = {.opt = &opt,
                  .workers = (unsigned)size,
                  .ranks = (unsigned)size,
                  .threads = 1,
                  .rank = rank,
                  .comm = &comm};
    ps_status st =
        provided < wanted
            ? ps_fail(&msg, PS_ENV,
                      "this MPI library gives threads level %d (%s); ranks with "
                      "threads need MPI_THREAD_FUNNELED (%d)",
                      provided, provided == MPI_THREAD_SINGLE ? "MPI_THREAD_SINGLE" : "?",
                      MPI_THREAD_FUNNELED)
            : same_command_line(&run, argc, argv, &msg);
    if (st)
        return finish(st, &msg, rank);
    st = ps_cli_parse(argc, argv, PS_MODEL_MPI, workloads, &opt, &msg);
    st = agree(&run, st, &msg); /* from here on every rank takes the same path */
    if (st)
        return finish(st, &msg, rank);
    ps_plan plan = {0};
    points p;
    st = load_points(&run, argc, argv, &plan, &p, &msg);
    ps_env env;
    ps_sink sink = {.fd = -1};
    if (!st && !opt.check)
        st = agree(&run, ps_env_init(&env, &msg), &msg);
    if (!st && !opt.check)
        st = agree(&run, rank == 0 ? ps_sink_open(&sink, &opt, &msg) : PS_OK, &msg);
    if (!st && !opt.check) {
        mpi_provenance(&env);
        env.tick = ps_timer_tick(MPI_Wtime);
        st = run_points(&run, &p, &env, &sink, &msg);
    }
    ps_plan_free(&plan);
    ps_topology_unload();
    MPI_Comm_free(&comm);
    return finish(st, &msg, rank);
}
