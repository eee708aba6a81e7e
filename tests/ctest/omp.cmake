# SPDX-License-Identifier: BSD-3-Clause
# Included by tests/CMakeLists.txt: parsuite-omp, its command line and environment, then every
# workload's variants at 1, 2, 4 and 8 threads, its faults and its demonstrations.
# --progress names each repetition on stderr as it starts (a line each where stderr is no terminal).
ps_cli_test(omp.cli.progress 0 "^parsuite: squares static at 1 workers: warm-up 1 of 1[|]parsuite: squares static at 1 workers: repetition 1 of 2[|]parsuite: squares static at 1 workers: repetition 2 of 2[|]parsuite: squares static at 2 workers: warm-up 1 of 1[|]parsuite: squares static at 2 workers: repetition 1 of 2[|]parsuite: squares static at 2 workers: repetition 2 of 2[|]$"
  sh -c "\"$0\" squares --workers 1,2 --repeat 2 --warmup 1 --progress --quiet 2>&1 >/dev/null | tr '\\n' '|'" ${OMP})
ps_cli_test(omp.cli.non-numeric 2 "--size: 'ten' is not a whole number" ${OMP} squares --size ten)
ps_cli_test(omp.cli.negative 2 "--size: '-5' is not a whole number" ${OMP} squares --size -5)
ps_cli_test(omp.cli.zero-workers 2 "--workers: '0' is too small" ${OMP} squares --workers 0)
ps_cli_test(omp.cli.zero-in-list 2 "--workers: '0' is too small" ${OMP} squares --workers 2,0)
ps_cli_test(omp.cli.overflow 2 "--size: '99999999999999999999' is too large" ${OMP} squares --size 99999999999999999999)
ps_cli_test(omp.cli.too-big-for-squares 2 "--size: '4294967296' is too large for squares" ${OMP} squares --size 4294967296)
ps_cli_test(omp.cli.empty 2 "--repeat: empty value" ${OMP} squares --repeat=)
ps_cli_test(omp.cli.unknown-workload 2 "unknown workload 'cubes'" ${OMP} cubes)
ps_cli_test(omp.cli.unknown-option 2 "unknown option '--fast'" ${OMP} squares --fast)
ps_cli_test(omp.cli.unknown-variant 2 "--variant \\(of squares\\): unknown value 'block'" ${OMP} squares --variant block)
ps_cli_test(omp.cli.foreign-option 2 "--chunk does not apply to workload hello" ${OMP} hello --chunk 4)
ps_cli_test(omp.cli.missing-value 2 "--size needs a value" ${OMP} squares --size)
ps_cli_test(omp.cli.no-workload 2 "no workload given" ${OMP})
ps_cli_test(omp.cli.unwritable-output 3 "cannot open '/nonexistent-parsuite/x.csv'" ${OMP} squares --output /nonexistent-parsuite/x.csv)
ps_cli_test(omp.cli.stdout-full 3 "cannot write records to standard output: No space left" sh -c "exec \"$0\" squares --quiet --format csv >/dev/full" ${OMP})
ps_cli_test(omp.cli.stdout-closed 3 "cannot write to standard output: Bad file descriptor" sh -c "exec \"$0\" squares >&-" ${OMP})
ps_cli_test(omp.cli.output-full 3 "--output: cannot write to '/dev/full': No space left on device$" sh -c "exec \"$0\" squares --workers 1 --quiet --output /dev/full >/dev/null" ${OMP})
# More memory than the machine has (34 GB): exit 3 before allocating, on every rank.
ps_cli_test(omp.cli.memory 3 "^parsuite-omp: fill needs 34.4 GB, and [0-9.]+ GB is available" ${L}/if_memory_below.sh 30 ${OMP} fill --size 4294967295 --workers 1)
set_tests_properties(omp.cli.memory PROPERTIES SKIP_RETURN_CODE 77)
ps_cli_test(omp.cli.help 0 "exit codes" ${OMP} --help)
ps_cli_test(omp.cli.version 0 "^parsuite-omp [0-9]+\\.[0-9]+\\.[0-9]+$" ${OMP} --version)
ps_cli_test(omp.cli.seed-output 0 "Results \\(2 threads\\): \\[1, 4, 9, 16, 25, 36, 49, 64, 81, 100\\]" ${OMP} squares)

