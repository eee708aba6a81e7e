#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# fresh_root.sh [readme|mpich|openmpi5]: on a machine that has nothing. Builds a brand-new Debian
# root with mmdebstrap (apt, git and certificates only: Debian 12, or 13 for openmpi5), clones the
# commit under test into it and runs there.
# readme (the default): the README's promise, in the README's order:
#   1. as a normal user, ./jobs/local.sh --quick: must exit 3 with the one apt-get line, having
#      done no work;
#   2. as root, ./jobs/local.sh --quick: must exit 0 with every record verified but those of the
#      failures it shows on purpose (the deadlocks: one each, "failed as it should"), a report and
#      plots;
#   3. as root, ./tests/run.sh (the default preset): must pass.
# mpich: the second MPI library. As root, PARSUITE_MPI=mpich ./tests/run.sh mpi (MPICH's packages
#   instead of Open MPI's, then the MPI tests) must pass without a compiler warning, and Open MPI
#   must not be installed.
# openmpi5: the MPI new clusters run. In a Debian 13 root (Open MPI 5 with its PRRTE launcher, gcc
#   14, CMake 3.31), as root, step 2 above, then ./tests/run.sh mpi (the MPI tests, as mpich
#   runs them), must pass, with Open MPI 5 behind them and no compiler warning.
# Every mount lives in a private mount namespace and every process in a private PID namespace, so
# that whatever ends this script (a failure, Ctrl-C, SIGKILL) nothing stays mounted or running; the
# root itself is removed on exit. Skips (77) without root, mmdebstrap or the package archive,
# except in CI (CI=true), where it must run.
#   PARSUITE_FRESH_KEEP=1   keep the root (its path is printed) for a look afterwards
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-readme}
suite=bookworm release="Debian 12"
case $mode in readme | mpich) ;; openmpi5) suite=trixie release="Debian 13" ;; *)
	echo "fresh_root.sh: unknown mode '$mode' (readme, mpich or openmpi5)" >&2
	exit 2
	;;
esac

