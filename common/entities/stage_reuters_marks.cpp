// Pipeline stage: Reuters marks.  <Woodco Inc> is a company mention; <BAC>
// (no spaces, no lower case, at most 6 characters) is a ticker: an alias of
// the company mention right before it, or in an ALL-CAPS title the words
// before it, or the ticker table's name.  Tickers are hidden from the tagger.
#include "common/entities/doc_state.h"

#include <algorithm>

namespace newsdex::entities {

void hide_reuters_marks(DocState& st) {
    // Reuters marks: <Woodco Inc> (company name) and <BAC> (ticker).
    auto& work = st.work;
    auto& marks = st.marks;
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
}

namespace {

/// "DIAMOND SHAMROCK <DIA> SETS ...": in an ALL-CAPS line the words before a
/// ticker mark, back to a verb or other stop word, name the company.
bool company_from_title(const ExtractorData& D, const std::string& text, const Mark& mk, Mention& m) {
    const WordLists& W = D.words;
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
            if (q > p) {
                words.emplace_back(before.substr(p, q - p));
                starts.push_back(line_b + p);
            }
            p = q;
        }
    }
    bool caps_line = !words.empty() && !has_lowercase(before);
    std::size_t k = words.size();
    if (caps_line) {
        while (k > 0) {
            std::string w = words[k - 1];
            while (!w.empty() && (w.back() == ',' || w.back() == ':' || w.back() == '\'')) w.pop_back();
            if ((w == "AND" || w == "&") && k < words.size()) {
                // "ELI LILLY AND CO <LLY>": keep going when only legal words follow;
                // "NUMAC OIL AND GAS LTD <NMC>": or at most two words and a legal suffix
                std::size_t other = 0;
                for (std::size_t q = k; q < words.size(); ++q)
                    if (!D.is_legal_suffix(words[q]) && !iequals(words[q], "sons")) ++other;
                if (other == 0 || (other <= 2 && D.is_legal_suffix(words.back()))) {
                    --k;
                    continue;
                }
            }
            if (w.empty() || W.title_stop_words.count(w) || w.find('>') != std::string::npos) break;
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
    if (!caps_line || k == words.size()) return false;
    std::vector<std::string> name_words(words.begin() + long(k), words.end());
    m.b = starts[k];
    m.e = starts.back() + words.back().size();
    std::string name = title_case_words(join(name_words, 0, name_words.size()), W.short_words);
    m.words = split_words(name);
    m.forced_name = name;
    return true;
}

/// The ticker table (tickers.txt) is from 2024 EDGAR data; tickers are
/// reused, so it names companies only for articles of the last few years.
constexpr int kTickerTableYear = 2024;
constexpr int kTickerTableReach = 5;

/// Index of the mention nearest the start that names the company `name`
/// (same slug after legal suffixes are stripped, or one a prefix of the other
/// word by word: "Apple" and "Apple Inc."), npos when none does.
std::size_t mention_naming(const ExtractorData& D, const std::vector<Mention>& mentions, const std::string& name) {
    const std::string table_slug = entity_slug(strip_company(name, D.words.legal_suffixes));
    const std::string table_id = D.canonical_id(name, EntityType::Company);  // the alias table's id, if any
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        const std::string slug =
            entity_slug(strip_company(join(mentions[k].words, 0, mentions[k].words.size()), D.words.legal_suffixes));
        if (slug.empty()) continue;
        if (slug == table_slug) return k;
        if (table_id != table_slug &&
            D.canonical_id(join(mentions[k].words, 0, mentions[k].words.size()), EntityType::Company) == table_id)
            return k;  // "BankAmerica" for the table's "Bank of America"
        const std::string& shorter = slug.size() < table_slug.size() ? slug : table_slug;
        const std::string& longer = slug.size() < table_slug.size() ? table_slug : slug;
        if (longer.compare(0, shorter.size(), shorter) == 0 && longer[shorter.size()] == '-') return k;
    }
    return std::string::npos;
}

}  // namespace

void add_mark_mentions(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    const std::string& text = st.text;
    auto& mentions = st.mentions;
    auto& ticker_alias = st.ticker_alias;
    const auto& marks = st.marks;
    // Name marks.
    for (auto& mk : marks) {
        if (mk.ticker) continue;
        Mention m;
        m.b = mk.b;
        m.e = mk.e;
        m.type = MentionType::Org;
        m.company_mark = true;
        std::string name(std::string_view(text).substr(mk.b, mk.e - mk.b));
        if (!has_lowercase(name)) name = title_case_words(name, W.short_words);
        m.words = split_words(name);
        m.surface = name;
        mentions.push_back(std::move(m));
    }
    std::sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) { return a.b < b.b; });
    // Ticker marks: alias of the mention right before, else the title words
    // before it, else the ticker table.
    for (auto& mk : marks) {
        if (!mk.ticker) continue;
        std::string ticker(std::string_view(text).substr(mk.b, mk.e - mk.b));
        // Preceding mention ending just before "<".
        std::size_t prev = std::string::npos;
        for (std::size_t k = 0; k < mentions.size(); ++k) {
            if (mentions[k].e > mk.b) break;
            std::size_t gap_b = mentions[k].e, gap_e = mk.b - 1;
            // "Texaco Inc's <TX>": a possessive between name and ticker
            if (text.compare(gap_b, 2, "'s") == 0)
                gap_b += 2;
            else if (text.compare(gap_b, 4, "\xE2\x80\x99s") == 0)
                gap_b += 4;
            bool adjacent = gap_b <= gap_e;
            for (std::size_t g = gap_b; adjacent && g < gap_e; ++g)
                if (!is_space(text[g]) && text[g] != '.' && text[g] != ',') adjacent = false;
            if (adjacent) prev = k;
        }
        if (prev != std::string::npos && mentions[prev].type == MentionType::Org) {
            ticker_alias.push_back({prev, ticker});
            continue;
        }
        Mention m;
        m.type = MentionType::Org;
        m.company_mark = true;
        if (company_from_title(D, text, mk, m)) {
            // named by the title
        } else if (auto it = D.tickers.find(ticker.substr(0, ticker.find('.'))); it != D.tickers.end()) {
            // The table is today's: the ticker names a company only when the
            // text names it too, or when the article is recent.
            if (std::size_t named = mention_naming(D, mentions, it->second); named != std::string::npos) {
                ticker_alias.push_back({named, ticker});
                continue;
            }
            if (st.year < kTickerTableYear - kTickerTableReach) continue;
            m.b = mk.b;
            m.e = mk.e;
            m.forced_name = it->second;
            m.words = split_words(it->second);
        } else {
            continue;  // a ticker alone names nothing ("<QQZX>", "<AAPL.O>" unknown)
        }
        auto pos = std::lower_bound(mentions.begin(), mentions.end(), m,
                                    [](const Mention& a, const Mention& b) { return a.b < b.b; });
        std::size_t at = std::size_t(pos - mentions.begin());
        for (auto& ta : ticker_alias)
            if (ta.first >= at) ++ta.first;
        mentions.insert(pos, std::move(m));
        ticker_alias.push_back({at, ticker});
    }
}

}  // namespace newsdex::entities
