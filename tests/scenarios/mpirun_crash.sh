#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# mpirun_crash.sh BUILD: an Open MPI mpirun that dies of a signal of its own in the middle of a
# sweep (here SIGSEGV, as Open MPI 4.1.4's mpirun has on SIGTERM) leaves its ranks running and
# its session directory in TMPDIR; the sweep must reap both, say which launch failed, and go on,
# whatever its --out is called.
# Run it under no_litter.sh, which checks that no file is left.
set -u -m
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: mpirun_crash.sh BUILD}
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
[ -x "$build/mpi/parsuite-mpi" ] && [ "$(ps_mpi_library)" = openmpi ] || {
	echo "skip: Open MPI's mpirun only"
	exit 77
}
dir=$(mktemp -d)
# A results directory whose name is full of what a regular expression would read as syntax: the
# ranks are found by an exact mark, so the name is only itself.
out='c++ (r)|[x]'
trap 'kill -KILL $(ps_pids_holding "$dir/") 2>/dev/null; rm -rf "$dir"' EXIT
export PARSUITE_BUILD=$build PARSUITE_SKIP_PACKAGES=1
fail() {
	echo "FAIL: $*"
	tail -n 15 "$dir/err"
	exit 1
}
"$top/jobs/local.sh" --models mpi --workloads iobound --workers 2 --threads 1 --repeat 100 --out "$dir/$out" >"$dir/out" 2>"$dir/err" &
sweep=$!
for _ in $(seq 600); do # until both ranks run, 60 s at most
	[ "$(ps_pids_holding "parsuite-mpi --plan $dir/" | wc -l)" -lt 2 ] || break
	sleep 0.1
done
mpirun=""
for p in $(ps_pids_holding "--plan $dir/"); do # the one whose program is mpirun (Open MPI 5: prterun)
	read -r -d '' program <"/proc/$p/cmdline" && [[ ${program##*/} =~ ^(mpirun|prterun)$ ]] && mpirun=$p
done
[ -n "$mpirun" ] || fail "no mpirun of the sweep running"
[ -n "$(ps_mpirun_sessions "$mpirun")" ] || fail "no session directory of mpirun $mpirun: Open MPI keeps it elsewhere now"
kill -SEGV "$mpirun"
wait "$sweep"
rc=$?
[ "$rc" -ne 0 ] || fail "the sweep exited 0 after its mpirun crashed"
grep -q "exit 139 .*from: .*mpirun" "$dir/err" || fail "the sweep did not name the launch that failed"
left=$(ps_pids_holding "$dir/")
[ -z "$left" ] || fail "processes left: $(ps -o pid=,args= -p "${left//$'\n'/,}")"
echo "ok: the sweep ended $rc after its mpirun crashed, its ranks and session directory reaped"
