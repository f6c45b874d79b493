// Boilerplate removal: scraped news bodies carry junk lines ("Share this
// article", "Advertisement", copyright notices, ...).  The rules live in one
// table in boilerplate.cpp; every reader passes its body through
// clean_boilerplate().
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// How a boilerplate rule matches a line (after trimming whitespace; ASCII
/// case-insensitive).
enum class BoilerplateMatch {
    Exact,   ///< the whole line equals `text` (a trailing '.', ':' or '!' is ignored)
    Prefix,  ///< the line starts with `text`
    Wrap,    ///< the line starts with `text` and ends with `suffix`
};

struct BoilerplateRule {
    BoilerplateMatch match;
    std::string_view text;    ///< lower case
    std::string_view suffix;  ///< lower case, for Wrap
    std::size_t max_length;   ///< longer lines never match (0 = no limit)
    bool last_line_only;      ///< only when it is the last non-blank line of the body
    std::string_view why;     ///< comment: where it comes from
};

/// The rule table (for documentation and tests).
const std::vector<BoilerplateRule>& boilerplate_rules();

/// True when the (untrimmed) line matches a rule; `last` says whether it is the
/// last non-blank line of the body.
bool is_boilerplate_line(std::string_view line, bool last = false);

/// Remove every line matching a rule, then trim the body and squeeze runs of
/// more than one blank line into one.  Other text is kept byte for byte.
std::string clean_boilerplate(std::string_view body);

}  // namespace newsdex
