// Entity extraction: tokenise, tag (common/entities/ner.h), clean, classify,
// resolve short mentions and aliases, merge metadata.  See docs/entities.md.
#include "common/entities/entities.h"

#include "common/data_dir.h"
#include "common/entities/ner.h"
#include "newsdex/error.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace newsdex {

const char* entity_type_name(EntityType type) {
    switch (type) {
        case EntityType::Person: return "person";
        case EntityType::Company: return "company";
        case EntityType::Organization: return "organization";
    }
    return "?";
}

// ---------------------------------------------------------------------------
// Slugs
// ---------------------------------------------------------------------------

namespace {

inline bool ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void append_utf8(std::string& out, UChar32 c) {
    char buf[4];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(buf, len, 4, c, err);
    if (!err) out.append(buf, std::size_t(len));
}

}  // namespace

std::string entity_slug(std::string_view name) {
    std::string out;
    bool sep = false;
    std::size_t run = 0;  // length of the current alnum run (in characters)
    auto put = [&](std::string_view piece) {
        if (sep && !out.empty()) out.push_back('-');
        sep = false;
        out.append(piece);
        ++run;
    };
    auto put_cp = [&](UChar32 c) {
        if (c < 0x80) {
            if (ascii_alnum((unsigned char)c)) {
                char ch = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
                put(std::string_view(&ch, 1));
            } else {
                sep = true;
                run = 0;
            }
            return;
        }
        switch (c) {
            case 0x00DF: put("ss"); return;
            case 0x00E6: case 0x00C6: put("ae"); return;
            case 0x0153: case 0x0152: put("oe"); return;
            case 0x00F8: case 0x00D8: put("o"); return;
            case 0x0111: case 0x0110: put("d"); return;
            case 0x0142: case 0x0141: put("l"); return;
            case 0x00FE: case 0x00DE: put("th"); return;
            case 0x0131: put("i"); return;
            default: break;
        }
        if (u_isalnum(c)) {
            std::string s;
            append_utf8(s, u_tolower(c));
            put(s);
        } else {
            sep = true;
            run = 0;
        }
    };
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    const std::size_t n = name.size();
    for (std::size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)name[i];
        if (b < 0x80) {
            char c = char(b);
            // Dropped without a separator: apostrophes, '&' and '.' inside
            // initials/abbreviations ("AT&T" -> "att", "I.B.M." -> "ibm").
            if (c == '\'' ) { ++i; continue; }
            if (c == '&' && i > 0 && i + 1 < n && ascii_alnum((unsigned char)name[i - 1]) &&
                ascii_alnum((unsigned char)name[i + 1])) { ++i; continue; }
            if (c == '.' && run == 1 && i + 1 < n && ascii_alnum((unsigned char)name[i + 1])) {
                ++i;
                run = 0;
                continue;
            }
            if (c == '.' && run == 1 && i > 1 && name[i - 2] == '.') { ++i; continue; }
            put_cp(b);
            if (!ascii_alnum(b)) run = 0;
            ++i;
            continue;
        }
        UChar32 c;
        int32_t j = int32_t(i);
        U8_NEXT(name.data(), j, int32_t(n), c);
        i = std::size_t(j);
        if (c < 0) { sep = true; continue; }
        if (c == 0x2019 || c == 0x2018) continue;  // curly apostrophes
        bool cjk = (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
                   (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
        if (cjk || U_FAILURE(status)) {
            if (u_isalnum(c) || cjk) {
                std::string s;
                append_utf8(s, c);
                put(s);
            } else {
                sep = true;
            }
            continue;
        }
        icu::UnicodeString decomposed;
        UErrorCode st = U_ZERO_ERROR;
        nfkd->normalize(icu::UnicodeString(c), decomposed, st);
        if (U_FAILURE(st)) continue;
        for (int32_t k = 0; k < decomposed.length();) {
            UChar32 d = decomposed.char32At(k);
            k += U16_LENGTH(d);
            if (u_charType(d) == U_NON_SPACING_MARK || u_charType(d) == U_COMBINING_SPACING_MARK) continue;
            put_cp(d);
        }
    }
    return out;
}

// ---------------------------------------------------------------------------
// Tokeniser for plain text
// ---------------------------------------------------------------------------

namespace {

/// Hash of the ASCII-lower-cased bytes of w (== ner::hash_str(lower_ascii(w))),
/// without building the lower-case string.
inline std::uint64_t lower_hash(std::string_view w, std::uint64_t h = 0xcbf29ce484222325ULL) {
    for (char c : w) {
        h ^= (unsigned char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

/// ASCII case-insensitive comparison with a lower-case literal.
inline bool iequals(std::string_view w, std::string_view lower) {
    if (w.size() != lower.size()) return false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        char c = w[i];
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

/// A set of lower-case words, looked up case-insensitively by 64-bit hash
/// (no allocation or lower-casing per lookup).
class WordSet {
  public:
    WordSet() = default;
    WordSet(std::initializer_list<const char*> words) {
        for (const char* w : words) add(w);
    }
    template <typename It>
    WordSet(It b, It e) {
        for (; b != e; ++b) add(*b);
    }
    void add(std::string_view w) { set_.insert(lower_hash(w)); }
    std::size_t count(std::string_view w) const { return set_.count(lower_hash(w)); }
  private:
    ner::HashMap64<std::uint8_t> set_;
};

struct Token {
    std::size_t b = 0, e = 0;  ///< byte offsets in the text
};

struct Tokenised {
    std::vector<Token> tokens;
    std::vector<std::pair<std::size_t, std::size_t>> sentences;  ///< token index ranges
};

const WordSet& abbreviations() {
    static const WordSet s = {
        "mr", "mrs", "ms", "dr", "prof", "inc", "corp", "co", "ltd", "jr", "sr", "st", "no", "vs", "etc",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gov",
        "sen", "rep", "gen", "col", "lt", "capt", "sgt", "adm", "messrs", "bros", "cos", "mt", "ft",
        "pty", "plc", "dept", "govt", "fig", "approx", "est", "rev", "hon", "mass", "calif", "conn",
        "fla", "ill", "pa", "tex", "va", "wash", "n.y", "d.c",
        // abbreviated first names: "Alex. Brown and Sons", "Wm. Wrigley"
        "alex", "wm", "chas", "geo", "thos", "jas", "jos", "benj", "robt"};
    return s;
}
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline bool is_upper_c(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower_c(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_digit_c(char c) { return c >= '0' && c <= '9'; }

Tokenised tokenise(std::string_view text) {
    Tokenised out;
    const std::size_t n = text.size();
    std::size_t sent_start = 0;
    auto break_sentence = [&] {
        if (out.tokens.size() > sent_start) out.sentences.push_back({sent_start, out.tokens.size()});
        sent_start = out.tokens.size();
    };
    std::size_t i = 0;
    while (i < n) {
        // Whitespace: a blank line or an indented new line ends a sentence.
        if (is_space(text[i])) {
            int newlines = 0;
            std::size_t j = i;
            while (j < n && is_space(text[j])) {
                if (text[j] == '\n') newlines++;
                ++j;
            }
            bool indented = newlines >= 1 && j >= 3 && text[j - 1] == ' ' && text[j - 2] == ' ' && text[j - 3] == ' ';
            if (newlines >= 2 || indented) break_sentence();
            i = j;
            continue;
        }
        std::size_t j = i;
        while (j < n && !is_space(text[j])) ++j;
        // Chunk [i, j): peel punctuation.
        std::size_t b = i, e = j;
        thread_local std::vector<Token> front, back;
        front.clear();
        back.clear();
        static constexpr auto kOpenPunct = [] {
            std::array<bool, 256> t{};
            for (unsigned char c : std::string_view("([{\"'`<")) t[c] = true;
            return t;
        }();
        static constexpr auto kClosePunct = [] {
            std::array<bool, 256> t{};
            for (unsigned char c : std::string_view(")]}\"',;:!?>")) t[c] = true;
            return t;
        }();
        while (b < e && kOpenPunct[(unsigned char)text[b]]) {
            // "'s" alone or "'80s" stays
            if (text[b] == '\'' && e - b > 1 && (ascii_alnum((unsigned char)text[b + 1]))) break;
            front.push_back({b, b + 1});
            ++b;
        }
        while (e > b) {
            char c = text[e - 1];
            if (kClosePunct[(unsigned char)c]) {
                back.push_back({e - 1, e});
                --e;
                continue;
            }
            if (c == '.' ) {
                std::string_view core = text.substr(b, e - 1 - b);
                bool has_inner_dot = core.find('.') != std::string_view::npos;
                bool initial = core.size() == 1 && is_upper_c(core[0]);
                if (core.empty() || (has_inner_dot && core.size() <= 6) || initial || abbreviations().count(core))
                    break;  // keep the period on the token
                back.push_back({e - 1, e});
                --e;
                continue;
            }
            break;
        }
        if (e > b) {
            // Possessive / contraction suffix.
            std::size_t len = e - b;
            if (len > 2 && text[e - 2] == '\'' && (text[e - 1] == 's' || text[e - 1] == 'S')) {
                front.push_back({b, e - 2});
                front.push_back({e - 2, e});
            } else if (len > 4 && text.substr(e - 4, 3) == "\xE2\x80\x99" && (text[e - 1] == 's' || text[e - 1] == 'S')) {
                front.push_back({b, e - 4});  // curly apostrophe: "Ma’s"
                front.push_back({e - 4, e});
            } else {
                front.push_back({b, e});
            }
        }
        for (auto& t : front) out.tokens.push_back(t);
        for (auto it = back.rbegin(); it != back.rend(); ++it) out.tokens.push_back(*it);
        // Sentence-final punctuation followed by a capital / quote / digit.
        if (!out.tokens.empty()) {
            const Token& last = out.tokens.back();
            char c = text[last.e - 1];
            bool final_punct = last.e - last.b == 1 && (c == '.' || c == '!' || c == '?');
            bool abbrev_end = false;
            if (!final_punct && c == '.' && last.e - last.b > 1) {
                std::string_view lower = text.substr(last.b, last.e - last.b - 1);
                // Company abbreviations end a sentence before a capital: "... Hathaway Inc. Buffett said"
                static const WordSet enders = {"inc", "corp", "ltd", "co", "plc", "bros", "cos"};
                abbrev_end = enders.count(lower) > 0;
            }
            if (final_punct || abbrev_end || (last.e - last.b == 1 && (c == '"' || c == '\'') &&
                                              out.tokens.size() >= 2 &&
                                              std::string_view(".!?").find(text[out.tokens[out.tokens.size() - 2].b]) !=
                                                  std::string_view::npos)) {
                std::size_t k = j;
                while (k < n && is_space(text[k])) ++k;
                if (k >= n || is_upper_c(text[k]) || text[k] == '"' || is_digit_c(text[k]) ||
                    (final_punct && text[k] == '<')) {
                    if (final_punct || (abbrev_end && k + 1 < n && is_upper_c(text[k]) && is_lower_c(text[k + 1])))
                        break_sentence();
                }
            }
        }
        if (out.tokens.size() - sent_start >= 150) break_sentence();
        i = j;
    }
    break_sentence();
    return out;
}

// ---------------------------------------------------------------------------
// Alias tables
// ---------------------------------------------------------------------------

struct AliasEntry {
    std::string id;       ///< canonical id
    std::string display;  ///< canonical display name
    std::vector<std::string> names;  ///< all names on the line
};

int type_index(EntityType t) { return int(t); }

bool is_legal_suffix(std::string_view lower) {
    static const WordSet s = {
        "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "limited",
        "plc", "ag", "sa", "s.a.", "nv", "n.v.", "bv", "b.v.", "gmbh", "llc", "l.l.c.", "lp", "l.p.",
        "spa", "s.p.a.", "ab", "asa", "oy", "oyj", "kk", "k.k.", "pty", "bhd", "srl", "cos", "cos.",
        "cie", "kgaa", "pte", "tbk", "sab", "holdings", "holding", "group", "plc.", "company"};
    return s.count(lower) > 0;
}

std::string lower_ascii(std::string_view s) { return ner::ascii_lower(s); }

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j])) ++j;
        if (j > i) out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::string join(const std::vector<std::string>& v, std::size_t b, std::size_t e, const char* sep = " ") {
    std::string r;
    for (std::size_t i = b; i < e; ++i) {
        if (i > b) r += sep;
        r += v[i];
    }
    return r;
}

/// Company name without trailing legal suffixes, leading "The" and trailing commas.
std::string strip_company(std::string_view name) {
    auto w = split_words(name);
    for (auto& x : w)
        while (!x.empty() && x.back() == ',') x.pop_back();
    w.erase(std::remove(w.begin(), w.end(), std::string()), w.end());
    while (w.size() > 1 && is_legal_suffix(w.back())) w.pop_back();
    while (w.size() > 1 && (w.back() == "&" || iequals(w.back(), "and"))) w.pop_back();
    if (w.size() > 1 && iequals(w.front(), "the")) w.erase(w.begin());
    return join(w, 0, w.size());
}

std::string title_case_word(std::string_view s);

bool looks_like_slug(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!(is_lower_c(c) || is_digit_c(c) || c == '-')) return false;
    return true;
}

std::string title_case_words(std::string_view s) {
    // Words of up to three letters stay upper case (acronyms: "AM", "USX"),
    // except common short words.
    static const std::unordered_set<std::string> small = {
        "OF", "AND", "THE", "FOR", "NEW", "OIL", "GAS", "CO", "INC", "BAY", "SUN", "AIR", "CAR", "BIG",
        "TOP", "ONE", "TWO", "OLD", "RED", "WAY", "MAN", "ART", "LAW", "SEA", "SKY", "NET", "ICE", "IN",
        "ON", "AT", "TO", "BY", "DE", "LA", "LE", "DU", "VAN", "VON", "DAY", "BAR", "BOX", "KEY", "PAN"};
    std::string r;
    for (auto& w : split_words(s)) {
        if (!r.empty()) r += ' ';
        std::size_t letters = 0;
        for (char c : w) letters += std::isalpha((unsigned char)c) ? 1 : 0;
        if (letters <= 3 && letters == w.size() && !small.count(w)) { r += w; continue; }
        r += title_case_word(w);
    }
    return r;
}

/// Fold entity `e` into `o` (the same canonical entity): mentions, offsets
/// and the names it went by.
void absorb(Entity& o, const Entity& e) {
    o.offsets.insert(o.offsets.end(), e.offsets.begin(), e.offsets.end());
    std::sort(o.offsets.begin(), o.offsets.end());
    o.offsets.erase(std::unique(o.offsets.begin(), o.offsets.end()), o.offsets.end());
    o.mentions = o.offsets.size();
    std::set<std::string> a(o.aliases.begin(), o.aliases.end());
    a.insert(e.aliases.begin(), e.aliases.end());
    if (e.name != o.name) a.insert(e.name);
    a.erase(o.name);
    o.aliases.assign(a.begin(), a.end());
}

std::string title_case_word(std::string_view s) {
    std::string r(s);
    bool start = true;
    for (auto& c : r) {
        if (std::isalpha((unsigned char)c)) {
            c = start ? char(std::toupper((unsigned char)c)) : char(std::tolower((unsigned char)c));
            start = false;
        } else {
            start = c == ' ' || c == '-' || c == '(' || c == '/' || c == '.';
        }
    }
    return r;
}

bool has_lowercase(std::string_view s) {
    for (char c : s)
        if (is_lower_c(c)) return true;
    return false;
}

}  // namespace

// ---------------------------------------------------------------------------
// EntityExtractor
// ---------------------------------------------------------------------------

struct EntityExtractor::Impl {
    std::string dir;
    ner::Lexicon lex;
    ner::Model model;
    std::unordered_map<std::string, std::string> tickers;  ///< TICKER -> company name
    /// Per type: alias slug -> entry index; entries.
    std::unordered_map<std::string, std::size_t> alias_index[3];
    std::vector<AliasEntry> alias_entries[3];
    /// Multi-token alias-table names (lower-case token hashes, ' '-joined as
    /// in Lexicon::add_company) -> 1 person, 2 organisation; and their prefixes.
    ner::HashMap64<std::uint8_t> phrases, phrase_prefixes;
    std::size_t max_phrase_tokens = 0;
    /// One-word company / organisation names of the alias tables ("Walmart").
    ner::HashMap64<std::uint8_t> single_names;
    /// Whole names (lower-case) that are places / not entities at all.
    WordSet places{}, not_entities{};

    void add_phrase(std::string_view name, EntityType t);
    void load_word_list(const std::string& path, WordSet& set);

    void load_aliases(const std::string& path, bool user);
    const AliasEntry* lookup(EntityType t, const std::string& slug) const {
        auto it = alias_index[type_index(t)].find(slug);
        return it == alias_index[type_index(t)].end() ? nullptr : &alias_entries[type_index(t)][it->second];
    }
    std::string name_slug(std::string_view name, EntityType t) const {
        return entity_slug(t == EntityType::Company ? strip_company(name) : std::string(name));
    }
    std::vector<std::vector<int>> tag(const std::vector<std::vector<std::string_view>>& doc,
                                      bool tag_caps = true) const {
        thread_local ner::DocFeatures df;
        ner::extract_features(doc, lex, df, tag_caps);
        std::vector<std::vector<int>> out(doc.size());
        for (std::size_t s = 0; s < doc.size(); ++s) out[s] = model.decode(df, s);
        return out;
    }
};

void EntityExtractor::Impl::load_aliases(const std::string& path, bool user) {
    std::ifstream in(path);
    if (!in) {
        if (user) throw UserError("cannot read alias file " + path);
        throw SystemError("cannot read alias table " + path);
    }
    std::string line;
    int lineno = 0;
    auto fail = [&](const std::string& why) {
        std::string msg = path + ":" + std::to_string(lineno) + ": " + why;
        if (user) throw UserError(msg);
        throw SystemError(msg);
    };
    while (std::getline(in, line)) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        auto colon = line.find(':');
        if (colon == std::string::npos) fail("expected 'TYPE: Name = Alias ...'");
        std::string type = lower_ascii(split_words(line.substr(0, colon)).empty() ? "" : split_words(line.substr(0, colon))[0]);
        EntityType t;
        if (type == "person" || type == "people") t = EntityType::Person;
        else if (type == "company") t = EntityType::Company;
        else if (type == "organization" || type == "organisation" || type == "org") t = EntityType::Organization;
        else fail("unknown entity type '" + type + "' (expected person, company or organization)");
        std::vector<std::string> names;
        std::string rest = line.substr(colon + 1);
        std::size_t p = 0;
        while (p <= rest.size()) {
            auto q = rest.find('=', p);
            if (q == std::string::npos) q = rest.size();
            auto words = split_words(std::string_view(rest).substr(p, q - p));
            std::string name = join(words, 0, words.size());
            if (name.empty()) fail("empty name");
            if (entity_slug(name).empty()) fail("name '" + name + "' has no letters or digits");
            names.push_back(name);
            if (!looks_like_slug(name)) add_phrase(name, t);
            p = q + 1;
        }
        if (names.size() < 2) fail("an alias line needs at least two names separated by '='");
        AliasEntry entry;
        entry.display = names[0];
        entry.id = name_slug(names[0], t);
        entry.names = names;
        auto& index = alias_index[type_index(t)];
        auto& entries = alias_entries[type_index(t)];
        // A user line overrides: existing mappings of these names are replaced.
        std::size_t idx = entries.size();
        auto existing = index.find(entry.id);
        if (!user && existing != index.end() && entries[existing->second].id == entry.id) {
            idx = existing->second;  // merge into the earlier line of the same entity
            for (auto& nm : names) entries[idx].names.push_back(nm);
        } else {
            entries.push_back(entry);
        }
        for (auto& nm : names) {
            index[name_slug(nm, t)] = idx;
            index[entity_slug(nm)] = idx;
        }
    }
}

void EntityExtractor::Impl::add_phrase(std::string_view name, EntityType t) {
    if (name.empty() || !is_upper_c(name[0])) return;
    Tokenised tk = tokenise(name);
    if (tk.tokens.size() == 1 && t != EntityType::Person) {
        single_names.insert(lower_hash(name));
        return;
    }
    if (tk.tokens.size() < 2) return;
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t k = 0; k < tk.tokens.size(); ++k) {
        if (k) {
            phrase_prefixes.insert(h);
            h = ner::hash_bytes(h, " ");
        }
        h = lower_hash(name.substr(tk.tokens[k].b, tk.tokens[k].e - tk.tokens[k].b), h);
    }
    phrases[h] = t == EntityType::Person ? 1 : 2;
    max_phrase_tokens = std::max(max_phrase_tokens, tk.tokens.size());
}

void EntityExtractor::Impl::load_word_list(const std::string& path, WordSet& set) {
    // Optional lists: a data directory without them just does not filter.
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        set.add(line);
    }
}

