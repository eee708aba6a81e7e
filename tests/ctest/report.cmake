# SPDX-License-Identifier: BSD-3-Clause
# Included by tests/CMakeLists.txt: parsuite-report over the tests' records, fixed and hostile
# files, comparisons and its command line.
# The report over every record the tests made, and its refusals.
set(REPORT $<TARGET_FILE:parsuite-report>)
add_test(NAME report.all COMMAND ${L}/expect_exit.sh 0 "^### squares, static, size 1000003" -- ${REPORT} ${RECORDS})
set_tests_properties(report.all PROPERTIES FIXTURES_REQUIRED records TIMEOUT 60)
add_test(NAME report.plots COMMAND ${L}/expect_exit.sh 0 "^plotted$" -- sh -c
    "rm -rf report-plots && mkdir -p report-plots/plots && ${REPORT} --plots report-plots/plots --output report-plots/r.md ${RECORDS} && test -s report-plots/plots/squares-speedup.png && test -s report-plots/plots/factorials-time.png && grep -q svg report-plots/plots/squares-speedup.svg && grep -q ^set.output..squares-time.png. report-plots/plots/figures.gp && grep -q '(plots/squares-speedup.png)' report-plots/r.md && head -c 8 report-plots/plots/q1-speedup.png | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a' && grep -q '(plots/q1-speedup.png)' report-plots/r.md && echo plotted")
set_tests_properties(report.plots PROPERTIES FIXTURES_REQUIRED records TIMEOUT 120)
# Hostile result files and awkward paths: nothing from a file runs; --output never eats an input.
# The questions for fixed records (tests/data/questions.csv: a quick sweep of every model) against
# the Markdown expected of them, and their figures drawn.
add_test(NAME report.questions COMMAND ${S}/report_questions.sh ${REPORT}
         ${CMAKE_CURRENT_SOURCE_DIR}/data/questions.csv ${CMAKE_CURRENT_SOURCE_DIR}/data/questions.md)
set_tests_properties(report.questions PROPERTIES TIMEOUT 60)
# A compute task whose CPU time was over 25% off the latency asked (its detail says so) is marked
# in its table: the one row, no other.
add_test(NAME report.calibration-off COMMAND ${L}/expect_exit.sh 0
  "^\\| 8 \\| omp on A \\| [^|]* \\| [^|]* \\| [^|]*[*][*]calibration off[*][*]: a task computed over 25% longer or shorter than asked" -- sh -c
  "sed '37s/,\\(latency [^,]*task\\),/,\"\\1; a compute task took 7400 us of CPU (median), over 25% off the latency\",/' \"$0\" >\"$TMPDIR/off.csv\" && \"$1\" \"$TMPDIR/off.csv\" && test \"$(\"$1\" \"$TMPDIR/off.csv\" | grep -c 'calibration off')\" = 1"
  ${CMAKE_CURRENT_SOURCE_DIR}/data/questions.csv ${REPORT})
set_tests_properties(report.calibration-off PROPERTIES TIMEOUT 60)
add_test(NAME report.files COMMAND ${S}/report_files.sh ${CMAKE_BINARY_DIR})
add_test(NAME report.hostile COMMAND ${S}/report_hostile.sh ${CMAKE_BINARY_DIR})
set_tests_properties(report.hostile PROPERTIES TIMEOUT 120)
set_tests_properties(report.files PROPERTIES TIMEOUT 120)
# Comparing runs end to end: alike, slowed on purpose, unpaired, refused. Alone: its verdicts are
# about time, and a neighbour whose load comes and goes (8 busy-polling MPI ranks starting and
# ending) once made one side's runs all slower than the other's.
add_test(NAME report.compare COMMAND ${L}/no_litter.sh ${S}/compare_runs.sh ${CMAKE_BINARY_DIR})
set_tests_properties(report.compare PROPERTIES TIMEOUT 180 RUN_SERIAL TRUE)
ps_cli_test(report.cli.no-files 2 "no result files given" ${REPORT})
ps_cli_test(report.cli.missing 2 "/nonexistent-parsuite/r.csv: cannot read" ${REPORT} /nonexistent-parsuite/r.csv)
ps_cli_test(report.cli.unknown-option 2 "unknown option '--pdf'" ${REPORT} --pdf x)
ps_cli_test(report.cli.unwritable 3 "--output: cannot write next to '/nonexistent-parsuite/r.md'" ${REPORT} --output /nonexistent-parsuite/r.md ${CMAKE_CURRENT_SOURCE_DIR}/CMakeLists.txt)
