# newsdex-entities on CoNLL-2003 dev (../shared): the tagger must stay above
# its F1 floors (tools/conll_score.py runs the binary and scores it).
# Skipped (exit 77) when ../shared is absent.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND AND TARGET newsdex-entities)
  # Floors: about 0.01 under the shipped model's dev F1 (PER 0.952, ORG 0.887;
  # see docs/entities.md).
  add_test(NAME e2e.entities_conll
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/conll_score.py
                   ${PROJECT_SOURCE_DIR}/../shared/data/conll2003/dev.txt
                   --run $<TARGET_FILE:newsdex-entities> --skip-missing
                   --min-per 0.942 --min-org 0.876)
  set_tests_properties(e2e.entities_conll PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
endif()

# newsdex-entities on sample_corpus/: companies and persons scored against a
# careful reader's list (tests/e2e/sample_entities.tsv) by
# tools/entity_sample_score.py.  Floors a little under the measured 1.0/1.0
# (docs/entities.md).
if(Python3_Interpreter_FOUND AND TARGET newsdex-entities)
  add_test(NAME e2e.entities_sample
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/entity_sample_score.py
                   ${PROJECT_SOURCE_DIR}/tests/e2e/sample_entities.tsv
                   --run $<TARGET_FILE:newsdex-entities> --corpus ${PROJECT_SOURCE_DIR}/sample_corpus
                   --min-company 0.95 --min-person 0.95)
  set_tests_properties(e2e.entities_sample PROPERTIES TIMEOUT 60)
endif()
