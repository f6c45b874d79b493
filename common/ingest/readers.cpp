// Input readers: format table, detection, files, directories, standard input.
// The format parsers live in reader_jsonl.cpp, reader_text.cpp,
// reader_html.cpp and reader_reuters.cpp.
#include "common/ingest/readers.h"
#include "common/text/ascii.h"

#include "common/text/analyzer.h"
#include "common/text/boilerplate.h"
#include "common/ingest/reader_common.h"
#include "common/text/utf8.h"
#include "newsdex/error.h"

#include <sys/stat.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <utility>
#include <variant>

namespace newsdex {

const std::vector<InputFormatName>& input_format_names() {
    static const std::vector<InputFormatName> kNames = {
        {"auto", InputFormat::Auto, "detect by file extension, then by content"},
        {"jsonl", InputFormat::Jsonl, "JSON Lines: one JSON object per line (.jsonl, .ndjson, .json)"},
        {"text", InputFormat::Text, "plain text or Markdown with optional 'Key: value' header (.txt, .md)"},
        {"html", InputFormat::Html, "an HTML page, main article extracted (.html, .htm)"},
        {"reuters", InputFormat::Reuters, "Reuters-21578 SGML (.sgm, .sgml)"},
    };
    return kNames;
}

InputFormat parse_input_format(std::string_view name) {
    std::string lower = ascii::lower(name);
    for (const auto& n : input_format_names())
        if (lower == n.name) return n.format;
    std::string valid;
    for (const auto& n : input_format_names()) {
        if (!valid.empty()) valid += ", ";
        valid += n.name;
    }
    throw UserError("unknown input format '" + std::string(name) + "' (valid: " + valid + ")");
}

namespace detail {

std::string_view strip_bom(std::string_view data) {
    if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
    return data;
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find_first_of(",;", pos);
        if (end == std::string_view::npos) end = text.size();
        std::string item = utf8::collapse_whitespace(text.substr(pos, end - pos));
        if (!item.empty()) out.push_back(std::move(item));
        pos = end + 1;
    }
    return out;
}

bool check_utf8(std::string_view data, ReadContext& ctx, std::size_t first_line) {
    auto bad = utf8::find_invalid(data);
    if (!bad) return true;
    std::string_view before = data.substr(0, *bad);
    std::size_t line = first_line + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    std::size_t line_start = before.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    ctx.bad(ctx.where(line), "invalid UTF-8 at byte " + std::to_string(*bad - line_start + 1));
    return false;
}

std::size_t MemorySource::read(char* buf, std::size_t n) {
    n = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, n);
    pos_ += n;
    return n;
}

LineReader::LineReader(ByteSource& source, std::string initial, ReadContext* progress, std::size_t max_line)
    : source_(source), buf_(std::move(initial)), max_line_(max_line), progress_(progress) {}

bool LineReader::fill() {
    if (eof_) return false;
    if (start_ > 0) {
        buf_.erase(0, start_);
        scanned_ -= std::min(scanned_, start_);
        start_ = 0;
    }
    std::size_t chunk = std::max<std::size_t>(1 << 16, buf_.size());  // geometric growth
    std::size_t old = buf_.size();
    buf_.resize(old + chunk);
    std::size_t got = 0;
    try {
        got = source_.read(buf_.data() + old, chunk);
    } catch (...) {
        buf_.resize(old);
        throw;
    }
    buf_.resize(old + got);
    if (progress_) progress_->progress(source_.raw_offset());
    if (got == 0) eof_ = true;
    return got > 0;
}

