// Boilerplate removal.
#include "common/text/boilerplate.h"

#include <doctest/doctest.h>

#include <string>

using newsdex::clean_boilerplate;
using newsdex::is_boilerplate_line;

TEST_CASE("boilerplate: junk lines removed, text kept") {
    std::string body =
        "Share story\n"
        "The central bank raised rates on Tuesday.\n"
        "\n"
        "ADVERTISEMENT\n"
        "\n"
        "Economists had expected the move.\n"
        "Component post 12345 could not be found.\n"
        "Read more: Why rates matter\n"
        "Sign up for our newsletter and get the news first\n"
        "(Reporting by Jane Doe; Editing by John Smith)\n"
        "Copyright \xc2\xa9 2020 Example News. All rights reserved.\n"
        "All rights reserved.\n";
    CHECK(clean_boilerplate(body) ==
          "The central bank raised rates on Tuesday.\n"
          "\n"
          "Economists had expected the move.\n"
          "(Reporting by Jane Doe; Editing by John Smith)");
}

TEST_CASE("boilerplate: exact rules match whole lines only, any case") {
    CHECK(is_boilerplate_line("Advertisement"));
    CHECK(is_boilerplate_line("  advertisement  "));
    CHECK(is_boilerplate_line("Share this article"));
    CHECK(is_boilerplate_line("Follow us on Twitter"));
    CHECK_FALSE(is_boilerplate_line("Advertisement revenue fell 5 percent"));
    CHECK_FALSE(is_boilerplate_line("Shares fell"));
    CHECK_FALSE(is_boilerplate_line("Related companies gained"));
    CHECK_FALSE(is_boilerplate_line(""));
}

TEST_CASE("boilerplate: Reuter sign-off only as the last line") {
    CHECK(clean_boilerplate("Prices rose.\n Reuter\n") == "Prices rose.");
    CHECK(clean_boilerplate("Prices rose.\nREUTER") == "Prices rose.");
    CHECK(clean_boilerplate("Reuter\nsaid the bank.") == "Reuter\nsaid the bank.");
    CHECK_FALSE(is_boilerplate_line("Reuter", false));
    CHECK(is_boilerplate_line("Reuter", true));
}

TEST_CASE("boilerplate: untouched body is returned trimmed, byte for byte") {
    std::string body = "  Line one\n    indented two\n\n\nthree  ";
    CHECK(clean_boilerplate(body) == "Line one\n    indented two\n\n\nthree");
}

TEST_CASE("boilerplate: a 200,000-line body comes back whole") {
    // Speed is measured in bench/, never by a timed test (the sanitizer
    // builds run 3-10x slower); this checks the large-body path's output.
    std::string body;
    for (int i = 0; i < 200000; ++i)
        body += "A perfectly ordinary line of news text number " + std::to_string(i) + "\n";
    std::string out = clean_boilerplate(body);
    CHECK(out.size() == body.size() - 1);
    CHECK(out == body.substr(0, body.size() - 1));
}
