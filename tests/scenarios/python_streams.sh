#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# python_streams.sh PYTHON SCRIPT: parsuite-python's records and the streams they go to. A reader
# that goes away (| head -1, or gone before the first write) ends it by SIGPIPE, as it ends the C
# programs, with no traceback, whether it was writing records, --list or --help;
# --output has each record before the standard output does (a full one loses none of them); a
# pipe as --output gets the CSV header before its first record.
set -u
py=("$@")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
failed=0
fail() { echo "FAIL: $*"; failed=1; }

"${py[@]}" --model threads squares --workers 1,2 --format csv --quiet 2>err | head -n 1 >/dev/null
rc=${PIPESTATUS[0]}
[ "$rc" = 141 ] || fail "a closed pipe: exit $rc, not 141 (SIGPIPE): $(cat err)"
[ ! -s err ] || fail "a closed pipe: it said $(cat err)"

# A reader gone before anything is written (a pipe whose read end is closed): --list and --help
# end by SIGPIPE too, silently (the list raised BrokenPipeError, a traceback, under | head -1).
for words in "--list --format csv" "--help" "--model threads squares --workers 1,2 --quiet"; do
	read -ra args <<<"$words"
	got=$(python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
print(p.returncode, p.stderr.decode(errors="replace").strip()[:300])' "${py[@]}" "${args[@]}")
	[ "$got" = "-13 " ] || fail "$words into a closed pipe: '$got', not SIGPIPE and silence"
done

"${py[@]}" --model threads squares --workers 1,2 --quiet --output kept.csv >/dev/full 2>err
rc=$?
[ "$rc" = 3 ] || fail "a full standard output: exit $rc, not 3"
[ "$(wc -l <kept.csv)" = 2 ] || fail "a full standard output: --output has $(wc -l <kept.csv) lines, not header and record"

"${py[@]}" --model threads squares --workers 1,2 --quiet --output >(cat >piped.csv) >/dev/null
for _ in $(seq 50); do [ "$(wc -l <piped.csv 2>/dev/null)" != 3 ] || break; sleep 0.1; done
[ "$(head -c 8 piped.csv)" = "version," ] || fail "a pipe as --output: no CSV header: $(head -n 1 piped.csv)"
[ "$(wc -l <piped.csv)" = 3 ] || fail "a pipe as --output: $(wc -l <piped.csv) lines, not 3"
exit "$failed"
