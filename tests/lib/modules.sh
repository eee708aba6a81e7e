# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the install and package tests. module_session PROFILE [DIR]: in a new bash with
# MANPATH unset (as on most machines) and PATH without repeated entries (Lmod removes repeats of
# whatever it changes), the login profile of a module tool (Lmod's /etc/profile.d/lmod.sh,
# Environment Modules' modules.sh) is read, parsuite is loaded, found in DIR (module use) or where
# the tool looks by itself, and unloaded again. Prints what a user would see, a line each:
#   version V     parsuite-omp --version, run from PATH while loaded
#   root R        PARSUITE_ROOT           jobs J    PARSUITE_JOBS
#   page P        man -w parsuite-omp     system S  man -w man (the system's pages still found)
#   set VAR       each variable the load changed
#   left VAR      each variable not as it was once unloaded
# The tool's own bookkeeping (LOADEDMODULES, _LMFILES_, _ModuleTable*, __LMOD*, __MODULES*,
# LMOD*, MODULE*) is not counted. Lmod 8.6 rewrites MANPATH's trailing ":" (the system's pages,
# set by its profile) as "::", which man reads the same: repeated colons in MANPATH count as one.
module_session() {
	env -u MANPATH bash -c '
		unique=() seen=":"
		IFS=: read -ra parts <<<"$PATH"
		for p in "${parts[@]}"; do
			[[ $seen == *":$p:"* ]] || unique+=("$p") seen+="$p:"
		done
		PATH=$(IFS=:; echo "${unique[*]}")
		. "$1" >/dev/null 2>&1 || { echo "cannot source $1"; exit 3; }
		[ -z "$2" ] || module use "$2"
		snapshot() {
			local v value
			for v in $(compgen -e); do
				case $v in
				_ModuleTable* | __LMOD* | _LMFILES_ | LOADEDMODULES | LMOD* | MODULE* | __MODULES* | _ | OLDPWD | PWD | SHLVL) continue ;;
				esac
				value=${!v}
				[ "$v" != MANPATH ] || value=$(sed "s/::*/:/g" <<<"$value")
				printf "%s=%q\n" "$v" "$value"
			done | sort
		}
		changed() { diff <(echo "$1") <(echo "$2") | sed -n "s/^[<>] \([^=]*\)=.*/$3 \1/p" | sort -u; }
		before=$(snapshot)
		module load parsuite 2>&1 || exit 1
		loaded=$(snapshot)
		(cd / && echo "version $(parsuite-omp --version)")
		echo "root $PARSUITE_ROOT"
		echo "jobs $PARSUITE_JOBS"
		echo "page $(man -w parsuite-omp 2>/dev/null)"
		echo "system $(man -w man 2>/dev/null)"
		changed "$before" "$loaded" set
		module unload parsuite 2>&1
		changed "$before" "$(snapshot)" left
	' module_session "$@" 2>&1
}

# module_checks WHAT PREFIX OUTPUT: the checks of a module_session's OUTPUT for parsuite installed
# in PREFIX (through install.sh's check).
module_checks() {
	local what=$1 prefix=$2 got=$3 want_set="MANPATH PARSUITE_JOBS PARSUITE_ROOT"
	[ "$prefix" = /usr ] || want_set="MANPATH PARSUITE_JOBS PARSUITE_ROOT PATH"
	check "$what: parsuite-omp not on PATH: $got" grep -q "^version parsuite-omp [0-9]" <<<"$got"
	check "$what: PARSUITE_ROOT" grep -qxF -- "root $prefix" <<<"$got"
	check "$what: PARSUITE_JOBS" grep -qxF -- "jobs $prefix/share/parsuite/jobs" <<<"$got"
	check "$what: man parsuite-omp not found: $got" grep -q "^page $prefix/share/man/man1/parsuite-omp.1" <<<"$got"
	check "$what hides the system's man pages: $got" grep -q "^system /" <<<"$got"
	check "$what: the load set $(sed -n 's/^set //p' <<<"$got" | xargs), not $want_set" \
		test "$(sed -n 's/^set //p' <<<"$got" | xargs)" = "$want_set"
	check "$what: unloaded, $(sed -n 's/^left //p' <<<"$got" | xargs) not as before" \
		test -z "$(sed -n 's/^left //p' <<<"$got")"
}
