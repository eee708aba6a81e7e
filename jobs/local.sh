#!/usr/bin/env bash
# The main job on one machine: builds parsuite if needed, then runs squares (seed questions 2 and
# 8) at 1, 2, 4 and 8 workers in both models and prints one table. Records are appended to
# results/<UTC date-time>/results.csv; parsuite-report writes report.md and plots/ beside them.
#   --size N   numbers to square (default 1e8)
#   --out DIR  where results go (default results/<UTC date-time>)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
# shellcheck source=jobs/lib.sh
. "$here/lib.sh"

size=1e8 out=""
while [ $# -gt 0 ]; do
	case $1 in
	--size) size=${2:?--size needs a value}; shift 2 ;;
	--out) out=${2:?--out needs a value}; shift 2 ;;
	-h | --help) sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "local.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
	esac
done

ps_need_packages "${PS_BUILD_PACKAGES[@]}"
build=$top/build/release
cmake --preset release -S "$top" >/dev/null
cmake --build "$build" -j "$(ps_cores)" >/dev/null

out=${out:-$top/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
records=$out/results.csv

runs=("omp static" "omp dynamic")
if [ -x "$build/mpi/parsuite-mpi" ]; then
	runs+=("mpi block" "mpi pool")
else
	echo "local.sh: parsuite-mpi was not built (no MPI found): running the OpenMP half only" >&2
fi
total=$((2 + (${#runs[@]} - 2) * 4)) done=0 status=0 start=$SECONDS
progress() {
	done=$((done + 1))
	printf 'local.sh: [%d/%d] %s (%ds elapsed)\n' "$done" "$total" "$*" "$((SECONDS - start))" >&2
}
for r in "${runs[@]}"; do
	read -r model variant <<<"$r"
	if [ "$model" = omp ]; then
		progress "omp squares $variant at 1,2,4,8 threads"
		"$build/omp/parsuite-omp" squares --variant "$variant" --size "$size" --workers 1,2,4,8 \
			--quiet --format csv --output "$records" >/dev/null || status=$?
		continue
	fi
	for np in 1 2 4 8; do
		progress "mpi squares $variant at $np ranks"
		read -ra mpirun <<<"$(ps_mpirun "$np")"
		"${mpirun[@]}" "$build/mpi/parsuite-mpi" squares --variant "$variant" --size "$size" \
			--quiet --format csv --output "$records" >/dev/null || status=$?
	done
done

# One table: median time and speedup against 1 worker of the same model and variant.
awk -F, '
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{
	key = $c["model"] " " $c["variant"]
	if ($c["workers"] == 1) base[key] = $c["seconds_median"]
	row[NR] = $0
}
END {
	printf "%-5s %-8s %7s %11s %10s %8s %9s %8s %14s\n", "model", "variant", "workers", "size",
	       "median_s", "speedup", "items/s", "verified", "oversubscribed"
	for (i = 2; i <= NR; i++) {
		split(row[i], f, ",")
		key = f[c["model"]] " " f[c["variant"]]
		speedup = (key in base && f[c["seconds_median"]] > 0) ? base[key] / f[c["seconds_median"]] : 0
		printf "%-5s %-8s %7d %11d %10.6f %8.2f %9.3g %8s %14s\n", f[c["model"]], f[c["variant"]],
		       f[c["workers"]], f[c["size"]], f[c["seconds_median"]], speedup,
		       f[c["items_per_second"]], f[c["verified"]], f[c["oversubscribed"]]
	}
	printf "# %s, %s cores, %s %s\n", f[c["host"]], f[c["cores"]], f[c["compiler"]], f[c["flags"]]
}' "$records"
mkdir -p "$out/plots"
"$build/common/parsuite-report" --plots "$out/plots" --output "$out/report.md" "$records" ||
	status=$?
echo "records: $records"
echo "report:  $out/report.md"
exit "$status"
