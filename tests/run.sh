#!/usr/bin/env bash
# The test suite: installs what is missing (as root), then configures, builds and runs ctest
# through workflow presets (CMakePresets.json).
#   ./tests/run.sh               the everyday build (preset default)
#   ./tests/run.sh --all         what CI runs: fresh, then the checked builds asan, tsan, fuzz
#   ./tests/run.sh STAGE...      those stages only, e.g. ./tests/run.sh tsan
# Stages: the presets default release debug asan tsan fuzz, and fresh: a brand-new Debian 12 root
# (tests/fresh_root.sh) in which the README's two commands must work in the README's order, the
# second being this script's default preset. Where that root cannot be made (outside CI only),
# fresh runs the default preset here instead.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
stages=("$@")
[ $# -gt 0 ] || stages=(default)
[ "${1:-}" != --all ] || stages=(fresh asan tsan fuzz)
packages=("${PS_TEST_PACKAGES[@]}")
for s in "${stages[@]}"; do
	case $s in
	default | release | debug | asan | tsan | fuzz) ;;
	fresh) packages+=("${PS_FRESH_PACKAGES[@]}") ;;
	*) ps_die 2 "run.sh: unknown stage '$s' (default release debug asan tsan fuzz fresh, or --all)" ;;
	esac
done
ps_need_packages "${packages[@]}"
cd "$top"
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
	else
		cmake --workflow --preset "$s"
	fi
	echo "=== $s: passed in $((SECONDS - start)) s" >&2
done
