#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# expect_metrics.sh "COLUMNS" -- COMMAND...: COMMAND (given --format json) prints JSON Lines
# records; every one must hold each metric column in COLUMNS as a number, read by jq as the
# issue's one-liner does, and every other metric column (latency_us, bandwidth_gbs, ns_per_op,
# worker_mib) as null, never a 0 standing for "not measured". The records of a series (message_bytes set) are
# left to records.series. Skips (77) without jq.
set -u
want=$1
shift
[ "$1" = -- ] && shift
command -v jq >/dev/null || { echo "skipped: no jq (apt-get install jq)"; exit 77; }
out=$("$@" --format json --quiet) || { echo "FAIL: $* exited $?"; exit 1; }
[ -n "$out" ] || { echo "FAIL: no records"; exit 1; }
for column in latency_us bandwidth_gbs ns_per_op worker_mib; do
	type=null
	[[ " $want " != *" $column "* ]] || type=number
	bad=$(jq -r --arg c "$column" --arg t "$type" 'select(.message_bytes == null and (.[$c] | type) != $t) | "\(.workload) \(.variant) at \(.workers): \($c) is \(.[$c] | tojson)"' <<<"$out") ||
		{ echo "FAIL: jq could not read the records: $out"; exit 1; }
	[ -z "$bad" ] || { echo "FAIL: $column should be a $type: $bad"; exit 1; }
done
jq -c 'select(.message_bytes == null) | {workload, variant, workers, latency_us, bandwidth_gbs, ns_per_op, worker_mib}' <<<"$out"
