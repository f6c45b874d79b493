// The article model: what every reader produces and the indexer consumes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

/// A publication time as the article gave it: the calendar date and clock
/// time where it was published, plus that place's offset from UTC when known.
/// "The article's date" everywhere in newsdex means the local calendar date.
struct ArticleDate {
    int year = 0, month = 0, day = 0;       ///< local calendar date
    int hour = 0, minute = 0, second = 0;   ///< local clock time
    std::optional<int> utc_offset_minutes;  ///< e.g. +60 for +01:00; empty = unknown (UTC assumed)

    /// Days since 1970-01-01 of the local calendar date.
    int64_t local_day_number() const;
    /// Seconds since the epoch in UTC (local time minus the offset).
    int64_t utc_seconds() const;
    /// "YYYYMMDD": sortable, and the date value stored in the index.
    std::string yyyymmdd() const;
    /// ISO 8601: "2015-09-22T14:05:00+02:00" (or "...Z" / no offset when unknown).
    std::string iso8601() const;
};

/// Days in a month of the proleptic Gregorian calendar (month 1..12).
int days_in_month(int year, int month);

/// Parse an ISO 8601 date or date-time ("2015-09-22", "2015-09-22T14:05:00Z",
/// "2015-09-22 14:05:00+02:00", "2015-09-22T14:05:00.123-0500").  Returns
/// nullopt on malformed input or an absurd date (year outside 1800..2200,
/// month/day out of range, a UTC offset beyond +-14:00); then `why`, when
/// given, gets a short reason ("day out of range", "UTC offset beyond ±14:00").
std::optional<ArticleDate> parse_iso_date(const std::string& text, std::string* why = nullptr);

/// One news article, as read from any input format.
struct Article {
    std::string id;  ///< unique id; given, or derived from the article (derived_id)
    std::string title;
    std::string body;  ///< plain text (markup already removed)
    std::optional<ArticleDate> date;
    std::string source;  ///< publisher / feed name
    std::string url;
    std::vector<std::string> authors;
    std::string language;                    ///< ISO 639-1 code when known ("en", "zh", ...), else empty
    std::string dateline;                    ///< e.g. "SALVADOR, Feb 26 -" (Reuters)
    std::vector<std::string> companies;      ///< entities given as metadata
    std::vector<std::string> persons;        ///< entities given as metadata
    std::vector<std::string> organizations;  ///< non-company organisations given as metadata
    /// Other metadata kept as-is, e.g. Reuters "places", "topics", "exchanges".
    std::map<std::string, std::vector<std::string>> tags;

    std::string origin;  ///< "file:line" (or "file") where it was read, for messages
};

}  // namespace newsdex
