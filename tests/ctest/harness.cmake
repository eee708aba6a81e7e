# SPDX-License-Identifier: BSD-3-Clause
# Included by tests/CMakeLists.txt: the ways a test is made, each a function: a run whose
# records join the agreement test (every variant, or one command), a check of its own, a failure
# or an exit code with its one line, and the workloads no test names yet.
# Every workload run appends its records to one file; the agreement test reads them all.
add_test(NAME records.clean COMMAND ${CMAKE_COMMAND} -E rm -f ${RECORDS})
set_tests_properties(records.clean PROPERTIES FIXTURES_SETUP clean)
function(ps_records_test name rows)
  add_test(NAME ${name} COMMAND ${L}/expect_records.sh --rows ${rows} -- ${ARGN}
                                --format csv --quiet --output ${RECORDS})
  set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED clean FIXTURES_SETUP records
                                          TIMEOUT 120)
endfunction()
# The same for every variant of a workload that PROGRAM lists (--list: no variant is named here),
# {variant} standing for each: ps_variants_test(NAME PROGRAM WORKLOAD ROWS [MODEL M] [EXCEPT V,V]
# COMMAND...).
function(ps_variants_test name program workload rows)
  cmake_parse_arguments(PARSE_ARGV 4 ARG "" "MODEL;EXCEPT" "")
  set(except)
  if(ARG_MODEL)
    list(APPEND except --model ${ARG_MODEL})
  endif()
  if(ARG_EXCEPT)
    list(APPEND except --except ${ARG_EXCEPT})
  endif()
  add_test(NAME ${name} COMMAND ${L}/each_variant.sh ${program} ${workload} ${except} --
    ${L}/expect_records.sh --rows ${rows} -- ${ARG_UNPARSED_ARGUMENTS} --format csv --quiet --output ${RECORDS})
  set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED clean FIXTURES_SETUP records
                                          TIMEOUT 900)
endfunction()
# A check of its own (see expect_records.sh), records not kept for the agreement test.
function(ps_check_test name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "CHECKS;COMMAND")
  add_test(NAME ${name} COMMAND ${L}/expect_records.sh ${ARG_CHECKS} -- ${ARG_COMMAND} --format csv)
  set_tests_properties(${name} PROPERTIES TIMEOUT 120)
endfunction()
function(ps_fail_test name regex)
  add_test(NAME ${name} COMMAND ${L}/expect_fail.sh ${regex} -- ${ARGN})
  set_tests_properties(${name} PROPERTIES TIMEOUT 60)
endfunction()

# Command line: each bad input exits 2 with one line naming it; environment errors exit 3.
function(ps_cli_test name code regex)
  add_test(NAME ${name} COMMAND ${L}/expect_exit.sh ${code} ${regex} -- ${ARGN})
  set_tests_properties(${name} PROPERTIES TIMEOUT 30)
endfunction()
# A workload with no runs of its own here (a new one: its line in common/ps_workloads.def is all it
# takes) still runs every variant at its default size, at 1, 2, 4 and 8 threads and at 1, 2, 4 and
# 8 ranks; its records join the agreement test. ps_untested(MODEL OUT): those workloads.
function(ps_untested model out)
  get_directory_property(tests TESTS)
  set(untested)
  foreach(w ${PS_WORKLOADS})
    set(mine ${tests})
    list(FILTER mine INCLUDE REGEX "^${model}[.]${w}([.]|$)")
    if(NOT mine)
      list(APPEND untested ${w})
    endif()
  endforeach()
  set(${out} ${untested} PARENT_SCOPE)
endfunction()
