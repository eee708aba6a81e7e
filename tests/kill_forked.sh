#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# kill_switches.sh BUILD INT|TERM|KILL|worker: a ring of 4 processes that parsuite-omp forks
# (switches --variant process) hands a token on far longer than the test waits. With a signal,
# the program is sent it; with "worker", one of its worker processes is killed instead, and the
# program must say which worker ended and exit 3. Either way it ends within 10 s and no worker
# process outlives it.
set -u -m
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/checks.sh
. "$here/lib/checks.sh"
# shellcheck source=tests/lib/processes.sh
. "$here/lib/processes.sh"
build=${1:?usage: kill_switches.sh BUILD INT|TERM|KILL|worker} what=${2:?}
err=$(mktemp)
"$build/omp/parsuite-omp" switches --variant process --workers 4 --size 1e9 --repeat 1 \
	--warmup 0 >/dev/null 2>"$err" </dev/null &
job=$!
kids=()
trap 'kill -KILL "$job" "${kids[@]}" 2>/dev/null; rm -f "$err"' EXIT
for _ in $(seq 100); do # its 3 forked workers, in the order forked (workers 1, 2, 3)
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
	check "worker 2 named: $(cat "$err")" grep -q "switches: worker 2 (pid ${kids[1]}) ended: Killed" "$err"
else
	check "ended by SIG$what, not exit $rc" test "$rc" -eq $((128 + $(kill -l "$what")))
fi
check "no worker process left" gone_within 20 "${kids[@]}"
checks_done
