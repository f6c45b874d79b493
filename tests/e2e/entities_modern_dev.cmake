# newsdex-entities on tests/data/modern_news_dev.conll, the modern-news
# DEVELOPMENT set of issue 8 (original wire-style text, hand-annotated with
# CoNLL-2003 conventions; its errors are studied to write extractor rules).
# Two floors just under the measured mention F1 (docs/entities.md):
# the whole extractor (--extractor: tag repairs, clean-up, filters; PER 0.976 /
# ORG 0.870) and the tagger alone (PER 0.899 / ORG 0.830).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND AND TARGET newsdex-entities)
  add_test(NAME e2e.entities_modern_dev_extractor
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/conll_score.py
                   ${PROJECT_SOURCE_DIR}/tests/data/modern_news_dev.conll
                   --run $<TARGET_FILE:newsdex-entities> --extractor
                   --min-per 0.97 --min-org 0.86)
  add_test(NAME e2e.entities_modern_dev_tagger
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/conll_score.py
                   ${PROJECT_SOURCE_DIR}/tests/data/modern_news_dev.conll
                   --run $<TARGET_FILE:newsdex-entities>
                   --min-per 0.89 --min-org 0.82)
  set_tests_properties(e2e.entities_modern_dev_extractor e2e.entities_modern_dev_tagger PROPERTIES TIMEOUT 60)
endif()
