# SPDX-License-Identifier: BSD-3-Clause
# After CPack: the -dbgsym .ddeb made as Debian's dh_strip makes it. CMake 3.25's lists the debug
# files in md5sums by their absolute paths in CPack's staging area (dpkg --verify and lintian
# reject them) and gives the package no documentation directory: md5sums is written again, of
# the paths in the package, and /usr/share/doc/NAME-dbgsym links to NAME's, which holds the
# copyright and changelog. dpkg-deb unpacks and builds it again.
find_program(ps_dpkg_deb dpkg-deb REQUIRED)
foreach(ddeb IN LISTS CPACK_PACKAGE_FILES)
  if(NOT ddeb MATCHES "/([a-z0-9.+-]+)-dbgsym_[^/]*\\.ddeb$")
    continue()
  endif()
  set(package ${CMAKE_MATCH_1})
  set(tree ${ddeb}.tree)
  file(REMOVE_RECURSE ${tree})
  execute_process(COMMAND ${ps_dpkg_deb} --raw-extract ${ddeb} ${tree} COMMAND_ERROR_IS_FATAL ANY)
  file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE ${tree} ${tree}/usr/*)
  list(SORT files)
  set(sums "")
  foreach(f IN LISTS files)
    file(MD5 ${tree}/${f} sum)
    string(APPEND sums "${sum}  ${f}\n")
  endforeach()
  file(WRITE ${tree}/DEBIAN/md5sums "${sums}")
  file(MAKE_DIRECTORY ${tree}/usr/share/doc)
  file(CREATE_LINK ${package} ${tree}/usr/share/doc/${package}-dbgsym SYMBOLIC)
  execute_process(COMMAND ${ps_dpkg_deb} --root-owner-group --build ${tree} ${ddeb}
                  OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
  file(REMOVE_RECURSE ${tree})
endforeach()
