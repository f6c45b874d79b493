// Feature extraction, model storage and Viterbi decoding for the NER tagger.
#include "common/entities/ner.h"
#include "common/text/ascii.h"

#include "newsdex/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <span>
#include <sstream>

namespace newsdex::ner {

namespace {
const char* const kTagNames[kNumTags] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
const char* const kTypeNames[4] = {"PER", "ORG", "LOC", "MISC"};

inline bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(unsigned char c) { return (c >= 'a' && c <= 'z') || c >= 0x80; }
inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
}  // namespace

const char* tag_name(int tag) { return tag >= 0 && tag < kNumTags ? kTagNames[tag] : "?"; }
int tag_from_name(std::string_view name) {
    for (int i = 0; i < kNumTags; ++i)
        if (name == kTagNames[i]) return i;
    return -1;
}
const char* type_name(int type) { return type >= 0 && type < 4 ? kTypeNames[type] : "?"; }

std::string ascii_lower(std::string_view s) { return ascii::lower(s); }

std::string ascii_title_case(std::string_view s) {
    std::string r(s);
    bool start = true;
    for (auto& c : r) {
        if (std::isalpha((unsigned char)c)) {
            c = start ? ascii::to_upper(c) : ascii::to_lower(c);
            start = false;
        } else {
            start = c == ' ' || c == '-' || c == '/' || c == '(' || c == '.';
        }
    }
    return r;
}

std::string normalise_form(std::string_view w) {
    std::string r;
    r.reserve(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
        if ((unsigned char)w[i] == 0xE2 && i + 2 < w.size() && (unsigned char)w[i + 1] == 0x80) {
            unsigned char c = (unsigned char)w[i + 2];
            char repl = c == 0x98 || c == 0x99 ? '\'' : c == 0x9C || c == 0x9D ? '"' : c == 0x93 || c == 0x94 ? '-' : 0;
            if (repl) {
                r.push_back(repl);
                i += 2;
                continue;
            }
        }
        r.push_back(w[i]);
    }
    return r;
}

std::string normalise_lower(std::string_view w) { return ascii_lower(normalise_form(w)); }

bool starts_upper(std::string_view w) {
    if (w.empty()) return false;
    const unsigned char c0 = (unsigned char)w[0];
    if (c0 < 0x80) return is_upper(c0);
    if (w.size() < 2 || (c0 & 0xE0) != 0xC0) return false;  // only 2-byte sequences have capitals here
    const unsigned cp = ((c0 & 0x1Fu) << 6) | ((unsigned char)w[1] & 0x3Fu);
    if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;     // Latin-1 (not the times sign)
    if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;  // Latin Extended-A pairs
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return cp % 2 == 1;
    if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
    if (cp == 0x178) return true;
    if (cp >= 0x391 && cp <= 0x3AB) return true;  // Greek
    if (cp >= 0x400 && cp <= 0x42F) return true;  // Cyrillic
    return false;
}

// ---------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------

const std::vector<std::string>& legal_suffix_words() {
    static const std::vector<std::string> v = {
        "inc",     "inc.",   "incorporated", "corp",       "corp.",      "corporation", "co",     "co.", "ltd",  "ltd.",
        "limited", "plc",    "ag",           "sa",         "s.a.",       "nv",          "n.v.",   "bv",  "b.v.", "gmbh",
        "llc",     "l.p.",   "lp",           "holdings",   "group",      "spa",         "s.p.a.", "ab",  "asa",  "oy",
        "oyj",     "kk",     "k.k.",         "pty",        "bhd",        "srl",         "cos",    "cie", "se",   "kgaa",
        "lp.",     "l.l.c.", "bancorp",      "bancshares", "industries", "pte",         "tbk",    "sab"};
    return v;
}

const std::vector<std::string>& title_words() {
    static const std::vector<std::string> v = {
        "mr",           "mr.",         "mrs",       "mrs.",     "ms",        "ms.",         "dr",         "dr.",
        "prof",         "prof.",       "sir",       "dame",     "lord",      "lady",        "president",  "chairman",
        "chairwoman",   "chairperson", "ceo",       "minister", "premier",   "senator",     "sen.",       "sen",
        "rep.",         "rep",         "gov.",      "governor", "king",      "queen",       "prince",     "princess",
        "pope",         "judge",       "justice",   "general",  "gen.",      "col.",        "colonel",    "capt.",
        "captain",      "lt.",         "sgt.",      "adm.",     "admiral",   "secretary",   "chancellor", "mayor",
        "ambassador",   "director",    "executive", "officer",  "spokesman", "spokeswoman", "analyst",    "economist",
        "coach",        "manager",     "vice",      "deputy",   "chief",     "prime",       "father",     "rev.",
        "reverend",     "sheikh",      "st.",       "messrs",   "messrs.",   "mme",         "herr",       "monsieur",
        "madame",       "emperor",     "ayatollah", "cardinal", "bishop",    "rabbi",       "founder",    "treasurer",
        "commissioner", "speaker",     "leader",    "sultan"};
    return v;
}

const std::vector<std::string>& org_keywords() {
    static const std::vector<std::string> v = {
        "ministry",     "commission",   "university",  "party",       "union",     "council",  "agency",
        "department",   "committee",    "federation",  "association", "institute", "court",    "parliament",
        "congress",     "senate",       "government",  "authority",   "board",     "bureau",   "office",
        "organisation", "organization", "league",      "club",        "fc",        "army",     "police",
        "reserve",      "fund",         "foundation",  "church",      "college",   "school",   "academy",
        "assembly",     "exchange",     "secretariat", "tribunal",    "front",     "movement", "alliance",
        "cabinet",      "navy",         "treasury",    "centre",      "center",    "society",  "united",
        "city",         "rovers",       "athletic",    "wanderers",   "county",    "national", "federal",
        "central",      "nations",      "community",   "opec",        "gatt",      "nato",     "imf",
        "ec",           "eu",           "un",          "u.n.",        "fed",       "sec",      "ftc",
        "fda",          "uefa",         "fifa",        "interpol",    "police",    "guard",    "forces",
        "brigade"};
    return v;
}

const std::vector<std::string>& org_head_words() {
    static const std::vector<std::string> v = {
        "records",  "studios",   "airways",  "airline", "press",        "orchestra",    "band",
        "ensemble", "choir",     "brothers", "motors",  "associates",   "publishing",   "productions",
        "pictures", "films",     "team",     "racing",  "broadcasting", "television",   "radio",
        "magazine", "newspaper", "journal",  "railway", "railways",     "railroad",     "hospital",
        "museum",   "theatre",   "theater",  "gallery", "library",      "laboratories", "labs",
        "network",  "channel",   "quartet",  "trio",    "singers",      "players",      "company"};
    return v;
}

const std::vector<std::string>& date_words() {
    static const std::vector<std::string> v = {
        "monday",   "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march",    "april",     "may",      "june",   "july",     "august", "september",
        "october",  "november", "december",  "jan",      "feb",    "mar",      "apr",    "jun",
        "jul",      "aug",      "sep",       "sept",     "oct",    "nov",      "dec"};
    return v;
}

std::vector<std::string> read_list(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw SystemError("cannot read data file " + path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        if (tab != std::string::npos) line.resize(tab);
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

void Lexicon::add_words(const std::vector<std::string>& words, std::uint32_t flag) {
    for (const auto& w : words) flags[hash_str(ascii_lower(w))] |= flag;
}

void Lexicon::add_company(std::string_view name) {
    std::string lower = ascii_lower(name);
    std::uint64_t h = fnv::kOffsetBasis;
    std::size_t n = 0, pos = 0;
    bool first = true;
    while (pos < lower.size()) {
        while (pos < lower.size() && lower[pos] == ' ') ++pos;
        if (pos >= lower.size()) break;
        auto end = lower.find(' ', pos);
        if (end == std::string::npos) end = lower.size();
        if (!first) {
            company_prefixes.insert(h);
            h = hash_bytes(h, " ");
        }
        h = hash_bytes(h, std::string_view(lower).substr(pos, end - pos));
        first = false;
        ++n;
        pos = end;
    }
    if (n == 0) return;
    company_names.insert(h);
    max_company_tokens = std::max(max_company_tokens, n);
}

void Lexicon::load(const std::string& dir) {
    add_words(read_list(dir + "/first_names.txt"), kGzFirst);
    add_words(read_list(dir + "/first_names_rare.txt"), kGzFirstRare);
    add_words(read_list(dir + "/last_names.txt"), kGzLast);
    add_words(read_list(dir + "/last_names_rare.txt"), kGzLastRare);
    add_words(read_list(dir + "/company_words.txt"), kGzCompanyWord);
    add_words(legal_suffix_words(), kGzLegal);
    add_words(title_words(), kGzTitle);
    add_words(org_keywords(), kGzOrgWord);
    add_words(date_words(), kGzDate);
    add_words(org_head_words(), kGzOrgHead);
    // One-word place names of the extractor's optional place list.
    if (std::ifstream(dir + "/places.txt")) {
        std::vector<std::string> places;
        for (auto& p : read_list(dir + "/places.txt"))
            if (p.find(' ') == std::string::npos) places.push_back(p);
        add_words(places, kGzPlace);
    }
    for (const auto& c : read_list(dir + "/companies.txt")) add_company(c);
    if (std::ifstream(dir + "/word_clusters.txt")) load_clusters(dir + "/word_clusters.txt");
}

void Lexicon::load_clusters(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw SystemError("cannot read data file " + path);
    std::string line;
    std::size_t lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t'), tab2 = tab == std::string::npos ? tab : line.find('\t', tab + 1);
        const std::string_view bits =
            tab == std::string::npos ? std::string_view()
                                     : std::string_view(line).substr(
                                           tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1);
        const std::string_view cap =
            tab2 == std::string::npos ? std::string_view("4") : std::string_view(line).substr(tab2 + 1);
        if (tab == 0 || bits.empty() || bits.size() > 16 || bits.find_first_not_of("01") != std::string_view::npos ||
            cap.size() != 1 || cap[0] < '0' || cap[0] > '4')
            throw SystemError(path + ":" + std::to_string(lineno) +
                              ": expected WORD<TAB>BITS (1-16 of 0/1)<TAB>CAPS (0-4)");
        // packed into the 20 bits above the flags: 13 path bits, 4 length bits, 3 class bits
        const std::string_view kept = bits.substr(0, 13);
        std::uint32_t v = 0;
        for (char b : kept) v = (v << 1) | std::uint32_t(b == '1');
        const std::uint32_t packed = (std::uint32_t(cap[0] - '0' + 1) << 17) | (std::uint32_t(kept.size()) << 13) | v;
        std::uint32_t& f = flags[hash_str(normalise_lower(std::string_view(line).substr(0, tab)))];
        if (!(f >> 12)) ++cluster_words;
        f = (f & kGzMask) | (packed << 12);
    }
}

// ---------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------

namespace {

/// Hash of the word shape (X/x/d per character, runs longer than two
/// cut), computed without building the shape string.
std::uint64_t shape_hash(std::string_view w) {
    char buf[12];
    std::size_t len = 0;
    char last = 0;
    int run = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const unsigned char c = (unsigned char)w[i];
        if (c >= 0x80 && c < 0xC0) continue;  // UTF-8 continuation: one class per character
        char k = is_upper(c)   ? 'X'
                 : c >= 0xC0   ? (starts_upper(w.substr(i)) ? 'X' : 'x')
                 : is_lower(c) ? 'x'
                 : is_digit(c) ? 'd'
                               : char(c);
        if (k == last) {
            if (++run >= 2) continue;
        } else {
            run = 0;
        }
        buf[len++] = k;
        last = k;
        if (len >= 12) break;
    }
    return hash_str(std::string_view(buf, len));
}

/// Small open-addressing map uint64 -> V for per-document statistics.
template <typename V>
class FlatMap {
  public:
    void reset(std::size_t expected) {
        std::size_t cap = 16;
        while (cap < expected * 2) cap <<= 1;
        keys_.assign(cap, 0);
        // values are reset when their slot is taken (operator[]): clearing
        // them all here was a large memset per document
        if (vals_.size() < cap) vals_.resize(cap);
        mask_ = cap - 1;
    }
    V& operator[](std::uint64_t k) {
        if (!k) k = 1;
        std::size_t p = std::size_t(k) & mask_;
        while (keys_[p] && keys_[p] != k) p = (p + 1) & mask_;
        if (!keys_[p]) {
            keys_[p] = k;
            vals_[p] = V{};
        }
        return vals_[p];
    }
    const V* find(std::uint64_t k) const {
        if (!k) k = 1;
        std::size_t p = std::size_t(k) & mask_;
        while (keys_[p]) {
            if (keys_[p] == k) return &vals_[p];
            p = (p + 1) & mask_;
        }
        return nullptr;
    }

  private:
    std::vector<std::uint64_t> keys_;
    std::vector<V> vals_;
    std::size_t mask_ = 0;
};

struct Tok {
    std::string_view form;   ///< working form (case-restored in all-caps sentences)
    std::string_view lower;  ///< in a per-thread buffer (no allocation per token)
    std::uint64_t h_form = 0, h_lower = 0, h_shape = 0;
    std::uint32_t gz = 0;
    std::uint32_t cluster = 0;  ///< Lexicon::cluster_of() value, 0 = unknown word
    bool cap = false;           ///< first char upper-case
    bool restored = false;      ///< form case-restored from the rest of the document
    bool allcap_word = false;
    bool alpha = false;  ///< has a letter
};

struct DocStat {
    std::uint32_t lower_mid = 0, cap_mid = 0, after_first = 0, before_legal = 0, in_run = 0, total = 0;
    // Contexts of the other occurrences (Ratinov & Roth's context aggregation):
    std::uint32_t after_title = 0,  ///< "Mr. X", "President X"
        after_the = 0,              ///< "the X" in mid-sentence
        before_poss = 0,            ///< "X 's"
        before_org_word = 0;        ///< "X University", "X Party" (within 3 capitalised words)
};

/// Cluster path prefixes used as features (a shorter path is used whole).
constexpr int kClusterDepths[4] = {4, 6, 10, 13};
inline std::uint64_t cluster_prefix(std::uint32_t cluster, int depth) {
    if (!cluster) return 0;
    const int len = int((cluster >> 16) & 0xFF), d = std::min(depth, len);
    return (std::uint64_t(d) << 16 | ((cluster & 0xFFFFu) >> (len - d))) + 1;
}

/// Has w a 0xE2 byte (the lead byte of typographic quotes and dashes)?  An
/// inline loop: tokens are short, and a memchr call per token costs more.
inline bool has_byte_e2(std::string_view w) {
    for (unsigned char c : w)
        if (c == 0xE2) return true;
    return false;
}
inline bool has_lower(std::string_view w) {
    for (unsigned char c : w)
        if (c >= 'a' && c <= 'z') return true;
    return false;
}
inline bool has_alpha(std::string_view w) {
    for (unsigned char c : w)
        if (is_upper(c) || is_lower(c)) return true;
    return false;
}

}  // namespace

void extract_features(const std::vector<std::vector<std::string_view>>& doc, const Lexicon& lex, DocFeatures& out,
                      bool tag_caps) {
    const std::size_t ns = doc.size();
    // Which sentences are all caps (headlines, datelines)?
    std::vector<char> caps_sentence(ns, 0);
    for (std::size_t s = 0; s < ns; ++s) {
        int alpha = 0, lowered = 0;
        for (auto w : doc[s]) {
            if (has_alpha(w)) {
                ++alpha;
                if (has_lower(w)) ++lowered;
            }
        }
        caps_sentence[s] = alpha >= 1 && lowered == 0;
    }
    std::size_t ntok = 0;
    for (auto& s : doc) ntok += s.size();
    // Case restoration map: lower-case word -> most frequent form seen in
    // mixed-case sentences (non-initial occurrences count double).
    thread_local FlatMap<std::pair<std::string_view, int>> best_form;
    // Only needed when ALL-CAPS sentences get features.
    const bool restore = tag_caps && std::find(caps_sentence.begin(), caps_sentence.end(), 1) != caps_sentence.end();
    if (restore) {
        best_form.reset(ntok);
        thread_local FlatMap<int> counts;  // hash(form) -> weight
        counts.reset(ntok);
        for (std::size_t s = 0; s < ns; ++s) {
            if (caps_sentence[s]) continue;
            for (std::size_t t = 0; t < doc[s].size(); ++t) {
                auto w = doc[s][t];
                if (!has_alpha(w)) continue;
                int& c = counts[hash_str(w)];
                c += t == 0 ? 1 : 2;
                std::uint64_t key = fnv::kOffsetBasis;
                for (unsigned char ch : w) {
                    key ^= ascii::to_lower(ch);
                    key *= fnv::kPrime;
                }
                auto& b = best_form[key];
                if (c > b.second) b = {w, c};
            }
        }
    }

    // Per-token info, in flat per-thread buffers (no allocation per token).
    thread_local std::vector<Tok> tok_buf;
    thread_local std::vector<std::size_t> tok_off;
    thread_local std::string lower_buf, norm_buf;
    std::size_t nbytes = 0;
    for (auto& sent : doc)
        for (auto w : sent) nbytes += w.size();
    lower_buf.clear();
    lower_buf.reserve(nbytes);  // no reallocation below: the views stay valid
    norm_buf.clear();
    norm_buf.reserve(nbytes);
    tok_buf.assign(ntok, Tok{});
    tok_off.assign(ns + 1, 0);
    for (std::size_t s = 0; s < ns; ++s) tok_off[s + 1] = tok_off[s] + doc[s].size();
    auto sent_toks = [&](std::size_t s) { return std::span<Tok>(tok_buf.data() + tok_off[s], doc[s].size()); };
    for (std::size_t s = 0; s < ns; ++s) {
        auto ts = sent_toks(s);
        for (std::size_t t = 0; t < doc[s].size(); ++t) {
            Tok& k = ts[t];
            std::string_view w = doc[s][t];
            if (has_byte_e2(w)) {  // maybe typographic quotes or dashes
                const std::size_t nat = norm_buf.size();
                norm_buf += normalise_form(w);
                w = std::string_view(norm_buf.data() + nat, norm_buf.size() - nat);
            }
            const std::size_t at = lower_buf.size();
            std::uint64_t hl = fnv::kOffsetBasis;
            for (char c : w) {
                char l = ascii::to_lower(c);
                lower_buf.push_back(l);
                hl ^= (unsigned char)l;
                hl *= fnv::kPrime;
            }
            k.lower = std::string_view(lower_buf.data() + at, w.size());
            k.h_lower = hl;
            k.form = w;
            k.alpha = has_alpha(w);
            if (restore && caps_sentence[s] && k.alpha) {
                if (auto* bf = best_form.find(k.h_lower); bf && !bf->first.empty()) {
                    k.form = bf->first;
                    k.restored = true;
                }
            }
            k.cap = starts_upper(k.form);
            k.allcap_word = k.alpha && !has_lower(k.form);
        }
    }
    // Gazetteer flags: only needed within 3 tokens of a capitalised word or a
    // number (features and document statistics look no further).
    for (std::size_t s = 0; s < ns; ++s) {
        auto ts = sent_toks(s);
        const std::size_t n = ts.size();
        // two sweeps: distance to the nearest anchor on the left and on the right
        std::size_t left = std::size_t(-1) / 2;
        for (std::size_t t = 0; t < n; ++t) {
            if (ts[t].cap || (!ts[t].form.empty() && is_digit((unsigned char)ts[t].form[0]))) left = t;
            ts[t].gz = (left <= t && t - left <= 3) ? 1u : 0u;  // provisional mark
        }
        std::size_t right = std::size_t(-1) / 2;
        for (std::size_t t = n; t-- > 0;) {
            if (ts[t].cap || (!ts[t].form.empty() && is_digit((unsigned char)ts[t].form[0]))) right = t;
            ts[t].gz = ts[t].gz || (right >= t && right - t <= 3 && right < n);
            if (ts[t].gz) lex.flags.prefetch(ts[t].h_lower);  // looked up in the next sweep
            if (right == t) {  // a company-name match starts here: its first probes (hash of one word)
                lex.company_names.prefetch(ts[t].h_lower);
                lex.company_prefixes.prefetch(ts[t].h_lower);
            }
        }
    }
    for (std::size_t s = 0; s < ns; ++s) {
        auto ts = sent_toks(s);
        for (std::size_t t = 0; t < ts.size(); ++t) {
            const bool need = ts[t].gz;
            const std::uint32_t word = need ? lex.flags.get(ts[t].h_lower) : 0u;
            ts[t].gz = word & kGzMask;
            if (need) {  // form, shape and cluster: only features near names use them
                ts[t].cluster = Lexicon::cluster_of(word);
                ts[t].h_form = hash_str(ts[t].form);
                ts[t].h_shape = shape_hash(ts[t].form);
            }
        }
    }

    // Document statistics per lower-case word.
    static const std::uint64_t kHashThe = hash_str("the"), kHashPoss = hash_str("'s");
    thread_local FlatMap<DocStat> stats;
    stats.reset(ntok);
    for (std::size_t s = 0; s < ns; ++s) {
        auto ts = sent_toks(s);
        for (std::size_t t = 0; t < ts.size(); ++t) {
            const Tok& k = ts[t];
            if (!k.alpha) continue;
            DocStat& st = stats[k.h_lower];
            ++st.total;
            if (caps_sentence[s]) continue;
            if (!k.cap && (unsigned char)k.form[0] >= 'a') ++st.lower_mid;
            if (k.cap && t > 0) ++st.cap_mid;
            if (k.cap && t > 0 && ts[t - 1].cap && (ts[t - 1].gz & (kGzFirst | kGzFirstRare))) ++st.after_first;
            bool prev_cap = t > 0 && ts[t - 1].cap;
            bool next_cap = t + 1 < ts.size() && ts[t + 1].cap;
            if (k.cap && (prev_cap || next_cap)) ++st.in_run;
            if (k.cap) {
                for (std::size_t u = t + 1; u < ts.size() && u <= t + 3; ++u) {
                    if (ts[u].gz & kGzLegal) {
                        ++st.before_legal;
                        break;
                    }
                    if (ts[u].gz & kGzOrgWord) {
                        ++st.before_org_word;
                        break;
                    }
                    if (!ts[u].cap) break;
                }
                if (t > 0 && (ts[t - 1].gz & kGzTitle)) ++st.after_title;
                if (t > 0 && ts[t - 1].h_lower == kHashThe) ++st.after_the;
                if (t + 1 < ts.size() && ts[t + 1].h_lower == kHashPoss) ++st.before_poss;
            }
        }
    }

    out.feats.clear();
    out.token_begin.clear();
    out.sent_begin.clear();
    out.name_key.clear();
    out.name_key.reserve(ntok);
    out.doc_tagged = false;
    out.feats.reserve(ntok * 24);
    out.token_begin.reserve(ntok + 1);
    out.sent_begin.reserve(ns + 1);
    std::vector<std::uint8_t> comp;  // company-name match marks per token
    for (std::size_t s = 0; s < ns; ++s) {
        auto ts = sent_toks(s);
        const std::size_t n = ts.size();
        out.sent_begin.push_back(std::uint32_t(out.token_begin.size()));
        // Company gazetteer matches (longest first).
        comp.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            if (!(ts[i].cap || (!ts[i].form.empty() && is_digit((unsigned char)ts[i].form[0])))) continue;
            std::uint64_t h = fnv::kOffsetBasis;
            std::size_t best = 0;
            for (std::size_t j = i; j < n && j - i < lex.max_company_tokens; ++j) {
                if (j > i) h = hash_bytes(h, " ");
                h = hash_bytes(h, ts[j].lower);
                if (lex.company_names.count(h)) best = j - i + 1;
                if (!lex.company_prefixes.count(h)) break;
            }
            if (best) {
                comp[i] = best == 1 ? 3 : 1;
                for (std::size_t j = i + 1; j < i + best; ++j) comp[j] = 2;
                i += best - 1;
            }
        }
        const bool caps = caps_sentence[s];
        static const std::uint64_t kBos = hash_str("<S>"), kEos = hash_str("</S>");
        auto lower_at = [&](long j) -> std::uint64_t {
            if (j < 0) return kBos;
            if (j >= long(n)) return kEos;
            return ts[j].h_lower;
        };
        auto shape_at = [&](long j) -> std::uint64_t {
            if (j < 0) return kBos;
            if (j >= long(n)) return kEos;
            return ts[j].h_shape;
        };
        auto gz_at = [&](long j) -> std::uint32_t {
            if (j < 0 || j >= long(n)) return 0;
            return ts[j].gz | (ts[j].cap ? 1u << 20 : 0u);
        };
        for (std::size_t i = 0; i < n; ++i) {
            const Tok& k = ts[i];
            auto& f = out.feats;
            out.token_begin.push_back(std::uint32_t(f.size()));
            out.name_key.push_back(0);
            // A token that is not capitalised (nor a number) and has no
            // capitalised neighbour is outside any name: no features, the
            // decoder forces O.  Most running text is skipped this way.
            if (caps && !tag_caps) continue;
            if (!k.cap && !(k.alpha && is_digit((unsigned char)k.form[0])) && !(i > 0 && ts[i - 1].cap) &&
                !(i + 1 < n && ts[i + 1].cap))
                continue;
            if (k.cap && !(k.gz & (kGzTitle | kGzDate))) out.name_key.back() = k.h_lower;
            auto F = [&](std::uint64_t tid, std::uint64_t v) { f.push_back(feature_key(tid, v)); };
            const long I = long(i);
            F(1, 0);  // bias
            F(kFeatForm, k.h_form);
            F(kFeatLower, k.h_lower);
            F(4, k.h_shape);
            std::string_view lw = k.lower;
            {
                std::uint64_t hp = fnv::kOffsetBasis;
                for (std::size_t p = 1; p <= 4 && p < lw.size(); ++p) {
                    hp ^= (unsigned char)lw[p - 1];  // hash_str(lw.substr(0, p)), incrementally
                    hp *= fnv::kPrime;
                    F(10 + p, hp);
                    F(20 + p, hash_str(lw.substr(lw.size() - p)));
                }
            }
            F(30, lower_at(I - 1));
            F(31, lower_at(I - 2));
            F(32, lower_at(I + 1));
            F(33, lower_at(I + 2));
            F(34, hash_mix(lower_at(I - 1), k.h_lower));
            F(35, hash_mix(k.h_lower, lower_at(I + 1)));
            F(36, hash_mix(shape_at(I - 1), k.h_shape));
            F(37, hash_mix(k.h_shape, shape_at(I + 1)));
            F(38, hash_mix(hash_mix(shape_at(I - 1), k.h_shape), shape_at(I + 1)));
            F(39, hash_mix(lower_at(I - 1), k.h_shape));
            F(40, hash_mix(k.h_shape, lower_at(I + 1)));
            F(41, hash_mix(lower_at(I - 2), lower_at(I - 1)));
            F(42, hash_mix(lower_at(I + 1), lower_at(I + 2)));
            F(54, std::min<std::size_t>(k.form.size(), 12));
            F(55, std::min<std::size_t>(n, 6));
            if (i == 0) F(50, k.h_shape);
            if (i == 0) F(kFeatInitialLower, k.h_lower);
            if (caps) {
                F(52, k.h_shape);
                F(53, k.restored);
            }
            // Gazetteers.
            std::uint32_t g = gz_at(I), gp = gz_at(I - 1), gn = gz_at(I + 1);
            for (int b = 0; b < 11; ++b) {
                std::uint32_t bit = 1u << b;
                if (g & bit) F(60 + b, k.cap);
                if (gp & bit) F(70 + b, k.cap);
                if (gn & bit) F(80 + b, k.cap);
            }
            F(90, hash_mix(g, hash_mix(gp, gn)));
            if (comp[i]) {
                F(91, comp[i]);
                F(92, hash_mix(comp[i], k.h_shape));
            }
            if (i > 0 && comp[i - 1]) F(93, comp[i - 1]);
            if (i + 1 < n && comp[i + 1]) F(94, comp[i + 1]);
            // Word clusters from unlabelled news (Ratinov & Roth 2009): path
            // prefixes at several depths generalise to words CoNLL never shows.
            if (k.cluster) {
                for (int d = 0; d < 4; ++d) F(110 + d, cluster_prefix(k.cluster, kClusterDepths[d]));
                F(114, hash_mix(cluster_prefix(k.cluster, 6), k.cap));
                // usually lower case in running text, but capitalised here
                F(118, hash_mix(k.cluster >> 24, k.cap * 2 + (i == 0 || caps)));
            } else {
                F(115, k.cap);  // unknown word
            }
            if (i > 0) F(116, cluster_prefix(ts[i - 1].cluster, 6));
            if (i + 1 < n) F(117, cluster_prefix(ts[i + 1].cluster, 6));
            // Document-level evidence.
            if (k.alpha) {
                if (const DocStat* stp = stats.find(k.h_lower)) {
                    const DocStat& st = *stp;
                    if (k.cap && st.lower_mid) F(100, caps ? 1 : 0);
                    if (st.cap_mid) F(101, hash_mix(k.cap, i == 0 || caps));
                    if (st.after_first) F(102, k.cap);
                    if (st.before_legal) F(103, k.cap);
                    if (st.in_run) F(104, k.cap);
                    if (k.cap && !st.lower_mid && !st.cap_mid) F(105, i == 0 || caps);
                    F(106, std::min<std::uint32_t>(st.total, 4));
                    if (st.after_title) F(120, k.cap);
                    if (st.after_the) F(121, k.cap);
                    if (st.before_poss) F(122, k.cap);
                    if (st.before_org_word) F(123, k.cap);
                    // A lone capitalised word: news introduces a person by the full
                    // name, so one that is never part of a longer name, never after a
                    // first name or title in the document, is rarely a person.
                    if (k.cap && !(i > 0 && ts[i - 1].cap) && !(i + 1 < n && ts[i + 1].cap))
                        F(124, (st.in_run ? 1u : 0u) | (st.after_first ? 2u : 0u) | (st.after_title ? 4u : 0u) |
                                   (i == 0 || caps ? 8u : 0u));
                }
            }
        }
    }
    out.token_begin.push_back(std::uint32_t(out.feats.size()));
    out.sent_begin.push_back(std::uint32_t(out.token_begin.size() - 1));
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

bool transition_allowed(int prev, int cur) {
    if (cur == kO || tag_is_begin(cur)) return true;
    // I-X only after B-X or I-X
    return prev >= 0 && prev != kO && tag_type(prev) == tag_type(cur);
}

std::vector<int> viterbi(const std::vector<std::array<float, kNumTags>>& scores, const float* trans) {
    const std::size_t n = scores.size();
    std::vector<int> path(n);
    if (n == 0) return path;
    const float kNeg = -1e30f;
    static const auto allowed = [] {
        std::array<std::array<bool, kNumTags>, kNumTags + 1> a{};
        for (int p = -1; p < kNumTags; ++p)
            for (int c = 0; c < kNumTags; ++c) a[p + 1][c] = transition_allowed(p, c);
        return a;
    }();
    thread_local std::vector<std::array<float, kNumTags>> delta;
    thread_local std::vector<std::array<int, kNumTags>> back;
    delta.resize(n);
    back.resize(n);
    for (int c = 0; c < kNumTags; ++c) delta[0][c] = transition_allowed(-1, c) ? scores[0][c] + trans[c] : kNeg;
    for (std::size_t t = 1; t < n; ++t) {
        for (int c = 0; c < kNumTags; ++c) {
            if (scores[t][c] <= -1e8f) {  // forced out
                delta[t][c] = kNeg;
                back[t][c] = 0;
                continue;
            }
            float best = kNeg;
            int arg = 0;
            for (int p = 0; p < kNumTags; ++p) {
                if (!allowed[p + 1][c]) continue;
                float v = delta[t - 1][p] + trans[(p + 1) * kNumTags + c];
                if (v > best) {
                    best = v;
                    arg = p;
                }
            }
            delta[t][c] = best + scores[t][c];
            back[t][c] = arg;
        }
    }
    int arg = 0;
    for (int c = 1; c < kNumTags; ++c)
        if (delta[n - 1][c] > delta[n - 1][arg]) arg = c;
    for (std::size_t t = n; t-- > 0;) {
        path[t] = arg;
        if (t > 0) arg = back[t][arg];
    }
    return path;
}

// ---------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------

namespace {
constexpr char kMagic[8] = {'N', 'D', 'X', 'N', 'E', 'R', '0', '1'};
}

void Model::index() {
    std::size_t cap = 16;
    while (cap < ordered_keys_.size() * 2) cap <<= 1;
    table_.assign(cap, Entry{});
    tags_.assign(cap, 0);
    mask_ = cap - 1;
    for (std::size_t i = 0; i < ordered_keys_.size(); ++i) {
        std::uint64_t k = ordered_keys_[i] ? ordered_keys_[i] : 1;
        std::size_t p = k & mask_;
        while (table_[p].key) p = (p + 1) & mask_;
        table_[p].key = k;
        tags_[p] = tag_of(k);
        std::memcpy(table_[p].w, &weights_[i * kNumTags], sizeof(table_[p].w));
    }
    count_ = ordered_keys_.size();
}

const std::int16_t* Model::find(std::uint64_t key) const {
    if (!key) key = 1;
    const std::uint16_t tag = tag_of(key);
    std::size_t p = key & mask_;
    while (true) {
        const std::uint16_t t = tags_[p];
        if (!t) return nullptr;
        if (t == tag && table_[p].key == key) return table_[p].w;
        p = (p + 1) & mask_;
    }
}

void Model::build(const std::vector<std::uint64_t>& keys, const std::vector<float>& w, const std::vector<float>& trans,
                  double prune) {
    float maxabs = 1e-9f;
    for (float x : w) maxabs = std::max(maxabs, std::fabs(x));
    for (float x : trans) maxabs = std::max(maxabs, std::fabs(x));
    const float scale = 32000.0f / maxabs;
    ordered_keys_.clear();
    weights_.clear();
    for (std::size_t i = 0; i < keys.size(); ++i) {
        float m = 0;
        for (int t = 0; t < kNumTags; ++t) m = std::max(m, std::fabs(w[i * kNumTags + t]));
        if (m <= prune * maxabs) continue;
        ordered_keys_.push_back(keys[i]);
        for (int t = 0; t < kNumTags; ++t) weights_.push_back(std::int16_t(std::lround(w[i * kNumTags + t] * scale)));
    }
    for (std::size_t i = 0; i < trans_.size(); ++i) trans_[i] = std::int32_t(std::lround(trans[i] * scale));
    index();
}

void Model::save(const std::string& path) const {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw SystemError("cannot write " + path);
    out.write(kMagic, 8);
    std::uint32_t n = std::uint32_t(ordered_keys_.size()), nt = kNumTags;
    out.write(reinterpret_cast<const char*>(&nt), 4);
    out.write(reinterpret_cast<const char*>(&n), 4);
    for (auto v : trans_) {
        std::int32_t x = v;
        out.write(reinterpret_cast<const char*>(&x), 4);
    }
    // Sparse rows: key, 16-bit mask of non-zero tags, the non-zero weights.
    for (std::uint32_t i = 0; i < n; ++i) {
        out.write(reinterpret_cast<const char*>(&ordered_keys_[i]), 8);
        std::uint16_t mask = 0;
        for (int t = 0; t < kNumTags; ++t)
            if (weights_[std::size_t(i) * kNumTags + t]) mask |= std::uint16_t(1u << t);
        out.write(reinterpret_cast<const char*>(&mask), 2);
        for (int t = 0; t < kNumTags; ++t)
            if (mask & (1u << t)) out.write(reinterpret_cast<const char*>(&weights_[std::size_t(i) * kNumTags + t]), 2);
    }
    if (!out) throw SystemError("cannot write " + path);
}

void Model::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SystemError("cannot read NER model " + path);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t pos = 0;
    auto need = [&](std::size_t k) {
        if (pos + k > data.size()) throw SystemError("corrupt NER model " + path);
    };
    need(16);
    if (std::memcmp(data.data(), kMagic, 8) != 0) throw SystemError("not a newsdex NER model: " + path);
    pos = 8;
    std::uint32_t nt, n;
    std::memcpy(&nt, data.data() + pos, 4);
    std::memcpy(&n, data.data() + pos + 4, 4);
    pos += 8;
    if (nt != kNumTags) throw SystemError("incompatible NER model " + path);
    need(trans_.size() * 4);
    for (auto& v : trans_) {
        std::memcpy(&v, data.data() + pos, 4);
        pos += 4;
    }
    ordered_keys_.resize(n);
    weights_.assign(std::size_t(n) * kNumTags, 0);
    for (std::uint32_t i = 0; i < n; ++i) {
        need(10);
        std::memcpy(&ordered_keys_[i], data.data() + pos, 8);
        std::uint16_t mask;
        std::memcpy(&mask, data.data() + pos + 8, 2);
        pos += 10;
        for (int t = 0; t < kNumTags; ++t) {
            if (!(mask & (1u << t))) continue;
            need(2);
            std::memcpy(&weights_[std::size_t(i) * kNumTags + t], data.data() + pos, 2);
            pos += 2;
        }
    }
    index();
}

