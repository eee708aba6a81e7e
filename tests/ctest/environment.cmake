# SPDX-License-Identifier: BSD-3-Clause
# Included last by tests/CMakeLists.txt, over every test made: a TMPDIR each, the labels the
# presets select by, and the sanitizers' settings.
# Every test that may run beside others gets a TMPDIR of its own: Open MPI keeps its session
# directories under TMPDIR, and two jobs ending and starting at once in one shared directory race
# (one removes the common parent while the other creates its own in it; seen in CI as a failed
# MPI_Init). Tests that run alone (RUN_SERIAL) and those that hold the lock "cluster" keep the
# usual TMPDIR: the daemons of the latter put Unix sockets in it, whose paths may not exceed 108
# bytes (munge's under the build tree of a fresh root did: its Slurm job never started).
get_directory_property(ps_tests TESTS)
set(ps_tmp ${CMAKE_CURRENT_BINARY_DIR}/tmp)
set(ps_tmp_dirs)
foreach(test ${ps_tests})
  get_test_property(${test} RUN_SERIAL serial)
  get_test_property(${test} RESOURCE_LOCK lock)
  if(NOT serial AND NOT lock STREQUAL "cluster")
    list(APPEND ps_tmp_dirs ${ps_tmp}/${test})
    set_property(TEST ${test} APPEND PROPERTY FIXTURES_REQUIRED tmp)
    set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT TMPDIR=${ps_tmp}/${test})
  endif()
endforeach()
add_test(NAME tmp.make COMMAND ${CMAKE_COMMAND} -E make_directory ${ps_tmp_dirs})
add_test(NAME tmp.remove COMMAND ${CMAKE_COMMAND} -E rm -rf ${ps_tmp})
set_tests_properties(tmp.make PROPERTIES FIXTURES_SETUP tmp)
set_tests_properties(tmp.remove PROPERTIES FIXTURES_CLEANUP tmp)

# What a sanitizer cannot judge: the scripts' scenarios (sweeps and their signals, the report's
# files and comparisons, faults and crashes, disks, placement, plans, determinism's rounds), run
# in the plain builds (default, and the fresh roots); the checked builds leave them out
# (CMakePresets.json), as ThreadSanitizer leaves the bad-input tables, which end before any
# thread starts.
set(ps_scenario "^(licence[.]|mpi[.]placement$|sweep[.]|report[.](compare|hostile|files|questions)$|disk-full$|records[.]restricted-cpus$|determinism$|mpi[.]cli[.](mpmd-options|plan)$|(omp|mpi|python[.](threads|processes))[.](fault|crash)[.])")
foreach(test ${ps_tests})
  if(test MATCHES "${ps_scenario}")
    set_property(TEST ${test} APPEND PROPERTY LABELS scenario)
  elseif(test MATCHES "^bad-input[.]")
    set_property(TEST ${test} APPEND PROPERTY LABELS input)
  endif()
endforeach()

# Checked builds: every test runs with its sanitizer's settings.
if(PS_SANITIZE STREQUAL "address")
  # (parsuite-mpi turns LeakSanitizer off for itself: see mpi/main.c)
  set_property(TEST ${ps_tests} APPEND PROPERTY ENVIRONMENT UBSAN_OPTIONS=print_stacktrace=1
    LSAN_OPTIONS=suppressions=${L}/lsan.supp:print_suppressions=0)
elseif(PS_SANITIZE STREQUAL "thread")
  # Archer, LLVM's OpenMP tool, tells ThreadSanitizer about OpenMP's barriers, tasks and locks.
  get_filename_component(ps_omp_dir "${OpenMP_omp_LIBRARY}" DIRECTORY)
  find_library(PS_ARCHER archer HINTS ${ps_omp_dir})
  if(NOT PS_ARCHER)
    message(FATAL_ERROR "tsan: LLVM's Archer (libarcher.so) not found; Debian: apt-get install libomp-dev")
  endif()
  set_property(TEST ${ps_tests} APPEND PROPERTY ENVIRONMENT OMP_TOOL_LIBRARIES=${PS_ARCHER}
    "TSAN_OPTIONS=ignore_noninstrumented_modules=1 suppressions=${L}/tsan.supp")
endif()
