#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Where ranks and their threads go: the launch command for NP ranks of T threads each, decided
# from what the job was given on each of its nodes. Sourced by jobs/lib.sh; do not run it.
#   ps_allocation       sets PS_ALLOC (slurm, pbs, hostfile or local), PS_NODES (the nodes) and
#                       PS_NODE_CPUS (the CPUs each node gives, the smallest of them), and, under
#                       Slurm, PS_NODE_TASKS (the tasks each node was given, the fewest):
#                         slurm     SLURM_JOB_NUM_NODES, SLURM_JOB_CPUS_PER_NODE ("32(x2),16"),
#                                   SLURM_TASKS_PER_NODE
#                         pbs       PBS_NODEFILE's hosts; NCPUS (PBS Pro), else its lines per host
#                         hostfile  PARSUITE_HOSTFILE's hosts and slots (Open MPI's "host slots=N"
#                                   or MPICH's "host:N")
#                         local     this machine's cores that this process may use (hwloc-calc;
#                                   nproc without hwloc), never its hardware threads unless asked
#                       never from the batch host's nproc. PARSUITE_ALLOCATION=local ignores the
#                       batch system (the tests, which run on this machine).
#   ps_mpirun NP [T]    the command for NP ranks of T threads (default 1), words without spaces:
#                       R = ceil(NP / nodes) ranks per node fit when R x T <= the node's CPUs.
#                       Fitting, each rank is bound to its own T cores and its threads one to a
#                       core inside them (OMP_PLACES=cores, OMP_PROC_BIND=close, unless set):
#                         Open MPI  --map-by ppr:R:node:PE=T --bind-to core
#                         MPICH     -bind-to core:T (-ppn R on several nodes)
#                         srun      -N nodes -n NP --ntasks-per-node=R -c T --cpu-bind=cores
#                                   --distribution=block:block (-c given again: Slurm 22.05+ no
#                                   longer hands SLURM_CPUS_PER_TASK on; under Slurm, R is at
#                                   most the tasks each node was given, and NP ranks fill
#                                   ceil(NP / R) nodes), --mpi= the plugin that matches
#                                   the library (PARSUITE_SRUN_MPI, else pmix for Open MPI or pmi2
#                                   for MPICH when srun lists it)
#                       Not fitting (oversubscribed), nothing is bound (a rank bound to fewer cores
#                       than its threads would stack them) and threads wait passively
#                       (OMP_WAIT_POLICY=passive unless set); Open MPI is told --oversubscribe,
#                       srun --overcommit. Hardware threads count as CPUs only with
#                       PARSUITE_HWTHREADS=1 (OMP_PLACES=threads, Open MPI --use-hwthread-cpus,
#                       srun --cpu-bind=threads; under Slurm the allocation decides whether a
#                       CPU is a core or a hardware thread: submit with --hint=nomultithread for
#                       cores). The launcher: PARSUITE_LAUNCHER=srun, mpirun or
#                       mpiexec; by default srun in a Slurm job (sites often forbid mpirun there),
#                       mpiexec in a PBS job (given PBS_NODEFILE as its hostfile), else mpirun
#                       (PARSUITE_MPIRUN: another program for it). Open MPI gets the variables set
#                       here by -x, so that they reach other nodes' ranks too.

ps_allocation() {
	PS_ALLOC=local PS_NODES=1 PS_NODE_CPUS="" PS_NODE_TASKS=""
	local kind=${PARSUITE_ALLOCATION:-}
	if [ -z "$kind" ]; then
		if [ -n "${SLURM_JOB_ID:-}" ] && [ -n "${SLURM_JOB_CPUS_PER_NODE:-}" ]; then
			kind=slurm
		elif [ -n "${PBS_NODEFILE:-}" ] && [ -r "$PBS_NODEFILE" ]; then
			kind=pbs
		elif [ -n "${PARSUITE_HOSTFILE:-}" ]; then
			kind=hostfile
		else
			kind=local
		fi
	fi
	case $kind in
	slurm) ps_slurm_allocation ;;
	pbs) ps_hosts_allocation "$PBS_NODEFILE" "${NCPUS:-}" ;;
	hostfile)
		[ -r "$PARSUITE_HOSTFILE" ] || ps_die 2 "PARSUITE_HOSTFILE: cannot read '$PARSUITE_HOSTFILE'"
		ps_hosts_allocation "$PARSUITE_HOSTFILE" ""
		;;
	local) PS_NODE_CPUS=$(ps_cores) ;;
	*) ps_die 2 "PARSUITE_ALLOCATION: unknown value '$kind' (slurm, pbs, hostfile or local)" ;;
	esac
	PS_ALLOC=$kind
}

