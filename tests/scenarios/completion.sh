#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# completion.sh BUILD: the bash completion (packaging/completion/parsuite.bash) offers what each
# program says it takes: workloads from --list, each workload's own variants after --variant,
# options from --help (-V and -h among them), the formats of each program, files after --output;
# and for jobs/local.sh its options, never running it for a list it does not have.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: completion.sh BUILD}
# shellcheck source=packaging/completion/parsuite.bash
. "$top/packaging/completion/parsuite.bash"
passed=0 failed=0
offers() { # offers "WANT" WORD...: completing the last WORD offers exactly WANT (sorted words)
	local want=$1 got
	shift
	COMP_WORDS=("$@") COMP_CWORD=$(($# - 1))
	_parsuite
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | xargs)
	if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
		echo "FAIL: completing '$*': '$got', wanted '$want'"
		failed=$((failed + 1))
	fi
}
omp=$build/omp/parsuite-omp
offers "squares" "$omp" sq
offers "--variant" "$omp" squares --vari
offers "$("$omp" --list --format csv | awk -F, '$2 == "squares" { print $3 }' | sort | xargs)" "$omp" squares --variant ""
offers "-V" "$omp" -V
offers "csv json table" "$omp" --format ""
offers "json markdown" "$build/report/parsuite-report" --format ""
offers "--summary" "$build/report/parsuite-report" --summ
cd "$(mktemp -d)" || exit 3
touch results.csv
offers "results.csv" "$omp" --output res
offers "results.csv" "$build/report/parsuite-report" res
if [ -x "$build/mpi/parsuite-mpi" ]; then
	offers "$("$build/mpi/parsuite-mpi" --list --format csv | awk -F, '$2 == "share" { print $3 }' | sort | xargs)" \
		"$build/mpi/parsuite-mpi" share --variant ""
fi
if command -v python3 >/dev/null; then
	offers "processes threads" "$top/python/parsuite-python" --model ""
	offers "factorials" "$top/python/parsuite-python" fac
fi
offers "--quick" "$top/jobs/local.sh" --qui
offers "" "$top/jobs/local.sh" ""
rm -f results.csv
rmdir "$PWD" 2>/dev/null
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
