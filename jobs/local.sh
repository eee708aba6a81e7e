#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job on one machine: builds parsuite if needed, then runs every workload in both models
# at 1, 2, 4 and 8 workers, then powers of two up to the machine's cores (OpenMP through --workers,
# MPI through one mpirun per rank count), and, for the workloads that run ranks of threads, every
# split of each total up to twice the cores into ranks x threads (on 2 cores: 1x2, and 1x4 and
# 2x2, beside the single-threaded 2 and 4 ranks). Writes results/<UTC date-time>/: results.csv,
# results.jsonl, report.md and plots/. A summary table goes to stdout, progress to stderr. About 8
# minutes on 2 cores (3 of them the Python pools); --quick under 2 minutes.
#   --quick            small sizes, 3 repetitions, the first MPI variant of each workload only
#   --scaling MODE     strong (default): one size at every worker count; weak: the size grows
#                      with the workers (the sweep's size per worker), for the workloads whose
#                      items cost alike, squares' MPI variant local only, where results stay on
#                      their ranks (--list: weak), and the report shows weak efficiency
#   --threads T        MPI ranks of T threads each, at every worker count that T divides, for
#                      the workloads that run ranks of threads only, and no other split (what a
#                      hybrid batch job runs: jobs/slurm/hybrid.sbatch)
#   --workloads LIST   e.g. squares,factorials (default: all)
#   --models LIST      omp,mpi,python (default: all three; mpi only if it was built, python
#                      only if python3 is installed: the questions' own Python pools, threads
#                      and processes, on the workloads they ask of Python, beside the C)
#   --workers LIST     worker counts (default 1,2,4,8 and powers of two up to the cores)
#   --sizes LIST       per-workload sizes, e.g. squares=1e7,prodcons=1e5
#   --repeat R         timed repetitions per point (default 10: enough for a 95% interval of
#                      each median and a comparison of runs; --quick: 3, too few for either)
#   --steps N          compute steps per cpubound task (default: calibrated to 10 ms, once)
#   --out DIR          where results go (default results/<UTC date-time>: in the source tree, or
#                      under the working directory for an installed parsuite)
#   --resume DIR       finish an interrupted sweep: its points already in DIR are skipped
# Failures to watch (--list: demo: the deadlocks, errors' abort) run once each, at 2 workers,
# after the rest: their exit 1 is their point, and their records (unverified, the cycle in the
# detail; an abort leaves none) go to the report's questions.
# Ctrl-C or SIGTERM stops the sweep, keeping every finished point (whole records only) and making
# the report from them; exit 130 or 143. Bad options exit 2 (so does an --out that already holds
# results: a sweep adds to one only through --resume); an unwritable --out exits 3. Exit 1: a
# result failed verification, or a run ended without verifying (the log says which).
# Environment: PARSUITE_BUILD=DIR uses that build as it is (no cmake); PARSUITE_SKIP_PACKAGES=1
# skips the apt-get check; PARSUITE_LAUNCHER=srun launches ranks with srun in a Slurm job.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
# shellcheck source=jobs/lib.sh
. "$here/lib.sh"

usage() { sed -n '3,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//p;}' "$0"; }
bad() { ps_die 2 "local.sh: $*"; }
items() { mapfile -d , -t "$1" < <(printf %s "$2"); } # items NAME LIST: split at commas only
name() { [[ $1 =~ ^[a-z]+$ ]]; } # a workload's name, as the catalogue writes them
known() { cut -d'|' -f2 <<<"$catalogue" | grep -qxF -- "$1"; } # one the programs run
whole() { [[ $2 =~ ^[1-9][0-9]{0,5}$ ]] || bad "$1: '$2' is not a whole number from 1 to 999999"; }

