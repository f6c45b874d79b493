# --version on every tool (issue 12): newsdex-index, newsdex-search and
# newsdex-entities print "<tool> <project version>" from the one CMake
# PROJECT_VERSION, exit 0, and need no database.
if(TARGET newsdex-entities)
  set(NEWSDEX_VERSION_ENTITIES --entities $<TARGET_FILE:newsdex-entities>)
endif()
add_test(NAME e2e.tool_versions
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_tool_versions.py ${NEWSDEX_E2E_ARGS}
                 ${NEWSDEX_VERSION_ENTITIES})
set_tests_properties(e2e.tool_versions PROPERTIES TIMEOUT 60)
