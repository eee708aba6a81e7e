#!/usr/bin/env bash
# The whole test suite: installs what is missing (as root), configures, builds and runs ctest
# through the default workflow preset.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
ps_need_packages "${PS_TEST_PACKAGES[@]}"
cd "$top"
cmake --workflow --preset default
