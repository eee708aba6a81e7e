#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# agree.sh FILE MODELS
# FILE holds the records of many test runs (CSV). Passes when every record is verified and, for
# each workload and size, every model, variant, worker count and split into ranks x threads
# verified the same result; and when every model named in MODELS (e.g. "omp mpi hybrid": hybrid
# is MPI ranks of more than one thread) contributed records.
set -u
file=$1 models=$2
[ -s "$file" ] || { echo "FAIL: no records in $file"; exit 1; }
awk -f "$(dirname "$0")/../../jobs/csv2tsv.awk" "$file" | awk -F'\t' -v models="$models" '
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
	if ($col["verified"] != "yes") { print "FAIL: unverified: " $0; bad = 1 }
	key = $col["workload"] " size " $col["size"]
	if (key in result && result[key] != $col["result"]) {
		print "FAIL: " key ": \"" $col["result"] "\" (" $col["model"] " " $col["variant"] " " \
		      $col["ranks"] "x" $col["threads"] ") differs from \"" result[key] "\" (" who[key] ")"
		bad = 1
	}
	if (!(key in result)) { result[key] = $col["result"]; who[key] = $col["model"] " " $col["variant"] " " $col["ranks"] "x" $col["threads"] }
	seen[$col["model"]]++; rows++
	if ($col["model"] == "mpi" && $col["threads"] > 1) seen["hybrid"]++
}
END {
	n = split(models, m, " ")
	for (i = 1; i <= n; i++) if (!(m[i] in seen)) { print "FAIL: no records from " m[i]; bad = 1 }
	if (!bad) { for (k in result) print "ok: " k ": " result[k]; print "ok: " rows " records agree" }
	exit bad
}'