# Workloads at 1, 2, 4 and 8 threads, every variant, at sizes that cross chunk edges.
ps_variants_test(omp.squares ${OMP} squares 4 ${OMP} squares --variant {variant} --size 1000003 --workers 1,2,4,8)
ps_variants_test(omp.squares.chunk ${OMP} squares 4 ${OMP} squares --variant {variant} --size 100003 --chunk 999 --workers 1,2,4,8)
ps_records_test(omp.squares.seed-size 4 ${OMP} squares --workers 1,2,4,8)
ps_records_test(omp.squares.tiny 4 ${OMP} squares --size 1 --workers 1,2,4,8)
ps_records_test(omp.hello 4 ${OMP} hello --workers 1,2,4,8)
ps_records_test(omp.hello.many 1 ${OMP} hello --workers 64)
ps_records_test(omp.fill 4 ${OMP} fill --size 1000003 --workers 1,2,4,8)
# The headline figures as numbers (JSON, through jq), the rest null: records/metrics.*
add_test(NAME records.metrics.omp-fill COMMAND ${L}/expect_metrics.sh "bandwidth_gbs" -- ${OMP} fill --size 1000003 --workers 1,2)
# 200000 operations a thread: the time over the reference loop stays well above the noise of a
# busy machine (at 2000, a run beside other tests measured no more than the reference: null)
add_test(NAME records.metrics.omp-share COMMAND ${L}/expect_metrics.sh "ns_per_op" -- ${OMP} share --variant critical --size 200000 --workers 1,2 --repeat 3)
add_test(NAME records.metrics.omp-switches COMMAND ${L}/expect_metrics.sh "latency_us" -- ${OMP} switches --variant process --workers 1,2)
add_test(NAME records.metrics.omp-footprint COMMAND ${L}/expect_metrics.sh "worker_mib" -- ${OMP} footprint --variant fork-read --size 256 --workers 1,2 --repeat 2)
add_test(NAME records.metrics.omp-squares COMMAND ${L}/expect_metrics.sh "" -- ${OMP} squares --size 1000 --workers 1,2)
set_tests_properties(records.metrics.omp-fill records.metrics.omp-share records.metrics.omp-switches records.metrics.omp-footprint records.metrics.omp-squares PROPERTIES SKIP_RETURN_CODE 77)

# Question 7: every variant at 1, 2, 4, 8 threads; the checksums must all agree.
ps_variants_test(omp.factorials ${OMP} factorials 4 ${OMP} factorials --variant {variant} --size 700 --workers 1,2,4,8)
ps_records_test(omp.factorials.seed-size 4 ${OMP} factorials --workers 1,2,4,8)
ps_cli_test(omp.factorials.seed-output 0 "^10! = 3628800 \\(thread [0-9]\\)" ${OMP} factorials --workers 5)
ps_cli_test(omp.cli.factorials-too-big 2 "--size: '20001' is too large for factorials" ${OMP} factorials --size 20001)

# Question 1: every kind of task at 1, 2, 4, 8 threads, verified.
foreach(workload iobound cpubound)
  ps_variants_test(omp.${workload} ${OMP} ${workload} 4 ${OMP} ${workload} --variant {variant} --tasks 16 --latency-us 2000 --workers 1,2,4,8)
endforeach()
# Waits overlap: 8 threads finish 8 sleeps of 100 ms in well under 8 x 100 ms (serial).
ps_check_test(omp.iobound.overlap CHECKS --max-seconds 0.4
  COMMAND ${OMP} iobound --tasks 8 --latency-us 100000 --workers 8 --repeat 1 --warmup 0)

# Question 6: the exact failing tasks are reported at every worker count; exit 1.
foreach(w 1 2 4 8)
  ps_check_test(omp.errors.collect.w${w} CHECKS --exit 1 --failed "3 17 30" --detail "done 29; failed 3; never ran 0"
    COMMAND ${OMP} errors --fail-at 3,17,30 --latency-us 100 --workers ${w} --repeat 2)
