// The statistical named-entity tagger behind EntityExtractor: an averaged
// perceptron over hashed features with first-order Viterbi decoding of BIO
// tags for the four CoNLL-2003 types (PER, ORG, LOC, MISC).  The model file
// and the gazetteer lists live in common/data/ and are produced by
// tools/ner_train.cpp (newsdex-ner-train); see docs/entities.md.
//
// Internal header: used by common/entities/*.cpp and tools/ner_train.cpp.
#pragma once

#include "common/schema/fnv.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace newsdex::ner {

// Tags: O, then B/I for each type.
enum : int { kO = 0, kBPer, kIPer, kBOrg, kIOrg, kBLoc, kILoc, kBMisc, kIMisc, kNumTags };
const char* tag_name(int tag);                                           ///< "O", "B-PER", ...
int tag_from_name(std::string_view name);                                ///< -1 when unknown
inline int tag_type(int tag) { return tag == kO ? -1 : (tag - 1) / 2; }  ///< 0 PER,1 ORG,2 LOC,3 MISC
inline bool tag_is_begin(int tag) { return tag != kO && (tag - 1) % 2 == 0; }
const char* type_name(int type);  ///< "PER", "ORG", "LOC", "MISC"

/// 64-bit FNV-1a (schema/fnv.h) of `s`, continuing from `h`.
inline std::uint64_t hash_bytes(std::uint64_t h, std::string_view s) { return fnv::hash(s, h); }
inline std::uint64_t hash_mix(std::uint64_t a, std::uint64_t b) {
    std::uint64_t h = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    h ^= h >> 31;
    h *= 0x7fb5d329728ea185ULL;
    h ^= h >> 27;
    return h;
}
inline std::uint64_t hash_str(std::string_view s) { return fnv::hash(s); }
/// The key of feature template `tid` with value `v` (what extract_features
/// emits; the trainer recomputes the word-identity keys with it).
inline std::uint64_t feature_key(std::uint64_t tid, std::uint64_t v) { return hash_mix(tid * 0x9E3779B1ULL + 7, v); }
/// Feature templates that are the word itself (form, lower case, lower case
/// at a sentence start): what word dropout hides during training.
enum : int { kFeatForm = 2, kFeatLower = 3, kFeatInitialLower = 51 };

/// ASCII lower-casing (bytes >= 0x80 kept).
std::string ascii_lower(std::string_view s);
/// ASCII title case: a letter after a space, '-', '/', '(' or '.' (or at the
/// start) upper-cased, the other letters lower-cased ("MERRILL LYNCH" ->
/// "Merrill Lynch").  Shared by the trainer's gazetteers and the extractor's
/// display names.
std::string ascii_title_case(std::string_view s);

/// The form the tagger sees: typographic apostrophes and quotes (U+2018/19,
/// U+201C/D) become ASCII ' and ", en and em dashes (U+2013/14) '-'.  Never
/// longer than w.  `Firm’s` and `Firm's` get the same features.
std::string normalise_form(std::string_view w);
/// ascii_lower(normalise_form(w)): the key of the word lists and clusters.
std::string normalise_lower(std::string_view w);
/// True when w starts with an upper-case letter: ASCII, Latin-1, Latin
/// Extended-A, Greek or Cyrillic capitals ("Ørsted", "Łódź", "Élysée").
bool starts_upper(std::string_view w);

// Word-class flags from the gazetteer lists.
enum : std::uint32_t {
    kGzFirst = 1u << 0,      ///< common first name
    kGzFirstRare = 1u << 1,  ///< less common first name
    kGzLast = 1u << 2,       ///< common surname
    kGzLastRare = 1u << 3,
    kGzCompanyWord = 1u << 4,  ///< word frequent in company names
    kGzLegal = 1u << 5,        ///< company legal suffix (inc, corp, ltd, plc, ag ...)
    kGzTitle = 1u << 6,        ///< honorific / title (mr, president, chairman ...)
    kGzOrgWord = 1u << 7,      ///< non-company organisation keyword (ministry, university ...)
    kGzDate = 1u << 8,         ///< weekday / month
    kGzPlace = 1u << 9,        ///< one-word place name (places.txt: country, region, large city)
    kGzOrgHead = 1u << 10,     ///< head noun of organisation names (records, studios, orchestra ...)
    kGzMask = 0xFFFu,          ///< the flag bits of Lexicon::flags (the bits above hold the word's cluster)
};

