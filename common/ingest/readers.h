// Input readers: turn files, directory trees and standard input into Articles.
//
// Every format reports bad records through the same callback with the file and
// line, so the indexer can count and skip them (or stop, with --strict).
#pragma once

#include "common/ingest/article.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// Input formats.  Auto detects by extension first, then by content.
enum class InputFormat { Auto, Jsonl, Text, Html, Reuters };

/// Table of format names, used to parse --format and to list the valid values.
struct InputFormatName {
    const char* name;
    InputFormat format;
    const char* description;
};
const std::vector<InputFormatName>& input_format_names();
/// Parse a --format value; throws UserError listing the valid values.
InputFormat parse_input_format(std::string_view name);

/// A record that could not be read.  `where` is "file:line" (or "file").
/// Every reason starts with a fixed kind and may add details after ": ",
/// " (", " '" or " at byte": "invalid JSON: ...", "article too large (...)",
/// "invalid date '...'", "invalid UTF-8 at byte 7", "binary file".
struct BadRecord {
    std::string where;
    std::string reason;  ///< short, e.g. "invalid JSON: unexpected '}' at column 17"
};

/// The kind a reason starts with (see BadRecord), for counting bad records.
std::string reason_kind(const std::string& reason);

struct ReaderOptions {
    InputFormat format = InputFormat::Auto;
    /// Articles whose title+body exceed this many bytes are reported and skipped.
    std::size_t max_article_bytes = 8u << 20;
    // Limits that keep hostile input from exhausting memory or the stack; each
    // input over one is reported as a bad record and skipped.
    /// A file read whole (text, HTML, Reuters SGML), counted after decompression.
    std::size_t max_file_bytes = 64u << 20;
    /// One JSON Lines line (room for an article at the limit above, escaped).
    std::size_t max_line_bytes = 64u << 20;
    /// Nesting of arrays and objects in one JSON record.
    std::size_t max_json_depth = 64;
    /// Depth of an HTML page's element tree.
    std::size_t max_html_depth = 512;
    /// Memory the HTML parser may use for one page: 16 MiB plus 40 times the
    /// page, up to this ceiling (ordinary pages need 7 to 12 times their size).
    std::size_t max_html_parser_bytes = 1u << 30;
};

/// Callbacks: one per good article, one per bad record.  Either may throw to
/// stop reading (the indexer does so with --strict).
struct ReaderSink {
    std::function<void(Article&&)> article;
    std::function<void(const BadRecord&)> bad;
    /// Called with the number of input bytes consumed so far (for progress); optional.
    std::function<void(std::uint64_t)> progress;
};

/// Read one path: a file (".gz" decompressed transparently), a directory
/// (recursively, in sorted order, hidden entries skipped) or "-" for standard
/// input.  Unreadable paths are reported through sink.bad, not thrown.
void read_path(const std::string& path, const ReaderOptions& options, ReaderSink& sink);

/// The id of an article that carries none (docs/input-formats.md, "Ids"):
/// its canonical URL when it has an absolute http(s) one, else
/// "sha256:" + 32 hex digits of a digest of source, date and title (plus the
/// body when the title or the date is missing).  Never depends on the path,
/// line or stream the article was read from.  Expects the fields as the
/// readers emit them (whitespace collapsed, body cleaned).
std::string derived_id(const Article& article);

/// Total size in bytes of the files read_path would read (0 for "-"); for ETA.
std::uint64_t input_size(const std::string& path);

/// Parse text in a given format as if read from a file named `name`
/// (used by tests and by newsdex-entities on standard input).
void read_buffer(std::string_view data, const std::string& name, const ReaderOptions& options, ReaderSink& sink);

}  // namespace newsdex
