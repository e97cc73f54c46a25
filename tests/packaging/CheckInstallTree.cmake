# Installs the build into a staging folder and checks what a package would ship: binaries, man
# pages, completion, desktop file, metainfo and icons, validated where they are installed.
#   cmake -DBUILD_DIR=build/release -DSTAGE_DIR=/tmp/stage -P CheckInstallTree.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${STAGE_DIR}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${STAGE_DIR}/usr"
  OUTPUT_QUIET ERROR_VARIABLE error RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${error}")
endif()

set(app_id io.skyweave.Skyweave)
set(expected
  bin/skyweave bin/skyweave-cli
  share/man/man1/skyweave.1.gz share/man/man1/skyweave-cli.1.gz
  share/bash-completion/completions/skyweave-cli
  share/applications/${app_id}.desktop
  share/metainfo/${app_id}.metainfo.xml
  share/icons/hicolor/scalable/apps/${app_id}.svg
  share/doc/skyweave/copyright share/doc/skyweave/changelog.gz)
foreach(size 16 22 24 32 48 64 128 256 512)
  list(APPEND expected share/icons/hicolor/${size}x${size}/apps/${app_id}.png)
endforeach()
set(missing "")
foreach(file IN LISTS expected)
  if(NOT EXISTS "${STAGE_DIR}/usr/${file}")
    list(APPEND missing ${file})
  endif()
endforeach()
if(missing)
  list(JOIN missing "\n  " missing)
  message(FATAL_ERROR "not installed below ${STAGE_DIR}/usr:\n  ${missing}")
endif()

# The desktop file names an icon that is installed, and the metainfo's launchable is that file.
file(STRINGS "${STAGE_DIR}/usr/share/applications/${app_id}.desktop" icon_line REGEX "^Icon=")
if(NOT icon_line STREQUAL "Icon=${app_id}")
  message(FATAL_ERROR "${app_id}.desktop: expected Icon=${app_id}, found '${icon_line}'")
endif()

# AppStream's own check of an installed tree: desktop file, metainfo and icons together.
find_program(APPSTREAMCLI appstreamcli)
if(NOT APPSTREAMCLI)
  message(FATAL_ERROR "appstreamcli is not installed: install the Debian package appstream "
                      "(packaging/install-deps.sh does)")
endif()
execute_process(COMMAND ${APPSTREAMCLI} validate-tree --no-net "${STAGE_DIR}"
  OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "appstreamcli validate-tree failed:\n${output}")
endif()

# The man pages render without warnings (what lintian checks too).
find_program(MAN man)
if(MAN)
  foreach(page skyweave skyweave-cli)
    execute_process(COMMAND ${MAN} --warnings -E UTF-8 -l "${STAGE_DIR}/usr/share/man/man1/${page}.1.gz"
      OUTPUT_QUIET ERROR_VARIABLE warnings RESULT_VARIABLE result
      COMMAND_ERROR_IS_FATAL ANY)
    if(NOT warnings STREQUAL "")
      message(FATAL_ERROR "man page ${page}.1 renders with warnings:\n${warnings}")
    endif()
  endforeach()
else()
  message(STATUS "man is not installed: the man pages were not rendered")
endif()

# The installed CLI runs from the staged tree.
execute_process(COMMAND "${STAGE_DIR}/usr/bin/skyweave-cli" --version
  OUTPUT_VARIABLE version RESULT_VARIABLE result)
if(NOT result EQUAL 0 OR NOT version MATCHES "^skyweave-cli ")
  message(FATAL_ERROR "the installed skyweave-cli --version failed (${result}): ${version}")
endif()
file(REMOVE_RECURSE "${STAGE_DIR}")
message(STATUS "install tree complete and valid")
