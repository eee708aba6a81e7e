#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# local-cluster.sh start DIR [NODES [SHAPE]] | run DIR COMMAND... | stop DIR: a private Slurm on
# this machine, for trying and testing the batch scripts (needs root and Debian's slurmctld slurmd
# slurm-client munge slurm-wlm-torque). Everything lives in DIR: the munge key and socket,
# slurm.conf, state, logs, pid files.
#   start DIR          one node: this machine as it is. Prints the SLURM_CONF to export.
#   start DIR N SHAPE  N nodes (2 to 9), each a host of jobs/multihost.sh (a network namespace
#                      with its own name, address, /dev/shm and /tmp) running its own slurmd,
#                      declared with SHAPE, SOCKETS:CORES:THREADS per node (default 2:16:2) that
#                      slurmd is told to trust (SlurmdParameters=config_overrides): the node
#                      shapes of a cluster, on a machine with fewer CPUs. Slurm can place tasks on
#                      them but bind none (TaskPlugin=task/none: the CPUs are not there). DIR
#                      must not be under /tmp, which each node has of its own.
#   run DIR COMMAND... COMMAND as a client of the cluster (sbatch, srun, squeue): inside host 0
#                      for N nodes (the hosts' network is theirs alone), with SLURM_CONF set.
#   stop DIR           cancels our jobs and stops only the daemons and hosts it started.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=jobs/lib.sh
. "$here/../lib.sh"
cmd=${1:-} dir=${2:-}
case $cmd in
start | stop | run) ;;
*) ps_die 2 "local-cluster.sh: unknown command '$cmd' (start DIR [NODES [SHAPE]], run DIR COMMAND..., stop DIR)" ;;
esac
[ -n "$dir" ] || ps_die 2 "local-cluster.sh: $cmd needs a directory"
conf=$dir/slurm.conf
hosts=$dir/hosts # jobs/multihost.sh's, with several nodes

# client COMMAND...: COMMAND where the cluster's clients run
client() {
	if [ -s "$hosts/hostfile" ]; then
		"$here/../multihost.sh" exec "$hosts" 0 env SLURM_CONF="$conf" "$@"
	else
		SLURM_CONF=$conf "$@"
	fi
}

stop() {
	[ ! -f "$conf" ] || client scancel --quiet --user root 2>/dev/null || true
	local pidfile
	for pidfile in "$dir"/slurmd*.pid "$dir/slurmctld.pid" "$dir/munged.pid"; do
		[ -f "$pidfile" ] || continue
		kill "$(cat "$pidfile")" 2>/dev/null || true
		rm -f "$pidfile"
	done
	local steps # steps outlive slurmd; they inherit its mark (ps_pids_marked: exact, not a pattern)
	steps=$(ps_pids_marked "cluster:$dir")
	# shellcheck disable=SC2086 # pids: numbers only
	[ -z "$steps" ] || kill $steps 2>/dev/null || true
	sleep 0.5 # let the daemons go before anyone starts new ones
	[ ! -d "$hosts" ] || "$here/../multihost.sh" down "$hosts"
}

idle() { [ "$(client sinfo -h -o %T | sort -u)" = idle ]; } # every node

wait_for() { # wait_for SECONDS WHAT COMMAND...
	local until=$((SECONDS + $1)) what=$2
	shift 2
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$until" ] || { echo "local-cluster.sh: $what did not come up; see $dir/*.log" >&2; stop; exit 3; }
		sleep 0.2
	done
}

start_munged() {
	mkdir -p "$dir/state" "$dir/spool" "$dir/munge" "$dir/socket"
	chmod 0755 "$dir" # the munge user must reach its directories below
	chown munge:munge "$dir/munge" "$dir/socket"
	chmod 0700 "$dir/munge"
	chmod 0755 "$dir/socket" # munged wants its socket's directory open to every client
	dd if=/dev/urandom of="$dir/munge/key" bs=1024 count=1 status=none
	chown munge:munge "$dir/munge/key"
	chmod 0400 "$dir/munge/key"
	setsid setpriv --reuid=munge --regid=munge --init-groups munged -F --key-file="$dir/munge/key" \
		--socket="$dir/socket/munge" --pid-file="$dir/munge/pid" --log-file="$dir/munge/log" \
		--seed-file="$dir/munge/seed" >/dev/null 2>&1 &
	echo $! >"$dir/munged.pid"
	wait_for 10 munged test -S "$dir/socket/munge"
}

# The lines every configuration shares; then the nodes'.
common_conf() {
	local libdir
	libdir=$(dirname "$(find /usr/lib -name spank_pbs.so -path '*slurm*' | head -n 1)")
	echo "optional $libdir/spank_pbs.so" >"$dir/plugstack.conf"
	cat <<EOF
ClusterName=parsuite
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/socket/munge
StateSaveLocation=$dir/state
SlurmctldPidFile=$dir/slurmctld.daemon.pid
SlurmctldLogFile=$dir/slurmctld.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=pmix
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=batch_sched_delay=0
EnforcePartLimits=ALL
MinJobAge=4
ReturnToService=2
PlugStackConfig=$dir/plugstack.conf
EOF
}

partitions() {
	echo "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP"
	echo "PartitionName=batch Nodes=ALL Default=NO MaxTime=INFINITE State=UP"
}

start_one() {
	local host node memory
	host=$(hostname -s)
	node=$(slurmd -C | head -n 1 | sed -E 's/ RealMemory=([0-9]+)//')
	memory=$(($(slurmd -C | sed -nE 's/.*RealMemory=([0-9]+).*/\1/p') * 95 / 100))
	{
		common_conf
		echo "SlurmctldHost=$host(127.0.0.1)"
		echo "SlurmdSpoolDir=$dir/spool"
		echo "SlurmdPidFile=$dir/slurmd.daemon.pid"
		echo "SlurmdLogFile=$dir/slurmd.log"
		echo "$node RealMemory=$memory NodeAddr=127.0.0.1 State=UNKNOWN"
		partitions
	} >"$conf"
	setsid slurmctld -D -c -f "$conf" >"$dir/slurmctld.out" 2>&1 &
	echo $! >"$dir/slurmctld.pid"
	PARSUITE_LAUNCH=cluster:$dir setsid slurmd -D -f "$conf" -N "$host" >"$dir/slurmd.out" 2>&1 &
	echo $! >"$dir/slurmd.pid"
}

