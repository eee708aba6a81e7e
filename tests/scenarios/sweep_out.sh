#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# sweep_out.sh BUILD: what jobs/local.sh does with its results directory. A second sweep into a
# directory that holds results is refused (exit 2) and changes nothing; --resume counts a point as
# done only if its size and repetitions match the sweep's; a results.csv that is not parsuite's is
# refused, not appended to; a results.jsonl cut short is repaired and said; a directory in use by
# another sweep is refused; sizes are the programs' to check; an --out starting with '-' is a
# name; a variant that cannot run at a worker count is left out with a note while the rest runs;
# --help is the script's own text.
set -u
build=$(cd "${1:?usage: sweep_out.sh BUILD}" && pwd) || exit 2
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/checks.sh
. "$top/tests/lib/checks.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export PARSUITE_BUILD=$build PARSUITE_SKIP_PACKAGES=1
on_fail() { tail -n 5 "$dir/err"; }
records() { echo $(($(wc -l <"$1/results.csv") - 1)); }
sweep=(--quick --models omp --workloads squares --workers "1,2")
rc=0
"$top/jobs/local.sh" "${sweep[@]}" --out "$dir/a" >/dev/null 2>"$dir/err" || rc=$?
check "first sweep: exit $rc" [ "$rc" -eq 0 ]
check "first sweep: $(records "$dir/a") records, expected 8" [ "$(records "$dir/a")" -eq 8 ]
cp "$dir/a/results.csv" "$dir/before.csv"
rc=0
"$top/jobs/local.sh" "${sweep[@]}" --sizes squares=3000 --out "$dir/a" >/dev/null 2>"$dir/err" || rc=$?
check "a second sweep into it: exit $rc, expected 2" [ "$rc" -eq 2 ]
check "a second sweep into it: not one line naming --resume" grep -q "already holds results; finish that sweep with --resume" "$dir/err"
check "a second sweep into it changed the results" cmp -s "$dir/before.csv" "$dir/a/results.csv"
# A resume whose saved options ask for other repetitions: nothing counts as done.
printf '%s\0' "${sweep[@]}" --repeat 4 --steps 1000 >"$dir/a/sweep.args"
rc=0
"$top/jobs/local.sh" --resume "$dir/a" >/dev/null 2>"$dir/err" || rc=$?
check "resume with other repetitions: exit $rc" [ "$rc" -eq 0 ]
check "resume with other repetitions: points counted as done" [ "$(grep -c "already done" "$dir/err")" -eq 0 ]
check "resume with other repetitions: $(records "$dir/a") records, expected 16" [ "$(records "$dir/a")" -eq 16 ]
# A resume with the same options: everything is done, nothing runs.
printf '%s\0' "${sweep[@]}" --repeat 4 --steps 1000 >"$dir/a/sweep.args"
"$top/jobs/local.sh" --resume "$dir/a" >/dev/null 2>"$dir/err"
check "resume with the same options ran points again" grep -q ": 8 points already done" "$dir/err"
# A results.jsonl cut short (kill -9, a full disk): the cut record removed and said, never glued
# onto; and a second sweep of a directory in use (a requeued job beside its first run) refused.
truncate -s -20 "$dir/a/results.jsonl"
printf '%s\0' "${sweep[@]}" --repeat 5 >"$dir/a/sweep.args"
exec {lock}<"$dir/a"
flock "$lock"
rc=0
"$top/jobs/local.sh" --resume "$dir/a" >/dev/null 2>"$dir/err" || rc=$?
check "a sweep of a directory in use: exit $rc, expected 2" [ "$rc" -eq 2 ]
check "a sweep of a directory in use: not said" grep -q "is in use by another sweep" "$dir/err"
exec {lock}<&-
rc=0
"$top/jobs/local.sh" --resume "$dir/a" >/dev/null 2>"$dir/err" || rc=$?
check "resume after a cut JSON Lines record: exit $rc" [ "$rc" -eq 0 ]
check "the cut record was not said" grep -q "results.jsonl' was cut short: removed" "$dir/err"
check "the JSON Lines are not whole after the resume" "$build/report/parsuite-report" "$dir/a/results.jsonl" --output /dev/null
# Sizes are checked by the program that runs them, never by shell arithmetic (which wraps).
for size in 18446744074e9 5000000000; do
	rc=0
	"$top/jobs/local.sh" "${sweep[@]}" --sizes "squares=$size" --out "$dir/big" >/dev/null 2>"$dir/err" || rc=$?
	check "--sizes squares=$size: exit $rc, expected 2" [ "$rc" -eq 2 ]
	check "--sizes squares=$size: not named: $(cat "$dir/err")" grep -q "squares=$size: .*too large" "$dir/err"
	check "--sizes squares=$size: a directory was made" [ ! -e "$dir/big" ]
done
# An --out that starts with a dash is a name, not an option of anything the sweep runs.
rc=0
(cd "$dir" && "$top/jobs/local.sh" --quick --models omp --workloads hello --workers 1 --out -dash) >/dev/null 2>"$dir/err" || rc=$?
check "--out -dash: exit $rc" [ "$rc" -eq 0 ]
check "--out -dash: no report" [ -s "$dir/-dash/report.md" ]
# A results.csv that is not parsuite's.
mkdir "$dir/b"
printf 'name,value\nx,1\n' >"$dir/b/results.csv"
printf '%s\0' "${sweep[@]}" >"$dir/b/sweep.args"
rc=0
"$top/jobs/local.sh" --resume "$dir/b" >/dev/null 2>"$dir/err" || rc=$?
check "a foreign results.csv: exit $rc, expected 2" [ "$rc" -eq 2 ]
check "a foreign results.csv was appended to" [ "$(cat "$dir/b/results.csv")" = "$(printf 'name,value\nx,1')" ]
# A variant that cannot run at a worker count (a ring needs as many producers as consumers).
rc=0
"$top/jobs/local.sh" --quick --models omp --workloads prodcons --workers 1,3 --out "$dir/c" >/dev/null 2>"$dir/err" || rc=$?
check "ring at 3 threads: exit $rc" [ "$rc" -eq 0 ]
check "ring at 3 threads: no note" grep -q "not run: omp prodcons ring at 3 threads" "$dir/err"
check "ring at 3 threads: $(records "$dir/c") records, expected 7" [ "$(records "$dir/c")" -eq 7 ] # critical, lock, unsafe at 1 and 3; ring at 1
"$top/jobs/local.sh" --help >"$dir/help"
check "--help ends with the script's text" [ "$(tail -n 1 "$dir/help" | grep -c shellcheck)" -eq 0 ]
checks_done
