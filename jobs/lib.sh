#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Helpers the job and test scripts share; source it, do not run it.
#   ps_need_packages PKG...  install missing Debian packages (as root), or print the apt-get line
#                            to run and exit 3
#   ps_mpi_library [PROGRAM] openmpi, mpich or other: the MPI library behind PROGRAM
#                            (default PARSUITE_MPIRUN, else mpirun)
#   ps_mpi_version [PROGRAM] its version, e.g. 4.1.4 or 5.0.7
#   ps_mpirun NP [T]         the launch command for NP ranks of T threads each, placed from the
#                            job's allocation (jobs/placement.sh, which says how); the one place
#                            that knows each launcher's and library's flags: the tests use it too
#   ps_cores                 the cores this process may use (jobs/placement.sh)
#   ps_programs TOP          sets PS_OMP, PS_MPI, PS_REPORT (the programs; PS_MPI may not exist,
#                            if MPI was not found) and PS_RESULTS (where results go by default):
#                            PARSUITE_BUILD=DIR: that build tree, used as it is; scripts of an
#                            installation (share/parsuite/jobs): its bin/, results under the
#                            working directory; else the release build of the source tree at TOP,
#                            brought up to date, results under TOP
#   ps_pids_holding TEXT...  the pids of this user's processes (not this shell) whose command
#                            line holds every TEXT, compared as text: never a pattern, so that a
#                            path with '|', '+' or '[' is only itself
#   ps_pids_marked MARK      the pids of this user's processes whose environment holds
#                            PARSUITE_LAUNCH=MARK exactly (a launch's ranks inherit it)
#   ps_mpirun_reap PID MARK  after an mpirun (PID) has ended: kills what is left of its ranks
#                            (ps_pids_marked MARK) and removes Open MPI's
#                            session directory of PID from TMPDIR (ps_mpirun_sessions PID: 4.1's
#                            ompi.HOST.UID/pid.PID, 5's prterun.HOST.PID.UID). Both stay behind only when
#                            mpirun itself died of a signal: Open MPI 4.1.4's did, on SIGTERM, in
#                            CI here (as open-mpi/ompi#13650 reports for 5.0).
#   ps_die STATUS MESSAGE    MESSAGE on stderr as one line whatever values it quotes (a line
#                            break written as \n), then exit STATUS

ps_die() {
	local message=$2
	echo "${message//$'\n'/\\n}" >&2
	exit "$1"
}

ps_missing_packages() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
	done
}

ps_need_packages() {
	[ -z "${PARSUITE_SKIP_PACKAGES:-}" ] || return 0 # batch jobs: the build was made beforehand
	[ -f "$ps_jobs/../CMakeLists.txt" ] || return 0 # installed: its package brought what it needs
	if ! command -v dpkg-query >/dev/null 2>&1; then
		echo "parsuite: not a Debian/Ubuntu system; make sure these (or your system's equivalents) are installed: $*" >&2
		return 0
	fi
	local missing=()
	mapfile -t missing < <(ps_missing_packages "$@")
	[ "${#missing[@]}" -gt 0 ] || return 0
	local line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "parsuite: missing packages; run as root:" >&2
		echo "  $line" >&2
		exit 3
	fi
	echo "parsuite: installing ${missing[*]}" >&2
	local quiet=""
	if [ ! -e /usr/sbin/policy-rc.d ]; then # keep package scripts from starting services
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && quiet=1
	fi
	local ok=1
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2 || ok=""
	[ -z "$quiet" ] || rm -f /usr/sbin/policy-rc.d
	if [ -z "$ok" ]; then
		echo "parsuite: could not install the packages; try: $line" >&2
		exit 3
	fi
}

# The MPI library to install: PARSUITE_MPI=openmpi (Debian's default) or mpich; unset, the one
# already installed where only MPICH is (installing both makes them fight over mpirun).
ps_mpi=${PARSUITE_MPI:-}
if [ -z "$ps_mpi" ]; then
	ps_mpi=openmpi
	[ -n "$(ps_missing_packages libmpich-dev)" ] || [ -z "$(ps_missing_packages libopenmpi-dev)" ] || ps_mpi=mpich
