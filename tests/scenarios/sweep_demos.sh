#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# sweep_demos.sh BUILD: a sweep of share and crash runs their demonstrations (--list: demo, the
# deadlocks and the crashes) once each at 2 workers, after the rest: the sweep still exits 0, says
# each deadlock failed as it should, keeps their records (unverified, the cycle in the detail), and
# the report's Q6 names the cycles; the crashes' records say what survived, in the report's Q3,
# MPI's crash, which ends its job, is taken for the demonstration it is, and Python's pools (with
# python3) say what they kept: a ProcessPoolExecutor that broke, a Pool that hung, watched.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: sweep_demos.sh BUILD}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export PARSUITE_BUILD=$build PARSUITE_SKIP_PACKAGES=1
fail() {
	echo "FAIL: $*"
	tail -n 15 "$dir/err"
	exit 1
}
models=omp want=1
[ ! -x "$build/mpi/parsuite-mpi" ] || models=omp,mpi want=2
crashes=2
! command -v python3 >/dev/null || models+=,python crashes=5
"$top/jobs/local.sh" --quick --workloads share,crash --workers 2 --models "$models" --out "$dir/r" >/dev/null 2>"$dir/err" ||
	fail "the sweep exited $?"
# crash: what survived in each model, in the report's Q3; MPI's fault ends its job
[ "$(grep -c '"workload":"crash".*"verified":true' "$dir/r/results.jsonl")" -eq "$crashes" ] ||
	fail "not $crashes verified crash records (omp threads, processes; python's three)"
grep -q "^\*\*What a crash takes down.\*\*.* omp threads: the process died: survived 0 of [0-9]" "$dir/r/report.md" ||
	fail "the report's Q3 does not say what the crash took down"
[ "$crashes" -eq 2 ] || grep -q "^\*\*What a crash takes down.\*\*.* python-processes pool: 1 worker process died, the pool forked another and hung" "$dir/r/report.md" ||
	fail "the report's Q3 does not say that Python's Pool hung"
[ "$want" -eq 1 ] || grep -q "mpi crash --variant ranks at 2 ranks: a fault ended the job, as it should" "$dir/err" ||
	fail "the sweep did not take MPI's crash for the demonstration it is"
[ "$(grep -c "share --variant deadlock.*failed as it should\|share deadlock at 2 threads: failed as it should" "$dir/err")" -eq "$want" ] ||
	fail "not $want demonstrations that failed as they should"
unverified=$(grep -c '"variant":"deadlock".*"verified":false.*"detail":"no progress for 1 s: ' "$dir/r/results.jsonl")
[ "$unverified" -eq "$want" ] || fail "$unverified deadlock records with their cycle, expected $want"
[ "$(grep -c '"verified":false' "$dir/r/results.jsonl")" -eq "$want" ] || fail "another record failed"
grep -q "^\*\*A worker that never returns.\*\*.* omp (two locks taken in opposite order): no progress for 1 s: thread" "$dir/r/report.md" ||
	fail "the report's Q6 does not name the cycle"
echo "ok: $want deadlocks watched in a sweep that exited 0, their cycles in the report's Q6"
