#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# install_rpath.sh BUILD: an installed program finds a library that is not the system's (as a
# site's MPI, GMP or hwloc under /opt, from a module) with no module loaded and no
# LD_LIBRARY_PATH. A copy of the system's GMP is put under a private opt/gmp with a pkg-config
# file naming it; parsuite-omp is configured against it (MPI left out: the install RPATH is made
# the same way from every library's directory) and built with the RPATH that `cmake --install`
# gives it, and must then load libgmp from opt/gmp, not from the system's /usr/lib. The system's
# own directories must stay out of the RPATH (Debian policy).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: install_rpath.sh BUILD}" && pwd) || exit 2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

system=$(pkg-config --variable=libdir gmp) || { echo "skipped: no gmp.pc (apt-get install libgmp-dev)"; exit 77; }
opt=$dir/opt/gmp
mkdir -p "$opt/lib/pkgconfig"
cp -L "$system/libgmp.so" "$opt/lib/libgmp.so.10"
ln -s libgmp.so.10 "$opt/lib/libgmp.so"
cat >"$opt/lib/pkgconfig/gmp.pc" <<PC
libdir=$opt/lib
Name: GNU MP
Description: GNU MP, a copy under opt
Version: $(pkg-config --modversion gmp)
Libs: -L\${libdir} -lgmp
PC

compiler=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
PKG_CONFIG_PATH=$opt/lib/pkgconfig cmake -S "$top" -B "$dir/build" -DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_C_COMPILER="$compiler" -DCMAKE_DISABLE_FIND_PACKAGE_MPI=ON -DBUILD_TESTING=OFF \
	-DCMAKE_BUILD_WITH_INSTALL_RPATH=ON \
	>"$dir/configure.log" 2>&1 || fail "configure: $(tail -5 "$dir/configure.log")"
cmake --build "$dir/build" --target parsuite-omp -j 2 >"$dir/build.log" 2>&1 || fail "build: $(tail -5 "$dir/build.log")"
program=$dir/build/omp/parsuite-omp

runpath=$(readelf -d "$program" | sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]/\2/p')
[ "$runpath" = "$opt/lib" ] || fail "the install RUNPATH is '$runpath', expected '$opt/lib' alone"
found=$(env -u LD_LIBRARY_PATH ldd "$program" | awk '$1 ~ /^libgmp/ { print $3 }')
[ "$found" = "$opt/lib/libgmp.so.10" ] || fail "the installed program loads libgmp from '$found', not $opt/lib"
out=$(env -u LD_LIBRARY_PATH "$program" factorials --size 20 --workers 1 --repeat 1 --format csv --quiet) ||
	fail "the installed program did not run: $out"
grep -q ',yes,' <<<"$out" || fail "the installed program's record is not verified: $out"
echo "ok: the installed parsuite-omp has RUNPATH $runpath and loads $found"
