#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# install.sh BUILD: parsuite as a site installs it. `cmake --install` into a temporary prefix;
# the installed sweep (OpenMP and MPI, --quick) run from a directory outside the source tree,
# writing its results there; its man pages, each with a NAME of its own (what whatis shows);
# `module load parsuite` and unload through Lmod, changing nothing else; the installed
# omp.sbatch submitted to a private Slurm from that directory. (tests/scenarios/package.sh: the Debian
# package.) Parts whose tools are missing are skipped with the reason; the test command
# installs them all.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
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
# shellcheck source=tests/lib/modules.sh
. "$top/tests/lib/modules.sh"
# shellcheck source=tests/lib/verified.sh
. "$top/tests/lib/verified.sh"
# shellcheck source=tests/lib/checks.sh
. "$top/tests/lib/checks.sh"
version=$("$build/omp/parsuite-omp" --version | awk '{ print $2 }')
package=$(sed -n 's/^set(CPACK_PACKAGE_NAME "\([a-z0-9.+-]*\)")$/\1/p' "$build/CPackConfig.cmake")
prefix=$dir/prefix work=$dir/work
mkdir -p "$work"
skipped=()

cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
doc=share/doc/$package
for f in bin/parsuite-omp bin/parsuite-report share/parsuite/jobs/local.sh share/parsuite/jobs/slurm/omp.sbatch \
	"$doc/README.md" "$doc/copyright" "$doc/changelog.gz" "$doc/docs/questions.md" "$doc/docs/q1-speedup.png" \
	"share/modulefiles/parsuite/$version.lua" "share/modulefiles/parsuite/$version" \
	share/bash-completion/completions/parsuite-omp share/bash-completion/completions/parsuite-python; do
	check "installed: $f" [ -e "$prefix/$f" ]
done
models=omp
[ ! -x "$build/mpi/parsuite-mpi" ] || { models=omp,mpi; check "installed: bin/parsuite-mpi" [ -x "$prefix/bin/parsuite-mpi" ]; }
check "installed: bin/parsuite-python" [ -L "$prefix/bin/parsuite-python" ]
sweep_models=$models # the sweep's names; the records name Python's pools by kind
pages=(parsuite-omp parsuite-report)
[ ! -x "$build/mpi/parsuite-mpi" ] || pages+=(parsuite-mpi)
if command -v python3 >/dev/null; then
	check "installed: bin/parsuite-python runs" quietly "$prefix/bin/parsuite-python" --list
	pages+=(parsuite-python)
	sweep_models+=,python models+=,python-threads,python-processes
fi
if command -v help2man >/dev/null && command -v lexgrog >/dev/null; then
	# What whatis will say of each (lexgrog reads NAME as mandb does): a line of its own.
	names=()
	for p in "${pages[@]}"; do
		check "man page $p(1)" zgrep -q "^\.TH ${p^^} \"1\"" "$prefix/share/man/man1/$p.1.gz"
		names+=("$(lexgrog "$prefix/share/man/man1/$p.1.gz" 2>/dev/null | sed 's/^[^:]*: *//')")
	done
	distinct=$(printf '%s\n' "${names[@]}" | sed -n 's/^[^ ]* - //p' | sort -u | wc -l)
	check "man pages' NAME lines are not ${#pages[@]} different ones: $(printf '%s; ' "${names[@]}")" \
		[ "$distinct" -eq "${#pages[@]}" ]
	check "man page parsuite(7)" zgrep -q '^\.TH PARSUITE 7' "$prefix/share/man/man7/parsuite.7.gz"
else
	skipped+=("man pages (no help2man or man-db)")
fi

# The installed sweep, from outside the source tree: results under the working directory.
rc=0
(cd "$work" && "$prefix/share/parsuite/jobs/local.sh" --quick --models "$sweep_models" --workloads hello,squares --workers 1,2) >"$dir/sweep.out" 2>&1 || rc=$?
out=$(find "$work/results" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -n 1)
check "the installed sweep exited $rc: $(tail -n 3 "$dir/sweep.out")" [ "$rc" -eq 0 ]
check "the installed sweep's results are not all verified ($models) in $work/results" verified "$out" "$models"
check "the installed sweep wrote into the source tree" [ ! -e "$top/share" ]

# Lmod: module load parsuite, found by module use; then unloaded.
lmod=/usr/share/lmod/lmod/init/profile # what /etc/profile.d/lmod.sh holds
if [ -r "$lmod" ]; then
	module_checks "Lmod: module load parsuite" "$prefix" "$(module_session "$lmod" "$prefix/share/modulefiles")"
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

[ "${#skipped[@]}" -eq 0 ] || printf 'skipped: %s\n' "${skipped[@]}"
checks_done
