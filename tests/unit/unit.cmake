# SPDX-License-Identifier: BSD-3-Clause
# Included by tests/CMakeLists.txt: the CUnit suites of the common code and the report, one
# test_NAME.c each, run by one program (parsuite-unit SUITE).
# The suites, one line each in unit_suites.def: each is test_NAME.c.
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/unit_suites.def ps_suites REGEX "^UNIT_SUITE\\(")
list(TRANSFORM ps_suites REPLACE "^UNIT_SUITE\\(([a-z0-9]+)\\)$" "\\1")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/unit_suites.def)
list(TRANSFORM ps_suites PREPEND unit/test_ OUTPUT_VARIABLE ps_suite_sources)
list(TRANSFORM ps_suite_sources APPEND .c)
add_executable(parsuite-unit unit/unit_main.c ${ps_suite_sources})
target_compile_definitions(parsuite-unit PRIVATE _GNU_SOURCE)
target_link_libraries(parsuite-unit PRIVATE parsuite_report parsuite_openmp PkgConfig::CUNIT PkgConfig::GMP)
# Each suite in a private TMPDIR that must be empty afterwards: its files (unit_temp_path) are
# the runner's to remove.
foreach(suite ${ps_suites})
  add_test(NAME unit.${suite} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/lib/no_litter.sh $<TARGET_FILE:parsuite-unit> ${suite})
endforeach()
# The same suites under valgrind's memcheck (plain builds: it does not mix with sanitizers).
find_program(PS_VALGRIND valgrind)
if(PS_VALGRIND AND NOT PS_SANITIZE AND NOT PS_FUZZ)
  foreach(suite ${ps_suites})
    add_test(NAME valgrind.${suite} COMMAND ${PS_VALGRIND} -q --error-exitcode=9 --leak-check=full
      --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
      $<TARGET_FILE:parsuite-unit> ${suite})
    set_tests_properties(valgrind.${suite} PROPERTIES TIMEOUT 300)
  endforeach()
endif()
