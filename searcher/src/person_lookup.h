// person: values by surname, and near misses (issue 12).
//
// "person:reagan" would otherwise match only the articles where the
// extractor saw a lone "Reagan" it could not join to a full name, or the one
// Reagan an alias from "reagan" happens to name.  A one-word value is also
// taken as a surname: every person term whose last slug word it is
// ("XPronald-reagan", "XPnancy-reagan").  When nothing matches at all, the
// nearest person names (by edit distance, surname or full name) are offered
// as "did you mean".
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

struct PersonFallback {
    /// The person terms to match instead of the value's own term, most
    /// frequent first: the surname's bearers (and the value's own or
    /// alias-resolved term when it exists).  Empty: match the value's term
    /// as it is.  At most kMaxSurnameTerms.
    std::vector<std::string> terms;
    /// What to tell the user (empty: nothing): the persons matched by
    /// surname, or "no person matches ...; did you mean ...?".
    std::string notice;
};

/// The most person terms one surname expands to (the most frequent are kept).
inline constexpr std::size_t kMaxSurnameTerms = 500;

/// `typed`: the value's slug as written (entity_slug); `resolved`: after
/// alias resolution (equal to `typed` when no alias applies); `as_typed`:
/// the value as the user wrote it, for messages.  `db` is the combined
/// database (its term list spans every shard, local or remote); `metadata`
/// looks "name:" metadata up over every database searched.  A value of
/// several words whose term exists costs nothing; otherwise the person
/// terms are scanned once.
PersonFallback person_fallback(const Xapian::Database& db, const std::string& typed, const std::string& resolved,
                               const std::string& as_typed,
                               const std::function<std::string(const std::string&)>& metadata);

}  // namespace newsdex