skip() {
	if [ "${CI:-}" = true ]; then
		echo "FAIL: $* (CI must run the fresh-root stage)"
		exit 1
	fi
	echo "skipped: $*"
	exit 77
}
[ "$(id -u)" -eq 0 ] || skip "a new root needs root (mmdebstrap, chroot, mounts)"
command -v mmdebstrap >/dev/null || skip "no mmdebstrap (apt-get install mmdebstrap)"
command -v unshare >/dev/null || skip "no unshare (util-linux)"
commit=$(git -C "$top" rev-parse HEAD 2>/dev/null) || skip "$top is not a git checkout"
if [ -n "$(git -C "$top" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	echo "note: uncommitted changes are not tested: the root gets commit $commit"
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/parsuite-root.XXXXXX") || exit 3
ns="" # the namespaces' first process
# shellcheck disable=SC2317 # called by the traps
cleanup() {
	[ -z "$ns" ] || kill -KILL "$ns" 2>/dev/null # and with it every process inside
	[ -z "$ns" ] || wait "$ns" 2>/dev/null
	if [ -n "${PARSUITE_FRESH_KEEP:-}" ]; then
		echo "kept: $root"
	else
		rm -rf --one-file-system "$root"
		rm -f "$root.mmdebstrap.log" # if stopped while mmdebstrap ran
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start=$SECONDS
log=$root.mmdebstrap.log
# (passwd: Debian 13's minimal root has no useradd)
if ! mmdebstrap --variant=apt --include=ca-certificates,git,passwd "$suite" "$root" >"$log" 2>&1; then
	tail -n 5 "$log"
	rm -f "$log"
	skip "mmdebstrap could not make a $release root (package archive unreachable?)"
fi
rm -f "$log"
# A machine knows its own name: without /etc/hosts, every lookup of it (Open MPI makes several
# per launch) waits for DNS.
cp /etc/hosts "$root/etc/hosts"
echo "root: $release in $((SECONDS - start)) s"
if ! git clone -q --no-hardlinks "$top" "$root/src/parsuite" || ! git -C "$root/src/parsuite" checkout -q "$commit"; then
	echo "FAIL: could not clone $top into the root"
	exit 1
fi

# What runs inside: its own mounts (gone with the namespace), then the mode's steps.
# shellcheck disable=SC2016 # expanded by the inner shell
inner='
set -u
root=$1 mode=$2
# What a machine has mounted: / itself (ip netns needs a mount there), /proc, /sys with its
# cgroups (slurmd needs them), /dev, /dev/shm, /tmp.
mount --bind "$root" "$root" && mount -t proc proc "$root/proc" && mount -t sysfs sys "$root/sys" &&
	mount --rbind /sys/fs/cgroup "$root/sys/fs/cgroup" && mount --bind /dev "$root/dev" &&
	mount -t tmpfs shm "$root/dev/shm" && mount -t tmpfs tmp "$root/tmp" || { echo "FAIL: mounts"; exit 1; }
env_=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 CI="${CI:-}")
# The other MPI stacks check that results agree in one round of the determinism test; the
# fresh Debian 12 root (Open MPI 4, as on this machine) keeps three.
[ "$mode" = readme ] || env_+=(PARSUITE_DETERMINISM_ROUNDS=1)
chroot "$root" useradd -m user || exit 1
cd_src="cd /src/parsuite &&"
# Whether the build in tests.log warned (a compiler warning, not the "update-alternatives:
# warning:" lines of apt).
warned() { grep -E "[.][ch]:[0-9]+:[0-9]+: warning:" "$root/tests.log"; }
# The eight longest tests of the run in tests.log, for whoever makes CI faster.
longest() {
	awk "/ Test +#[0-9]+: / && / sec\$/ { print \$(NF - 1), \$4 }" "$root/tests.log" | sort -rn | head -n 8 |
		awk "{ printf \"%s%s %s s\", (NR > 1 ? \", \" : \"longest tests: \"), \$2, \$1 } END { print \"\" }"
}

if [ "$mode" = mpich ]; then
	step=$SECONDS
	if ! chroot "$root" "${env_[@]}" HOME=/root PARSUITE_MPI=mpich sh -c "$cd_src ./tests/run.sh mpi" >"$root/tests.log" 2>&1; then
		echo "FAIL: PARSUITE_MPI=mpich ./tests/run.sh mpi in the fresh root:"; grep -E "tests passed|Failed|\*\*\*|FAIL|parsuite:" "$root/tests.log" | tail -n 40; exit 1
	fi
	! warned || { echo "FAIL: the build warns with MPICH"; exit 1; }
	# Without an MPI found, the build is the OpenMP half and the MPI tests do not exist: a record
	# must name MPICH.
	chroot "$root" "${env_[@]}" HOME=/root sh -c "$cd_src mpirun -np 2 build/default/mpi/parsuite-mpi hello --repeat 1 --warmup 0 --format csv --quiet" 2>&1 |
		grep -q ",MPICH Version:" || { echo "FAIL: parsuite-mpi was not built with MPICH"; exit 1; }
	version=$(chroot "$root" mpirun --version 2>&1 | awk "/Version:/ { print \$2; exit }")
	! chroot "$root" dpkg-query -W -f="\${Status}" libopenmpi-dev 2>/dev/null | grep -q "ok installed" ||
		{ echo "FAIL: Open MPI was installed beside MPICH"; exit 1; }
	echo "ok: MPICH $version: ./tests/run.sh mpi in the fresh root: $(grep "tests passed" "$root/tests.log") ($((SECONDS - step)) s, packages included)"
	longest
	exit 0
fi

if [ "$mode" != openmpi5 ]; then
step=$SECONDS
out=$(chroot --userspec=user:user "$root" "${env_[@]}" HOME=/home/user sh -c "$cd_src ./jobs/local.sh --quick" 2>&1)
rc=$?
if [ "$rc" -ne 3 ] || ! grep -q "^  apt-get update && apt-get install -y" <<<"$out"; then
	echo "FAIL: as a user, local.sh --quick exited $rc without the apt-get line:"; echo "$out" | tail -n 20; exit 1
fi
[ ! -e "$root/src/parsuite/build" ] && [ ! -e "$root/src/parsuite/results" ] ||
	{ echo "FAIL: as a user, local.sh did work before refusing"; exit 1; }
echo "ok: as a user, local.sh --quick exits 3 with: $(grep "apt-get update" <<<"$out" | sed "s/^ *//")"
fi

step=$SECONDS
chroot "$root" "${env_[@]}" HOME=/root sh -c "$cd_src ./jobs/local.sh --quick --out /src/results" >"$root/local.out" 2>"$root/local.err"
rc=$?
csv=$root/src/results/results.csv
unverified=$(awk -F, "NR == 1 { for (i = 1; i <= NF; i++) if (\$i == \"verified\") v = i; next } \$v != \"yes\"" "$csv" 2>/dev/null | wc -l)
demos=$(grep -c "failed as it should" "$root/local.err")
records=$(($(wc -l <"$csv" 2>/dev/null || echo 1) - 1))
plots=$(find "$root/src/results/plots" -name "*.png" -size +1k 2>/dev/null | wc -l)
if [ "$rc" -ne 0 ] || [ "$records" -lt 1 ] || [ "$unverified" -gt "$demos" ] || [ ! -s "$root/src/results/report.md" ] || [ "$plots" -lt 1 ]; then
	echo "FAIL: as root, local.sh --quick exited $rc ($records records, $unverified not verified, $demos failures shown on purpose, $plots plots):"
	tail -n 30 "$root/local.err"; exit 1
fi
echo "ok: as root, local.sh --quick exits 0: $records records, all verified but the $demos failures shown on purpose, report.md, $plots plots ($((SECONDS - step)) s, packages included)"
# No python3 in a new root (the sweep installs what it builds with, not Python): the Python pools
# are skipped, and said to be.
grep -q "python3 is not installed: skipping the Python pools" "$root/local.err" ||
	{ echo "FAIL: as root, local.sh did not say that it skipped the Python pools:"; tail -n 30 "$root/local.err"; exit 1; }
echo "ok: without python3, the sweep says it skipped the Python pools"
if [ "$mode" = openmpi5 ]; then
	version=$(chroot "$root" mpirun --version 2>&1 | awk "/Open MPI/ { print \$NF; exit }")
	case $version in 5.*) echo "ok: Open MPI $version" ;; *) echo "FAIL: not Open MPI 5 in the root: ${version:-none}"; exit 1 ;; esac
