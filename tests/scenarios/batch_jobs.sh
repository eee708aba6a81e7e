#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# batch_jobs.sh BUILD: starts a private single-node Slurm (jobs/slurm/local-cluster.sh), submits
# jobs/slurm/omp.sbatch, mpi.sbatch, hybrid.sbatch and array.sbatch with sbatch --wait and
# jobs/pbs/omp.pbs, mpi.pbs and hybrid.pbs with qsub -W block=true (through Slurm's Torque
# wrappers), and checks that every job wrote only verified records and a report, and that the
# hybrid jobs ran ranks of 2 threads and logged their placement map first. Skips (77) where Slurm cannot start: not root, or its
# packages missing.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: batch_jobs.sh BUILD}
[ "$(id -u)" -eq 0 ] || { echo "skipped: starting munged and slurmd needs root"; exit 77; }
for tool in munged slurmctld slurmd sbatch qsub; do
	command -v "$tool" >/dev/null || { echo "skipped: no $tool (apt-get install slurmctld slurmd slurm-client munge slurm-wlm-torque)"; exit 77; }
done
dir=$(mktemp -d)
trap '"$top/jobs/slurm/local-cluster.sh" stop "$dir"; rm -rf "$dir"' EXIT
eval "$("$top/jobs/slurm/local-cluster.sh" start "$dir")" || { echo "FAIL: Slurm did not start"; exit 1; }
export PARSUITE_BUILD=$build PARSUITE_QUICK=1 PARSUITE_WORKLOADS=hello,squares,factorials
export PARSUITE_RESULTS=$dir/results
cd "$top" || exit 1
passed=0 failed=0
check() { # check NAME JOB-ID [THREADS]: the job's records are all verified (of ranks of THREADS
	# threads, and the log has the placement map) and its report is there
	local out=$PARSUITE_RESULTS/slurm-$2 bad
	bad=$(awk -f "$top/jobs/csv2tsv.awk" "$out/results.csv" 2>/dev/null | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["verified"] != "yes" || $c["job"] != job { print "bad record: " $0 }
		threads != "" && ($c["model"] != "mpi" || $c["threads"] != threads) { print "not ranks of " threads " threads: " $0 }
		END { if (NR < 2) print "no records" }' job="$2" threads="${3:-}")
	if [ -n "${3:-}" ] && ! grep -q "^Hello from rank 0 thread $(($3 - 1)) " "$dir"/*"$2"*.out 2>/dev/null; then
		bad+=" no placement map in the log"
	fi
	if [ -z "$bad" ] && grep -q "^# parsuite report" "$out/report.md" 2>/dev/null; then
		echo "ok: $1 (job $2): $(($(wc -l <"$out/results.csv") - 1)) verified records and a report"
		passed=$((passed + 1))
	else
		echo "FAIL: $1 (job $2): ${bad:-no report}"
		cat "$dir"/*.out 2>/dev/null | tail -n 20
		failed=$((failed + 1))
	fi
}
submitted() { # submitted NAME [THREADS] COMMAND...: runs the submission, then checks the job
	local name=$1 id threads=""
	shift
	[[ $1 != [0-9]* ]] || { threads=$1; shift; }
	if id=$("$@"); then
		check "$name" "${id%%;*}" $threads
	else
		echo "FAIL: $name: the job or its submission failed"
		tail -n 20 "$dir"/*.out "$dir"/*.err 2>/dev/null
		failed=$((failed + 1))
	fi
}
submitted omp.sbatch sbatch --parsable --wait -o "$dir/omp-%j.out" jobs/slurm/omp.sbatch
submitted mpi.sbatch sbatch --parsable --wait --overcommit -o "$dir/mpi-%j.out" jobs/slurm/mpi.sbatch
# Ranks of 2 threads: 1 rank a node here (Slurm will not give 2 tasks of 2 CPUs on 2 CPUs, even
# overcommitted).
submitted hybrid.sbatch 2 sbatch --parsable --wait --ntasks-per-node=1 --cpus-per-task=2 -o "$dir/hybrid-%j.out" jobs/slurm/hybrid.sbatch
# The array: one task per thread count, merged by the report program.
if id=$(sbatch --parsable --wait --array=0-2 --cpus-per-task=2 --overcommit -o "$dir/array-%A_%a.out" jobs/slurm/array.sbatch); then
	merged=$dir/merged.md
	if "$PARSUITE_BUILD/report/parsuite-report" --output "$merged" "$PARSUITE_RESULTS/slurm-${id}"_*/results.csv &&
		grep -q "^3 records\|records from 3 files" "$merged" && grep -q "| 4 | omp |" "$merged"; then
		echo "ok: array.sbatch (job $id): 3 tasks merged into one report"
		passed=$((passed + 1))
	else
		echo "FAIL: array.sbatch (job $id): the merged report lacks the 3 tasks' points"
		failed=$((failed + 1))
	fi
else
	echo "FAIL: array.sbatch: the job or its submission failed"
	failed=$((failed + 1))
fi
submitted omp.pbs qsub -W block=true -o "$dir/pbs.out" -e "$dir/pbs.err" jobs/pbs/omp.pbs
if id=$(qsub -W block=true -t 0-1 -l nodes=1:ppn=2 -o "$dir/pbs-array.%A_%a" -e "$dir/pbs-array.err.%A_%a" jobs/pbs/array.pbs) &&
	[ "$(cat "$PARSUITE_RESULTS/slurm-${id%%[^0-9]*}"_*/results.csv 2>/dev/null | grep -c ',omp,squares,')" -ge 8 ]; then
	echo "ok: array.pbs (job $id): both array tasks wrote their records"
	passed=$((passed + 1))
else
	echo "FAIL: array.pbs: the array job or its records"
	failed=$((failed + 1))
fi
submitted mpi.pbs qsub -W block=true -l nodes=1:ppn=2 -o "$dir/pbs-mpi.out" -e "$dir/pbs-mpi.err" jobs/pbs/mpi.pbs
submitted hybrid.pbs 2 qsub -W block=true -o "$dir/pbs-hybrid.%j.out" -e "$dir/pbs-hybrid.err" jobs/pbs/hybrid.pbs
# Every job's log went to $dir: nothing may land in the tree the jobs were submitted from.
strays=$(cd "$top" && git status --porcelain --untracked-files=all 2>/dev/null | grep -E '\.(e|o)[0-9]' | head -n 3)
if [ -n "$strays" ]; then
	echo "FAIL: job logs left in the source tree: $strays"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
