#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# slurm_nodes.sh BUILD: a private Slurm of 3 nodes (jobs/slurm/local-cluster.sh start DIR 3 2:16:2:
# three hosts of 2 sockets x 16 cores x 2 hardware threads each, simulated) runs the batch scripts
# across them with srun: hybrid.sbatch on 3 nodes x 2 tasks x 2 CPUs, mpi.sbatch on 3 nodes x 2
# tasks, and array.sbatch's tasks on whichever nodes Slurm picks. Every job must write only
# verified records and a report; the hybrid job's placement map (hello, first in its log) must
# show ranks 0-1 on the first node, 2-3 on the second, 4-5 on the third, 2 threads each, and the
# MPI job's records must name 3 nodes. Skips (77) without root or Slurm's packages.
# It runs in namespaces of its own (mount, PID), which die with it, whatever signal ends it: with
# them the nodes' daemons, their network namespaces (/run/netns and /etc/netns are private) and
# the cluster's directory (a tmpfs on /mnt).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: slurm_nodes.sh BUILD}
[ "$(id -u)" -eq 0 ] || { echo "skipped: starting munged and slurmd needs root"; exit 77; }
for tool in munged slurmctld slurmd sbatch ip nsenter unshare setpriv; do
	command -v "$tool" >/dev/null || { echo "skipped: no $tool (apt-get install slurmctld slurmd slurm-client munge iproute2 util-linux)"; exit 77; }
done
cluster=$top/jobs/slurm/local-cluster.sh
if [ -z "${PS_SLURM_NODES:-}" ]; then
	inner=""
	trap '[ -z "$inner" ] || kill -KILL "$inner" 2>/dev/null; wait' EXIT
	trap 'exit 130' INT TERM HUP
	# unshare dies when this script does (--pdeathsig, even by SIGKILL), and everything inside with it.
	PS_SLURM_NODES=1 setpriv --pdeathsig KILL -- unshare --mount --propagation private --pid --fork \
		--kill-child --mount-proc "$0" "$@" &
	inner=$!
	wait "$inner"
	rc=$? inner=""
	exit "$rc"
fi
# The cluster's shared disk, on /mnt, private to these namespaces (not under /tmp: each node has a
# /tmp of its own).
dir=/mnt/slurm-nodes
mkdir -p /run/netns /etc/netns /mnt || exit 3
for private in /mnt /run/netns /etc/netns; do
	mount -t tmpfs -o mode=0755 parsuite-nodes "$private" || { echo "cannot mount a tmpfs on $private"; exit 3; }
done
mkdir "$dir" || exit 3
# The tree and the build, seen by every node at paths outside /tmp (a build under /tmp, as in a
# clean clone there, would be hidden by the nodes' own /tmp).
mkdir "$dir/src" "$dir/build" && mount --bind "$top" "$dir/src" && mount --bind "$build" "$dir/build" || exit 3
top=$dir/src build=$dir/build cluster=$dir/src/jobs/slurm/local-cluster.sh
trap '"$cluster" stop "$dir" >/dev/null 2>&1' EXIT
"$cluster" start "$dir" 3 2:16:2 >/dev/null || { echo "FAIL: Slurm's 3 nodes did not start"; exit 1; }
cd "$top" || exit 1
# The simulated hosts reach each other by TCP only (as jobs/multihost.sh's mpirun says too).
workloads=hello,squares btl=tcp,vader,self
submit=("$cluster" run "$dir" env PARSUITE_BUILD="$build" PARSUITE_QUICK=1 PARSUITE_WORKLOADS="$workloads"
	PARSUITE_RESULTS="$dir/results" OMPI_MCA_pml=ob1 OMPI_MCA_osc=^ucx OMPI_MCA_btl="$btl"
	sbatch --parsable --wait --chdir="$top")
passed=0 failed=0
verified() { # verified ID: only verified records and a report, in the results of job ID
	local out=$dir/results/slurm-$1 bad
	bad=$(awk -f "$top/jobs/csv2tsv.awk" "$out/results.csv" 2>/dev/null | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["verified"] != "yes" { print "not verified: " $c["model"] " " $c["workload"] " " $c["variant"] " at " $c["workers"] }
		END { if (NR < 2) print "no records" }')
	[ -n "$bad" ] || grep -q "^# parsuite report" "$out/report.md" 2>/dev/null || bad="no report"
	echo "$bad"
}
result() { # result NAME PROBLEMS
	if [ -z "$2" ]; then
		echo "ok: $1"
		passed=$((passed + 1))
	else
		echo "FAIL: $1: $2"
		tail -n 20 "$dir"/*.out 2>/dev/null
		failed=$((failed + 1))
	fi
}

hosts=$(awk '{ print $2 }' "$dir/hosts/hosts" | tr '\n' ' ')
read -ra host <<<"$hosts"
if id=$("${submit[@]}" --nodes=3 --ntasks-per-node=2 --cpus-per-task=2 --output="$dir/hybrid-%j.out" jobs/slurm/hybrid.sbatch); then
	problems=$(verified "$id")
	for rank in 0 1 2 3 4 5; do
		want=${host[rank / 2]}
		for thread in 0 1; do
			grep -q "^Hello from rank $rank thread $thread (worker $((2 * rank + thread)) of 12): pid [0-9]*, host $want," "$dir/hybrid-$id.out" ||
				problems+=" rank $rank thread $thread not on $want in the placement map;"
		done
	done
	result "hybrid.sbatch on 3 nodes x 2 ranks x 2 threads (job $id): $(grep -c "^Hello from" "$dir/hybrid-$id.out") threads placed, ranks 0-1 on ${host[0]}, 2-3 on ${host[1]}, 4-5 on ${host[2]}" "$problems"
else
	result "hybrid.sbatch on 3 nodes" "the job or its submission failed"
fi
if id=$("${submit[@]}" --nodes=3 --ntasks=6 --ntasks-per-node=2 --output="$dir/mpi-%j.out" jobs/slurm/mpi.sbatch); then
	problems=$(verified "$id")
	nodes=$(awk -f "$top/jobs/csv2tsv.awk" "$dir/results/slurm-$id/results.csv" 2>/dev/null | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $c["ranks"] == 6 { print $c["nodes"] }' | sort -u)
	[ "$nodes" = 3 ] || problems+=" records at 6 ranks name '${nodes//$'\n'/,}' nodes, not 3"
	result "mpi.sbatch on 3 nodes x 2 ranks (job $id): verified, 6 ranks on 3 nodes" "$problems"
else
	result "mpi.sbatch on 3 nodes" "the job or its submission failed"
fi
if id=$("${submit[@]}" --array=0-2 --cpus-per-task=4 --output="$dir/array-%A_%a.out" jobs/slurm/array.sbatch); then
	problems=""
	for task in 0 1 2; do
		p=$(verified "${id}_$task")
		[ -z "$p" ] || problems+=" task $task: $p;"
	done
	result "array.sbatch, 3 tasks (job $id): verified on $(cat "$dir"/array-*.out | grep -o "batch job slurm-[0-9_]* on [^:]*" | awk '{ print $NF }' | sort -u | tr '\n' ' ')" "$problems"
else
	result "array.sbatch" "the job or its submission failed"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