# What a node needs inside its host: a /tmp of its own (Slurm's PMIx directories are named per
# job, not per node) and the cgroup hierarchies slurmd reads, which `ip netns exec` hides.
# shellcheck disable=SC2016 # expanded by the node's shell
node_setup='mount -t tmpfs tmp /tmp && mount -t tmpfs cgroup /sys/fs/cgroup &&
for c in cpu cpuacct cpuset memory devices freezer blkio pids; do
	mkdir -p "/sys/fs/cgroup/$c" && mount -t cgroup -o "$c" cgroup "/sys/fs/cgroup/$c" || exit 1
done && mkdir -p /sys/fs/cgroup/systemd && mount -t cgroup -o none,name=systemd cgroup /sys/fs/cgroup/systemd &&
exec slurmd -D -f "$1" -N "$2"'

start_nodes() {
	local n=$1 shape=$2 sockets cores threads h name addr names=() addrs=()
	IFS=: read -r sockets cores threads <<<"$shape"
	case $dir in /tmp | /tmp/*) ps_die 2 "local-cluster.sh: '$dir' is under /tmp, which each node has of its own" ;; esac
	"$here/../multihost.sh" up "$hosts" "$n" >/dev/null
	while read -r addr name; do addrs+=("$addr") names+=("$name"); done <"$hosts/hosts"
	{
		common_conf
		echo "SlurmctldHost=${names[0]}(${addrs[0]})"
		echo "SlurmdSpoolDir=$dir/spool/%n"
		echo "SlurmdPidFile=$dir/slurmd.%n.daemon.pid"
		echo "SlurmdLogFile=$dir/slurmd.%n.log"
		echo "SlurmdParameters=config_overrides"
		for ((h = 0; h < n; h++)); do
			echo "NodeName=${names[h]} NodeAddr=${addrs[h]} Sockets=$sockets CoresPerSocket=$cores ThreadsPerCore=$threads RealMemory=4000 State=UNKNOWN"
		done
		partitions
	} >"$conf"
	setsid "$here/../multihost.sh" exec "$hosts" 0 slurmctld -D -c -f "$conf" >"$dir/slurmctld.out" 2>&1 &
	echo $! >"$dir/slurmctld.pid"
	for ((h = 0; h < n; h++)); do
		mkdir -p "$dir/spool/${names[h]}"
		PARSUITE_LAUNCH=cluster:$dir setsid "$here/../multihost.sh" exec "$hosts" "$h" \
			sh -c "$node_setup" sh "$conf" "${names[h]}" >"$dir/slurmd.$h.out" 2>&1 &
		echo $! >"$dir/slurmd.$h.pid"
	done
}

start() {
	local n=${1:-1} shape=${2:-2:16:2}
	[[ $n =~ ^[1-9]$ ]] || ps_die 2 "local-cluster.sh: start: '$n' nodes: give 1 to 9"
	[[ $shape =~ ^[1-8]:[1-9][0-9]{0,2}:[1-4]$ ]] || ps_die 2 "local-cluster.sh: start: shape '$shape' is not SOCKETS:CORES:THREADS (e.g. 2:16:2)"
	[ "$(id -u)" -eq 0 ] || ps_die 3 "local-cluster.sh: needs root (munged and slurmd run as root here)"
	for tool in munged slurmctld slurmd sbatch; do
		command -v "$tool" >/dev/null || ps_die 3 "local-cluster.sh: $tool is missing: apt-get install slurmctld slurmd slurm-client munge slurm-wlm-torque"
	done
	start_munged
	if [ "$n" -eq 1 ]; then start_one; else start_nodes "$n" "$shape"; fi
	wait_for 30 "the nodes" idle
	wait_for 30 "the first job" client timeout 10 srun -N "$n" -n "$n" true # the first scheduling pass
	printf 'export SLURM_CONF=%q\n' "$conf" # for eval: the path quoted, never code
}

case $cmd in
start)
	shift 2
	start "$@"
	;;
run)
	[ $# -gt 2 ] || ps_die 2 "local-cluster.sh: run needs a command"
	shift 2
	client "$@"
	;;
stop) stop ;;
esac
