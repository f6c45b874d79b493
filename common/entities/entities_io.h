// Input/output helpers of the newsdex-entities CLI (kept in the library so the
// main function stays thin and the formats are unit-testable).
#pragma once

#include "common/ingest/article.h"
#include "common/entities/entities.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace newsdex {

/// Read CoNLL-2003 text (`WORD POS CHUNK NER` lines or just `WORD` lines;
/// blank line = sentence end; -DOCSTART- starts a document), tag it with
/// document context and write one JSON line per predicted PER/ORG mention:
/// {"doc": D, "type": "PER", "text": "...", "start": S, "end": E}
/// (D from 0 at each -DOCSTART-, S..E token indexes within the document,
/// E exclusive).  Returns the number of mentions written.
/// What tag_conll measures: the tagger alone, or the whole extractor (tag
/// repairs, mention clean-up, headlines, classification filters), i.e. the
/// mentions behind the entities a user sees.
enum class ConllMode { Tagger, Extractor };
std::size_t tag_conll(const EntityExtractor& extractor, std::istream& in, std::ostream& out,
                      ConllMode mode = ConllMode::Tagger);
/// The mentions of the entities EntityExtractor::extract finds in a
/// pre-tokenised English document, as token ranges per sentence (tokens are
/// joined by spaces, sentences by blank lines; a mention covers the tokens
/// its byte range overlaps).
std::vector<std::vector<TokenMention>> extract_document_mentions(
    const EntityExtractor& extractor, const std::vector<std::vector<std::string>>& sentences);

/// One JSON object (one line, no newline) describing an article's entities:
/// {"article": id, "title": ..., "entities": [{"id","name","type","mentions",
/// "offsets": [[s,e],...], "aliases": [...]}, ...]}
std::string entities_json(const Article& article, const std::vector<Entity>& entities);

/// Human-readable aligned table of an article's entities.
std::string entities_table(const Article& article, const std::vector<Entity>& entities);

}  // namespace newsdex

#include "common/ingest/readers.h"

namespace newsdex {

/// newsdex::read_path, except that standard input ("-") in Auto format that
/// is not recognised as JSON lines, HTML or Reuters SGML is read as plain text.
void read_input_or_text(const std::string& path, const ReaderOptions& options, ReaderSink& sink);

}  // namespace newsdex
