// 64-bit FNV-1a: the one hash of the code base, header-only so that the
// tagger (newsdex_ner) uses it without linking the schema library.
//   - schema::fnv1a64 (shard routing, id digests, content hashes) starts from
//     schema::kFnvBasis, which is stored on disk (schema.h says why it is
//     not kOffsetBasis);
//   - the tagger's feature and word hashes (common/entities/) start from
//     kOffsetBasis; the shipped model (ner.model) is keyed by them.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsdex::fnv {

/// FNV's 64-bit offset basis.
inline constexpr std::uint64_t kOffsetBasis = 14695981039346656037ULL;
/// FNV's 64-bit prime.
inline constexpr std::uint64_t kPrime = 1099511628211ULL;

/// One FNV-1a step: `h` continued by byte `c`.
constexpr std::uint64_t step(std::uint64_t h, unsigned char c) { return (h ^ c) * kPrime; }

/// `h` continued by the bytes of `data`.
constexpr std::uint64_t hash(std::string_view data, std::uint64_t h = kOffsetBasis) {
    for (char c : data) h = step(h, static_cast<unsigned char>(c));
    return h;
}

}  // namespace newsdex::fnv
