#!/usr/bin/env bash
# The main job on one machine: builds parsuite if needed, then runs every workload in both models
# at 1, 2, 4 and 8 workers (OpenMP through --workers, MPI through one mpirun per rank count) and
# writes results/<UTC date-time>/: results.csv, results.jsonl, report.md and plots/. A summary
# table goes to stdout, progress to stderr. About 3 minutes on 2 cores; --quick about 30 s.
#   --quick            small sizes, 3 repetitions, the first MPI variant of each workload only
#   --workloads LIST   e.g. squares,factorials (default: all)
#   --models LIST      omp,mpi (default: both; mpi only if it was built)
#   --workers LIST     worker counts (default 1,2,4,8)
#   --sizes LIST       per-workload sizes, e.g. squares=1e7,prodcons=1e5
#   --repeat R         timed repetitions per point (default 5)
#   --out DIR          where results go (default results/<UTC date-time>)
# Environment: PARSUITE_BUILD=DIR uses that build as it is (no cmake); PARSUITE_SKIP_PACKAGES=1
# skips the apt-get check; PARSUITE_LAUNCHER=srun launches ranks with srun in a Slurm job.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
# shellcheck source=jobs/lib.sh
. "$here/lib.sh"

# workload | model | variants | size | quick size | size option | more options
plan() {
	cat <<'EOF'
hello|omp|threads|-|-||
hello|mpi|ranks|-|-||
squares|omp|static dynamic guided taskloop|2e7|2e6|--size|
squares|mpi|block pool|2e7|2e6|--size|
fill|omp|memset|2e7|2e6|--size|
fill|mpi|memset|2e7|2e6|--size|
factorials|omp|tasks dynamic static|5000|2000|--size|
factorials|mpi|pool block|5000|2000|--size|
iobound|omp|sleep file mixed|32|16|--tasks|--latency-us 10000 --steps STEPS
iobound|mpi|sleep file mixed|32|16|--tasks|--latency-us 10000 --steps STEPS
cpubound|omp|compute|32|16|--tasks|--latency-us 10000 --steps STEPS
cpubound|mpi|compute|32|16|--tasks|--latency-us 10000 --steps STEPS
errors|omp|round-robin|32|16|--tasks|--fail-at 7,13
errors|mpi|pool|32|16|--tasks|--fail-at 7,13
prodcons|omp|critical lock ring|1e6|1e5|--items|
prodcons|mpi|send|1e6|1e5|--items|
prodcons|mpi|manager|3e4|1e4|--items|
share|omp|critical lock atomic atomic-capture reduction barrier condition queue unsafe|-|-||
share|mpi|queue manager rma shared-memory|10000|2000|--size|
share|mpi|pipe|1000|100|--size|
EOF
}

quick=0 workloads="" models="omp,mpi" workers="1,2,4,8" sizes="" repeat=5 out=""
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1; repeat=3; shift; continue ;;
	--workloads) workloads=${2:?--workloads needs a value} ;;
	--models) models=${2:?--models needs a value} ;;
	--workers) workers=${2:?--workers needs a value} ;;
	--sizes) sizes=${2:?--sizes needs a value} ;;
	--repeat) repeat=${2:?--repeat needs a value} ;;
	--out) out=${2:?--out needs a value} ;;
		-h | --help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "local.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift 2
done
for n in ${workers//,/ } $repeat; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "local.sh: '$n' is not a whole number above 0 (--workers, --repeat)" >&2; exit 2; }
done
for m in ${models//,/ }; do
	case $m in omp | mpi) ;; *) echo "local.sh: --models: unknown model '$m' (omp, mpi)" >&2; exit 2 ;; esac
