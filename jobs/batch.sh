#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# batch.sh omp|mpi|hybrid: the body of parsuite's batch jobs (jobs/slurm/*.sbatch, jobs/pbs/*.pbs),
# run inside a job: from the top of the parsuite tree, or of an installed parsuite from anywhere.
# It prints where the workers landed (hello's placement map, in the job's log), then runs the sweep
# of jobs/local.sh for one model at 1, 2, 4, ... workers and what the job was given, into
# $PARSUITE_RESULTS/<scheduler>-<job id>/ (default results/ in the tree, or under the submission
# directory for an installed parsuite). hybrid: ranks of T threads (T = OMP_NUM_THREADS, else
# the job's CPUs per task), at 1, 2, 4, ... ranks up to the job's tasks.
# Knobs, from the environment: PARSUITE_WORKERS (a list, e.g. 1,2,4,8), PARSUITE_WORKLOADS,
# PARSUITE_QUICK=1, PARSUITE_REPEAT, PARSUITE_BUILD (a build to use as it is), PARSUITE_RESULTS.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
model=${1:-}
case $model in
omp | mpi | hybrid) ;;
*) ps_die 2 "batch.sh: unknown model '$model' (omp, mpi, hybrid)" ;;
esac
export PARSUITE_SKIP_PACKAGES=1 # a compute node installs nothing: build on the login node first
ps_programs "$top"

job=${SLURM_JOB_ID:+slurm-$SLURM_JOB_ID}
[ -z "${SLURM_ARRAY_JOB_ID:-}" ] || job=slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}
job=${job:-${PBS_JOBID:+pbs-${PBS_JOBID%%.*}}}
job=${job:-local-$(date -u +%Y%m%dT%H%M%SZ)}
# The job's tasks: Slurm's, Torque's PBS_NP, PBS Pro's PBS_NODEFILE (a line per rank), else
# $1 (this machine's share).
tasks() {
	if [ -n "${SLURM_NTASKS:-}" ] || [ -n "${PBS_NP:-}" ]; then
		echo "${SLURM_NTASKS:-$PBS_NP}"
	elif [ -n "${PBS_NODEFILE:-}" ] && [ -r "$PBS_NODEFILE" ]; then
		grep -c . "$PBS_NODEFILE"
	else
		echo "$1"
	fi
}
threads=1
if [ "$model" = omp ]; then # a job's CPUs per task (PBS Pro: NCPUS), else this machine's cores
	max=${SLURM_CPUS_PER_TASK:-${NCPUS:-${PBS_NUM_PPN:-$(ps_cores)}}}
elif [ "$model" = mpi ]; then
	max=$(tasks "$(ps_cores)")
else # PBS sets OMP_NUM_THREADS from ompthreads
	threads=${OMP_NUM_THREADS:-${SLURM_CPUS_PER_TASK:-1}}
	[[ $threads =~ ^[1-9][0-9]{0,3}$ ]] || ps_die 2 "batch.sh: OMP_NUM_THREADS: '$threads' is not a thread count"
	cores=$(ps_cores)
	max=$(($(tasks $((cores >= threads ? cores / threads : 1))) * threads))
fi
[[ $max =~ ^[1-9][0-9]{0,6}$ ]] || ps_die 2 "batch.sh: the job's size: '$max' is not a worker count"
workers=$threads
for ((w = 2 * threads; w <= max; w *= 2)); do workers+=",$w"; done
[ "${workers##*,}" -eq "$max" ] || workers+=",$max" # the whole job too (3 nodes: 6 ranks)
workers=${PARSUITE_WORKERS:-$workers}

echo "parsuite $model batch job $job on $(hostname): workers $workers"
if [ "$model" = omp ]; then
	"$PS_OMP" hello --workers "${workers##*,}" --repeat 1 --warmup 0
else
	ranks=$((${workers##*,} / threads))
	read -ra launch <<<"$(ps_mpirun "$ranks" "$threads")"
	"${launch[@]}" "$PS_MPI" hello --threads "$threads" --repeat 1 --warmup 0
fi
args=(--models "${model/hybrid/mpi}" --workers "$workers" --out "${PARSUITE_RESULTS:-$PS_RESULTS}/$job")
[ "$model" != hybrid ] || args+=(--threads "$threads")
[ -z "${PARSUITE_WORKLOADS:-}" ] || args+=(--workloads "$PARSUITE_WORKLOADS")
[ -z "${PARSUITE_QUICK:-}" ] || args+=(--quick)
[ -z "${PARSUITE_REPEAT:-}" ] || args+=(--repeat "$PARSUITE_REPEAT")
exec "$top/jobs/local.sh" "${args[@]}"
