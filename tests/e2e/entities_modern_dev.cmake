# newsdex-entities on tests/data/modern_news_dev.conll, the modern-news
# DEVELOPMENT set of issue 8 (original wire-style text, hand-annotated with
# CoNLL-2003 conventions; its errors are studied to write extractor rules).
# Two floors just under the measured mention F1 (docs/entities.md):
# the whole extractor (--extractor: tag repairs, clean-up, filters; PER 0.976 /
# ORG 0.870) and the tagger alone (PER 0.899 / ORG 0.830).
set(modern_dev ${PROJECT_SOURCE_DIR}/tests/data/modern_news_dev.conll)
newsdex_entity_floor(e2e.entities_modern_dev_extractor ${modern_dev} 0.97 0.86 --extractor)
newsdex_entity_floor(e2e.entities_modern_dev_tagger ${modern_dev} 0.89 0.82)
