#!/usr/bin/env bash
# python_signal.sh PYTHON PROGRAM: SIGTERM and SIGINT to parsuite-python mid-run, with a pool of
# threads and one of processes: it exits 143 or 130 and leaves no worker process running (its
# forked workers carry its command line, which names this test's directory).
set -u
py=${1:?usage: python_signal.sh PYTHON PROGRAM} prog=${2:?usage: python_signal.sh PYTHON PROGRAM}
dir=$(mktemp -d)
trap 'pkill -KILL -f "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
bad=0
for model in threads processes; do
	for sig in TERM INT; do
		"$py" "$prog" --model "$model" squares --size 2000000 --workers 2 --repeat 1000 --quiet \
			--output "$dir/$model.csv" >/dev/null 2>"$dir/err" &
		pid=$!
		sleep 2 # the pool started and mapping
		kill "-$sig" "$pid"
		wait "$pid"
		rc=$? want=$([ "$sig" = TERM ] && echo 143 || echo 130)
		sleep 0.5
		left=$(pgrep -f "$dir" | wc -l)
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
