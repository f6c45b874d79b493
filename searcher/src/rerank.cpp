#include "rerank.h"

#include "recency.h"

#include <algorithm>

namespace newsdex {

bool reranks(const SearchRequest& request) {
    return request.sort == SortOrder::Relevance && request.recency_half_life_days > 0;
}

std::size_t rerank_depth(const SearchRequest& request) {
    const std::size_t wanted = request.offset + request.limit;
    return reranks(request) ? std::max(kRecencyDepth, wanted) : wanted;
}

void rerank(const Xapian::Database& db, const SearchRequest& request, Candidates& candidates) {
    auto& list = candidates.list;
    if (reranks(request)) apply_recency(db, list, request.recency_half_life_days);
    // The page: what is before the offset and after the limit goes.
    const std::size_t skip = std::min(request.offset - std::min(request.offset, candidates.first), list.size());
    list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(skip));
    if (list.size() > request.limit) list.resize(request.limit);
    candidates.first = std::max(candidates.first, request.offset);
}

}  // namespace newsdex
