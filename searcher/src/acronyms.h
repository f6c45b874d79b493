// Acronyms in queries (docs/ranking.md): a query of plain words holding an
// acronym's long form ("gross national product") also matches the acronym
// (GNP), and one holding the acronym also matches the long form as a phrase.
// The list is common/data/acronyms.txt, compiled in.
#pragma once

#include "query_parser.h"

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

struct Acronym {
    std::string acronym;                 ///< folded, e.g. "gnp"
    std::vector<std::string> long_form;  ///< folded words, e.g. gross, national, product
};

/// Acronyms from `text` (acronyms.txt's format: acronym TAB long form, '#'
/// comments).
std::vector<Acronym> parse_acronyms(const std::string& text);

/// The shipped list (common/data/acronyms.txt).
const std::vector<Acronym>& shipped_acronyms();

/// The index terms of a folded word in each language of the database, in
/// the order of the languages (one per language, repeats kept).
using StemsOf = std::function<std::vector<std::string>(const std::string&)>;

/// What with_acronyms found: the acronyms added (for --explain).
struct AcronymMatch {
    Xapian::Query query;
    /// The same clauses ORed: what the OR fallback relaxes the query to, so
    /// that an article holding only the acronym stays a match.
    Xapian::Query any_word;
    std::vector<std::string> added;  ///< "gnp = gross national product"
};

/// The AND of `words` (a query of plain words) with each run of words
/// spelling an acronym's long form ORed with the acronym (its weight
/// scaled by `long_weight`), and each word that is an acronym ORed with its
/// long form as a phrase (its weight scaled by `short_weight`); repeated
/// clauses count once, as in the parser (combine()).  `added` empty and
/// the queries unset when no acronym applies.
AcronymMatch with_acronyms(const std::vector<RankingWord>& words, const std::vector<Acronym>& acronyms,
                           const StemsOf& stems_of, double long_weight, double short_weight);

}  // namespace newsdex