/// Open-addressing hash map from 64-bit keys (hashes) to small values;
/// grows at half load.  Value V{} means absent for get().
template <typename V>
class HashMap64 {
  public:
    V& operator[](std::uint64_t k) {
        if (!k) k = 1;
        if ((size_ + 1) * 2 > keys_.size()) grow();
        std::size_t p = std::size_t(k) & (keys_.size() - 1);
        while (keys_[p] && keys_[p] != k) p = (p + 1) & (keys_.size() - 1);
        if (!keys_[p]) {
            keys_[p] = k;
            ++size_;
        }
        return vals_[p];
    }
    V get(std::uint64_t k) const {
        if (keys_.empty()) return V{};
        if (!k) k = 1;
        std::size_t p = std::size_t(k) & (keys_.size() - 1);
        while (keys_[p]) {
            if (keys_[p] == k) return vals_[p];
            p = (p + 1) & (keys_.size() - 1);
        }
        return V{};
    }
    /// Hint the CPU to load k's first probe slot (the tables are larger than the caches).
    void prefetch(std::uint64_t k) const {
        if (keys_.empty()) return;
        if (!k) k = 1;
        const std::size_t p = std::size_t(k) & (keys_.size() - 1);
        __builtin_prefetch(&keys_[p]);
        __builtin_prefetch(&vals_[p]);
    }
    void insert(std::uint64_t k) { (*this)[k] = V(1); }
    std::size_t count(std::uint64_t k) const { return get(k) != V{} ? 1 : 0; }
    std::size_t size() const { return size_; }

  private:
    void grow() {
        std::vector<std::uint64_t> ok;
        std::vector<V> ov;
        ok.swap(keys_);
        ov.swap(vals_);
        std::size_t cap = ok.empty() ? 1024 : ok.size() * 2;
        keys_.assign(cap, 0);
        vals_.assign(cap, V{});
        size_ = 0;
        for (std::size_t i = 0; i < ok.size(); ++i)
            if (ok[i]) (*this)[ok[i]] = ov[i];
    }
    std::vector<std::uint64_t> keys_;
    std::vector<V> vals_;
    std::size_t size_ = 0;
};

/// Gazetteer lists (lower-case) loaded from common/data/.
struct Lexicon {
    /// hash_str(lower word) -> kGz* flags (kGzMask) | packed word cluster << 12:
    /// one probe per word gives both.
    HashMap64<std::uint32_t> flags;
    HashMap64<std::uint8_t> company_names;     ///< hash of lower token sequence (joined by ' ')
    HashMap64<std::uint8_t> company_prefixes;  ///< every proper prefix of those
    std::size_t max_company_tokens = 0;
    std::size_t cluster_words = 0;  ///< words with a cluster (word_clusters.txt, optional)

    /// Unpacked cluster of a word given its Lexicon::flags value: (capitalisation
    /// class + 1) << 24 | path length << 16 | path bits; 0 = no cluster.
    static std::uint32_t cluster_of(std::uint32_t flags_value) {
        const std::uint32_t c = flags_value >> 12;
        return c ? ((c >> 17) << 24) | (((c >> 13) & 0xFu) << 16) | (c & 0x1FFFu) : 0;
    }
    std::uint32_t cluster(std::string_view lower) const { return cluster_of(flags.get(hash_str(lower))); }

    std::uint32_t word_flags(std::string_view lower) const { return flags.get(hash_str(lower)) & kGzMask; }
    void add_words(const std::vector<std::string>& words, std::uint32_t flag);
    /// Add a company name (any case, tokenised on spaces).
    void add_company(std::string_view name);
    /// Load first_names.txt, last_names.txt, company_words.txt, companies.txt
    /// and the built-in keyword lists from a data directory, and
    /// word_clusters.txt when present.  Throws SystemError.
    void load(const std::string& data_dir);
    /// Read "word<TAB>bits[<TAB>caps]" lines (bits: 1-16 of 0/1, only the
    /// first 13 kept; caps: capitalisation class 0-4, default 4 = unknown).
    /// Throws SystemError naming file:line on a bad line.
    void load_clusters(const std::string& path);
};

/// Read a one-entry-per-line list (blank lines and '#' comments skipped);
/// a tab ends the entry.  Throws SystemError when missing.
std::vector<std::string> read_list(const std::string& path);

/// Built-in word lists.
const std::vector<std::string>& legal_suffix_words();
const std::vector<std::string>& title_words();
const std::vector<std::string>& org_keywords();
const std::vector<std::string>& date_words();
/// Tagger-only: head nouns of organisation names beyond the company-word list.
const std::vector<std::string>& org_head_words();

