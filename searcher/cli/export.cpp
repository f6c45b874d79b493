#include "export.h"

#include <vector>

namespace newsdex::cli {

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string tsv_field(const std::string& value) {
    std::string out = value;
    for (char& c : out)
        if (c == '\t' || c == '\r' || c == '\n') c = ' ';
    return out;
}

namespace {

/// Entity names joined with "; " (a name holds no semicolon worth keeping apart).
std::string joined(const std::vector<EntityName>& names) {
    std::string out;
    for (const auto& e : names) out += (out.empty() ? "" : "; ") + e.name;
    return out;
}

std::vector<std::string> fields(const Hit& h) {
    char score[32];
    std::snprintf(score, sizeof score, "%.6g", h.score);
    return {std::to_string(h.rank), h.id, h.date, h.source, h.title, h.url, joined(h.companies),
            joined(h.persons),      score, h.copy_of};
}

}  // namespace

void RowWriter::header() {
    if (format_ == Format::Jsonl) return;
    std::string line;
    for (const char* column : kExportColumns)
        line += (line.empty() ? "" : format_ == Format::Csv ? "," : "\t") + std::string(column);
    std::fputs((line + (format_ == Format::Csv ? "\r\n" : "\n")).c_str(), out_);
}

void RowWriter::row(const Hit& hit) {
    if (format_ == Format::Jsonl) {
        std::fputs((to_json(hit) + "\n").c_str(), out_);
        return;
    }
    const bool csv = format_ == Format::Csv;
    std::string line;
    bool first = true;
    for (const auto& f : fields(hit)) {
        if (!first) line += csv ? ',' : '\t';
        line += csv ? csv_field(f) : tsv_field(f);
        first = false;
    }
    // RFC 4180 ends records with CRLF; TSV with LF.
    line += csv ? "\r\n" : "\n";
    std::fwrite(line.data(), 1, line.size(), out_);
}

}  // namespace newsdex::cli
