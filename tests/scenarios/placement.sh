#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# placement.sh: where ps_mpirun (jobs/placement.sh) puts ranks and threads on the node shapes
# clusters have, simulated: hwloc describes the node (HWLOC_SYNTHETIC), Slurm's, PBS's and a
# hostfile's allocations are their variables and files. For each node shape and job shape it
# checks the command built for Open MPI, MPICH and srun (the library named by a stand-in mpirun,
# so that every case runs whichever MPI is installed), and, where the installed MPI is Open MPI
# 4, the map Open MPI makes of that command against the same topology without launching
# (--do-not-launch: ranks per node). The cores each rank is bound to are the rank's block of T
# cores in the node's order; the last column says which package (socket) and NUMA domain each
# block lies in, as hwloc computes it, so that a rank per socket or per NUMA domain is seen to be
# one. Prints the table of expected and produced placements.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
dir=$(mktemp -d) || exit 3
trap 'rm -rf "$dir"' EXIT
for library in openmpi mpich; do # stand-ins that only say which library they are
	case $library in
	openmpi) version='mpirun (Open MPI) 4.1.4' ;;
	mpich) version='HYDRA build details: Version: 4.0.2 ... MPICH' ;;
	esac
	printf '#!/bin/sh\necho "%s"\n' "$version" >"$dir/$library"
	chmod +x "$dir/$library"
done
printf 'n1\nn1\nn1\nn1\nn2\nn2\nn2\nn2\n' >"$dir/nodefile"      # PBS: 4 mpiprocs on each of 2 nodes
printf 'n1 slots=16\nn2 slots=16 # small nodes\n' >"$dir/hostfile" # Open MPI's form
printf 'n1:32\nn2:32\n' >"$dir/hosts"                              # MPICH's form

