# End-to-end tests: the real newsdex-index / newsdex-search binaries.
find_package(Python3 REQUIRED COMPONENTS Interpreter)

add_executable(newsdex-roundtrip ${CMAKE_CURRENT_LIST_DIR}/roundtrip.cpp)
target_link_libraries(newsdex-roundtrip PRIVATE newsdex_search_static newsdex_ingest newsdex_warnings)

set(NEWSDEX_E2E_ARGS
  --index $<TARGET_FILE:newsdex-index>
  --search $<TARGET_FILE:newsdex-search>
  --roundtrip $<TARGET_FILE:newsdex-roundtrip>
  --source ${PROJECT_SOURCE_DIR}
  --work ${CMAKE_CURRENT_BINARY_DIR}/e2e-work)

# Sample corpus: expected ids per query, JSON schema, bad input, re-indexing,
# deletion, malformed queries, exit codes.
add_test(NAME e2e.sample
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_sample.py ${NEWSDEX_E2E_ARGS})

# Reuters-21578 from ../shared: index it all, then 500 random phrases and 200
# random words must each find their source article.
add_test(NAME e2e.reuters_roundtrip
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_reuters.py ${NEWSDEX_E2E_ARGS}
                 --shared ${PROJECT_SOURCE_DIR}/../shared)
set_tests_properties(e2e.reuters_roundtrip PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900)

# The library as another program embeds it: install, find_package, build, run.
add_test(NAME e2e.install
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/test_install.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})

# Remote shards served by xapian-tcpsrv on loopback give the same answers.
add_test(NAME e2e.remote_shards
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_remote.py ${NEWSDEX_E2E_ARGS})
set_tests_properties(e2e.remote_shards PROPERTIES SKIP_RETURN_CODE 77)

# Golden JSON: the --json document is a contract.
add_test(NAME e2e.golden_json
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_golden.py ${NEWSDEX_E2E_ARGS})
