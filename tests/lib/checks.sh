# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# checks.sh: sourced by the test scripts that make many checks and report them together.
#   check WHAT CONDITION...   runs CONDITION; counts it passed, or says "FAIL: WHAT" (and calls
#                             on_fail, where the script defines it, to show why) and counts it
#   quietly COMMAND...        COMMAND with its output thrown away (for conditions)
#   checks_done               "N passed, M failed"; its status is whether none failed
passed=0 failed=0
check() {
	local what=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
	else
		echo "FAIL: $what"
		! declare -F on_fail >/dev/null || on_fail
		failed=$((failed + 1))
	fi
}
quietly() { "$@" >/dev/null 2>&1; }
checks_done() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
