#!/usr/bin/env bash
# Helpers the job and test scripts share; source it, do not run it.
#   ps_need_packages PKG...  install missing Debian packages (as root), or print the apt-get line
#                            to run and exit 3
#   ps_mpi_library           openmpi, mpich or other: the MPI library behind mpirun
#   ps_mpirun NP [T]         the mpirun command for NP ranks of T threads each (default 1), with
#                            the flags the library behind it needs here and only those
#                            (PARSUITE_MPIRUN: another launcher than mpirun; PARSUITE_LAUNCHER=srun:
#                            srun -n NP -c T instead, in a Slurm job). Open MPI's ranks of T
#                            threads get T cores each where they fit, else no binding (a rank
#                            bound to one core would run its threads on that core; MPICH binds
#                            nothing by default). Ranks of threads that outnumber the cores wait
#                            passively (env OMP_WAIT_POLICY=passive, unless it is set): a rank's
#                            spinning threads would take the core from another rank's (factorials'
#                            pool at 2x2 on 2 cores: 0.013 s passive, 0.04-2 s spinning). The one
#                            place that knows each library's flags: the tests use it too.
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
#                            session directory of PID from TMPDIR. Both stay behind only when
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
# shellcheck disable=SC2034 # checked builds (clang, libomp, valgrind), namespaces (iproute2), Slurm, the Python pools
PS_TEST_PACKAGES=("${PS_BUILD_PACKAGES[@]}" python3 libcunit1-dev valgrind clang libomp-dev libclang-rt-14-dev iproute2 slurmctld slurmd slurm-client munge slurm-wlm-torque lmod dpkg-dev file man-db mount)
# shellcheck disable=SC2034 # the fresh-machine stage of the tests (a new Debian root)
PS_FRESH_PACKAGES=(mmdebstrap)

ps_jobs=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) # where these scripts are

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

ps_cores() {
	nproc 2>/dev/null || echo 1
}

ps_mpirun() {
	local np=$1 threads=${2:-1} launch=() fits=""
	[ $((np * threads)) -gt "$(ps_cores)" ] || fits=1
	[ -n "$fits" ] || [ "$threads" -eq 1 ] || [ -n "${OMP_WAIT_POLICY:-}" ] || launch=(env OMP_WAIT_POLICY=passive)
	if [ "${PARSUITE_LAUNCHER:-mpirun}" = srun ]; then
		echo "${launch[*]} srun -n $np -c $threads"
		return
	fi
	launch+=("${PARSUITE_MPIRUN:-mpirun}" -np "$np")
	case $(ps_mpi_library) in
	openmpi) # refuses root, and more ranks than cores, unless told; binds each rank to one core
		[ "$(id -u)" -ne 0 ] || launch+=(--allow-run-as-root)
		[ "$np" -le "$(ps_cores)" ] || launch+=(--oversubscribe)
		if [ "$threads" -gt 1 ] && [ -n "$fits" ]; then
			launch+=(--map-by "slot:PE=$threads")
		elif [ "$threads" -gt 1 ]; then
			launch+=(--bind-to none)
		fi
		;;
	mpich) ;; # runs as root, oversubscribes and binds nothing unasked; parsuite-mpi yields itself (mpi/mpi_wait.c)
	esac
	echo "${launch[@]}"
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
	for dir in "${TMPDIR:-/tmp}"/ompi.*."$(id -u)"/pid."$pid"; do
		[ -d "$dir" ] || continue
		rm -rf "$dir"
		rmdir "${dir%/*}" 2>/dev/null || true # the host's directory, when no other mpirun uses it
	done
}

ps_mpi_library() {
	case $("${PARSUITE_MPIRUN:-mpirun}" --version 2>&1) in
	*"Open MPI"* | *OpenRTE*) echo openmpi ;;
	*HYDRA* | *MPICH*) echo mpich ;;
	*) echo other ;;
	esac
}