std::vector<int> Model::decode(const DocFeatures& doc, std::size_t s) const {
    if (!doc.doc_tagged) {
        // Scores of every token first, in one pass over the document's
        // features (the prefetches run ahead across sentences), then Viterbi.
        thread_local std::vector<Scores> scores;
        const std::size_t ntok = doc.token_begin.empty() ? 0 : doc.token_begin.size() - 1;
        scores.resize(ntok);
        if (ntok) score_tokens(doc, 0, ntok, scores.data());
        doc.doc_tags.resize(doc.sentences());
        for (std::size_t i = 0; i < doc.sentences(); ++i)
            doc.doc_tags[i] = viterbi_runs(doc, i, scores.data() + doc.sent_begin[i]);
        propagate_names(doc, doc.doc_tags);
        doc.doc_tagged = true;
    }
    return doc.doc_tags[s];
}

namespace {
/// Key of the token sequence keys[b..e) (order-sensitive).
std::uint64_t run_key(const std::uint64_t* keys, std::size_t b, std::size_t e) {
    std::uint64_t h = 0x51ed270b27a3c5b1ULL;
    for (std::size_t i = b; i < e; ++i) h = hash_mix(h, keys[i]);
    return h;
}
}  // namespace

void propagate_names(const DocFeatures& doc, std::vector<std::vector<int>>& tags) {
    // Names tagged by the first pass: whole strings -> type bits (1 PER, 2
    // ORG, 4 LOC, 8 MISC); words that start or end a multi-word person.
    // (a document has few names: sorted vectors, no hash table to clear per document)
    thread_local std::vector<std::pair<std::uint64_t, std::uint8_t>> names;
    thread_local std::vector<std::uint64_t> person_parts;
    names.clear();
    person_parts.clear();
    const std::uint64_t* key = doc.name_key.data();
    bool any = false;
    for (std::size_t s = 0; s < tags.size(); ++s) {
        const std::uint64_t* k = key + doc.sent_begin[s];
        const auto& t = tags[s];
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] == kO || (!tag_is_begin(t[i]) && i > 0 && tag_type(t[i - 1]) == tag_type(t[i]))) continue;
            std::size_t j = i + 1;
            while (j < t.size() && t[j] != kO && !tag_is_begin(t[j]) && tag_type(t[j]) == tag_type(t[i])) ++j;
            bool keyed = true;
            for (std::size_t u = i; u < j; ++u) keyed = keyed && k[u];
            if (!keyed) continue;
            names.push_back({run_key(k, i, j), std::uint8_t(1u << tag_type(t[i]))});
            if (tag_type(t[i]) == 0 && j - i >= 2) {
                person_parts.push_back(k[i]);
                person_parts.push_back(k[j - 1]);
            }
            any = true;
        }
    }
    if (!any) return;
    std::sort(names.begin(), names.end());
    std::sort(person_parts.begin(), person_parts.end());
    auto types_of = [&](std::uint64_t key) {  // union of the types tagged for this string
        std::uint8_t types = 0;
        for (auto it = std::lower_bound(names.begin(), names.end(), std::pair<std::uint64_t, std::uint8_t>{key, 0});
             it != names.end() && it->first == key; ++it)
            types |= it->second;
        return types;
    };
    for (std::size_t s = 0; s < tags.size(); ++s) {
        const std::uint64_t* k = key + doc.sent_begin[s];
        auto& t = tags[s];
        for (std::size_t i = 0; i < t.size();) {
            if (!k[i] || t[i] != kO) {
                ++i;
                continue;
            }
            std::size_t j = i + 1;
            while (j < t.size() && k[j] && t[j] == kO) ++j;
            // an untagged run of capitalised words, not glued to a tagged name
            const bool glued = (i > 0 && t[i - 1] != kO) || (j < t.size() && t[j] != kO);
            const std::uint8_t types = glued ? 0 : types_of(run_key(k, i, j));
            int type = types == 1 ? 0 : types == 2 ? 1 : -1;
            if (type < 0 && !glued && !types && j - i == 1 &&
                std::binary_search(person_parts.begin(), person_parts.end(), k[i]))
                type = 0;
            if (type >= 0) {
                t[i] = type == 0 ? kBPer : kBOrg;
                for (std::size_t u = i + 1; u < j; ++u) t[u] = type == 0 ? kIPer : kIOrg;
            }
            i = j;
        }
    }
}

