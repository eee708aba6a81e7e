#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# multihost.sh BUILD: parsuite-mpi across three "hosts" on this machine (jobs/multihost.sh:
# network namespaces with their own hostnames, Open MPI's rsh launcher through an agent).
# Checks that every workload verifies with 2 ranks per host, and every hybrid one with 1 rank of 2
# threads per host (the node leaders of squares' shared variant sending between hosts); that
# traffic between hosts went
# over TCP (Open MPI's BTL choice, and the byte counters of a host's link); that taking a
# host's link down mid-run ends the job non-zero within 15 s; and that nothing the test made is
# left: namespaces, links, processes, files. Skips (77) without root or iproute2.
set -u -m
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: multihost.sh BUILD}
mpi=$build/mpi/parsuite-mpi hosts=$top/jobs/multihost.sh
[ "$(id -u)" -eq 0 ] || { echo "skipped: network namespaces need root"; exit 77; }
command -v ip >/dev/null || { echo "skipped: no ip (apt-get install iproute2)"; exit 77; }
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
[ "$(ps_mpi_library)" = openmpi ] || {
	echo "skipped: the hosts are reached through Open MPI's rsh agent (plm_rsh_agent), and this mpirun is $(ps_mpi_library)"
	exit 77
}
dir=$(mktemp -d)
cleanup() { "$hosts" down "$dir/hosts" >/dev/null 2>&1; rm -rf "$dir"; }
trap cleanup EXIT
fail() {
	echo "FAIL: $*"
	tail -n 25 "$dir/err" 2>/dev/null
	exit 1
}
"$hosts" up "$dir/hosts" 3 || fail "the hosts did not come up"
tag=$(ip netns list | awk '{ print $1 }' | grep -- "-br$" | while read -r n; do
	grep -q "${n%-br}-n0" "$dir/hosts/hostfile" && echo "${n%-br}"; done)
[ -n "$tag" ] || fail "no bridge namespace"
run() { timeout 120 "$hosts" mpirun "$dir/hosts" "$@" </dev/null; }

# Every workload across the hosts, verified; every record says 3 nodes.
for args in "hello" "squares --variant block --size 2000003" "squares --variant pool --size 200003" \
	"factorials --variant pool --size 700" "prodcons --variant send --items 20000" \
	"share --variant rma --size 2000" "share --variant shared-memory --size 2000" \
	"iobound --tasks 12 --latency-us 2000"; do
	read -ra a <<<"$args"
	run -np 6 "$mpi" "${a[@]}" --repeat 2 --format csv --quiet --output "$dir/r.csv" >/dev/null 2>"$dir/err" ||
		fail "exit $? from: $args"
