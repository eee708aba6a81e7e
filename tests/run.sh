#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The test suite: installs what is missing (as root), then configures, builds and runs ctest
# through workflow presets (CMakePresets.json).
#   ./tests/run.sh               the everyday build (preset default)
#   ./tests/run.sh --all         what CI runs: fresh, mpich, openmpi5, then the checked builds asan (with the
#                                fuzz targets) and tsan; each stage's time, then the total, which
#                                fails past PARSUITE_CI_BUDGET seconds (3000: CI's limit is 5400)
#   ./tests/run.sh STAGE...      those stages only, e.g. ./tests/run.sh tsan
# Stages: the presets default release debug asan tsan fuzz (the asan build's fuzz targets alone),
# mpi (the default build, its MPI tests
# only), and three brand-new Debian roots (tests/fresh_root.sh): fresh, in which the README's two
# commands must work in the README's order, the second being this script's default preset;
# mpich, in which the mpi stage must pass with MPICH instead of Open MPI; and openmpi5, a Debian 13
# root in which the README's sweep and then the mpi stage must pass with Open MPI 5. Where a
# root cannot be made (outside CI only), fresh runs the default preset here instead, and mpich
# and openmpi5 are skipped.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
stages=("$@")
[ $# -gt 0 ] || stages=(default)
[ "${1:-}" != --all ] || stages=(fresh mpich openmpi5 asan tsan)
budget=${PARSUITE_CI_BUDGET:-3000}
[[ $budget =~ ^[1-9][0-9]{0,5}$ ]] || ps_die 2 "PARSUITE_CI_BUDGET: '$budget' is not a whole number of seconds"
packages=("${PS_BUILD_PACKAGES[@]}" libcunit1-dev) # what the mpi stage needs
for s in "${stages[@]}"; do
	case $s in
	mpi) ;;
	default | release | debug | asan | tsan | fuzz) packages+=("${PS_TEST_PACKAGES[@]}") ;;
	fresh) packages+=("${PS_TEST_PACKAGES[@]}" "${PS_FRESH_PACKAGES[@]}") ;; # (default here, if no root)
	mpich | openmpi5) packages+=("${PS_FRESH_PACKAGES[@]}") ;;
	*) ps_die 2 "run.sh: unknown stage '$s' (default release debug asan tsan fuzz mpi fresh mpich openmpi5, or --all)" ;;
	esac
done
mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
ps_need_packages "${packages[@]}"
cd "$top"
times=()
# Each stage's time and the total, however the run ends.
summary() {
	[ ${#times[@]} -gt 0 ] || return 0
	printf '=== %s\n' "${times[@]}" "total: $SECONDS s (budget $budget s)" >&2
}
trap summary EXIT
for s in "${stages[@]}"; do
	echo "=== $s" >&2
	start=$SECONDS
	if [ "$s" = fresh ]; then
		rc=0
		"$top/tests/fresh_root.sh" || rc=$?
		if [ "$rc" -eq 77 ]; then
			echo "=== fresh: skipped; the default preset here instead" >&2
			cmake --workflow --preset default
		elif [ "$rc" -ne 0 ]; then
			exit "$rc"
		fi
	elif [ "$s" = mpich ] || [ "$s" = openmpi5 ]; then
		rc=0
		"$top/tests/fresh_root.sh" "$s" || rc=$?
		if [ "$rc" -eq 77 ]; then
			echo "=== $s: skipped" >&2
			continue
		fi
		[ "$rc" -eq 0 ] || exit "$rc"
	else
		cmake --workflow --preset "$s"
	fi
	echo "=== $s: passed in $((SECONDS - start)) s" >&2
	times+=("$s: $((SECONDS - start)) s")
	[ "$SECONDS" -le "$budget" ] ||
		ps_die 1 "run.sh: $SECONDS s after stage $s, past the budget of $budget s: CI's limit is 5400 s, and a slower stage next would cross it (make it faster, do not raise the budget)"
done
