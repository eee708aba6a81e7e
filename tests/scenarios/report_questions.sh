#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# report_questions.sh REPORT RECORDS EXPECTED: the report's questions for fixed records (a quick
# sweep of every model, Python's pools included) are exactly EXPECTED (a Markdown file: after a
# change to what the report says, look at the difference, then copy the new text over it), and
# every figure they link was drawn: a PNG file, one per question that has one.
set -u
report=$(realpath "${1:?usage: report_questions.sh REPORT RECORDS EXPECTED}")
records=$(realpath "$2") expected=$(realpath "$3")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 3
"$report" --plots plots --output report.md "$records" || { echo "FAIL: parsuite-report exited $?"; exit 1; }
sed -n '/^## The questions, measured$/,/^## Results$/p' report.md | sed '$d' >questions.md
if ! diff -u "$expected" questions.md; then
	echo "FAIL: the questions differ from $expected (the lines above: - expected, + made now)"
	exit 1
fi
bad=0 figures=0
while read -r png; do
	figures=$((figures + 1))
	if [ "$(head -c 4 "$png" | od -An -c | tr -d ' ')" != '211PNG' ]; then
		echo "FAIL: $png, linked from the questions, is not a PNG file"
		bad=1
	fi
done < <(grep -o '](plots/[a-z0-9-]*\.png)' questions.md | sed 's/^](//; s/)$//')
[ "$figures" -ge 7 ] || { echo "FAIL: $figures figures linked, expected 7 (Q1 to Q7)"; bad=1; }
[ "$bad" -ne 0 ] || echo "ok: the questions as expected, $figures figures drawn"
exit "$bad"
