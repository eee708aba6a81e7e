#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# python_signal.sh PYTHON PROGRAM: SIGTERM, SIGINT and SIGHUP to parsuite-python mid-run, with a
# pool of threads and one of processes: it exits 128 + the signal and leaves no worker process
# running (its forked workers carry its command line, which names this test's directory).
set -u
py=${1:?usage: python_signal.sh PYTHON PROGRAM} prog=${2:?usage: python_signal.sh PYTHON PROGRAM}
dir=$(mktemp -d)
left() { # the processes whose command line names this test's directory (no procps needed)
	local f
	for f in /proc/[0-9]*/cmdline; do
		[[ $(tr '\0' ' ' <"$f" 2>/dev/null) != *"$dir"* ]] || echo "${f//[^0-9]/}"
	done
}
cleanup() {
	local p
	for p in $(left); do kill -KILL "$p" 2>/dev/null; done
	rm -rf "$dir"
}
trap cleanup EXIT
bad=0
for model in threads processes; do
	for sig in TERM INT HUP; do
		"$py" "$prog" --model "$model" squares --size 2000000 --workers 2 --repeat 1000 --quiet \
			--output "$dir/$model.csv" >/dev/null 2>"$dir/err" &
		pid=$!
		sleep 2 # the pool started and mapping
		kill "-$sig" "$pid"
		for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$pid" 2>/dev/null && { echo "FAIL: SIG$sig to $model: still running 10 s later"; kill -KILL "$pid"; bad=1; }
		wait "$pid"
		rc=$? want=$((128 + $(kill -l "$sig")))
		sleep 0.5
		left=$(left | wc -l)
		if [ "$rc" -ne "$want" ] || [ "$left" -ne 0 ]; then
			echo "FAIL: SIG$sig to $model: exit $rc (expected $want), $left processes left"
			cat "$dir/err"
			bad=1
		else
			echo "ok: SIG$sig to $model: exit $rc, no process left"
		fi
	done
done
exit "$bad"
