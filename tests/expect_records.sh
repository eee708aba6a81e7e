#!/usr/bin/env bash
# expect_records.sh ROWS -- COMMAND...
# COMMAND prints CSV records (--format csv --quiet). Passes when it exits 0 and prints ROWS records,
# every one verified.
set -u
rows=$1
shift 2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$@" >"$out"
got=$?
fail() {
	echo "FAIL: $*"
	cat "$out"
	exit 1
}
[ "$got" -eq 0 ] || fail "exit $got, expected 0"
n=$(tail -n +2 "$out" | grep -c .)
[ "$n" -eq "$rows" ] || fail "$n records, expected $rows"
col=$(head -n 1 "$out" | tr ',' '\n' | grep -nx verified | cut -d: -f1)
[ -n "$col" ] || fail "no verified column"
bad=$(tail -n +2 "$out" | awk -F, -v c="$col" '$c != "yes"' | wc -l)
[ "$bad" -eq 0 ] || fail "$bad records not verified"
echo "ok: $rows verified records"
