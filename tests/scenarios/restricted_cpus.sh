#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# restricted_cpus.sh BUILD: records count the CPUs the workers may actually use, not the
# machine's. Restricted to one CPU (taskset, OMP_PLACES), 2
# workers are oversubscribed on 1 CPU; MPI ranks launched as ps_mpirun places them there.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: restricted_cpus.sh BUILD}
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
passed=0 failed=0
expect() { # expect "WORKERS CORES OVER" COMMAND...: the last record's workers, cores, oversubscribed
	local want=$1 got
	shift
	got=$("$@" cpubound --tasks 4 --latency-us 1000 --repeat 1 --warmup 0 --format csv --quiet |
		awk -f "$top/jobs/csv2tsv.awk" | awk -F'\t' '
			NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			{ last = $c["workers"] " " $c["cores"] " " $c["oversubscribed"] } END { print last }')
	if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
		echo "FAIL: $*: workers, cores, oversubscribed are '$got', expected '$want'"
		failed=$((failed + 1))
	fi
}
omp=$build/omp/parsuite-omp
expect "2 1 yes" taskset -c 0 "$omp" --workers 2
expect "2 1 yes" env OMP_PLACES="{0}" "$omp" --workers 2
if [ "$(ps_cores)" -ge 2 ]; then
	expect "2 2 no" taskset -c 0,1 "$omp" --workers 2
	expect "2 2 no" env OMP_PLACES=cores "$omp" --workers 2
fi
if [ -x "$build/mpi/parsuite-mpi" ]; then
	# Placed as the sweep would from inside the restriction (one core: oversubscribed, unbound),
	# the ranks inherit it.
	read -ra launch <<<"$(taskset -c 0 bash -c '. "$1/jobs/lib.sh" && ps_mpirun 2' _ "$top")"
	expect "2 1 yes" taskset -c 0 "${launch[@]}" "$build/mpi/parsuite-mpi"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
