#include "common/schema/doc_columns.h"

#include "common/schema/schema.h"
#include "newsdex/error.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>

namespace newsdex {

namespace {

// 002: document lengths added; 003: the shard's UUID; 004: body digests.
constexpr char kMagic[8] = {'N', 'D', 'X', 'F', 'C', '0', '0', '4'};
/// A file of the previous format loads, without body digests: the searcher
/// then reads bodies to fold copies, as before, rather than rebuilding the
/// columns at every open until the indexer runs again.
constexpr char kMagic003[8] = {'N', 'D', 'X', 'F', 'C', '0', '0', '3'};

/// A digest value (kBodyDigestBytes raw bytes) as two words; {0, 0} when
/// the value is not one.
std::pair<std::uint64_t, std::uint64_t> digest_words(const std::string& value) {
    if (value.size() != schema::kBodyDigestBytes) return {0, 0};
    std::uint64_t w[2] = {0, 0};
    for (std::size_t i = 0; i < schema::kBodyDigestBytes; ++i)
        w[i / 8] = w[i / 8] << 8 | static_cast<unsigned char>(value[i]);
    return {w[0], w[1]};
}

EntityRows build_rows(const Xapian::Database& db, std::string_view prefix) {
    EntityRows rows;
    Xapian::docid last = db.get_lastdocid();
    std::vector<std::pair<Xapian::docid, std::uint32_t>> pairs;
    std::string p(prefix);
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
        auto ord = static_cast<std::uint32_t>(rows.slugs.size());
        rows.slugs.push_back((*t).substr(p.size()));
        for (auto d = db.postlist_begin(*t); d != db.postlist_end(*t); ++d) pairs.emplace_back(*d, ord);
    }
    rows.offsets.assign(static_cast<std::size_t>(last) + 2, 0);
    for (const auto& [docid, ord] : pairs) ++rows.offsets[docid + 1];
    for (std::size_t i = 1; i < rows.offsets.size(); ++i) rows.offsets[i] += rows.offsets[i - 1];
    rows.values.resize(pairs.size());
    std::vector<std::uint32_t> fill(rows.offsets.begin(), rows.offsets.end() - 1);
    for (const auto& [docid, ord] : pairs) rows.values[fill[docid]++] = ord;
    return rows;
}

template <typename T>
void put(std::ostream& out, const T& v) {
    out.write(reinterpret_cast<const char*>(&v), sizeof v);
}
template <typename T>
void put_vector(std::ostream& out, const std::vector<T>& v) {
    put<std::uint64_t>(out, v.size());
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}
void put_rows(std::ostream& out, const EntityRows& rows) {
    put<std::uint64_t>(out, rows.slugs.size());
    for (const auto& s : rows.slugs) {
        put<std::uint32_t>(out, static_cast<std::uint32_t>(s.size()));
        out.write(s.data(), static_cast<std::streamsize>(s.size()));
    }
    put_vector(out, rows.offsets);
    put_vector(out, rows.values);
}

template <typename T>
bool get(std::istream& in, T& v) {
    return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof v));
}
/// Bytes left in `in` (a file), so that no length read from it can make us
/// allocate more than the file holds.
std::uint64_t bytes_left(std::istream& in) {
    auto here = in.tellg();
    in.seekg(0, std::ios::end);
    auto end = in.tellg();
    in.seekg(here);
    return here < 0 || end < here ? 0 : static_cast<std::uint64_t>(end - here);
}
template <typename T>
bool get_vector(std::istream& in, std::vector<T>& v) {
    std::uint64_t n;
    if (!get(in, n) || n > bytes_left(in) / sizeof(T)) return false;
    v.resize(n);
    return static_cast<bool>(in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}
bool get_rows(std::istream& in, EntityRows& rows) {
    std::uint64_t n;
    if (!get(in, n) || n > bytes_left(in) / sizeof(std::uint32_t)) return false;
    rows.slugs.resize(n);
    for (auto& s : rows.slugs) {
        std::uint32_t len;
        if (!get(in, len) || len > 4096) return false;
        s.resize(len);
        if (!in.read(s.data(), len)) return false;
    }
    if (!get_vector(in, rows.offsets) || !get_vector(in, rows.values)) return false;
    // Consistency: offsets ascend and stay within values.
    if (rows.offsets.empty() || rows.offsets.back() != rows.values.size()) return false;
    for (auto v : rows.values)
        if (v >= rows.slugs.size()) return false;
    return true;
}

}  // namespace

