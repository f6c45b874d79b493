// The analyzer's cache of stems (see stem_cache.h).
#include "common/text/stem_cache.h"

#include <functional>
#include <utility>

namespace newsdex {

namespace {
constexpr std::size_t kFirstSlots = 1024;
}

StemCache::StemCache(std::size_t max_entries) : slots_(kFirstSlots), max_entries_(max_entries) {}

std::uint64_t StemCache::hash_of(std::string_view word) {
    const std::uint64_t h = std::hash<std::string_view>{}(word);
    return h ? h : 1;
}

/// The slot holding `word`, or the empty slot where it would go (linear probing).
std::size_t StemCache::slot_of(std::string_view word, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& s = slots_[i];
        if (s.hash == 0 || (s.hash == hash && s.word == word)) return i;
    }
}

const std::string* StemCache::find(std::string_view folded) const {
    const Slot& s = slots_[slot_of(folded, hash_of(folded))];
    return s.hash ? &s.stem : nullptr;
}

const std::string& StemCache::insert(std::string_view folded, std::string stem) {
    if (size_ >= max_entries_) clear();
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    const std::uint64_t hash = hash_of(folded);
    Slot& s = slots_[slot_of(folded, hash)];
    if (s.hash == 0) {
        s.hash = hash;
        s.word.assign(folded);
        ++size_;
    }
    s.stem = std::move(stem);
    return s.stem;
}

void StemCache::clear() {
    slots_.assign(kFirstSlots, Slot{});
    size_ = 0;
}

void StemCache::grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (Slot& s : old)
        if (s.hash) slots_[slot_of(s.word, s.hash)] = std::move(s);
}

}  // namespace newsdex
