// The hand-written word lists of the entity extractor, loaded from the data
// directory (common/data/<name>.txt; each file's header says what it is for).
//
// Internal header: used by common/entities/*.cpp and their unit tests.
#pragma once

#include "common/entities/text_util.h"

#include <string>
#include <vector>

namespace newsdex::entities {

struct WordLists {
    WordSet abbreviations;               ///< abbreviations.txt: period stays on the token
    WordSet sentence_end_abbreviations;  ///< sentence_end_abbreviations.txt
    WordSet legal_suffixes;              ///< legal_suffixes.txt: Inc, Corp, plc ...
    WordSet short_words;                 ///< short_words.txt: title-cased short words
    WordSet person_titles;               ///< person_titles.txt + ner::title_words()
    WordSet noise_names;                 ///< noise_names.txt
    WordSet table_words;                 ///< table_words.txt
    WordSet generic_words;               ///< generic_words.txt
    WordSet org_keywords;                ///< org_keywords.txt
    WordSet major_places;                ///< major_places.txt
    WordSet countries;                   ///< countries.txt
    WordSet number_words;                ///< number_words.txt
    WordSet sentence_starters;           ///< sentence_starters.txt
    WordSet name_descriptors;            ///< name_descriptors.txt: "Rival", "Billionaire" before a name
    WordSet name_cut_words;              ///< name_cut_words.txt
    WordSet co_words;                    ///< co_words.txt
    WordSet title_stop_words;            ///< title_stop_words.txt
    WordSet thing_heads;                 ///< thing_heads.txt
    WordSet date_words;                  ///< ner::date_words()
    WordSet common_words;                ///< common_words.txt: words news text uses in lower case
    WordSet place_heads;                 ///< place_heads.txt: "Basin", "Canal", "Cape"
    WordSet company_form_words;          ///< company_form_words.txt: "Societe", "Banque"
    WordSet non_person_nouns;            ///< non_person_nouns.txt: "ship", "tanker" before a name
    WordSet subject_verbs;               ///< subject_verbs.txt: "said", "reported" after a company
    WordSet company_preceders;           ///< company_preceders.txt: "from", "and" before a company
    // Encyclopedic text (stage_encyclopedic.cpp):
    WordSet ship_prefixes;        ///< ship_prefixes.txt: "HMS", "USS", "SS" before a ship's name
    WordSet military_unit_heads;  ///< military_unit_heads.txt: "Regiment", "Rifles", "Brigade"
    WordSet numbered_unit_heads;  ///< numbered_unit_heads.txt: "Division", "Fleet" after an ordinal
    WordSet work_nouns;           ///< work_nouns.txt: "album", "film" before a work's title
    WordSet work_determiners;     ///< work_determiners.txt: "their", "debut" before a work noun
    WordSet music_words;          ///< music_words.txt: "band", "album": an article about music
    WordSet company_heads;        ///< company_heads.txt: "Bank", "Group" end a company's name (split_x_and_y)
    WordSet lead_org_nouns;       ///< lead_org_nouns.txt: "X is a ... club" makes X an organisation
    WordSet lead_place_nouns;     ///< lead_place_nouns.txt: "X is a ... village" makes X a place
    WordSet org_context_phrases;  ///< org_context_phrases.txt: "plays for", "signed to" (two words, one space)
    WordSet institution_heads;    ///< institution_heads.txt: "Synod", "Laboratory" end an organisation's name
    WordSet news_cue_words;       ///< news_cue_words.txt: "Reuters", "pct", weekdays: wire copy (domain.cpp)
    WordSet reporting_words;      ///< reporting_words.txt: "said", "today": news in a text's lead (domain.cpp)
    /// Every word of the lists that name something other than a surname
    /// (common, generic, noise, title, date, organisation, place, country,
    /// number, sentence-starter, table, thing and company-form words, legal
    /// suffixes): one probe for the surname candidates (stage_surname_candidates.cpp).
    WordSet not_surnames;
    WordSet place_prepositions;  ///< place_prepositions.txt: "in", "from" before a place
    /// function_words.txt: per language code, its function words ("en the", "de und").
    std::vector<std::pair<std::string, WordSet>> function_words;
    std::vector<std::vector<std::string>> alias_intros;  ///< alias_intros.txt, in file order
    /// place_suffixes.txt: endings of one-word street and square names
    /// ("Bahnhofstrasse", "Herrengasse"), lower case.
    std::vector<std::string> place_suffixes;

    /// Load every list from `dir`.  Throws SystemError naming the missing file.
    void load(const std::string& dir);
};

/// Read a required list file: one entry per line, '#' comments and blank
/// lines skipped, surrounding whitespace trimmed.  Throws SystemError.
std::vector<std::string> read_word_list(const std::string& path);

/// `word` (any case) is longer than, and ends in, one of W.place_suffixes.
bool has_place_suffix(const WordLists& W, std::string_view word);

}  // namespace newsdex::entities
