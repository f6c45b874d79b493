// Character sets: legacy-encoded HTML pages and UTF-16/32 files, converted to
// UTF-8 with ICU's converters (ucnv) and, when a page declares nothing, ICU's
// charset detector (ucsdet).
#include "common/ingest/reader_common.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>

namespace newsdex::detail {

/// Labels whose meaning on the web differs from ICU's converter of that name
/// (WHATWG Encoding Standard): pages labelled Latin-1 or ASCII are written in
/// Windows-1252, GB2312 pages in its superset GBK, and so on.  A page cannot
/// really be UTF-16 if its <meta> could be read as ASCII, so that label means
/// UTF-8.
std::string web_charset(const std::string& label) {
    static const std::pair<const char*, const char*> kAliases[] = {
        {"iso-8859-1", "windows-1252"},
        {"iso8859-1", "windows-1252"},
        {"latin1", "windows-1252"},
        {"l1", "windows-1252"},
        {"us-ascii", "windows-1252"},
        {"ascii", "windows-1252"},
        {"cp819", "windows-1252"},
        {"iso-8859-9", "windows-1254"},
        {"latin5", "windows-1254"},
        {"iso-8859-11", "windows-874"},
        {"tis-620", "windows-874"},
        {"gb2312", "gbk"},
        {"gb_2312-80", "gbk"},
        {"x-gbk", "gbk"},
        {"utf-16", "utf-8"},
        {"utf-16le", "utf-8"},
        {"utf-16be", "utf-8"},
        {"x-sjis", "shift_jis"},
        {"ks_c_5601-1987", "euc-kr"},
    };
    std::string lower = ascii::lower(label);
    for (const auto& [from, to] : kAliases)
        if (lower == from) return to;
    return lower;
}

namespace {

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

/// Convert with an open converter; malformed sequences become U+FFFD, as a
/// browser shows them.
std::string convert(UConverter* conv, std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    std::string out;
    // Worst case: every byte becomes a 3-byte U+FFFD (or a 3-byte CJK character).
    out.resize(bytes.size() * 3 + 16);
    int32_t n = ucnv_toAlgorithmic(UCNV_UTF8, conv, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                   static_cast<int32_t>(bytes.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        out.resize(static_cast<std::size_t>(n));
        ucnv_resetToUnicode(conv);
        n = ucnv_toAlgorithmic(UCNV_UTF8, conv, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                               static_cast<int32_t>(bytes.size()), &status);
    }
    if (U_FAILURE(status)) return {};
    out.resize(static_cast<std::size_t>(n));
    return out;
}

}  // namespace

std::optional<std::string> charset_to_utf8(std::string_view bytes, const std::string& charset, std::string& error) {
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX / 3 - 16)) {
        error = "file too large to convert from " + charset;
        return std::nullopt;
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset.c_str(), &status));
    if (U_FAILURE(status) || !conv) {
        error = "unknown charset '" + charset + "'";
        return std::nullopt;
    }
    std::string out = convert(conv.get(), bytes);
    if (out.empty() && !bytes.empty()) {
        error = "cannot convert from charset '" + charset + "'";
        return std::nullopt;
    }
    return out;
}

std::optional<std::string> detect_charset(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector* det = ucsdet_open(&status);
    if (U_FAILURE(status)) return std::nullopt;
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
    ucsdet_enableInputFilter(det, true);  // ignore markup: judge the text
    std::string_view sample = bytes.substr(0, 1u << 20);
    ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(det, &status);
    if (U_FAILURE(status) || !match) return std::nullopt;
    const char* name = ucsdet_getName(match, &status);
    if (U_FAILURE(status) || !name) return std::nullopt;
    return std::string(name);
}

std::optional<UnicodeBom> unicode_bom(std::string_view head) {
    // UTF-32LE's BOM starts with UTF-16LE's: test the longer one first.
    if (head.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return UnicodeBom{"UTF-32LE", 4};
    if (head.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return UnicodeBom{"UTF-32BE", 4};
    if (head.starts_with("\xFF\xFE")) return UnicodeBom{"UTF-16LE", 2};
    if (head.starts_with("\xFE\xFF")) return UnicodeBom{"UTF-16BE", 2};
    return std::nullopt;
}

}  // namespace newsdex::detail
