# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# processes.sh: sourced by the test scripts that end a run and look for what it left running.
#   gone_within TENTHS PID...   whether every PID has ended within TENTHS tenths of a second
gone_within() {
	local tenths=$1 p i left
	shift
	for ((i = 0; ; i++)); do
		left=0
		for p in "$@"; do
			! kill -0 "$p" 2>/dev/null || left=1
		done
		[ "$left" -eq 1 ] || return 0
		[ "$i" -lt "$tenths" ] || return 1
		sleep 0.1
	done
}
