// Where newsdex finds its shipped data (NER model, gazetteers, alias table).
#pragma once

#include <string>

namespace newsdex {

/// The default data directory: $NEWSDEX_DATA_DIR if set, else common/data in
/// the source tree the library was built from (when it exists), else the
/// installed data directory (<prefix>/share/newsdex).  `probe` is a file name
/// that must exist in the directory for a candidate to be chosen (empty: the
/// directory itself must exist).  Returns the installed path when nothing fits.
std::string default_data_dir(const std::string& probe = "ner.model");

}  // namespace newsdex
