// Numbers as people read them, for messages the library writes.
#pragma once

#include <cstdint>
#include <string>

namespace newsdex::text {

/// 1234567 -> "1,234,567".
std::string thousands(std::uint64_t n);

}  // namespace newsdex::text
