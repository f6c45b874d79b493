// The domain of a document's text, guessed from cheap cues before tagging:
// news (wire copy, reports: the default) or encyclopedic (a Wikipedia-style
// article that opens with a definition: "X is a professional football club
// based in ...").  The extractor tags encyclopedic text with a second model
// trained on CoNLL-2003 plus our own encyclopedic training text
// (ner_encyclopedic.model), and news with the CoNLL-only model, which keeps
// more persons right on modern news (docs/entities.md, "Two models").
//
// Internal header: used by common/entities/*.cpp and their unit tests.
#pragma once

#include "common/entities/word_lists.h"

#include <string_view>
#include <vector>

namespace newsdex::entities {

enum class TextDomain { News, Encyclopedic };

/// Encyclopedic when one of the first two sentences with lower-case letters
/// is a definition (a copula "is/was/are/were" among its first 12 tokens,
/// not first, an aside in brackets not counted, after words that name a
/// subject (one capitalised or a number after a leading "The", the first no
/// pronoun: not "The loss was a ...", "It was a ..."), followed by "a/an/the/one" or
/// by one to three capitalised words + "'s": "NHK is Japan 's public
/// broadcaster", "Ann Carrow ( 1921 - 2003 ) was a ..."; not a sentence that
/// opens with a bracket) or the text has "(born" / "(died", and it has no
/// mark of news: no word of W.news_cue_words ("Reuters", "pct", a weekday
/// not before a day's number) and no ISO date ("1996-08-22") anywhere, no
/// word of W.reporting_words ("said", "today") in the first three sentences
/// with lower-case letters, nor in a third or more of them (long
/// encyclopedic articles use "said" and "today" too, later and thinly).
/// News otherwise, and always when the first sentence opens "Following ..."
/// or "Here ..." (wire copy: "Following is the text of a statement ...").
/// Tokens as the tagger sees them (sentences of words).
TextDomain guess_domain(const std::vector<std::vector<std::string_view>>& doc, const WordLists& W);

}  // namespace newsdex::entities
