// Edit distance for "did you mean": spelling of words and of entity names.
#pragma once

#include <cstddef>
#include <string>

namespace newsdex {

/// Optimal string alignment distance between `a` and `b` (bytes), or
/// limit + 1 as soon as it is known to exceed `limit`.
std::size_t edit_distance(const std::string& a, const std::string& b, std::size_t limit);

}  // namespace newsdex
