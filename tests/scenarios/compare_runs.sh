#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# compare_runs.sh BUILD: parsuite-report --baseline --compare end to end, on runs whose times are
# waits (iobound's sleep and file tasks: 10 ms each). Each side is 4 runs, so that the runs are the
# unit, as the README advises: one run disturbed by the machine's other work (a busy CI machine
# wakes sleeping threads late) cannot make a verdict. Two sets of runs of one build compare as no
# significant difference on every point (exit 0); runs slowed on purpose (PARSUITE_TEST_SLOWDOWN,
# on the sleep tasks only) compare as slower on exactly those points (exit 1); runs at other worker
# counts never pair (exit 2); bad input is one line and exit 2.
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
			--repeat 6 --quiet --output "$1" >/dev/null || fail "iobound $variant exited $?"
	done
}
a=() b=() slow=()
for k in 1 2 3 4; do # interleaved, so that the machine's moods fall on all three alike
	run "$dir/a$k.csv" # one set in CSV, the others in JSON Lines: the formats compare alike
	run "$dir/b$k.jsonl"
	PARSUITE_TEST_SLOWDOWN=iobound/sleep:40000 run "$dir/slow$k.jsonl" 2>"$dir/slow.err"
	a+=("$dir/a$k.csv") b+=("$dir/b$k.jsonl") slow+=("$dir/slow$k.jsonl")
done
grep -q "PARSUITE_TEST_SLOWDOWN is set: iobound is slowed" "$dir/slow.err" ||
	fail "a slowed run does not say so on stderr"

compare() { # compare BASE... -- CAND...: the Markdown in $dir/out, the exit code in rc
	local base=()
	while [ "$1" != -- ]; do base+=("$1") && shift; done
	shift
	rc=0
	"$report" --threshold 10 --baseline "${base[@]}" --compare "$@" >"$dir/out" 2>"$dir/err" || rc=$?
}
verdicts() { # the verdict column of each point, "variant workers verdict" (the variant without
	# the work's options, "(--latency-us 10000)", which are checked once below)
	awk -F' [|] ' '/^[|] omp [|] iobound/ { split($5, s, "x"); v = $3; sub(/ [(].*/, "", v); print v, s[2], $10 }' "$dir/out"
}

compare "${a[@]}" -- "${b[@]}"
[ "$rc" = 0 ] || fail "runs of one build: exit $rc ($(cat "$dir/err"))"
grep -q "4 points in both: 0 slower, 0 faster, 4 with no significant difference" "$dir/out" ||
	fail "runs of one build: $(grep "points in both" "$dir/out")"
grep -q "4 points were judged by runs, 0 by repetitions" "$dir/out" ||
	fail "runs of one build were not the unit"
[ "$(verdicts | grep -c "no significant difference")" = 4 ] ||
	fail "runs of one build: $(verdicts)"

grep -qF "| sleep (--latency-us 10000) |" "$dir/out" || fail "a point does not name the options of its work"

compare "${a[@]}" -- "${slow[@]}"
[ "$rc" = 1 ] || fail "slowed runs: exit $rc, not 1"
grep -qx "parsuite-report: 2 of 4 points slower by more than 10% or not verified" "$dir/err" ||
	fail "slowed runs: stderr $(cat "$dir/err")"
want=$'file 1 no significant difference\nfile 2 no significant difference\nsleep 1 **slower**\nsleep 2 **slower**'
[ "$(verdicts | sort)" = "$want" ] || fail "slowed runs: verdicts $(verdicts)"

run "$dir/four.jsonl" 4
compare "${a[@]}" -- "$dir/four.jsonl"
[ "$rc" = 2 ] && grep -q "no point is in both sets" "$dir/err" ||
	fail "other worker counts paired: exit $rc, $(cat "$dir/err")"

# Other work (a 5 ms wait, not 10 ms) is another point, never paired as slower or faster.
"$omp" iobound --variant sleep --workers 1,2 --size 8 --latency-us 5000 --repeat 6 --quiet \
	--output "$dir/short.jsonl" >/dev/null || fail "iobound --latency-us 5000 exited $?"
compare "${a[@]}" -- "$dir/short.jsonl"
[ "$rc" = 2 ] && grep -q "no point is in both sets" "$dir/err" ||
	fail "other --latency-us paired: exit $rc, $(cat "$dir/err")"

refused() { # refused WANT ARGS...: exit 2 and one line holding WANT
	rc=0
	"$report" "${@:2}" >"$dir/out" 2>"$dir/err" || rc=$?
	[ "$rc" = 2 ] && [ "$(wc -l <"$dir/err")" = 1 ] && grep -qF -- "$1" "$dir/err" ||
		fail "$*: exit $rc, $(cat "$dir/err")"
}
sed '2s/"samples":\[\([0-9.e-]*\),/"samples":[\1,"x",/' "$dir/b1.jsonl" >"$dir/garbled.jsonl"
refused "garbled.jsonl:2: samples: element 2 is not a number" --baseline "$dir/a1.csv" --compare "$dir/garbled.jsonl"
printf '# a plan, not results\nsquares --size 10\n' >"$dir/plan.txt"
refused "plan.txt:1: no column 'model' in the header" --baseline "$dir/a1.csv" --compare "$dir/plan.txt"
refused "a comparison needs files after both --baseline and --compare" --baseline "$dir/a1.csv"
refused "every file follows one of them" "$dir/b1.jsonl" --baseline "$dir/a1.csv" --compare "$dir/b1.jsonl"
refused "--threshold: 'five' is not a percentage" --threshold five --baseline "$dir/a1.csv" --compare "$dir/b1.jsonl"
refused "--alpha: '0.7' is not a significance" --alpha 0.7 --baseline "$dir/a1.csv" --compare "$dir/b1.jsonl"
[ "$failed" = 0 ] && echo "ok: same build alike, the slowed points slower, no other pairs, bad input refused"
exit "$failed"
