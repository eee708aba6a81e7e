# SPDX-License-Identifier: BSD-3-Clause
# csv2tsv.awk: CSV (RFC 4180 quoting, one record per line) to tab-separated fields, for the
# awk programs of the job and test scripts. Fields must not contain tabs or newlines (parsuite's
# records do not). With -v points=1, the records of a series (share pipe's record per message
# size: message_bytes set) are left out, and each point's own record stays.
{
	out = ""; field = ""; quoted = 0; n = length($0)
	for (i = 1; i <= n; i++) {
		c = substr($0, i, 1)
		if (quoted) {
			if (c == "\"" && substr($0, i + 1, 1) == "\"") { field = field "\""; i++ }
			else if (c == "\"") quoted = 0
			else field = field c
		} else if (c == "\"") quoted = 1
		else if (c == ",") { out = out field "\t"; field = "" }
		else field = field c
	}
	out = out field
	if (points && NR == 1)
		for (n = split(out, names, "\t"); n > 0; n--)
			if (names[n] == "message_bytes") series = n
	if (points && NR > 1 && series) {
		split(out, f, "\t")
		if (f[series] != "") next
	}
	print out
}
