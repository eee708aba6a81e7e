# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the install and package tests. verified DIR MODELS: DIR's results.csv holds records,
# every one verified, and some of each model in MODELS (a comma-separated list).
verified() {
	awk -f "${BASH_SOURCE[0]%/*}/../../jobs/csv2tsv.awk" "$1"/results.csv 2>/dev/null | awk -F'\t' -v models="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["verified"] != "yes" { bad = 1 } { seen[$c["model"]] = 1 }
		END { n = split(models, m, ","); for (i = 1; i <= n; i++) if (!(m[i] in seen)) bad = 1; exit bad || NR < 2 }'
}
