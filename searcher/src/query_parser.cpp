#include "query_parser.h"
#include "common/text/ascii.h"

#include "person_lookup.h"

#include "common/ingest/article.h"
#include "common/text/slug.h"
#include "common/schema/schema.h"
#include "common/text/numbers.h"
#include "newsdex/error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>

namespace newsdex {

namespace {

enum class TokenKind { Word, Phrase, LeftParen, RightParen, And, Or, Not, End };

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;       ///< word or phrase text (without quotes)
    std::string field;      ///< "field" of field:value, else empty
    char modifier = 0;      ///< '+' or '-' written before it
    std::size_t start = 0;  ///< byte offset in the query
    std::size_t end = 0;
    std::size_t value_start = 0;  ///< byte offset of the value (after "field:" and quote)
};

/// The most frequent expansions of a wildcard that are kept.
constexpr std::size_t kMaxWildcardTerms = 500;

// Limits that keep a hostile or mistaken query from exhausting the stack
// (the parser, and Xapian after it, recurse into nested groups) or memory
// and time (every word is analysed and looked up): far above what a person
// writes, far below what hurts.
constexpr std::size_t kMaxQueryBytes = 16384;
constexpr std::size_t kMaxClauses = 1024;  ///< words, phrases and field:value clauses
constexpr std::size_t kMaxDepth = 32;      ///< nested parentheses

/// A query that only filters by entities ranks by how much the text names
/// them (ParsedQuery::ranked_by_mentions); this many names at most.
constexpr std::size_t kMaxMentionNames = 8;

using text::thousands;

using ascii::is_space;

std::string column(std::size_t offset) { return "column " + std::to_string(offset + 1); }

/// The fields a query may name before a colon.
bool is_query_field(std::string_view name) {
    return name == "title" || name == "date" || name == "after" || name == "before" ||
           schema::find_filter_field(name) != nullptr;
}

std::vector<Token> lex(std::string_view text, std::string_view what) {
    std::vector<Token> tokens;
    std::size_t i = 0, n = text.size();
    while (i < n) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        Token tok;
        tok.start = i;
        if (text[i] == '(' || text[i] == ')') {
            tok.kind = text[i] == '(' ? TokenKind::LeftParen : TokenKind::RightParen;
            tok.end = ++i;
            tokens.push_back(tok);
            continue;
        }
        if ((text[i] == '+' || text[i] == '-') && i + 1 < n && !is_space(text[i + 1]) && text[i + 1] != ')') {
            tok.modifier = text[i];
            ++i;
        }
        // "...": the quoted text becomes tok's value; i moves past the quote.
        auto read_phrase = [&] {
            std::size_t close = text.find('"', i + 1);
            if (close == std::string_view::npos)
                throw UserError(std::string(what) + ": unterminated phrase: the quote at " + column(i) +
                                " is never closed");
            tok.kind = TokenKind::Phrase;
            tok.text = std::string(text.substr(i + 1, close - i - 1));
            tok.value_start = i + 1;
            i = close + 1;
        };
        if (text[i] == '"') {
            read_phrase();
            tok.end = i;
            tokens.push_back(tok);
            continue;
        }
        std::size_t word_start = i;
        while (i < n && !is_space(text[i]) && text[i] != '(' && text[i] != ')' && text[i] != '"') ++i;
        std::string_view word = text.substr(word_start, i - word_start);
        // field:value or field:"value"
        auto colon = word.find(':');
        if (colon != std::string_view::npos && colon > 0) {
            std::string field(word.substr(0, colon));
            std::string lower = ascii::lower(field);
            if (is_query_field(lower)) {
                tok.field = lower;
                if (colon + 1 == word.size() && i < n && text[i] == '"') {
                    read_phrase();
                } else {
                    tok.kind = TokenKind::Word;
                    tok.text = std::string(word.substr(colon + 1));
                    tok.value_start = word_start + colon + 1;
                    if (tok.text.empty())
                        throw UserError(std::string(what) + ": " + lower + ": needs a value at " + column(word_start));
                }
                tok.end = i;
                tokens.push_back(tok);
                continue;
            }
        }
        tok.end = i;
        tok.text = std::string(word);
        tok.value_start = word_start;
        if (!tok.modifier && word == "AND")
            tok.kind = TokenKind::And;
        else if (!tok.modifier && word == "OR")
            tok.kind = TokenKind::Or;
        else if (!tok.modifier && word == "NOT")
            tok.kind = TokenKind::Not;
        else
            tok.kind = TokenKind::Word;
        tokens.push_back(tok);
    }
    std::size_t clauses = 0;
    for (const auto& tok : tokens)
        if ((tok.kind == TokenKind::Word || tok.kind == TokenKind::Phrase) && ++clauses > kMaxClauses)
            throw UserError(std::string(what) + ": more than " + thousands(kMaxClauses) +
                            " words, phrases and field clauses (the next one is at " + column(tok.start) +
                            "); search with fewer");
    Token end;
    end.kind = TokenKind::End;
    end.start = end.end = n;
    tokens.push_back(end);
    return tokens;
}