fi
case $ps_mpi in
openmpi) PS_MPI_PACKAGES=(openmpi-bin libopenmpi-dev) ;;
mpich) PS_MPI_PACKAGES=(mpich libmpich-dev) ;;
*) ps_die 2 "PARSUITE_MPI: unknown value '$ps_mpi' (openmpi or mpich)" ;;
esac
# shellcheck disable=SC2034 # used by the scripts that source this file
PS_BUILD_PACKAGES=(cmake make gcc pkg-config libgmp-dev libhwloc-dev hwloc "${PS_MPI_PACKAGES[@]}" libcsv-dev libjansson-dev gnuplot-nox help2man)
# shellcheck disable=SC2034 # checked builds (clang, libomp, valgrind), namespaces (iproute2), Slurm, the Python pools, the licence check (reuse)
PS_TEST_PACKAGES=("${PS_BUILD_PACKAGES[@]}" python3 libcunit1-dev valgrind clang libomp-dev libclang-rt-dev iproute2 slurmctld slurmd slurm-client munge slurm-wlm-torque lmod dpkg-dev file man-db mount reuse lintian jq)
# shellcheck disable=SC2034 # the fresh-machine stage of the tests (a new Debian root)
PS_FRESH_PACKAGES=(mmdebstrap)

ps_jobs=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) # where these scripts are
# shellcheck source=jobs/placement.sh
. "$ps_jobs/placement.sh"

# shellcheck disable=SC2034 # PS_OMP, PS_MPI, PS_REPORT, PS_PYTHON, PS_RESULTS: for the scripts that source this
ps_programs() {
	local build=${PARSUITE_BUILD:-} bin=$ps_jobs/../../../bin
	PS_RESULTS=$1/results
	if [ -z "$build" ] && [ ! -f "$1/CMakeLists.txt" ] && [ -x "$bin/parsuite-omp" ]; then
		bin=$(cd "$bin" && pwd) # installed: share/parsuite/jobs beside bin/
		PS_OMP=$bin/parsuite-omp PS_MPI=$bin/parsuite-mpi PS_REPORT=$bin/parsuite-report
		PS_PYTHON=$bin/parsuite-python
		PS_RESULTS=$PWD/results
		return
	fi
	if [ -z "$build" ]; then
		build=$1/build/release
		cmake --preset release -S "$1" >/dev/null
		cmake --build "$build" -j "$(ps_cores)" >/dev/null
	fi
	PS_OMP=$build/omp/parsuite-omp PS_MPI=$build/mpi/parsuite-mpi
	PS_REPORT=$build/report/parsuite-report PS_PYTHON=$1/python/parsuite-python
}

ps_pids_holding() {
	local f pid text words=() IFS=' '
	for f in /proc/[0-9]*/cmdline; do
		pid=${f#/proc/} pid=${pid%/cmdline}
		[ "$pid" != "$$" ] && [ "$pid" != "$BASHPID" ] && [ -O "$f" ] || continue
		mapfile -d '' words 2>/dev/null <"$f" || continue
		for text; do
			[[ "${words[*]}" == *"$text"* ]] || continue 2
		done
		echo "$pid"
	done
}

ps_pids_marked() {
	local f pid entry vars=()
	for f in /proc/[0-9]*/environ; do
		pid=${f#/proc/} pid=${pid%/environ}
		[ "$pid" != "$$" ] && [ "$pid" != "$BASHPID" ] && [ -O "$f" ] || continue
		mapfile -d '' vars 2>/dev/null <"$f" || continue
		for entry in "${vars[@]}"; do
			if [ "$entry" = "PARSUITE_LAUNCH=$1" ]; then
				echo "$pid"
				break
			fi
		done
	done
}

ps_mpirun_reap() {
	local pid=$1 mark=$2 dir ranks
	ranks=$(ps_pids_marked "$mark")
	# shellcheck disable=SC2086 # pids: numbers only
	[ -z "$ranks" ] || kill -KILL $ranks 2>/dev/null || true
	! kill -0 "$pid" 2>/dev/null || return 0 # still running, or the pid is another process's now
	ps_mpirun_sessions "$pid" | while IFS= read -r dir; do
		rm -rf "$dir"
		[[ $dir != */pid.* ]] || rmdir "${dir%/*}" 2>/dev/null || true # 4.1's host directory, when no other mpirun uses it
	done
}

ps_mpirun_sessions() {
	local dir uid
	uid=$(id -u)
	for dir in "${TMPDIR:-/tmp}"/ompi.*."$uid"/pid."$1" "${TMPDIR:-/tmp}"/prterun.*."$1"."$uid"; do
		[ ! -d "$dir" ] || echo "$dir"
	done
}

ps_mpi_version() {
	"${1:-${PARSUITE_MPIRUN:-mpirun}}" --version 2>&1 | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+/) { print $i; exit } }'
}

ps_mpi_library() {
	case $("${1:-${PARSUITE_MPIRUN:-mpirun}}" --version 2>&1) in
	*"Open MPI"* | *OpenRTE*) echo openmpi ;;
	*HYDRA* | *MPICH*) echo mpich ;;
	*) echo other ;;
	esac
}