EntityExtractor::EntityExtractor(const std::string& data_dir, const std::string& user_aliases)
    : impl_(std::make_unique<Impl>()) {
    impl_->dir = data_dir.empty() ? default_data_dir("ner.model") : data_dir;
    const std::string& dir = impl_->dir;
    impl_->lex.load(dir);
    impl_->model.load(dir + "/ner.model");
    {
        std::ifstream in(dir + "/tickers.txt");
        if (!in) throw SystemError("cannot read data file " + dir + "/tickers.txt");
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            auto tab = line.find('\t');
            if (tab == std::string::npos) continue;
            impl_->tickers.emplace(line.substr(0, tab), line.substr(tab + 1));
        }
    }
    impl_->load_aliases(dir + "/aliases.txt", false);
    impl_->load_word_list(dir + "/places.txt", impl_->places);
    impl_->load_word_list(dir + "/not_entities.txt", impl_->not_entities);
    if (!user_aliases.empty()) impl_->load_aliases(user_aliases, true);
}

EntityExtractor::~EntityExtractor() = default;

const std::string& EntityExtractor::data_dir() const { return impl_->dir; }

std::vector<std::vector<TokenMention>> EntityExtractor::tag_document(
    const std::vector<std::vector<std::string>>& sentences) const {
    std::vector<std::vector<std::string_view>> doc;
    doc.reserve(sentences.size());
    for (auto& s : sentences) doc.emplace_back(s.begin(), s.end());
    auto tags = impl_->tag(doc);
    std::vector<std::vector<TokenMention>> out(sentences.size());
    for (std::size_t s = 0; s < tags.size(); ++s) {
        const auto& t = tags[s];
        for (std::size_t i = 0; i < t.size(); ++i) {
            int type = ner::tag_type(t[i]);
            if (type != 0 && type != 1) continue;
            if (!ner::tag_is_begin(t[i]) && i > 0 && ner::tag_type(t[i - 1]) == type) continue;
            std::size_t j = i + 1;
            while (j < t.size() && ner::tag_type(t[j]) == type && !ner::tag_is_begin(t[j])) ++j;
            out[s].push_back({type == 0 ? "PER" : "ORG", i, j});
        }
    }
    return out;
}