# ps_slurm_least NAME: PS_LEAST, the smallest count in Slurm's per-node list in variable NAME
# ("32(x2),16": a count repeated on N nodes is written "C(xN)"), and PS_PARTS, the list's parts.
ps_slurm_least() {
	local name=$1 spec=${!1:-} part count
	[[ $spec =~ ^[0-9]+(\(x[0-9]+\))?(,[0-9]+(\(x[0-9]+\))?)*$ ]] ||
		ps_die 2 "$name: '$spec' is not Slurm's list of counts per node"
	IFS=, read -ra PS_PARTS <<<"$spec"
	PS_LEAST=""
	for part in "${PS_PARTS[@]}"; do
		count=${part%%"("*}
		count=$((10#$count))
		[ -n "$PS_LEAST" ] && [ "$PS_LEAST" -le "$count" ] || PS_LEAST=$count
	done
}

# The CPUs of the smallest node; the tasks each node was given ("2(x3)"), the fewest: ranks fill
# nodes by them, as srun's block distribution does.
ps_slurm_allocation() {
	local PS_LEAST PS_PARTS
	ps_slurm_least SLURM_JOB_CPUS_PER_NODE
	PS_NODE_CPUS=$PS_LEAST
	PS_NODES=${SLURM_JOB_NUM_NODES:-${SLURM_NNODES:-${#PS_PARTS[@]}}}
	[[ $PS_NODES =~ ^[1-9][0-9]{0,5}$ ]] || ps_die 2 "SLURM_JOB_NUM_NODES: '$PS_NODES' is not a node count"
	[ -n "${SLURM_TASKS_PER_NODE:-}" ] || return 0
	ps_slurm_least SLURM_TASKS_PER_NODE
	[ "$PS_LEAST" -eq 0 ] || PS_NODE_TASKS=$PS_LEAST
}

# A hostfile or PBS_NODEFILE: one host per line, "slots=N" or ":N" giving its count, else each line
# one slot; CPUS (PBS Pro's NCPUS) overrides the count per host.
ps_hosts_allocation() {
	local file=$1 cpus=$2 line host rest n least="" count
	declare -A slots=()
	while read -r line || [ -n "$line" ]; do
		line=${line%%#*}
		read -r host rest <<<"$line"
		[ -n "$host" ] || continue
		n=1
		if [[ $rest =~ (^|[[:space:]])slots=([0-9]+) ]]; then
			n=$((10#${BASH_REMATCH[2]}))
		elif [[ $host =~ ^(.+):([0-9]+)$ ]]; then
			host=${BASH_REMATCH[1]} n=$((10#${BASH_REMATCH[2]}))
		fi
		slots[$host]=$((${slots[$host]:-0} + n))
	done <"$file"
	[ "${#slots[@]}" -gt 0 ] || ps_die 2 "'$file': no hosts in it"
	for host in "${!slots[@]}"; do
		count=${slots[$host]}
		[ -z "$cpus" ] || count=$cpus
		[ -n "$least" ] && [ "$least" -le "$count" ] || least=$count
	done
	[[ $least =~ ^[1-9][0-9]*$ ]] || ps_die 2 "'$file': no slots on a host (NCPUS '$cpus')"
	PS_NODES=${#slots[@]} PS_NODE_CPUS=$least
}

# The cores (or hardware threads, PARSUITE_HWTHREADS=1) this process may run on, as hwloc sees
# them: a cpuset or taskset counts, and a topology given to hwloc (HWLOC_XMLFILE, HWLOC_SYNTHETIC)
# stands for the machine.
ps_cores() {
	local unit=core n=""
	[ -z "${PARSUITE_HWTHREADS:-}" ] || unit=pu
	if command -v hwloc-calc >/dev/null 2>&1; then
		n=$(hwloc-calc --number-of "$unit" "$(hwloc-bind --get 2>/dev/null)" 2>/dev/null)
	fi
	[[ $n =~ ^[1-9][0-9]*$ ]] || n=$(nproc 2>/dev/null || echo 1)
	echo "$n"
}

# What srun's --mpi= should be for the library behind the program: PARSUITE_SRUN_MPI, else the
# plugin srun lists that the library speaks, else nothing (the site's MpiDefault).
ps_srun_mpi() {
	if [ -n "${PARSUITE_SRUN_MPI+set}" ]; then
		echo "$PARSUITE_SRUN_MPI"
		return
	fi
	local want=pmix plugins
	[ "$(ps_mpi_library)" != mpich ] || want=pmi2
	plugins=$(srun --mpi=list 2>&1) || return 0
	[[ $plugins =~ (^|[^[:alnum:]_])$want($|[^[:alnum:]_]) ]] && echo "$want"
	return 0
}

ps_mpirun() {
	local np=$1 threads=${2:-1} words=() vars=() launcher=${PARSUITE_LAUNCHER:-}
	ps_allocation
	local nodes=$PS_NODES per_node
	[ "$np" -ge "$nodes" ] || nodes=$np
	per_node=$(((np + nodes - 1) / nodes))
	if [ -n "$PS_NODE_TASKS" ]; then # Slurm's tasks per node: fill nodes by them
		per_node=$((np < PS_NODE_TASKS ? np : PS_NODE_TASKS))
		nodes=$(((np + per_node - 1) / per_node))
	fi
	local fits=""
	[ $((per_node * threads)) -gt "$PS_NODE_CPUS" ] || fits=1
	if [ -z "$launcher" ]; then
		case $PS_ALLOC in slurm) launcher=srun ;; pbs) launcher=mpiexec ;; *) launcher=mpirun ;; esac
	fi
	case $launcher in srun | mpirun | mpiexec) ;; *)
		ps_die 2 "PARSUITE_LAUNCHER: unknown value '$launcher' (srun, mpirun or mpiexec)"
		;;
	esac
	if [ -n "$fits" ] && [ "$threads" -gt 1 ]; then
		local places=cores
		[ -z "${PARSUITE_HWTHREADS:-}" ] || places=threads
		[ -n "${OMP_PLACES:-}" ] || vars+=("OMP_PLACES=$places")
		[ -n "${OMP_PROC_BIND:-}" ] || vars+=(OMP_PROC_BIND=close)
	elif [ "$threads" -gt 1 ] && [ -z "${OMP_WAIT_POLICY:-}" ]; then
		vars+=(OMP_WAIT_POLICY=passive)
	fi
	[ ${#vars[@]} -eq 0 ] || words=(env "${vars[@]}")
	if [ "$launcher" = srun ]; then
		local bind=cores mpi
		[ -z "${PARSUITE_HWTHREADS:-}" ] || bind=threads
		words+=(srun -N "$nodes" -n "$np")
		[ $((np % per_node)) -ne 0 ] || words+=("--ntasks-per-node=$per_node")
		words+=(-c "$threads" --distribution=block:block)
		if [ -n "$fits" ]; then
			words+=("--cpu-bind=$bind")
		else
			words+=(--overcommit --cpu-bind=none)
		fi
		mpi=$(ps_srun_mpi)
		[ -z "$mpi" ] || words+=("--mpi=$mpi")
		echo "${words[@]}"
		return
	fi
	local program=${PARSUITE_MPIRUN:-$launcher} hostfile=""
	case $PS_ALLOC in pbs) hostfile=$PBS_NODEFILE ;; hostfile) hostfile=$PARSUITE_HOSTFILE ;; esac
	words+=("$program" -np "$np")
	case $(ps_mpi_library "$program") in
	openmpi) # refuses root, and more ranks than slots, unless told; maps and binds as asked
		[ "$(id -u)" -ne 0 ] || words+=(--allow-run-as-root)
		[ -z "$hostfile" ] || words+=(--hostfile "$hostfile")
		# Ranks on this machine alone talk through shared memory; Open MPI 5.0's TCP transport
		# still pairs interfaces, and on a host with IPv6 as well says it cannot on every run
		# (open-mpi/ompi#14079).
		[ "$PS_ALLOC" != local ] || [[ $(ps_mpi_version "$program") == [0-4].* ]] || words+=(--mca btl ^tcp)
		local var
		for var in "${vars[@]}"; do words+=(-x "${var%%=*}"); done
		[ -z "${PARSUITE_HWTHREADS:-}" ] || words+=(--use-hwthread-cpus)
		if [ -n "$fits" ]; then
			local unit=core
			[ -z "${PARSUITE_HWTHREADS:-}" ] || unit=hwthread
			words+=(--map-by "ppr:$per_node:node:PE=$threads" --bind-to "$unit")
		else
			words+=(--oversubscribe --bind-to none)
		fi
		;;
	mpich) # runs as root, oversubscribes and binds nothing unasked; parsuite-mpi yields itself (mpi/mpi_wait.c)
		[ -z "$hostfile" ] || words+=(-f "$hostfile")
		[ "$nodes" -eq 1 ] || words+=(-ppn "$per_node")
		if [ -n "$fits" ]; then
			local unit=core
			[ -z "${PARSUITE_HWTHREADS:-}" ] || unit=hwthread
			words+=(-bind-to "$unit:$threads")
		fi
		;;
	esac
	echo "${words[@]}"
}
