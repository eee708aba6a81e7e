/* SPDX-License-Identifier: BSD-3-Clause */
/* A preloaded stand-in for an MPI that cannot start (a login node without a working singleton,
 * the wrong MPI installed): MPI_Init and MPI_Init_thread say so and exit 3. The tests preload it
 * to show which command lines of parsuite-mpi need no MPI, and that the others do reach it. */
#include <stdio.h>
#include <unistd.h>

static int refuse(void)
{
    fputs("no_mpi: MPI_Init was called\n", stderr);
    fflush(stderr);
    _exit(3);
}

int MPI_Init(int *argc, char ***argv);
int MPI_Init_thread(int *argc, char ***argv, int required, int *provided);

int MPI_Init(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return refuse();
}

int MPI_Init_thread(int *argc, char ***argv, int required, int *provided)
{
    (void)argc, (void)argv, (void)required, (void)provided;
    return refuse();
}
