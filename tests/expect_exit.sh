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
	# (not counted: the lines an OpenMP runtime prints of its own on reading its environment at
	# load, before parsuite runs: libgomp's blank line and "libgomp: Invalid value ...", libomp's "OMP: Warning")
	own=$(awk 'blank && /^libgomp: / { blank = 0; next }
		blank { print ""; blank = 0 }
		/^$/ { blank = 1; next }
		!/^(libgomp: |OMP: Warning #)/ { print }
		END { if (blank) print "" }' "$err")
	lines=$(printf '%s' "$own" | grep -c '')
	[ "$lines" -eq 1 ] || fail "stderr has $lines lines, expected one"
	grep -Eq -- "$regex" <<<"$own" || fail "stderr does not match: $regex"
	[ ! -s "$out" ] || fail "output before the refusal"
fi
echo "ok: exit $got; $(head -n 1 "$err")"