endforeach()
ps_check_test(omp.errors.default CHECKS --exit 1 --failed "7" COMMAND ${OMP} errors --workers 1,2,4,8)
ps_check_test(omp.errors.every CHECKS --exit 1 --failed "4 9 14 19" COMMAND ${OMP} errors --tasks 20 --fail-every 5 --workers 4)
# Cancel runs fewer tasks than collect, with omp cancel and with the stop flag.
ps_check_test(omp.errors.cancel.flag CHECKS --exit 1 --detail "never ran [1-9][0-9]*; cancelled by a stop flag"
  COMMAND ${OMP} errors --variant cancel --tasks 64 --latency-us 5000 --workers 1,2,4,8)
ps_check_test(omp.errors.cancel.omp CHECKS --exit 1 --detail "never ran [1-9][0-9]*; cancelled by omp cancel for"
  COMMAND ${CMAKE_COMMAND} -E env OMP_CANCELLATION=true ${OMP} errors --variant cancel --tasks 64 --latency-us 5000 --workers 1,2,4,8)
ps_fail_test(omp.errors.abort "task 7: division by zero \\(abort: ending the program" ${OMP} errors --variant abort --workers 4)
# Question 4: exactly once, for every variant at 1, 2, 4, 8 threads over many repetitions.
ps_variants_test(omp.prodcons ${OMP} prodcons 4 EXCEPT unsafe ${OMP} prodcons --variant {variant} --items 20000 --capacity 64 --workers 1,2,4,8 --repeat 20)
ps_records_test(omp.prodcons.seed-size 4 ${OMP} prodcons --workers 1,2,4,8)
ps_records_test(omp.prodcons.uneven 1 ${OMP} prodcons --variant lock --producers 3 --consumers 1 --items 20000 --capacity 8)
ps_cli_test(omp.prodcons.trace 0 "^Added: 0, List: \\[0\\]" ${OMP} prodcons --trace --workers 2 --repeat 1 --warmup 0)
ps_cli_test(omp.cli.ring-producers 2 "--variant ring: a ring has one producer and one consumer" ${OMP} prodcons --variant ring --producers 2)
ps_cli_test(omp.cli.ring-odd-workers 2 "--workers 3: --variant ring: a ring has one producer and one consumer" ${OMP} prodcons --variant ring --workers 1,2,3 --format csv)
ps_cli_test(omp.cli.check 0 "^checked: prodcons ring at 2 worker counts$" ${OMP} prodcons --variant ring --workers 2,4 --check)
ps_cli_test(omp.cli.check-refuses 2 "--workers 5: --variant ring" ${OMP} prodcons --variant ring --workers 2,5 --check)
ps_cli_test(omp.cli.producers-and-workers 2 "--workers: give either --workers or --producers" ${OMP} prodcons --producers 2 --workers 8)
ps_cli_test(omp.cli.trace-ring 2 "--trace: the ring variant" ${OMP} prodcons --variant ring --trace)
ps_cli_test(omp.cli.trace-unsafe 2 "--trace: the unsafe variant's list is unguarded" ${OMP} prodcons --variant unsafe --trace)
# Question 5: every safe way of sharing is exact at 1, 2, 4, 8 threads; the unsafe one is a
# demonstration that exits 0 with a warning (and stays out of the agreement test).
ps_variants_test(omp.share ${OMP} share 4 EXCEPT unsafe ${OMP} share --variant {variant} --size 2000 --workers 1,2,4,8 --repeat 3)
ps_records_test(omp.share.condition.odd 4 ${OMP} share --variant condition --size 256 --workers 3,5,7,9)
# A cost is never negative: below the resolution (or above a larger reference) is said as such.
foreach(variant atomic reduction)
  ps_check_test(omp.share.${variant}.never-negative CHECKS --detail "^([0-9]+\\.[0-9] ns per op|below this measurement's resolution)"
    COMMAND ${OMP} share --variant ${variant} --workers 2,256 --repeat 3)
