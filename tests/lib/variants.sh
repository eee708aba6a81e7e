#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# variants.sh PROGRAM [WORKLOAD [MODEL]]: "workload variant", a line each, for every variant PROGRAM
# runs (of WORKLOAD only, if given, and of MODEL only: parsuite-python lists two), from the program's own catalogue (--list): the one list of
# variants, which the tests and the sweep derive from. Demonstrations of a failure (--list: demo,
# a deadlock caught) are not among them: their own tests run them.
set -u
program=${1:?usage: variants.sh PROGRAM [WORKLOAD]}
"$program" --list --format csv | awk -f "$(dirname "$0")/../../jobs/csv2tsv.awk" |
	awk -F'\t' -v only="${2:-}" -v model="${3:-}" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		(only == "" || $2 == only) && (model == "" || $1 == model) && $c["demo"] != "yes" { print $2, $3 }'
