# --facet-offset pages the company and person facets (issue 12): each page is
# the matching slice of one long listing, "more" counts what follows, on
# local shards (per-document arrays) and on remote shards (xapian-tcpsrv,
# match spies) alike; out-of-range values are exit 2.
add_test(NAME e2e.search_facet_offset
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_search_facet_offset.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.search_facet_offset PROPERTIES TIMEOUT 300)
