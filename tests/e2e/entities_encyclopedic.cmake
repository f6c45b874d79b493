# newsdex-entities on the encyclopedic (Wikipedia-style) sets of issue 8:
# original paragraphs annotated by hand with CoNLL-2003 guidelines
# (docs/entities.md).  tests/data/encyclopedic_dev.conll is the DEVELOPMENT
# set (its errors were studied to write the rules of stage_encyclopedic.cpp);
# tests/data/encyclopedic_heldout.conll is HELD OUT (never used to train,
# tune or choose anything; measured once).
# tests/data/encyclopedic_long_dev.conll is the DEVELOPMENT set of long,
# multi-paragraph articles (sixth pass): its floors guard the routing of long
# articles to the encyclopedic model (guess_domain; with the fifth pass's
# routing, 6 of its 22 articles, the tagger's ORG F1 was 0.676) and the
# encyclopedic rules.  Floors just under the measured
# mention F1 of the shipped models (encyclopedic documents are tagged by
# ner_encyclopedic.model, domain.cpp) and rules: dev tagger PER 0.910 /
# ORG 0.747, extractor 0.948 / 0.896; held-out tagger 0.843 / 0.693,
# extractor 0.850 / 0.714 (sixth pass); long dev tagger 0.898 / 0.725,
# extractor 0.928 / 0.803.
set(encyclopedic_dev ${PROJECT_SOURCE_DIR}/tests/data/encyclopedic_dev.conll)
set(encyclopedic_heldout ${PROJECT_SOURCE_DIR}/tests/data/encyclopedic_heldout.conll)
set(encyclopedic_long_dev ${PROJECT_SOURCE_DIR}/tests/data/encyclopedic_long_dev.conll)
newsdex_entity_floor(e2e.entities_encyclopedic_dev_extractor ${encyclopedic_dev} 0.935 0.875 --extractor)
newsdex_entity_floor(e2e.entities_encyclopedic_dev_tagger ${encyclopedic_dev} 0.90 0.735)
newsdex_entity_floor(e2e.entities_encyclopedic_heldout_extractor ${encyclopedic_heldout} 0.84 0.70 --extractor)
newsdex_entity_floor(e2e.entities_encyclopedic_heldout_tagger ${encyclopedic_heldout} 0.835 0.685)
newsdex_entity_floor(e2e.entities_encyclopedic_long_dev_extractor ${encyclopedic_long_dev} 0.92 0.795 --extractor)
newsdex_entity_floor(e2e.entities_encyclopedic_long_dev_tagger ${encyclopedic_long_dev} 0.89 0.715)
