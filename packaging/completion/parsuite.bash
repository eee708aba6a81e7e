# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
# Bash completion for parsuite-omp, parsuite-mpi, parsuite-report, parsuite-python and
# jobs/local.sh, installed under each program's name where bash-completion looks
# (share/bash-completion/completions). What it offers comes from the program being completed:
# its options from its --help (the option table), its workloads and their variants from its
# --list --format csv; so it cannot drift from them. Files after --output, --plan, --plots and
# for parsuite-report's results.
_parsuite() {
	local program=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev="" words
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()
	case $prev in
	--output | -o | --plan | --plots | --hostfile | --baseline | --compare)
		[ "$prev" = --baseline ] || [ "$prev" = --compare ] || {
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			return
		}
		;;
	--variant)
		local w workload=""
		for w in "${COMP_WORDS[@]:1}"; do
			_parsuite_workloads "$program" | grep -qxF -- "$w" && workload=$w
		done
		[ "${program##*/}" != local.sh ] || return 0
		words=$("$program" --list --format csv 2>/dev/null | awk -F, -v w="$workload" 'NR > 1 && (w == "" || $2 == w) { print $3 }' | sort -u)
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
		return
		;;
	--format)
		case ${program##*/} in
		parsuite-report) words="markdown json" ;;
		parsuite-python) words="json csv" ;;
		*) words="table csv json" ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
		return
		;;
	--model)
		case ${program##*/} in
		parsuite-python) words="threads processes" ;;
		*) words="omp mpi python" ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		words=$("$program" --help 2>/dev/null | grep -oE -- '(^|[ ,[|])--?[a-zA-Z][a-z-]*' | tr -d ' ,[|' | sort -u)
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
	elif [ "${program##*/}" = parsuite-report ]; then
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W "$(_parsuite_workloads "$program")" -- "$cur")
	fi
}
# The workloads PROGRAM lists (none for local.sh, which takes options only: it is never run for
# a list, which it does not have).
_parsuite_workloads() {
	[ "${1##*/}" != local.sh ] || return 0
	"$1" --list --format csv 2>/dev/null | awk -F, 'NR > 1 { print $2 }' | sort -u
}
complete -o filenames -F _parsuite parsuite-omp parsuite-mpi parsuite-report parsuite-python local.sh
