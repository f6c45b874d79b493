// Entity slugs: the spelling of a company or person id in index terms
// ("company:ford-motor") and in the alias table.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

/// Slug of a name: lower-case ASCII letters/digits joined by '-', accents
/// folded ("Zürich Versicherung" -> "zurich-versicherung"); CJK and Hangul
/// kept as-is.  Apostrophes, '&' between letters and the dots of initials
/// are dropped without a separator ("AT&T" -> "att", "I.B.M." -> "ibm").
std::string entity_slug(std::string_view name);

}  // namespace newsdex
