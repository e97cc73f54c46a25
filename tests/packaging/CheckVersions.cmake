# The project version must be the newest release in the AppStream metainfo and the newest
# entry of the Debian changelog, or the package and the software centre disagree.
#   cmake -DVERSION=0.1.0 -DPACKAGING_DIR=packaging -P CheckVersions.cmake
cmake_minimum_required(VERSION 3.25)
file(READ "${PACKAGING_DIR}/io.skyweave.Skyweave.metainfo.xml" metainfo)
if(NOT metainfo MATCHES "<release version=\"([^\"]+)\"")
  message(FATAL_ERROR "io.skyweave.Skyweave.metainfo.xml: no <release version=...> found")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
  message(FATAL_ERROR "io.skyweave.Skyweave.metainfo.xml: newest release is ${CMAKE_MATCH_1}, "
                      "the project is ${VERSION}; add a <release> for ${VERSION}")
endif()
file(STRINGS "${PACKAGING_DIR}/debian/changelog" first_line LIMIT_COUNT 1)
if(NOT first_line MATCHES "^skyweave \\(([^)]+)\\) ")
  message(FATAL_ERROR "packaging/debian/changelog: first line is not 'skyweave (VERSION) ...': ${first_line}")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
  message(FATAL_ERROR "packaging/debian/changelog: newest entry is ${CMAKE_MATCH_1}, "
                      "the project is ${VERSION}; add an entry for ${VERSION}")
endif()
message(STATUS "metainfo, Debian changelog and project agree on ${VERSION}")