parse() {
	quick=0 workloads="" models="omp,mpi,python" workers=$(default_workers) sizes="" repeat="" out="" resume="" steps="" scaling=strong threads=""
	worker_list=() size_list=() # the lists, split at commas (below)
	while [ $# -gt 0 ]; do
		case $1 in
		--quick) quick=1; shift; continue ;;
		-h | --help) usage; exit 0 ;;
		--workloads | --models | --workers | --sizes | --repeat | --out | --resume | --steps | --scaling | --threads)
			if [ $# -lt 2 ] || [ -z "$2" ]; then bad "$1 needs a value"; fi ;;
		*) bad "unknown option '$1' (see --help)" ;;
		esac
		case $1 in
		--workloads) workloads=$2 ;;
		--models) models=$2 ;;
		--workers) workers=$2 ;;
		--sizes) sizes=$2 ;;
		--repeat) repeat=$2 ;;
		--out) out=$2 ;;
		--resume) resume=$2 ;;
		--steps) steps=$2 ;;
		--scaling) scaling=$2 ;;
		--threads) threads=$2 ;;
		esac
		shift 2
	done
	[ -n "$repeat" ] || repeat=$((quick ? 3 : 10)) # an explicit --repeat wins over --quick's 3
	case $scaling in strong | weak) ;; *) bad "--scaling: '$scaling' is not strong or weak" ;; esac
	[ -z "$threads" ] || whole --threads "$threads"
	whole --repeat "$repeat"
	[ -z "$steps" ] || [[ $steps =~ ^[1-9][0-9]{0,11}$ ]] || bad "--steps: '$steps' is not a whole number from 1 to 999999999999"
	local n m w pair list
	items worker_list "$workers"
	for n in "${worker_list[@]}"; do whole --workers "$n"; done
	[[ $workers =~ ^[0-9]+(,[0-9]+)*$ ]] || bad "--workers: '$workers' is not a list like 1,2,4,8"
	items list "$models"
	for m in "${list[@]}"; do
		case $m in omp | mpi | python) ;; *) bad "--models: unknown model '$m' (omp, mpi, python)" ;; esac
	done
	items list "$workloads"
	for w in "${list[@]}"; do
		name "$w" || bad "--workloads: unknown workload '$w'"
	done
	items size_list "$sizes"
	for pair in "${size_list[@]}"; do
		[[ $pair == *=* ]] || bad "--sizes: '$pair' is not WORKLOAD=SIZE"
		name "${pair%%=*}" || bad "--sizes: unknown workload '${pair%%=*}'"
		[[ ${pair#*=} =~ ^[1-9][0-9]{0,11}(e[0-9])?$ ]] || bad "--sizes: '${pair#*=}' is not a size (like 20000 or 2e7)"
	done
}

default_workers() { # 1,2,4,8, then powers of two up to the cores
	local list="1,2,4,8" w=16
	while [ "$w" -le "$(ps_cores)" ]; do list+=",$w" w=$((w * 2)); done
	echo "$list"
}

options() { # the command line, or a resumed sweep's own options, saved when it started
	if [ "${1:-}" = --resume ]; then
		[ -n "${2:-}" ] || bad "--resume needs a value"
		[ $# -eq 2 ] || bad "--resume DIR takes no other options (the sweep's are saved in DIR)"
		[ -r "$2/sweep.args" ] || bad "--resume: '$2' is not an unfinished sweep (no sweep.args)"
		mapfile -d '' -t saved <"$2/sweep.args"
		parse "${saved[@]}"
		resume=$2
	else
		parse "$@"
		saved=("$@")
	fi
}

drop_model() { # drop_model NAME WHY: run without that model, saying why
	if [[ ",$models," == *",$1,"* ]]; then
		echo "local.sh: $2" >&2
		models=$(tr , '\n' <<<"$models" | grep -vxF "$1" | paste -sd,)
	fi
}
models_here() { # the programs, and the models asked for that can run here
	ps_need_packages "${PS_BUILD_PACKAGES[@]}"
	ps_programs "$top"
	omp=$PS_OMP mpi=$PS_MPI
	[ -x "$mpi" ] || drop_model mpi "parsuite-mpi was not built (no MPI found): running without MPI"
	command -v python3 >/dev/null || drop_model python "python3 is not installed: skipping the Python pools (the questions' Python beside the C)"
	[ -n "$models" ] || ps_die 3 "local.sh: none of the models asked for (--models) can run here"
}

# The plan comes from the programs' own catalogue (--list), a line per model, workload and
# variant: model, workload, variant, question, size option, options, sweep options, default,
# maximum, sweep and quick sizes ('|'-separated: a tab, being white space, would merge empty fields).
read_catalogue() {
	local m prog
	catalogue=$(for m in omp mpi python; do
		[[ ",$models," == *",$m,"* ]] || continue
		prog=("$omp")
		[ "$m" != mpi ] || prog=("$mpi")
		[ "$m" != python ] || prog=(python3 "$PS_PYTHON")
		"${prog[@]}" --list --format csv | awk -f "$here/csv2tsv.awk" | tail -n +2 | tr '\t' '|'
	done)
}

# The workloads asked for, each one the programs run, and each size as the program that runs it
# reads it (its parser and its maximum), never shell arithmetic, which wraps silently above 2^63.
check_workloads() {
	local w m opt v digits exp prog why pair list
	items list "$workloads"
	for w in "${list[@]}"; do
		known "$w" || bad "--workloads: unknown workload '$w'"
	done
	for pair in "${size_list[@]}"; do
		w=${pair%%=*}
		known "$w" || bad "--sizes: unknown workload '$w'"
		IFS='|' read -r m _ _ _ opt _ < <(awk -F'|' -v w="$w" '$2 == w { print; exit }' <<<"$catalogue")
		[ -n "$opt" ] || continue
		v=${pair#*=} digits=${pair#*=} exp=0 # below 1e15: x 1024 workers in weak scaling stays in 2^63
		[[ $v != *e* ]] || digits=${v%e*} exp=${v#*e}
		[ $((${#digits} + exp)) -le 15 ] || bad "--sizes: $pair: '$v' is too large for a sweep (below 1e15)"
		prog=("$omp" "$w" --workers 1)
		[ "$m" != mpi ] || prog=("$mpi" "$w")
		[[ $m != python-* ]] || prog=(python3 "$PS_PYTHON" "$w" --model "${m#python-}")
		why=$("${prog[@]}" "--$opt" "${pair#*=}" --check 2>&1 >/dev/null) ||
			bad "--sizes: $pair: ${why#*: }"
	done
}

cut_short() { # cut_short FILE: a last record cut short (kill -9, a full disk) removed, and said
	local size cut
	[ -s "$1" ] && [ -n "$(tail -c 1 -- "$1")" ] || return 0
	size=$(stat -c %s -- "$1") cut=$(tail -n 1 -- "$1" | wc -c) # the bytes after the last line end
	truncate -s "$((size - cut))" -- "$1"
	echo "local.sh: --resume: the last record of '$1' was cut short: removed ($cut bytes)" >&2
}
# The results directory: new (or a resumed sweep's), written by this sweep alone while it runs,
# with a scratch directory inside that goes whatever ends the sweep.
open_results() {
	local f
	out=${resume:-${out:-$PS_RESULTS/$(date -u +%Y%m%dT%H%M%SZ)}}
	[[ $out != -* ]] || out=./$out # never taken for an option by mkdir, mktemp, flock or the report
	csv=$out/results.csv jsonl=$out/results.jsonl
	if [ -z "$resume" ] && { [ -e "$csv" ] || [ -e "$jsonl" ]; }; then
		bad "--out: '$out' already holds results; finish that sweep with --resume '$out', or choose another --out"
	fi
	if ! mkdir -p -- "$out" 2>/dev/null || ! [ -w "$out" ]; then
		echo "local.sh: cannot write results to '$out'" >&2
		exit 3
	fi
	# One sweep at a time in a directory (a requeued batch job resuming beside its first run would
	# run every missing point twice, each measured beside the other): a lock for the sweep's life.
	exec {lock}<"$out"
	flock -n "$lock" || bad "--out: '$out' is in use by another sweep; wait for it to end, or choose another --out"
	if [ -n "$resume" ]; then
		for f in "$csv" "$jsonl"; do
			cut_short "$f"
			[ ! -s "$f" ] || "$PS_REPORT" "$f" >/dev/null || bad "--resume: '$f' is not parsuite's results (see the line above)"
		done
	fi
	work=$(mktemp -d "$out/.run.XXXXXX")
	trap 'rm -rf "$work"' EXIT
}

# Compute tasks do the same work in every run and model: calibrate once, pass --steps (saved
# with the other options, so that a resumed sweep uses the same). C and Python each calibrate
# their own: a Python step costs tens of C steps.
calibrate() { # calibrate PROGRAM...: the steps of one compute task, from its record's detail
	"$@" cpubound --tasks 1 --workers 1 --repeat 1 --warmup 0 --format csv --quiet |
		awk -f "$here/csv2tsv.awk" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			{ split($c["detail"], d, "; "); sub(/ steps.*/, "", d[2]); print d[2] }'
}
calibrate_steps() { # the steps of C's and Python's tasks; the options saved for --resume
	if [ -z "$steps" ]; then
		steps=$(calibrate "$omp")
		saved+=(--steps "$steps")
	fi
	py_steps=""
	if [[ ",$models," == *,python,* ]]; then
		py_steps=$(calibrate python3 "$PS_PYTHON" --model threads)
	fi
	[ -n "$resume" ] || printf '%s\0' "${saved[@]}" >"$out/sweep.args" # NUL-ended: any path
}

# The points already in results.csv (a resumed sweep): model|workload|variant|workers|ranks|size|
# repetitions. A point counts as done only if all of these match what this sweep would run.
read_done_points() {
	done_points=""
	[ ! -s "$csv" ] || done_points=$(awk -f "$here/csv2tsv.awk" "$csv" | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["model"] "|" $c["workload"] "|" $c["variant"] "|" $c["workers"] "|" $c["ranks"] "|" $c["size"] "|" $c["repetitions"] }')
}
is_done() { grep -qx -- "$1" <<<"$done_points"; } # a basic regex: names and numbers only
whole_size() { # 2e7 -> 20000000; - (the program's own size) -> any size
	if [ "$1" = - ]; then echo '[0-9]*'; elif [[ $1 == *e* ]]; then echo $((${1%e*} * 10 ** ${1#*e})); else echo "$1"; fi
}
# The ranks x threads splits of a total of workers beyond single-threaded ranks: T = 2, 4, ...
# dividing it, up to twice the cores (beyond, every split is oversubscribed many times over).
splits() {
	local t=2
	[ "$1" -le $((2 * $(ps_cores))) ] || return 0
	while [ "$t" -le "$1" ]; do
		[ $(($1 % t)) -ne 0 ] || echo "$(($1 / t)) $t"
		t=$((t * 2))
	done
}

# For the catalogue line being planned (workload, variant, n: its size or -, ...): the size at
# WORKERS workers (n, or n x WORKERS in weak scaling), and the arguments of a run at that size.
size_at() { if [ "$n" = - ] || [ "$scaling" = strong ]; then whole_size "$n"; else echo $(($(whole_size "$n") * $1)); fi; }
args_at() {
	local a="$workload"
	[ "$n" = - ] || a+=" --$sizeopt $(size_at "$1")"
	[ -z "$more" ] || a+=" $more"
	[[ " $options " != *" --steps "* ]] || a+=" --steps $([[ $model == python-* ]] && echo "$py_steps" || echo "$steps")"
	echo "$a --variant $variant"
}

# The runs, one line each: model, worker list (OpenMP) or rank count (MPI), threads per rank,
# then the arguments: plan_line for each line of the catalogue.
plan() {
	runs=() demos=() skipped=0 seen=""
	while IFS='|' read -r model workload variant _ sizeopt options more _ _ size qsize hybrid weak demo; do
		plan_line
	done <<<"$catalogue"
	[ "$skipped" -eq 0 ] || echo "local.sh: resuming $out: $skipped points already done" >&2
}

ranks_of() { # ranks_of MODEL WORKERS: the ranks a record of that many workers names
	case $1 in omp | python-threads) echo 1 ;; *) echo "$2" ;; esac
}

plan_line() { # the runs of the catalogue line just read (model, workload, variant, ...)
	[ -z "$workloads" ] || [[ ",$workloads," == *",$workload,"* ]] || return 0
	[ "$scaling" = strong ] || [ "$weak" = yes ] || return 0
	[ -z "$threads" ] || [ "$model" = omp ] || [ "$hybrid" = yes ] || return 0
	if [ "$demo" = yes ]; then # a failure to watch, not a point to scale: once, at 2 workers
		if is_done "$model|$workload|$variant|2|$(ranks_of "$model" 2)|[0-9]*|$repeat"; then
			skipped=$((skipped + 1))
		else
			demos+=("$model $workload --variant $variant")
		fi
		return 0
	fi
	# --quick: the first MPI variant of each workload only (mpirun launches cost most; in weak
	# scaling, the first the catalogue gives for it)
	[ "$quick" -eq 0 ] || [ "$model" = omp ] || [[ " $seen " != *" $model:$workload "* ]] || return 0
	[ "$model" = omp ] || seen+=" $model:$workload"
	local pair
	n=$size
	[ "$quick" -eq 0 ] || n=$qsize
	for pair in "${size_list[@]}"; do
		[ "${pair%%=*}" != "$workload" ] || n=${pair#*=}
	done
	[ -n "$sizeopt" ] && [ "$n" != 0 ] || n=- # the program's own size
	case $model in
	python-*) plan_python ;;
	omp) plan_omp ;;
	*) plan_mpi ;;
	esac
}

plan_python() { # one run for every worker count not yet done, as OpenMP's
	local w pending=""
	for w in "${worker_list[@]}"; do
		if is_done "$model|$workload|$variant|$w|$(ranks_of "$model" "$w")|$(size_at "$w")|$repeat"; then
			skipped=$((skipped + 1))
		else
			pending+="${pending:+,}$w"
		fi
	done
	[ -z "$pending" ] || runs+=("$model $pending 1 $(args_at 1)")
}

plan_omp() { # strong scaling: one run for the worker counts still to run; weak: a run each
	local w words why all_fit=1 pending=""
	read -ra words <<<"$(args_at 1)"
	# can this variant run at every worker count? (one check, then each where it cannot)
	[ "$scaling" = weak ] || "$omp" "${words[@]}" --workers "$workers" --check >/dev/null 2>&1 || all_fit=""
	for w in "${worker_list[@]}"; do
		read -ra words <<<"$(args_at "$w")"
		if is_done "$model|$workload|$variant|$w|1|$(size_at "$w")|$repeat"; then
			skipped=$((skipped + 1))
		elif { [ -z "$all_fit" ] || [ "$scaling" = weak ]; } && ! why=$("$omp" "${words[@]}" --workers "$w" --check 2>&1 >/dev/null); then
			echo "local.sh: not run: omp $workload $variant at $w threads: ${why#parsuite-omp: }" >&2
		elif [ "$scaling" = weak ]; then
			runs+=("omp $w 1 ${words[*]}")
		else
			pending+="${pending:+,}$w"
		fi
	done
	[ -z "$pending" ] || runs+=("omp $pending 1 $(args_at 1)")
}

plan_mpi() { # a run a rank count, and for a hybrid workload every ranks x threads split
	local w r t words
	for w in "${worker_list[@]}"; do
		read -ra words <<<"$(args_at "$w")"
		if is_done "$model|$workload|$variant|$w|$w|$(size_at "$w")|$repeat"; then
			skipped=$((skipped + 1))
		elif [ -z "$threads" ]; then
			runs+=("mpi $w 1 ${words[*]}")
		fi
		[ "$hybrid" = yes ] || continue
		while read -r r t; do
			if is_done "mpi|$workload|$variant|$w|$r|$(size_at "$w")|$repeat"; then
				skipped=$((skipped + 1))
			else
				runs+=("mpi $r $t ${words[*]}")
			fi
		done < <(if [ -n "$threads" ]; then [ $((w % threads)) -ne 0 ] || echo "$((w / threads)) $threads"; else splits "$w"; fi)
	done
}

# The launches: an OpenMP run each; the MPI runs of one ranks x threads shape together, as one
# mpirun of parsuite-mpi --plan (a line per point): one launch per rank count, which on a cluster
# costs seconds each. Then the demonstrations, each a launch of its own (an MPI one in a plan of
# its own).
group_launches() {
	local run model np per_rank args d plans=0
	declare -A plan_of=()
	launches=()
	for run in "${runs[@]}"; do
		read -r model np per_rank args <<<"$run"
		if [ "$model" != mpi ]; then
			launches+=("$run")
			continue
		fi
		if [ -z "${plan_of[$np x $per_rank]:-}" ]; then
			plans=$((plans + 1))
			plan_of[$np x $per_rank]=$plans
			launches+=("mpi $np $per_rank $plans")
		fi
		echo "$args" >>"$work/plan.${plan_of[$np x $per_rank]}"
	done
	for d in "${demos[@]}"; do
		read -r model args <<<"$d"
		if [ "$model" != mpi ]; then
			launches+=("$model 2 1 $args")
		else
			plans=$((plans + 1))
			echo "$args" >"$work/plan.$plans"
			launches+=("mpi 2 1 $plans")
		fi
		demo_launch[${launches[-1]}]=1
	done
}

# A run writes its records to $work; only whole records (whole lines, in both files) are moved
# to the results, after the run or when it was interrupted.
keep() {
	local ncsv=-1 njson=0 n
	unverified=$(grep -c '"verified":false' "$work/run.jsonl" 2>/dev/null || true)
	[ ! -f "$work/run.csv" ] || ncsv=$(($(wc -l <"$work/run.csv") - 1)) # less the header
	[ ! -f "$work/run.jsonl" ] || njson=$(wc -l <"$work/run.jsonl")     # wc -l: whole lines
	n=$((ncsv < njson ? ncsv : njson))
	kept=$((n > 0 ? n : 0))
	if [ "$n" -gt 0 ]; then
		[ -s "$csv" ] || head -n 1 "$work/run.csv" >"$csv"
		tail -n +2 "$work/run.csv" | head -n "$n" >>"$csv"
		head -n "$n" "$work/run.jsonl" >>"$jsonl"
	fi
	rm -f "$work/run.csv" "$work/run.jsonl"
}

# shellcheck disable=SC2317 # called by the traps below
on_signal() {
	interrupted=$1
	[ -z "$child" ] || kill -TERM "$child" 2>/dev/null || true
}

# The command of LAUNCH in cmd, what it runs in what, its points in points; designed when
# errors is the workload (it exits 1 by design).
launch_command() {
	local model np per_rank args words plan mpirun
	read -r model np per_rank args <<<"$1"
	designed=""
	if [ "$model" != mpi ]; then
		read -ra words <<<"$args"
		what="omp ${args%% *} ${args##* } at $np threads" points=$(launch_points "$1")
		[ "$model" = omp ] || what="$model ${args%% *} ${args##* } at $np ${model#python-}"
		[ "${words[0]}" != errors ] || designed=1
		cmd=("$omp" "${words[@]}" --workers "$np")
		[[ $model != python-* ]] || cmd=(python3 "$PS_PYTHON" --model "${model#python-}" "${words[@]}" --workers "$np")
	else
		plan=$work/plan.$args points=$(launch_points "$1")
		what="mpi, $points points at $np ranks x $per_rank threads"
		[ -z "${demo_launch[$1]:-}" ] || what="mpi $(<"$plan") at $np ranks"
		read -ra mpirun <<<"$(ps_mpirun "$np" "$per_rank")"
		cmd=("${mpirun[@]}" "$mpi" --plan "$plan" --threads "$per_rank")
	fi
}

launch_points() { # launch_points LAUNCH: the points it measures (worker counts, or plan lines)
	local model np per_rank args counts
	read -r model np per_rank args <<<"$1"
	if [ "$model" = mpi ]; then
		wc -l <"$work/plan.$args"
	else
		IFS=, read -ra counts <<<"$np"
		echo "${#counts[@]}"
	fi
}

# The time left: each launch still to run, its points at the time a point of its kind has taken
# so far (a workload in one model; MPI's by ranks x threads, whose start costs most; a
# demonstration by itself), else of its model, else of any point; refined after every launch.
progress_plan() {
	local i model np per_rank args
	kinds=() families=() counts=()
	declare -gA spent=() measured=()
	for i in "${!launches[@]}"; do
		read -r model np per_rank args <<<"${launches[i]}"
		counts[i]=$(launch_points "${launches[i]}") families[i]=$model kinds[i]="$model ${args%% *}"
		[ "$model" != mpi ] || kinds[i]="mpi $np x $per_rank"
		[ -z "${demo_launch[${launches[i]}]:-}" ] || kinds[i]+=" demo"
	done
}
progress_took() { # progress_took I MICROSECONDS: launch I took that long
	local k
	for k in "${kinds[$1]}" "${families[$1]}" all; do
		spent[$k]=$((${spent[$k]:-0} + $2)) measured[$k]=$((${measured[$k]:-0} + counts[$1]))
	done
}
time_left() { # time_left I: ", about N s left" before launch I, nothing before the first
	local i k us=0
	[ "$1" -gt 0 ] || return 0
	for ((i = $1; i < ${#launches[@]}; i++)); do
		for k in "${kinds[i]}" "${families[i]}" all; do
			if [ "${measured[$k]:-0}" -gt 0 ]; then
				us=$((us + spent[$k] * counts[i] / measured[$k]))
				break
			fi
		done
	done
	echo ", about $(((us + 500000) / 1000000)) s left"
}

launch() { # launch LAUNCH: run it, keep its whole records, and say what its exit means
	local rc=0 mark why
	launch_command "$1"
	echo "local.sh: [$((done + 1))/$total] $what ($((SECONDS - start)) s elapsed$left)" >&2
	mark=local.$$.$done.$RANDOM # what the launch's processes inherit: found exactly, never by pattern
	PARSUITE_LAUNCH=$mark "${cmd[@]}" --repeat "$repeat" --quiet --format json --output "$work/run.csv" >"$work/run.jsonl" &
	child=$!
	wait "$child" || rc=$?
	while kill -0 "$child" 2>/dev/null; do wait "$child" || true; done # a signal ended the wait
	[ "${1%% *}" != mpi ] || ps_mpirun_reap "$child" "$mark"
	child=""
	keep
	[ -z "$interrupted" ] || return 0
	# errors exits 1 by design (its tasks fail; in a plan it does not); its records say whether
	# the handling verified.
	# Exit 1 is a failed verification only where a record says so: a launcher that lost a rank or
	# was signalled exits 1 too, and leaves points without records.
	# A demonstration exits 1 by design, its record kept and unverified (a deadlock caught), or
	# none left at all (an abort ends the program: that is its point).
	# A rank's real fault (crash) ends the job: the launcher exits 139 (SIGSEGV) and no record is
	# left.
	if [ -n "${demo_launch[$1]:-}" ] && [ "$rc" -eq 1 ] && [ "$unverified" -eq "$kept" ]; then
		echo "local.sh: $what: failed as it should (a demonstration; see the report's questions)" >&2
	elif [ -n "${demo_launch[$1]:-}" ] && [ "$rc" -eq 139 ] && [ "$kept" -eq 0 ]; then
		echo "local.sh: $what: a fault ended the job, as it should (exit 139: SIGSEGV; a demonstration)" >&2
	elif [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 1 ] && [ -n "$designed" ] && [ "$unverified" -eq 0 ] && [ "$kept" -eq "$points" ]; }; then
		why=""
		[ "$rc" -ne 1 ] || [ "$unverified" -gt 0 ] || why=" (no record failed verification: the run ended early, $kept of $points points recorded)"
		echo "local.sh: exit $rc$why from: ${cmd[*]}" >&2
		status=$((status > rc ? status : rc))
	fi
}

run_launches() { # every launch in turn, until the last or a signal
	local l began
	child="" interrupted=""
	trap 'on_signal INT' INT
	trap 'on_signal TERM' TERM
	trap 'on_signal HUP' HUP # a closed terminal or ssh session: the commonest end of a long sweep
	trap 'on_signal QUIT' QUIT
	total=${#launches[@]} done=0 status=0 start=$SECONDS
	progress_plan
	for l in "${launches[@]}"; do
		left=$(time_left "$done") began=${EPOCHREALTIME//[.,]/}
		launch "$l"
		[ -z "$interrupted" ] || break
		progress_took "$done" $((${EPOCHREALTIME//[.,]/} - began))
		done=$((done + 1))
	done
}

finish() { # the sweep's seconds, what --resume needs, the report and the summary; exits
	local earlier=0
	# The sweep's seconds in all: this part's and those of the parts before a --resume.
	[ ! -r "$out/sweep.seconds" ] || read -r earlier <"$out/sweep.seconds" || true
	[[ $earlier =~ ^[0-9]{1,9}$ ]] || earlier=0
	wall=$((SECONDS - start + earlier))
	if [ -n "$interrupted" ]; then
		echo "$wall" >"$out/sweep.seconds"
		echo "local.sh: interrupted (SIG$interrupted) during run $((done + 1)) of $total; every finished point is kept in $out; finish the sweep with: $0 --resume $out" >&2
		status=$((128 + $(kill -l "$interrupted")))
	elif [ "$status" -eq 0 ] || [ "$status" -eq 1 ]; then
		rm -f "$out/sweep.args" "$out/sweep.seconds" # finished: nothing to resume
	fi
	[ -s "$csv" ] || { echo "local.sh: no results were made" >&2; exit "$((status ? status : 1))"; }
	"$PS_REPORT" --plots "$out/plots" --output "$out/report.md" "$csv" || status=$?
	# The summary: median time and speedup against 1 worker of the same series, from the report program.
	"$PS_REPORT" --summary --wall "$wall" "$csv" || status=$?
	echo "results: $out/ (results.csv, results.jsonl, report.md, plots/)"
	exit "$status"
}

main() {
	declare -gA demo_launch=()
	options "$@"
	models_here
	read_catalogue
	check_workloads
	open_results
	calibrate_steps
	read_done_points
	plan
	group_launches
	run_launches
	finish
}

main "$@"
