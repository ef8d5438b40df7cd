# Writes OUT (wijksim/version.hpp) from SOURCE_DIR's git commit and VERSION; run by
# cmake/WijksimVersion.cmake at configure time and before every build. configure_file
# rewrites OUT only when its text changes, so an unchanged commit recompiles nothing.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE WIJKSIM_GIT_HASH OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE _git_rc)
if(NOT _git_rc EQUAL 0 OR WIJKSIM_GIT_HASH STREQUAL "")
  set(WIJKSIM_GIT_HASH "unknown")
endif()
execute_process(COMMAND git status --porcelain --untracked-files=no
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE _git_dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT _git_dirty STREQUAL "")
  string(APPEND WIJKSIM_GIT_HASH "-dirty")
endif()
set(PROJECT_VERSION ${VERSION})
configure_file(${SOURCE_DIR}/engine/version.hpp.in ${OUT} @ONLY)
