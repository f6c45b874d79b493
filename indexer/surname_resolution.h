// Archive-level resolution of bare surnames and short company names (issue 8;
// docs/entities.md, "Archive-level resolution"): a person entity that is only
// a surname ("Boesky", in an article that never gives the full name) is
// linked to the one full name the whole database uses with that last word
// ("Ivan Boesky"), and stays a surname when there is none or more than one.
// A one-word company ("AMC") is linked to the one company that some article's
// text or the alias table ties it to ("American Motors Corp (AMC)" makes
// "AMC" an alias of american-motors there), and stays itself otherwise.
//
// The builder marks such documents with a term kPrefixBareSurname + surname
// (kPrefixShortCompany + id for companies) and records the ties of each
// company it writes (kPrefixCompanyTie + alias + ":" + id).
// After every run that changes a database (indexing, deleting), one pass over
// all its shards decides each marked surname again from the documents'
// *native* person terms (not the ones a previous pass added), so the result
// depends only on which articles the database holds, never on the order in
// which they were indexed, and a later "Carl Boesky" undoes the link.
//
// Surname candidates (kPrefixSurnameCandidate + surname): lone capitalised
// words the tagger left untagged ("information provided by Boesky").  They
// follow the same rule as tagged bare surnames, with one difference: a
// candidate is no entity, so linking adds the full person to the document
// and undoing the link takes it away again (a candidate never becomes a
// facet value of its own).  The tagger's choice on a lone word thus no
// longer decides whether a document joins its person.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "common/entities/entities.h"
#include "common/schema/schema.h"

namespace newsdex {

// The marker and tie prefixes (XR, XK, XJ) are the schema's (schema.h).
using schema::kPrefixBareSurname;
using schema::kPrefixCompanyTie;
using schema::kPrefixShortCompany;
using schema::kPrefixSurnameCandidate;

/// The builder's part: the marker of a bare surname or a short company
/// (one-word id, named only by one-word forms in this article) and the ties
/// of a company to its one-word aliases.
void add_resolution_terms(Xapian::Document& doc, const Entity& e);
/// The builder's part for surname candidates (EntityExtractor::extract):
/// one boolean term each, kPrefixSurnameCandidate + slug.
void add_surname_candidate_terms(Xapian::Document& doc, const std::vector<std::string>& candidates);

/// A person id that is one slug word ("boesky"): a bare surname.
bool is_bare_surname(std::string_view person_id);
/// The last slug word of a person id ("ivan-boesky" -> "boesky"; "" for a one-word id).
std::string surname_of(std::string_view person_id);

/// The decision, free of Xapian: `native` maps full person ids to the number
/// of documents that name them by themselves (not through a resolution).
/// Returns, for each of `surnames`, the one full id with a positive count
/// whose last word it is; surnames with none or several are left out.
std::map<std::string, std::string> surname_targets(const std::vector<std::string>& surnames,
                                                   const std::map<std::string, std::size_t>& native);

/// For companies: `ties` maps each short company id to the ids articles tie
/// it to; the one tied id with a positive count in `native` is its link.
std::map<std::string, std::string> company_targets(const std::vector<std::string>& short_ids,
                                                   const std::map<std::string, std::vector<std::string>>& ties,
                                                   const std::map<std::string, std::size_t>& native);

struct ResolutionStats {
    std::size_t linked = 0;    ///< documents whose surname (or surname candidate) now names a full person
    std::size_t unlinked = 0;  ///< documents whose earlier link was undone (now ambiguous or gone)
    std::size_t renamed = 0;   ///< documents linked by a guess whose display name was corrected
};

/// Links guessed while a run writes its documents.  Rewriting a stored
/// document (a new link) makes Xapian read back every position of it, which
/// cost as much as building the document; a third of a news archive's
/// articles name someone by surname only.  So each document is written
/// linked already when what the run has seen so far gives its short name one
/// target, by the same rules as the pass after the run.  The guess may be
/// wrong (the full name that makes a surname ambiguous comes later): the
/// pass decides every document again and rewrites those, so the database
/// ends the same whatever the guesses were.  Thread-safe.
class LinkHints {
  public:
    /// The short names a document was linked under by guess: (entity term of
    /// the short name, e.g. XPboesky; its display name in that document).
    using Guesses = std::vector<std::pair<std::string, std::string>>;
    /// Learn the native entities, ties and display names of `doc` (as built,
    /// unlinked; `names` are its "name:" metadata entries), then link its
    /// marked short names where the run so far gives one target.
    Guesses link(Xapian::Document& doc, const std::vector<std::pair<std::string, std::string>>& names);
    /// The document linked by `guesses` is docid `docid` of shard `shard`:
    /// a guess undone by the pass gives the short name its own display name back.
    void written(unsigned shard, Xapian::docid docid, Guesses guesses);
    /// The display name document `docid` of shard `shard` gave short name
    /// `term` before a guess linked it, or nullptr.
    const std::string* name_before_guess(unsigned shard, Xapian::docid docid, const std::string& term) const;
    /// True when some document was linked to the entity term `term` (XP<id>,
    /// XC<id>) under a display name other than `name`.
    bool used_other_name(const std::string& term, const std::string& name) const;

  private:
    // Hash tables: every document's entities are looked up here, under the
    // lock both writers share; no decision depends on their order.
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::set<std::string>> bearers_;  ///< surname -> full person ids named natively
    std::unordered_set<std::string> companies_;                       ///< company ids named natively
    std::unordered_map<std::string, std::set<std::string>> ties_;     ///< short company id -> ids tied to it
    std::unordered_set<std::string> self_named_;          ///< short ids some article names as a company itself
    std::unordered_map<std::string, std::string> names_;  ///< entity term -> a display name seen
    std::unordered_map<std::string, std::set<std::string>> names_used_;  ///< entity term -> names written in links
    std::map<std::pair<unsigned, Xapian::docid>, Guesses> guessed_;      ///< (shard, docid) -> its guesses
    std::string scratch_;  ///< a key being looked up (under the lock)
};

/// Re-decide every bare surname and short company of the database made of
/// `shards` and rewrite the documents whose link changes (entity term, value
/// slot, stored persons/companies).  `hints` (may be null): the run's guesses,
/// whose display names are checked against the final ones.  The caller
/// commits.  Throws Xapian::Error.
ResolutionStats resolve_surnames(std::vector<Xapian::WritableDatabase>& shards, const LinkHints* hints = nullptr);

}  // namespace newsdex