fi

# The test command: the whole suite in Debian 12; in Debian 13, what Open MPI 5 can change (the
# MPI tests, determinism and the MPI bad-input table, as the mpich stage runs them), which must
# build without a warning from gcc 14. The rest of the suite runs in the fresh Debian 12 root;
# here, the sweep above ran every workload but the Python pools (no python3 in a new root).
step=$SECONDS
command=./tests/run.sh
[ "$mode" != openmpi5 ] || command="./tests/run.sh mpi"
if ! chroot "$root" "${env_[@]}" HOME=/root PARSUITE_FRESH_ROOT=1 sh -c "$cd_src $command" >"$root/tests.log" 2>&1; then
	echo "FAIL: $command in the fresh root:"; grep -E "tests passed|Failed|\*\*\*|FAIL|parsuite[-a-z]*:" "$root/tests.log" | tail -n 40; exit 1
fi
[ "$mode" != openmpi5 ] || ! warned || { echo "FAIL: the build warns in Debian 13"; exit 1; }
echo "ok: $command in the fresh root: $(grep "tests passed" "$root/tests.log") ($((SECONDS - step)) s, packages included)"
longest
'
# The namespaces die with their first process, and every process and mount inside with them. It is
# killed when unshare dies (--kill-child), unshare when this script dies (--pdeathsig, even by
# SIGKILL), and by the traps; it runs in the background so that a signal is acted on at once.
setpriv --pdeathsig KILL -- unshare --mount --propagation private --pid --fork --kill-child \
	bash -c "$inner" inner "$root" "$mode" &
ns=$!
wait "$ns"
rc=$?
ns=""
echo "fresh root: $((SECONDS - start)) s in all"
exit "$rc"
