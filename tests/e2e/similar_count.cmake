# The "+N similar" count of a hit (issue 12): the same on a multi-shard
# database with facets off, on every path (relevance, newest, oldest,
# recency, remote shards), as on one shard with facets on.
add_test(NAME e2e.similar_count
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_similar_count.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.similar_count PROPERTIES TIMEOUT 300)