passed=0 failed=0
table=()
# outcome OK ROW LINE...: counts a check passed when OK is not empty, else prints its LINEs; ROW
# (when not empty) goes into the table.
outcome() {
	local ok=$1 row=$2
	shift 2
	[ -z "$row" ] || table+=("$row")
	if [ -n "$ok" ]; then passed=$((passed + 1)); else
		printf '%s\n' "$@"
		failed=$((failed + 1))
	fi
}
# case NAME SHAPE NP T LIBRARY ENV EXPECTED [BLOCKS]: ps_mpirun NP T on a node of SHAPE under ENV
# (VAR=VALUE words; ALLOC stands for the allocation's variables) must build EXPECTED (its program
# written mpirun; --allow-run-as-root, added for root, not compared). BLOCKS: the packages and
# NUMA domains of each rank's cores, "p0n0 p1n1 ...", for the ranks of one node.
case_() {
	local name=$1 shape=$2 np=$3 threads=$4 library=$5 env=$6 want=$7 blocks=${8:-} got vars=()
	read -ra vars <<<"$env"
	got=$(env -u SLURM_JOB_ID -u SLURM_TASKS_PER_NODE -u PBS_NODEFILE -u PARSUITE_HOSTFILE -u PARSUITE_LAUNCHER \
		-u OMP_PLACES -u OMP_PROC_BIND -u OMP_WAIT_POLICY -u PARSUITE_HWTHREADS \
		HWLOC_SYNTHETIC="$shape" PARSUITE_MPIRUN="$dir/$library" PARSUITE_SRUN_MPI=pmix \
		"${vars[@]}" bash -c '. "$1/jobs/lib.sh" && ps_mpirun "$2" "$3"' _ "$top" "$np" "$threads" 2>&1)
	got=${got//"$dir/$library"/mpirun}
	got=${got//"$dir/"/}
	got=${got// --allow-run-as-root/}
	local ok=1 produced=$got
	[ "$got" = "$want" ] || ok=""
	if [ -n "$blocks" ]; then
		local b=() r n cores where
		n=$(wc -w <<<"$blocks")
		for ((r = 0; r < n; r++)); do
			cores="core:$((r * threads))-$((r * threads + threads - 1))"
			where=p$(hwloc-calc --input "$shape" "$cores" --intersect package 2>/dev/null | tr ',' '+')
			where+=n$(hwloc-calc --input "$shape" "$cores" --intersect numa 2>/dev/null | tr ',' '+')
			b+=("$where")
		done
		[ "${b[*]}" = "$blocks" ] || { ok="" produced+=" [blocks ${b[*]}]"; }
	fi
	outcome "$ok" "| $name | \`$shape\` | ${np}x$threads | $library ${env//"$dir/"/} | \`$want\` ${blocks:+($blocks)} | $([ -n "$ok" ] && echo same || echo "\`$produced\`") |" \
		"FAIL: $name: ps_mpirun $np $threads on '$shape' ($library${env:+, $env}):" \
		"  wanted:   $want${blocks:+ ($blocks)}" "  produced: $produced"
}
places="env OMP_PLACES=cores OMP_PROC_BIND=close"
omp_x="-x OMP_PLACES -x OMP_PROC_BIND"
slurm2="PARSUITE_ALLOCATION=slurm SLURM_JOB_ID=7 SLURM_JOB_CPUS_PER_NODE=32(x2) SLURM_JOB_NUM_NODES=2"
slurm3="PARSUITE_ALLOCATION=slurm SLURM_JOB_ID=8 SLURM_JOB_CPUS_PER_NODE=4(x3) SLURM_JOB_NUM_NODES=3 SLURM_TASKS_PER_NODE=2(x3)"
one8="pack:1 core:8 pu:1" two16="pack:2 numa:1 core:16 pu:2" numa4="pack:2 numa:2 core:12 pu:1" small="pack:1 core:4 pu:2"

case_ "rank per core" "$one8" 8 1 openmpi "" "mpirun -np 8 --map-by ppr:8:node:PE=1 --bind-to core"
case_ "rank per socket" "$one8" 1 8 openmpi "" "$places mpirun -np 1 $omp_x --map-by ppr:1:node:PE=8 --bind-to core" "p0n0"
case_ "rank per core" "$two16" 32 1 openmpi "" "mpirun -np 32 --map-by ppr:32:node:PE=1 --bind-to core"
case_ "rank per socket" "$two16" 2 16 openmpi "" "$places mpirun -np 2 $omp_x --map-by ppr:2:node:PE=16 --bind-to core" "p0n0 p1n1"
case_ "rank per socket" "$two16" 2 16 mpich "" "$places mpirun -np 2 -bind-to core:16" "p0n0 p1n1"
case_ "rank per socket, hardware threads" "$two16" 2 32 openmpi "PARSUITE_HWTHREADS=1" \
	"env OMP_PLACES=threads OMP_PROC_BIND=close mpirun -np 2 $omp_x --use-hwthread-cpus --map-by ppr:2:node:PE=32 --bind-to hwthread"
case_ "rank per NUMA domain" "$numa4" 4 12 openmpi "" "$places mpirun -np 4 $omp_x --map-by ppr:4:node:PE=12 --bind-to core" "p0n0 p0n1 p1n2 p1n3"
case_ "rank per NUMA domain" "$numa4" 4 12 mpich "" "$places mpirun -np 4 -bind-to core:12" "p0n0 p0n1 p1n2 p1n3"
case_ "fewer cores than asked" "$small" 4 2 openmpi "" "env OMP_WAIT_POLICY=passive mpirun -np 4 -x OMP_WAIT_POLICY --oversubscribe --bind-to none"
case_ "fewer cores than asked" "$small" 4 2 mpich "" "env OMP_WAIT_POLICY=passive mpirun -np 4"
case_ "fewer cores, hardware threads" "$small" 4 2 openmpi "PARSUITE_HWTHREADS=1" \
	"env OMP_PLACES=threads OMP_PROC_BIND=close mpirun -np 4 $omp_x --use-hwthread-cpus --map-by ppr:4:node:PE=2 --bind-to hwthread"
case_ "2 nodes x 4 ranks x 8 threads, Slurm" "$one8" 8 8 openmpi "$slurm2" \
	"$places srun -N 2 -n 8 --ntasks-per-node=4 -c 8 --distribution=block:block --cpu-bind=cores --mpi=pmix"
case_ "3 nodes x 2 tasks, 4 ranks x 2 threads, Slurm" "$two16" 4 2 openmpi "$slurm3" \
	"$places srun -N 2 -n 4 --ntasks-per-node=2 -c 2 --distribution=block:block --cpu-bind=cores --mpi=pmix"
case_ "3 nodes x 2 tasks, 5 ranks x 2 threads, Slurm" "$two16" 5 2 openmpi "$slurm3" \
	"$places srun -N 3 -n 5 -c 2 --distribution=block:block --cpu-bind=cores --mpi=pmix"
case_ "3 nodes x 2 tasks, 4 ranks x 2 threads, Slurm, mpirun" "$two16" 4 2 openmpi "$slurm3 PARSUITE_LAUNCHER=mpirun" \
	"$places mpirun -np 4 $omp_x --map-by ppr:2:node:PE=2 --bind-to core"
case_ "2 nodes x 4 ranks x 8 threads, Slurm, mpirun" "$two16" 8 8 openmpi "$slurm2 PARSUITE_LAUNCHER=mpirun" \
	"$places mpirun -np 8 $omp_x --map-by ppr:4:node:PE=8 --bind-to core" "p0n0 p0n0 p1n1 p1n1"
case_ "2 nodes x 4 ranks x 8 threads, Slurm, MPICH" "$two16" 8 8 mpich "$slurm2 PARSUITE_LAUNCHER=mpirun" \
	"$places mpirun -np 8 -ppn 4 -bind-to core:8"
case_ "2 nodes x 4 ranks x 8 threads, too many for Slurm's 16" "$two16" 8 8 openmpi \
	"PARSUITE_ALLOCATION=slurm SLURM_JOB_ID=7 SLURM_JOB_CPUS_PER_NODE=32,16 SLURM_JOB_NUM_NODES=2" \
	"env OMP_WAIT_POLICY=passive srun -N 2 -n 8 --ntasks-per-node=4 -c 8 --distribution=block:block --overcommit --cpu-bind=none --mpi=pmix"
case_ "2 nodes x 4 ranks x 8 threads, PBS" "$one8" 8 8 openmpi "PARSUITE_ALLOCATION=pbs PBS_NODEFILE=$dir/nodefile NCPUS=32" \
	"$places mpirun -np 8 --hostfile nodefile $omp_x --map-by ppr:4:node:PE=8 --bind-to core"
case_ "2 nodes x 4 ranks x 8 threads, PBS, MPICH" "$one8" 8 8 mpich "PARSUITE_ALLOCATION=pbs PBS_NODEFILE=$dir/nodefile NCPUS=32" \
	"$places mpirun -np 8 -f nodefile -ppn 4 -bind-to core:8"
case_ "2 nodes x 4 ranks x 8 threads, hostfile of 16" "$two16" 8 8 openmpi "PARSUITE_HOSTFILE=$dir/hostfile" \
	"env OMP_WAIT_POLICY=passive mpirun -np 8 --hostfile hostfile -x OMP_WAIT_POLICY --oversubscribe --bind-to none"
case_ "2 nodes x 4 ranks x 8 threads, MPICH hostfile" "$two16" 8 8 mpich "PARSUITE_HOSTFILE=$dir/hosts" \
	"$places mpirun -np 8 -f hosts -ppn 4 -bind-to core:8"

# Bad allocations are told, not guessed around.
for bad in "SLURM_JOB_CPUS_PER_NODE=lots" "SLURM_JOB_NUM_NODES=0" "SLURM_TASKS_PER_NODE=2(x"; do
	out=$(env PARSUITE_ALLOCATION=slurm SLURM_JOB_ID=7 SLURM_JOB_CPUS_PER_NODE=8 SLURM_JOB_NUM_NODES=1 "$bad" \
		bash -c '. "$1/jobs/lib.sh" && ps_mpirun 2 2' _ "$top" 2>&1)
	rc=$? ok=""
	[ "$rc" -ne 2 ] || [ "$(grep -c . <<<"$out")" -ne 1 ] || ! grep -q "${bad%%=*}: '${bad#*=}'" <<<"$out" || ok=1
	outcome "$ok" "" "FAIL: $bad: exit $rc, '$out' (wanted exit 2 and one line naming the value)"
done

# Open MPI's own map of the commands, against the same topologies, without launching.
if [ "$(ps_mpi_library)" = openmpi ] && [[ $(ps_mpi_version) == [0-4].* ]] && command -v lstopo >/dev/null; then
	map() { # map SHAPE HOSTS NP T WANT [ENV]: ranks per node of Open MPI's map, "host:N ..."
		local shape=$1 hosts=$2 np=$3 threads=$4 want=$5 words got
		lstopo -f --input "$shape" --of xml "$dir/node.xml" 2>/dev/null
		read -ra words <<<"$(env HWLOC_SYNTHETIC="$shape" ${6:+$6} bash -c '. "$1/jobs/lib.sh" && ps_mpirun "$2" "$3"' _ "$top" "$np" "$threads")"
		[ "${words[0]}" != env ] || words=("${words[@]:1}")
		while [[ ${words[0]} == *=* ]]; do words=("${words[@]:1}"); done
		timeout 60 "${words[@]}" --mca hwloc_base_topo_file "$dir/node.xml" --host "$hosts" \
			--do-not-launch --display-map true >"$dir/map" 2>&1
		got=$(awk '/Data for node:/ { printf "%s%s:%s", sep, $4, $NF; sep = " " }' "$dir/map")
		local ok=""
		[ "$got" != "$want" ] || ok=1
		outcome "$ok" "| Open MPI's map | \`$shape\` | ${np}x$threads | hosts $hosts | $want | $([ -n "$ok" ] && echo same || echo "$got") |" \
			"FAIL: Open MPI's map of ps_mpirun $np $threads on '$shape', hosts $hosts: '$got', wanted '$want':" \
			"$(tail -n 20 "$dir/map")"
	}
	host=$(hostname)
	map "$two16" "localhost:32" 2 16 "$host:2" PARSUITE_ALLOCATION=local
	map "$numa4" "localhost:48" 4 12 "$host:4" PARSUITE_ALLOCATION=local
	map "$two16" "n1:32,n2:32" 8 8 "n1:4 n2:4" "PARSUITE_LAUNCHER=mpirun $slurm2"
	map "$one8" "localhost:8" 8 1 "$host:8" PARSUITE_ALLOCATION=local
	map "$small" "localhost:4" 4 2 "$host:4" PARSUITE_ALLOCATION=local
fi

# This machine restricted to one CPU (taskset): 4 ranks of 2 threads do not fit, whatever nproc of
# the whole machine says.
got=$(taskset -c 0 env -u SLURM_JOB_ID -u PBS_NODEFILE -u PARSUITE_HOSTFILE -u OMP_WAIT_POLICY PARSUITE_MPIRUN="$dir/openmpi" \
	bash -c '. "$1/jobs/lib.sh" && ps_mpirun 4 2' _ "$top")
ok=""
[[ $got != *" --oversubscribe --bind-to none" ]] || ok=1
outcome "$ok" "" "FAIL: taskset -c 0, ps_mpirun 4 2: '$got', wanted oversubscribed and unbound"

echo "| job | node | ranks x threads | library, allocation | expected (packages, NUMA of each rank's cores) | produced |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${table[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
