// Stable ids for records that carry none: derived from the article itself,
// never from where or how it was read, so re-reading the same record (from a
// moved folder, a mounted copy or standard input) gives the same id.
#include "common/ingest/reader_common.h"
#include "common/ingest/sha256.h"
#include "common/text/utf8.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace newsdex {

namespace {

/// "HTTPS://Example.COM/a/b?x=1#top" -> "https://example.com/a/b?x=1"; empty
/// when the text is not an absolute http(s) URL with a host (then it says
/// nothing about which article this is, and the digest is used instead).
std::string canonical_url(std::string_view url) {
    url = utf8::trim(url);
    std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return {};
    std::string scheme = ascii::lower(url.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") return {};
    std::size_t host_start = scheme_end + 3;
    std::size_t host_end = url.find_first_of("/?#", host_start);
    if (host_end == std::string_view::npos) host_end = url.size();
    if (host_end == host_start) return {};
    for (char c : url)
        if (static_cast<unsigned char>(c) <= ' ') return {};  // whitespace inside: not one URL
    std::string_view rest = url.substr(host_end);
    rest = rest.substr(0, rest.find('#'));  // a fragment points into the same page
    std::string out = scheme + "://" + ascii::lower(url.substr(host_start, host_end - host_start));
    out += rest.empty() ? std::string_view("/") : rest;
    return out;
}

std::string hex(const std::uint8_t* bytes, std::size_t n) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += kHex[bytes[i] >> 4];
        out += kHex[bytes[i] & 15];
    }
    return out;
}

/// Length-prefixed, so that no choice of field contents can make two
/// different articles feed the same bytes to the digest.
void add_field(Sha256& sha, std::string_view value) {
    sha.update(std::to_string(value.size()));
    sha.update(":");
    sha.update(value);
}

}  // namespace

std::string derived_id(const Article& a) {
    if (std::string url = canonical_url(a.url); !url.empty()) return url;
    // The body joins the digest only when title or date is missing: with both,
    // source + date + title name the story, so a corrected re-publication of it
    // replaces the earlier version instead of adding a near-copy.
    const bool with_body = a.title.empty() || !a.date;
    Sha256 sha;
    add_field(sha, with_body ? "newsdex-id-v1+body" : "newsdex-id-v1");
    add_field(sha, a.source);
    add_field(sha, a.date ? a.date->iso8601() : std::string());
    add_field(sha, a.title);
    if (with_body) add_field(sha, a.body);
    auto digest = sha.finish();
    return "sha256:" + hex(digest.data(), 16);  // 128 bits: collisions are out of reach for any archive
}

namespace detail {

std::string sha256_hex(std::string_view data) {
    Sha256 sha;
    sha.update(data);
    auto digest = sha.finish();
    return hex(digest.data(), digest.size());
}

}  // namespace detail

}  // namespace newsdex
