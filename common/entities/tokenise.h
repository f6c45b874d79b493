// Tokeniser of the entity extractor: PTB/CoNLL-like tokens (punctuation
// split, "'s" and "’s" split, "U.S.", "Inc.", initials kept) and sentences
// ('.', '!', '?' before a capital, blank lines, indented lines).
//
// Internal header: used by common/entities/*.cpp and their unit tests.
#pragma once

#include "common/entities/word_lists.h"

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::entities {

struct Token {
    std::size_t b = 0, e = 0;  ///< byte offsets in the text
};

struct Tokenised {
    std::vector<Token> tokens;
    std::vector<std::pair<std::size_t, std::size_t>> sentences;  ///< token index ranges
};

Tokenised tokenise(std::string_view text, const WordLists& lists);

}  // namespace newsdex::entities
