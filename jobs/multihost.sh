#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# multihost.sh: several MPI "hosts" on one Linux machine, for trying multi-host runs without a
# cluster (root, iproute2, util-linux). Each host is a network namespace with its own hostname
# (a UTS namespace), its own /dev/shm and TMPDIR, and a link to a private bridge (10.77.0.0/24,
# in a namespace of its own: the machine's own network is not touched). Ranks on different hosts
# talk TCP; ranks on one host use shared memory, as on a cluster.
#   multihost.sh up DIR [N]        make N hosts (default 2) described in DIR (created)
#   multihost.sh mpirun DIR ARGS   mpirun inside host 0 over every host (--hostfile, the rsh agent,
#                                  the TCP settings and short OOB keepalives added); ARGS as for
#                                  mpirun, e.g. -np 4 build/release/mpi/parsuite-mpi hello
#   multihost.sh exec DIR HOST PROGRAM ARGS...   PROGRAM inside host HOST, its arguments passed as
#                                  they are (jobs/slurm/local-cluster.sh starts its nodes so)
#   multihost.sh link DIR HOST up|down   take host HOST's link down or up (a fault)
#   multihost.sh down DIR          remove every namespace, link, process and file of DIR
# Open MPI starts its remote daemons through DIR/agent (plm_rsh_agent), which enters the host.
# UCX is left out (pml ob1, osc ^ucx): it cannot reach across these hosts, and its one-sided
# component fails window creation with MPI_ERR_WIN; osc pt2pt runs one-sided over TCP.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
net=10.77.0

# shellcheck source=jobs/lib.sh
. "$here/lib.sh"
die() { ps_die "${2:-2}" "multihost.sh: $1"; } # die MESSAGE [STATUS]: exit 2 or STATUS
cmd=${1:-} dir=${2:-}
case $cmd in up | mpirun | link | down | enter | exec) ;; *) die "unknown command '$cmd' (up, mpirun, exec, link, down)" ;; esac
[ -n "$dir" ] || die "$cmd needs a directory"
if [ "$cmd" = up ] && ! [[ ${3:-2} =~ ^[2-9]$ ]]; then
	die "up: '${3:-}' hosts: give 2 to 9"
fi
[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)" 3
if ! command -v ip >/dev/null || ! command -v nsenter >/dev/null || ! command -v mount >/dev/null; then
	die "needs ip (iproute2), nsenter (util-linux) and mount (mount): apt-get install iproute2 util-linux mount" 3
fi
if [ "$cmd" = up ]; then
	mkdir -p "$dir" || die "cannot create '$dir'" 3
fi
[ -d "$dir" ] || die "no hosts in '$dir' (multihost.sh up $dir first)"
dir=$(cd "$dir" && pwd)
tag=ps$(echo "$dir" | md5sum | cut -c1-6) # names unique to DIR: several sets can coexist

ns() { echo "$tag-$1"; }         # the namespace of host N ("br": the bridge's)
hostname_of() { echo "$tag-n$1"; } # distinct hostnames: Open MPI names shared memory by host

# enter HOST CMD...: CMD inside host HOST: its network, hostname, /dev/shm and TMPDIR
enter() {
	local h=$1
	shift
	# shellcheck disable=SC2016 # expanded by the inner shell
	TMPDIR=$dir/tmp-$h exec ip netns exec "$(ns "$h")" nsenter --uts="$dir/uts-$h" \
		sh -c 'mount -t tmpfs -o size=1g tmpfs /dev/shm && exec "$@"' sh "$@"
}

down() {
	local n
	for n in $(ip netns list | awk '{ print $1 }' | grep "^$tag-" || true); do
		ip netns pids "$n" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
	done
	sleep 0.2
	for n in $(ip netns list | awk '{ print $1 }' | grep "^$tag-" || true); do
		ip netns del "$n" 2>/dev/null || true
		rm -rf "/etc/netns/$n"
	done
	for n in "$dir"/uts-*; do
		[ -e "$n" ] || continue
		umount "$n" 2>/dev/null || true
		rm -f "$n"
	done
	rm -rf "$dir"/tmp-* "$dir/agent" "$dir/program" "$dir/hostfile" "$dir/hosts"
}

