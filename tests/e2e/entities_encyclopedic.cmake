# newsdex-entities on the encyclopedic (Wikipedia-style) sets of issue 8:
# original paragraphs annotated by hand with CoNLL-2003 guidelines
# (docs/entities.md).  tests/data/encyclopedic_dev.conll is the DEVELOPMENT
# set (its errors were studied to write the rules of stage_encyclopedic.cpp);
# tests/data/encyclopedic_heldout.conll is HELD OUT (never used to train,
# tune or choose anything; measured once).  Floors just under the measured
# mention F1 of the shipped model (trained on CoNLL-2003 only) and rules:
# dev tagger PER 0.873 / ORG 0.645, extractor 0.924 / 0.799; held-out
# tagger 0.810 / 0.557, extractor 0.800 / 0.604.
set(encyclopedic_dev ${PROJECT_SOURCE_DIR}/tests/data/encyclopedic_dev.conll)
set(encyclopedic_heldout ${PROJECT_SOURCE_DIR}/tests/data/encyclopedic_heldout.conll)
newsdex_entity_floor(e2e.entities_encyclopedic_dev_extractor ${encyclopedic_dev} 0.915 0.79 --extractor)
newsdex_entity_floor(e2e.entities_encyclopedic_dev_tagger ${encyclopedic_dev} 0.865 0.64)
newsdex_entity_floor(e2e.entities_encyclopedic_heldout_extractor ${encyclopedic_heldout} 0.79 0.595 --extractor)
newsdex_entity_floor(e2e.entities_encyclopedic_heldout_tagger ${encyclopedic_heldout} 0.80 0.55)