std::optional<int> parse_int(std::string_view s) {
    if (s.empty() || s.size() > 4) return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::string ymd(int y, int m, int d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
    return buf;
}

/// One date "YYYY", "YYYY-MM" or "YYYY-MM-DD" -> [first day, last day].
std::optional<std::pair<std::string, std::string>> period_bounds(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        auto dash = s.find('-', start);
        parts.push_back(s.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
        if (dash == std::string_view::npos) break;
        start = dash + 1;
    }
    if (parts.empty() || parts.size() > 3 || parts[0].size() != 4) return std::nullopt;
    auto y = parse_int(parts[0]);
    if (!y || *y < 1000) return std::nullopt;
    if (parts.size() == 1) return std::make_pair(ymd(*y, 1, 1), ymd(*y, 12, 31));
    auto m = parts[1].size() == 2 ? parse_int(parts[1]) : std::nullopt;
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    if (parts.size() == 2) return std::make_pair(ymd(*y, *m, 1), ymd(*y, *m, days_in_month(*y, *m)));
    auto d = parts[2].size() == 2 ? parse_int(parts[2]) : std::nullopt;
    if (!d || *d < 1 || *d > days_in_month(*y, *m)) return std::nullopt;
    return std::make_pair(ymd(*y, *m, *d), ymd(*y, *m, *d));
}

}  // namespace

/// `parts` without repeats (the first of equal queries kept): "oil OR oil"
/// is "oil", counted and estimated once.
static std::vector<Xapian::Query> without_repeats(const std::vector<Xapian::Query>& parts) {
    std::vector<Xapian::Query> out;
    std::set<std::string> seen;
    for (const auto& q : parts)
        if (seen.insert(q.serialise()).second) out.push_back(q);
    return out;
}

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
    std::vector<Xapian::Query> unique = without_repeats(parts);
    if (unique.size() == 1) return unique[0];
    return Xapian::Query(op, unique.begin(), unique.end());
}

std::vector<std::string> QueryParser::date_range_terms(const std::string& low, const std::string& high) {
    auto split = [](const std::string& ymd) {
        return std::array<int, 3>{std::stoi(ymd.substr(0, 4)), std::stoi(ymd.substr(4, 2)),
                                  std::stoi(ymd.substr(6, 2))};
    };
    auto [y, m, d] = split(low);
    const std::string end = high;
    std::vector<std::string> terms;
    char buf[16];
    while (ymd(y, m, d) <= end) {
        if (m == 1 && d == 1 && ymd(y, 12, 31) <= end) {
            std::snprintf(buf, sizeof buf, "%04d", y);
            terms.push_back(std::string(schema::kPrefixYear) + buf);
            ++y;
            continue;
        }
        if (d == 1 && ymd(y, m, days_in_month(y, m)) <= end) {
            std::snprintf(buf, sizeof buf, "%04d%02d", y, m);
            terms.push_back(std::string(schema::kPrefixMonth) + buf);
            if (++m > 12) m = 1, ++y;
            continue;
        }
        terms.push_back(std::string(schema::kPrefixDay) + ymd(y, m, d));
        if (++d > days_in_month(y, m)) {
            d = 1;
            if (++m > 12) m = 1, ++y;
        }
    }
    return terms;
}