ShardColumns ShardColumns::build(const Xapian::Database& shard) {
    ShardColumns columns;
    columns.revision = shard.get_revision();
    columns.uuid = shard.get_uuid();
    columns.companies = build_rows(shard, schema::kPrefixCompany);
    columns.persons = build_rows(shard, schema::kPrefixPerson);
    columns.days.assign(static_cast<std::size_t>(shard.get_lastdocid()) + 1, 0);
    for (auto v = shard.valuestream_begin(schema::kSlotDate); v != shard.valuestream_end(schema::kSlotDate); ++v)
        columns.days[v.get_docid()] = static_cast<std::uint32_t>(std::strtoul((*v).c_str(), nullptr, 10));
    columns.doclens.assign(static_cast<std::size_t>(shard.get_lastdocid()) + 1, 0);
    for (auto p = shard.postlist_begin(""); p != shard.postlist_end(""); ++p) columns.doclens[*p] = p.get_doclength();
    const auto digests_begin = shard.valuestream_begin(schema::kSlotBodyDigest);
    if (digests_begin != shard.valuestream_end(schema::kSlotBodyDigest)) {
        columns.body_digests.assign(2 * (static_cast<std::size_t>(shard.get_lastdocid()) + 1), 0);
        for (auto v = digests_begin; v != shard.valuestream_end(schema::kSlotBodyDigest); ++v) {
            const auto [high, low] = digest_words(*v);
            columns.body_digests[2 * v.get_docid()] = high;
            columns.body_digests[2 * v.get_docid() + 1] = low;
        }
    }
    return columns;
}

std::optional<ShardColumns> ShardColumns::load(const std::string& path, const Xapian::Database& shard) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    char magic[sizeof kMagic];
    ShardColumns columns;
    std::uint64_t rev;
    std::uint32_t uuid_size;
    if (!in.read(magic, sizeof magic)) return std::nullopt;
    const bool has_digests = std::memcmp(magic, kMagic, sizeof magic) == 0;
    if (!has_digests && std::memcmp(magic, kMagic003, sizeof magic) != 0) return std::nullopt;
    if (!get(in, rev) || rev != shard.get_revision()) return std::nullopt;
    if (!get(in, uuid_size) || uuid_size > 64) return std::nullopt;
    columns.uuid.resize(uuid_size);
    if (!in.read(columns.uuid.data(), uuid_size) || columns.uuid != shard.get_uuid()) return std::nullopt;
    columns.revision = rev;
    if (!get_rows(in, columns.companies) || !get_rows(in, columns.persons) || !get_vector(in, columns.days) ||
        !get_vector(in, columns.doclens) || (has_digests && !get_vector(in, columns.body_digests)))
        return std::nullopt;
    // The lengths weigh matches: they must describe exactly this shard.
    const std::size_t docids = static_cast<std::size_t>(shard.get_lastdocid()) + 1;
    if (columns.days.size() != docids || columns.doclens.size() != docids) return std::nullopt;
    if (!columns.body_digests.empty() && columns.body_digests.size() != 2 * docids) return std::nullopt;
    if (columns.companies.offsets.size() != docids + 1 || columns.persons.offsets.size() != docids + 1)
        return std::nullopt;
    std::uint64_t total = 0;
    for (auto len : columns.doclens) total += len;
    if (total != shard.get_total_length()) return std::nullopt;
    return columns;
}

void ShardColumns::save(const std::string& path) const {
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(kMagic, sizeof kMagic);
        put<std::uint64_t>(out, revision);
        put<std::uint32_t>(out, static_cast<std::uint32_t>(uuid.size()));
        out.write(uuid.data(), static_cast<std::streamsize>(uuid.size()));
        put_rows(out, companies);
        put_rows(out, persons);
        put_vector(out, days);
        put_vector(out, doclens);
        put_vector(out, body_digests);
        out.flush();
        if (!out) throw SystemError("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) throw SystemError("cannot write " + path);
}

}  // namespace newsdex
