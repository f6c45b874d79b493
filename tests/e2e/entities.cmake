# newsdex-entities on CoNLL-2003 dev (../shared): the tagger must stay above
# its F1 floors (tools/conll_score.py).  Skipped (exit 77) when ../shared is
# absent.  This file is both included by tests/CMakeLists.txt (defines the
# test) and run by the test in script mode (cmake -P).
if(CMAKE_SCRIPT_MODE_FILE)
  set(dev "${SOURCE}/../shared/data/conll2003/dev.txt")
  if(NOT EXISTS "${dev}")
    message("skipped: ${dev} not found")
    cmake_language(EXIT 77)
  endif()
  execute_process(COMMAND "${ENTITIES}" --conll "${dev}" OUTPUT_FILE "${OUT}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "newsdex-entities --conll failed: ${rc}")
  endif()
  execute_process(COMMAND "${PYTHON}" "${SOURCE}/tools/conll_score.py" "${dev}" "${OUT}"
                          --min-per ${MIN_PER} --min-org ${MIN_ORG}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "CoNLL-2003 dev F1 below the floors (PER ${MIN_PER}, ORG ${MIN_ORG})")
  endif()
  return()
endif()

find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND AND TARGET newsdex-entities)
  # Floors: about 0.01 under the shipped model's dev F1 (see docs/entities.md).
  add_test(NAME e2e.entities_conll
           COMMAND ${CMAKE_COMMAND} -DENTITIES=$<TARGET_FILE:newsdex-entities>
                   -DPYTHON=${Python3_EXECUTABLE} -DSOURCE=${PROJECT_SOURCE_DIR}
                   -DOUT=${CMAKE_CURRENT_BINARY_DIR}/entities_conll_dev.jsonl
                   -DMIN_PER=0.945 -DMIN_ORG=0.877
                   -P ${CMAKE_CURRENT_LIST_FILE})
  set_tests_properties(e2e.entities_conll PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
endif()
