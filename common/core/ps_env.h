/* SPDX-License-Identifier: BSD-3-Clause */
/* Where and how a run happened: the provenance every record carries. */
#ifndef PS_ENV_H
#define PS_ENV_H

#include "ps_status.h"

typedef struct ps_env {
    char host[64];     /* rank 0's host in MPI */
    unsigned nodes;    /* hosts in the run */
    unsigned cores;    /* processing units the workers may use (the allowed set, the process's
                          binding, OpenMP's places), summed over the machines (hwloc) */
    char machine[64];  /* the kernel's boot id: hosts that share it (containers, namespaces)
                          share one machine's cores; the host name where it cannot be read */
    char cpu[64];      /* the processor model (hwloc), rank 0's in MPI */
    double memory_gb;  /* physical memory of rank 0's host, as the OS reports it */
    char compiler[64]; /* "gcc 12.2.0" */
    char flags[128];   /* the build type's compiler flags */
    char openmp[24];   /* "4.5 (201511)"; empty in MPI runs */
    char mpi[96];      /* "Open MPI v4.1.4"; empty in OpenMP runs */
    char job[64];      /* the Slurm or PBS job id, if any */
    char version[16];  /* parsuite's */
    /* What most often moves results, empty where unset or unknown (never guessed): */
    char omp_proc_bind[32], omp_places[64], omp_wait_policy[16], omp_dynamic[8]; /* as set */
    char openmp_runtime[96]; /* the runtime's file as loaded ("/usr/lib/.../libgomp.so.1.0.0") */
    char mpi_settings[160];  /* the MPI library's transport settings ("pml=^ucx btl=self,vader") */
    char commit[24];         /* parsuite's git commit at configure time, "unknown" outside one */
    char build_type[24];     /* "RelWithDebInfo", "Release" */
    char governor[24];       /* the CPU frequency governor of CPU 0, where Linux says */
    double tick;             /* the timer's resolution as measured (ps_timer_tick), seconds */
} ps_env;

/* Fills what one process can know about itself (loads the topology). */
ps_status ps_env_init(ps_env *env, ps_msg *msg);

/* parsuite's version ("0.1.0"). */
const char *ps_version(void);
/* This build: version, flags and build time; ranks of one job must run the same. */
const char *ps_build_id(void);

/* Shows each control character of text as '?', so that a record that holds it stays one line. */
void ps_env_one_line(char *text);

/* "4.5 (201511)" for an _OPENMP value. */
void ps_env_openmp_version(long openmp, char *buf, unsigned len);

#endif