std::vector<int> Model::decode_sentence(const DocFeatures& doc, std::size_t s) const {
    thread_local std::vector<Scores> scores;
    scores.resize(doc.tokens(s));
    score_tokens(doc, doc.sent_begin[s], doc.sent_begin[s + 1], scores.data());
    return viterbi_runs(doc, s, scores.data());
}

void Model::score_tokens(const DocFeatures& doc, std::size_t tb, std::size_t te, Scores* out) const {
    // The weight table (4 MB) is larger than the caches, so the lookups are
    // pipelined over the flat feature array: the key tag of the feature
    // kTagAhead places ahead is prefetched, and the entry of the feature
    // kEntryAhead ahead once its (already loaded) tag matches.  Distances in
    // features, not tokens: a token's features are few and names are short.
    constexpr std::size_t kTagAhead = 32, kEntryAhead = 10;
    const std::uint64_t* feats = doc.feats.data();
    const std::size_t fb = doc.token_begin[tb], fe = doc.token_begin[te];
    auto prefetch_tag = [&](std::size_t p) {
        const std::uint64_t k = feats[p] ? feats[p] : 1;
        __builtin_prefetch(&tags_[k & mask_]);
    };
    auto prefetch_entry = [&](std::size_t p) {
        const std::uint64_t k = feats[p] ? feats[p] : 1;
        if (tags_[k & mask_] == tag_of(k)) __builtin_prefetch(&table_[k & mask_]);
    };
    for (std::size_t p = fb; p < fe && p < fb + kTagAhead; ++p) prefetch_tag(p);
    for (std::size_t p = fb; p < fe && p < fb + kEntryAhead; ++p) prefetch_entry(p);
    for (std::size_t t = tb; t < te; ++t) {
        Scores acc{};
        for (std::size_t p = doc.token_begin[t], pe = doc.token_begin[t + 1]; p < pe; ++p) {
            if (p + kTagAhead < fe) prefetch_tag(p + kTagAhead);
            if (p + kEntryAhead < fe) prefetch_entry(p + kEntryAhead);
            const std::int16_t* w = find(feats[p]);
            if (!w) continue;
            for (int c = 0; c < kNumTags; ++c) acc[c] += w[c];
        }
        out[t - tb] = acc;
    }
}