bool LineReader::next(std::string_view& line) {
    too_long_ = false;
    for (;;) {
        std::size_t from = std::max(start_, scanned_);
        std::size_t nl = buf_.find('\n', from);
        if (nl != std::string::npos && !too_long_ && nl - start_ > max_line_) too_long_ = true;
        if (nl != std::string::npos) {
            std::size_t end = nl;
            if (end > start_ && buf_[end - 1] == '\r') --end;
            line = too_long_ ? std::string_view() : std::string_view(buf_).substr(start_, end - start_);
            start_ = scanned_ = nl + 1;
            ++line_;
            return true;
        }
        if (buf_.size() - start_ > max_line_) {
            // Over the limit with no end in sight: drop what is buffered and
            // look for the line's end in fresh chunks, so memory stays bounded.
            too_long_ = true;
            buf_.clear();
            start_ = 0;
        }
        scanned_ = buf_.size();
        if (!fill()) {
            if (too_long_ || start_ < buf_.size()) {
                std::size_t end = buf_.size();
                if (end > start_ && buf_[end - 1] == '\r') --end;
                line = too_long_ ? std::string_view() : std::string_view(buf_).substr(start_, end - start_);
                start_ = scanned_ = buf_.size();
                ++line_;
                return true;
            }
            return false;
        }
    }
}

void ReadContext::bad(const std::string& where, const std::string& reason) {
    if (sink.bad) sink.bad(BadRecord{where, reason});
}

void ReadContext::progress(std::uint64_t offset_in_file, bool force) {
    if (!sink.progress) return;
    std::uint64_t now = base + offset_in_file;
    if (force ? now != reported : now >= reported + (1u << 20)) {
        reported = now;
        sink.progress(now);
    }
}

void ReadContext::emit(Article&& a, const std::string& where, bool allow_empty) {
    std::size_t size = a.title.size() + a.body.size();
    if (size > options.max_article_bytes) {
        bad(where, "article too large (" + std::to_string(size) + " bytes > limit " +
                       std::to_string(options.max_article_bytes) + ")");
        return;
    }
    a.title = utf8::collapse_whitespace(a.title);
    a.body = clean_boilerplate(a.body);
    if (a.title.empty() && a.body.empty() && !allow_empty) {
        bad(where, "no title and no body");
        return;
    }
    a.source = utf8::collapse_whitespace(a.source);
    a.url = std::string(utf8::trim(a.url));
    a.language = language_code(utf8::trim(a.language));
    a.id = std::string(utf8::trim(a.id));
    if (a.id.empty()) a.id = derived_id(a);
    auto tidy = [](std::vector<std::string>& v) {
        std::vector<std::string> out;
        for (auto& s : v) {
            std::string t = utf8::collapse_whitespace(s);
            if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
        }
        v = std::move(out);
    };
    tidy(a.authors);
    tidy(a.companies);
    tidy(a.persons);
    tidy(a.organizations);
    a.origin = where;
    sink.article(std::move(a));
}

}  // namespace detail

namespace {

using detail::InputError;
using detail::ReadContext;

constexpr std::size_t kSniffBytes = 8192;

/// A file (or standard input) read through zlib, which passes uncompressed
/// input through unchanged.
class GzSource : public detail::ByteSource {
  public:
    explicit GzSource(int fd) {
        file_ = gzdopen(fd, "rb");
        if (!file_) {
            ::close(fd);
            throw InputError("cannot open: out of memory");
        }
        gzbuffer(file_, 1 << 18);
    }
    ~GzSource() override {
        if (file_) gzclose(file_);
    }
    GzSource(const GzSource&) = delete;
    GzSource& operator=(const GzSource&) = delete;

    std::size_t read(char* buf, std::size_t n) override {
        n = std::min<std::size_t>(n, 1u << 30);
        int got = gzread(file_, buf, static_cast<unsigned>(n));
        int err = Z_OK;
        const char* msg = gzerror(file_, &err);
        if (got < 0 || (err != Z_OK && err != Z_BUF_ERROR)) {
            if (err == Z_ERRNO) throw InputError(std::string("read error: ") + std::strerror(errno));
            throw InputError(std::string("corrupt gzip data: ") + (msg ? msg : "unknown error"));
        }
        if (got == 0 && err == Z_BUF_ERROR) throw InputError("truncated gzip data: unexpected end of file");
        produced_ += static_cast<std::uint64_t>(got);
        return static_cast<std::size_t>(got);
    }
    std::uint64_t raw_offset() const override {
        auto off = gzoffset(file_);  // fails on pipes: count bytes produced instead
        return off < 0 ? produced_ : static_cast<std::uint64_t>(off);
    }

