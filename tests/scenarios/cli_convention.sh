#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# cli_convention.sh BUILD: the four programs share one command-line convention. Each answers -h
# as --help and -V as --version; an option's value follows it or an '=' alike; '--' ends the
# options (a word after it is never an option); and its --help lists what the README shows of it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/checks.sh
. "$top/tests/lib/checks.sh"
build=${1:?usage: cli_convention.sh BUILD}
dir=$(mktemp -d) || exit 3
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 3
same() { [ "$1" = "$2" ]; }
programs=("$build/omp/parsuite-omp" "$build/report/parsuite-report")
[ ! -x "$build/mpi/parsuite-mpi" ] || programs+=("$build/mpi/parsuite-mpi") # answers before MPI_Init
command -v python3 >/dev/null && programs+=("$top/python/parsuite-python")
for p in "${programs[@]}"; do
	name=$(basename "$p")
	check "$name -h is not --help" same "$("$p" -h 2>&1)" "$("$p" --help 2>&1)"
	check "$name -V is not --version: $("$p" -V 2>&1)" same "$("$p" -V 2>&1)" "$("$p" --version 2>&1)"
	check "$name --help does not say that '--' ends the options" bash -c '"$1" --help | grep -q "'"'--'"' ends the options"' _ "$p"
	"$p" -- --help >"$dir/out" 2>&1
	rc=$?
	check "$name -- --help: exit $rc, '$(head -c 200 "$dir/out")' (a word after '--' is not an option)" \
		bash -c '[ "$1" -eq 2 ] && ! grep -q "^Usage\|^'"$name"': the questions" "$2"' _ "$rc" "$dir/out"
done

# --opt=value is --opt value.
omp=$build/omp/parsuite-omp
result() { "$@" --format csv --quiet 2>/dev/null | awk -F, 'NR == 2 { print $7, $10 }'; } # workers, size
check "parsuite-omp --size=12 is not --size 12" same "$(result "$omp" squares --size=12 --workers=2 --repeat=1)" "$(result "$omp" squares --size 12 --workers 2 --repeat 1)"
check "parsuite-omp: a flag given a value is not refused" bash -c '! "$1" squares --quiet=yes >/dev/null 2>&1' _ "$omp"
"$omp" squares --size 12 --repeat 1 --output=a.csv >/dev/null 2>&1
"$omp" squares --size 12 --repeat 1 --output b.csv >/dev/null 2>&1
report=$build/report/parsuite-report
"$report" --output=a.md a.csv 2>/dev/null
check "parsuite-report --output=FILE did not write FILE" test -s a.md
"$report" --format=json --baseline a.csv --compare b.csv >c.json 2>/dev/null
check "parsuite-report --format=json: not the comparison as JSON: $(head -c 200 c.json)" \
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(not d["points"] or "verdict" not in d["points"][0])' c.json
for option in --summary --wall --format --output --plots --baseline --compare --threshold --alpha; do
	check "parsuite-report --help lacks $option" bash -c '"$1" --help | grep -q -- "$2"' _ "$report" "$option"
done
if command -v python3 >/dev/null; then
	py=$top/python/parsuite-python
	check "parsuite-python --workers=2 is not --workers 2" same \
		"$("$py" --model=threads --workers=2 --repeat=1 --format=csv --quiet squares | awk -F, 'NR == 2 { print $7 }')" 2
fi
checks_done
