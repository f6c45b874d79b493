// Tokeniser of the entity extractor (see tokenise.h).
#include "common/entities/tokenise.h"

#include <array>

namespace newsdex::entities {

namespace {

/// U+2018/2019/201C/201D (‘ ’ “ ”) at byte i.
bool typographic_quote(std::string_view text, std::size_t i) {
    if (i + 3 > text.size() || text[i] != '\xE2' || text[i + 1] != '\x80') return false;
    const char c = text[i + 2];
    return c == '\x98' || c == '\x99' || c == '\x9C' || c == '\x9D';
}

}  // namespace

Tokenised tokenise(std::string_view text, const WordLists& lists) {
    Tokenised out;
    const std::size_t n = text.size();
    out.tokens.reserve(n / 4 + 16);  // about one token per 4-6 bytes of news text: few reallocations
    // Peeled punctuation of one chunk.  Per-thread buffers, looked up once
    // here: a thread_local access inside the loop cost a TLS call per chunk.
    thread_local std::vector<Token> front_buf, back_buf;
    std::vector<Token>& front = front_buf;
    std::vector<Token>& back = back_buf;
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
        for (;;) {
            if (b < e && kOpenPunct[(unsigned char)text[b]]) {
                // "'s" alone or "'80s" stays
                if (text[b] == '\'' && e - b > 1 && (ascii_alnum((unsigned char)text[b + 1]))) break;
                front.push_back({b, b + 1});
                ++b;
            } else if (e - b > 3 && typographic_quote(text, b) &&
                       (text[b + 2] != '\x99' || !ascii_alnum((unsigned char)text[b + 3]))) {
                front.push_back({b, b + 3});  // opening typographic quote (not "’80s")
                b += 3;
            } else {
                break;
            }
        }
        while (e > b) {
            char c = text[e - 1];
            if (e - b > 3 && typographic_quote(text, e - 3) && text[e - 1] != '\x98' && text[e - 1] != '\x9C') {
                back.push_back({e - 3, e});  // closing typographic quote or apostrophe: "investors’"
                e -= 3;
                continue;
            }
            if (kClosePunct[(unsigned char)c]) {
                back.push_back({e - 1, e});
                --e;
                continue;
            }
            if (c == '.') {
                std::string_view core = text.substr(b, e - 1 - b);
                bool has_inner_dot = core.find('.') != std::string_view::npos;
                bool initial = core.size() == 1 && is_upper_c(core[0]);
                if (core.empty() || (has_inner_dot && core.size() <= 6) || initial || lists.abbreviations.count(core))
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
            } else if (len > 4 && text.substr(e - 4, 3) == "\xE2\x80\x99" &&
                       (text[e - 1] == 's' || text[e - 1] == 'S')) {
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
                abbrev_end = lists.sentence_end_abbreviations.count(lower) > 0;
            }
            if (final_punct || abbrev_end ||
                (last.e - last.b == 1 && (c == '"' || c == '\'') && out.tokens.size() >= 2 &&
                 std::string_view(".!?").find(text[out.tokens[out.tokens.size() - 2].b]) != std::string_view::npos)) {
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

}  // namespace newsdex::entities
