#include "common/entities/entities_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <istream>
#include <ostream>
#include <sstream>

namespace newsdex {

std::size_t tag_conll(const EntityExtractor& extractor, std::istream& in, std::ostream& out) {
    std::size_t written = 0;
    long doc_index = -1;
    std::vector<std::vector<std::string>> doc;
    std::vector<std::string> sent;
    auto flush_doc = [&] {
        if (!sent.empty()) {
            doc.push_back(std::move(sent));
            sent.clear();
        }
        if (doc.empty()) return;
        if (doc_index < 0) doc_index = 0;  // text before any -DOCSTART-
        auto tagged = extractor.tag_document(doc);
        std::size_t offset = 0;
        for (std::size_t s = 0; s < doc.size(); ++s) {
            for (const auto& m : tagged[s]) {
                std::string text;
                for (std::size_t i = m.start; i < m.end; ++i) {
                    if (i > m.start) text += ' ';
                    text += doc[s][i];
                }
                nlohmann::json j;
                j["doc"] = doc_index;
                j["type"] = m.type;
                j["text"] = text;
                j["start"] = offset + m.start;
                j["end"] = offset + m.end;
                out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
                ++written;
            }
            offset += doc[s].size();
        }
        doc.clear();
    };
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::size_t b = line.find_first_not_of(" \t");
        if (b == std::string::npos) {
            if (!sent.empty()) {
                doc.push_back(std::move(sent));
                sent.clear();
            }
            continue;
        }
        std::size_t e = line.find_first_of(" \t", b);
        std::string word = line.substr(b, e == std::string::npos ? std::string::npos : e - b);
        if (word == "-DOCSTART-") {
            flush_doc();
            ++doc_index;
            continue;
        }
        sent.push_back(std::move(word));
    }
    flush_doc();
    return written;
}

std::string entities_json(const Article& article, const std::vector<Entity>& entities) {
    nlohmann::json j;
    j["article"] = article.id;
    j["title"] = article.title;
    j["entities"] = nlohmann::json::array();
    for (const auto& e : entities) {
        nlohmann::json x;
        x["id"] = e.id;
        x["name"] = e.name;
        x["type"] = entity_type_name(e.type);
        x["mentions"] = e.mentions;
        x["offsets"] = nlohmann::json::array();
        for (auto [s, t] : e.offsets) x["offsets"].push_back({s, t});
        x["aliases"] = e.aliases;
        j["entities"].push_back(std::move(x));
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {
std::size_t display_width(const std::string& s) {
    std::size_t w = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++w;
    return w;
}
std::string pad(const std::string& s, std::size_t width) {
    std::size_t w = display_width(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}
}  // namespace

std::string entities_table(const Article& article, const std::vector<Entity>& entities) {
    std::ostringstream out;
    out << "== " << (article.id.empty() ? std::string("(no id)") : article.id);
    if (!article.title.empty()) out << "  " << article.title;
    out << "\n";
    if (entities.empty()) {
        out << "   (no entities)\n";
        return out.str();
    }
    std::size_t wn = 4, wi = 2;
    for (const auto& e : entities) {
        wn = std::max(wn, display_width(e.name));
        wi = std::max(wi, display_width(e.id));
    }
    wn = std::min<std::size_t>(wn, 40);
    wi = std::min<std::size_t>(wi, 40);
    for (const auto& e : entities) {
        out << "   " << pad(entity_type_name(e.type), 13) << pad(e.name, wn + 2) << pad(e.id, wi + 2);
        out << e.mentions;
        std::size_t shown = 0;
        for (auto [s, t] : e.offsets) {
            if (shown++ == 8) {
                out << " ...";
                break;
            }
            out << (shown == 1 ? "  " : " ") << s << "-" << t;
        }
        if (!e.aliases.empty()) {
            out << "  (aka ";
            for (std::size_t i = 0; i < e.aliases.size() && i < 6; ++i) out << (i ? "; " : "") << e.aliases[i];
            if (e.aliases.size() > 6) out << "; ...";
            out << ")";
        }
        out << "\n";
    }
    return out.str();
}

}  // namespace newsdex

#include <iostream>
#include <iterator>

namespace newsdex {

void read_input_or_text(const std::string& path, const ReaderOptions& options, ReaderSink& sink) {
    if (path != "-" || options.format != InputFormat::Auto) {
        read_path(path, options, sink);
        return;
    }
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    std::vector<Article> articles;
    std::vector<BadRecord> bad;
    ReaderSink collect;
    collect.article = [&](Article&& a) { articles.push_back(std::move(a)); };
    collect.bad = [&](const BadRecord& b) { bad.push_back(b); };
    read_buffer(data, "<stdin>", options, collect);
    if (articles.empty() && !bad.empty() && bad.front().reason.find("format") != std::string::npos) {
        ReaderOptions text = options;
        text.format = InputFormat::Text;
        read_buffer(data, "<stdin>", text, sink);
        return;
    }
    for (auto& a : articles) sink.article(std::move(a));
    for (auto& b : bad) sink.bad(b);
}

}  // namespace newsdex
