/* SPDX-License-Identifier: BSD-3-Clause */
/* What an MPI run records about the library and the ranks' binding, beside ps_env's own. */
#ifndef MPI_PROVENANCE_H
#define MPI_PROVENANCE_H

#include "ps_env.h"
#include "ps_status.h"

#include <mpi.h>

/* The library's version line, and the transport settings it was given: Open MPI's pml, btl and mtl
 * as MPI_T reads them (from the environment or its parameter files), then the OMPI_MCA_,
 * MPIR_CVAR_, FI_ and UCX_ variables of the environment not already shown. Which component was
 * selected cannot be asked of either library; what it was asked for can. Call after MPI_Init. */
void mpi_provenance(ps_env *env);

/* How every rank's `threads` workers are bound (ps_binding_text's state, over all ranks), and the
 * distinct cores they may use: counted per host, summed over hosts. Collective over comm. */
ps_status mpi_binding(MPI_Comm comm, int rank, unsigned threads, int *state, unsigned *cores,
                      ps_msg *msg);

#endif
