# --format csv|tsv|jsonl|json and --all (issue 12): rows parsed back with
# Python's csv module, every match of Reuters-21578 exported page by page.
add_test(NAME e2e.search_export
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_search_export.py ${NEWSDEX_E2E_ARGS}
                 --shared ${PROJECT_SOURCE_DIR}/../shared)
set_tests_properties(e2e.search_export PROPERTIES TIMEOUT 900)
