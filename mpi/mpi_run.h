/* SPDX-License-Identifier: BSD-3-Clause */
/* What the MPI workloads share: the run's communicator and turning MPI error codes (the
 * communicator's handler is MPI_ERRORS_RETURN) into parsuite statuses with a message. */
#ifndef MPI_RUN_H
#define MPI_RUN_H

#include "ps_workload.h"

#include <mpi.h>

/* CPU sets as bit masks MPI can reduce: 4096 CPUs (no node has more yet). */
enum { NMASK = 64 };

static inline MPI_Comm mpi_comm(const ps_run *run)
{
    return *(const MPI_Comm *)run->comm;
}

/* PS_OK for MPI_SUCCESS, else PS_ENV with "what: MPI's own words". */
static inline ps_status mpi_ok(int rc, const char *what, ps_msg *msg)
{
    if (rc == MPI_SUCCESS)
        return PS_OK;
    char text[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, text, &len);
    return ps_fail(msg, PS_ENV, "%s: %.*s", what, len, text);
}

#endif
