// The --json document (docs/json-output.md).  Its "version" changes whenever a
// field changes meaning or disappears; new fields may be added within a version.
#include "newsdex/search.h"

#include <nlohmann/json.hpp>

namespace newsdex {

namespace {

constexpr int kJsonVersion = 1;

nlohmann::json entities(const std::vector<EntityName>& names) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : names) out.push_back({{"id", e.id}, {"name", e.name}});
    return out;
}

std::string dump(const nlohmann::json& doc) {
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json hit_json(const Hit& h) {
    nlohmann::json out = {
        {"rank", h.rank},
        {"id", h.id},
        {"title", h.title},
        {"date", h.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.date)},
        {"source", h.source},
        {"url", h.url},
        {"score", h.score},
        {"similar", h.similar},
        {"snippet", marked_snippet(h, "**", "**")},
        {"companies", entities(h.companies)},
        {"persons", entities(h.persons)},
    };
    // Only on a copy of a higher hit of the page (nothing folded): its id.
    if (!h.copy_of.empty()) out["copy_of"] = h.copy_of;
    // Only when asked for (--explain): the parts that add up to "score".
    if (!h.explanation.empty()) {
        nlohmann::json parts = nlohmann::json::array();
        for (const auto& p : h.explanation)
            parts.push_back({{"kind", p.kind}, {"detail", p.detail}, {"value", p.value}});
        out["explain"] = std::move(parts);
    }
    return out;
}

/// {company: [...], person: [...]}; `archive`: say each entity's archive count.
nlohmann::json entity_lists_json(const EntityLists& lists, bool archive) {
    auto list = [archive](const std::vector<RelatedEntity>& entities) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : entities) {
            nlohmann::json entity = {{"id", e.id}, {"name", e.name}, {"count", e.count}, {"score", e.score}};
            if (archive) entity["archive"] = e.archive_count;
            out.push_back(std::move(entity));
        }
        return out;
    };
    return {{"company", list(lists.companies)}, {"person", list(lists.persons)}};
}

nlohmann::json trends_json(const Trends& trends) {
    nlohmann::json series = nlohmann::json::array();
    for (const auto& s : trends.series)
        series.push_back(
            {{"type", entity_kind_name(s.type)},
             {"id", s.id},
             {"name", s.name},
             {"total", s.total},
             {"counts", s.counts},
             {"peak", s.counts.empty() ? nlohmann::json(nullptr) : nlohmann::json(trends.buckets.at(s.peak))}});
    return {
        {"granularity", date_granularity_name(trends.granularity)}, {"buckets", trends.buckets}, {"series", series}};
}

/// Entity analytics, each only when asked for: documents without them stay as they were.
void add_analytics(const SearchResult& result, nlohmann::json& doc) {
    if (result.related) doc["related"] = entity_lists_json(*result.related, false);
    if (result.significant) doc["significant"] = entity_lists_json(*result.significant, true);
    if (result.trends) doc["trends"] = trends_json(*result.trends);
}

}  // namespace

std::string marked_text(const std::string& text, const std::vector<Highlight>& highlights, const std::string& open,
                        const std::string& close) {
    std::string out;
    std::size_t at = 0;
    for (const auto& h : highlights) {
        if (h.start < at || h.end > text.size() || h.start > h.end) continue;  // not in order: ignore
        out.append(text, at, h.start - at);
        out += open;
        out.append(text, h.start, h.end - h.start);
        out += close;
        at = h.end;
    }
    out.append(text, at, std::string::npos);
    return out;
}

std::string marked_snippet(const Hit& hit, const std::string& open, const std::string& close) {
    return marked_text(hit.snippet, hit.highlights, open, close);
}

std::string to_json(const SearchResult& result) {
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : result.hits) {
        hits.push_back(hit_json(h));
    }
    nlohmann::json facets = nlohmann::json::object();
    for (const auto& f : result.facets) {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& v : f.values) {
            if (f.field == FacetField::Date)
                values.push_back({{"value", v.id}, {"count", v.count}});
            else
                values.push_back({{"id", v.id}, {"name", v.name}, {"count", v.count}});
        }
        nlohmann::json facet = {{"values", values}, {"distinct", f.distinct}, {"more", f.more}};
        if (f.field == FacetField::Date) facet["granularity"] = date_granularity_name(f.granularity);
        facets[facet_field_name(f.field)] = std::move(facet);
    }
    nlohmann::json doc = {
        {"version", kJsonVersion},
        {"query", result.query},
        {"total", result.total},
        {"total_exact", result.total_exact},
        {"hits", hits},
        {"facets", facets},
        {"suggestion", result.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.suggestion)},
        {"notices", result.notices},
        {"elapsed_ms", result.elapsed_ms},
    };
    // Only when it happened: too few articles matched every word.
    if (!result.fallback.empty()) doc["fallback"] = result.fallback;
    add_analytics(result, doc);
    return dump(doc);
}

std::string to_json(const Hit& hit) { return dump(hit_json(hit)); }

std::string to_json(const StoredArticle& a) {
    nlohmann::json doc = {
        {"version", kJsonVersion},
        {"id", a.id},
        {"title", a.title},
        {"date", a.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.date)},
        {"source", a.source},
        {"url", a.url},
        {"language", a.language},
        {"authors", a.authors},
        {"companies", entities(a.companies)},
        {"persons", entities(a.persons)},
        {"organizations", entities(a.organizations)},
        {"body", a.body},
        {"body_truncated", a.body_truncated},
        {"marked_title", marked_text(a.title, a.title_highlights, "**", "**")},
        {"marked_body", marked_text(a.body, a.body_highlights, "**", "**")},
    };
    return dump(doc);
}

std::string to_json(const FieldValues& v) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& value : v.values)
        values.push_back({{"id", value.id}, {"name", value.name}, {"count", value.count}});
    nlohmann::json doc = {
        {"version", kJsonVersion}, {"field", v.field},       {"prefix", v.prefix},
        {"values", values},        {"distinct", v.distinct}, {"more", v.more},
    };
    return dump(doc);
}

}  // namespace newsdex
