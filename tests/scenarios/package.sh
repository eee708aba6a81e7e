#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# package.sh BUILD: the Debian package as an admin meets it. CPack makes PACKAGE_V_ARCH.deb
# (PACKAGE: parsuite-openmpi or parsuite-mpich, for the MPI library parsuite-mpi links) and its
# -dbgsym .ddeb; lintian --pedantic finds no error or warning in either; Depends names the
# libraries it links and the launcher of its MPI, never the other's; its files are where Debian's
# tools look. In a fresh Debian root (tests/fresh_root.sh sets PARSUITE_FRESH_ROOT=1), a machine
# of its own: apt installs both packages; the packaged sweep runs; whatis tells the four programs
# apart; the programs are stripped and their symbols found by build ID; Lmod, then Environment
# Modules, load and unload the module from their own search paths, changing nothing else;
# removing the MPI's launcher would remove parsuite with it (apt's plan only: the tests after
# this one need that MPI); purging leaves none of its files. Lmod is put back at the end.
# Skips (77) without cpack, dpkg-shlibdeps, file or lintian.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: package.sh BUILD}" && pwd) || exit 2
for tool in cpack dpkg-shlibdeps file lintian; do
	command -v "$tool" >/dev/null || { echo "skipped: no $tool (apt-get install cmake dpkg-dev file lintian)"; exit 77; }
done
dir=$(mktemp -d) || exit 3
trap 'rm -rf "$dir"' EXIT
# shellcheck source=tests/lib/modules.sh
. "$top/tests/lib/modules.sh"
# shellcheck source=tests/lib/verified.sh
. "$top/tests/lib/verified.sh"
# shellcheck source=tests/lib/checks.sh
. "$top/tests/lib/checks.sh"

