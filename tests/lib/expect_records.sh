#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# expect_records.sh [checks] -- COMMAND...
# COMMAND prints CSV records on stdout (--format csv) and notes on stderr. Passes when every
# record is verified (or, with --verified no, none is: a failure shown on purpose) and every check
# holds:
#   --rows N            exactly N records of points (the records of a series not counted)
#   --series N          each point's record is followed by N of its series (message_bytes set)
#   --exit CODE         COMMAND exits CODE (default 0)
#   --detail REGEX      every record's detail column matches REGEX
#   --max-seconds S     every record's slowest repetition took less than S seconds
#   --failed "T1 T2"    the notes list exactly these failed tasks ("<worker> N, task T: ...")
#   --shape RxT         every record ran R ranks of T threads: ranks R, threads T, workers R*T
#   --verified no       no record verified
#   --stderr REGEX      the notes' last line matches REGEX
set -u
rows="" series="" code=0 detail="" max="" failed="" shape="" verified=yes stderr=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	case $1 in
	--rows) rows=$2 ;;
	--series) series=$2 ;;
	--exit) code=$2 ;;
	--detail) detail=$2 ;;
	--max-seconds) max=$2 ;;
	--failed) failed=$2 ;;
	--shape) shape=$2 ;;
	--verified) verified=$2 ;;
	--stderr) stderr=$2 ;;
	*) echo "expect_records.sh: unknown check $1" >&2; exit 2 ;;
	esac
	shift 2
done
shift
# shellcheck source=tests/lib/capture.sh
. "$(dirname "$0")/capture.sh"
capture "$@"
[ "$got" -eq "$code" ] || fail "exit $got, expected $code"
n=$(awk -v points=1 -f "$(dirname "$0")/../../jobs/csv2tsv.awk" "$out" | tail -n +2 | grep -c .)
[ "$n" -gt 0 ] || fail "no records"
[ -z "$rows" ] || [ "$n" -eq "$rows" ] || fail "$n records, expected $rows"
if [ -n "$series" ]; then # the points of each series: message_bytes set, after their point's record
	runs=$(awk -f "$(dirname "$0")/../../jobs/csv2tsv.awk" "$out" | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["message_bytes"] == "" { if (NR > 2) print k; k = 0; next }
		{ k++ } END { print k }' | sort -u | tr '\n' ' ')
	[ "$runs" = "$series " ] || fail "points followed by series of '${runs% }' records, expected $series"
fi
[ -z "$stderr" ] || tail -n 1 "$err" | grep -Eq -- "$stderr" || fail "the notes' last line does not match $stderr"
bad=$(awk -f "$(dirname "$0")/../../jobs/csv2tsv.awk" "$out" | awk -F'\t' -v detail="$detail" -v max="$max" -v shape="$shape" -v verified="$verified" '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; split(shape, rt, "x"); next }
	shape != "" && ($c["ranks"] != rt[1] || $c["threads"] != rt[2] || $c["workers"] != rt[1] * rt[2]) {
		print "ran " $c["ranks"] " ranks x " $c["threads"] " threads as " $c["workers"] " workers, expected " shape }
	$c["verified"] != verified { print "verified " $c["verified"] ", expected " verified ": " $0 }
	detail != "" && $c["detail"] !~ detail { print "detail \"" $c["detail"] "\" does not match " detail }
	max != "" && $c["seconds_max"] + 0 >= max + 0 { print "took " $c["seconds_max"] " s, expected under " max }
')
[ -z "$bad" ] || fail "$bad"
if [ -n "$failed" ]; then
	reported=$(sed -nE 's/^(thread|rank) [0-9]+, task ([0-9]+): division by zero$/\2/p' "$err" | sort -n | uniq | tr '\n' ' ')
	[ "${reported% }" = "$failed" ] || fail "failed tasks reported: '${reported% }', expected '$failed'"
fi
echo "ok: $n records, verified: $verified"
