# newsdex-entities on tests/data/modern_news_heldout.conll: original
# modern-news text (2015-2025 wire style, invented events) annotated by hand
# with CoNLL-2003 guidelines.  A held-out test set: never used to train, tune
# or choose features (docs/entities.md).  Floors just under the measured
# mention F1 PER 0.807 / ORG 0.776 of the shipped model.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND AND TARGET newsdex-entities)
  add_test(NAME e2e.entities_modern_heldout
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/conll_score.py
                   ${PROJECT_SOURCE_DIR}/tests/data/modern_news_heldout.conll
                   --run $<TARGET_FILE:newsdex-entities>
                   --min-per 0.80 --min-org 0.77)
  set_tests_properties(e2e.entities_modern_heldout PROPERTIES TIMEOUT 60)
endif()
