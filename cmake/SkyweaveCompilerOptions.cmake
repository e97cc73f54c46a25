# Warning flags shared by every Skyweave target (not by third-party code).
add_library(skyweave_warnings INTERFACE)
target_compile_options(skyweave_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wno-missing-field-initializers
  $<$<BOOL:${SKYWEAVE_WARNINGS_AS_ERRORS}>:-Werror>)
