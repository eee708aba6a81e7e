#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# kill_rank.sh BUILD [VICTIM]: a fault in the middle of an MPI run. Starts 4 ranks on a long
# iobound run, kills rank VICTIM (default 2) with SIGKILL once every rank is working, and checks
# that the job ends non-zero within 10 s, that the launcher says so (naming the killed rank, where
# it is Open MPI), and that no process of the job is left.
set -u -m
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: kill_rank.sh BUILD [VICTIM]} victim=${2:-2}
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
dir=$(mktemp -d)
trap 'kill -KILL $(ps_pids_holding "$dir") 2>/dev/null; rm -rf "$dir"' EXIT
fail() {
	echo "FAIL: $*"
	tail -n 20 "$dir/err"
	exit 1
}
read -ra launch <<<"$(ps_mpirun 4)"
# --output in $dir marks the job's processes; 400 file tasks of 100 ms on 4 ranks take 10 s
"${launch[@]}" "$build/mpi/parsuite-mpi" iobound --variant file --tasks 400 --latency-us 100000 --repeat 1 \
	--warmup 0 --output "$dir/r.csv" >"$dir/out" 2>"$dir/err" </dev/null &
job=$!
pid=""
for _ in $(seq 300); do # the victim's pid, from the rank its launcher put in its environment
	for p in $(ps_pids_holding parsuite-mpi "$dir"); do # (Open MPI: OMPI_COMM_WORLD_RANK; MPICH: PMI_RANK)
		if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -Eqx "(OMPI_COMM_WORLD|PMI)_RANK=$victim"; then
			pid=$p
		fi
	done
	[ -z "$pid" ] || [ "$(ps_pids_holding parsuite-mpi "$dir" | wc -l)" -lt 4 ] || break
	sleep 0.1
done
[ -n "$pid" ] || fail "rank $victim never started"
sleep 1 # every rank inside the timed run
kill -KILL "$pid"
t0=$(date +%s.%N)
wait "$job"
rc=$?
took=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
[ "$rc" -ne 0 ] || fail "the job exited 0 after rank $victim was killed"
awk -v t="$took" 'BEGIN { exit !(t <= 10) }' || fail "the job took $took s to end"
# Open MPI's message names the killed rank; MPICH's (on stdout) names one pid of the job, not
# always the killed one's, so there the message is only shown. Open MPI 5 breaks its line inside
# the message.
cat "$dir/out" >>"$dir/err"
named="rank $victim .*(signal 9|Killed)"
[ "$(ps_mpi_library)" = openmpi ] || named="BAD TERMINATION|signal 9"
tr '\n' ' ' <"$dir/err" | grep -Eq "$named" || fail "the launcher did not report rank $victim's death"
sleep 0.5
left=$(ps_pids_holding parsuite-mpi "$dir")
[ -z "$left" ] || fail "processes left: $left"
[ ! -s "$dir/r.csv" ] || fail "a record was written by a job that lost a rank"
echo "ok: SIGKILL of rank $victim: exit $rc after $took s; $(grep -Em 1 "$named" "$dir/err" | sed 's/^[ =]*//')"
