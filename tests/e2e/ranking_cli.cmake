# newsdex-search's ranking flags (issue 11, docs/ranking.md): --explain's parts
# add up to each score in text and JSON, the OR fallback is said in a notice
# and in JSON "fallback" and --no-or-fallback turns it off, each --no-... bonus
# flag leaves its part out.
add_test(NAME e2e.ranking_cli
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_ranking_cli.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.ranking_cli PROPERTIES TIMEOUT 300)
