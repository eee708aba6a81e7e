/* parsuite-mpi: runs one workload on the ranks of the job (mpirun -np N, srun -n N) and reports one
 * verified record. Every rank parses the same command line and every outcome is agreed on by all
 * ranks, so that a bad option or a failed check ends every rank with the same exit code, the
 * message printed once, and no rank left waiting. */
#include "mpi_run.h"
#include "ps_bench.h"
#include "ps_cli.h"
#include "ps_env.h"
#include "ps_sink.h"
#include "ps_topology.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const ps_workload mpi_squares, mpi_hello, mpi_fill, mpi_factorials, mpi_iobound,
    mpi_cpubound, mpi_errors, mpi_prodcons, mpi_share;
static const ps_workload *const workloads[] = {
    &mpi_squares, &mpi_hello,    &mpi_factorials, &mpi_iobound, &mpi_cpubound,
    &mpi_errors,  &mpi_prodcons, &mpi_share,      &mpi_fill,    NULL};

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
    MPI_Allreduce(&candidate, &owner, 1, MPI_INT, MPI_MIN, comm);
    MPI_Bcast(msg->text, sizeof msg->text, MPI_CHAR, owner, comm);
    return (ps_status)worst;
}

static const ps_model_ops model = {"mpi", MPI_Wtime, sync_ranks, slowest, agree};

/* Hosts (shared-memory nodes), and the cores of the machines under them: hosts that are
 * containers or namespaces of one machine share its cores, so cores are counted once per machine
 * (env->machine) and a machine is oversubscribed when all its hosts' ranks outnumber them. */
static void describe_nodes(MPI_Comm comm, int rank, ps_env *env, bool *oversubscribed)
{
    MPI_Comm node, leaders;
    int local_rank, local_size;
    MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node);
    MPI_Comm_rank(node, &local_rank);
    MPI_Comm_size(node, &local_size);
    MPI_Comm_free(&node);
    const int leader = local_rank == 0;
    int cores = 0, over = 0, nodes = 0, total = 0, any = 0;
    MPI_Comm_split(comm, leader ? 0 : MPI_UNDEFINED, rank, &leaders);
    if (leader) { /* one per host: which hosts share my machine, and their ranks */
        int me, n;
        MPI_Comm_rank(leaders, &me);
        MPI_Comm_size(leaders, &n);
        char(*ids)[sizeof env->machine] = calloc((size_t)n, sizeof *ids);
        int *sizes = calloc((size_t)n, sizeof *sizes), ok = ids && sizes, all_ok = 0;
        int first = me, ranks = local_size; /* without memory to compare: a machine of its own */
        MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, leaders);
        if (all_ok) {
            MPI_Allgather(env->machine, sizeof env->machine, MPI_CHAR, ids, sizeof env->machine,
                          MPI_CHAR, leaders);
            MPI_Allgather(&local_size, 1, MPI_INT, sizes, 1, MPI_INT, leaders);
            ranks = 0;
            for (int h = n - 1; h >= 0; h--)
                if (strcmp(ids[h], ids[me]) == 0)
                    first = h, ranks += sizes[h];
        }
        cores = first == me ? (int)env->cores : 0;
        over = ranks > (int)env->cores;
        free(ids);
        free(sizes);
        MPI_Comm_free(&leaders);
    }
    MPI_Allreduce(&leader, &nodes, 1, MPI_INT, MPI_SUM, comm);
    MPI_Allreduce(&cores, &total, 1, MPI_INT, MPI_SUM, comm);
    MPI_Allreduce(&over, &any, 1, MPI_INT, MPI_MAX, comm);
    env->nodes = (unsigned)nodes;
    env->cores = (unsigned)total;
    *oversubscribed = any;
}

static void library_version(char *buf, size_t len)
{
    char text[MPI_MAX_LIBRARY_VERSION_STRING];
    int n = 0;
    MPI_Get_library_version(text, &n);
    text[strcspn(text, ",\n")] = '\0'; /* "Open MPI v4.1.4, package: ..." */
    snprintf(buf, len, "%.*s", (int)len - 1, text);
}

static int finish(ps_status st, const ps_msg *msg, int rank)
{
    if (st && rank == 0)
        fprintf(stderr, "parsuite-mpi: %s\n", msg->text);
    MPI_Finalize();
    return (int)st;
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    MPI_Comm comm;
    MPI_Comm_dup(MPI_COMM_WORLD, &comm);
    MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
    int rank, size;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    ps_options opt;
    ps_msg msg = {""};
    ps_run run = {.opt = &opt, .workers = (unsigned)size, .rank = rank, .comm = &comm};
    ps_status st = ps_cli_parse(argc, argv, PS_MODEL_MPI, workloads, &opt, &msg);
    if (!st && !opt.help && !opt.version)
        st = ps_cli_validate(&opt, (unsigned)size, &msg);
    st = agree(&run, st, &msg);
    if (!st && opt.check && rank == 0)
        printf("checked: %s %s at %d ranks\n", opt.workload->name,
               opt.workload->variants[opt.variant], size);
    if (st || opt.check)
        return finish(st, &msg, rank);
    if (opt.help || opt.version) {
        if (rank == 0 && opt.help)
            ps_cli_help(stdout, PS_MODEL_MPI, workloads);
        else if (rank == 0)
            printf("parsuite-mpi %s\n", ps_version());
        return finish(PS_OK, &msg, rank);
    }
    ps_env env;
    ps_sink sink = {.fd = -1};
    st = agree(&run, ps_env_init(&env, &msg), &msg);
    if (!st)
        st = agree(&run, rank == 0 ? ps_sink_open(&sink, &opt, &msg) : PS_OK, &msg);
    if (st)
        return finish(st, &msg, rank);
    describe_nodes(comm, rank, &env, &run.oversubscribed);
    library_version(env.mpi, sizeof env.mpi);
    run.size = opt.size ? opt.size : opt.workload->default_size;
    ps_record rec;
    FILE *notes = rank == 0 && !opt.quiet ? ps_sink_notes(&sink) : NULL;
    st = ps_bench_run(&model, &run, &env, notes, &rec, &msg);
    if (rank == 0 && (st == PS_OK || st == PS_FAILED)) {
        ps_msg emsg;
        ps_status est = ps_sink_emit(&sink, &rec, &emsg);
        if (est && !st) {
            st = est;
            msg = emsg;
        }
    }
    if (rank == 0) {
        ps_msg cmsg;
        ps_status cst = ps_sink_close(&sink, &cmsg);
        if (cst && !st) {
            st = cst;
            msg = cmsg;
        }
    }
    st = agree(&run, st, &msg);
    ps_topology_unload();
    MPI_Comm_free(&comm);
    return finish(st, &msg, rank);
}
