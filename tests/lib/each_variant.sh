#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# each_variant.sh PROGRAM WORKLOAD [--model M] [--except V,V] -- COMMAND...: runs COMMAND once for
# every variant of WORKLOAD that PROGRAM lists for model M (variants.sh), with {variant} in its words replaced
# by the variant's name; passes when every run passes. A variant added to a model is tested
# without naming it here.
set -u
here=$(cd "$(dirname "$0")" && pwd)
program=${1:?usage: each_variant.sh PROGRAM WORKLOAD [--except V,V] -- COMMAND...} workload=${2:?}
shift 2
except="" model=""
[ "${1:-}" != --model ] || { model=$2; shift 2; }
[ "${1:-}" != --except ] || { except=",$2,"; shift 2; }
[ "${1:-}" = -- ] || { echo "each_variant.sh: -- COMMAND expected" >&2; exit 2; }
shift
mapfile -t variants < <("$here/variants.sh" "$program" "$workload" "$model" | cut -d' ' -f2)
[ "${#variants[@]}" -gt 0 ] || { echo "FAIL: $program lists no variant of $workload"; exit 1; }
passed=0 failed=0
for v in "${variants[@]}"; do
	[[ "$except" != *",$v,"* ]] || continue
	if "${@//\{variant\}/$v}"; then passed=$((passed + 1)); else
		echo "FAIL: $workload --variant $v"
		failed=$((failed + 1))
	fi
done
echo "$workload: $passed variants passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
