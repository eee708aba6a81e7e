# SPDX-License-Identifier: BSD-3-Clause
# The questions' own Python pools (python/parsuite-python), beside the C: their records join the
# agreement test (the same results at the same sizes). In the plain build only: a sanitizer does
# not reach Python.
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  message(STATUS "python3 not found: no tests of the Python pools (Debian: apt-get install python3)")
elseif(NOT PS_SANITIZE AND NOT PS_FUZZ)
  set(PY ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/python/parsuite-python)
  foreach(model threads processes)
    ps_records_test(python.${model}.squares 4 ${PY} --model ${model} squares --size 1000003 --workers 1,2,4,8 --repeat 2)
    add_test(NAME records.metrics.python-${model} COMMAND ${L}/expect_metrics.sh "" -- ${PY} --model ${model} squares --workers 1,2 --repeat 2)
    set_tests_properties(records.metrics.python-${model} PROPERTIES SKIP_RETURN_CODE 77)
    ps_records_test(python.${model}.squares.seed-size 4 ${PY} --model ${model} squares --workers 1,2,4,8)
    ps_records_test(python.${model}.factorials 4 ${PY} --model ${model} factorials --size 700 --workers 1,2,4,8)
    ps_records_test(python.${model}.factorials.seed-size 4 ${PY} --model ${model} factorials --workers 1,2,4,8)
    foreach(workload iobound cpubound)
      ps_records_test(python.${model}.${workload} 4 ${PY} --model ${model} ${workload} --tasks 16 --latency-us 2000 --workers 1,2,4,8)
    endforeach()
    ps_records_test(python.${model}.switches 4 ${PY} --model ${model} switches --workers 1,2,4,8)
    ps_variants_test(python.${model}.create ${PROJECT_SOURCE_DIR}/python/parsuite-python create 2 MODEL python-${model}
      ${PY} --model ${model} create --variant {variant} --workers 1,2 --repeat 2)
    ps_variants_test(python.${model}.footprint ${PROJECT_SOURCE_DIR}/python/parsuite-python footprint 2 MODEL python-${model}
      ${PY} --model ${model} footprint --variant {variant} --size 256 --workers 1,2 --repeat 2)
  endforeach()
  # Question 3's crash in Python's pools, at 1, 2, 4 and 8 workers: what each pool keeps when one
  # task dies of SIGSEGV, and no core file, process or file left (as omp.crash.*).
  set(ps_crash_threads_executor "^the process died: survived 0 of 32; lost 32 \\(finished [0-9]+, running [1-8], never ran [0-9]+\\)$")
  set(ps_crash_processes_executor "^1 worker process died, the executor (broke \\(BrokenProcessPool\\)|hung instead of breaking \\(nothing moved for [0-9]+[.][0-9][0-9] s: watchdog\\)): survived [0-9]+ of 32; lost [0-9]+ \\(finished [0-9]+, running [1-8], never ran [0-9]+\\)$")
  set(ps_crash_processes_pool "^1 worker process died, the pool forked another and hung \\(nothing moved for [0-9]+[.][0-9][0-9] s: watchdog\\): survived 31 of 32; lost 1 \\(task 16\\); never ran 0$")
  foreach(case threads_executor processes_executor processes_pool)
    string(REPLACE "_" ";" mv ${case})
    list(GET mv 0 model)
    list(GET mv 1 variant)
    add_test(NAME python.${model}.crash.${variant} COMMAND ${L}/no_litter.sh sh -c "ulimit -c unlimited 2>/dev/null; cd \"\$TMPDIR\" && exec \"\$@\"" sh
      ${L}/expect_records.sh --rows 4 --detail "${ps_crash_${case}}" -- ${PY} --model ${model} crash --variant ${variant} --workers 1,2,4,8 --repeat 2 --warmup 0 --format csv)
    set_tests_properties(python.${model}.crash.${variant} PROPERTIES TIMEOUT 120)
  endforeach()
  ps_cli_test(python.cli.fail-at-beyond 2 "^parsuite-python: --fail-at: task 32 is beyond the 32 tasks \\(0[.][.]31\\)$" ${PY} --model processes crash --fail-at 32)
  ps_cli_test(python.cli.fail-at-workload 2 "^parsuite-python: --fail-at does not apply to workload squares$" ${PY} --model threads squares --fail-at 3)
  ps_cli_test(python.cli.progress 0 "^parsuite-python: squares map at 2 threads: warm-up 1 of 1[|]parsuite-python: squares map at 2 threads: repetition 1 of 1[|]$"
    sh -c "\"$0\" \"$1\" --model threads squares --workers 2 --repeat 1 --progress --quiet 2>&1 >/dev/null | tr '\\n' '|'" ${PY})
  ps_cli_test(python.cli.unknown-model 2 "--model: unknown model 'fibers'" ${PY} --model fibers squares)
  ps_cli_test(python.cli.no-model 2 "--model is required" ${PY} squares)
  ps_cli_test(python.cli.unknown-workload 2 "unknown workload 'cubes'" ${PY} --model threads cubes)
  ps_cli_test(python.cli.size 2 "--size: '-5' is not a whole number" ${PY} --model threads squares --size -5)
  ps_cli_test(python.cli.footprint-pages 2 "--size: '6' is not whole 4 KiB pages" ${PY} --model threads footprint --size 6)
  ps_cli_test(python.cli.size-option 2 "--tasks: squares takes --size" ${PY} --model threads squares --tasks 5)
  ps_cli_test(python.cli.workers 2 "--workers: '' is not a whole number" ${PY} --model threads squares --workers 1,,2)
  ps_cli_test(python.cli.variant 2 "--variant: 'static' is not a variant of squares" ${PY} --model threads squares --variant static)
  ps_cli_test(python.cli.unknown-option 2 "unknown option '--fast'" ${PY} --model threads squares --fast)
  ps_cli_test(python.cli.unwritable 3 "--output: cannot open '/nonexistent/r.csv'" ${PY} --model threads squares --output /nonexistent/r.csv)
  ps_cli_test(python.cli.empty-output 2 "--output: empty value" sh -c "exec \"$0\" \"$1\" --model threads squares --output ''" ${PY})
  ps_cli_test(python.cli.stdout-full 3 "^parsuite-python: cannot write records to standard output: No space left on device$"
    sh -c "exec \"$0\" \"$1\" --model threads squares --quiet >/dev/full" ${PY})
  # A reader that goes away ends it as it ends the C programs (SIGPIPE, no traceback), and
  # --output has the record first; a pipe as --output gets the CSV header.
  add_test(NAME python.streams COMMAND ${S}/python_streams.sh ${PY})
  set_tests_properties(python.streams PROPERTIES TIMEOUT 60)
  add_test(NAME python.signal COMMAND ${L}/no_litter.sh ${S}/python_signal.sh ${PY})
  set_tests_properties(python.signal PROPERTIES TIMEOUT 120)
  # A worker process of the ring (switches) killed: the program names it, exits 3, leaves nothing.
  add_test(NAME python.fault.ring COMMAND ${L}/no_litter.sh ${S}/python_ring.sh ${PY})
  set_tests_properties(python.fault.ring PROPERTIES TIMEOUT 60)
  string(APPEND ps_models " python-threads python-processes")
endif()