endforeach()
ps_records_test(omp.share.calibrated 1 ${OMP} share --variant atomic --workers 2)
# A deadlock to watch: the watchdog names the cycle after 1 s without progress and the run exits
# 1, its record unverified with the cycle; alone, one thread takes both locks in order: exact.
foreach(w 2 4 8)
  ps_check_test(omp.share.deadlock.${w} CHECKS --exit 1 --verified no
    --stderr "^parsuite-omp: share deadlock: no progress for 1 s: thread [0-9] waits for lock [ab][0-9], held by thread [0-9]; thread [0-9]" --detail "^no progress for 1 s: thread [0-9] waits for lock [ab][0-9], held by thread [0-9]; thread [0-9] waits for lock [ab][0-9], held by thread [0-9]$"
    COMMAND ${OMP} share --variant deadlock --workers ${w})
  set_tests_properties(omp.share.deadlock.${w} PROPERTIES TIMEOUT 20)
endforeach()
ps_records_test(omp.share.deadlock.alone 1 ${OMP} share --variant deadlock --workers 1)
if(PS_SANITIZE STREQUAL "thread")
  # The control: ThreadSanitizer must report the deliberate race (exit 66), so that a clean run
  # of every other test means something.
  add_test(NAME tsan.control COMMAND ${L}/expect_race.sh "#0 run_ops .*/omp/share.c" --
                                     ${OMP} share --variant unsafe --size 2000 --workers 2)
  add_test(NAME tsan.control.prodcons COMMAND ${L}/expect_race.sh "#0 (add|take)_unguarded .*/omp/prodcons.c" --
                                              ${OMP} prodcons --variant unsafe --items 2000 --workers 2)
else()
  ps_check_test(omp.share.unsafe CHECKS --detail "^lost [0-9]+ of 16000 updates"
    COMMAND ${OMP} share --variant unsafe --size 2000 --workers 8)
  # Question 4's list without its lock: the ledger names what was lost and taken twice, exit 0.
  ps_check_test(omp.prodcons.unsafe CHECKS --detail "^[0-9]+ lost[ (e.g.0-9,)]*; [0-9]+ taken twice[ (e.g.0-9,)]*; [0-9] producers?; [0-9] consumers?; capacity 64$"
    COMMAND ${OMP} prodcons --variant unsafe --items 20000 --capacity 64 --workers 2,4,8 --repeat 3)
endif()
# Ctrl-C, SIGTERM or SIGKILL during file tasks: no file or process is left (a private TMPDIR).
foreach(sig INT TERM KILL)
  add_test(NAME omp.fault.file-tasks.${sig} COMMAND ${L}/no_litter.sh ${S}/kill_io.sh ${CMAKE_BINARY_DIR} omp ${sig})
  set_tests_properties(omp.fault.file-tasks.${sig} PROPERTIES TIMEOUT 60)
endforeach()
# Workers that parsuite-omp forks (switches' ring, create's process a task) while the program is
# ended by a signal, or one of them killed: the program ends (a killed worker named, exit 3) and
# no process is left.
foreach(how INT TERM KILL worker)
  add_test(NAME omp.fault.switches.${how} COMMAND ${S}/kill_forked.sh ${CMAKE_BINARY_DIR} ${how}
    "switches: worker 2 (pid {pid}) ended: Killed" -- switches --variant process --workers 4 --size 1e9)
  set_tests_properties(omp.fault.switches.${how} PROPERTIES TIMEOUT 60)
  add_test(NAME omp.fault.create.${how} COMMAND ${S}/kill_forked.sh ${CMAKE_BINARY_DIR} ${how}
    "create: the process of task 1 (pid {pid}) ended: Killed" -- create --variant fork --workers 3 --tasks 3 --latency-us 10000000)
  set_tests_properties(omp.fault.create.${how} PROPERTIES TIMEOUT 60)
  add_test(NAME omp.fault.crash.${how} COMMAND ${S}/kill_forked.sh ${CMAKE_BINARY_DIR} ${how}
    "crash: worker 2 (pid {pid}) ended: Killed" -- crash --variant processes --workers 3 --tasks 300 --latency-us 100000)
  set_tests_properties(omp.fault.crash.${how} PROPERTIES TIMEOUT 60)
