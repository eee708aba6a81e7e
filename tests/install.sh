#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# install.sh BUILD: parsuite as a site installs it. `cmake --install` into a temporary prefix;
# the installed sweep (OpenMP and MPI, --quick) run from a directory outside the source tree,
# writing its results there; `module load parsuite` through Lmod; the installed omp.sbatch
# submitted to a private Slurm from that directory; the Debian package built by CPack, with its
# dependencies and files, and (in the fresh Debian root of tests/fresh_root.sh, where
# PARSUITE_FRESH_ROOT=1) installed with apt and run. Parts whose tools are missing are skipped
# with the reason; the test command installs them all.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: install.sh BUILD}" && pwd) || exit 2
dir=$(mktemp -d)
chmod 0755 "$dir" # the munge user of the private Slurm must reach its directory below
slurm=""
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	[ -z "$slurm" ] || "$prefix/share/parsuite/jobs/slurm/local-cluster.sh" stop "$slurm"
	rm -rf "$dir"
}
trap cleanup EXIT
prefix=$dir/prefix work=$dir/work
mkdir -p "$work"
passed=0 failed=0 skipped=()
check() { # check WHAT CONDITION...
	local what=$1
	shift
	if "$@"; then passed=$((passed + 1)); else echo "FAIL: $what"; failed=$((failed + 1)); fi
}
verified() { # verified DIR MODELS: DIR's records are all verified, and there are some of each model
	awk -f "$top/jobs/csv2tsv.awk" "$1"/results.csv 2>/dev/null | awk -F'\t' -v models="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["verified"] != "yes" { bad = 1 } { seen[$c["model"]] = 1 }
		END { n = split(models, m, ","); for (i = 1; i <= n; i++) if (!(m[i] in seen)) bad = 1; exit bad || NR < 2 }'
}

cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
for f in bin/parsuite-omp bin/parsuite-report share/parsuite/jobs/local.sh share/parsuite/jobs/slurm/omp.sbatch \
	share/doc/parsuite/README.md share/doc/parsuite/LICENSE share/doc/parsuite/docs/questions.md share/doc/parsuite/docs/q1-speedup.png share/modulefiles/parsuite; do
	check "installed: $f" [ -e "$prefix/$f" ]
done
models=omp
[ ! -x "$build/mpi/parsuite-mpi" ] || { models=omp,mpi; check "installed: bin/parsuite-mpi" [ -x "$prefix/bin/parsuite-mpi" ]; }
quietly() { "$@" >/dev/null 2>&1; }
check "installed: bin/parsuite-python" [ -L "$prefix/bin/parsuite-python" ]
sweep_models=$models # the sweep's names; the records name Python's pools by kind
if command -v python3 >/dev/null; then
	check "installed: bin/parsuite-python runs" quietly "$prefix/bin/parsuite-python" --list
	! command -v help2man >/dev/null ||
		check "man page parsuite-python(1)" grep -q '^\.TH PARSUITE-PYTHON "1"' "$prefix/share/man/man1/parsuite-python.1"
	sweep_models+=,python models+=,python-threads,python-processes
fi
if command -v help2man >/dev/null; then
	for p in parsuite-omp parsuite-report; do
		check "man page $p(1)" grep -q "^\.TH ${p^^} \"1\"" "$prefix/share/man/man1/$p.1"
	done
else
	skipped+=("man pages (no help2man)")
fi

# The installed sweep, from outside the source tree: results under the working directory.
rc=0
(cd "$work" && "$prefix/share/parsuite/jobs/local.sh" --quick --models "$sweep_models" --workloads hello,squares --workers 1,2) >"$dir/sweep.out" 2>&1 || rc=$?
out=$(find "$work/results" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -n 1)
check "the installed sweep exited $rc: $(tail -n 3 "$dir/sweep.out")" [ "$rc" -eq 0 ]
check "the installed sweep's results are not all verified ($models) in $work/results" verified "$out" "$models"
check "the installed sweep wrote into the source tree" [ ! -e "$top/share" ]

