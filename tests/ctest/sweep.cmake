# SPDX-License-Identifier: BSD-3-Clause
# Included by tests/CMakeLists.txt: the sweep's own logic (jobs/local.sh).
# A sweep's results directory: never reused without --resume; resumed points must match (the
# script's logic: once, in the plain build).
if(NOT PS_SANITIZE)
  add_test(NAME sweep.out COMMAND ${S}/sweep_out.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(sweep.out PROPERTIES TIMEOUT 300)
endif()

# A sweep runs the failures to watch once each, and exits 0 for them (the script's logic: once).
if(NOT PS_SANITIZE)
  add_test(NAME sweep.demos COMMAND ${L}/no_litter.sh ${S}/sweep_demos.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(sweep.demos PROPERTIES TIMEOUT 300)
endif()

# Ctrl-C or SIGTERM in the middle of a sweep keeps whole records; --resume finishes it.
foreach(sig INT TERM HUP)
  add_test(NAME sweep.interrupt.${sig} COMMAND ${L}/no_litter.sh ${S}/interrupt_sweep.sh ${CMAKE_BINARY_DIR} ${sig})
  set_tests_properties(sweep.interrupt.${sig} PROPERTIES TIMEOUT 300)
endforeach()