  private:
    gzFile file_ = nullptr;
    std::uint64_t produced_ = 0;
};

/// Format from the file name: ".gz" stripped, then the extension.
std::optional<InputFormat> format_from_name(std::string_view name) {
    std::string lower = ascii::lower(name);
    std::string_view n = lower;
    if (n.size() > 3 && n.substr(n.size() - 3) == ".gz") n.remove_suffix(3);
    std::size_t slash = n.find_last_of('/');
    if (slash != std::string_view::npos) n.remove_prefix(slash + 1);
    std::size_t dot = n.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    std::string_view ext = n.substr(dot + 1);
    if (ext == "jsonl" || ext == "ndjson" || ext == "json") return InputFormat::Jsonl;
    if (ext == "txt" || ext == "md" || ext == "markdown") return InputFormat::Text;
    if (ext == "html" || ext == "htm" || ext == "xhtml") return InputFormat::Html;
    if (ext == "sgm" || ext == "sgml") return InputFormat::Reuters;
    return std::nullopt;
}

/// README, LICENSE, ... : project documentation, not articles (skipped inside
/// directories unless they carry a text header).
bool is_documentation_name(std::string_view name) {
    std::string lower = ascii::lower(name);
    std::size_t dot = lower.find('.');
    std::string stem = lower.substr(0, dot);
    for (const char* doc : {"readme", "license", "licence", "copying", "changelog", "changes", "notice", "authors",
                            "contributing", "provenance", "install"})
        if (stem == doc) return true;
    return false;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && ascii::lower(s.substr(0, prefix.size())) == prefix;
}

/// Format from the first bytes.
std::optional<InputFormat> sniff(std::string_view head) {
    head = detail::strip_bom(head);
    std::size_t i = 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
    std::string_view s = head.substr(i);
    if (s.starts_with("{")) return InputFormat::Jsonl;
    if (starts_with_ci(s, "<!doctype lewis") || s.starts_with("<REUTERS")) return InputFormat::Reuters;
    if (starts_with_ci(s, "<!doctype html") || starts_with_ci(s, "<html")) return InputFormat::Html;
    if (s.starts_with("<?xml") && s.find("<html") != std::string_view::npos) return InputFormat::Html;
    if (detail::has_text_header(head)) return InputFormat::Text;
    return std::nullopt;
}

struct FileJob {
    std::string display;        ///< name used in messages and derived ids
    std::string fs_path;        ///< empty = standard input
    std::uint64_t size = 0;     ///< on-disk size, for progress
    bool in_directory = false;  ///< found by a directory walk
};

std::string file_too_large(std::size_t limit) {
    return "file too large (more than " + std::to_string(limit) + " bytes)";
}

/// The rest of `source` appended to `data`, up to ReaderOptions::max_file_bytes
/// (counted after decompression, so a small .gz cannot expand without bound).
void read_whole(detail::ByteSource& source, std::string& data, ReadContext& ctx) {
    const std::size_t limit = ctx.options.max_file_bytes;
    for (;;) {
        if (data.size() > limit) throw InputError(file_too_large(limit));
        std::size_t old = data.size();
        std::size_t chunk = std::min(std::max<std::size_t>(1 << 18, old), limit + 1 - std::min(old, limit));
        data.resize(old + chunk);
        std::size_t got = source.read(data.data() + old, chunk);
        data.resize(old + got);
        ctx.progress(source.raw_offset());
        if (got == 0) break;
    }
}

/// The format to read `head` (the first bytes) with, or the reason it cannot be read.
std::variant<InputFormat, std::string> decide_format(std::string_view head, InputFormat format) {
    if (utf8::trim(head).empty()) return std::string("empty file");
    if (std::memchr(head.data(), '\0', head.size())) return std::string("binary file");
    if (format == InputFormat::Auto) {
        if (auto f = sniff(head)) return *f;
        return std::string("unrecognised format");
    }
    return format;
}

/// Parse text held in memory in a known format.
void parse_whole(std::string_view data, InputFormat format, detail::TextHeader header, ReadContext& ctx) {
    if (format != InputFormat::Jsonl && data.size() > ctx.options.max_file_bytes) {
        ctx.bad(ctx.name, file_too_large(ctx.options.max_file_bytes));
        return;
    }
    switch (format) {
        case InputFormat::Jsonl: {
            detail::MemorySource source(data);
            detail::LineReader lines(source, std::string(), nullptr, ctx.options.max_line_bytes);
            detail::read_jsonl(lines, ctx);
            break;
        }
        case InputFormat::Text: detail::read_text(data, ctx, header); break;
        case InputFormat::Html: detail::read_html(data, ctx); break;
        default: detail::read_reuters(data, ctx); break;
    }
}

/// A UTF-16 or UTF-32 file (it starts with a byte order mark): converted to
/// UTF-8 as a whole, then read like any other file held in memory.
void parse_unicode(std::string_view data, const detail::UnicodeBom& bom, InputFormat format, detail::TextHeader header,
                   ReadContext& ctx) {
    std::string error;
    auto text = detail::charset_to_utf8(data.substr(bom.size), bom.charset, error);
    if (!text) {
        ctx.bad(ctx.name, error);
        return;
    }
    auto decided = decide_format(std::string_view(*text).substr(0, kSniffBytes), format);
    if (auto* problem = std::get_if<std::string>(&decided)) {
        ctx.bad(ctx.name, *problem);
        return;
    }
    parse_whole(*text, std::get<InputFormat>(decided), header, ctx);
}

/// Open a file (or standard input) and read its first kSniffBytes.
std::unique_ptr<GzSource> open_and_peek(const FileJob& job, std::string& head) {
    int fd = job.fs_path.empty() ? ::dup(0) : ::open(job.fs_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(std::string("cannot open: ") + std::strerror(errno));
    auto source = std::make_unique<GzSource>(fd);
    head.resize(kSniffBytes);
    std::size_t have = 0;
    while (have < kSniffBytes) {
        std::size_t got = source->read(head.data() + have, kSniffBytes - have);
        if (got == 0) break;
        have += got;
    }
    head.resize(have);
    return source;
}

/// Read one file found in a directory or named on the command line.
void read_file(detail::ByteSource& source, std::string head, const FileJob& job, ReadContext& ctx) {
    InputFormat format = ctx.options.format;
    if (format == InputFormat::Auto) format = format_from_name(job.display).value_or(InputFormat::Auto);
    // Inside a directory, a text file is an article only with a header (unless
    // --format says every file is one); README, LICENSE, ... are not even reported.
    detail::TextHeader header = detail::TextHeader::Optional;
    if (job.in_directory) {
        if (is_documentation_name(job.display.substr(job.display.find_last_of('/') + 1)))
            header = detail::TextHeader::RequiredSilent;
        else if (ctx.options.format == InputFormat::Auto)
            header = detail::TextHeader::Required;
    }
    // A UTF-16/32 file is judged after conversion (parse_unicode): its NULs are not binary.
    auto bom = detail::unicode_bom(head);
    if (!bom) {
        auto decided = decide_format(head, format);
        if (auto* problem = std::get_if<std::string>(&decided)) {
            ctx.bad(job.display, *problem);
            return;
        }
        format = std::get<InputFormat>(decided);
    }
    if (format == InputFormat::Jsonl && !bom) {
        detail::LineReader lines(source, std::move(head), &ctx, ctx.options.max_line_bytes);
        detail::read_jsonl(lines, ctx);
        return;
    }
    std::string data = std::move(head);
    std::optional<std::string> failure;
    try {
        read_whole(source, data, ctx);
    } catch (const InputError& e) {
        failure = e.what();
    }
    if (failure)
        ctx.bad(job.display, *failure);
    else if (bom)
        parse_unicode(data, *bom, format, header, ctx);
    else
        parse_whole(data, format, header, ctx);
}

void read_one(const FileJob& job, ReadContext& ctx) {
    ctx.name = job.display;
    std::uint64_t consumed = job.size;
    std::unique_ptr<GzSource> source;
    std::string head;
    std::optional<std::string> failure;
    try {
        source = open_and_peek(job, head);
    } catch (const InputError& e) {
        failure = e.what();
    }
    if (failure)
        ctx.bad(job.display, *failure);
    else
        read_file(*source, std::move(head), job, ctx);
    if (source && job.fs_path.empty()) consumed = source->raw_offset();
    source.reset();
    ctx.base += consumed;
    ctx.progress(0, true);
}

std::string join_display(const std::string& dir, const std::string& name) {
    if (dir.empty() || dir.back() == '/') return dir + name;
    return dir + "/" + name;
}

/// Walk a directory in sorted order; `visit` is called for every file to read.
template <typename Visit, typename Bad>
void walk(const std::string& fs_dir, const std::string& display, std::set<std::pair<dev_t, ino_t>>& seen,
          bool any_extension, Visit&& visit, Bad&& bad) {
    struct stat st {};
    if (::stat(fs_dir.c_str(), &st) != 0) {
        bad(display, std::string("cannot open: ") + std::strerror(errno));
        return;
    }
    if (!seen.insert({st.st_dev, st.st_ino}).second) return;  // symlink loop or already read
    DIR* d = ::opendir(fs_dir.c_str());
    if (!d) {
        bad(display, std::string("cannot open: ") + std::strerror(errno));
        return;
    }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
        if (e->d_name[0] == '.') continue;  // hidden, "." and ".."
        names.emplace_back(e->d_name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        std::string fs_path = join_display(fs_dir, name);
        std::string disp = join_display(display, name);
        struct stat est {};
        if (::stat(fs_path.c_str(), &est) != 0) {
            bad(disp, std::string("cannot open: ") + std::strerror(errno));
            continue;
        }
        if (S_ISDIR(est.st_mode)) {
            walk(fs_path, disp, seen, any_extension, visit, bad);
        } else if (S_ISREG(est.st_mode)) {
            if (!any_extension && !format_from_name(name)) continue;
            visit(FileJob{disp, fs_path, static_cast<std::uint64_t>(est.st_size), true});
        }
    }
}

}  // namespace

void read_path(const std::string& path, const ReaderOptions& options, ReaderSink& sink) {
    ReadContext ctx(options, sink);
    if (path == "-") {
        read_one(FileJob{"<stdin>", "", 0, false}, ctx);
        return;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        ctx.bad(path, std::string("cannot open: ") + std::strerror(errno));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        std::set<std::pair<dev_t, ino_t>> seen;
        walk(
            path, path, seen, options.format != InputFormat::Auto, [&](const FileJob& job) { read_one(job, ctx); },
            [&](const std::string& where, const std::string& reason) { ctx.bad(where, reason); });
    } else {
        read_one(FileJob{path, path, static_cast<std::uint64_t>(st.st_size), false}, ctx);
    }
}

std::uint64_t input_size(const std::string& path) {
    if (path == "-") return 0;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return 0;
    if (!S_ISDIR(st.st_mode)) return static_cast<std::uint64_t>(st.st_size);
    std::uint64_t total = 0;
    std::set<std::pair<dev_t, ino_t>> seen;
    walk(
        path, path, seen, false, [&](const FileJob& job) { total += job.size; },
        [](const std::string&, const std::string&) {});
    return total;
}

void read_buffer(std::string_view data, const std::string& name, const ReaderOptions& options, ReaderSink& sink) {
    ReadContext ctx(options, sink);
    ctx.name = name;
    InputFormat format = options.format;
    if (format == InputFormat::Auto) format = format_from_name(name).value_or(InputFormat::Auto);
    if (auto bom = detail::unicode_bom(data)) {
        parse_unicode(data, *bom, format, detail::TextHeader::Optional, ctx);
    } else {
        auto decided = decide_format(data.substr(0, kSniffBytes), format);
        if (auto* problem = std::get_if<std::string>(&decided))
            ctx.bad(name, *problem);
        else
            parse_whole(data, std::get<InputFormat>(decided), detail::TextHeader::Optional, ctx);
    }
    ctx.progress(data.size(), true);
}

std::string reason_kind(const std::string& reason) {
    std::size_t cut = reason.size();
    for (const char* marker : {":", " (", " '", " at byte"}) cut = std::min(cut, reason.find(marker));
    return reason.substr(0, cut);
}

}  // namespace newsdex