std::pair<std::string, std::string> QueryParser::date_bounds(std::string_view value) {
    auto bad = [&](std::string_view part) {
        return UserError("invalid date '" + std::string(part) +
                         "' (use YYYY, YYYY-MM, YYYY-MM-DD, or a range A..B, ..B, A..)");
    };
    auto dots = value.find("..");
    if (dots == std::string_view::npos) {
        auto bounds = period_bounds(value);
        if (!bounds) throw bad(value);
        return *bounds;
    }
    std::string_view low = value.substr(0, dots), high = value.substr(dots + 2);
    if (low.empty() && high.empty()) throw bad(value);
    std::string lo = "00000000", hi = "99999999";
    if (!low.empty()) {
        auto b = period_bounds(low);
        if (!b) throw bad(low);
        lo = b->first;
    }
    if (!high.empty()) {
        auto b = period_bounds(high);
        if (!b) throw bad(high);
        hi = b->second;
    }
    if (lo > hi) throw UserError("empty date range '" + std::string(value) + "': the start is after the end");
    return {lo, hi};
}

struct QueryParser::State {
    QueryParser& parser;
    std::string_view text;
    std::string_view what;
    std::vector<Token> tokens;
    std::size_t pos = 0;
    ParsedQuery result;
    std::size_t depth = 0;  ///< parentheses open around the current token
    /// An entity a positive filter clause matches, and the name typed for it.
    struct FilteredEntity {
        std::string prefix, term, typed;
    };
    std::vector<FilteredEntity> filtered_entities;

    const Token& peek() const { return tokens[pos]; }
    const Token& next() { return tokens[pos++]; }

    [[noreturn]] void fail(const std::string& message, std::size_t offset) {
        throw UserError(std::string(what) + ": " + message + " at " + column(offset));
    }

    /// Index terms for one folded word (or CJK character) in every language.
    std::vector<std::string> stems(const std::string& folded, std::string_view prefix) {
        std::vector<std::string> out;
        for (const auto& language : parser.languages_) {
            std::string term = std::string(prefix) + parser.analyzer_.stem(folded, language);
            if (std::find(out.begin(), out.end(), term) == out.end()) out.push_back(term);
        }
        return out;
    }

