// Internals shared by the input readers (not part of the public interface).
#pragma once

#include "common/ingest/readers.h"
#include "common/text/ascii.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace newsdex::detail {

/// An I/O or decompression failure while reading one file; reported as a bad
/// record for that file, never thrown out of read_path.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A stream of (decompressed) bytes.
class ByteSource {
  public:
    virtual ~ByteSource() = default;
    /// Read up to n bytes; 0 at end of input.  Throws InputError.
    virtual std::size_t read(char* buf, std::size_t n) = 0;
    /// Bytes of the underlying (possibly compressed) input consumed so far.
    virtual std::uint64_t raw_offset() const = 0;
};

class MemorySource : public ByteSource {
  public:
    explicit MemorySource(std::string_view data) : data_(data) {}
    std::size_t read(char* buf, std::size_t n) override;
    std::uint64_t raw_offset() const override { return pos_; }

  private:
    std::string_view data_;
    std::size_t pos_ = 0;
};

class ReadContext;

/// Splits a ByteSource into lines without quadratic behaviour on long lines.
class LineReader {
  public:
    LineReader(ByteSource& source, std::string initial, ReadContext* progress = nullptr,
               std::size_t max_line = static_cast<std::size_t>(-1));
    /// Next line without its '\n' (and '\r'); false at end.  Throws InputError.
    /// A line longer than `max_line` is read past without being kept: it comes
    /// back empty, with too_long() true.
    bool next(std::string_view& line);
    /// 1-based number of the line last returned.
    std::size_t line_number() const { return line_; }
    /// Whether the line last returned was over the limit (and was dropped).
    bool too_long() const { return too_long_; }

  private:
    bool fill();
    ByteSource& source_;
    std::string buf_;
    std::size_t start_ = 0, scanned_ = 0, line_ = 0;
    std::size_t max_line_;
    bool eof_ = false;
    bool too_long_ = false;
    ReadContext* progress_;
};

/// State for one read_path / read_buffer call.
class ReadContext {
  public:
    ReadContext(const ReaderOptions& options, ReaderSink& sink) : options(options), sink(sink) {}

    const ReaderOptions& options;
    ReaderSink& sink;
    std::string name;            ///< display name of the current file
    std::uint64_t base = 0;      ///< bytes consumed before the current file
    std::uint64_t reported = 0;  ///< last value passed to sink.progress

    std::string where(std::size_t line) const { return name + ":" + std::to_string(line); }
    void bad(const std::string& where, const std::string& reason);
    /// Final checks (size, boilerplate, title/body), the derived id when the
    /// article has none (derived_id), and hand-over to the sink.
    /// `allow_empty`: keep an article with neither title nor body (Reuters keeps
    /// every NEWID, even the one empty UNPROC item).
    void emit(Article&& article, const std::string& where, bool allow_empty = false);
    /// Progress within the current file (raw bytes); reported every ~1 MB or when forced.
    void progress(std::uint64_t offset_in_file, bool force = false);
};

// The format parsers.
void read_jsonl(LineReader& lines, ReadContext& ctx);
/// Whether a Text file needs a "Key: value" header to be an article.
enum class TextHeader {
    Optional,        ///< named on the command line, or --format text: first line = title
    Required,        ///< found in a directory walk: without a header it is reported and skipped
    RequiredSilent,  ///< a README, LICENSE, ... in a directory: skipped without a word
};
void read_text(std::string_view data, ReadContext& ctx, TextHeader header);
void read_html(std::string_view data, ReadContext& ctx);
void read_reuters(std::string_view data, ReadContext& ctx);

// Helpers.
bool has_text_header(std::string_view data);
/// Split on ',' and ';', trimming, dropping empty items.
std::vector<std::string> split_list(std::string_view text);
/// "invalid UTF-8 at byte N" with `where` naming the line of byte `offset` in `data`
/// (line counted from `first_line`); returns false (and reports) when invalid.
bool check_utf8(std::string_view data, ReadContext& ctx, std::size_t first_line = 1);
std::string_view strip_bom(std::string_view data);
// Character sets (reader_charset.cpp, ICU).
struct UnicodeBom {
    const char* charset;  ///< "UTF-16LE", "UTF-16BE", "UTF-32LE" or "UTF-32BE"
    std::size_t size;     ///< bytes of the byte order mark
};
/// The UTF-16/32 byte order mark `head` starts with, if any (not UTF-8's).
std::optional<UnicodeBom> unicode_bom(std::string_view head);
/// What a charset label on a web page means (WHATWG): "iso-8859-1" and
/// "us-ascii" -> "windows-1252", "gb2312" -> "gbk", ...; lower case.
std::string web_charset(const std::string& label);
/// `bytes` in `charset` (an ICU converter name or alias) as UTF-8; malformed
/// sequences become U+FFFD.  nullopt with `error` ("unknown charset 'x'") when
/// ICU has no such converter.
std::optional<std::string> charset_to_utf8(std::string_view bytes, const std::string& charset, std::string& error);
/// ICU's best guess at the charset of `bytes` (markup ignored), if any.
std::optional<std::string> detect_charset(std::string_view bytes);

/// SHA-256 of `data` as 64 lower-case hex digits (reader_ids.cpp).
std::string sha256_hex(std::string_view data);

}  // namespace newsdex::detail
