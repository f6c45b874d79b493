# The shared library exports only what include/newsdex/ marks NEWSDEX_API.
add_test(NAME e2e.exported_symbols
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_exported_symbols.py
                 --library $<TARGET_FILE:newsdex_search> --include ${PROJECT_SOURCE_DIR}/include/newsdex)
