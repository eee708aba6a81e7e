# SPDX-License-Identifier: BSD-3-Clause
# The tests that start daemons or hosts of their own (Slurm's, munge, network namespaces, a
# package's root) hold the lock "cluster": one at a time, each beside the rest of the suite (run
# alone, they were the last 200 s of it with one core idle). They keep the usual TMPDIR (environment.cmake).
# Once, in the plain build (what they check does not change under a sanitizer): the batch jobs
# submitted to a real single-node Slurm (skipped, with the reason, where it cannot start: not root
# or no Slurm packages; the test command installs them), and parsuite installed as a site would
# (prefix, man pages, Lmod module, Slurm job from outside the tree, Debian package).
if(NOT PS_SANITIZE AND NOT PS_FUZZ)
  add_test(NAME batch.slurm-and-pbs COMMAND ${S}/batch_jobs.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(batch.slurm-and-pbs PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 RESOURCE_LOCK cluster)
  # The same scripts across 3 simulated nodes of 2 sockets x 16 cores x 2 threads, launched by srun.
  if(TARGET parsuite-mpi)
    add_test(NAME batch.slurm-3-nodes COMMAND ${S}/slurm_nodes.sh ${CMAKE_BINARY_DIR})
    set_tests_properties(batch.slurm-3-nodes PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 RESOURCE_LOCK cluster)
  endif()
  add_test(NAME install.prefix-module-slurm COMMAND ${S}/install.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(install.prefix-module-slurm PROPERTIES TIMEOUT 600 RESOURCE_LOCK cluster)
  # A library outside the system's directories (a site's, under /opt) found by the install RPATH.
  add_test(NAME install.rpath-opt COMMAND ${S}/install_rpath.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(install.rpath-opt PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
  # The Debian package: lintian, its dependencies; in a fresh root installed, run, the modules of
  # both tools, the MPI switched (apt's plan), removed and purged.
  # -h, -V, --opt=value and '--' in all four programs; --help lists what the README shows.
  add_test(NAME cli.convention COMMAND ${S}/cli_convention.sh ${CMAKE_BINARY_DIR})
  add_test(NAME cli.completion COMMAND ${S}/completion.sh ${CMAKE_BINARY_DIR})
  add_test(NAME docs.records COMMAND ${CMAKE_COMMAND} -DCHECK=${CMAKE_SOURCE_DIR}/docs/records.md
           -P ${CMAKE_SOURCE_DIR}/docs/records.cmake)
  add_test(NAME install.deb COMMAND ${S}/package.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(install.deb PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 RESOURCE_LOCK cluster)
endif()
