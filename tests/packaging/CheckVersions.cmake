# The project version must be the newest release in the AppStream metainfo and the newest
# entry of the Debian changelog, or the package and the software centre disagree.
#   cmake -DVERSION=0.1.0 -DPACKAGING_DIR=packaging -P CheckVersions.cmake
cmake_minimum_required(VERSION 3.25)

# Fails unless the first match of `pattern` in `text` captures VERSION; `where` names the file.
function(expect_version where text pattern what)
  if(NOT text MATCHES "${pattern}")
    message(FATAL_ERROR "${where}: no ${what} found")
  endif()
  if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
    message(FATAL_ERROR "${where}: the newest ${what} is ${CMAKE_MATCH_1}, the project is "
                        "${VERSION}; add one for ${VERSION}")
  endif()
endfunction()

file(READ "${PACKAGING_DIR}/io.skyweave.Skyweave.metainfo.xml" metainfo)
expect_version("packaging/io.skyweave.Skyweave.metainfo.xml" "${metainfo}"
  "<release version=\"([^\"]+)\"" "<release>")
file(STRINGS "${PACKAGING_DIR}/debian/changelog" first_line LIMIT_COUNT 1)
expect_version("packaging/debian/changelog" "${first_line}" "^skyweave \\(([^)]+)\\) " "changelog entry")
message(STATUS "metainfo, Debian changelog and project agree on ${VERSION}")
