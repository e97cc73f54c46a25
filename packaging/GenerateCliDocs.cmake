# Writes what is derived from `skyweave-cli --help` and each `skyweave-cli COMMAND --help`:
#   ${OUT_DIR}/skyweave-cli.h2m  a help2man include file with one subsection per command
#   ${OUT_DIR}/skyweave-cli      the bash completion (commands, and each command's options)
# Generated at build time so neither can fall behind the commands that are built in.
#   cmake -DCLI=path/to/skyweave-cli -DOUT_DIR=dir -P GenerateCliDocs.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var CLI OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "GenerateCliDocs.cmake: -D${var}=... is required")
  endif()
endforeach()

# Runs the CLI with the given arguments and returns its standard output; any failure stops the build.
function(run_cli out_var)
  execute_process(COMMAND ${CLI} ${ARGN}
    OUTPUT_VARIABLE output ERROR_VARIABLE error RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    string(JOIN " " shown ${ARGN})
    message(FATAL_ERROR "'${CLI} ${shown}' failed (${result}): ${error}")
  endif()
  set(${out_var} "${output}" PARENT_SCOPE)
endfunction()

# Square brackets would stop CMake from splitting a list at the following separators (help
# texts have "(0, 1]"), so they travel as two control characters until the output is written.
string(ASCII 1 kOpenBracket)
string(ASCII 2 kCloseBracket)

# Splits text into a list of lines; list separators and brackets in the text are escaped first.
function(split_lines out_var text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE ";" "\\;" text "${text}")
  string(REPLACE "[" "${kOpenBracket}" text "${text}")
  string(REPLACE "]" "${kCloseBracket}" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(${out_var} "${lines}" PARENT_SCOPE)
endfunction()

# Writes text to a file, with the brackets split_lines replaced put back.
function(write_output file text)
  string(REPLACE "${kOpenBracket}" "[" text "${text}")
  string(REPLACE "${kCloseBracket}" "]" text "${text}")
  file(WRITE "${file}" "${text}")
endfunction()

# Escapes a line of plain text for roff.
function(roff_escape out_var line)
  string(REPLACE "\\" "\\e" line "${line}")
  string(REGEX REPLACE "^([.'])" "\\\\&\\1" line "${line}")
  set(${out_var} "${line}" PARENT_SCOPE)
endfunction()

# The command names listed under "Commands:" in the top-level help, in their order.
run_cli(top_help --help)
split_lines(top_lines "${top_help}")
set(commands "")
set(in_commands FALSE)
foreach(line IN LISTS top_lines)
  if(line STREQUAL "Commands:")
    set(in_commands TRUE)
  elseif(in_commands AND line MATCHES "^  ([a-z][a-z0-9-]*)( |$)")
    list(APPEND commands "${CMAKE_MATCH_1}")
  elseif(in_commands)
    break()
  endif()
endforeach()

# For each command: its option names for the completion and its help as roff for the man page.
set(man "[COMMANDS IN DETAIL]\n")
if(NOT commands)
  string(APPEND man "No commands are built in.\n")
endif()
set(completion_cases "")
foreach(command IN LISTS commands)
  run_cli(help ${command} --help)
  split_lines(help_lines "${help}")
  set(options "")
  string(APPEND man ".SS \"skyweave-cli ${command}\"\n")
  set(previous start)
  foreach(line IN LISTS help_lines)
    set(kind row)
    if(line MATCHES "^  (-[^ ]+( [^ ]+)*)(  +(.*))?$")
      # An option row of QCommandLineParser: "  -o, --output <file>  Description" (names
      # are separated by single spaces, the description by two or more).
      set(names "${CMAKE_MATCH_1}")
      set(description "${CMAKE_MATCH_4}")
      string(REGEX MATCHALL "(^|[ ,])-[-A-Za-z0-9]+" found "${names}")
      foreach(option IN LISTS found)
        string(REGEX REPLACE "^[ ,]" "" option "${option}")
        list(APPEND options "${option}")
      endforeach()
      roff_escape(names "${names}")
      roff_escape(description "${description}")
      string(REGEX REPLACE "(^|, )(-[-A-Za-z0-9]+)" "\\1\\\\fB\\2\\\\fR" names "${names}")
      string(REPLACE "-" "\\-" names "${names}")
      string(APPEND man ".TP\n${names}\n${description}\n")
    elseif(line MATCHES "^  ([^ ]+)(  +(.*))?$")
      # A positional argument row: "  frames  FITS frames to stack."
      roff_escape(name "${CMAKE_MATCH_1}")
      roff_escape(description "${CMAKE_MATCH_3}")
      string(APPEND man ".TP\n\\fI${name}\\fR\n${description}\n")
    elseif(line MATCHES "^   +([^ ].*)$")
      # The wrapped rest of the previous row's description.
      roff_escape(text "${CMAKE_MATCH_1}")
      string(APPEND man "${text}\n")
    elseif(line STREQUAL "")
      string(APPEND man ".PP\n")
      set(kind blank)
    else()
      # Plain text: consecutive lines fill one paragraph; the usage line stands alone.
      roff_escape(text "${line}")
      if(NOT previous MATCHES "^(text|blank)$")
        string(APPEND man ".PP\n")
      endif()
      string(APPEND man "${text}\n")
      if(line MATCHES "^Usage:")
        set(kind usage)
      else()
        set(kind text)
      endif()
    endif()
    set(previous ${kind})
  endforeach()
  list(REMOVE_DUPLICATES options)
  string(JOIN " " options ${options})
  string(APPEND completion_cases "        ${command}) options=\"${options}\" ;;\n")
endforeach()
string(REGEX REPLACE "(\\.PP\n)+" ".PP\n" man "${man}")
string(APPEND man "\n[REPORTING BUGS]\nhttps://skyweave.invalid/issues\n\n[SEE ALSO]\n.BR skyweave (1)\n")
write_output("${OUT_DIR}/skyweave-cli.h2m" "${man}")

string(JOIN " " command_words ${commands})
write_output("${OUT_DIR}/skyweave-cli" "# bash completion for skyweave-cli, generated from its --help at build time.
# Completes the command, then that command's options; anything else completes as a file name.

_skyweave_cli()
{
    local cur=\${COMP_WORDS[COMP_CWORD]}
    if (( COMP_CWORD == 1 )); then
        COMPREPLY=( \$(compgen -W \"${command_words} --help --version\" -- \"\$cur\") )
        return
    fi
    [[ \$cur == -* ]] || return
    local options
    case \${COMP_WORDS[1]} in
${completion_cases}        *) return ;;
    esac
    COMPREPLY=( \$(compgen -W \"\$options\" -- \"\$cur\") )
}
complete -o bashdefault -o default -F _skyweave_cli skyweave-cli
")
