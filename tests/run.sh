#!/usr/bin/env bash
# The test suite: installs what is missing (as root), then configures, builds and runs ctest
# through workflow presets (CMakePresets.json).
#   ./tests/run.sh               the everyday build (preset default)
#   ./tests/run.sh --all         and the checked builds: asan, tsan, fuzz (what CI runs)
#   ./tests/run.sh PRESET...     those presets only, e.g. ./tests/run.sh tsan
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
presets=("$@")
[ $# -gt 0 ] || presets=(default)
[ "${1:-}" != --all ] || presets=(default asan tsan fuzz)
for p in "${presets[@]}"; do
	case $p in
	default | release | debug | asan | tsan | fuzz) ;;
	*) echo "run.sh: unknown preset '$p' (default release debug asan tsan fuzz, or --all)" >&2; exit 2 ;;
	esac
done
ps_need_packages "${PS_TEST_PACKAGES[@]}"
cd "$top"
for p in "${presets[@]}"; do
	echo "=== preset $p" >&2
	start=$SECONDS
	cmake --workflow --preset "$p"
	echo "=== preset $p: passed in $((SECONDS - start)) s" >&2
done
