# own_stderr.awk (capture.sh's own_stderr): prints a program's stderr without the lines an OpenMP
# runtime prints of its own on reading its environment at load, before parsuite runs: libgomp's
# "libgomp: Invalid value ..." with the blank line it puts before it, and libomp's
# "OMP: Warning #...". Ranks' lines interleave in any order, so one blank line is dropped for
# each libgomp line wherever it stands.
/^libgomp: / { runtime++; next }
/^OMP: Warning #/ { next }
/^$/ { blanks++; next }
{ print }
END { for (i = runtime; i < blanks; i++) print "" }
