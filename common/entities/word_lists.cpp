// Loading of the extractor's word lists (see word_lists.h).
#include "common/entities/word_lists.h"

#include "newsdex/error.h"

#include <algorithm>
#include <fstream>

namespace newsdex::entities {

std::vector<std::string> read_word_list(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw SystemError("cannot read data file " + path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        std::size_t b = 0, e = line.size();
        while (b < e && is_space(line[b])) ++b;
        while (e > b && is_space(line[e - 1])) --e;
        if (b == e || line[b] == '#') continue;
        out.push_back(line.substr(b, e - b));
    }
    return out;
}

bool has_place_suffix(const WordLists& W, std::string_view word) {
    const std::string lower = lower_ascii(word);
    return std::any_of(W.place_suffixes.begin(), W.place_suffixes.end(), [&](const std::string& suffix) {
        return lower.size() > suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
    });
}

void WordLists::load(const std::string& dir) {
    // `names_other`: the list names something other than a surname (see
    // not_surnames); one set for the surname candidates' many tests.
    auto fill = [&](WordSet& set, const char* file, bool names_other = false) {
        for (const auto& w : read_word_list(dir + "/" + file)) {
            set.add(w);
            if (names_other) not_surnames.add(w);
        }
    };
    fill(abbreviations, "abbreviations.txt");
    fill(sentence_end_abbreviations, "sentence_end_abbreviations.txt");
    fill(legal_suffixes, "legal_suffixes.txt", true);
    fill(short_words, "short_words.txt");
    fill(person_titles, "person_titles.txt", true);
    for (const auto& w : ner::title_words()) {
        person_titles.add(w);
        not_surnames.add(w);
    }
    fill(noise_names, "noise_names.txt", true);
    fill(table_words, "table_words.txt", true);
    fill(generic_words, "generic_words.txt", true);
    fill(org_keywords, "org_keywords.txt", true);
    fill(major_places, "major_places.txt", true);
    fill(countries, "countries.txt", true);
    fill(number_words, "number_words.txt", true);
    fill(sentence_starters, "sentence_starters.txt", true);
    fill(name_descriptors, "name_descriptors.txt", true);
    fill(name_cut_words, "name_cut_words.txt");
    fill(co_words, "co_words.txt");
    fill(title_stop_words, "title_stop_words.txt");
    fill(thing_heads, "thing_heads.txt", true);
    for (const auto& w : ner::date_words()) {
        date_words.add(w);
        not_surnames.add(w);
    }
    fill(common_words, "common_words.txt", true);
    fill(place_heads, "place_heads.txt", true);
    fill(company_form_words, "company_form_words.txt", true);
    fill(non_person_nouns, "non_person_nouns.txt");
    fill(subject_verbs, "subject_verbs.txt");
    fill(company_preceders, "company_preceders.txt");
    fill(place_prepositions, "place_prepositions.txt");
    fill(ship_prefixes, "ship_prefixes.txt", true);
    fill(military_unit_heads, "military_unit_heads.txt", true);
    fill(numbered_unit_heads, "numbered_unit_heads.txt", true);
    fill(work_nouns, "work_nouns.txt");
    fill(work_determiners, "work_determiners.txt");
    fill(music_words, "music_words.txt");
    fill(news_cue_words, "news_cue_words.txt");
    fill(reporting_words, "reporting_words.txt");
    fill(institution_heads, "institution_heads.txt");
    fill(org_context_phrases, "org_context_phrases.txt");
    fill(lead_org_nouns, "lead_org_nouns.txt");
    fill(lead_place_nouns, "lead_place_nouns.txt");
    fill(company_heads, "company_heads.txt");
    function_words.clear();
    const std::string fw_path = dir + "/function_words.txt";
    for (const auto& line : read_word_list(fw_path)) {
        auto words = split_words(line);
        if (words.size() != 2) throw SystemError(fw_path + ": expected 'LANG word', got '" + line + "'");
        auto it = std::find_if(function_words.begin(), function_words.end(),
                               [&](const auto& p) { return p.first == words[0]; });
        if (it == function_words.end()) it = function_words.insert(function_words.end(), {words[0], WordSet()});
        it->second.add(words[1]);
    }
    place_suffixes.clear();
    for (const auto& w : read_word_list(dir + "/place_suffixes.txt")) place_suffixes.push_back(lower_ascii(w));
    alias_intros.clear();
    for (const auto& phrase : read_word_list(dir + "/alias_intros.txt")) {
        auto words = split_words(lower_ascii(phrase));
        if (!words.empty()) alias_intros.push_back(std::move(words));
    }
}

}  // namespace newsdex::entities
