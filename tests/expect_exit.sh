#!/usr/bin/env bash
# expect_exit.sh CODE REGEX -- COMMAND...
# Passes when COMMAND exits with CODE and, for CODE 0, its stdout matches REGEX; for any other
# CODE, its stderr is exactly one line and that line matches REGEX (bad input gets one clear line)
# and its stdout is empty (a refusal comes before any record).
set -u
code=$1 regex=$2
shift 3
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$@" >"$out" 2>"$err"
got=$?
fail() {
	echo "FAIL: $*"
	echo "--- stdout"; cat "$out"
	echo "--- stderr"; cat "$err"
	exit 1
}
[ "$got" -eq "$code" ] || fail "exit $got, expected $code"
if [ "$code" -eq 0 ]; then
	grep -Eq -- "$regex" "$out" || fail "stdout does not match: $regex"
else
	# (not counted: the OpenMP runtime's own lines, see own_stderr.awk)
	own=$(awk -f "$(dirname "$0")/own_stderr.awk" "$err")
	lines=$(printf '%s' "$own" | grep -c '')
	[ "$lines" -eq 1 ] || fail "stderr has $lines lines, expected one"
	grep -Eq -- "$regex" <<<"$own" || fail "stderr does not match: $regex"
	[ ! -s "$out" ] || fail "output before the refusal"
fi
echo "ok: exit $got; $(head -n 1 "$err")"
