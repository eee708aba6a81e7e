#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# report_hostile.sh BUILD: parsuite-report against what a hostile or careless user gives it.
# --output writes into a device, a FIFO or the standard output and never replaces one (in a
# private mount namespace with a /dev of its own, never the machine's); text from a record is
# only text in the Markdown; --plots replaces a planted link instead of writing through it and
# refuses another user's directory; pipes are read whole; one file or record given twice is
# refused; a time of 0 is refused (a failed record's zero times are not); the driver's share is
# never negative; a record is valid UTF-8 of one line; a figure gnuplot cannot draw leaves the
# report written and is named with gnuplot's error line; the latest record (by utc) stands; image
# links start from the report's directory, percent-encoded; a signal leaves no temporary file; a
# CSV with a column twice, a JSONL starting with a blank line and a directory are told apart.
set -u
build=$(cd "${1:?usage: report_hostile.sh BUILD}" && pwd) || exit 2
# shellcheck source=tests/lib/checks.sh
. "$(dirname "$0")/../lib/checks.sh"
report=$build/report/parsuite-report omp=$build/omp/parsuite-omp
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
refused() { # refused WANT ARGS...: exit 2 and one line holding WANT
	local rc=0
	"$report" "${@:2}" >out 2>err || rc=$?
	check "$*: exit $rc, $(cat err)" [ "$rc" = 2 ]
	check "$*: not one line holding '$1': $(cat err)" grep -qF -- "$1" err
	check "$*: more than one line" [ "$(wc -l <err)" = 1 ]
}
"$omp" squares --workers 1,2 --size 1000 --format json --quiet --output a.csv >a.jsonl

# 1. Special files are written into, never replaced: in a mount namespace of our own, a /dev of
# its own (the machine's /dev/null is never at stake).
if unshare --mount true 2>/dev/null; then
	unshare --mount bash -c '
		mount -t tmpfs none /dev && mknod -m 666 /dev/null c 1 3 && ln -s /proc/self/fd /dev/fd &&
			ln -s /proc/self/fd/1 /dev/stdout || exit 77
		"$1" --output /dev/null a.jsonl && [ -c /dev/null ] || echo "FAIL: --output /dev/null replaced it"
		[ "$("$1" --output /dev/stdout a.jsonl | head -n 1)" = "# parsuite report" ] && [ -L /dev/stdout ] ||
			echo "FAIL: --output /dev/stdout"' _ "$report" >ns.out 2>&1
	check "in the namespace: $(cat ns.out)" [ ! -s ns.out ]
else
	echo "skipped: --output /dev/null (no private mount namespace here)"
fi
check "--output - is the standard output" [ "$("$report" --output - a.jsonl | head -n 1)" = "# parsuite report" ]
"$report" --output /dev/stdout a.jsonl >stdout.md
check "--output /dev/stdout into a file: the report" grep -q "^# parsuite report" stdout.md
mkfifo fifo
cat fifo >fifo.out &
reader=$!
"$report" --output fifo a.jsonl
wait "$reader"
check "--output FIFO: still a FIFO" [ -p fifo ]
check "--output FIFO: the report went through it" grep -q "^# parsuite report" fifo.out
refused "is a directory" --output . a.jsonl

# 3. A record's text is text: no table cell, heading or HTML from a file.
sed 's/"detail":"[^"]*"/"detail":"x | forged | <iframe src=evil> ## Verdict: no regressions"/;
	s/"host":"[^"]*"/"host":"h|<b>bold<\/b>"/' a.jsonl >inject.jsonl
"$report" inject.jsonl >inject.md
check "raw HTML from a record" bash -c '! grep -q "<iframe\|<b>" inject.md'
check "a forged cell: $(grep -m1 forged inject.md)" bash -c '! grep -q "x | forged" inject.md'
check "the record's text is gone" grep -qF "forged \\| &lt;iframe" inject.md
sed 's/"detail":"[^"]*"/"detail":"a\\nb"/' a.jsonl >newline.jsonl
refused "newline.jsonl:1: detail: a control character" newline.jsonl

# 4. --plots: a planted link is replaced, not written through; another user's directory refused.
mkdir shared
echo victim >victim
ln -s "$dir/victim" shared/squares-speedup.png
"$report" --plots shared a.jsonl >/dev/null 2>err
check "a planted link was written through" [ "$(cat victim)" = victim ]
check "the figure is not a regular file in place of the link" [ -f shared/squares-speedup.png ] && [ ! -L shared/squares-speedup.png ]
if [ "$(id -u)" = 0 ]; then
	mkdir theirs && chown nobody theirs
	refused "belongs to another user" --plots theirs a.jsonl
fi

# 7. An odd environment (a Latin-1 byte) still makes records of valid UTF-8 that are read.
OMP_WAIT_POLICY=$'passiv\xe9' "$omp" squares --workers 1 --size 100 --format json --quiet >utf8.jsonl 2>/dev/null
check "a Latin-1 environment value: not valid UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null utf8.jsonl
check "a Latin-1 environment value: the record is not read" bash -c '"$1" utf8.jsonl >/dev/null' _ "$report"

# 8. A pipe is read as a stream: not a byte lost (with a byte order mark, not four).
check "a pipe lost bytes" cmp -s <("$report" <(cat a.jsonl) | grep -v "^2 records\|Made") <("$report" a.jsonl | grep -v "^2 records\|Made")
check "a CSV with a byte order mark through a pipe" bash -c '{ printf "\xef\xbb\xbf"; cat a.csv; } | "$1" /dev/stdin >/dev/null' _ "$report"

