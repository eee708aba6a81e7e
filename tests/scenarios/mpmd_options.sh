#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# mpmd_options.sh BUILD: ranks of one job started with other options (an MPMD launch, as a job
# script with a typo per node would make) must not hang: every rank exits 2, and the one line
# names the option that differs.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: mpmd_options.sh BUILD}
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
read -ra words <<<"$(ps_mpirun 2)"
launch=("${words[@]}")
for i in "${!launch[@]}"; do # less "-np 2": each app context below gets its own
	[ "${launch[i]}" != -np ] || { unset 'launch[i]' 'launch[i+1]'; break; }
done
# Open MPI 5.0.7's mpirun crashes (SIGSEGV) on any launch of several app contexts, as root or not;
# prterun, the launcher it runs, parses them.
if [ "$(ps_mpi_library)" = openmpi ] && [[ $(ps_mpi_version) != [0-4].* ]] && command -v prterun >/dev/null; then
	launch[0]=prterun
fi
mpi=$build/mpi/parsuite-mpi
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# shellcheck disable=SC2016 # $0 and $? belong to the inner shell
each=(sh -c '"$0" "$@"; echo "rank-exit $?"' "$mpi")
passed=0 failed=0
try() { # try REGEX ARGS-OF-RANK-0 -- ARGS-OF-RANK-1
	local regex=$1 a=() b=()
	shift
	while [ "$1" != -- ]; do a+=("$1"); shift; done
	shift
	b=("$@")
	timeout 60 "${launch[@]}" -np 1 "${each[@]}" "${a[@]}" : -np 1 "${each[@]}" "${b[@]}" >"$out" 2>"$err"
	local ranks
	ranks=$(grep -c "^rank-exit 2$" "$out")
	if [ "$ranks" -eq 2 ] && [ "$(grep -c "parsuite-mpi:" "$err")" -eq 1 ] && grep -Eq -- "$regex" "$err"; then
		passed=$((passed + 1))
	else
		echo "FAIL: ${a[*]} | ${b[*]}: $ranks of 2 ranks exited 2; wanted: $regex"
		cat "$err"
		failed=$((failed + 1))
	fi
}
try "--variant is 'block' on rank 1, 'pool' on rank 0" squares --variant pool -- squares --variant block
try "argument 2 is '\(none\)' on rank 1, '--repeat' on rank 0" squares --repeat 3 -- squares
try "--size is '2000' on rank 1, '1000' on rank 0" squares --size 1000 -- squares --size 2000
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
