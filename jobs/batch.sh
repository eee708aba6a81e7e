#!/usr/bin/env bash
# batch.sh omp|mpi: the body of parsuite's batch jobs (jobs/slurm/*.sbatch, jobs/pbs/*.pbs), run
# inside a job: from the top of the parsuite tree, or of an installed parsuite from anywhere. It says where the workers landed (hello, in
# the job's log), then runs the sweep of jobs/local.sh for one model at 1, 2, 4, ... workers up
# to what the job was given, into $PARSUITE_RESULTS/<scheduler>-<job id>/ (default results/ in
# the tree, or under the submission directory for an installed parsuite).
# Knobs, from the environment: PARSUITE_WORKERS (a list, e.g. 1,2,4,8), PARSUITE_WORKLOADS,
# PARSUITE_QUICK=1, PARSUITE_REPEAT, PARSUITE_BUILD (a build to use as it is), PARSUITE_RESULTS.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
model=${1:-}
case $model in
omp | mpi) ;;
*) ps_die 2 "batch.sh: unknown model '$model' (omp, mpi)" ;;
esac
export PARSUITE_SKIP_PACKAGES=1 # a compute node installs nothing: build on the login node first
ps_programs "$top"

job=${SLURM_JOB_ID:+slurm-$SLURM_JOB_ID}
[ -z "${SLURM_ARRAY_JOB_ID:-}" ] || job=slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}
job=${job:-${PBS_JOBID:+pbs-${PBS_JOBID%%.*}}}
job=${job:-local-$(date -u +%Y%m%dT%H%M%SZ)}
if [ "$model" = omp ]; then
	max=${SLURM_CPUS_PER_TASK:-${PBS_NUM_PPN:-$(nproc)}}
else
	max=${SLURM_NTASKS:-${PBS_NP:-$(nproc)}}
fi
workers=1
for ((w = 2; w <= max; w *= 2)); do workers+=",$w"; done
workers=${PARSUITE_WORKERS:-$workers}

echo "parsuite $model batch job $job on $(hostname): workers $workers"
if [ "$model" = omp ]; then
	"$PS_OMP" hello --workers "${workers##*,}" --repeat 1 --warmup 0
else
	read -ra launch <<<"$(ps_mpirun "${workers##*,}")"
	"${launch[@]}" "$PS_MPI" hello --repeat 1 --warmup 0
fi
args=(--models "$model" --workers "$workers" --out "${PARSUITE_RESULTS:-$PS_RESULTS}/$job")
[ -z "${PARSUITE_WORKLOADS:-}" ] || args+=(--workloads "$PARSUITE_WORKLOADS")
[ -z "${PARSUITE_QUICK:-}" ] || args+=(--quick)
[ -z "${PARSUITE_REPEAT:-}" ] || args+=(--repeat "$PARSUITE_REPEAT")
exec "$top/jobs/local.sh" "${args[@]}"