done
for w in ${workloads//,/ }; do
	plan | cut -d'|' -f1 | grep -qx "$w" || { echo "local.sh: --workloads: unknown workload '$w'" >&2; exit 2; }
done

ps_need_packages "${PS_BUILD_PACKAGES[@]}"
ps_release_build "$top"
build=$PS_BUILD
omp=$build/omp/parsuite-omp mpi=$build/mpi/parsuite-mpi
if [[ ",$models," == *,mpi,* ]] && [ ! -x "$mpi" ]; then
	echo "local.sh: parsuite-mpi was not built (no MPI found): running the OpenMP half only" >&2
	models=omp
fi

out=${out:-$top/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/plots"
csv=$out/results.csv jsonl=$out/results.jsonl


# Compute tasks do the same work in every run and model: calibrate once, pass --steps.
steps=$("$omp" cpubound --tasks 1 --workers 1 --repeat 1 --warmup 0 --format csv --quiet |
	awk -f "$here/csv2tsv.awk" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ split($c["detail"], d, "; "); sub(/ steps.*/, "", d[2]); print d[2] }')

# The runs, one line each: model, then the arguments.
runs=()
while IFS='|' read -r workload model variants size qsize sizeopt more; do
	[[ ",$models," == *",$model,"* ]] || continue
	[ -z "$workloads" ] || [[ ",$workloads," == *",$workload,"* ]] || continue
	n=$size
	[ "$quick" -eq 0 ] || n=$qsize
	for pair in ${sizes//,/ }; do
		[ "${pair%%=*}" != "$workload" ] || n=${pair#*=}
	done
	args="$workload"
	[ -z "$sizeopt" ] || [ "$n" = - ] || args+=" $sizeopt $n"
	args+=" ${more//STEPS/$steps}"
		[ "$quick" -eq 0 ] || [ "$model" = omp ] || variants=${variants%% *} # mpirun launches cost most
	for variant in $variants; do
		if [ "$model" = omp ]; then
						runs+=("omp - $args --variant $variant")
		else
			for np in ${workers//,/ }; do
				runs+=("mpi $np $args --variant $variant")
			done
		fi
	done
done < <(plan)

total=${#runs[@]} done=0 status=0 start=$SECONDS
for run in "${runs[@]}"; do
	read -r model np args <<<"$run"
	left=""
	if [ "$done" -gt 0 ]; then
		left=", about $(((SECONDS - start) * (total - done) / done)) s left"
	fi
		where=" at $np ranks"
	[ "$np" != - ] || where=" at $workers threads"
	echo "local.sh: [$((done + 1))/$total] $model ${args%% *} ${args##* }$where ($((SECONDS - start)) s elapsed$left)" >&2
	read -ra words <<<"$args"
	if [ "$model" = omp ]; then
		cmd=("$omp" "${words[@]}" --workers "$workers")
	else
		read -ra mpirun <<<"$(ps_mpirun "$np")"
		cmd=("${mpirun[@]}" "$mpi" "${words[@]}")
	fi
	rc=0
	"${cmd[@]}" --repeat "$repeat" --quiet --format json --output "$csv" >>"$jsonl" || rc=$?
	# errors exits 1 by design (its tasks fail); its records say whether the handling verified
	if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 1 ] && [ "${words[0]}" = errors ]; }; then
		echo "local.sh: exit $rc from: ${cmd[*]}" >&2
		status=$((status > rc ? status : rc))
	fi
	done=$((done + 1))
done
wall=$((SECONDS - start))

"$build/common/parsuite-report" --plots "$out/plots" --output "$out/report.md" "$csv" || status=$?

# The summary: median time and speedup against 1 worker of the same model, variant and size.
awk -f "$here/csv2tsv.awk" "$csv" | awk -F'\t' -v wall="$wall" '
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{
	key = $c["model"] " " $c["workload"] " " $c["variant"] " " $c["size"]
	if ($c["workers"] == 1) base[key] = $c["seconds_median"]
	line[NR] = $0; keys[NR] = key
	timed += $c["seconds_mean"] * ($c["repetitions"] + $c["warmup"])
}
END {
	printf "%-5s %-10s %-14s %7s %11s %11s %8s %8s %5s\n", "model", "workload", "variant",
	       "workers", "size", "median_s", "speedup", "verified", "over"
	for (i = 2; i <= NR; i++) {
		split(line[i], f, "\t")
				s = (keys[i] in base && f[c["seconds_median"]] > 0) ? sprintf("%.2f", base[keys[i]] / f[c["seconds_median"]]) : "-"
		printf "%-5s %-10s %-14s %7d %11d %11.6f %8s %8s %5s\n", f[c["model"]], f[c["workload"]],
		       f[c["variant"]], f[c["workers"]], f[c["size"]], f[c["seconds_median"]], s,
		       f[c["verified"]], f[c["oversubscribed"]]
	}
	printf "# %s, %s cores, %s %s; %d records\n", f[c["host"]], f[c["cores"]], f[c["compiler"]],
	       f[c["flags"]], NR - 1
	printf "# %d s in all; %.1f s inside timed regions and warm-ups, the rest is the driver (launches,\n",
	       wall, timed
		printf "# checks, verification, writing): %.0f%%\n", (wall > 0 ? 100 * (wall - timed) / wall : 0)
}'
echo "results: $out/ (results.csv, results.jsonl, report.md, plots/)"
exit "$status"
