// A query word that is a person's surname ("volcker", "prime minister
// thatcher") names that person for the re-ranking step (rerank.h), as a run
// of two to four words naming a person or company does: journalists type a
// known person by surname alone (docs/ranking.md, "Surnames").
//
// A word (or two, "de clercq") names the person when the database knows one
// person by it for practical purposes: the most frequent person whose slug
// ends in the word (or is the word, a mononym such as "subroto") is named in
// at least kSurnameShare of the articles naming any such person, and in at
// least kSurnameWordShare of the articles holding the word, so that a word
// that is also someone's surname ("steel" for David Steel, "price" for
// Peter Price) names no one.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// The most frequent bearer's share of the articles naming any bearer of
/// the surname (a lone surname the extractor could not attach to a full
/// name counts as a bearer): below it the surname is ambiguous ("baker":
/// James Baker, Howard Baker) and names no one.
inline constexpr double kSurnameShare = 0.8;

/// The most frequent bearer's articles over the articles holding the word:
/// below it the word is mostly a word ("steel", "price"), not the name.
inline constexpr double kSurnameWordShare = 0.3;

/// A word (or two) of a query to look up as a surname.
struct SurnameQuery {
    std::string slug;                    ///< the words' slug (entity_slug), as person slugs end
    Xapian::doccount word_articles = 0;  ///< articles holding the word(s) (the least of its words)
};

/// Every person the database knows by its last one and two slug words
/// (and a slug of one or two words by itself), with article counts.  Built
/// from one scan of the person terms of `db`, the combined database: its
/// term list and frequencies span every shard, local or remote, so several
/// databases give what one database holding everything gives.  A searcher
/// builds it once and again only when the databases changed (stale()).
class SurnameIndex {
  public:
    SurnameIndex() = default;
    explicit SurnameIndex(const Xapian::Database& db);

    /// Whether `db` changed since the index was built (or it never was):
    /// its document count, last docid or total length differ.
    bool stale(const Xapian::Database& db) const;

    /// The person slug (no XP prefix) `q` names, or "" (see above).
    std::string person(const SurnameQuery& q, double share = kSurnameShare,
                       double word_share = kSurnameWordShare) const;

  private:
    struct Bearers {
        Xapian::doccount all = 0;   ///< articles naming a bearer, summed over bearers
        Xapian::doccount best = 0;  ///< the most frequent bearer's articles
        std::string person;         ///< its slug
    };
    std::unordered_map<std::string, Bearers> by_surname_;
    bool built_ = false;
    // What the databases held when it was built.
    Xapian::doccount doccount_ = 0;
    Xapian::docid lastdocid_ = 0;
    Xapian::totallength length_ = 0;
};

}  // namespace newsdex
