#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# licence.sh: parsuite is BSD-3-Clause and every file says so. `reuse lint` (the REUSE
# specification's own checker) must pass, and every tracked file that can hold a comment must
# name its licence in an SPDX line within its first 3 lines; the rest (JSON, CSV, JSON Lines,
# PNG, the fuzzers' seeds, the tests' fixed records, the Debian changelog) are covered by
# .reuse/dep5.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
command -v reuse >/dev/null || { echo "skipped: no reuse (apt-get install reuse)"; exit 77; }
git -C "$top" rev-parse --git-dir >/dev/null 2>&1 || { echo "skipped: $top is not a git checkout"; exit 77; }
cd "$top" || exit 1
failed=0
if ! out=$(reuse lint 2>&1); then
	echo "FAIL: reuse lint:"
	echo "$out" | tail -n 20
	failed=1
fi
missing=()
while IFS= read -r -d '' f; do
	case $f in
	tests/data/* | tests/fuzz/corpus/* | *.png | *.json | *.csv | *.jsonl) continue ;;
	LICENSE | LICENSES/* | .reuse/dep5 | packaging/changelog.in) continue ;; # a Debian changelog holds no comment
	esac
	[ -f "$f" ] || continue # deleted but not yet committed
	head -n 3 "$f" | grep -q "SPDX-License-Identifier[:] BSD-3-Clause" || missing+=("$f") # ([:]: not a tag to reuse)
done < <(git ls-files -z --cached --others --exclude-standard)
if [ ${#missing[@]} -gt 0 ]; then
	echo "FAIL: no SPDX-License-Identifier line in the first 3 lines of: ${missing[*]}"
	failed=1
fi
[ "$failed" -eq 0 ] && echo "ok: reuse lint passes and every file names its licence"
exit "$failed"
