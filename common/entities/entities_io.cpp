#include "common/entities/entities_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <istream>
#include <ostream>
#include <sstream>

namespace newsdex {

std::vector<std::vector<TokenMention>> extract_document_mentions(
    const EntityExtractor& extractor, const std::vector<std::vector<std::string>>& sentences) {
    // The text the extractor sees: title "" + "\n\n" + body, tokens joined by
    // spaces, sentences by blank lines (a sentence break for the tokeniser).
    Article article;
    article.language = "en";
    struct Span {
        std::size_t b, e, sent, index;
    };
    std::vector<Span> spans;
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        if (s > 0) article.body += "\n\n";
        for (std::size_t i = 0; i < sentences[s].size(); ++i) {
            if (i > 0) article.body += ' ';
            const std::size_t b = 2 + article.body.size();
            article.body += sentences[s][i];
            spans.push_back({b, 2 + article.body.size(), s, i});
        }
    }
    std::vector<std::vector<TokenMention>> out(sentences.size());
    for (const Entity& entity : extractor.extract(article)) {
        const char* type = entity.type == EntityType::Person ? "PER" : "ORG";
        for (auto [b, e] : entity.offsets) {
            // the tokens the mention overlaps (spans are sorted by offset)
            auto first =
                std::lower_bound(spans.begin(), spans.end(), b, [](const Span& t, std::size_t x) { return t.e <= x; });
            auto last = first;
            while (last != spans.end() && last->b < e && last->sent == first->sent) ++last;
            if (first == last) continue;
            out[first->sent].push_back({type, first->index, (last - 1)->index + 1});
        }
    }
    for (auto& sent : out) {
        std::sort(sent.begin(), sent.end(),
                  [](const TokenMention& x, const TokenMention& y) { return x.start < y.start; });
        sent.erase(std::unique(sent.begin(), sent.end(),
                               [](const TokenMention& x, const TokenMention& y) {
                                   return x.start == y.start && x.end == y.end;
                               }),
                   sent.end());
    }
    return out;
}

std::size_t tag_conll(const EntityExtractor& extractor, std::istream& in, std::ostream& out, ConllMode mode) {
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
        auto tagged =
            mode == ConllMode::Extractor ? extract_document_mentions(extractor, doc) : extractor.tag_document(doc);
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
