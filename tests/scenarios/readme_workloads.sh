#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# readme_workloads.sh OMP [MPI]: the README's table of workloads says what the programs list
# (--list, the catalogue): every workload and variant a program runs stands in its row, in the
# program's column ("the same": as OpenMP's; "a; b": the row's first workload's, then the
# second's), and the table names no workload or variant that the program does not have.
set -u
here=$(cd "$(dirname "$0")" && pwd)
readme=$here/../../README.md
failed=0
table() { # table COLUMN: "workload variant" for every pair the README's table names
	awk -F'|' -v col="$1" '
		/^## Workloads$/ { on = 1; next }
		on && /^## / { exit }
		on && /^\| Q|^\| reference/ {
			nw = 0; s = $3
			while (match(s, /`[^`]+`/)) { w[++nw] = substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH) }
			v = $col
			if (v ~ /the same/) v = $4
			n = split(v, part, ";")
			for (i = 1; i <= nw; i++) {
				s = n == nw ? part[i] : v
				while (match(s, /`[^`]+`/)) { print w[i], substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH) }
			}
		}' "$readme" | sort
}
listed() { # listed PROGRAM DEMOS: its "workload variant" pairs, demonstrations too if DEMOS is yes
	"$1" --list --format csv | awk -f "$here/../../jobs/csv2tsv.awk" |
		awk -F'\t' -v demos="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			demos == "yes" || $c["demo"] != "yes" { print $2, $3 }' | sort
}
check() { # check PROGRAM COLUMN
	local readme_pairs runs all
	readme_pairs=$(table "$2") runs=$(listed "$1" no) all=$(listed "$1" yes)
	local missing extra
	missing=$(comm -23 <(echo "$runs") <(echo "$readme_pairs"))
	extra=$(comm -13 <(echo "$all") <(echo "$readme_pairs"))
	[ -z "$missing" ] || { echo "FAIL: the README's table lacks what ${1##*/} runs: $(echo $missing)"; failed=1; }
	[ -z "$extra" ] || { echo "FAIL: the README's table names what ${1##*/} does not have: $(echo $extra)"; failed=1; }
	[ -n "$readme_pairs" ] || { echo "FAIL: no table of workloads found in $readme"; failed=1; }
}
check "${1:?usage: readme_workloads.sh OMP [MPI]}" 4
[ -z "${2:-}" ] || check "$2" 5
[ "$failed" = 0 ] && echo "ok: the README's table of workloads matches --list"
exit "$failed"
