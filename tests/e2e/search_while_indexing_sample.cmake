# Searches in a loop while the indexer commits the sample corpus after every
# article: none may fail, counts only grow (issue 9).  The small twin of
# e2e.search_while_indexing (Reuters), quick enough for scripts/test.sh's
# ThreadSanitizer stage.
add_test(NAME e2e.search_while_indexing_sample
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_search_while_indexing_sample.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.search_while_indexing_sample PROPERTIES TIMEOUT 300)