    /// A word or phrase of text: one term (a synonym of its stems in every
    /// language) or a phrase of terms.  Returns nullopt when the text holds
    /// no word at all (only punctuation).
    std::optional<Xapian::Query> text_query(std::string_view value, std::string_view prefix, bool highlight,
                                            std::size_t value_offset, bool plain_word) {
        std::vector<AnalyzedTerm> pieces;
        parser.analyzer_.segment(value, pieces);
        std::vector<std::string> words;
        for (const auto& p : pieces)
            if (p.positional) words.push_back(p.folded);
        if (words.empty()) return std::nullopt;
        if (highlight)
            for (const auto& w : words)
                for (auto& s : stems(w, "")) result.highlight_terms.push_back(s);
        if (words.size() == 1) {
            auto terms = stems(words[0], prefix);
            Xapian::Query q = terms.size() == 1 ? Xapian::Query(terms[0])
                                                : Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
            if (plain_word) {
                QueryWord qw;
                qw.start = value_offset;
                qw.end = value_offset + value.size();
                qw.folded = words[0];
                Xapian::doccount freq = 0;
                for (const auto& t : terms) freq += parser.db_.get_termfreq(t);
                qw.unknown = freq == 0;
                result.words.push_back(std::move(qw));
                if (highlight) result.ranking_words.push_back({words[0], terms});
            }
            return q;
        }
        // A phrase in each language's stems (an article is stemmed in one language).
        std::vector<Xapian::Query> alternatives;
        std::set<std::vector<std::string>> seen;
        for (const auto& language : parser.languages_) {
            std::vector<std::string> terms;
            for (const auto& w : words) terms.push_back(std::string(prefix) + parser.analyzer_.stem(w, language));
            if (!seen.insert(terms).second) continue;
            alternatives.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                      static_cast<Xapian::termcount>(terms.size()));
        }
        if (alternatives.size() == 1) return alternatives[0];
        return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }

    /// econ* -> a synonym of the index terms it expands to.  Expanded here,
    /// over the combined database, rather than with OP_WILDCARD: remote shards
    /// would expand it each on their own and weigh the result differently.
    Xapian::Query wildcard_query(const Token& tok, std::string_view prefix) {
        std::string base = tok.text.substr(0, tok.text.size() - 1);
        std::string folded = Analyzer::fold(base);
        if (folded.empty() || folded.find('*') != std::string::npos)
            fail("a wildcard needs letters before a single trailing '*'", tok.start);
        result.highlight_prefixes.push_back(folded);
        std::set<std::string> patterns = {folded};
        // "economy*" should find "economies": its stem "economi" is a prefix of theirs.
        for (const auto& language : parser.languages_) {
            std::string stem = parser.analyzer_.stem(folded, language);
            if (stem.size() >= 2) patterns.insert(stem);
        }
        std::vector<std::pair<Xapian::doccount, std::string>> expansions;
        for (const auto& p : patterns) {
            std::string start = std::string(prefix) + p;
            for (auto t = parser.db_.allterms_begin(start); t != parser.db_.allterms_end(start); ++t)
                expansions.emplace_back(t.get_termfreq(), *t);
        }
        std::sort(expansions.begin(), expansions.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        std::vector<std::string> terms;
        for (const auto& e : expansions)
            if (terms.size() < kMaxWildcardTerms && std::find(terms.begin(), terms.end(), e.second) == terms.end())
                terms.push_back(e.second);
        if (terms.empty()) return Xapian::Query::MatchNothing;
        std::sort(terms.begin(), terms.end());
        return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    }

    Xapian::Query filter_query(const Token& tok, bool negated) {
        const schema::FilterField* field = schema::find_filter_field(tok.field);
        std::string value;
        if (tok.field == "id") {
            value = tok.text;
        } else if (tok.field == "lang") {  // "zh", "en-GB" -> "en"
            value = language_code(tok.text);
        } else {
            value = entity_slug(tok.text);
        }
        if (value.empty()) fail(tok.field + ": '" + tok.text + "' names nothing", tok.value_start);
        std::string prefix(field->prefix);
        const std::string typed = value;
        if (field->entity && parser.db_.get_termfreq(prefix + value) == 0) {
            std::string canonical = parser.metadata_(schema::alias_key(prefix, value));
            if (!canonical.empty()) value = canonical;
        }
        // Ids too long for a Xapian term are stored shortened with a digest
        // (schema::id_term); the filter must spell them the same way.
        std::string term = tok.field == "id" ? schema::id_term(value) : prefix + value;
        if (prefix == schema::kPrefixPerson) {
            PersonFallback fallback = person_fallback(parser.db_, typed, value, tok.text, parser.metadata_);
            if (!fallback.notice.empty()) result.notices.push_back(fallback.notice);
            if (!negated)
                for (const auto& t : fallback.terms.empty() ? std::vector<std::string>{term} : fallback.terms)
                    filtered_entities.push_back({prefix, t, tok.text});
            if (fallback.terms.empty()) return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), 0.0);
            return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                 Xapian::Query(Xapian::Query::OP_OR, fallback.terms.begin(), fallback.terms.end()),
                                 0.0);
        }
        if (parser.db_.get_termfreq(term) == 0)
            result.notices.push_back("no " + (tok.field == "org" ? std::string("organization") : tok.field) +
                                     " matches '" + tok.text + "'");
        else if (field->entity && !negated)
            filtered_entities.push_back({prefix, term, tok.text});
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), 0.0);
    }

    /// A query that only filters by companies, persons or organisations
    /// gives every match the same weight.  Rank the matches by how much their
    /// text names those entities instead: each entity's display name and the
    /// name typed for it ("jack ma" for Ma Yun) as a word or phrase, weighed
    /// by BM25 but never required (OP_AND_MAYBE).
    /// Read on Reuters-21578 (docs/cli.md, "Order of the hits"), this puts
    /// the articles about the person first, where newest first puts the
    /// latest passing mentions first.
    void rank_by_mentions(Xapian::Query& query) {
        std::vector<Xapian::Query> mentions;
        std::set<std::string> seen;  // folded names already searched
        auto mention = [&](const std::string& name) {
            if (name.empty() || !seen.insert(parser.analyzer_.fold(name)).second) return false;
            auto m = text_query(name, "", true, 0, false);
            if (m) mentions.push_back(*m);
            return m.has_value();
        };
        for (const auto& e : filtered_entities) {
            if (result.ranked_by_mentions.size() == kMaxMentionNames) break;
            std::string name = parser.metadata_(schema::name_key(e.prefix, e.term.substr(e.prefix.size())));
            if (name.empty()) continue;
            if (mention(name)) result.ranked_by_mentions.push_back(name);
            mention(e.typed);
        }
        if (mentions.empty()) return;
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, combine(Xapian::Query::OP_OR, mentions));
        result.scoring = true;
    }

    Xapian::Query date_query(const Token& tok) {
        std::string value = tok.text;
        if ((tok.field == "after" || tok.field == "before") && value.find("..") != std::string::npos)
            fail(tok.field + ": takes one date, not a range (use date:A..B)", tok.value_start);
        if (tok.field == "after")
            value += "..";
        else if (tok.field == "before")
            value = ".." + value;
        std::pair<std::string, std::string> bounds;
        try {
            bounds = QueryParser::date_bounds(value);
        } catch (const UserError& e) {
            fail(tok.field + ": " + e.what(), tok.value_start);
        }
        // Clamp open ends to the dates the database holds, then cover the
        // range with whole years, months and days.
        std::string lowest = parser.db_.get_value_lower_bound(schema::kSlotDate);
        std::string highest = parser.db_.get_value_upper_bound(schema::kSlotDate);
        if (lowest.empty() || highest.empty()) return Xapian::Query::MatchNothing;
        std::string lo = std::max(bounds.first, lowest), hi = std::min(bounds.second, highest);
        if (lo > hi) return Xapian::Query::MatchNothing;
        auto terms = date_range_terms(lo, hi);
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), 0.0);
    }

    /// A word, phrase or field clause.  nullopt for text with no words.
    std::optional<Xapian::Query> clause(const Token& tok, bool negated) {
        bool highlight = !negated;
        if (tok.field.empty() || tok.field == "title") {
            if (!negated) result.scoring = true;
            std::string_view prefix = tok.field == "title" ? schema::kPrefixTitle : std::string_view();
            if (tok.kind == TokenKind::Word) {
                auto star = tok.text.find('*');
                if (star != std::string::npos && star + 1 < tok.text.size())
                    fail("a wildcard '*' can only end a word (econ*); a leading or inner '*' is not supported",
                         tok.value_start + star);
                if (star != std::string::npos && tok.text.size() > 1) return wildcard_query(tok, prefix);
            }
            return text_query(tok.text, prefix, highlight, tok.value_start,
                              tok.kind == TokenKind::Word && tok.field.empty());
        }
        if (tok.field == "date" || tok.field == "after" || tok.field == "before") return date_query(tok);
        return filter_query(tok, negated);
    }

    // or_expr := and_expr (OR and_expr)*
    std::optional<Xapian::Query> parse_or() {
        auto left = parse_and();
        if (peek().kind != TokenKind::Or) return left;
        std::vector<Xapian::Query> alternatives;
        while (peek().kind == TokenKind::Or) {
            const Token& op = next();
            if (!left) fail("OR needs a query on its left", op.start);
            auto right = parse_and();
            if (!right) fail("OR needs a query on its right", op.start);
            if (alternatives.empty()) alternatives.push_back(*left);
            alternatives.push_back(*right);
        }
        return combine(Xapian::Query::OP_OR, alternatives);
    }

    // and_expr := item ([AND] item)*; item := [NOT|-|+] primary
    std::optional<Xapian::Query> parse_and() {
        std::vector<Xapian::Query> positive, negative;
        bool any = false;
        while (true) {
            const Token& tok = peek();
            if (tok.kind == TokenKind::End || tok.kind == TokenKind::Or || tok.kind == TokenKind::RightParen) break;
            bool explicit_and = false;
            if (tok.kind == TokenKind::And) {
                if (!any) fail("AND needs a query on its left", tok.start);
                next();
                explicit_and = true;
            }
            bool negated = false;
            if (peek().kind == TokenKind::Not) {
                negated = true;
                const Token& op = next();
                const Token& after = peek();
                if (after.kind == TokenKind::End || after.kind == TokenKind::Or ||
                    after.kind == TokenKind::RightParen || after.kind == TokenKind::And)
                    fail("NOT needs a query on its right", op.start);
            } else if (explicit_and) {
                const Token& after = peek();
                if (after.kind == TokenKind::End || after.kind == TokenKind::Or || after.kind == TokenKind::RightParen)
                    fail("AND needs a query on its right", tok.start);
            }
            if (peek().modifier == '-') negated = true;
            auto q = parse_primary(negated);
            any = true;
            if (!q) continue;
            (negated ? negative : positive).push_back(*q);
        }
        if (positive.empty() && negative.empty()) return std::nullopt;
        Xapian::Query q = positive.empty() ? Xapian::Query::MatchAll : combine(Xapian::Query::OP_AND, positive);
        if (!negative.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, combine(Xapian::Query::OP_OR, negative));
        return q;
    }

    std::optional<Xapian::Query> parse_primary(bool negated) {
        const Token& tok = next();
        switch (tok.kind) {
            case TokenKind::LeftParen: {
                if (++depth > kMaxDepth)
                    fail("parentheses nested more than " + std::to_string(kMaxDepth) + " deep", tok.start);
                auto inner = parse_or();
                --depth;
                if (peek().kind != TokenKind::RightParen)
                    fail("the parenthesis opened here is never closed", tok.start);
                next();
                if (!inner) fail("empty parentheses", tok.start);
                return inner;
            }
            case TokenKind::RightParen: fail("unexpected ')'", tok.start);
            case TokenKind::Word:
            case TokenKind::Phrase: return clause(tok, negated);
            default: fail("unexpected '" + std::string(text.substr(tok.start, tok.end - tok.start)) + "'", tok.start);
        }
    }
};

