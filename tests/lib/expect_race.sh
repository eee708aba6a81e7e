#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# expect_race.sh REGEX -- COMMAND...
# The control of the tsan build: passes only when ThreadSanitizer reports a data race (its exit
# code 66) and the report matches REGEX (where the race is). A clean run fails: it would mean the
# checker is not looking, and every other clean tsan test would prove nothing.
set -u
regex=$1
shift 2
# shellcheck source=tests/lib/capture.sh
. "$(dirname "$0")/capture.sh"
capture "$@"
races=$(grep -c "WARNING: ThreadSanitizer: data race" "$err")
if [ "$got" -ne 66 ] || [ "$races" -eq 0 ] || ! grep -Eq -- "$regex" "$err"; then
	echo "FAIL: exit $got, $races race reports, expected exit 66 and a report matching: $regex"
	cat "$err"
	exit 1
fi
echo "ok: ThreadSanitizer reported $races race(s) in the deliberately racy demo, exit $got"
grep -m 1 -E -- "$regex" "$err"
