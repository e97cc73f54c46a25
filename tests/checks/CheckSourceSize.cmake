# CTest source.size: no .h/.cpp file under core/, gui/ or app/ over MAX_FILE_LINES lines, no function
# over MAX_FUNCTION_LINES lines, except the functions listed in EXCEPTIONS.
#   cmake -DSOURCE_DIR=<repo> -DEXCEPTIONS=<file> [-DMAX_FILE_LINES=450] [-DMAX_FUNCTION_LINES=80]
#         -P CheckSourceSize.cmake
#
# Functions are found the way the code is laid out (Google style, braces on the same line): a function
# at namespace scope starts at column 0 — its first line is the first signature line, so `template`
# lines and multi-line parameter lists and initialiser lists count — and ends at the next `}` in
# column 0. Lambdas and local classes count toward their enclosing function. Classes, structs, enums
# and initialised data at column 0 are skipped whole (their inline member functions are short by
# construction: long ones belong in the .cpp); namespaces and extern "C" blocks are transparent.
#
# EXCEPTIONS: one `path:function` per line (path relative to the repository, function as printed by
# this check), `#` comments. An entry that no longer matches a too-long function fails the check
# too, so the list only shrinks.
cmake_minimum_required(VERSION 3.25)
include(${CMAKE_CURRENT_LIST_DIR}/ReadLines.cmake)
if(NOT MAX_FILE_LINES)
  set(MAX_FILE_LINES 450)
endif()
if(NOT MAX_FUNCTION_LINES)
  set(MAX_FUNCTION_LINES 80)
endif()

set(allowed "")
if(EXCEPTIONS)
  skyweave_read_lines(${EXCEPTIONS} entries)
  foreach(entry IN LISTS entries)
    string(STRIP "${entry}" entry)
    if(entry STREQUAL "" OR entry MATCHES "^#")
      continue()
    endif()
    list(APPEND allowed "${entry}")
  endforeach()
endif()
set(excused "")
set(errors "")

# Checks one file; appends to `errors` and `excused` in the caller's scope.
function(check_file rel)
  skyweave_read_lines(${SOURCE_DIR}/${rel} lines)
  list(LENGTH lines count)
  list(GET lines -1 last)
  if(last STREQUAL "")
    math(EXPR count "${count} - 1")  # the newline that ends the last line
  endif()
  set(found_errors "")
  set(found_excused "")
  if(count GREATER MAX_FILE_LINES)
    string(APPEND found_errors "${rel}: ${count} lines (limit ${MAX_FILE_LINES}): split it by responsibility\n")
  endif()

  set(mode outside)  # outside | signature | function | skip | comment
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    if(mode STREQUAL "comment")
      if(line MATCHES "\\*/")
        set(mode outside)
      endif()
      continue()
    endif()
    if(mode STREQUAL "function" OR mode STREQUAL "skip")
      if(line MATCHES "^}")
        if(mode STREQUAL "function")
          math(EXPR length "${number} - ${start} + 1")
          if(length GREATER MAX_FUNCTION_LINES)
            if("${rel}:${name}" IN_LIST allowed)
              list(APPEND found_excused "${rel}:${name}")
            else()
              string(APPEND found_errors
                "${rel}:${start}: function ${name} is ${length} lines (limit ${MAX_FUNCTION_LINES})\n")
            endif()
          endif()
        endif()
        set(mode outside)
      endif()
      continue()
    endif()
    if(mode STREQUAL "outside")
      # Blank, indented, preprocessor, comment and closing lines start nothing.
      if(line MATCHES "^([ \t]|$|#|//|})")
        continue()
      endif()
      if(line MATCHES "^/\\*")
        if(NOT line MATCHES "\\*/")
          set(mode comment)
        endif()
        continue()
      endif()
      set(mode signature)
      set(start ${number})
      set(signature "")
    endif()
    # mode signature: collect lines until the body opens or the declaration ends.
    if(line STREQUAL "")
      set(mode outside)  # a macro invocation without `;`
      continue()
    endif()
    string(REGEX REPLACE "[ \t]*//.*$" "" code "${line}")
    string(APPEND signature " ${code}")
    if(code MATCHES "<sc>$" OR code MATCHES "}$")
      set(mode outside)  # a declaration, or a one-line definition
      continue()
    endif()
    if(NOT code MATCHES "{$")
      continue()
    endif()
    string(STRIP "${signature}" signature)
    if(signature MATCHES "^(namespace|extern \"C\"|inline namespace)")
      set(mode outside)
    elseif(signature MATCHES "^(template[ \t]*<.*>[ \t]*)?(class|struct|union|enum)[ \t]")
      set(mode skip)
    elseif(NOT signature MATCHES "\\(" OR signature MATCHES "^[^(]*=")
      set(mode skip)  # initialised data: `const Foo kTable = {`, `std::array<…> kNames{`
    else()
      set(mode function)
      string(REGEX REPLACE "^template[ \t]*<[^(]*>[ \t]*" "" head "${signature}")
      string(REGEX MATCH "(operator[^(]*|[A-Za-z_~][A-Za-z0-9_:~]*)[ \t]*\\(" name "${head}")
      string(REGEX REPLACE "[ \t]*\\($" "" name "${name}")
    endif()
  endforeach()
  set(errors "${errors}${found_errors}" PARENT_SCOPE)
  set(excused ${excused} ${found_excused} PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
  ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/core/*.cpp
  ${SOURCE_DIR}/gui/*.h ${SOURCE_DIR}/gui/*.cpp
  ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp)
list(SORT sources)
foreach(rel IN LISTS sources)
  check_file(${rel})
endforeach()

foreach(entry IN LISTS allowed)
  if(NOT entry IN_LIST excused)
    string(APPEND errors
      "${EXCEPTIONS}: '${entry}' is no longer a function over ${MAX_FUNCTION_LINES} lines: delete the line\n")
  endif()
endforeach()

if(errors)
  message(FATAL_ERROR "sources too long:\n${errors}")
endif()
list(LENGTH sources n)
list(LENGTH excused e)
message(STATUS "${n} files within ${MAX_FILE_LINES} lines, functions within ${MAX_FUNCTION_LINES} (${e} listed exceptions)")
