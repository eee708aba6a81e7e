#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# bad_input.sh KIND BUILD: tries every bad value that tests/data/bad_inputs.txt lists for KIND (omp,
# mpi, report, local, batch, cluster, multihost) and checks each refusal: exit 2 (for mpi, on
# each of 3 ranks), one line on stderr, naming the option (for a positional argument, the
# value), and quoting an option's value when it is garbage, negative, an overflow or holds a line
# break (written as \n); nothing hangs (60 s a try). mpi tries a row that it shares with omp at
# its first value only: both programs parse with the same code, which omp's tries cover value by
# value, and what MPI adds (every rank exits 2, none hangs) shows in one; a row of mpi's alone is
# tried in full. (Every value at 3 ranks took 115 s, a launch each.)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
kind=${1:?usage: bad_input.sh KIND BUILD} build=${2:?usage: bad_input.sh KIND BUILD}
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
np=3
case $kind in
omp) run=("$build/omp/parsuite-omp") ;;
mpi)
	read -ra launch <<<"$(ps_mpirun $np)"
	# shellcheck disable=SC2016 # $0, $@ and $? belong to the inner shell
	run=("${launch[@]}" sh -c '"$0" "$@"; echo "rank-exit $?"' "$build/mpi/parsuite-mpi")
	;;
report) run=("$build/report/parsuite-report") ;;
local) run=(env PARSUITE_BUILD="$build" PARSUITE_SKIP_PACKAGES=1 "$top/jobs/local.sh") ;;
batch) run=(env PARSUITE_BUILD="$build" "$top/jobs/batch.sh") ;;
cluster) run=("$top/jobs/slurm/local-cluster.sh") ;;
multihost) run=("$top/jobs/multihost.sh") ;;
*) echo "bad_input.sh: unknown kind '$kind'" >&2; exit 2 ;;
esac

value_of() {
	case $1 in
	GARBAGE) echo x1 ;; NEGATIVE) echo -3 ;; ZERO) echo 0 ;; OVERFLOW) echo 99999999999999999999 ;;
	EMPTY) echo "" ;; NEWLINE) printf '1\n2' ;; *) echo "$1" ;;
	esac
}
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
tried=0 failed=0
check() { # check TOKEN OPTION ARGS...: runs one bad command line and judges the refusal
	local token=$1 option=$2 value shown why=""
	shift 2
	value=$(value_of "$token")
	shown=${value//$'\n'/\\n} # as a message must write it: one line
	timeout 60 "${run[@]}" "$@" </dev/null >"$out" 2>"$err"
	local rc=$? lines
	lines=$(wc -l <"$err")
	if [ "$kind" = mpi ]; then
		[ "$(grep -c '^rank-exit 2$' "$out")" -eq $np ] || why="not all $np ranks exited 2 ($(grep rank-exit "$out" | sort | uniq -c | tr -s ' \n' ' '))"
	elif [ "$rc" -ne 2 ]; then
		why="exit $rc"
	fi
	[ "$lines" -eq 1 ] || why+=" ${lines} lines on stderr"
	local name=${option%%=*}
	[ "$name" = - ] && name=$shown
	[ -z "$name" ] || grep -qF -- "$name" "$err" || why+=" does not name '$name'"
	case $option:$token in
	-:*) ;; # a positional value: named above, as the program writes it (a file as file: ...)
	*:GARBAGE | *:NEGATIVE | *:OVERFLOW | *:NEWLINE) grep -qF -- "'$shown'" "$err" || why+=" does not quote '$shown'" ;;
	esac
	tried=$((tried + 1))
	if [ -n "$why" ]; then
		failed=$((failed + 1))
		echo "FAIL: $kind $*:$why"
		sed 's/^/    /' "$err" | head -n 5
	fi
}
while IFS='|' read -r kinds first option values; do
	[[ $kinds =~ ^[[:space:]]*# ]] && continue
	[[ " $kinds " == *" $kind "* ]] || continue
	read -ra before <<<"$first"
	option=$(echo "$option" | xargs)
	read -ra tokens <<<"$values"
	if [ "$kind" = mpi ] && [[ " $kinds " == *" omp "* ]]; then
		tokens=("${tokens[0]}")
	fi
	for token in "${tokens[@]}"; do
		if [ "$option" = - ]; then
			check "$token" - "${before[@]}" "$(value_of "$token")"
		elif [ "$token" = - ]; then
			check "$token" "$option" "${before[@]}" "$option"
		else
			check "$token" "$option" "${before[@]}" "$option" "$(value_of "$token")"
		fi
	done
done <"$top/tests/data/bad_inputs.txt"
[ "$tried" -gt 0 ] || { echo "FAIL: no rows for $kind"; exit 1; }
[ "$failed" -eq 0 ] || { echo "FAIL: $failed of $tried bad inputs were not refused properly"; exit 1; }
echo "ok: $kind: all $tried bad inputs refused with exit 2 and one line naming them"
