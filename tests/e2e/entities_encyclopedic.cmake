# newsdex-entities on the encyclopedic (Wikipedia-style) sets of issue 8:
# original paragraphs annotated by hand with CoNLL-2003 guidelines
# (docs/entities.md).  tests/data/encyclopedic_dev.conll is the DEVELOPMENT
# set (its errors were studied to write the rules of stage_encyclopedic.cpp);
# tests/data/encyclopedic_heldout.conll is HELD OUT (never used to train,
# tune or choose anything; measured once).  Floors just under the measured
# mention F1 of the shipped models (encyclopedic documents are tagged by
# ner_encyclopedic.model, domain.cpp) and rules: dev tagger PER 0.910 /
# ORG 0.742, extractor 0.944 / 0.883; held-out tagger 0.843 / 0.693,
# extractor 0.850 / 0.707.
set(encyclopedic_dev ${PROJECT_SOURCE_DIR}/tests/data/encyclopedic_dev.conll)
set(encyclopedic_heldout ${PROJECT_SOURCE_DIR}/tests/data/encyclopedic_heldout.conll)
newsdex_entity_floor(e2e.entities_encyclopedic_dev_extractor ${encyclopedic_dev} 0.935 0.875 --extractor)
newsdex_entity_floor(e2e.entities_encyclopedic_dev_tagger ${encyclopedic_dev} 0.90 0.735)
newsdex_entity_floor(e2e.entities_encyclopedic_heldout_extractor ${encyclopedic_heldout} 0.84 0.70 --extractor)
newsdex_entity_floor(e2e.entities_encyclopedic_heldout_tagger ${encyclopedic_heldout} 0.835 0.685)
