# What a terminal user expects of newsdex-search (issue 12): --version,
# --count, exit 1 when nothing matched, conflicting options, the -- hint,
# --color, wrapping at COLUMNS=60 and 160 (CJK too), sparse date facets folded.
add_test(NAME e2e.search_cli_habits
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_search_cli_habits.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.search_cli_habits PROPERTIES TIMEOUT 300)
