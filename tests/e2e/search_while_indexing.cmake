# Searches while the indexer commits after every article (issue 9): none
# fails, and the counts they see only grow.  Reuters-21578 from ../shared;
# skipped (exit 77) without it.
add_test(NAME e2e.search_while_indexing
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_search_while_indexing.py ${NEWSDEX_E2E_ARGS}
                 --shared ${PROJECT_SOURCE_DIR}/../shared)
set_tests_properties(e2e.search_while_indexing PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
