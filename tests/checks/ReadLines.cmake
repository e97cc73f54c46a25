# skyweave_read_lines(FILE OUT): the lines of FILE as a CMake list, one element per line (empty lines
# kept, so index + 1 is the line number). `;`, `[`, `]` and `\` would break CMake's list splitting, so
# they come back as <sc>, <lb>, <rb> and <bs>: the checks look only at structure, never at those.
cmake_policy(SET CMP0007 NEW)
function(skyweave_read_lines file out)
  file(READ ${file} text)
  string(REPLACE "\\" "<bs>" text "${text}")
  string(REPLACE ";" "<sc>" text "${text}")
  string(REPLACE "[" "<lb>" text "${text}")
  string(REPLACE "]" "<rb>" text "${text}")
  string(REPLACE "\r" "" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
