#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# disk_full.sh BUILD: output on a full disk and on a read-only one (small tmpfs mounts; root).
# A record that does not fit must end the run with exit 3 and a clear message, leaving only
# whole records behind; the report must not leave a half-written file; a read-only directory is
# exit 3 before any work. Skips (77) without root.
set -u
build=${1:?usage: disk_full.sh BUILD}
[ "$(id -u)" -eq 0 ] || { echo "skipped: mounting a small tmpfs needs root"; exit 77; }
omp=$build/omp/parsuite-omp report=$build/report/parsuite-report
dir=$(mktemp -d)
mkdir "$dir/full" "$dir/ro"
cleanup() { umount "$dir/full" "$dir/ro" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
fail() {
	echo "FAIL: $*"
	cat "$dir/err" 2>/dev/null
	exit 1
}
mount -t tmpfs -o size=8k tmpfs "$dir/full" || { echo "skipped: cannot mount tmpfs"; exit 77; }
mount -t tmpfs -o ro,size=8k tmpfs "$dir/ro"
head -c 4096 /dev/zero | tr '\0' x >"$dir/full/ballast" # one of the two pages: ~4 KiB left

# 32 records of about 330 bytes cannot fit in 4 KiB.
"$omp" hello --workers "$(seq -s, 1 32)" --repeat 1 --warmup 0 --quiet --format csv \
	--output "$dir/full/r.csv" >/dev/null 2>"$dir/err"
rc=$?
[ "$rc" -eq 3 ] || fail "exit $rc on a full disk, expected 3"
grep -qF "cannot write to '$dir/full/r.csv': No space left on device" "$dir/err" || fail "unclear message"
[ "$(tail -c 1 "$dir/full/r.csv" | od -An -c | tr -d ' ')" = '\n' ] || fail "the file ends in a cut record"
cols=$(head -n 1 "$dir/full/r.csv" | awk -F, '{ print NF }')
records=$(($(wc -l <"$dir/full/r.csv") - 1))
[ "$records" -gt 0 ] || fail "no record fitted"
awk -F, -v n="$cols" 'NR > 1 && NF < n { exit 1 }' "$dir/full/r.csv" || fail "a cut record inside"
echo "ok: full disk: exit 3 after $records whole records; $(cat "$dir/err")"

# The report to a full disk: exit 3, and no report file, whole or half.
"$report" --output "$dir/full/report.md" "$dir/full/r.csv" >/dev/null 2>"$dir/err"
rc=$?
[ "$rc" -eq 3 ] || fail "report: exit $rc on a full disk, expected 3"
[ ! -e "$dir/full/report.md" ] || fail "report: a half-written report.md was left"
grep -q "report.md'*.*No space left on device\|No space left on device.*report.md" "$dir/err" || fail "report: unclear message"
for f in "$dir/full"/report.md.*; do
	[ ! -e "$f" ] || fail "report: its temporary file $f was left"
done
echo "ok: report to a full disk: exit 3, nothing left; $(cat "$dir/err")"

# A read-only directory: exit 3 before any work.
"$omp" squares --output "$dir/ro/r.csv" >/dev/null 2>"$dir/err"
rc=$?
[ "$rc" -eq 3 ] || fail "exit $rc on a read-only file system, expected 3"
grep -q "Read-only file system" "$dir/err" || fail "unclear message"
echo "ok: read-only directory: exit 3; $(cat "$dir/err")"
