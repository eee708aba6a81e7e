#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# kill_forked.sh BUILD INT|TERM|KILL|worker NAMED -- ARGS...: parsuite-omp ARGS forks 3 worker
# processes that work far longer than the test waits (switches' ring, create's processes). With a
# signal, the program is sent it; with "worker", its second worker process is killed instead, and
# the program must say so (NAMED, a grep pattern, {pid} standing for that worker's) and exit 3.
# Either way it ends within 10 s and no worker process outlives it.
set -u -m
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/checks.sh
. "$here/../lib/checks.sh"
# shellcheck source=tests/lib/processes.sh
. "$here/../lib/processes.sh"
usage="usage: kill_forked.sh BUILD INT|TERM|KILL|worker NAMED -- ARGS..."
build=${1:?$usage} what=${2:?$usage} named=${3:?$usage}
[ "${4:-}" = -- ] || { echo "$usage" >&2; exit 2; }
shift 4
err=$(mktemp)
"$build/omp/parsuite-omp" "$@" --repeat 1 --warmup 0 >/dev/null 2>"$err" </dev/null &
job=$!
kids=()
trap 'kill -KILL "$job" "${kids[@]}" 2>/dev/null; rm -f "$err"' EXIT
for _ in $(seq 100); do # its 3 forked workers, in the order forked
	read -ra kids <<<"$(cat /proc/"$job"/task/*/children 2>/dev/null)"
	[ "${#kids[@]}" -ge 3 ] && break
	sleep 0.05
done
check "3 worker processes forked (${#kids[@]})" test "${#kids[@]}" -eq 3
sleep 0.5
if [ "$what" = worker ]; then
	kill -KILL "${kids[1]}"
else
	kill "-$what" "$job"
fi
check "the program ended within 10 s" gone_within 100 "$job"
wait "$job"
rc=$?
if [ "$what" = worker ]; then
	check "exit 3, not $rc" test "$rc" -eq 3
	check "the worker named: $(cat "$err")" grep -q "${named//\{pid\}/${kids[1]}}" "$err"
else
	check "ended by SIG$what, not exit $rc" test "$rc" -eq $((128 + $(kill -l "$what")))
fi
check "no worker process left" gone_within 20 "${kids[@]}"
checks_done
