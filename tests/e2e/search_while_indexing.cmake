# Searches in a loop while the indexer commits after every article: none may
# fail, counts only grow (issue 9).  scripts/test.sh also runs it under TSan.
add_test(NAME e2e.search_while_indexing
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_search_while_indexing.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.search_while_indexing PROPERTIES TIMEOUT 300)
# Fails on main until the searcher retries on DatabaseModifiedError (issue 9,
# another branch): remove this line when that fix is merged.
set_tests_properties(e2e.search_while_indexing PROPERTIES DISABLED TRUE)
