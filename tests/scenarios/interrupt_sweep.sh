#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# interrupt_sweep.sh BUILD SIGNAL: starts jobs/local.sh on BUILD, sends SIGNAL (INT, TERM, or HUP
# as a closed terminal does) once some points are done, and checks: the sweep stops (exit 128 +
# the signal) saying how to resume; the results hold whole records only, the same in CSV and JSON
# Lines; the report was made from them; `--resume DIR` then runs only the missing points, ending
# with every point exactly once.
set -u -m # -m: the sweep gets its own process group, and SIGINT is not ignored as in a
#           background job without job control
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
build=${1:?usage: interrupt_sweep.sh BUILD INT|TERM|HUP} sig=${2:?usage: interrupt_sweep.sh BUILD INT|TERM|HUP}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export PARSUITE_BUILD=$build PARSUITE_SKIP_PACKAGES=1
sweep=(--quick --models "omp,mpi" --workloads "hello,iobound" --out "$dir/r")
# hello: 4 OpenMP + 4 MPI points; iobound: 3 OpenMP variants x 4 + 1 MPI variant (quick) x 4;
# both run ranks of threads too: each total up to twice the cores split into ranks x 2, 4, ...
# threads (jobs/local.sh's splits: on 2 cores 1x2, 2x2, 1x4)
splits=0
for w in 2 4 8; do
	[ "$w" -gt $((2 * $(nproc))) ] || for ((t = 2; t <= w; t *= 2)); do splits=$((splits + 1)); done
done
want=$((24 + 2 * splits))
[ -x "$build/mpi/parsuite-mpi" ] || want=16 # built without MPI: the OpenMP points only
fail() {
	echo "FAIL: $*"
	tail -n 15 "$dir/err"
	exit 1
}
points() { # model|workload|variant|ranks|threads of every record, one per line
	awk -f "$top/jobs/csv2tsv.awk" "$dir/r/results.csv" | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		NF != length(c) { print "bad record " NR; next }
		{ print $c["model"] "|" $c["workload"] "|" $c["variant"] "|" $c["ranks"] "|" $c["threads"] }'
}

"$top/jobs/local.sh" "${sweep[@]}" >"$dir/out" 2>"$dir/err" &
pid=$!
for _ in $(seq 600); do # until a few points are done, 60 s at most
	[ "$(wc -l 2>/dev/null <"$dir/r/results.csv" || echo 0)" -lt 7 ] || break
	sleep 0.1
done
kill "-$sig" "$pid"
t0=$SECONDS
wait "$pid"
rc=$?
want_rc=$((128 + $(kill -l "$sig"))) # 130, 143, 129
[ "$rc" -eq "$want_rc" ] || fail "exit $rc after SIG$sig, expected $want_rc"
[ $((SECONDS - t0)) -le 10 ] || fail "took $((SECONDS - t0)) s to stop"
grep -q "interrupted (SIG$sig).*--resume $dir/r" "$dir/err" || fail "no resume hint"
[ -n "$(ps_pids_holding parsuite- "$dir")" ] && fail "processes of the sweep are left"
kept=$(points)
n=$(grep -c . <<<"$kept")
grep -q "^bad record" <<<"$kept" && fail "a cut record: $kept"
[ "$n" -lt "$want" ] || fail "nothing was left to resume ($n records)"
[ "$(wc -l <"$dir/r/results.jsonl")" -eq "$n" ] || fail "CSV and JSON Lines disagree"
grep -q "^# parsuite report" "$dir/r/report.md" || fail "no report from the partial results"
echo "ok: SIG$sig stopped the sweep in $((SECONDS - t0)) s with $n of $want points kept, whole"

"$top/jobs/local.sh" --resume "$dir/r" >"$dir/out" 2>"$dir/err" || fail "--resume exited $?"
grep -q "already done" "$dir/err" || fail "--resume skipped nothing"
all=$(points)
[ "$(grep -c . <<<"$all")" -eq "$want" ] || fail "$(grep -c . <<<"$all") records after --resume, expected $want"
[ "$(sort <<<"$all" | uniq -d | wc -l)" -eq 0 ] || fail "points twice: $(sort <<<"$all" | uniq -d)"
[ "$(wc -l <"$dir/r/results.jsonl")" -eq "$want" ] || fail "JSON Lines has not every record once"
[ ! -e "$dir/r/sweep.args" ] || fail "the finished sweep still offers to resume"
echo "ok: --resume ran the other $((want - n)) points; $want points, each once"