/// Feature hashes of every token of a document (sentences of tokens), in
/// flat buffers (no per-token allocation).  A token with no features is
/// forced to O by the decoder.
struct DocFeatures {
    std::vector<std::uint64_t> feats;        ///< all feature hashes, token after token
    std::vector<std::uint32_t> token_begin;  ///< per token (document order) + 1: offset in feats
    std::vector<std::uint32_t> sent_begin;   ///< per sentence + 1: index of its first token
    std::size_t sentences() const { return sent_begin.empty() ? 0 : sent_begin.size() - 1; }
    std::size_t tokens(std::size_t s) const { return sent_begin[s + 1] - sent_begin[s]; }
    const std::uint64_t* begin(std::size_t s, std::size_t t) const {
        return feats.data() + token_begin[sent_begin[s] + t];
    }
    const std::uint64_t* end(std::size_t s, std::size_t t) const {
        return feats.data() + token_begin[sent_begin[s] + t + 1];
    }

    /// Per token (document order): hash of the lower-case word when the token
    /// is a capitalised word that can be part of a name (has features, not a
    /// title or date word), else 0.  Used by the document-level consistency pass.
    std::vector<std::uint64_t> name_key;
    /// Tags of the whole document after the consistency pass, filled by the
    /// first Model::decode() call after extract_features() (not thread-safe:
    /// one DocFeatures per thread, as before).
    mutable std::vector<std::vector<int>> doc_tags;
    mutable bool doc_tagged = false;
};
/// tag_caps = false: tokens of ALL-CAPS sentences get no features (forced O).
void extract_features(const std::vector<std::vector<std::string_view>>& doc, const Lexicon& lex, DocFeatures& out,
                      bool tag_caps = true);

/// The weights.
class Model {
  public:
    /// Dense scores per tag for one token.
    using Scores = std::array<std::int32_t, kNumTags>;

    void load(const std::string& path);  ///< throws SystemError
    bool empty() const { return table_.empty(); }

    /// Tags of one sentence, after the document-level consistency pass:
    /// the first call for a DocFeatures tags every sentence (decode_sentence)
    /// and then runs propagate_names(); later calls return the stored result.
    std::vector<int> decode(const DocFeatures& doc, std::size_t sentence) const;
    /// Best tag sequence for one sentence on its own (first pass).
    std::vector<int> decode_sentence(const DocFeatures& doc, std::size_t sentence) const;

    /// Build from trained float weights (trainer): keys[i] has weights w[i*kNumTags..],
    /// trans[(prev+1)*kNumTags + cur].  Features with max |w| below
    /// `prune` (relative to the largest weight) are dropped.
    void build(const std::vector<std::uint64_t>& keys, const std::vector<float>& w, const std::vector<float>& trans,
               double prune);
    void save(const std::string& path) const;  ///< throws SystemError
    std::size_t size() const { return count_; }

  private:
    void index();
    const std::int16_t* find(std::uint64_t key) const;
    /// Scores of the tokens [tb, te) (document order) into out[0 .. te - tb).
    void score_tokens(const DocFeatures& doc, std::size_t tb, std::size_t te, Scores* out) const;
    /// Viterbi over the featured runs of sentence s, given its tokens' scores.
    std::vector<int> viterbi_runs(const DocFeatures& doc, std::size_t s, const Scores* scores) const;
    /// Open-addressing table entry: key and its weights in one cache line.
    struct alignas(32) Entry {
        std::uint64_t key;  ///< 0 = empty
        std::int16_t w[kNumTags];
    };
    /// Per slot of table_: 16 bits of its key (0 = empty slot).  Probing
    /// this small array (256 KB) instead of table_ (4 MB) keeps the lookups
    /// of features the model does not know (most of them) in the cache; the
    /// full key is still compared before a hit.
    static std::uint16_t tag_of(std::uint64_t key) { return std::uint16_t((key >> 48) | 1u); }
    std::vector<std::uint16_t> tags_;
    std::vector<Entry> table_;
    std::vector<std::int16_t> weights_;  ///< dense rows in ordered_keys_ order (for save)
    std::vector<std::uint64_t> ordered_keys_;
    std::array<std::int32_t, (kNumTags + 1) * kNumTags> trans_{};
    std::size_t count_ = 0;
    std::uint64_t mask_ = 0;
};

/// Document-level label consistency (second pass over first-pass tags):
/// a run of capitalised words left untagged whose words are exactly a
/// PER/ORG name tagged elsewhere in the document gets that type (only when
/// the document never tags that string as another type), and a lone
/// capitalised word that is the first or last word of a multi-word person
/// elsewhere is that person ("Xi told ..." after "Xi Jinping").
void propagate_names(const DocFeatures& doc, std::vector<std::vector<int>>& tags);

/// True when the transition prev -> cur is allowed in BIO (prev -1 = start).
bool transition_allowed(int prev, int cur);

/// Viterbi over dense per-token scores; shared by Model::decode and the trainer.
std::vector<int> viterbi(const std::vector<std::array<float, kNumTags>>& scores,
                         const float* trans /* (kNumTags+1)*kNumTags */);

}  // namespace newsdex::ner
