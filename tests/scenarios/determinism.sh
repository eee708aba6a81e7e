#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# determinism.sh BUILD ROUNDS [MODELS]: every variant of every workload (but the deliberately racy
# demo and errors, whose exit 1 is tested on its own), OpenMP at 2, 4, 8 threads ROUNDS times over
# and MPI at 2, 4, 8 ranks once, 3 verified repetitions each. Passes when nothing hung (300 s a
# run) or failed and every result agrees across models, worker counts, variants and rounds. Ranks
# share no memory, so the rounds are for threads' races: a result that depends on the order of
# messages shows across the three rank counts. Each rank count is one launch of a plan holding
# every variant (a launch a variant was 60 launches, 170 of the test's 246 s). MODELS ("omp"
# or "omp mpi"; default: both where parsuite-mpi was built) narrows it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: determinism.sh BUILD ROUNDS} rounds=${2:?usage: determinism.sh BUILD ROUNDS}
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
omp=$build/omp/parsuite-omp mpi=$build/mpi/parsuite-mpi
file=$(mktemp)
trap 'rm -f "$file" "$file.err" "$file.plan"' EXIT

args_for() { # the fixed size of each workload, so that results compare
	case $1 in
	squares) echo "--size 100003" ;;
	factorials) echo "--size 700" ;;
	iobound | cpubound) echo "--tasks 16 --latency-us 1000 --steps 20000" ;;
	prodcons) echo "--items 20000 --capacity 64" ;;
	share) echo "--size 2000" ;;
	switches) echo "--size 200" ;; # oversubscribed MPICH: about 10 ms a hand-off
	fill) echo "--size 1000003" ;;
	esac
}
variants() { # PROGRAM: "workload variant" for every variant it lists (--list)
	"$top/tests/lib/variants.sh" "$1" | grep -v "^errors \|^share unsafe$\|^prodcons unsafe$"
}
models=${3:-omp}
[ $# -lt 3 ] && [ -x "$mpi" ] && models="omp mpi"
runs=0
go() { # go COMMAND...: one run, its records appended; a failure or a hang ends the test
	runs=$((runs + 1))
	timeout 300 "$@" --repeat 3 --format csv --quiet --output "$file" </dev/null >/dev/null 2>"$file.err" && return
	echo "FAIL (exit $?, 124 = hung): $*"
	cat "$file.err"
	exit 1
}
for ((r = 1; r <= rounds; r++)); do
	while read -r w v; do
		read -ra a <<<"$(args_for "$w")"
		go "$omp" "$w" --variant "$v" "${a[@]}" --workers 2,4,8
	done < <(variants "$omp")
	[[ " $models " == *" mpi "* ]] && [ "$r" -eq 1 ] || continue
	while read -r w v; do # a plan: every variant in one launch a rank count
		echo "$w --variant $v $(args_for "$w")"
	done < <(variants "$mpi") >"$file.plan"
	for np in 2 4 8; do
		read -ra launch <<<"$(ps_mpirun "$np")"
		go "${launch[@]}" "$mpi" --plan "$file.plan"
	done
done
if ! verdict=$("$top/tests/lib/agree.sh" "$file" "$models"); then
	grep FAIL <<<"$verdict"
	exit 1
fi
echo "ok: $rounds rounds of threads and one of ranks, $runs runs at 2, 4 and 8 workers, $(($(wc -l <"$file") - 1)) records: no failure, no hang, one result per workload and size"
