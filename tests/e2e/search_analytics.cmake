# Named search_* so that the glob includes it after e2e.cmake, which defines
# NEWSDEX_E2E_ARGS and finds Python.
# Entity analytics (issue 13) on sample_corpus/: --related, --significant,
# --trend and --graph -- terminal shape, golden JSON, the unknown-entity
# error, and the same answers from one database, several, and remote shards.
add_test(NAME e2e.analytics
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_analytics.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.analytics PROPERTIES TIMEOUT 300)
