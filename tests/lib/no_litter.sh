#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# no_litter.sh COMMAND...: runs COMMAND (a fault test) with a private, empty TMPDIR and fails if
# anything is left in it afterwards, whatever COMMAND's own verdict; the exit code is COMMAND's
# otherwise. Every fault test runs under it: a process that dies must not litter.
set -u
[ $# -gt 0 ] || { echo "usage: no_litter.sh COMMAND..." >&2; exit 2; }
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/parsuite-tmp.XXXXXX") || exit 3
export TMPDIR
"$@"
rc=$?
sleep 0.2 # the last processes of a killed job are reaped by now
left=$(find "$TMPDIR" -mindepth 1 -maxdepth 2 2>/dev/null | sed "s|^$TMPDIR/||" | head -n 5 | tr '\n' ' ')
rm -rf "$TMPDIR"
if [ -n "$left" ]; then
	echo "FAIL: left behind in the private TMPDIR: $left"
	exit 1
fi
echo "ok: nothing left in the private TMPDIR"
exit "$rc"
