/* SPDX-License-Identifier: BSD-3-Clause */
#include "mpi_provenance.h"

#include "mpi_run.h"
#include "ps_binding.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void append(char *buf, size_t len, const char *name, const char *value)
{
    size_t used = strlen(buf);
    if (*value && used < len)
        snprintf(buf + used, len - used, "%s%s=%s", used ? " " : "", name, value);
}

/* Open MPI's MCA parameters of these names, as MPI_T reads them (none under MPICH). */
static void transport_cvars(char *buf, size_t len)
{
    static const char *const wanted[] = {"pml", "btl", "mtl"};
    int provided, n = 0;
    if (MPI_T_init_thread(MPI_THREAD_SINGLE, &provided) != MPI_SUCCESS)
        return;
    MPI_T_cvar_get_num(&n);
    for (int i = 0; i < n; i++) {
        char name[64], desc[1024], value[4096] = "";
        int name_len = sizeof name, desc_len = sizeof desc, verbosity, binding, scope, count;
        MPI_Datatype type;
        MPI_T_enum enumtype;
        if (MPI_T_cvar_get_info(i, name, &name_len, &verbosity, &type, &enumtype, desc, &desc_len,
                                &binding, &scope) != MPI_SUCCESS ||
            type != MPI_CHAR || binding != MPI_T_BIND_NO_OBJECT)
            continue;
        for (size_t w = 0; w < sizeof wanted / sizeof wanted[0]; w++) {
            MPI_T_cvar_handle handle;
            if (strcmp(name, wanted[w]) != 0 ||
                MPI_T_cvar_handle_alloc(i, NULL, &handle, &count) != MPI_SUCCESS)
                continue;
            if (count > 0 && (size_t)count <= sizeof value)
                MPI_T_cvar_read(handle, value);
            value[sizeof value - 1] = '\0';
            MPI_T_cvar_handle_free(&handle);
            append(buf, len, name, value);
        }
    }
    MPI_T_finalize();
}

void mpi_provenance(ps_env *env)
{
    char text[MPI_MAX_LIBRARY_VERSION_STRING];
    int n = 0;
    MPI_Get_library_version(text, &n);
    text[strcspn(text, ",\n")] = '\0'; /* "Open MPI v4.1.4, package: ..." */
    snprintf(env->mpi, sizeof env->mpi, "%.*s", (int)sizeof env->mpi - 1, text);
    env->mpi_settings[0] = '\0';
    transport_cvars(env->mpi_settings, sizeof env->mpi_settings);
    /* The transport and placement settings a user gives; not what mpirun sets for itself (its
     * daemon's address, a key new every run). */
    static const char *const prefixes[] = {"OMPI_MCA_pml",
                                           "OMPI_MCA_btl",
                                           "OMPI_MCA_mtl",
                                           "OMPI_MCA_osc",
                                           "OMPI_MCA_coll",
                                           "OMPI_MCA_hwloc_base_binding",
                                           "OMPI_MCA_rmaps_base_mapping",
                                           "MPIR_CVAR_",
                                           "FI_",
                                           "UCX_"};
    for (char **e = environ; *e; e++)
        for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
            const char *eq = strchr(*e, '=');
            char name[64];
            if (strncmp(*e, prefixes[p], strlen(prefixes[p])) != 0 || !eq ||
                (size_t)(eq - *e) >= sizeof name)
                continue;
            snprintf(name, sizeof name, "%.*s", (int)(eq - *e), *e);
            const char *shown = strncmp(name, "OMPI_MCA_", 9) == 0 ? name + 9 : name; /* as MPI_T */
            char key[80];
            snprintf(key, sizeof key, "%s=", shown);
            if (!strstr(env->mpi_settings, key))
                append(env->mpi_settings, sizeof env->mpi_settings, shown, eq + 1);
        }
    ps_env_one_line(env->mpi_settings);
}

ps_status mpi_binding(MPI_Comm comm, int rank, unsigned threads, int *state, unsigned *cores,
                      ps_msg *msg)
{
    hwloc_bitmap_t cpus = hwloc_bitmap_alloc();
    unsigned long mine[NMASK] = {0}, host[NMASK];
    int probed = cpus ? ps_binding_probe(threads, cpus) : 0, local_rank = 0;
    unsigned counted = 0;
    if (cpus)
        hwloc_bitmap_to_ulongs(cpus, NMASK, mine);
    MPI_Comm node = MPI_COMM_NULL;
    ps_status st =
        mpi_ok(MPI_Allreduce(&probed, state, 1, MPI_INT, MPI_BOR, comm), "MPI_Allreduce", msg);
    if (!st)
        st = mpi_ok(MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node),
                    "MPI_Comm_split_type", msg);
    if (!st) {
        MPI_Comm_rank(node, &local_rank);
        st = mpi_ok(MPI_Allreduce(mine, host, NMASK, MPI_UNSIGNED_LONG, MPI_BOR, node),
                    "MPI_Allreduce", msg);
        MPI_Comm_free(&node);
    }
    if (!st && local_rank == 0 && cpus) {
        hwloc_bitmap_from_ulongs(cpus, NMASK, host);
        counted = ps_binding_cores(cpus);
    }
    if (!st)
        st = mpi_ok(MPI_Allreduce(&counted, cores, 1, MPI_UNSIGNED, MPI_SUM, comm), "MPI_Allreduce",
                    msg);
    hwloc_bitmap_free(cpus);
    return st;
}
