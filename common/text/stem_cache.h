// The analyzer's cache of stems: folded word -> stem, for one language.
//
// Every word of every article is looked up here (a few hundred per article),
// and a news archive's vocabulary is large enough that most lookups miss the
// CPU caches.  std::unordered_map cost a division (prime bucket count) and
// two dependent memory reads (bucket, then node) per word, 5% of the
// indexer's CPU; this table is open-addressed over a power-of-two array whose
// slots hold the hash, the word and its stem, so a lookup is one mask and
// usually one read.  It only remembers: the stem of a word never depends on
// what the cache holds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

class StemCache {
  public:
    /// At most `max_entries` words are kept; one more empties the cache
    /// (news vocabularies grow without bound over the years).
    explicit StemCache(std::size_t max_entries = 393216);

    /// The stem of `folded`, or nullptr when not cached.  Valid until the
    /// next insert or clear.
    const std::string* find(std::string_view folded) const;
    /// Remember `stem` for `folded` (not cached yet) and return the stored stem
    /// (valid until the next insert or clear).
    const std::string& insert(std::string_view folded, std::string stem);

    std::size_t size() const { return size_; }
    void clear();

  private:
    struct Slot {
        std::uint64_t hash = 0;  ///< of the word; 0 marks an empty slot (a word hashing to 0 is stored as 1)
        std::string word, stem;
    };
    static std::uint64_t hash_of(std::string_view word);
    std::size_t slot_of(std::string_view word, std::uint64_t hash) const;
    void grow();

    std::vector<Slot> slots_;  ///< a power of two long, at most 3/4 full
    std::size_t size_ = 0;
    std::size_t max_entries_;
};

}  // namespace newsdex
