# newsdex-entities on tests/data/modern_news_heldout.conll: original
# modern-news text (2015-2025 wire style, invented events) annotated by hand
# with CoNLL-2003 guidelines.  A held-out test set: never used to train, tune
# or choose features or rules (docs/entities.md).  Floors just under the
# measured mention F1 of the shipped model and rules: the tagger alone
# (PER 0.867 / ORG 0.813) and the whole extractor, which is what the facets
# show (--extractor: PER 0.933 / ORG 0.840; issue 8 asks 0.92 / 0.82).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND AND TARGET newsdex-entities)
  add_test(NAME e2e.entities_modern_heldout
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/conll_score.py
                   ${PROJECT_SOURCE_DIR}/tests/data/modern_news_heldout.conll
                   --run $<TARGET_FILE:newsdex-entities>
                   --min-per 0.86 --min-org 0.80)
  add_test(NAME e2e.entities_modern_heldout_extractor
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/conll_score.py
                   ${PROJECT_SOURCE_DIR}/tests/data/modern_news_heldout.conll
                   --run $<TARGET_FILE:newsdex-entities> --extractor
                   --min-per 0.92 --min-org 0.83)
  set_tests_properties(e2e.entities_modern_heldout e2e.entities_modern_heldout_extractor PROPERTIES TIMEOUT 60)
endif()
