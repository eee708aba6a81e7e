#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# report_files.sh BUILD: parsuite-report against hostile result files and awkward paths. A record
# whose names carry gnuplot or shell code is refused (exit 2) and runs nothing; a quote in a path
# is only a character; --output never replaces one of its inputs, keeps the mode of the file it
# replaces (or the umask's), writes through a symbolic link; a failed write to standard output is
# exit 3; --plots makes its directory and gnuplot's chatter stays out of the job log.
set -u
build=$(cd "${1:?usage: report_files.sh BUILD}" && pwd) || exit 2
# shellcheck source=tests/lib/checks.sh
. "$(dirname "$0")/../lib/checks.sh"
report=$build/report/parsuite-report
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
"$build/omp/parsuite-omp" squares --workers 1,2 --format json --quiet >good.jsonl
sed "s/\"workload\":\"squares\"/\"workload\":\"a';system('touch P');'\"/" good.jsonl >quote.jsonl
sed 's/"variant":"static"/"variant":"\\nsystem('"'"'touch Q'"'"')\\n#"/' good.jsonl >newline.jsonl
for bad in quote newline; do
	rc=0
	"$report" --plots plots "$bad.jsonl" >/dev/null 2>err || rc=$?
	check "$bad: exit $rc, expected 2" [ "$rc" -eq 2 ]
	check "$bad: the message is not one line naming the file" [ "$(grep -c "$bad.jsonl:1: " err)" -eq 1 ] && [ "$(wc -l <err)" -eq 1 ]
done
check "a record's code ran" [ ! -e P ] && [ ! -e Q ]
mkdir "o'brien"
rc=0
"$report" --plots "o'brien/plots" --output "o'brien/r.md" good.jsonl 2>err || rc=$?
check "a quote in the path: exit $rc" [ "$rc" -eq 0 ]
check "a quote in the path: no plots" [ -s "o'brien/plots/squares-speedup.png" ]
check "gnuplot's messages reached stderr: $(head -c 200 err)" [ ! -s err ]
cp good.jsonl same.jsonl
rc=0
"$report" --output same.jsonl same.jsonl 2>err || rc=$?
check "--output is an input: exit $rc, expected 2" [ "$rc" -eq 2 ]
check "--output is an input: the data was replaced" cmp -s good.jsonl same.jsonl
grep -q "also an input" err || { echo "FAIL: --output is an input: $(cat err)"; failed=$((failed + 1)); }
(umask 022 && "$report" --output new.md good.jsonl) && check "a new report's mode is $(stat -c %a new.md), expected 644" [ "$(stat -c %a new.md)" = 644 ]
chmod 640 new.md
"$report" --output new.md good.jsonl && check "a replaced report's mode is $(stat -c %a new.md), expected 640" [ "$(stat -c %a new.md)" = 640 ]
ln -s new.md link.md
"$report" --output link.md good.jsonl && check "--output through a link replaced the link" [ -L link.md ]
rc=0
"$report" good.jsonl >/dev/full 2>err || rc=$?
check "standard output is full: exit $rc, expected 3" [ "$rc" -eq 3 ]
rc=0
"$report" good.jsonl >&- 2>err || rc=$?
check "standard output is closed: exit $rc, expected 3" [ "$rc" -eq 3 ]
checks_done
