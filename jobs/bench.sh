#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The performance figures parsuite keeps against the reference benchmarks (OSU's osu_bw and
# osu_latency, EPCC's syncbench), measured on this machine: each row runs parsuite's side RUNS
# times, alternating the rows' commands, and prints the median and the range (min-max) of the
# runs. The references themselves are not part of parsuite: build OSU Micro-Benchmarks and EPCC's
# OpenMP micro-benchmarks from their public sources and run them alongside.
#   --runs N     runs of each row (default 7)
#   --sweep      also run ./jobs/local.sh --quick and print the share of its wall time spent
#                outside timed regions and warm-ups (launches, checks, verification, writing)
# Rows: 1 MiB bandwidth and 8 B latency between 2 ranks (share --variant pipe); the OpenMP barrier,
# reduction, critical and atomic at 2 threads (share: ns per construct, EPCC's method); squares at
# 1e8 against a non-zero fill of the same array, 2 threads (ratio of record medians); a cold whole
# process (squares --size 1e7 --workers 2 --repeat 1 --warmup 0, start-up and verification in).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
# shellcheck source=jobs/lib.sh
. "$here/lib.sh"
runs=7 sweep=""
while [ $# -gt 0 ]; do
	case $1 in
	--runs) [[ ${2:-} =~ ^[1-9][0-9]{0,2}$ ]] || ps_die 2 "bench.sh: --runs: '${2:-}' is not a whole number from 1 to 999"; runs=$2; shift 2 ;;
	--sweep) sweep=1; shift ;;
	-h | --help) sed -n '3,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//p;}' "$0"; exit 0 ;;
	*) ps_die 2 "bench.sh: unknown option '$1' (see --help)" ;;
	esac
done
ps_need_packages "${PS_BUILD_PACKAGES[@]}"
ps_programs "$top"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# column FILE NAME: that column of the last point's record of a CSV file
column() { awk -v points=1 -f "$here/csv2tsv.awk" "$1" | awk -F'\t' -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { v = $c[n] } END { print v }'; }
omp() { "$PS_OMP" "$@" --quiet --format csv >"$work/out.csv"; }
read -ra pair <<<"$(ps_mpirun 2)"
mpi() { "${pair[@]}" "$PS_MPI" "$@" --quiet --format csv >"$work/out.csv"; }
add() { echo "$2" >>"$work/$1"; } # add ROW VALUE

for ((r = 0; r < runs; r++)); do
	mpi share --variant pipe --repeat 3
	add bandwidth "$(column "$work/out.csv" bandwidth_gbs)"
	add latency "$(column "$work/out.csv" latency_us)"
	for v in barrier reduction critical atomic; do
		omp share --variant "$v" --workers 2 --repeat 10
		ns=$(column "$work/out.csv" ns_per_op) # empty: below the resolution
		add "$v" "${ns:-0}"
	done
	omp squares --size 1e8 --workers 2 --repeat 10
	s=$(column "$work/out.csv" seconds_median)
	omp fill --size 1e8 --workers 2 --repeat 10
	add squares-fill "$(awk -v a="$s" -v b="$(column "$work/out.csv" seconds_median)" 'BEGIN { printf "%.3f", b / a }')"
	t0=$(date +%s%N)
	"$PS_OMP" squares --size 1e7 --workers 2 --repeat 1 --warmup 0 >/dev/null
	add cold "$((($(date +%s%N) - t0) / 1000000))"
done

summary() { # summary ROW WHAT UNIT: a Markdown row with the median and range of the runs
	sort -g "$work/$1" | awk -v what="$2" -v unit="$3" '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "| %s | %g %s | %g-%g | %d |\n", what, m, unit, v[1], v[NR], NR }'
}
echo "| what | median | range | runs |"
echo "|---|---|---|---|"
summary bandwidth "1 MiB bandwidth, 2 ranks (osu_bw's method)" GB/s
summary latency "8 B latency, 2 ranks (osu_latency's method)" us
summary barrier "OpenMP barrier, 2 threads (EPCC's method)" "ns"
summary reduction "reduction clause, 2 threads (EPCC's method)" "ns"
summary critical "critical, 2 threads" ns
summary atomic "atomic, 2 threads" ns
summary squares-fill "squares 1e8, 2 threads: speed against a non-zero fill" x
summary cold "cold whole process: squares --size 1e7 --workers 2 --repeat 1 --warmup 0" ms
if [ -n "$sweep" ]; then
	t0=$SECONDS
	"$here/local.sh" --quick --out "$work/sweep" >"$work/sweep.out" 2>"$work/sweep.log" || true
	grep -h "inside timed regions" "$work/sweep.out" | sed 's/^# //'
	echo "the sweep's whole run, build check and report included: $((SECONDS - t0)) s"
fi
