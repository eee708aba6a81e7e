# SPDX-License-Identifier: BSD-3-Clause
# own_stderr.awk (capture.sh's own_stderr): prints a program's stderr without what an OpenMP
# runtime prints of its own on reading its environment at load, before parsuite runs: libgomp's
# message ("\nlibgomp: ", "Invalid value for environment variable ...", "\n": three writes) and
# libomp's "OMP: Warning #...". Under MPI the ranks' writes interleave in any order (MPICH's
# launcher forwards each rank's pieces as they come), so libgomp's pieces of one message can
# land on separate lines: every blank line and every line starting with one of them is the
# runtime's. (parsuite's own refusal is one line of one write, by rank 0 only.)
/^$/ { next }
/^libgomp: / { next }
/^Invalid value for environment variable / { next }
/^OMP: Warning #/ { next }
{ print }
