// Shared body of the four reader harnesses: parse the input as one format
// through read_buffer() (memory only, no file is opened or written) and check
// what the readers promise their callers.
#pragma once

#include "common/ingest/readers.h"
#include "common/text/utf8.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace newsdex::fuzz {

/// Stop with a message libFuzzer shows next to the input; abort() makes it a crash.
[[noreturn]] inline void broken_promise(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz: broken promise: %s: %s\n", what, detail.c_str());
    std::abort();
}

/// Every article text is valid UTF-8 and every bad record names where and why
/// (readers.h); anything else, or an escaping exception, is a bug.
inline void check_article(const Article& a) {
    for (const std::string* field : {&a.id, &a.title, &a.body, &a.source, &a.url, &a.language})
        if (!utf8::is_valid(*field)) broken_promise("article field is not valid UTF-8", a.origin);
    if (a.date && a.date->yyyymmdd().size() != 8) broken_promise("date is not YYYYMMDD", a.date->yyyymmdd());
}

inline void read_as(InputFormat format, const char* name, const std::uint8_t* data, std::size_t size) {
    ReaderOptions options;
    options.format = format;
    // Small enough that the size check is reached by fuzzed inputs too.
    options.max_article_bytes = 64 * 1024;
    ReaderSink sink;
    sink.article = [](Article&& a) { check_article(a); };
    sink.bad = [](const BadRecord& bad) {
        if (bad.where.empty() || reason_kind(bad.reason).empty())
            broken_promise("bad record without place or kind", bad.where + " " + bad.reason);
    };
    read_buffer(std::string_view(reinterpret_cast<const char*>(data), size), name, options, sink);
}

}  // namespace newsdex::fuzz