# Lmod: module load parsuite.
lmod=/usr/share/lmod/lmod/init/bash
if [ -r "$lmod" ]; then
	# (MANPATH unset, as on most machines: the system's pages must stay found)
	got=$(env -u MANPATH bash -c ". $lmod && module use '$prefix/share/modulefiles' && module load parsuite && cd / &&
		parsuite-omp --version && echo \"\$PARSUITE_JOBS\" && echo \"root \$PARSUITE_ROOT\" &&
		man -w parsuite-omp 2>/dev/null; man -w man 2>/dev/null | sed 's/^/system /'" 2>&1)
	check "module load parsuite: $got" grep -q "^parsuite-omp [0-9]" <<<"$got"
	check "module load parsuite: PARSUITE_JOBS" grep -qxF -- "$prefix/share/parsuite/jobs" <<<"$got"
	check "module load parsuite: PARSUITE_ROOT" grep -qxF -- "root $prefix" <<<"$got"
	check "module load parsuite hides the system's man pages: $got" grep -q "^system /" <<<"$got"
else
	skipped+=("Lmod (no lmod)")
fi

# The installed omp.sbatch, submitted from outside the tree to a private Slurm.
if [ "$(id -u)" -eq 0 ] && command -v slurmctld >/dev/null && command -v sbatch >/dev/null; then
	slurm=$dir/slurm
	if conf=$("$prefix/share/parsuite/jobs/slurm/local-cluster.sh" start "$slurm"); then
		eval "$conf"
		if id=$(cd "$work" && PARSUITE_JOBS=$prefix/share/parsuite/jobs PARSUITE_QUICK=1 PARSUITE_WORKLOADS=hello,squares \
			sbatch --parsable --wait -o "$dir/slurm-%j.out" "$prefix/share/parsuite/jobs/slurm/omp.sbatch"); then
			check "installed omp.sbatch (job $id): its results in the submission directory" verified "$work/results/slurm-$id" omp
		else
			echo "FAIL: installed omp.sbatch: the job failed"
			tail -n 20 "$dir"/slurm-*.out
			failed=$((failed + 1))
		fi
	else
		echo "FAIL: the private Slurm did not start"
		failed=$((failed + 1))
	fi
else
	skipped+=("Slurm (not root, or no Slurm)")
fi

# The Debian package.
if command -v cpack >/dev/null && command -v dpkg-shlibdeps >/dev/null && command -v file >/dev/null; then
	(cd "$dir" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$dir/deb") >"$dir/cpack.out" 2>&1
	deb=$(find "$dir/deb" -maxdepth 1 -name 'parsuite_*.deb' | head -n 1)
	check "cpack made no .deb: $(tail -n 3 "$dir/cpack.out")" [ -n "$deb" ]
	depends=$(dpkg-deb -f "$deb" Depends 2>/dev/null)
	# The launcher of the MPI library it links (dpkg-shlibdeps found which), never the other's.
	launcher=openmpi-bin other=mpich
	[[ $depends != *libmpich* ]] || { launcher=mpich other=openmpi-bin; }
	for want in libgmp libhwloc libjansson libcsv libgomp gnuplot python3 "$launcher"; do
		check "the .deb's Depends lacks $want: $depends" grep -q "$want" <<<"$depends"
	done
	check "the .deb's Depends names $other, whose library it does not link: $depends" \
		test "${depends/$other/}" = "$depends"
	files=$(dpkg-deb -c "$deb" 2>/dev/null)
	for want in ./usr/bin/parsuite-omp ./usr/share/parsuite/jobs/local.sh ./usr/share/modulefiles/parsuite/; do
		check "the .deb lacks $want" grep -q " $want" <<<"$files"
	done
	if [ "${PARSUITE_FRESH_ROOT:-}" = 1 ] && [ -n "$deb" ]; then # a machine of its own: install it
		rc=0
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$dir/apt.out" 2>&1 || rc=$?
		check "apt install ./$(basename "$deb") exited $rc: $(tail -n 3 "$dir/apt.out")" [ "$rc" -eq 0 ]
		mkdir -p "$dir/deb-work"
		(cd "$dir/deb-work" && /usr/share/parsuite/jobs/local.sh --quick --models omp --workloads squares --workers 1,2) >"$dir/deb.out" 2>&1
		check "the packaged sweep: $(tail -n 3 "$dir/deb.out")" verified "$(find "$dir/deb-work/results" -mindepth 1 -maxdepth 1 -type d | head -n 1)" omp
	else
		skipped+=("installing the .deb (only in the fresh root: it would change this machine)")
	fi
else
	skipped+=("the .deb (no cpack, dpkg-shlibdeps or file)")
fi
[ "${#skipped[@]}" -eq 0 ] || printf 'skipped: %s\n' "${skipped[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
