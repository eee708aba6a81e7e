# SPDX-License-Identifier: BSD-3-Clause
# Included by tests/CMakeLists.txt: parsuite-mpi at 1, 2, 4 and 8 ranks, ranks x threads, its
# command line on every rank, its faults, plans and hosts; without MPI, the models to agree.
if(TARGET parsuite-mpi)
  set(MPI $<TARGET_FILE:parsuite-mpi>)
  # The launcher for NP ranks, with the flags its library needs here: from jobs/lib.sh, the one
  # place that knows them (Open MPI: --allow-run-as-root as root, --oversubscribe beyond the cores).
  # ps_mpiexec(NP OUT [THREADS]): ranks of THREADS threads get that many cores each where they fit.
  function(ps_mpiexec np out)
    set(threads 1)
    if(ARGC GREATER 2)
      set(threads ${ARGV2})
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E env PARSUITE_LAUNCHER=mpirun PARSUITE_ALLOCATION=local PARSUITE_MPIRUN=${MPIEXEC_EXECUTABLE}
      bash -c ". \"$0/jobs/lib.sh\" && ps_mpirun \"$1\" \"$2\"" ${PROJECT_SOURCE_DIR} ${np} ${threads}
      OUTPUT_VARIABLE cmd OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    separate_arguments(cmd UNIX_COMMAND "${cmd}")
    set(${out} ${cmd} ${MPIEXEC_PREFLAGS} PARENT_SCOPE)
  endfunction()

  foreach(np 1 2 4 8)
    ps_mpiexec(${np} run)
    ps_variants_test(mpi.squares.np${np} ${MPI} squares 1 ${run} ${MPI} squares --variant {variant} --size 1000003)
    ps_variants_test(mpi.squares.chunk.np${np} ${MPI} squares 1 ${run} ${MPI} squares --variant {variant} --size 100003 --chunk 999)
    ps_records_test(mpi.squares.seed-size.np${np} 1 ${run} ${MPI} squares --variant pool)
    ps_records_test(mpi.hello.np${np} 1 ${run} ${MPI} hello)
    ps_records_test(mpi.fill.np${np} 1 ${run} ${MPI} fill --size 1000003)
    ps_variants_test(mpi.factorials.np${np} ${MPI} factorials 1 ${run} ${MPI} factorials --variant {variant} --size 700)
    ps_records_test(mpi.factorials.seed-size.np${np} 1 ${run} ${MPI} factorials)
    foreach(workload iobound cpubound)
      ps_variants_test(mpi.${workload}.np${np} ${MPI} ${workload} 1 ${run} ${MPI} ${workload} --variant {variant} --tasks 16 --latency-us 2000)
    endforeach()
    ps_variants_test(mpi.prodcons.np${np} ${MPI} prodcons 1 ${run} ${MPI} prodcons --variant {variant} --items 5000 --capacity 16 --repeat 10)
    ps_variants_test(mpi.share.np${np} ${MPI} share 1 EXCEPT pipe ${run} ${MPI} share --variant {variant} --size 2000 --repeat 3)
    # oversubscribed, a library that polls (MPICH) hands the token on at the scheduler's pace, about
    # 10 ms a hand-off: the default 2000 took 125 s at 8 ranks; 200 checks the same ring
    ps_variants_test(mpi.switches.np${np} ${MPI} switches 1 ${run} ${MPI} switches --variant {variant} --size 200)
    # one record for the point, then one per message size (0 B to 4 MiB) where there is a pair
    if(np EQUAL 1)
      set(sizes 0)
    else()
      set(sizes 24)
    endif()
    ps_check_test(mpi.share.pipe.np${np} CHECKS --rows 1 --series ${sizes} COMMAND ${run} ${MPI} share --variant pipe --size 40 --repeat 2 --quiet)
    if(np EQUAL 2)
      add_test(NAME records.metrics.mpi-pipe COMMAND ${L}/expect_metrics.sh "latency_us bandwidth_gbs" -- ${run} ${MPI} share --variant pipe --size 40 --repeat 2)
      set_tests_properties(records.metrics.mpi-pipe PROPERTIES SKIP_RETURN_CODE 77)
    endif()
    if(np GREATER 1) # two ranks that both send first, synchronously: the cycle named, every rank exits 1
      ps_check_test(mpi.share.deadlock.np${np} CHECKS --exit 1 --verified no --detail "^no progress for 1 s: rank [0-9] waits in MPI_Ssend for rank [0-9] to receive; rank [0-9] waits in MPI_Ssend for rank [0-9] to receive$"
        COMMAND ${run} ${MPI} share --variant deadlock)
      set_tests_properties(mpi.share.deadlock.np${np} PROPERTIES TIMEOUT 60)
    else()
      ps_records_test(mpi.share.deadlock.alone 1 ${run} ${MPI} share --variant deadlock --size 2000)
    endif()
    if(np EQUAL 2) # a rank's real fault ends the job, record and all; no core (a scenario, as omp's)
      add_test(NAME mpi.crash.np2 COMMAND ${L}/no_litter.sh sh -c "ulimit -c unlimited 2>/dev/null; cd \"\$TMPDIR\" && exec \"\$@\"" sh
        ${L}/expect_fail.sh "Segmentation fault|signal 11" -- ${run} ${MPI} crash --quiet --format csv)
      set_tests_properties(mpi.crash.np2 PROPERTIES TIMEOUT 60)
    endif()
    ps_check_test(mpi.errors.collect.np${np} CHECKS --exit 1 --failed "3 17 30" --detail "done 29; failed 3; never ran 0"
      COMMAND ${run} ${MPI} errors --fail-at 3,17,30 --latency-us 100 --repeat 2)
    ps_check_test(mpi.errors.cancel.np${np} CHECKS --exit 1 --detail "never ran [1-9][0-9]*"
      COMMAND ${run} ${MPI} errors --variant cancel --tasks 64 --latency-us 5000)
  endforeach()

  # Hybrid: ranks x threads (--threads) for every workload with a hybrid form, each variant; the
  # records join the agreement test, so results must match the other models' and shapes'.
  function(ps_hybrid_test name np threads workload)
    ps_mpiexec(${np} run ${threads})
    add_test(NAME ${name} COMMAND ${L}/each_variant.sh ${MPI} ${workload} --
      ${L}/expect_records.sh --rows 1 --shape ${np}x${threads} -- ${run} ${MPI} ${workload}
      --variant {variant} --threads ${threads} ${ARGN} --format csv --quiet --output ${RECORDS})
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED clean FIXTURES_SETUP records TIMEOUT 600)
  endfunction()
  foreach(shape 1x2 2x1 2x2 2x4)
    string(REPLACE "x" ";" rt ${shape})
    list(GET rt 0 np)
    list(GET rt 1 threads)
    ps_hybrid_test(mpi.hybrid.squares.${shape} ${np} ${threads} squares --size 1000003)
    ps_hybrid_test(mpi.hybrid.hello.${shape} ${np} ${threads} hello)
    ps_hybrid_test(mpi.hybrid.fill.${shape} ${np} ${threads} fill --size 1000003)
    ps_hybrid_test(mpi.hybrid.factorials.${shape} ${np} ${threads} factorials --size 700)
    foreach(workload iobound cpubound)
      ps_hybrid_test(mpi.hybrid.${workload}.${shape} ${np} ${threads} ${workload} --tasks 16 --latency-us 2000)
    endforeach()
  endforeach()

  function(ps_ranks_test name np code regex)
    ps_mpiexec(${np} run)
    add_test(NAME ${name} COMMAND ${L}/expect_ranks.sh ${code} ${np} ${regex} ${run} -- ${MPI} ${ARGN})
    set_tests_properties(${name} PROPERTIES TIMEOUT 60)
  endfunction()
  foreach(np 2 4 8)
    ps_ranks_test(mpi.cli.non-numeric.np${np} ${np} 2 "--size: 'ten' is not a whole number" squares --size ten)
    ps_ranks_test(mpi.cli.workers.np${np} ${np} 2 "--workers: not for parsuite-mpi" squares --workers 4)
    ps_ranks_test(mpi.cli.threads-zero.np${np} ${np} 2 "--threads: '0' is too small" squares --threads 0)
    ps_ranks_test(mpi.cli.threads-share.np${np} ${np} 2 "--threads 2: share runs one thread per rank: " share --threads 2)
  endforeach()
  # OMP_NUM_THREADS is --threads' default: checked as strictly (a value the OpenMP runtime takes,
  # since it prints a line of its own for garbage).
  ps_ranks_test(mpi.cli.omp-num-threads 2 2 "OMP_NUM_THREADS: '5000' is too large" squares)
  set_property(TEST mpi.cli.omp-num-threads APPEND PROPERTY ENVIRONMENT OMP_NUM_THREADS=5000)
  # The thread level asked of MPI_Init comes from the same parser as --threads: 1e1 is 10.
  ps_mpiexec(1 run 10)
  ps_check_test(mpi.cli.threads-exponent CHECKS --rows 1 --shape 1x10
    COMMAND ${run} ${MPI} squares --threads 1e1 --size 1000 --repeat 1)
  # OMP_NUM_THREADS in the runtimes' own syntax: LLVM's libomp aborts on 1e1 (tsan stage, seen).
  ps_ranks_test(mpi.cli.omp-num-threads-exponent 2 2 "OMP_NUM_THREADS: '1e1' is not a list of whole numbers in digits" squares)
  set_property(TEST mpi.cli.omp-num-threads-exponent APPEND PROPERTY ENVIRONMENT OMP_NUM_THREADS=1e1)
  # OpenMP gives fewer threads than --threads asks (OMP_THREAD_LIMIT): exit 3 on every rank, and
  # the pools' managers still run their workers out rather than leave them waiting.
  foreach(workload squares:1000000 factorials:3000) # sizes at which the manager computes too
    string(REPLACE ":" ";" ws ${workload})
    list(GET ws 0 workload)
    list(GET ws 1 size)
    ps_ranks_test(mpi.env.short-team.${workload} 2 3 "OpenMP gave 1 threads where 2 were asked for"
      ${workload} --variant pool --threads 2 --size ${size})
    set_property(TEST mpi.env.short-team.${workload} APPEND PROPERTY ENVIRONMENT OMP_THREAD_LIMIT=1 KMP_WARNINGS=0)
  endforeach()
    ps_mpiexec(8 run)
  ps_check_test(mpi.iobound.overlap CHECKS --max-seconds 0.4
    COMMAND ${run} ${MPI} iobound --tasks 8 --latency-us 100000 --repeat 1 --warmup 0)
  ps_fail_test(mpi.errors.abort "task 7: division by zero \\(abort: MPI_Abort" ${run} ${MPI} errors --variant abort)
    ps_records_test(mpi.prodcons.send.uneven 1 ${run} ${MPI} prodcons --variant send --producers 5 --consumers 3 --items 5000 --capacity 4)
  ps_records_test(mpi.prodcons.manager.uneven 1 ${run} ${MPI} prodcons --variant manager --producers 2 --consumers 5 --items 2000 --capacity 4)
  ps_ranks_test(mpi.cli.prodcons-ranks 4 2 "--producers 2 --consumers 3 need 5 ranks, not 4" prodcons --producers 2 --consumers 3)
  ps_ranks_test(mpi.cli.prodcons-one-rank 1 2 "--producers 2 --consumers 2 need 4 ranks, not 1" prodcons --producers 2 --consumers 2)
  ps_ranks_test(mpi.cli.prodcons-manager-two-ranks 2 2 "--producers 2 --consumers 1 need 4 ranks \\(with the manager\\), not 2" prodcons --variant manager --producers 2)
  ps_mpiexec(2 run)
  add_test(NAME mpi.cli.memory COMMAND ${L}/if_memory_below.sh 30 ${L}/expect_ranks.sh 3 2 "fill on one node needs 34.4 GB, and [0-9.]+ GB is available" ${run} -- ${MPI} fill --size 4294967295)
  set_tests_properties(mpi.cli.memory PROPERTIES TIMEOUT 60 SKIP_RETURN_CODE 77)
  # Placement on simulated node shapes and allocations (tests/scenarios/placement.sh).
  add_test(NAME mpi.placement COMMAND ${S}/placement.sh)
  set_tests_properties(mpi.placement PROPERTIES TIMEOUT 120)
  # --help, --version and --list answer without MPI starting (tests/lib/no_mpi.c, preloaded, makes
  # MPI_Init exit 3); a workload does start it.
  if(NOT PS_SANITIZE)
    add_library(ps_no_mpi SHARED lib/no_mpi.c)
    set(NO_MPI ${CMAKE_COMMAND} -E env LD_PRELOAD=$<TARGET_FILE:ps_no_mpi>)
    add_test(NAME mpi.no-mpi.help COMMAND ${L}/expect_exit.sh 0 "^Usage: mpirun -np N parsuite-mpi" -- ${NO_MPI} ${MPI} --help)
    add_test(NAME mpi.no-mpi.version COMMAND ${L}/expect_exit.sh 0 "^parsuite-mpi [0-9]" -- ${NO_MPI} ${MPI} --version)
    add_test(NAME mpi.no-mpi.list COMMAND ${L}/expect_exit.sh 0 "^mpi +squares +block" -- ${NO_MPI} ${MPI} --list)
    add_test(NAME mpi.no-mpi.workload COMMAND ${L}/expect_exit.sh 3 "^no_mpi: MPI_Init was called$" -- ${NO_MPI} ${MPI} hello)
  endif()
  add_test(NAME mpi.share.pipe.one-rank COMMAND ${L}/expect_exit.sh 0 "^# one rank: a pipe needs two" -- ${MPI} share --variant pipe --size 10)
  # rank 0 cannot allocate the ledgers' sum: exit 3 on every rank, no reduction into it. 7
  # producers make its arrays 7 x 8 bytes, a size that the MPI libraries do not allocate
  # themselves (Open MPI 5 does 3 x 8, and 5 x 8 with its shared-memory transport alone); the
  # sum's are the 4th to 6th of that size on rank 0.
  if(FAILALLOC)
    ps_mpiexec(9 run)
    add_test(NAME mpi.oom.prodcons-ledger COMMAND ${L}/expect_ranks.sh 3 9 "prodcons: rank 0 is out of memory for the ledgers' sum" ${run} --
      ${FAILALLOC} PS_FAILALLOC_SIZE=7x8 PS_FAILALLOC_SKIP=4 PS_FAILALLOC_RANK=0
      ${MPI} prodcons --variant manager --producers 7 --consumers 1 --items 1000 --repeat 1 --warmup 0)
    set_tests_properties(mpi.oom.prodcons-ledger PROPERTIES TIMEOUT 60)
  endif()
  ps_ranks_test(mpi.cli.fail-at-beyond 4 2 "--fail-at: task 40 is beyond the 32 tasks" errors --fail-at 40)
  ps_ranks_test(mpi.cli.negative 4 2 "--size: '-5' is not a whole number" squares --size -5)
  ps_ranks_test(mpi.cli.overflow 4 2 "--size: '99999999999999999999' is too large" squares --size 99999999999999999999)
  ps_ranks_test(mpi.cli.unknown-workload 4 2 "unknown workload 'cubes'" cubes)
  ps_ranks_test(mpi.cli.unknown-option 4 2 "unknown option '--fast'" squares --fast)
  ps_ranks_test(mpi.cli.unknown-variant 4 2 "unknown value 'dynamic'" squares --variant dynamic)
  ps_ranks_test(mpi.cli.zero-chunk 4 2 "--chunk: '0' is too small" squares --chunk 0)
  ps_ranks_test(mpi.cli.unwritable-output 4 3 "cannot open '/nonexistent-parsuite/x.csv'" squares --output /nonexistent-parsuite/x.csv)
  # Ranks started with other options (MPMD): exit 2 on every rank, naming the option, no hang.
  add_test(NAME mpi.cli.mpmd-options COMMAND ${S}/mpmd_options.sh ${CMAKE_BINARY_DIR})
  # A plan (--plan FILE): every point in one launch, a record each; a bad point runs nothing.
  add_test(NAME mpi.cli.plan COMMAND ${L}/no_litter.sh ${S}/plan.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(mpi.cli.mpmd-options PROPERTIES TIMEOUT 200)
  # A rank killed with SIGKILL mid-run (rank 0, the manager of the pools, and a worker).
  foreach(victim 0 2)
    add_test(NAME mpi.fault.kill-rank${victim} COMMAND ${L}/no_litter.sh ${S}/kill_rank.sh ${CMAKE_BINARY_DIR} ${victim})
    set_tests_properties(mpi.fault.kill-rank${victim} PROPERTIES TIMEOUT 120)
  endforeach()
  # SIGTERM to mpirun (what a batch system sends) during file tasks: the job ends, no file or
  # process is left. (Not SIGINT: Open MPI 4.1.4's mpirun itself segfaulted on it in a tsan run,
  # leaving its own session directory; it did on SIGTERM too, once in CI: kill_io.sh then reaps
  # what it left as the sweep does, and fails on anything else left.)
  add_test(NAME mpi.fault.file-tasks.TERM COMMAND ${L}/no_litter.sh ${S}/kill_io.sh ${CMAKE_BINARY_DIR} mpi TERM)
  set_tests_properties(mpi.fault.file-tasks.TERM PROPERTIES TIMEOUT 60)
  # An mpirun that crashes mid-sweep: the sweep reaps its ranks and its session directory (the
  # script's logic: once, in the plain build).
  if(NOT PS_SANITIZE)
    add_test(NAME sweep.mpirun-crash COMMAND ${L}/no_litter.sh ${S}/mpirun_crash.sh ${CMAKE_BINARY_DIR})
    set_tests_properties(sweep.mpirun-crash PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
  endif()
  # Three "hosts" on this machine (network namespaces): results over TCP, a link cut mid-run. Once,
  # in the plain build: what it checks is the network's, not the code's memory or threads.
  if(NOT PS_SANITIZE)
    add_test(NAME multihost.3-hosts COMMAND ${L}/no_litter.sh ${S}/multihost.sh ${CMAKE_BINARY_DIR})
    set_tests_properties(multihost.3-hosts PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 RESOURCE_LOCK cluster)
  endif()
  ps_untested(mpi ps_new)
  foreach(np 1 2 4 8)
    ps_mpiexec(${np} run)
    foreach(w ${ps_new})
      ps_variants_test(mpi.${w}.np${np} ${MPI} ${w} 1 ${run} ${MPI} ${w} --variant {variant})
    endforeach()
  endforeach()
  set(ps_models "omp mpi hybrid")
  set(ps_programs ${OMP} ${MPI})
else()
  set(ps_models "omp")
  set(ps_programs ${OMP})
endif()
