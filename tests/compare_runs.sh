#!/usr/bin/env bash
# compare_runs.sh BUILD: parsuite-report --baseline --compare end to end, on runs whose times are
# waits (iobound's sleep and file tasks: 10 ms each, so the machine's load barely moves them; a
# threshold of 20% leaves room for a busy CI machine's late wake-ups and slow fsyncs).
# Two runs of one build compare as no significant difference on every point (exit 0); a run
# slowed on purpose (PARSUITE_TEST_SLOWDOWN, on the sleep tasks only) compares as slower on
# exactly those points (exit 1); runs at other worker counts never pair (exit 2); bad input is one
# line and exit 2.
set -u
build=${1:?usage: compare_runs.sh BUILD}
omp=$build/omp/parsuite-omp
report=$build/report/parsuite-report
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

run() { # run FILE [WORKERS]: both variants into FILE
	for variant in sleep file; do
		"$omp" iobound --variant "$variant" --workers "${2:-1,2}" --size 8 --latency-us 10000 \
			--repeat 12 --quiet --output "$1" >/dev/null || fail "iobound $variant exited $?"
	done
}
run "$dir/a.csv" # one side in CSV, the other in JSON Lines: the formats compare alike
run "$dir/b.jsonl"
PARSUITE_TEST_SLOWDOWN=iobound/sleep:40000 run "$dir/slow.jsonl" 2>"$dir/slow.err"
grep -q "PARSUITE_TEST_SLOWDOWN is set: iobound is slowed" "$dir/slow.err" ||
	fail "a slowed run does not say so on stderr"

compare() { # compare BASE CAND: the Markdown in $dir/out, the exit code in rc
	rc=0
	"$report" --threshold 20 --baseline "$1" --compare "$2" >"$dir/out" 2>"$dir/err" || rc=$?
}
verdicts() { # the verdict column of each point, "variant workers verdict"
	awk -F' [|] ' '/^[|] omp [|] iobound/ { split($5, s, "x"); print $3, s[2], $10 }' "$dir/out"
}

compare "$dir/a.csv" "$dir/b.jsonl"
[ "$rc" = 0 ] || fail "two runs of one build: exit $rc ($(cat "$dir/err"))"
grep -q "4 points in both: 0 slower, 0 faster, 4 with no significant difference" "$dir/out" ||
	fail "two runs of one build: $(grep "points in both" "$dir/out")"
[ "$(verdicts | grep -c "no significant difference")" = 4 ] ||
	fail "two runs of one build: $(verdicts)"

compare "$dir/a.csv" "$dir/slow.jsonl"
[ "$rc" = 1 ] || fail "a slowed run: exit $rc, not 1"
grep -qx "parsuite-report: 2 of 4 points slower by more than 20% or not verified" "$dir/err" ||
	fail "a slowed run: stderr $(cat "$dir/err")"
want=$'file 1 no significant difference\nfile 2 no significant difference\nsleep 1 **slower**\nsleep 2 **slower**'
[ "$(verdicts | sort)" = "$want" ] || fail "a slowed run: verdicts $(verdicts)"

run "$dir/four.jsonl" 4
compare "$dir/a.csv" "$dir/four.jsonl"
[ "$rc" = 2 ] && grep -q "no point is in both sets" "$dir/err" ||
	fail "other worker counts paired: exit $rc, $(cat "$dir/err")"

refused() { # refused WANT ARGS...: exit 2 and one line holding WANT
	rc=0
	"$report" "${@:2}" >"$dir/out" 2>"$dir/err" || rc=$?
	[ "$rc" = 2 ] && [ "$(wc -l <"$dir/err")" = 1 ] && grep -qF -- "$1" "$dir/err" ||
		fail "$*: exit $rc, $(cat "$dir/err")"
}
sed '2s/"samples":\[\([0-9.e-]*\),/"samples":[\1,"x",/' "$dir/b.jsonl" >"$dir/garbled.jsonl"
refused "garbled.jsonl:2: samples: element 2 is not a number" --baseline "$dir/a.csv" --compare "$dir/garbled.jsonl"
printf '# a plan, not results\nsquares --size 10\n' >"$dir/plan.txt"
refused "plan.txt:1: no column 'model' in the header" --baseline "$dir/a.csv" --compare "$dir/plan.txt"
refused "a comparison needs files after both --baseline and --compare" --baseline "$dir/a.csv"
refused "every file follows one of them" "$dir/b.jsonl" --baseline "$dir/a.csv" --compare "$dir/b.jsonl"
refused "--threshold: 'five' is not a percentage" --threshold five --baseline "$dir/a.csv" --compare "$dir/b.jsonl"
refused "--alpha: '0.7' is not a significance" --alpha 0.7 --baseline "$dir/a.csv" --compare "$dir/b.jsonl"
[ "$failed" = 0 ] && echo "ok: same build alike, the slowed points slower, no other pairs, bad input refused"
exit "$failed"
