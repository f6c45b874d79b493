// Stable ids for records that carry none: derived from the article itself,
// never from where or how it was read, so re-reading the same record (from a
// moved folder, a mounted copy or standard input) gives the same id.
#include "common/ingest/reader_common.h"
#include "common/text/utf8.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace newsdex {

namespace {

/// SHA-256 (FIPS 180-4).  Small and dependency-free: the digest only has to be
/// the same on every machine and for every build, not fast.
class Sha256 {
  public:
    void update(std::string_view data) {
        for (char ch : data) {
            block_[fill_++] = static_cast<std::uint8_t>(ch);
            if (fill_ == 64) {
                compress();
                fill_ = 0;
            }
        }
        length_ += data.size();
    }

    std::array<std::uint8_t, 32> finish() {
        std::uint64_t bits = length_ * 8;
        update(std::string_view("\x80", 1));
        while (fill_ != 56) update(std::string_view("\0", 1));
        for (int i = 7; i >= 0; --i) block_[fill_++] = static_cast<std::uint8_t>(bits >> (i * 8));
        compress();
        std::array<std::uint8_t, 32> out{};
        for (int i = 0; i < 8; ++i)
            for (int b = 0; b < 4; ++b) out[i * 4 + b] = static_cast<std::uint8_t>(h_[i] >> (24 - 8 * b));
        return out;
    }

  private:
    static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

    void compress() {
        static constexpr std::uint32_t k[64] = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = static_cast<std::uint32_t>(block_[i * 4]) << 24 |
                   static_cast<std::uint32_t>(block_[i * 4 + 1]) << 16 |
                   static_cast<std::uint32_t>(block_[i * 4 + 2]) << 8 | block_[i * 4 + 3];
        for (int i = 16; i < 64; ++i) {
            std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
        for (int i = 0; i < 64; ++i) {
            std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
            std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h_[0] += a;
        h_[1] += b;
        h_[2] += c;
        h_[3] += d;
        h_[4] += e;
        h_[5] += f;
        h_[6] += g;
        h_[7] += h;
    }

    std::uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                           0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::uint8_t block_[64] = {};
    std::size_t fill_ = 0;
    std::uint64_t length_ = 0;
};

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