done
# The three hosts are one machine: its cores count once, and 6 ranks on fewer are oversubscribed.
cores=$(nproc) over=no
[ "$cores" -ge 6 ] || over=yes
bad=$(awk -f "$top/jobs/csv2tsv.awk" "$dir/r.csv" | awk -F'\t' -v cores="$cores" -v over="$over" '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["verified"] != "yes" || $c["nodes"] != 3 || $c["workers"] != 6 || $c["cores"] != cores ||
	$c["oversubscribed"] != over { print $c["workload"], $c["variant"], $c["verified"], $c["nodes"],
		$c["cores"], $c["oversubscribed"] }')
[ -z "$bad" ] || fail "not verified on 3 nodes of one $cores-core machine (oversubscribed $over): $bad"
echo "ok: 8 runs of 6 ranks on 3 hosts, every result verified; $cores cores, oversubscribed $over"

# Hybrid: one rank of 2 threads on each host (3 x 2), unbound (the hosts share this machine's cores:
# multihost.sh's mpirun says --bind-to none, which Open MPI 5 refuses to be told twice).
for args in "hello" "squares --variant shared --size 2000003" "squares --variant local --size 2000003" \
	"squares --variant pool --size 200003" "factorials --variant pool --size 700" "fill --size 2000003" \
	"cpubound --tasks 12 --latency-us 2000"; do
	read -ra a <<<"$args"
	run -np 3 --map-by node "$mpi" "${a[@]}" --threads 2 --repeat 2 --format csv --quiet \
		--output "$dir/h.csv" >/dev/null 2>"$dir/err" || fail "exit $? from hybrid: $args"
done
bad=$(awk -f "$top/jobs/csv2tsv.awk" "$dir/h.csv" | awk -F'\t' '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["verified"] != "yes" || $c["nodes"] != 3 || $c["ranks"] != 3 || $c["threads"] != 2 ||
	$c["workers"] != 6 { print $c["workload"], $c["variant"], $c["verified"], $c["nodes"], $c["ranks"], $c["threads"] }
	END { if (NR != 8) print NR - 1 " records, expected 7" }')
[ -z "$bad" ] || fail "hybrid runs not verified as 3 ranks x 2 threads on 3 nodes: $bad"
echo "ok: 7 hybrid runs of 3 hosts x 1 rank x 2 threads, every result verified"

# TCP between hosts: Open MPI says which BTL reaches each peer, and host 1's link counted bytes.
tx() { ip netns exec "$tag-1" cat /sys/class/net/eth0/statistics/tx_bytes; }
before=$(tx)
run -np 6 --mca btl_base_verbose 100 "$mpi" squares --variant block --size 4000000 --repeat 1 --warmup 0 \
	--quiet >/dev/null 2>"$dir/err" || fail "the verbose run failed"
moved=$(($(tx) - before))
grep -q "Using tcp btl for send to .* on node $tag-n1" "$dir/err" || fail "no TCP BTL chosen to reach host 1"
grep -Eq "Using (vader|sm) btl for send to .* on node $tag-n0" "$dir/err" || fail "no shared memory within host 0" # Open MPI 5: sm
# rank 0 on host 0 gathers 2 ranks' 4e6/6 squares of 8 bytes each from host 1 over its link
[ "$moved" -gt 10000000 ] || fail "host 1 sent only $moved bytes"
echo "ok: TCP between hosts (Open MPI's choice), shared memory within; host 1 sent $moved bytes over its link"

# A fault: host 2's link goes down mid-run; the job must end, non-zero, within 15 s.
run -np 6 "$mpi" iobound --tasks 1200 --latency-us 100000 --repeat 1 --warmup 0 --quiet >"$dir/out" 2>"$dir/err" &
job=$!
sleep 3
"$hosts" link "$dir/hosts" 2 down
t0=$SECONDS
wait "$job"
rc=$?
took=$((SECONDS - t0))
# Open MPI 5.0.7's launcher ends the job ("PRTE has lost communication with a remote daemon") but
# exits 0: then the job must have written no record.
if [ "$rc" -eq 0 ] && grep -q "lost communication with a remote daemon" "$dir/err" && [ ! -s "$dir/out" ]; then
	rc="0 (Open MPI 5's launcher, no record)"
fi
[ "$rc" != 0 ] || fail "the job exited 0 with a host cut off, $took s after: $(tail -n 5 "$dir/err")"
[ "$took" -le 15 ] || fail "the job took $took s to end after the link went down"
echo "ok: host 2's link down: the job ended in $took s with exit $rc: $(grep -m 1 -iE "lost|unreachable|communication" "$dir/err" | sed 's/^ *//')"

# Nothing left behind.
"$hosts" down "$dir/hosts"
left=$(ip netns list | grep -c "^$tag-")
[ "$left" -eq 0 ] || fail "$left namespaces left"
[ -z "$(ls -d /etc/netns/"$tag"-* 2>/dev/null)" ] || fail "/etc/netns entries left"
[ -n "$(ps_pids_holding parsuite-mpi "$dir")" ] && fail "processes left"
[ -z "$(ls "$dir/hosts")" ] || fail "files left: $(ls "$dir/hosts")"
echo "ok: every namespace, link, process and file removed"
