# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# capture.sh, sourced by the expect_*.sh checks: `capture COMMAND...` runs COMMAND with its
# standard output in the file $out, its standard error in $err (temporary files, removed when the
# check ends) and its exit code in $got; `fail WHY` prints WHY and both files, and fails the check
# (exit 1); `own_stderr` prints $err without the OpenMP runtime's own lines (own_stderr.awk).
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
capture() {
	"$@" >"$out" 2>"$err"
	# shellcheck disable=SC2034 # read by the check that sources this file
	got=$?
}
fail() {
	echo "FAIL: $*"
	echo "--- stdout"; cat "$out"
	echo "--- stderr"; cat "$err"
	exit 1
}
own_stderr() {
	awk -f "${BASH_SOURCE[0]%/*}/own_stderr.awk" "$err"
}
