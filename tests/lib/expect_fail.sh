#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# expect_fail.sh REGEX -- COMMAND...
# Passes when COMMAND exits non-zero and its stderr matches REGEX (for an abort, where the MPI
# launcher adds its own lines).
set -u
regex=$1
shift 2
# shellcheck source=tests/lib/capture.sh
. "$(dirname "$0")/capture.sh"
capture "$@"
if [ "$got" -eq 0 ] || ! grep -Eq -- "$regex" "$err"; then
	echo "FAIL: exit $got; stderr:"
	cat "$err"
	exit 1
fi
echo "ok: exit $got; $(grep -E -- "$regex" "$err" | head -n 1)"
