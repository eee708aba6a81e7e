#!/usr/bin/env bash
# variants.sh PROGRAM [WORKLOAD]: "workload variant", a line each, for every variant PROGRAM runs
# (of WORKLOAD only, if given), from the program's own catalogue (--list): the one list of
# variants, which the tests and the sweep derive from.
set -u
program=${1:?usage: variants.sh PROGRAM [WORKLOAD]}
"$program" --list --format csv | awk -f "$(dirname "$0")/../jobs/csv2tsv.awk" |
	awk -F'\t' -v only="${2:-}" 'NR > 1 && (only == "" || $2 == only) { print $2, $3 }'