up() {
	local hosts=$1 h
	down # a set left behind by a killed run
	ip netns add "$(ns br)"
	ip -n "$(ns br)" link add br0 type bridge
	ip -n "$(ns br)" link set br0 up
	: >"$dir/hosts"
	for ((h = 0; h < hosts; h++)); do
		echo "$net.$((h + 1)) $(hostname_of "$h")" >>"$dir/hosts"
	done
	: >"$dir/hostfile"
	for ((h = 0; h < hosts; h++)); do
		local n
		n=$(ns "$h")
		ip netns add "$n"
		ip -n "$n" link set lo up
		ip -n "$n" link add eth0 type veth peer name "veth$h" netns "$(ns br)"
		ip -n "$n" addr add "$net.$((h + 1))/24" dev eth0
		ip -n "$n" link set eth0 up
		ip -n "$(ns br)" link set "veth$h" master br0 up
		mkdir -p "/etc/netns/$n" "$dir/tmp-$h"
		cp "$dir/hosts" "/etc/netns/$n/hosts"
		touch "$dir/uts-$h"
		unshare --uts="$dir/uts-$h" hostname "$(hostname_of "$h")"
		echo "$(hostname_of "$h") slots=2" >>"$dir/hostfile"
	done
	# The rsh agent Open MPI calls as: agent [options] HOST COMMAND... It finds the cluster's
	# directory as its own and multihost.sh in a file: no path is pasted into it as code.
	printf '%s\n' "$here/multihost.sh" >"$dir/program"
	cat >"$dir/agent" <<'AGENT'
#!/bin/sh
dir=$(dirname "$0")
while [ "${1#-}" != "$1" ]; do shift; done # ssh-style options, if any
host=0
while read -r name _; do # HOST's line of the hostfile, from 0, compared exactly
	[ "$name" = "$1" ] && break
	host=$((host + 1))
done <"$dir/hostfile"
shift
IFS= read -r program <"$dir/program"
exec "$program" enter "$dir" "$host" "$*"
AGENT
	chmod +x "$dir/agent"
	echo "multihost.sh: $hosts hosts up: $(cut -d' ' -f1 "$dir/hostfile" | tr '\n' ' ')($net.0/24)"
}

case $cmd in
up) up "${3:-2}" ;;
down) down ;;
enter) # enter DIR HOST COMMAND-STRING: used by the agent
	h=${3:?} && shift 3 && enter "$h" sh -c "$*" ;;
exec)
	h=${3:-}
	[[ $h =~ ^[0-9]$ ]] && [ -e "$dir/uts-$h" ] || die "exec: no host '$h' in $dir"
	[ $# -gt 3 ] || die "exec: no program to run"
	shift 3
	enter "$h" "$@"
	;;
link)
	h=${3:-} state=${4:-}
	[[ $h =~ ^[0-9]$ ]] || die "link: '$h' is not a host number"
	[ -e "$dir/uts-$h" ] || die "link: no host $h in $dir"
	case $state in up | down) ;; *) die "link: '$state' is not up or down" ;; esac
	ip -n "$(ns br)" link set "veth$h" "$state"
	;;
mpirun)
	[ -s "$dir/hostfile" ] || die "no hosts in '$dir' (multihost.sh up $dir first)"
	[ "$(ps_mpi_library)" = openmpi ] ||
		die "mpirun: the hosts are reached through Open MPI's rsh agent, and this mpirun is $(ps_mpi_library)" 3
	shift 2
	root=()
	[ "$(id -u)" -ne 0 ] || root=(--allow-run-as-root)
	enter 0 mpirun "${root[@]}" --hostfile "$dir/hostfile" --mca plm_rsh_agent "$dir/agent" \
		--mca pml ob1 --mca osc ^ucx --mca btl tcp,vader,self --mca btl_tcp_if_include "$net.0/24" \
		--mca oob_tcp_if_include "$net.0/24" --bind-to none \
		--mca oob_tcp_keepalive_time 5 --mca oob_tcp_keepalive_intvl 2 \
		--mca oob_tcp_keepalive_probes 3 --mca mpi_yield_when_idle 1 "$@"
	# keepalives: a lost host ends the job in ~10 s, not ~8 min. Yielding: every host's ranks
	# share this one machine's cores, which no host's Open MPI knows of; ranks that spin while
	# they wait take the cores from the rank they wait for (share rma: 10x slower, 120 s tails)
	;;
esac
