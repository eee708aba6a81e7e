/* SPDX-License-Identifier: BSD-3-Clause */
/* Waiting without starving the rank waited for. When ranks outnumber a node's cores, a rank that
 * waits inside MPI's blocking calls spins on a core that the rank it waits for needs: MPICH then
 * crawls (a shared counter at 4 ranks on 2 cores took 8 s for 1000 requests each). So on an
 * oversubscribed run under a library that does not yield by itself (MPICH; Open MPI does), these
 * poll (MPI_Test, MPI_Iprobe) and give the core away between polls; otherwise they are MPI's own
 * blocking calls, the fastest when every rank has a core. The request/reply patterns (managers,
 * pools, the shared counter) wait through them. */
#ifndef MPI_WAIT_H
#define MPI_WAIT_H

#include "mpi_run.h"

int mpi_wait(const ps_run *run, MPI_Request *req, MPI_Status *status);
/* Every request of the array, each in turn (no MPI_STATUSES_IGNORE: MPICH's headers declare the
 * statuses' size, and gcc warns on the constant). */
int mpi_wait_each(const ps_run *run, int count, MPI_Request *reqs);
int mpi_recv(const ps_run *run, void *buf, int count, MPI_Datatype type, int source, int tag,
             MPI_Status *status);
/* A send that may wait for its receiver (a large message: the rendezvous). */
int mpi_send(const ps_run *run, const void *buf, int count, MPI_Datatype type, int dest, int tag);
int mpi_probe(const ps_run *run, int source, int tag, MPI_Status *status);

#endif
