#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# python_ring.sh PYTHON PROGRAM: parsuite-python's ring of 4 processes (switches), one of whose
# worker processes is killed mid-run: the program names it and exits 3 within 10 s, and none of
# its processes (the fork server, the workers) is left.
set -u -m
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/checks.sh
. "$here/../lib/checks.sh"
# shellcheck source=tests/lib/processes.sh
. "$here/../lib/processes.sh"
py=${1:?usage: python_ring.sh PYTHON PROGRAM} prog=${2:?usage: python_ring.sh PYTHON PROGRAM}
err=$(mktemp)
children() { cat /proc/"$1"/task/*/children 2>/dev/null; }
descendants() {
	local p
	for p in $(children "$1"); do
		echo "$p"
		descendants "$p"
	done
}
"$py" "$prog" --model processes switches --workers 4 --size 1000000000 --repeat 1 --warmup 0 \
	>/dev/null 2>"$err" </dev/null &
job=$!
all=() workers=()
trap 'kill -KILL "$job" "${all[@]}" 2>/dev/null; rm -f "$err"' EXIT
for _ in $(seq 100); do # the fork server's children: the ring's 3 worker processes
	read -ra all <<<"$(descendants "$job" | tr '\n' ' ')"
	workers=()
	for p in "${all[@]}"; do
		[ "$(children "$p" | wc -w)" -lt 3 ] || read -ra workers <<<"$(children "$p")"
	done
	[ "${#workers[@]}" -eq 3 ] && break
	sleep 0.1
done
check "3 worker processes started (${#workers[@]})" test "${#workers[@]}" -eq 3
sleep 0.5
kill -KILL "${workers[1]}"
check "the program ended within 10 s" gone_within 100 "$job"
wait "$job"
rc=$?
check "exit 3, not $rc" test "$rc" -eq 3
check "the worker named: $(cat "$err")" grep -q "switches: a worker (pid ${workers[1]}) ended: killed by signal 9" "$err"
check "no process left" gone_within 20 "${all[@]}"
checks_done
