# SPDX-License-Identifier: BSD-3-Clause
# Included by tests/CMakeLists.txt: one result for each workload and size, whatever the model,
# variant, worker count or round.
# Determinism: every variant at 2, 4, 8 workers in both models, round after round, one result.
# PS_DETERMINISM_ROUNDS (the presets take it from PARSUITE_DETERMINISM_ROUNDS) sets the rounds.
set(PS_DETERMINISM_ROUNDS "" CACHE STRING "rounds of the determinism test (empty: 3, 1 sanitized)")
if(PS_DETERMINISM_ROUNDS MATCHES "^[1-9]$")
  set(ps_rounds ${PS_DETERMINISM_ROUNDS})
elseif(NOT PS_DETERMINISM_ROUNDS STREQUAL "")
  message(FATAL_ERROR "PS_DETERMINISM_ROUNDS: '${PS_DETERMINISM_ROUNDS}' is not 1 to 9")
elseif(PS_SANITIZE)
  set(ps_rounds 1) # sanitized runs are 5-20 times slower
else()
  set(ps_rounds 3)
endif()
# Under ThreadSanitizer, OpenMP only: single-threaded ranks have no races for it to find (ranks of
# threads are the hybrid tests'), and MPI's 8-rank runs were half of its stage's time.
if(PS_SANITIZE STREQUAL "thread")
  set(ps_determinism_models omp)
endif()
add_test(NAME determinism COMMAND ${S}/determinism.sh ${CMAKE_BINARY_DIR} ${ps_rounds} ${ps_determinism_models})
set_tests_properties(determinism PROPERTIES TIMEOUT 1800)

add_test(NAME records.agree COMMAND ${L}/agree.sh ${RECORDS} ${ps_models})
set_tests_properties(records.agree PROPERTIES FIXTURES_REQUIRED records)