endforeach()
# Question 3's crash, a real fault in a worker, at 1, 2, 4 and 8 workers: threads lose every
# result with their process, a pool of processes one task. In an empty directory that must stay
# so (no core file, where the limit allows one). Labelled a scenario: the checked builds leave it
# out, as a sanitizer would catch the fault itself.
set(ps_crash_threads "^the process died: survived 0 of 32; lost 32 \\(finished [0-9]+, running [1-8], never ran [0-9]+\\)$")
set(ps_crash_processes "^1 worker process died(, and the pool forked another)?: survived 31 of 32; lost 1 \\(task 16, with its worker\\); never ran 0$")
foreach(variant threads processes)
  add_test(NAME omp.crash.${variant} COMMAND ${L}/no_litter.sh sh -c "ulimit -c unlimited 2>/dev/null; cd \"\$TMPDIR\" && exec \"\$@\"" sh
    ${L}/expect_records.sh --rows 4 --detail "${ps_crash_${variant}}" -- ${OMP} crash --variant ${variant} --workers 1,2,4,8 --repeat 3 --format csv)
  set_tests_properties(omp.crash.${variant} PROPERTIES TIMEOUT 60)
endforeach()
if(FAILALLOC) # a ring's second slot cannot be allocated: exit 3, nothing freed that was not
  ps_cli_test(omp.oom.ring-slot 3 "^parsuite-omp: out of memory$" ${FAILALLOC} PS_FAILALLOC_SIZE=1048576 PS_FAILALLOC_SKIP=1 MALLOC_PERTURB_=165
    ${OMP} prodcons --variant ring --capacity 100000 --workers 4)
endif()
ps_cli_test(omp.cli.share-variant 2 "--variant \\(of share\\): unknown value 'pipe'" ${OMP} share --variant pipe)
ps_cli_test(omp.cli.fail-at-beyond 2 "--fail-at: task 40 is beyond the 32 tasks" ${OMP} errors --fail-at 40)
ps_cli_test(omp.cli.errors-variant 2 "--variant \\(of errors\\): unknown value 'ignore'" ${OMP} errors --variant ignore)
ps_cli_test(omp.cli.latency-zero 2 "--latency-us: '0' is too small" ${OMP} iobound --latency-us 0)
ps_cli_test(omp.cli.tasks-not-for-squares 2 "--tasks does not apply to workload squares" ${OMP} squares --tasks 4)
ps_cli_test(omp.cli.tasks-too-large 2 "--tasks: '1000000000' is too large for iobound" ${OMP} iobound --tasks 1e9)
# A team short of threads names every setting that can cut it, OMP_MAX_ACTIVE_LEVELS too.
# The runtime's settings in the syntax the runtimes take (LLVM's libomp aborted on these).
ps_cli_test(omp.env.num-threads-exponent 2 "^parsuite-omp: OMP_NUM_THREADS: '1e1' is not a list of whole numbers in digits$" ${OMP} squares)
set_property(TEST omp.env.num-threads-exponent APPEND PROPERTY ENVIRONMENT OMP_NUM_THREADS=1e1)
ps_cli_test(omp.env.stacksize-huge 2 "^parsuite-omp: OMP_STACKSIZE: '99999G' per thread is more than the [0-9.]+ GB available$" ${OMP} squares)
set_property(TEST omp.env.stacksize-huge APPEND PROPERTY ENVIRONMENT OMP_STACKSIZE=99999G)
ps_cli_test(omp.env.max-active-levels 3 "OpenMP gave 1 threads where 2 were asked for .*OMP_MAX_ACTIVE_LEVELS 0" ${OMP} squares --workers 2)
set_property(TEST omp.env.max-active-levels APPEND PROPERTY ENVIRONMENT OMP_MAX_ACTIVE_LEVELS=0)

ps_untested(omp ps_new)
foreach(w ${ps_new})
  ps_variants_test(omp.${w} ${OMP} ${w} 4 ${OMP} ${w} --variant {variant} --workers 1,2,4,8)
endforeach()