std::vector<int> Model::viterbi_runs(const DocFeatures& doc, std::size_t s, const Scores* sc) const {
    const std::size_t n = doc.tokens(s);
    std::vector<int> path(n, kO);
    // Tokens without features are forced to O, which fixes the path through
    // them: Viterbi runs only on the runs of featured tokens between them,
    // entering from O (or the sentence start) and leaving into O (or the end).
    // Same result as one Viterbi over the sentence, much less work on running text.
    thread_local std::vector<std::array<std::int64_t, kNumTags>> delta;
    thread_local std::vector<std::array<std::uint8_t, kNumTags>> back;
    static const auto allowed = [] {
        std::array<std::array<bool, kNumTags>, kNumTags + 1> a{};
        for (int p = -1; p < kNumTags; ++p)
            for (int c = 0; c < kNumTags; ++c) a[p + 1][c] = transition_allowed(p, c);
        return a;
    }();
    constexpr std::int64_t kNeg = std::numeric_limits<std::int64_t>::min() / 4;
    std::size_t i = 0;
    while (i < n) {
        if (doc.begin(s, i) == doc.end(s, i)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && doc.begin(s, j) != doc.end(s, j)) ++j;
        const std::size_t m = j - i;
        const Scores* scores = sc + i;
        delta.resize(m);
        back.resize(m);
        const int prev0 = i == 0 ? -1 : kO;  // sentence start, or after a forced O
        for (int c = 0; c < kNumTags; ++c)
            delta[0][c] =
                allowed[prev0 + 1][c] ? std::int64_t(scores[0][c]) + trans_[(prev0 + 1) * kNumTags + c] : kNeg;
        for (std::size_t t = 1; t < m; ++t) {
            for (int c = 0; c < kNumTags; ++c) {
                std::int64_t best = kNeg;
                int arg = 0;
                for (int p = 0; p < kNumTags; ++p) {
                    if (!allowed[p + 1][c] || delta[t - 1][p] == kNeg) continue;
                    std::int64_t v = delta[t - 1][p] + trans_[(p + 1) * kNumTags + c];
                    if (v > best) {
                        best = v;
                        arg = p;
                    }
                }
                delta[t][c] = best == kNeg ? kNeg : best + scores[t][c];
                back[t][c] = std::uint8_t(arg);
            }
        }
        // leave into the forced O that follows (none at the sentence end)
        int arg = 0;
        std::int64_t best = kNeg;
        for (int c = 0; c < kNumTags; ++c) {
            if (delta[m - 1][c] == kNeg) continue;
            std::int64_t v = delta[m - 1][c] + (j < n ? trans_[(c + 1) * kNumTags + kO] : 0);
            if (v > best) {
                best = v;
                arg = c;
            }
        }
        for (std::size_t t = m; t-- > 0;) {
            path[i + t] = arg;
            if (t > 0) arg = back[t][arg];
        }
        i = j;
    }
    return path;
}

}  // namespace newsdex::ner