QueryParser::QueryParser(const Xapian::Database& db, Analyzer& analyzer, std::vector<std::string> languages,
                         MetadataLookup metadata)
    : db_(db), analyzer_(analyzer), languages_(std::move(languages)), metadata_(std::move(metadata)) {
    if (languages_.empty()) languages_.push_back("en");
    if (!metadata_) metadata_ = [&db](const std::string& key) { return db.get_metadata(key); };
}

ParsedQuery QueryParser::parse(std::string_view text, std::string_view what, bool rank_entity_filters) {
    if (text.size() > kMaxQueryBytes)
        throw UserError(std::string(what) + ": too long: " + thousands(text.size()) + " bytes, the limit is " +
                        thousands(kMaxQueryBytes) + " (" + column(kMaxQueryBytes) + " onwards is past it)");
    State state{*this, text, what, lex(text, what), 0, {}, 0, {}};
    auto q = state.parse_or();
    if (state.peek().kind == TokenKind::RightParen) state.fail("unexpected ')'", state.peek().start);
    if (state.peek().kind != TokenKind::End) state.fail("unexpected text", state.peek().start);
    state.result.empty = !q.has_value();
    if (q && !state.result.scoring && rank_entity_filters) state.rank_by_mentions(*q);
    state.result.query = q ? *q : Xapian::Query::MatchAll;
    // Only words, each one ranking word, ANDed: nothing an OR fallback would undo.
    std::size_t words = 0;
    bool plain = true;
    for (const auto& tok : state.tokens) {
        if (tok.kind == TokenKind::End || tok.kind == TokenKind::And) continue;
        if (tok.kind != TokenKind::Word || !tok.field.empty() || tok.modifier == '-' ||
            tok.text.find('*') != std::string::npos)
            plain = false;
        ++words;
    }
    state.result.plain_words = plain && words >= 1 && state.result.ranking_words.size() == words;
    state.result.plain_and = state.result.plain_words && words >= 2;
    return std::move(state.result);
}

}  // namespace newsdex
