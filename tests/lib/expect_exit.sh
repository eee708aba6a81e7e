#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# expect_exit.sh CODE REGEX -- COMMAND...
# Passes when COMMAND exits with CODE and, for CODE 0, its stdout matches REGEX; for any other
# CODE, its stderr is exactly one line and that line matches REGEX (bad input gets one clear line)
# and its stdout is empty (a refusal comes before any record).
set -u
code=$1 regex=$2
shift 3
# shellcheck source=tests/lib/capture.sh
. "$(dirname "$0")/capture.sh"
capture "$@"
[ "$got" -eq "$code" ] || fail "exit $got, expected $code"
if [ "$code" -eq 0 ]; then
	grep -Eq -- "$regex" "$out" || fail "stdout does not match: $regex"
else
	own=$(own_stderr)
	lines=$(printf '%s' "$own" | grep -c '')
	[ "$lines" -eq 1 ] || fail "stderr has $lines lines, expected one"
	grep -Eq -- "$regex" <<<"$own" || fail "stderr does not match: $regex"
	[ ! -s "$out" ] || fail "output before the refusal"
fi
echo "ok: exit $got; $(head -n 1 "$err")"
