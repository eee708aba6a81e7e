#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# local-cluster.sh start|stop DIR: a private single-node Slurm on this machine, for trying and
# testing the batch scripts (needs root and Debian's slurmctld slurmd slurm-client munge
# slurm-wlm-torque). Everything lives in DIR: the munge key and socket, slurm.conf, state, logs,
# pid files. `start` prints the SLURM_CONF to export; `stop` cancels our jobs and stops only the
# daemons it started.
set -euo pipefail
# shellcheck source=jobs/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cmd=${1:-} dir=${2:-}
case $cmd in
start | stop) ;;
*) ps_die 2 "local-cluster.sh: unknown command '$cmd' (start DIR, stop DIR)" ;;
esac
[ -n "$dir" ] || { echo "local-cluster.sh: $cmd needs a directory" >&2; exit 2; }
conf=$dir/slurm.conf

stop() {
		if [ -f "$conf" ]; then
		SLURM_CONF=$conf scancel --quiet --user root 2>/dev/null || true
	fi
	for daemon in slurmd slurmctld munged; do
		if [ -f "$dir/$daemon.pid" ]; then
			kill "$(cat "$dir/$daemon.pid")" 2>/dev/null || true
			rm -f "$dir/$daemon.pid"
		fi
	done
	local steps # steps outlive slurmd; they inherit its mark (ps_pids_marked: exact, not a pattern)
	steps=$(ps_pids_marked "cluster:$dir")
	# shellcheck disable=SC2086 # pids: numbers only
	[ -z "$steps" ] || kill $steps 2>/dev/null || true
	sleep 0.5 # let the daemons go before anyone starts new ones
}

wait_for() { # wait_for SECONDS WHAT COMMAND...
	local until=$((SECONDS + $1)) what=$2
	shift 2
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$until" ] || { echo "local-cluster.sh: $what did not come up; see $dir/*.log" >&2; stop; exit 3; }
		sleep 0.2
	done
}

start() {
	[ "$(id -u)" -eq 0 ] || { echo "local-cluster.sh: needs root (munged and slurmd run as root here)" >&2; exit 3; }
	for tool in munged slurmctld slurmd sbatch; do
		command -v "$tool" >/dev/null || { echo "local-cluster.sh: $tool is missing: apt-get install slurmctld slurmd slurm-client munge slurm-wlm-torque" >&2; exit 3; }
	done
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
	local host node libdir
	host=$(hostname -s)
	node=$(slurmd -C | head -n 1 | sed -E 's/ RealMemory=([0-9]+)//')
	memory=$(($(slurmd -C | sed -nE 's/.*RealMemory=([0-9]+).*/\1/p') * 95 / 100))
	libdir=$(dirname "$(find /usr/lib -name spank_pbs.so -path '*slurm*' | head -n 1)")
	echo "optional $libdir/spank_pbs.so" >"$dir/plugstack.conf"
	cat >"$conf" <<EOF
ClusterName=parsuite
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/socket/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.daemon.pid
SlurmdPidFile=$dir/slurmd.daemon.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
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
$node RealMemory=$memory NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
PartitionName=batch Nodes=ALL Default=NO MaxTime=INFINITE State=UP
EOF
	setsid slurmctld -D -c -f "$conf" >"$dir/slurmctld.out" 2>&1 &
	echo $! >"$dir/slurmctld.pid"
	PARSUITE_LAUNCH=cluster:$dir setsid slurmd -D -f "$conf" -N "$host" >"$dir/slurmd.out" 2>&1 &
	echo $! >"$dir/slurmd.pid"
	export SLURM_CONF=$conf
	wait_for 20 "the node" sh -c "sinfo -h -o %T | grep -q idle"
	wait_for 30 "the first job" timeout 10 srun -n 1 true # the first scheduling pass
	printf 'export SLURM_CONF=%q\n' "$conf" # for eval: the path quoted, never code
}

if [ "$cmd" = start ]; then start; else stop; fi