(cd "$dir" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$dir/deb") >"$dir/cpack.out" 2>&1
deb=$(find "$dir/deb" -maxdepth 1 -name '*.deb' | head -n 1)
ddeb=$(find "$dir/deb" -maxdepth 1 -name '*-dbgsym_*.ddeb' | head -n 1)
[ -n "$deb" ] && [ -n "$ddeb" ] || { echo "FAIL: cpack made no .deb and .ddeb: $(tail -n 3 "$dir/cpack.out")"; exit 1; }
package=$(dpkg-deb -f "$deb" Package)
echo "made $(basename "$deb") and $(basename "$ddeb")"

lintian --pedantic --display-info "$deb" "$ddeb" 2>&1 | grep -v "^running with root privileges" >"$dir/lintian.out"
check "lintian --pedantic: $(grep '^[EW]:' "$dir/lintian.out" | head -n 20)" bash -c '! grep -q "^[EW]:" "$1"' _ "$dir/lintian.out"
sed 's/^/lintian, not an error or warning: /' "$dir/lintian.out"

depends=$(dpkg-deb -f "$deb" Depends)
# The launcher of the MPI library it links (dpkg-shlibdeps found which), never the other's.
launcher=openmpi-bin other=mpich
[[ $depends != *libmpich* ]] || { launcher=mpich other=openmpi-bin; }
for want in libgmp libhwloc libjansson libcsv libgomp gnuplot "python3 (>=" "bash (>=" "$launcher"; do
	check "the .deb's Depends lacks $want: $depends" grep -qF "$want" <<<"$depends"
done
check "the .deb's Depends names $other, whose library it does not link: $depends" test "${depends/$other/}" = "$depends"
check "the .deb does not provide parsuite: $(dpkg-deb -f "$deb" Provides)" test "$(dpkg-deb -f "$deb" Provides)" = parsuite
files=$(dpkg-deb -c "$deb")
for want in ./usr/bin/parsuite-omp ./usr/share/parsuite/jobs/local.sh ./usr/share/modulefiles/parsuite/ \
	./etc/lmod/modules/parsuite ./usr/share/modules/modulefiles/parsuite \
	"./usr/share/doc/$package/copyright" "./usr/share/doc/$package/changelog.gz" ./usr/share/man/man7/parsuite.7.gz \
	./usr/share/bash-completion/completions/parsuite-omp ./usr/share/bash-completion/completions/parsuite-report; do
	check "the .deb lacks $want" grep -q " $want" <<<"$files"
done

if [ "${PARSUITE_FRESH_ROOT:-}" != 1 ]; then
	echo "skipped: installing the packages (only in the fresh root: it would change this machine)"
	checks_done
	exit
fi
apt() { DEBIAN_FRONTEND=noninteractive apt-get -y -qq "$@" >"$dir/apt.out" 2>&1; }
cp "$ddeb" "$dir/dbgsym.deb" # apt takes a local package by its .deb name
apt install "$deb" "$dir/dbgsym.deb"
check "apt install $(basename "$deb") and its dbgsym: $(tail -n 3 "$dir/apt.out")" quietly dpkg -s "$package" "$package-dbgsym"
dpkg -L "$package" "$package-dbgsym" | sort -u >"$dir/owned"
mkdir -p "$dir/work"
(cd "$dir/work" && /usr/share/parsuite/jobs/local.sh --quick --models omp,mpi --workloads squares --workers 1,2) >"$dir/sweep.out" 2>&1
check "the packaged sweep, every record verified: $(tail -n 3 "$dir/sweep.out")" \
	verified "$(find "$dir/work/results" -mindepth 1 -maxdepth 1 -type d | head -n 1)" omp,mpi
whatis=$(whatis parsuite-omp parsuite-mpi parsuite-report parsuite-python 2>&1)
check "whatis tells the four programs apart: $whatis" test "$(sed -n 's/^[^ ]* ([0-9]) *- //p' <<<"$whatis" | sort -u | wc -l)" -eq 4
for program in parsuite-omp parsuite-mpi parsuite-report; do
	id=$(readelf -n "/usr/bin/$program" | awk '/Build ID/ { print $3 }')
	check "$program is not stripped: $(file -b "/usr/bin/$program")" bash -c 'file -b "$1" | grep -q ", stripped"' _ "/usr/bin/$program"
	check "$program's symbols (build ID $id) not in $package-dbgsym" test -s "/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug"
done

module_checks "Lmod, its own search path: module load parsuite" /usr "$(module_session /etc/profile.d/lmod.sh)"
apt install environment-modules || { apt-get -qq update && apt install environment-modules; } # apt removes lmod: they conflict
check "apt install environment-modules: $(tail -n 3 "$dir/apt.out")" test -r /etc/profile.d/modules.sh
module_checks "Environment Modules, its own search path: module load parsuite" /usr "$(module_session /etc/profile.d/modules.sh)"
apt install lmod

plan=$(apt-get -s remove "$launcher" 2>&1)
check "removing $launcher would leave $package half-installed: $(grep '^Remv' <<<"$plan" | xargs)" grep -q "^Remv $package " <<<"$plan"
apt remove "$package"
check "apt remove $package: /usr/bin/parsuite-omp remains" test ! -e /usr/bin/parsuite-omp
apt purge "$package" "$package-dbgsym"
check "apt purge: dpkg still knows $package: $(dpkg -l "$package" 2>&1 | tail -n 1)" bash -c '! dpkg -l "$1" 2>/dev/null | grep -q "^[a-z][a-z] "' _ "$package"
left=$(while read -r path; do # its files and links (directories stay while others' files are in them)
	if [ -L "$path" ] || { [ -e "$path" ] && [ ! -d "$path" ]; }; then echo "$path"; fi
done <"$dir/owned")
for own in /usr/share/parsuite "/usr/share/doc/$package" /usr/share/modulefiles/parsuite; do
	[ ! -e "$own" ] || left+=" $own"
done
check "apt purge left files behind: $left" test -z "$left"
checks_done
