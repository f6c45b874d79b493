# Issue 9: ids and values too long for a Xapian term never abort a run (after e2e.cmake: uses its arguments).
add_test(NAME e2e.index_long_terms
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_index_long_terms.py ${NEWSDEX_E2E_ARGS})
