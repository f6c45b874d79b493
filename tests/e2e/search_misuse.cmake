# Hostile and mistaken searches (issue 9): clear exit-2 messages, no crash,
# nothing echoed raw to the terminal, no file contents in errors.
add_test(NAME e2e.search_misuse
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_search_misuse.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.search_misuse PROPERTIES TIMEOUT 300)
