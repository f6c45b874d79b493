// newsdex-search's output helpers: RFC 4180 fields, TSV fields, and wrapping
// by ICU's line breaker with escapes and wide characters.
#include "export.h"
#include "layout.h"

#include "cli/terminal.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace newsdex::cli;

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

/// The text without escapes, newlines and indent spaces: what must survive wrapping.
std::string letters(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\033') {
            while (i < text.size() && text[i] != 'm') ++i;
            continue;
        }
        if (text[i] != '\n' && text[i] != ' ') out += text[i];
    }
    return out;
}

}  // namespace

TEST_CASE("csv fields are quoted as RFC 4180 asks, only when needed") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\r") == "\"cr\r\"");
    CHECK(csv_field("") == "");
    CHECK(tsv_field("a\tb\nc\rd") == "a b c d");
}

TEST_CASE("wrapping keeps every character and stays within the width") {
    const std::string english =
        "The trade ministers of both countries met in Geneva on Tuesday to discuss tariffs on steel and aluminium";
    for (std::size_t width : {20, 40, 60}) {
        std::string out = wrap(english, width, "   ");
        for (const auto& line : lines(out)) {
            CHECK(visible_width(line) <= width);
            CHECK(line.rfind("   ", 0) == 0);
            CHECK(line.back() != ' ');
        }
        CHECK(letters(out) == letters(english));
        CHECK(lines(out).size() > 1);
    }
    // Chinese has no spaces: ICU breaks between characters; wide ones count 2.
    const std::string chinese = "阿里巴巴集团公布今年双十一全球狂欢节的成交额达到二千六百八十四亿元人民币";
    std::string out = wrap(chinese, 20, "");
    CHECK(lines(out).size() >= 4);
    for (const auto& line : lines(out)) CHECK(newsdex::term::display_width(line) <= 20);
    CHECK(letters(out) == chinese);
}

TEST_CASE("escapes take no columns and a line never ends in hidden spaces") {
    const std::string text = "alpha \033[1m\033[33mbeta\033[0m gamma \033[1mdelta\033[0m epsilon zeta eta theta";
    std::string out = wrap(text, 16, "");
    for (const auto& line : lines(out)) {
        CHECK(visible_width(line) <= 16);
        std::string plain = letters(line);
        CHECK(!plain.empty());
    }
    CHECK(letters(out) == letters(text));
    CHECK(out.find("\033[33mbeta\033[0m") != std::string::npos);
    // Newlines in the text are kept; a word wider than a line overflows alone.
    CHECK(lines(wrap("one\n\ntwo", 40, "")) == std::vector<std::string>{"one", "", "two"});
    CHECK(lines(wrap("short averyveryverylongwordthatoverflows end", 12, "")).size() == 3);
}
