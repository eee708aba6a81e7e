# SPDX-License-Identifier: BSD-3-Clause
# Included by tests/CMakeLists.txt: bad input, full and read-only disks, restricted CPUs.
# Every option of every program and script with garbage, negative, zero, overflowing and empty
# values (tests/data/bad_inputs.txt): exit 2, one line naming it, on every rank.
# The scripts' own options (local, batch, cluster, multihost) are checked by the shell before any
# program runs: once, in the plain build.
set(ps_kinds omp report)
if(NOT PS_SANITIZE)
  list(APPEND ps_kinds local batch cluster multihost)
endif()
# MPI's table, in the plain build: its options are parsed by common/core/ps_cli.c, which the checked
# builds judge through bad-input.omp and fuzz.cli; what is MPI's own (every rank says it, and
# exits 2) no sanitizer judges, and the table was 126 s of the asan stage.
if(TARGET parsuite-mpi AND NOT PS_SANITIZE)
  list(APPEND ps_kinds mpi)
endif()
foreach(kind ${ps_kinds})
  add_test(NAME bad-input.${kind} COMMAND ${S}/bad_input.sh ${kind} ${CMAKE_BINARY_DIR})
  set_tests_properties(bad-input.${kind} PROPERTIES TIMEOUT 900)
endforeach()

# A full disk and a read-only one under --output (small tmpfs mounts): exit 3, whole records.
add_test(NAME disk-full COMMAND ${L}/no_litter.sh ${S}/disk_full.sh ${CMAKE_BINARY_DIR})
set_tests_properties(disk-full PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)

# Records count the CPUs the workers may use (taskset, OMP_PLACES, mpirun --cpu-set).
add_test(NAME records.restricted-cpus COMMAND ${S}/restricted_cpus.sh ${CMAKE_BINARY_DIR})
set_tests_properties(records.restricted-cpus PROPERTIES TIMEOUT 120)
