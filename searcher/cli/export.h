// Hits as rows for --format csv, tsv and jsonl (docs/cli.md#export): one row
// per hit, written as each page of matches arrives so that --all streams.
#pragma once

#include "newsdex/search.h"

#include <cstdio>
#include <string>

namespace newsdex::cli {

/// Output formats of newsdex-search.
enum class Format { Text, Json, Jsonl, Csv, Tsv };

/// The columns of a csv/tsv row, in order (also the header row).  copy_of:
/// the id of the hit above (same page) this article is an identical copy of.
inline constexpr const char* kExportColumns[] = {"rank", "id",        "date",    "source", "title",
                                                 "url",  "companies", "persons", "score",  "copy_of"};

/// A CSV field quoted as RFC 4180 asks: in double quotes, with quotes doubled,
/// when it holds a comma, a quote, CR or LF.
std::string csv_field(const std::string& value);
/// A TSV field: tabs, CR and LF become spaces (TSV has no quoting).
std::string tsv_field(const std::string& value);

/// Writes rows to `out` in a row format (Csv, Tsv or Jsonl).
class RowWriter {
  public:
    RowWriter(Format format, std::FILE* out) : format_(format), out_(out) {}
    /// The header row (csv/tsv only; nothing for jsonl).
    void header();
    /// One hit.
    void row(const Hit& hit);

  private:
    Format format_;
    std::FILE* out_;
};

}  // namespace newsdex::cli
