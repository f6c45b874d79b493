# newsdex-search --show ID (issue 12): the whole article in the terminal and
# as JSON, query words highlighted, a Chinese article wrapped by ICU.
add_test(NAME e2e.search_show
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_search_show.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.search_show PROPERTIES TIMEOUT 300)
