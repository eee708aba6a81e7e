#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# plan.sh BUILD: parsuite-mpi --plan runs every point of a plan in one launch, a verified record
# each, in the plan's order; a plan with one bad point runs nothing (exit 2 on every rank, the
# line named), a point that fails in its run does not stop the points after it, and errors'
# designed task failures are a verified result.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: plan.sh BUILD}
# shellcheck source=jobs/lib.sh
. "$top/jobs/lib.sh"
read -ra launch <<<"$(ps_mpirun 2)"
mpi=$build/mpi/parsuite-mpi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
fields() { # fields FILE COLUMN...: the columns of every point's record, '|'-joined
	local file=$1
	shift
	awk -v points=1 -f "$top/jobs/csv2tsv.awk" "$file" | awk -F'\t' -v cols="$*" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; n = split(cols, want, " "); next }
		{ line = ""; for (i = 1; i <= n; i++) line = line (i > 1 ? "|" : "") $c[want[i]]; print line }'
}

cat >"$dir/good.plan" <<'PLAN'
# every MPI workload once, with its own options
squares --variant block --size 100003
  squares --variant local --size 100003 --repeat 2

factorials --variant pool --size 300
hello
fill --size 100003
share	--variant pipe --size 20
prodcons --items 1000 --capacity 8
PLAN
timeout 120 "${launch[@]}" "$mpi" --plan "$dir/good.plan" --repeat 3 --quiet --output "$dir/good.csv" >/dev/null 2>"$dir/err"
rc=$?
[ "$rc" -eq 0 ] || fail "good plan: exit $rc: $(head -3 "$dir/err")"
want="squares|block|3|yes
squares|local|2|yes
factorials|pool|3|yes
hello|ranks|3|yes
fill|memset|3|yes
share|pipe|3|yes
prodcons|send|3|yes"
got=$(fields "$dir/good.csv" workload variant repetitions verified 2>/dev/null)
[ "$got" = "$want" ] || fail "good plan: records were
$got
wanted
$want"

# one bad point (line 3): nothing runs, every rank exits 2, the line is named
printf 'squares --size 1000\nhello\nfactorials --variant nope\n' >"$dir/bad.plan"
# shellcheck disable=SC2016 # $0, $@ and $? belong to the inner shell
out=$(timeout 120 "${launch[@]}" sh -c '"$0" "$@"; echo "rank-exit $?"' "$mpi" --plan "$dir/bad.plan" --output "$dir/bad.csv" 2>"$dir/err")
[ "$(grep -c '^rank-exit 2$' <<<"$out")" -eq 2 ] || fail "bad plan: not exit 2 on both ranks: $out"
grep -q "^parsuite-mpi: --plan: line 3: --variant (of factorials): unknown value 'nope'" "$dir/err" || fail "bad plan: $(cat "$dir/err")"
[ ! -s "$dir/bad.csv" ] || fail "bad plan: records were written before every point was checked"

# errors' tasks fail by design: in a plan its verified record is a success (exit 0)
printf 'errors --tasks 8\nhello\n' >"$dir/errors.plan"
timeout 120 "${launch[@]}" "$mpi" --plan "$dir/errors.plan" --quiet --output "$dir/errors.csv" >/dev/null 2>"$dir/err"
rc=$?
[ "$rc" -eq 0 ] || fail "errors in a plan: exit $rc, wanted 0: $(head -3 "$dir/err")"
[ "$(fields "$dir/errors.csv" workload verified 2>/dev/null)" = "errors|yes
hello|yes" ] || fail "errors in a plan: records $(fields "$dir/errors.csv" workload verified)"

# a point that fails when it runs (more memory than the node has: 34 GB) does not stop the next:
# its line is named, exit 3 (where the machine has less than 30 GB: elsewhere it would allocate)
kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
if [ "${kb:-0}" -lt 30000000 ]; then
	printf 'fill --size 4294967295\nhello\n' >"$dir/late.plan"
	timeout 120 "${launch[@]}" "$mpi" --plan "$dir/late.plan" --quiet --output "$dir/late.csv" >/dev/null 2>"$dir/err"
	rc=$?
	[ "$rc" -eq 3 ] || fail "late failure: exit $rc, wanted 3: $(head -3 "$dir/err")"
	grep -q "^parsuite-mpi: --plan line 1: fill on one node needs 34.4 GB" "$dir/err" || fail "late failure: line 1 not named: $(cat "$dir/err")"
	[ "$(fields "$dir/late.csv" workload verified 2>/dev/null)" = "hello|yes" ] || fail "late failure: the point after it did not run"
else
	echo "the late-failure part skipped: $((kb / 1000000)) GB available, it needs less than 30"
fi

[ "$failed" -eq 0 ] && echo "plan: every point ran and verified, a bad plan ran nothing, a late failure stopped nothing"
exit "$failed"