std::vector<TokenMention> EntityExtractor::tag_tokens(const std::vector<std::string>& tokens) const {
    return tag_document({tokens})[0];
}

std::string EntityExtractor::canonical_id(std::string_view name, EntityType type) const {
    std::string slug = impl_->name_slug(name, type);
    if (const AliasEntry* e = impl_->lookup(type, slug)) return e->id;
    if (const AliasEntry* e = impl_->lookup(type, entity_slug(name))) return e->id;
    return slug;
}

std::vector<std::pair<std::string, std::string>> EntityExtractor::aliases(EntityType type) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& [slug, idx] : impl_->alias_index[type_index(type)]) {
        const auto& e = impl_->alias_entries[type_index(type)][idx];
        if (slug != e.id) out.emplace_back(slug, e.id);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// ---------------------------------------------------------------------------
// extract()
// ---------------------------------------------------------------------------

namespace {

struct Mention {
    std::size_t b = 0, e = 0;         ///< byte offsets
    std::vector<std::string> words;   ///< surface tokens
    int type = 0;                     ///< 0 person, 1 org
    bool company_mark = false;        ///< from a Reuters <Name> mark (or a ticker)
    bool counted = true;              ///< counts as a mention
    std::size_t sent = 0, tb = 0, te = 0;  ///< sentence and token range (tb == te: none)
    int cluster = -1;
    std::string forced_name;          ///< display name from a ticker table
    std::string surface;              ///< text as written (whitespace normalised)
};

struct Cluster {
    int type = 0;  ///< 0 person, 1 org
    std::vector<std::size_t> mentions;
    std::vector<std::string> full;  ///< tokens of the longest form (legal suffix stripped for orgs)
    std::set<std::string> extra_aliases;
    bool company_mark = false;
    int parent = -1;  ///< union-find
};

bool is_date_word(std::string_view lower) {
    static const WordSet s(ner::date_words().begin(), ner::date_words().end());
    return s.count(lower) > 0;
}

bool is_title_word(std::string_view lower) {
    static const WordSet s = [] {
        WordSet x(ner::title_words().begin(), ner::title_words().end());
        for (const char* w : {"minister", "secretary", "foreign", "finance", "trade", "economy", "energy", "exchequer",
                              "representative", "congressman", "congresswoman", "assemblyman", "spokesperson",
                              "oil", "defence", "defense", "interior", "agriculture", "treasury", "state",
                              "vice", "deputy", "acting", "former", "u.s.", "us", "senior", "executive",
                              "managing", "general", "attorney", "central", "bank", "governor", "chief",
                              "president-elect", "presidential", "candidate", "opposition", "party"})
            x.add(w);
        return x;
    }();
    return s.count(lower) > 0;
}

bool is_noise_name(std::string_view lower) {
    static const WordSet s = {
        "reuter", "reuters", "the", "a", "an", "it", "he", "she", "they", "we", "i", "this", "that",
        "there", "but", "and", "or", "in", "on", "at", "for", "of", "to", "by", "with", "as", "new",
        "said", "says", "shr", "net", "revs", "qtr", "avg", "shrs", "mths", "vs", "cts", "dlrs", "mln",
        "billion", "pct", "note", "year", "today", "yesterday", "tomorrow", "if", "when", "after",
        "under", "its", "his", "her", "their", "our", "these", "those", "also", "however", "meanwhile",
        "gnp", "gdp", "cpi", "ppi", "aa", "aaa", "aa-minus", "aa-plus", "baa", "ba", "libor", "ecu", "sdr",
        "sdrs", "m-1", "m-2", "m-3", "m1", "m2", "m3", "fob", "cif", "london interbank", "u.s. officials",
        "u.s. trade", "u.s. government officials", "officials", "government", "u.s.", "treasuries",
        "bbb", "ems", "eep", "pc", "cd", "cds", "london interbank offered rate", "london interbank offered rates",
        "european currency unit", "european currency units", "special drawing right", "special drawing rights",
        "louvre", "dow jones industrial average", "rev", "revs", "sons", "kuwaiti", "saudi", "iranian", "iraqi",
        "soviet", "american", "japanese", "british", "french", "german", "european", "western", "eastern",
        "west german", "i'm", "sons", "record", "gas", "energy", "holiday", "pay", "news", "class", "bond",
        "rubber", "light", "platinum", "finance", "agriculture", "community", "institute", "association",
        "organization", "organisation", "alliance", "eurodollar", "eurodollars", "aids", "lifo", "fifo",
        "psbr", "pik", "capitol hill", "white house", "wall street", "u.s. currency", "u.s. dollars",
        "u.s. dollar", "dollar", "yen", "sterling", "texas democrat", "democrat", "republican", "covid-19",
        "covid", "sars", "ebola", "internet", "web"};
    return s.count(lower) > 0;
}

/// Table fragments and other non-names: "Oct/Dec", "D-Conn", "III", "Class B".
bool junk_name(const std::vector<std::string>& words) {
    bool all_roman = true;
    for (auto& w : words) {
        if (w.find_first_not_of("IVXL") != std::string::npos) all_roman = false;
        std::string l = lower_ascii(w);
        if (l.find_first_of("/-") != std::string::npos) {
            bool all_dates = true;
            std::size_t p = 0;
            while (p <= l.size()) {
                auto q = l.find_first_of("/-", p);
                if (q == std::string::npos) q = l.size();
                if (!is_date_word(l.substr(p, q - p))) all_dates = false;
                p = q + 1;
            }
            if (all_dates) return true;
        }
        if (w.size() >= 3 && w.size() <= 7 && (w[0] == 'D' || w[0] == 'R' || w[0] == 'I') && w[1] == '-' &&
            is_upper_c(w[2]))
            return true;  // party/state tags "D-Conn", "R-Mass"
        static const WordSet table_words = {
            "cts", "mln", "pct", "cwt", "mths", "mth", "qtr", "shr", "shrs", "revs", "avg", "oper", "vs",
            "billion", "dlr", "stg", "yen", "tonnes"};
        if (table_words.count(l) || l.find("dlrs") != std::string::npos) return true;
        // Reuters instrument codes: "PLY.L", "PGLO.AS"
        auto dot = w.find('.');
        if (words.size() == 1 && dot != std::string::npos && dot >= 2 && w.size() - dot <= 3 && w.size() - dot >= 2 &&
            w.back() != '.')
            return true;
    }
    if (all_roman) return true;
    if (words.size() == 1 && is_legal_suffix(words[0])) return true;
    if (words.size() == 2 && iequals(words[0], "class")) return true;
    if (words.size() == 1) {
        static const WordSet generic = {
            "department", "ministry", "commission", "government", "company", "bank", "group", "board",
            "committee", "council", "agency", "court", "house", "exchange", "corp", "inc", "union", "party",
            "administration", "federal", "national", "state", "university", "fund", "office"};
        if (generic.count(words[0])) return true;
    }
    return false;
}

const WordSet& org_keyword_set() {
    static const WordSet s = {
        "ministry", "commission", "university", "party", "union", "council", "agency", "department",
        "committee", "federation", "association", "institute", "court", "parliament", "congress", "senate",
        "government", "authority", "bureau", "office", "league", "club", "fc", "army", "police",
        "reserve", "fund", "foundation", "church", "college", "school", "academy", "assembly", "exchange",
        "secretariat", "tribunal", "front", "movement", "alliance", "cabinet", "navy", "treasury",
        "nations", "community", "organisation", "organization", "administration", "board", "court",
        "republic", "kingdom", "state", "states", "ministries", "chamber", "forces", "guard", "brigade",
        "opec", "gatt", "nato", "imf", "ec", "eu", "un", "u.n.", "fed", "bundesbank", "parliamentary",
        "diet", "customs", "interpol", "olympic", "team", "conference", "observatory", "hospital",
        "museum", "society", "union's", "unions", "federal", "national", "international", "cooperative",
        "conservative", "conservatives", "labour", "liberals", "socialists", "democrats", "republicans",
        "communists", "force", "pentagon", "commons", "representatives", "lords", "workers", "subcommittee",
        "institution", "radio", "representative"};
    return s;
}

const WordSet& places() {
    static const WordSet s = {
        "u.s.", "us", "usa", "united states", "u.k.", "uk", "britain", "great britain", "ussr",
        "soviet union", "west germany", "east germany", "philippines", "south korea", "north korea",
        "south africa", "hong kong", "singapore", "saudi arabia", "kuwait", "qatar", "ecuador", "new zealand",
        "europe", "asia", "latin america", "middle east", "gulf", "washington", "tokyo", "london",
        "new york", "paris", "bonn", "frankfurt", "moscow", "peking", "beijing", "brussels", "geneva",
        "ottawa", "toronto", "chicago", "houston", "california", "texas"};
    return s;
}

const WordSet& countries() {
    static const WordSet s = {
        "japan", "england", "france", "italy", "canada", "spain", "greece", "portugal", "israel", "korea",
        "thailand", "finland", "norway", "sweden", "denmark", "mexico", "brazil", "argentina", "china",
        "taiwan", "india", "indonesia", "jamaica", "zambia", "ghana", "uganda", "tanzania", "kenya",
        "botswana", "mauritius", "namibia", "papua", "guyana", "belgium", "netherlands", "austria",
        "switzerland", "ireland", "scotland", "germany", "russia", "poland", "hungary", "turkey", "egypt",
        "algeria", "morocco", "tunisia", "libya", "iran", "iraq", "lebanon", "jordan", "syria",
        "pakistan", "bangladesh", "sri", "nepal", "malaysia", "philippines", "australia", "zealand",
        "chile", "peru", "colombia", "venezuela", "ecuador", "bolivia", "uruguay", "paraguay", "cuba",
        "nigeria", "sudan", "ethiopia", "zaire", "zimbabwe", "africa", "albania", "bulgaria", "romania",
        "yugoslavia", "cyprus", "malta", "iceland", "luxembourg", "latvia", "lithuania", "estonia"};
    return s;
}

}  // namespace

std::vector<Entity> EntityExtractor::extract(const Article& article) const {
    const Impl& I = *impl_;
    const std::string text = article.title + "\n\n" + article.body;
    std::string work = text;

    // Reuters marks: <Woodco Inc> (company name) and <BAC> (ticker).
    struct Mark { std::size_t b, e; bool ticker; };
    std::vector<Mark> marks;
    for (std::size_t i = 0; i < work.size(); ++i) {
        if (work[i] != '<') continue;
        std::size_t j = i + 1;
        while (j < work.size() && j - i <= 80 && work[j] != '>' && work[j] != '<' && work[j] != '\n') ++j;
        if (j >= work.size() || work[j] != '>' || j == i + 1) continue;
        std::string_view inner = std::string_view(work).substr(i + 1, j - i - 1);
        if (!ascii_alnum((unsigned char)inner[0])) continue;
        bool ticker = inner.size() <= 10 && inner.find(' ') == std::string_view::npos && !has_lowercase(inner) &&
                      (inner.size() <= 6 || inner.find('.') != std::string_view::npos);  // "BAC", "PGLO.AS"
        marks.push_back({i + 1, j, ticker});
        // Tickers are hidden from the tagger; names are tagged but the mark wins.
        for (std::size_t k = i; k <= j; ++k)
            if (k == i || k == j || ticker) work[k] = ' ';
        i = j;
    }

    Tokenised tk = tokenise(work);
    std::vector<std::vector<std::string_view>> doc;
    doc.reserve(tk.sentences.size());
    std::vector<char> caps_sentence;
    for (auto [b, e] : tk.sentences) {
        doc.emplace_back();
        bool lower = false, alpha = false;
        for (std::size_t t = b; t < e; ++t) {
            std::string_view w = std::string_view(work).substr(tk.tokens[t].b, tk.tokens[t].e - tk.tokens[t].b);
            doc.back().push_back(w);
            for (char c : w) {
                if (is_lower_c(c)) lower = true;
                if (is_upper_c(c) || is_lower_c(c)) alpha = true;
            }
        }
        caps_sentence.push_back(alpha && !lower);
    }
    auto tags = I.tag(doc, /*tag_caps=*/false);  // ALL-CAPS lines: see "headlines" in docs/entities.md
    std::vector<std::uint64_t> lower_hashes;  // words used in lower case in the article
    for (auto& sent : doc)
        for (std::size_t t = 1; t < sent.size(); ++t)
            if (!sent[t].empty() && is_lower_c(sent[t][0])) lower_hashes.push_back(ner::hash_str(sent[t]));
    std::sort(lower_hashes.begin(), lower_hashes.end());
    auto used_in_lower_case = [&](std::string_view w) {
        return std::binary_search(lower_hashes.begin(), lower_hashes.end(), lower_hash(w));
    };

    auto surface_of = [&](std::size_t b, std::size_t e) {
        std::string r;
        bool sp = false;
        for (std::size_t i = b; i < e && i < text.size(); ++i) {
            if (is_space(text[i])) { sp = true; continue; }
            if (sp && !r.empty()) r += ' ';
            sp = false;
            r += text[i];
        }
        return r;
    };
    auto in_mark = [&](std::size_t b, std::size_t e) -> const Mark* {
        for (auto& m : marks)
            if (b < m.e && e > m.b) return &m;
        return nullptr;
    };

    // "Federal Savings and Loan Insurance Corp", "Standard and Poor's Corp":
    // the tagger (trained on CoNLL) tends to split company names at "and";
    // join ORG + and/& + ORG-ending-in-a-legal-suffix unless the first part
    // is itself a known company.
    for (std::size_t s = 0; s < tags.size(); ++s) {
        auto& t = tags[s];
        for (std::size_t i = 1; i + 1 < t.size(); ++i) {
            if (t[i] != ner::kO || (doc[s][i] != "and" && doc[s][i] != "&")) continue;
            if (ner::tag_type(t[i - 1]) != 1 || t[i + 1] != ner::kBOrg) continue;
            std::size_t e = i + 2;
            while (e < t.size() && t[e] == ner::kIOrg) ++e;
            if (!is_legal_suffix(doc[s][e - 1]) && !org_keyword_set().count(doc[s][e - 1]))
                continue;  // "Ways and Means Committee"
            if (e - (i + 1) < 2 && !is_legal_suffix(doc[s][e - 1])) continue;
            {
                std::string_view prev_last = doc[s][i - 1];
                if (is_legal_suffix(prev_last) || org_keyword_set().count(prev_last)) continue;  // complete already
            }
            std::size_t b = i - 1;
            while (b > 0 && t[b] == ner::kIOrg) --b;
            std::uint64_t h = 0xcbf29ce484222325ULL;
            for (std::size_t k = b; k < i; ++k) {
                if (k > b) h = ner::hash_bytes(h, " ");
                h = lower_hash(doc[s][k], h);
            }
            if (I.lex.company_names.count(h)) continue;
            t[i] = ner::kIOrg;
            t[i + 1] = ner::kIOrg;
        }
    }

    auto starts_upper = [](std::string_view w) { return !w.empty() && is_upper_c(w[0]); };
    // Multi-word names of the alias tables are tagged as the table says
    // ("Smith Barney, Harris Upham", "House Ways and Means Committee"), unless
    // the tagger found a longer name around them.
    if (I.max_phrase_tokens >= 2) {
        for (std::size_t s = 0; s < tags.size(); ++s) {
            if (caps_sentence[s]) continue;
            auto& t = tags[s];
            const std::size_t n = t.size();
            for (std::size_t i = 0; i + 1 < n; ++i) {
                if (!starts_upper(doc[s][i])) continue;
                std::uint64_t h = 0xcbf29ce484222325ULL;
                std::size_t best = 0;
                std::uint8_t kind = 0;
                for (std::size_t j = i; j < n && j - i < I.max_phrase_tokens; ++j) {
                    if (j > i) h = ner::hash_bytes(h, " ");
                    h = lower_hash(doc[s][j], h);
                    if (j > i)
                        if (std::uint8_t v = I.phrases.get(h)) { best = j - i + 1; kind = v; }
                    if (!I.phrase_prefixes.count(h)) break;
                }
                if (best < 2) continue;
                std::size_t e = i + best;
                if (kind == 2) {
                    // "Cable and Wireless Plc", "Donaldson Lufkin and Jenrette Securities"
                    while (e < n && (is_legal_suffix(doc[s][e]) || t[e] == ner::kIOrg)) ++e;
                }
                bool inside_longer = (i > 0 && t[i] != ner::kO && !ner::tag_is_begin(t[i])) ||
                                     (e < n && t[e] != ner::kO && !ner::tag_is_begin(t[e]));
                if (inside_longer) { i = e - 1; continue; }
                const int b_tag = kind == 1 ? ner::kBPer : ner::kBOrg, i_tag = kind == 1 ? ner::kIPer : ner::kIOrg;
                t[i] = b_tag;
                for (std::size_t k = i + 1; k < e; ++k) t[k] = i_tag;
                i = e - 1;
            }
        }
    }
    // A one-word company of the alias tables that the tagger left untagged in
    // the middle of a sentence ("retailers, including Walmart,", "the research
    // company OpenAI"), unless the word is also a first name or surname.
    for (std::size_t s = 0; s < tags.size(); ++s) {
        if (caps_sentence[s]) continue;
        auto& t = tags[s];
        const auto& d = doc[s];
        for (std::size_t i = 1; i < t.size(); ++i) {
            // untagged, or a one-word place / miscellaneous name
            const bool other = t[i] == ner::kO || t[i] == ner::kBLoc || t[i] == ner::kBMisc;
            if (!other || !starts_upper(d[i]) || !has_lowercase(d[i])) continue;
            if (starts_upper(d[i - 1]) || (t[i - 1] != ner::kO && ner::tag_type(t[i - 1]) != 2 && ner::tag_type(t[i - 1]) != 3))
                continue;
            if (i + 1 < t.size() && (starts_upper(d[i + 1]) || (t[i + 1] != ner::kO && ner::tag_is_begin(t[i + 1]) == false)))
                continue;
            const std::uint64_t h = lower_hash(d[i]);
            if (!I.single_names.count(h)) continue;
            if (I.lex.flags.get(h) & (ner::kGzFirst | ner::kGzFirstRare | ner::kGzLast | ner::kGzLastRare)) continue;
            t[i] = ner::kBOrg;
        }
    }
    // "Samuel Montagu and Co Ltd", "James Capel and Co", "Alex. Brown and Sons
    // Inc", "Kidder, Peabody and Co": capitalised words + and/& + Co/Sons
    // (+ legal suffixes) is one company name, whatever the tagger said.
    {
        static const WordSet co_words = {"co", "co.", "company", "sons", "son", "cie", "cie."};
        for (std::size_t s = 0; s < tags.size(); ++s) {
            if (caps_sentence[s]) continue;
            auto& t = tags[s];
            const auto& d = doc[s];
            const std::size_t n = t.size();
            for (std::size_t i = 1; i + 1 < n; ++i) {
                if ((d[i] != "and" && d[i] != "&") || !co_words.count(d[i + 1]) || !starts_upper(d[i + 1])) continue;
                std::size_t e = i + 2;
                while (e < n && is_legal_suffix(d[e])) ++e;
                std::size_t b = i;
                while (b > 0 && i - b < 4 && (starts_upper(d[b - 1]) || d[b - 1] == "&")) --b;
                if (b == i) continue;
                // one comma-separated name before: "Kidder, Peabody", "Smith Barney, Harris Upham"
                if (b >= 2 && d[b - 1] == ",") {
                    std::size_t b2 = b - 1;
                    while (b2 > 0 && b - 1 - b2 < 3 && starts_upper(d[b2 - 1])) --b2;
                    if (b2 < b - 1 && !(b2 > 0 && d[b2 - 1] == ",")) b = b2;
                }
                // include the start of an organisation name the tagger began earlier
                while (b > 0 && ner::tag_type(t[b]) == 1 && !ner::tag_is_begin(t[b])) --b;
                if (iequals(d[b], "the") && b + 1 < i) ++b;
                t[b] = ner::kBOrg;
                for (std::size_t k = b + 1; k < e; ++k) t[k] = ner::kIOrg;
                i = e - 1;
            }
        }
    }

    std::vector<Mention> mentions;
    // Tagged mentions.
    for (std::size_t s = 0; s < tags.size(); ++s) {
        if (caps_sentence[s]) continue;
        const auto& t = tags[s];
        const std::size_t base = tk.sentences[s].first;
        for (std::size_t i = 0; i < t.size(); ++i) {
            int type = ner::tag_type(t[i]);
            if (type != 0 && type != 1) continue;
            if (!ner::tag_is_begin(t[i]) && i > 0 && ner::tag_type(t[i - 1]) == type) continue;
            std::size_t j = i + 1;
            while (j < t.size() && ner::tag_type(t[j]) == type && !ner::tag_is_begin(t[j])) ++j;
            std::size_t a = i, z = j;
            // Strip titles/honorifics and articles at the start, possessives at the end.
            auto no_alnum = [](std::string_view w) {
                return std::none_of(w.begin(), w.end(), [](char c) { return ascii_alnum((unsigned char)c) || (unsigned char)c >= 0x80; });
            };
            while (a < z && no_alnum(doc[s][a])) ++a;  // "## Partners"
            {
                // "Fifteen Asia-Pacific ...": a leading number word is not part of a name
                static const WordSet numbers = {
                    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                    "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousands", "dozens", "several",
                    "many", "some", "all", "both", "most", "few"};
                while (z - a > 1 && numbers.count(doc[s][a])) ++a;
            }
            if (type == 0 && a == 0) {
                // "Later Herrington said": a sentence-initial adverb or conjunction
                static const WordSet starters = {
                    "later", "earlier", "meanwhile", "however", "also", "then", "today", "yesterday",
                    "separately", "still", "but", "and", "when", "while", "if", "after", "before", "since",
                    "although", "though", "now", "here", "thus", "instead", "currently", "previously",
                    "finally", "subsequently", "nevertheless", "moreover", "furthermore", "yet", "so",
                    "asked", "says", "said", "according", "speaking", "writing"};
                while (z - a > 1 && starters.count(doc[s][a])) ++a;
            }
            // "its Watson system", "their Photos app": a name after a possessive
            // determiner is a product, not a person.
            if (type == 0 && a > 0 &&
                (iequals(doc[s][a - 1], "its") || iequals(doc[s][a - 1], "their") || iequals(doc[s][a - 1], "our"))) {
                i = j - 1;
                continue;
            }
            while (z - a > 1 && (iequals(doc[s][a], "the") || (type == 0 && is_title_word(doc[s][a]))))
                ++a;
            bool table_name = false;  // a multi-word alias-table name is kept whole
            if (z - a >= 2 && z - a <= I.max_phrase_tokens) {
                std::uint64_t h = 0xcbf29ce484222325ULL;
                for (std::size_t k = a; k < z; ++k) {
                    if (k > a) h = ner::hash_bytes(h, " ");
                    h = lower_hash(doc[s][k], h);
                }
                table_name = I.phrases.count(h) > 0;
            }
            for (std::size_t k = a + 1; k < z && !table_name; ++k) {
                static const WordSet cut = {
                    "this", "it", "he", "she", "they", "we", "there", "but", "however", "its", "his", "her",
                    "their", "our", "these", "those", "also", "meanwhile", "i", "in", "on", "at", "said"};
                if (cut.count(doc[s][k])) { z = k; break; }
            }
            while (z > a && (doc[s][z - 1] == "'s" || doc[s][z - 1] == "'" || doc[s][z - 1] == "," ||
                             doc[s][z - 1] == "-" || doc[s][z - 1] == "(" || iequals(doc[s][z - 1], "of") ||
                             iequals(doc[s][z - 1], "and")))
                --z;
            // A single (not all-caps) word the article also uses in lower case is a common word.
            if (z - a == 1 && has_lowercase(doc[s][a]) && used_in_lower_case(doc[s][a]) &&
                !I.lookup(EntityType::Company, entity_slug(doc[s][a])) &&
                !I.lookup(EntityType::Organization, entity_slug(doc[s][a]))) {
                i = j - 1;
                continue;
            }
            // "U.S. Banks", "U.S. Dollar": a place plus a common word.
            if (z - a == 2 && places().count(doc[s][a]) && used_in_lower_case(doc[s][a + 1]) &&
                !I.lookup(EntityType::Company, entity_slug(std::string(doc[s][a]) + " " + std::string(doc[s][a + 1])))) {
                i = j - 1;
                continue;
            }
            int mtype = type;
            if (type == 0 && z - a > 1 && org_keyword_set().count(doc[s][z - 1])) mtype = 1;  // "Reagan Administration"
            while (z > a && (doc[s][z - 1] == "'s" || doc[s][z - 1] == "'" || doc[s][z - 1] == "," ||
                             doc[s][z - 1] == "-" || doc[s][z - 1] == "\xE2\x80\x99s" || no_alnum(doc[s][z - 1])))
                --z;
            if (a >= z) { i = j - 1; continue; }
            if (type == 0 && z - a == 1 && is_title_word(doc[s][a])) { i = j - 1; continue; }
            std::size_t bb = tk.tokens[base + a].b, ee = tk.tokens[base + z - 1].e;
            if (in_mark(bb, ee)) { i = j - 1; continue; }
            Mention m;
            m.b = bb;
            m.e = ee;
            m.type = mtype;
            m.sent = s;
            m.tb = a;
            m.te = z;
            for (std::size_t k = a; k < z; ++k) m.words.emplace_back(doc[s][k]);
            m.surface = surface_of(bb, ee);
            std::string lower = lower_ascii(join(m.words, 0, m.words.size()));
            bool noise = is_noise_name(lower) || is_date_word(m.words.back()) || junk_name(m.words) ||
                         lower.size() < 2 || !std::any_of(lower.begin(), lower.end(), [](char c) { return is_lower_c(c); });
            if (m.words.size() == 1 && !is_upper_c(m.words[0][0]) && !is_digit_c(m.words[0][0])) noise = true;
            if (countries().count(lower) || places().count(lower)) noise = true;
            {
                // "U.S. And Japan": nothing but places
                bool all_places = true;
                for (auto& w : m.words) {
                    std::string l = lower_ascii(w);
                    if (l == "and" || l == "&" || l == "of" || l == "the" || l == "west" || l == "east" ||
                        l == "north" || l == "south")
                        continue;
                    if (!countries().count(l) && !places().count(l)) all_places = false;
                }
                if (all_places) noise = true;
            }
            if (!noise) mentions.push_back(std::move(m));
            i = j - 1;
        }
    }
    // Name marks.
    std::vector<std::pair<const Mark*, std::size_t>> ticker_marks;  // mark, index of preceding mention or npos
    for (auto& mk : marks) {
        if (mk.ticker) continue;
        Mention m;
        m.b = mk.b;
        m.e = mk.e;
        m.type = 1;
        m.company_mark = true;
        std::string name(std::string_view(text).substr(mk.b, mk.e - mk.b));
        if (!has_lowercase(name)) name = title_case_words(name);
        m.words = split_words(name);
        m.surface = name;
        mentions.push_back(std::move(m));
    }
    std::sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) { return a.b < b.b; });
    // Ticker marks: alias of the mention right before, else the title words
    // before it, else the ticker table.
    std::vector<std::pair<std::size_t, std::string>> ticker_alias;  // mention index, ticker
    for (auto& mk : marks) {
        if (!mk.ticker) continue;
        std::string ticker(std::string_view(text).substr(mk.b, mk.e - mk.b));
        // Preceding mention ending just before "<".
        std::size_t prev = std::string::npos;
        for (std::size_t k = 0; k < mentions.size(); ++k) {
            if (mentions[k].e > mk.b) break;
            std::size_t gap_b = mentions[k].e, gap_e = mk.b - 1;
            bool adjacent = gap_b <= gap_e;
            for (std::size_t g = gap_b; adjacent && g < gap_e; ++g)
                if (!is_space(text[g]) && text[g] != '.' && text[g] != ',') adjacent = false;
            if (adjacent) prev = k;
        }
        if (prev != std::string::npos && mentions[prev].type == 1) {
            ticker_alias.push_back({prev, ticker});
            continue;
        }
        Mention m;
        m.type = 1;
        m.company_mark = true;
        // Words before the mark in an all-caps line (Reuters titles).
        std::size_t line_b = text.rfind('\n', mk.b - 1);
        line_b = line_b == std::string::npos ? 0 : line_b + 1;
        std::string_view before = std::string_view(text).substr(line_b, mk.b - 1 - line_b);
        std::vector<std::string> words;
        std::vector<std::size_t> starts;
        {
            std::size_t p = 0;
            while (p < before.size()) {
                while (p < before.size() && is_space(before[p])) ++p;
                std::size_t q = p;
                while (q < before.size() && !is_space(before[q])) ++q;
                if (q > p) { words.emplace_back(before.substr(p, q - p)); starts.push_back(line_b + p); }
                p = q;
            }
        }
        static const std::unordered_set<std::string> stop = {
            "SAYS", "SAID", "SEES", "SETS", "TO", "IN", "ON", "FOR", "BY", "UNIT", "BUYS", "SELLS", "AT",
            "FROM", "WITH", "AFTER", "BEFORE", "OVER", "UP", "DOWN", "IS", "ARE", "HAS", "HAVE", "WILL",
            "AGREES", "AGREE", "BID", "GETS", "GIVES", "-", "--", "CUTS", "RAISES", "LOWERS", "ACQUIRES",
            "COMPLETES", "MAKES", "MERGER", "STAKE", "AND", "OR", "VS", "NOT", "PLANS", "OFFER", "REPORTS",
            "SEEKS", "TALKS", "WINS", "EXPECTS"};
        bool caps_line = !words.empty() && !has_lowercase(before);
        std::size_t k = words.size();
        if (caps_line) {
            while (k > 0) {
                std::string w = words[k - 1];
                while (!w.empty() && (w.back() == ',' || w.back() == ':' || w.back() == '\'')) w.pop_back();
                if ((w == "AND" || w == "&") && k < words.size()) {
                    // "ELI LILLY AND CO <LLY>": keep going when only legal words follow
                    bool only_legal = true;
                    for (std::size_t q = k; q < words.size(); ++q)
                        if (!is_legal_suffix(words[q]) && !iequals(words[q], "sons")) only_legal = false;
                    if (only_legal) { --k; continue; }
                }
                if (w.empty() || stop.count(w) || w.find('>') != std::string::npos) break;
                if (w.find('/') != std::string::npos) {
                    // "TALKING POINT/BANKAMERICA": keep what follows the slash
                    std::string tail = w.substr(w.rfind('/') + 1);
                    if (!tail.empty()) {
                        starts[k - 1] += w.rfind('/') + 1;
                        words[k - 1] = tail;
                        --k;
                    }
                    break;
                }
                --k;
            }
        }
        if (caps_line && k < words.size()) {
            std::vector<std::string> name_words(words.begin() + long(k), words.end());
            m.b = starts[k];
            m.e = starts.back() + words.back().size();
            std::string name = title_case_words(join(name_words, 0, name_words.size()));
            m.words = split_words(name);
            m.forced_name = name;
        } else if (auto it = I.tickers.find(ticker); it != I.tickers.end()) {
            m.b = mk.b;
            m.e = mk.e;
            m.forced_name = it->second;
            m.words = split_words(it->second);
        } else {
            m.b = mk.b;
            m.e = mk.e;
            m.words = {ticker};
            m.forced_name = ticker;
        }
        auto pos = std::lower_bound(mentions.begin(), mentions.end(), m,
                                    [](const Mention& a, const Mention& b) { return a.b < b.b; });
        std::size_t at = std::size_t(pos - mentions.begin());
        for (auto& ta : ticker_alias)
            if (ta.first >= at) ++ta.first;
        mentions.insert(pos, std::move(m));
        ticker_alias.push_back({at, ticker});
    }

    // ---- clustering: exact forms first, then short mentions to long ones ----
    std::vector<Cluster> clusters;
    auto key_words = [&](const Mention& m) {
        std::vector<std::string> w = m.words;
        if (m.type == 1) w = split_words(strip_company(join(w, 0, w.size())));
        return w;
    };
    auto lower_words = [](std::vector<std::string> w) {
        for (auto& x : w) x = lower_ascii(x);
        return w;
    };
    std::vector<std::size_t> order(mentions.size());
    std::iota(order.begin(), order.end(), 0);
    // Full forms first: names with a legal suffix or from a Reuters mark, then
    // by length, so that "Amoco" finds "Amoco Corp" before "Amoco Fabrics Co".
    auto full_form = [&](const Mention& m) {
        return m.company_mark || (m.type == 1 && m.words.size() > 1 && is_legal_suffix(m.words.back()));
    };
    // Key words of each mention (legal suffix stripped for organisations),
    // computed once: as written and lower-cased.
    std::vector<std::vector<std::string>> keys(mentions.size()), lkeys(mentions.size());
    std::vector<std::size_t> key_len(mentions.size());
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        keys[k] = key_words(mentions[k]);
        lkeys[k] = lower_words(keys[k]);
        key_len[k] = keys[k].size();
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        bool fa = full_form(mentions[a]), fb = full_form(mentions[b]);
        if (fa != fb) return fa;
        return key_len[a] > key_len[b];
    });
    std::map<std::pair<int, std::vector<std::string>>, int> by_key;
    for (std::size_t mi : order) {
        Mention& m = mentions[mi];
        const auto& kw = lkeys[mi];
        auto it = by_key.find({m.type, kw});
        if (it == by_key.end() && kw.size() == 1 && m.type == 0) it = by_key.find({1, kw});  // "Gould" = "Gould Inc"
        if (it != by_key.end()) {
            m.cluster = it->second;
            clusters[it->second].mentions.push_back(mi);
            clusters[it->second].company_mark |= m.company_mark;
            continue;
        }
        // Short mention of a longer name?  (Not for explicit full names.)
        int best = -1;
        std::size_t best_dist = std::string::npos;
        for (std::size_t c = 0; !full_form(m) && c < clusters.size(); ++c) {
            const auto& full = clusters[c].full;
            auto fl = lower_words(full);
            if (fl.size() <= kw.size()) continue;
            bool match = false;
            if (clusters[c].type == 0) {
                // "Kalanick" -> "Travis Kalanick"; "Xi" -> "Xi Jinping".
                if (kw.size() == 1 && (fl.back() == kw[0] || fl.front() == kw[0])) match = true;
                if (kw.size() >= 2 && std::equal(kw.begin(), kw.end(), fl.end() - long(kw.size()))) match = true;
            } else if (m.type == 1 || (kw.size() == 1 && !m.company_mark)) {
                if (std::equal(kw.begin(), kw.end(), fl.begin())) match = true;  // "Apple" -> "Apple Computer"
                if (kw.size() == 1 && kw[0].size() >= 2 && !has_lowercase(m.words[0])) {
                    // acronym of the long name: "IBM", "OPEC"
                    std::string acro;
                    for (auto& w : full)
                        if (!w.empty() && is_upper_c(w[0])) acro += char(std::tolower((unsigned char)w[0]));
                    std::string k0;
                    for (char ch : kw[0])
                        if (ascii_alnum((unsigned char)ch)) k0 += ch;
                    if (acro == k0) match = true;
                }
            }
            if (!match) continue;
            // nearest mention of the cluster
            std::size_t dist = std::string::npos;
            for (auto o : clusters[c].mentions) {
                std::size_t d = mentions[o].b > m.b ? mentions[o].b - m.b + 1000000 : m.b - mentions[o].b;
                dist = std::min(dist, d);
            }
            if (dist < best_dist) { best_dist = dist; best = int(c); }
        }
        if (best >= 0) {
            m.cluster = best;
            clusters[best].mentions.push_back(mi);
            clusters[best].company_mark |= m.company_mark;
            by_key[{m.type, kw}] = best;
            continue;
        }
        Cluster c;
        c.type = m.type;
        c.mentions.push_back(mi);
        c.full = keys[mi];
        c.company_mark = m.company_mark;
        m.cluster = int(clusters.size());
        by_key[{m.type, kw}] = m.cluster;
        clusters.push_back(std::move(c));
    }
    auto find = [&](int c) {
        while (clusters[c].parent >= 0) c = clusters[c].parent;
        return c;
    };
    auto unite = [&](int a, int b) {
        a = find(a);
        b = find(b);
        if (a == b || clusters[a].type != clusters[b].type) return;
        // keep the one with the longer name as root
        if (clusters[b].full.size() > clusters[a].full.size()) std::swap(a, b);
        clusters[b].parent = a;
        for (auto mi : clusters[b].mentions) clusters[a].mentions.push_back(mi);
        clusters[a].company_mark |= clusters[b].company_mark;
        for (auto& x : clusters[b].extra_aliases) clusters[a].extra_aliases.insert(x);
        clusters[b].mentions.clear();
    };
    for (auto& [mi, ticker] : ticker_alias)
        if (mi < mentions.size() && mentions[mi].cluster >= 0) clusters[find(mentions[mi].cluster)].extra_aliases.insert(ticker);

    // "X (Y)", "X (also known as Y)", "X, also known as Y": link.
    {
        std::map<std::pair<std::size_t, std::size_t>, std::size_t> at_start;  // (sent, tb) -> mention
        for (std::size_t k = 0; k < mentions.size(); ++k)
            if (mentions[k].te > mentions[k].tb) at_start[{mentions[k].sent, mentions[k].tb}] = k;
        for (std::size_t k = 0; k < mentions.size(); ++k) {
            const Mention& a = mentions[k];
            if (a.te <= a.tb) continue;
            const auto& sent = doc[a.sent];
            std::size_t p = a.te;
            bool paren = p < sent.size() && sent[p] == "(";
            bool comma = p < sent.size() && sent[p] == ",";
            if (!paren && !comma) continue;
            ++p;
            std::size_t q = p;
            static const std::vector<std::vector<std::string>> intros = {
                {"also", "known", "as"}, {"known", "as"}, {"better", "known", "as"}, {"aka"}, {"a.k.a."},
                {"formerly", "known", "as"}, {"formerly"}, {"or"}, {"also", "called"}};
            bool intro = false;
            for (auto& in : intros) {
                if (q + in.size() > sent.size()) continue;
                bool ok = true;
                for (std::size_t r = 0; r < in.size(); ++r)
                    if (lower_ascii(sent[q + r]) != in[r]) ok = false;
                if (ok) { q += in.size(); intro = true; break; }
            }
            if (comma && !intro) continue;
            auto it = at_start.find({a.sent, q});
            if (it != at_start.end()) {
                const Mention& b = mentions[it->second];
                std::size_t end = b.te;
                if (paren && !(end < sent.size() && sent[end] == ")")) continue;
                if (a.cluster >= 0 && b.cluster >= 0) {
                    if (mentions[it->second].type != a.type) mentions[it->second].type = a.type;
                    if (clusters[find(a.cluster)].type == clusters[find(b.cluster)].type) unite(a.cluster, b.cluster);
                }
            } else if (paren) {
                // Capitalised run inside the parentheses, up to ")".
                std::size_t r = q;
                while (r < sent.size() && sent[r] != ")" && !sent[r].empty() &&
                       (is_upper_c(sent[r][0]) || sent[r] == "&" || sent[r] == "."))
                    ++r;
                if (r == q || r >= sent.size() || sent[r] != ")" || r - q > 5) continue;
                if (r - q == 1 && sent[q].size() < 2) continue;
                std::vector<std::string> words(sent.begin() + long(q), sent.begin() + long(r));
                std::string name = join(words, 0, words.size());
                std::string lower = lower_ascii(name);
                if (is_noise_name(lower) || is_date_word(lower) || junk_name(words)) continue;
                Mention m;
                const std::size_t base = tk.sentences[a.sent].first;
                m.b = tk.tokens[base + q].b;
                m.e = tk.tokens[base + r - 1].e;
                m.type = a.type;
                m.words = words;
                m.sent = a.sent;
                m.tb = q;
                m.te = r;
                Cluster c;
                c.type = m.type;
                c.full = words;
                c.mentions.push_back(mentions.size());
                m.cluster = int(clusters.size());
                clusters.push_back(c);
                const int a_cluster = a.cluster;  // `a` refers into `mentions`, which push_back may move
                mentions.push_back(m);
                unite(a_cluster, m.cluster);
            }
        }
    }

    // ---- all-caps sentences (headlines): mentions of names already found ----
    {
        std::vector<std::pair<std::vector<std::string>, int>> forms;  // lower words -> cluster
        for (auto& m : mentions) {
            if (m.cluster < 0) continue;
            auto w = lower_words(key_words(m));
            if (w.empty()) continue;
            if (w.size() == 1 && (w[0].size() < 3 || is_noise_name(w[0]) || is_date_word(w[0]))) continue;
            forms.push_back({w, m.cluster});
        }
        std::sort(forms.begin(), forms.end(), [](auto& a, auto& b) { return a.first.size() > b.first.size(); });
        for (std::size_t s = 0; s < doc.size(); ++s) {
            if (!caps_sentence[s]) continue;
            const std::size_t base = tk.sentences[s].first;
            std::vector<std::string> lw;
            for (auto w : doc[s]) lw.push_back(lower_ascii(w));
            for (std::size_t i = 0; i < lw.size(); ++i) {
                if (in_mark(tk.tokens[base + i].b, tk.tokens[base + i].e)) continue;
                for (auto& [f, c] : forms) {
                    if (i + f.size() > lw.size() || !std::equal(f.begin(), f.end(), lw.begin() + long(i))) continue;
                    std::size_t e = tk.tokens[base + i + f.size() - 1].e;
                    bool overlap = false;
                    for (auto& m : mentions)
                        if (m.b < e && m.e > tk.tokens[base + i].b) overlap = true;
                    if (overlap) break;
                    Mention m;
                    m.b = tk.tokens[base + i].b;
                    m.e = e;
                    m.type = clusters[find(c)].type;
                    m.words.assign(doc[s].begin() + long(i), doc[s].begin() + long(i + f.size()));
                    m.cluster = c;
                    clusters[find(c)].mentions.push_back(mentions.size());
                    mentions.push_back(std::move(m));
                    i += f.size() - 1;
                    break;
                }
            }
        }
    }

    // ---- build entities ----
    std::vector<Entity> out;
    std::unordered_map<std::string, std::size_t> by_id[3];
    for (std::size_t ci = 0; ci < clusters.size(); ++ci) {
        Cluster& c = clusters[ci];
        if (c.parent >= 0 || c.mentions.empty()) continue;
        // Display name: the longest form (org: legal suffix stripped), mixed case preferred.
        std::string display, forced;
        std::size_t best_len = 0;
        bool best_mixed = false;
        std::set<std::string> surfaces;
        for (auto mi : c.mentions) {
            const Mention& m = mentions[mi];
            std::string surface = m.surface.empty() ? join(m.words, 0, m.words.size()) : m.surface;
            surfaces.insert(surface);
            if (!m.forced_name.empty()) forced = m.forced_name;
            std::string form = c.type == 1 ? strip_company(surface) : surface;
            bool mixed = has_lowercase(form);
            std::size_t len = split_words(form).size();
            if ((mixed && !best_mixed) || (mixed == best_mixed && (len > best_len || (len == best_len && form.size() > display.size())))) {
                display = form;
                best_len = len;
                best_mixed = mixed;
            }
        }
        if (!best_mixed && !forced.empty()) display = c.type == 1 ? strip_company(forced) : forced;
        if (!best_mixed && forced.empty()) {
            // ALL CAPS only: keep short acronyms, title-case longer names
            if (display.size() > 5 || display.find(' ') != std::string::npos) display = title_case_words(display);
        }
        // Places ("Venice", "Quebec", "Denver" in a price table) and things that
        // are not entities ("Star Wars", "App Store", "Covid-19"), unless a
        // Reuters mark or a legal suffix makes them a company.
        {
            bool all_places = true, all_things = true, explicit_company = c.company_mark;
            for (auto& sname : surfaces) {
                std::string form = c.type == 1 ? strip_company(sname) : sname;
                if (form.size() > 4 && iequals(std::string_view(form).substr(0, 4), "the ")) form = form.substr(4);
                if (c.type == 1 && form != sname && split_words(form).size() < split_words(sname).size())
                    explicit_company = true;  // had a legal suffix
                if (!I.places.count(form)) all_places = false;
                if (!I.not_entities.count(form)) all_things = false;
            }
            // "War Powers Act", "Strategic Defence Initiative", "Louvre Accord", "Illinois Democrat"
            static const WordSet thing_heads = {"act", "treaty", "accord", "accords", "plan", "initiative",
                                                "programme", "program", "summit", "talks", "round", "democrat",
                                                "republican", "democrats", "republicans", "congressmen"};
            {
                auto dw = split_words(display);
                if (!dw.empty() && thing_heads.count(dw.back())) all_things = true;
            }
            if ((all_places || all_things) && !explicit_company && !surfaces.empty()) {
                bool in_table = false;
                for (auto& sname : surfaces)
                    for (EntityType t : {EntityType::Person, EntityType::Company, EntityType::Organization})
                        if (I.lookup(t, I.name_slug(sname, t))) in_table = true;
                if (!in_table) continue;
            }
        }
        // Type.
        EntityType type = EntityType::Person;
        const AliasEntry* alias = nullptr;
        if (c.type == 0) {
            alias = I.lookup(EntityType::Person, entity_slug(display));
            // "E.F. Hutton", "Chase Manhattan": names of people that the alias table knows as companies
            if (!alias && (alias = I.lookup(EntityType::Company, I.name_slug(display, EntityType::Company))))
                type = EntityType::Company;
        } else {
            // alias tables decide first
            for (EntityType t : {EntityType::Company, EntityType::Organization}) {
                if (alias) break;
                for (auto& sname : surfaces)
                    if ((alias = I.lookup(t, I.name_slug(sname, t)))) { type = t; break; }
                if (!alias && (alias = I.lookup(t, I.name_slug(display, t)))) type = t;
            }
            if (!alias) {
                double score = 0;
                if (c.company_mark) score += 10;
                std::string dl = lower_ascii(display);
                auto dw = split_words(dl);
                for (auto& sname : surfaces) {
                    auto w = split_words(lower_ascii(sname));
                    if (w.size() > 1 && is_legal_suffix(w.back())) score += w.back() == "group" ? 1 : 4;
                }
                {
                    std::uint64_t h = 0xcbf29ce484222325ULL;
                    for (std::size_t k = 0; k < dw.size(); ++k) {
                        if (k) h = ner::hash_bytes(h, " ");
                        h = ner::hash_bytes(h, dw[k]);
                    }
                    if (I.lex.company_names.count(h)) score += 2;
                }
                for (std::size_t k = 0; k < dw.size(); ++k) {
                    if (org_keyword_set().count(dw[k])) score -= 3;
                    if (dw[k] == "bank" && k + 2 < dw.size() + 1 && k + 1 < dw.size() && dw[k + 1] == "of" &&
                        k + 2 < dw.size() && countries().count(dw[k + 2]))
                        score -= 5;
                    if (dw[k] == "central" && k + 1 < dw.size() && dw[k + 1] == "bank") score -= 5;
                }
                // Context around the mentions.
                for (auto mi : c.mentions) {
                    const Mention& m = mentions[mi];
                    if (m.te <= m.tb) continue;
                    const auto& sent = doc[m.sent];
                    auto lw = [&](long i) { return i >= 0 && i < long(sent.size()) ? lower_ascii(sent[i]) : std::string(); };
                    long b = long(m.tb), e = long(m.te);
                    std::string p1 = lw(b - 1), p2 = lw(b - 2), n1 = lw(e), n2 = lw(e + 1);
                    if ((p1 == "of" && (p2 == "shares" || p2 == "stake" || p2 == "acquisition" || p2 == "unit" ||
                                        p2 == "subsidiary" || p2 == "takeover" || p2 == "stock")) ||
                        (p1 == "in" && p2 == "stake") || (p1 == "for" && p2 == "bid") || p1 == "acquire" ||
                        p1 == "acquired")
                        score += 1.5;
                    if (n1 == "shares" || n1 == "stock" || n1 == "inc" || n1 == "corp" || n1 == "earnings" ||
                        n1 == "shareholders" || n1 == "stockholders" || (n1 == "chief" && n2 == "executive") ||
                        (n1 == "'s" && (n2 == "shares" || n2 == "stock" || n2 == "board" || n2 == "earnings")))
                        score += 1.5;
                    if (n1 == "minister") score -= 1;
                    // "Commerce Secretary", "Foreign Ministry", "Ways and Means subcommittee"
                    if (n1 == "secretary" || n1 == "department" || n1 == "ministry" || n1 == "committee" ||
                        n1 == "subcommittee")
                        score -= 4;
                }
                type = score >= 0 ? EntityType::Company : EntityType::Organization;
            }
        }
        Entity ent;
        ent.type = type;
        if (alias) {
            ent.id = alias->id;
            ent.name = alias->display;
            for (auto& nm : alias->names)
                if (nm != ent.name && !looks_like_slug(nm)) c.extra_aliases.insert(nm);
        } else {
            ent.id = I.name_slug(display, type);
            ent.name = display;
        }
        if (ent.id.empty()) continue;
        for (auto mi : c.mentions) {
            ent.offsets.push_back({mentions[mi].b, mentions[mi].e});
        }
        std::sort(ent.offsets.begin(), ent.offsets.end());
        ent.offsets.erase(std::unique(ent.offsets.begin(), ent.offsets.end()), ent.offsets.end());
        ent.mentions = ent.offsets.size();
        std::set<std::string> al, seen_lower = {lower_ascii(ent.name)};
        auto add_alias = [&](const std::string& x) {
            if (x.size() < 2 || !seen_lower.insert(lower_ascii(x)).second) return;
            al.insert(x);
        };
        for (auto& sname : surfaces)
            if (has_lowercase(sname)) add_alias(sname);
        for (auto& x : c.extra_aliases) add_alias(x);
        for (auto& sname : surfaces) add_alias(sname);
        ent.aliases.assign(al.begin(), al.end());
        // Same id from two clusters: merge.
        auto& idx = by_id[type_index(type)];
        auto it = idx.find(ent.id);
        if (it != idx.end()) {
            absorb(out[it->second], ent);
            continue;
        }
        idx[ent.id] = out.size();
        out.push_back(std::move(ent));
    }

    // ---- metadata entities ----
    auto add_meta = [&](const std::string& raw, EntityType type) {
        std::string name = raw;
        while (!name.empty() && is_space(name.back())) name.pop_back();
        if (name.empty()) return;
        bool slug = looks_like_slug(name);
        std::string id = canonical_id(name, type);
        if (id.empty()) return;
        const AliasEntry* alias = I.lookup(type, id);
        std::string display = alias ? alias->display : name;
        if (slug && !alias) {
            std::string spaced = name;
            std::replace(spaced.begin(), spaced.end(), '-', ' ');
            display = (type == EntityType::Organization && spaced.size() <= 5) ? [&] {
                std::string u = spaced;
                for (auto& ch : u) ch = char(std::toupper((unsigned char)ch));
                return u;
            }() : title_case_words(spaced);
        }
        // Find an extracted entity: same id (any type), or for persons a
        // surname-only entity whose id ends the metadata id.
        Entity* match = nullptr;
        for (auto& e : out) {
            if (e.id == id) { match = &e; break; }
        }
        if (!match) {
            for (auto& e : out) {
                for (auto& a : e.aliases)
                    if (I.name_slug(a, e.type) == id) { match = &e; break; }
                if (match) break;
            }
        }
        if (!match && type == EntityType::Person) {
            Entity* cand = nullptr;
            int n = 0;
            for (auto& e : out)
                if (e.type == EntityType::Person && id.size() > e.id.size() &&
                    id.compare(id.size() - e.id.size(), e.id.size(), e.id) == 0 && id[id.size() - e.id.size() - 1] == '-') {
                    cand = &e;
                    ++n;
                }
            if (n == 1) match = cand;
        }
        if (match) {
            if (match->id != id) {
                if (match->name != display) {
                    std::set<std::string> a(match->aliases.begin(), match->aliases.end());
                    a.insert(match->name);
                    a.erase(display);
                    match->aliases.assign(a.begin(), a.end());
                }
                match->id = id;
                // keep the text's fuller display when it slugs to the same id
                if (I.name_slug(match->name, type) != id) match->name = display;
            }
            match->type = type;
            return;
        }
        Entity e;
        e.id = id;
        e.name = display;
        e.type = type;
        if (!slug && display != name) e.aliases.push_back(name);
        out.push_back(std::move(e));
    };
    for (auto& n : article.persons) add_meta(n, EntityType::Person);
    for (auto& n : article.companies) add_meta(n, EntityType::Company);
    for (auto& n : article.organizations) add_meta(n, EntityType::Organization);
    if (auto it = article.tags.find("people"); it != article.tags.end())
        for (auto& n : it->second) add_meta(n, EntityType::Person);
    if (auto it = article.tags.find("orgs"); it != article.tags.end())
        for (auto& n : it->second) add_meta(n, EntityType::Organization);
    if (auto it = article.tags.find("companies"); it != article.tags.end())
        for (auto& n : it->second) add_meta(n, EntityType::Company);

    // Entities that ended with the same id after metadata merge.
    {
        std::vector<Entity> merged;
        std::map<std::pair<int, std::string>, std::size_t> seen;
        for (auto& e : out) {
            auto key = std::make_pair(int(e.type), e.id);
            auto it = seen.find(key);
            if (it == seen.end()) {
                seen[key] = merged.size();
                merged.push_back(std::move(e));
                continue;
            }
            absorb(merged[it->second], e);
        }
        out = std::move(merged);
    }
    std::sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) {
        if (a.type != b.type) return int(a.type) < int(b.type);
        if (a.mentions != b.mentions) return a.mentions > b.mentions;
        return a.name < b.name;
    });
    return out;
}

}  // namespace newsdex
