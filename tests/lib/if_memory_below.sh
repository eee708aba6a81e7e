#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# if_memory_below.sh GB COMMAND...: runs COMMAND (a test that asks for more memory than the machine
# has) only where MemAvailable is below GB; elsewhere it would really allocate: skipped (77).
set -u
gb=${1:?usage: if_memory_below.sh GB COMMAND...}
shift
kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
if [ "${kb:-0}" -ge $((gb * 1000000)) ]; then
	echo "skipped: $((kb / 1000000)) GB available, the test needs a machine with less than $gb GB"
	exit 77
fi
exec "$@"