# 10. One file or one record twice is not more evidence.
ln a.jsonl hard.jsonl
refused "the same file as a.jsonl" a.jsonl hard.jsonl
refused "the same file as" --baseline a.jsonl --compare hard.jsonl
cat a.jsonl a.jsonl >twice.jsonl
refused "twice.jsonl:3: the same record as twice.jsonl:1" twice.jsonl
refused "the same record as" a.jsonl a.csv

# 12. A time of 0 is bad input; a figure that cannot be drawn does not take the report with it.
sed 's/"samples":\[[0-9.e-]*/"samples":[0/' a.jsonl >zero.jsonl
refused "zero.jsonl:1: samples: 0 is not a time" zero.jsonl
"$omp" share --variant deadlock --workers 2 --format json --quiet >failed.jsonl 2>/dev/null
check "a failed record without times (the deadlock shown on purpose) refused" bash -c '"$1" failed.jsonl >/dev/null' _ "$report"
mkdir fake
cat >fake/gnuplot <<'GP'
#!/bin/sh
# a gnuplot that fails on one figure, as a real one does: a warning first, then an error line
echo 'Warning: a harmless first line' >&2
while IFS= read -r line; do
	case $line in
	"print 'parsuite-figure "*) echo "${line#print \'}" | tr -d "'" >&2 ;;
	"set output '"*-time.png"'") echo "\"squares-time.png\", line 7: cannot draw this figure" >&2 ;;
	"set output '"*) f=${line#set output \'} && : >"${f%\'}" ;;
	esac
done
exit 1
GP
chmod +x fake/gnuplot
rc=0
PATH=$dir/fake:$PATH "$report" --plots drawn --output r.md a.jsonl 2>err || rc=$?
check "a figure failed: exit $rc, expected 3" [ "$rc" = 3 ]
check "a figure failed: the report was not written" grep -q "^# parsuite report" r.md
check "a figure failed: not named with gnuplot's error: $(cat err)" grep -q "squares-time.png: \"squares-time.png\", line 7: cannot draw" err
check "a figure failed: gnuplot's warning given as the error" bash -c '! grep -q "harmless" err'
check "a figure failed: the others were not kept" [ -e drawn/squares-speedup.png ]

# 13. The latest record stands, by its time, whatever the order of the files.
"$omp" squares --workers 1,2 --size 1000 --format json --quiet >new.jsonl
sed 's/"utc":"[^"]*"/"utc":"2001-01-01T00:00:00Z"/' a.jsonl >old.jsonl
table() { "$report" "$@" | sed -n '/^### squares/,/^###/p'; }
check "the older record stood (newer file first)" cmp -s <(table new.jsonl old.jsonl) <(table new.jsonl)

# 17. A wall time shorter than the records' timed time (a resumed sweep's part) gives no share.
"$omp" iobound --tasks 8 --latency-us 100000 --workers 1 --repeat 2 --warmup 0 --format json --quiet >long.jsonl
"$report" --summary --wall 1 long.jsonl >summary.txt
check "a negative driver share: $(tail -n 1 summary.txt)" bash -c '! grep -q "(-[0-9]" summary.txt'

# 18. Image links start from the report's directory and are percent-encoded.
mkdir o
"$report" --output o/r.md --plots "my plots" a.jsonl
check "a link: $(grep -m1 -o '](.*png)' o/r.md)" grep -q '](../my%20plots/squares-speedup.png)' o/r.md

# 19. A signal while gnuplot draws leaves no temporary file behind (job control on: a background
# job's SIGINT is otherwise ignored, and the report leaves an ignored signal ignored).
set -m
for sig in TERM INT HUP; do
	mkdir -p "slow$sig"
	printf '#!/bin/sh\nexec sleep 30\n' >"slow$sig/gnuplot"
	chmod +x "slow$sig/gnuplot"
	PATH=$dir/slow$sig:$PATH "$report" --plots "p$sig" --output "s$sig.md" a.jsonl 2>/dev/null &
	job=$!
	for _ in $(seq 50); do [ -z "$(find "p$sig" -maxdepth 1 -name '.parsuite-plots.*' 2>/dev/null)" ] || break; sleep 0.1; done
	kill "-$sig" "$job"
	wait "$job"
	rc=$?
	check "SIG$sig: exit $rc" [ "$rc" = $((128 + $(kill -l "$sig"))) ]
	left=$(find "p$sig" . -maxdepth 1 \( -name '.parsuite-plots.*' -o -name "s$sig.md.*" \))
	check "SIG$sig: left $left" [ -z "$left" ]
done
set +m

# 20. A job id with a line break is one line of a record; a TMPDIR that is not there is named.
SLURM_JOB_ID=$'12\n34' "$omp" squares --workers 1 --format csv --quiet >job.csv
check "a job id with a line break: $(wc -l <job.csv) lines, not a header and one record" [ "$(wc -l <job.csv)" = 2 ]
TMPDIR=/nonexistent-parsuite "$report" --plots tmpdir a.jsonl >/dev/null 2>err
check "TMPDIR missing: $(cat err)" grep -q "temporary file .* in '/nonexistent-parsuite': No such file" err
# A column twice, a blank first line, a directory.
sed '1s/^\([^,]*\),/\1,verified,/; 2,$s/^\([^,]*\),/\1,no,/' a.csv >column.csv
refused "column.csv:1: column 'verified' is in the header twice" column.csv
{ echo; cat a.jsonl; } >blank.jsonl
check "a blank first line: read as JSON Lines" bash -c '"$1" blank.jsonl >/dev/null' _ "$report"
refused ": a directory, not a result file" "$dir"
checks_done
