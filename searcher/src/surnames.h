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
/// (and a slug of one or two words by itself), with article counts, from
/// the person terms of `db`, the combined database: its term list and
/// frequencies span every shard, local or remote, so the same person terms
/// name the same person whether in one database, its shards or several.
/// (The terms themselves may differ: archive-level resolution, which links
/// a lone surname to a full name, is per database: docs/entities.md.)
///
/// Two ways, with the same answers: when every shard holds the XW terms
/// (schema 4, schema.h: kSurnameTermsKey), person() reads the bearers of
/// the one key it is asked about (a prefix of the term list); otherwise the
/// constructor scans every person term once (a database indexed before
/// schema 4), which at a few hundred thousand persons costs a CLI search
/// more than its query (docs/benchmarks.md, "Surname index").  A searcher
/// builds it at its first query that may name a person by surname, once per
/// Searcher: its databases are a snapshot, and a reopened Searcher builds
/// a new one.
class SurnameIndex {
  public:
    /// `by_terms`: every shard of `db` holds the XW terms (has_surname_terms).
    explicit SurnameIndex(const Xapian::Database& db, bool by_terms = false);

    /// Whether every one of `shards` was written with the XW terms.
    static bool has_surname_terms(const std::vector<Xapian::Database>& shards);

    /// The person slug (no XP prefix) `q` names, or "" (see above).
    std::string person(const SurnameQuery& q, double share = kSurnameShare,
                       double word_share = kSurnameWordShare) const;

  private:
    struct Bearers {
        Xapian::doccount all = 0;   ///< articles naming a bearer, summed over bearers
        Xapian::doccount best = 0;  ///< the most frequent bearer's articles
        std::string person;         ///< its slug
    };
    /// The bearers of `key` read from the XW terms.
    Bearers bearers_by_terms(const std::string& key) const;

    std::unordered_map<std::string, Bearers> by_surname_;  ///< scanned (not by terms)
    Xapian::Database db_;                                  ///< read by person() when by terms
    bool by_terms_ = false;
};

/// Whether `word` (a slug of one word) is the first word of the slug of a
/// person `db` knows ("john" of john-smith): one prefix of the term list.
/// A title word ("minister", "chairman") is no one's, nor an honorific
/// ("ms", "dr"), even where a person id starts with one ("ms-dos").
bool is_first_name(const Xapian::Database& db, const std::string& word);

}  // namespace newsdex
