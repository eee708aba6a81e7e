#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# expect_ranks.sh CODE NP REGEX LAUNCHER... -- PROGRAM ARGS...
# Runs PROGRAM under LAUNCHER (e.g. "mpiexec -n 4") with each rank reporting its own exit code, and
# passes when all NP ranks exit with CODE and stderr holds exactly one line, matching REGEX: the
# message is printed once, by rank 0, and no rank is left behind or hanging (ctest's TIMEOUT).
set -u
code=$1 np=$2 regex=$3
shift 3
launcher=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	launcher+=("$1")
	shift
done
shift
# shellcheck source=tests/lib/capture.sh
. "$(dirname "$0")/capture.sh"
# shellcheck disable=SC2016 # $0 and $? belong to the inner shell
capture "${launcher[@]}" sh -c '"$0" "$@"; echo "rank-exit $?"' "$@"
ranks=$(grep -c "^rank-exit $code\$" "$out")
[ "$ranks" -eq "$np" ] || fail "$ranks of $np ranks exited $code"
own=$(own_stderr)
lines=$(printf '%s' "$own" | grep -c '')
[ "$lines" -eq 1 ] || fail "stderr has $lines lines, expected one"
grep -Eq -- "$regex" <<<"$own" || fail "stderr does not match: $regex"
echo "ok: $np ranks exited $code; $own"
