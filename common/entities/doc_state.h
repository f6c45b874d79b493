// The state of one article as it passes through the extractor's stages
// (docs/entities.md, "Pipeline"):
//   read_document (Reuters marks hidden, tokens, tagger)  -> stage_tagging.cpp
//   repair_tags                                           -> stage_tagging.cpp
//   build_mentions (clean-up and noise filters)           -> stage_mentions.cpp
//   add_mark_mentions (Reuters <Name> and <TICKER>)       -> stage_reuters_marks.cpp
//   cluster_mentions, link_text_aliases, match_headlines  -> stage_clusters.cpp
//   build_entities (filters, company or not, names)       -> stage_classify.cpp
//   merge_metadata                                        -> stage_metadata.cpp
//
// Internal header: used by common/entities/*.cpp and their unit tests.
#pragma once

#include "common/ingest/article.h"
#include "common/entities/entities.h"
#include "common/entities/extractor_data.h"
#include "common/entities/tokenise.h"

#include <list>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::entities {

/// Mention types of the stages (the tagger's PER / ORG).
enum class MentionType { Person = 0, Org = 1 };

/// A Reuters mark: <Woodco Inc> (a company name) or <BAC> (a ticker).
struct Mark {
    std::size_t b = 0, e = 0;  ///< byte offsets of the inside of the brackets
    bool ticker = false;
};

struct Mention {
    std::size_t b = 0, e = 0;        ///< byte offsets
    std::vector<std::string> words;  ///< surface tokens
    MentionType type = MentionType::Person;
    bool company_mark = false;             ///< from a Reuters <Name> mark (or a ticker)
    std::size_t sent = 0, tb = 0, te = 0;  ///< sentence and token range (tb == te: none)
    int cluster = -1;
    std::string forced_name;  ///< display name from a ticker table
    std::string surface;      ///< text as written (whitespace normalised)
};

struct Cluster {
    MentionType type = MentionType::Person;
    std::vector<std::size_t> mentions;
    std::vector<std::string> full;  ///< tokens of the longest form (legal suffix stripped for orgs)
    std::set<std::string> extra_aliases;
    /// Initials of its mentions as written, legal suffixes included
    /// ("American Motors Corp" -> "amc"): a text tie for an acronym mention.
    std::set<std::string> acronyms;
    bool company_mark = false;
    int parent = -1;  ///< union-find
};

/// One article in the pipeline.  Not copyable or movable: `doc` views `work`.
struct DocState {
    DocState() = default;
    DocState(const DocState&) = delete;
    DocState& operator=(const DocState&) = delete;

    std::string text;  ///< title + "\n\n" + body: all offsets point into it
    std::string work;  ///< text with Reuters mark brackets and tickers blanked (what the tagger sees)
    std::vector<Mark> marks;
    Tokenised tk;  ///< tokens of `work`
    /// Tokens per sentence: views into `work`, or into `normalised` for tokens
    /// with typographic quotes, apostrophes or dashes ("Firm’s" -> "Firm", "'s").
    std::vector<std::vector<std::string_view>> doc;
    std::list<std::string> normalised;  ///< a list: stable addresses, and no allocation while empty (most articles)
    /// The tagger runs only on English text; other languages get alias-table,
    /// gazetteer and Reuters-mark entities only.
    bool english = true;
    int year = 0;  ///< the article's year (0: unknown), for the ticker table's age
    /// Which model tagged the text (guess_domain, domain.h); some encyclopedic
    /// rules run only on encyclopedic text.
    TextDomain domain = TextDomain::News;
    std::vector<char> caps_sentence;     ///< ALL-CAPS sentence (headline)
    std::vector<std::vector<int>> tags;  ///< ner::k* per token
    /// Hashes of the words used in lower case (not sentence-initially): an
    /// open-addressing set (power-of-two size, 0 = empty slot), built from
    /// `doc` by the first used_in_lower_case() call (many articles never ask).
    mutable std::vector<std::uint64_t> lower_hashes;
    mutable bool lower_hash_zero = false;  ///< a word whose hash is 0 (the empty-slot value) is in the set
    mutable bool lower_words_indexed = false;
    std::vector<Mention> mentions;
    std::vector<std::pair<std::size_t, std::string>> ticker_alias;  ///< mention index, ticker
    std::vector<Cluster> clusters;
    std::vector<Entity> entities;

    /// The article uses w in lower case (not sentence-initially).
    bool used_in_lower_case(std::string_view w) const;
    /// text[b, e) with whitespace runs collapsed to one space.
    std::string surface_of(std::size_t b, std::size_t e) const;
    /// The Reuters mark overlapping [b, e), if any.
    const Mark* in_mark(std::size_t b, std::size_t e) const;
    /// Union-find over clusters.
    int find(int c) const;
    void unite(int a, int b);

  private:
    void index_lower_words() const;  ///< fill lower_hashes from doc
};

// The stages, in order (see above).
/// Blank Reuters marks in `st.work` (tickers entirely) and record them in `st.marks`.
void hide_reuters_marks(DocState& st);
void read_document(const ExtractorData& data, const Article& article, DocState& st);
void repair_tags(const ExtractorData& data, DocState& st);
/// repair_tags' rules for encyclopedic text (stage_encyclopedic.cpp): ships,
/// works, military units, "X and the Ys" bands, clubs after "plays for",
/// institutions ("General Synod", encyclopedic text only).
void repair_encyclopedic_tags(const ExtractorData& data, DocState& st);
/// Words [a, z) of a sentence are a band's name with its "The": "The
/// Lanterns were a Scottish indie pop band" (stage_encyclopedic.cpp).
bool band_subject(const WordLists& words, const std::vector<std::string_view>& d, std::size_t a, std::size_t z);
void build_mentions(const ExtractorData& data, DocState& st);
void add_mark_mentions(const ExtractorData& data, DocState& st);
void cluster_mentions(const ExtractorData& data, DocState& st);
void link_text_aliases(const ExtractorData& data, DocState& st);
void match_headlines(const ExtractorData& data, DocState& st);
void build_entities(const ExtractorData& data, DocState& st);
void merge_metadata(const ExtractorData& data, const Article& article, DocState& st);
/// After the stages: the slugs of the lone capitalised words the tagger left
/// untagged that may be surnames (stage_surname_candidates.cpp), sorted, unique.
std::vector<std::string> find_surname_candidates(const ExtractorData& data, const DocState& st);

/// Is the article English?  Its language field when set, else a count of
/// function words (common/data/function_words.txt) in title and body.
bool is_english(const ExtractorData& data, const Article& article);

/// Whole pipeline (what EntityExtractor::extract runs); `surname_candidates`
/// (may be null) receives find_surname_candidates().
std::vector<Entity> run_pipeline(const ExtractorData& data, const Article& article,
                                 std::vector<std::string>* surname_candidates = nullptr);

// Shared by several stages.
/// A name that is a date or a table fragment ("Oct/Dec", "D-Conn", "III", "Class B").
bool junk_name(const WordLists& w, const std::vector<std::string>& words);
/// Key words of a mention: its words, legal suffixes stripped for organisations.
std::vector<std::string> key_words(const ExtractorData& data, const Mention& m);
std::vector<std::string> lower_words(std::vector<std::string> w);

}  // namespace newsdex::entities
