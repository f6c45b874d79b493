// The newsdex index schema: every term prefix, value slot and metadata key.
// The indexer writes through it and the searcher reads through it; no other
// file spells a prefix or a slot number.
//
// ---------------------------------------------------------------------------
// The database
// ---------------------------------------------------------------------------
// A newsdex database is a directory holding N Xapian glass shards
// (shard-000, shard-001, ...), a Xapian stub file XAPIANDB listing them, and
// for each shard its per-document columns, shard-NNN.facets
// (common/schema/doc_columns.h: the companies, persons, dates and lengths of
// every docid as compact arrays, stamped with the shard revision; rebuilt by
// the searcher when stale), so
// that Xapian (and its tools: delve, quest, xapian-compact) opens the
// directory as one database.  An article lives in the shard chosen by a hash
// of its id, so re-indexing an id always replaces it in the same shard.  A
// stub file may instead list remote shards ("remote :host:port") served by
// xapian-tcpsrv; the searcher treats both alike.
//
// One Xapian document per article:
//
//   Terms (all text goes through common/text/analyzer: NFKC, case and diacritic
//   folding, ICU word segmentation, Snowball stemming):
//     <stem>            title and body words, stemmed, with positions (title
//                       first, then a gap of 100, then the body).  Title words
//                       get wdf weight kTitleWeight.  CJK text is indexed as
//                       one positional term per ideograph/kana (so any typed
//                       CJK phrase matches as a phrase of characters) plus
//                       each ICU dictionary word as a non-positional term.
//     S<stem>           title words only, positional          (title:)
//     Q<id>             the article id (id:); an id too long for a Xapian
//                       term is shortened (see id_term), so the full id is
//                       the one in the document data
//     XC<slug>          each company mentioned                  (company:)
//     XP<slug>          each person mentioned                   (person:)
//     XO<slug>          each other organisation mentioned       (org:)
//     XS<slug>          source / publisher                      (source:)
//     XL<code>          language, e.g. XLen                     (lang:)
//     XT<slug>          Reuters TOPICS                          (topic:)
//     XG<slug>          Reuters PLACES                          (place:)
//     XA<slug>          each author                             (author:)
//     XD<key>           near-duplicate group (kSlotDupKey)      (collapsing)
//     XR<surname>[:<id>] a bare-surname person [linked to <id>]   (resolution)
//     XU<surname>[:<id>] a surname candidate: a lone capitalised word the
//                       tagger left untagged, no entity [linked to <id>]
//     XK<id>[:<id2>]    a one-word company [linked to <id2>]       (resolution)
//     XJ<alias>:<id>    the text ties one-word <alias> to company <id>
//     XW<key>:<rest>    schema 4: person <rest><key> (an XP term of the
//                       document) by its last word and by its last two words
//                       (person_surname_terms), so that the searcher looks up
//                       a query's surname by prefix instead of scanning every
//                       person term (searcher/src/surnames.h)
//     Y<yyyy>, M<yyyymm>, D<yyyymmdd>
//                       local publication year, month and day    (date:, after:,
//                       before:: a range becomes an OR of the fewest whole
//                       years, months and days that cover it -- boolean terms,
//                       much faster than a value range, also on remote shards)
//
//   Values:
//     0  kSlotDate      "YYYYMMDD", the local calendar date of publication
//                       (date:, after:, before:, the date facet)
//     1  kSlotTime      sortable_serialise(UTC seconds)  (--sort, --recency)
//     2  kSlotHash      64-bit digest of the indexed content, 8 raw bytes
//                       (16 hex digits in schema 2) (unchanged detection)
//     3  kSlotDupKey    near-duplicate key: digest of the first 40 words of
//                       the body, equal for one wire story carried by several
//                       sources (collapsing); also the term XD<key>
//     4  kSlotCompanies the article's company slugs, sorted, joined by
//                       kValueSeparator
//     5  kSlotPersons   the same for persons
//                       Slots 4 and 5 let remote shards (xapian-tcpsrv, which
//                       knows only Xapian's built-in match spies) count the
//                       multi-valued facets with one ValueCountMatchSpy each:
//                       the spy counts each combination, the searcher splits
//                       the combinations and adds up.
//     6  kSlotBodyDigest the first 16 bytes of SHA-256 of the stored body
//                       (raw bytes): folding identical copies compares these
//                       (kept in memory, common/schema/doc_columns.h) instead
//                       of reading and comparing the bodies; a document
//                       without it (indexed before) has its body read
//
//   Data: a JSON object (see docs/index-schema.md): id, title, date, source,
//   url, authors, language, entities (schema 3: empty strings and language
//   "en" left out, entity lists in the compact form of stored_entities.h);
//   then a NUL byte; then the body (first kMaxStoredBody bytes), kept out of
//   the JSON so that listing hits does not parse it.
//
//   Metadata (written to every shard, so any shard answers):
//     newsdex:schema        schema version, kSchemaVersion
//     newsdex:languages     the stemming languages in use, e.g. "en,de"
//                           (kLanguagesKey)
//     newsdex:surname-terms "1" in a shard created at schema 4 or later: every
//                           document holds the XW terms (kSurnameTermsKey)
//     name:<prefix><slug>   display name of an entity or source, e.g.
//                           "name:XCibm" -> "IBM"
//     alias:<prefix><slug>  canonical slug for another name of an entity, e.g.
//                           "alias:XPjack-ma" -> "ma-yun"
// ---------------------------------------------------------------------------
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex::schema {

/// Schema 3 (docs/index-schema.md, "Versions") stores the document data more
/// compactly (common/schema/stored_entities.h) and kSlotHash as raw bytes;
/// everything else is schema 2's.  Schema 4 adds the XW terms
/// (kPrefixPersonSurname) and kSurnameTermsKey.  The searcher reads all
/// three, and the indexer adds to a schema-2 or -3 database (marking it
/// schema 4, since it then holds documents that an older newsdex would
/// misread or add to without their XW terms).
inline constexpr int kSchemaVersion = 4;
/// The oldest schema this newsdex reads and adds to.
inline constexpr int kOldestReadableSchemaVersion = 2;
/// Whether a shard's "newsdex:schema" metadata is one this newsdex reads.
bool readable_schema_version(const std::string& version);
inline constexpr const char* kSchemaVersionKey = "newsdex:schema";
/// Metadata key: the stemming languages the shard's articles use, joined by
/// ',' (the searcher stems a query in each of them).
inline constexpr const char* kLanguagesKey = "newsdex:languages";
/// Metadata key: "1" in a shard created at schema 4 or later, so that every
/// document it holds has its XW terms (an older database the indexer adds
/// to has documents without them, and the searcher scans its person terms).
inline constexpr const char* kSurnameTermsKey = "newsdex:surname-terms";
inline constexpr const char* kStubFile = "XAPIANDB";
inline constexpr const char* kColumnsSuffix = ".facets";  ///< "shard-000" + suffix

// Term prefixes.
inline constexpr std::string_view kPrefixTitle = "S";
inline constexpr std::string_view kPrefixId = "Q";
inline constexpr std::string_view kPrefixCompany = "XC";
inline constexpr std::string_view kPrefixPerson = "XP";
inline constexpr std::string_view kPrefixOrganization = "XO";
inline constexpr std::string_view kPrefixSource = "XS";
inline constexpr std::string_view kPrefixLanguage = "XL";
inline constexpr std::string_view kPrefixTopic = "XT";
inline constexpr std::string_view kPrefixPlace = "XG";
inline constexpr std::string_view kPrefixAuthor = "XA";
inline constexpr std::string_view kPrefixDupKey = "XD";
inline constexpr std::string_view kPrefixYear = "Y";
inline constexpr std::string_view kPrefixMonth = "M";
inline constexpr std::string_view kPrefixDay = "D";
// Archive-level resolution (indexer/surname_resolution.h); not filter fields.
/// "XR" + surname: the document has a bare-surname person entity;
/// "XR" + surname + ":" + id: a resolution pass linked it to person `id`.
inline constexpr std::string_view kPrefixBareSurname = "XR";
/// "XU" + surname: a *surname candidate*, a lone capitalised word the tagger
/// did not tag ("provided by Boesky"); no entity, so no facet value, unless a
/// resolution pass links it: "XU" + surname + ":" + id, and the document then
/// names person `id`.  Boolean, no positions (database size, issue 9).
inline constexpr std::string_view kPrefixSurnameCandidate = "XU";
/// The same for a one-word company id: "XK" + id, "XK" + id + ":" + linked id.
inline constexpr std::string_view kPrefixShortCompany = "XK";
/// "XJ" + alias + ":" + id: this document's text (or the alias table) names
/// company `id` also as the one-word `alias`.
inline constexpr std::string_view kPrefixCompanyTie = "XJ";
/// "XW" + key + ":" + rest: the document names person rest + key, and `key`
/// is the slug's last word or last two words (surname_keys).  Boolean, one
/// per key and person; a term that would be longer than Xapian allows is left
/// out (a person slug of 242 bytes or more).
inline constexpr std::string_view kPrefixPersonSurname = "XW";

/// The keys a person is known by as a surname: its last word and its last
/// two words (the slug itself when it has one or two words); each a suffix of
/// `person`.  "paul-volcker" -> "volcker", "paul-volcker"; "subroto" ->
/// "subroto"; "willy-de-clercq" -> "clercq", "de-clercq".
std::vector<std::string> surname_keys(std::string_view person);
/// The XW terms of a document naming `person` (an XP slug).
std::vector<std::string> person_surname_terms(std::string_view person);

// Value slots.
inline constexpr Xapian::valueno kSlotDate = 0;
inline constexpr Xapian::valueno kSlotTime = 1;
inline constexpr Xapian::valueno kSlotHash = 2;
inline constexpr Xapian::valueno kSlotDupKey = 3;
inline constexpr Xapian::valueno kSlotCompanies = 4;
inline constexpr Xapian::valueno kSlotPersons = 5;
inline constexpr Xapian::valueno kSlotBodyDigest = 6;
inline constexpr std::size_t kBodyDigestBytes = 16;  ///< kSlotBodyDigest's size: collisions out of reach
inline constexpr char kValueSeparator = '\x1f';   ///< joins slugs in kSlotCompanies / kSlotPersons
inline constexpr char kDataBodySeparator = '\0';  ///< between the JSON and the body in document data
/// The language a document's data stores no "language" for (schema 3), and
/// the one readers assume then.
inline constexpr const char* kDefaultStoredLanguage = "en";

// Indexing constants.
inline constexpr unsigned kTitleWeight = 5;     ///< wdf increment for title words
inline constexpr unsigned kTitleBodyGap = 100;  ///< position gap between title and body
/// Body bytes kept in document data: enough for the whole of any news article
/// (newsdex-search --show), bounded so that snippets (which analyse the stored
/// body) stay cheap on the odd huge input.  Raised from 8 KiB (issue 12):
/// on Reuters-21578 only 3 of 19,043 bodies were longer.
inline constexpr std::size_t kMaxStoredBody = 256 * 1024;
inline constexpr std::size_t kMaxTermBytes = 120;  ///< longer tokens are not indexed

/// Where the indexer takes a filter field's values from in an article.
enum class FieldSource {
    Company,       ///< extracted (or given) companies
    Person,        ///< extracted (or given) persons
    Organization,  ///< other organisations
    Source,        ///< Article::source
    Author,        ///< Article::authors
    Language,      ///< Article::language (or the default), as a language code
    Topic,         ///< Article::tags["topics"] (Reuters TOPICS)
    Place,         ///< Article::tags["places"] (Reuters PLACES)
    Id,            ///< Article::id, through id_term()
};

/// Boolean filter fields: the query syntax name, its term prefix, where the
/// indexer takes its values from, and whether the value is an entity
/// (resolved through aliases) -- one table that drives both the document
/// builder (indexer/document_builder.cpp) and the query parser
/// (searcher/src/query_parser.cpp); tests/unit/test_schema.cpp checks that
/// both sides handle every row.
struct FilterField {
    std::string_view name;    ///< as typed in a query, e.g. "company"
    std::string_view prefix;  ///< term prefix, e.g. "XC"
    bool entity;              ///< resolve the value through alias metadata
    FieldSource source;       ///< where the indexer finds the values
    bool stores_name;         ///< the indexer records each value's display name ("name:" metadata)
    std::string_view description;
};
const std::vector<FilterField>& filter_fields();
/// The field with this query name, or nullptr.
const FilterField* find_filter_field(std::string_view name);
/// The field whose values come from `source`.
const FilterField& filter_field(FieldSource source);

/// "name:" metadata key for a prefixed term.
std::string name_key(std::string_view prefix, std::string_view slug);
/// "alias:" metadata key.
std::string alias_key(std::string_view prefix, std::string_view alias_slug);

/// Xapian refuses longer terms ("Term too long (> 245)") and longer keys
/// (metadata keys included).
inline constexpr std::size_t kMaxXapianTermBytes = 245;
inline constexpr std::size_t kMaxXapianKeyBytes = 253;

/// The id term of an article: "Q" + id when that fits in a Xapian term, else
/// "Q" + the id's first kShortenedIdPrefixBytes bytes (whole UTF-8
/// characters) + "#" + a 64-bit digest of the whole id, in hex.  Two long ids
/// may therefore share a term: who looks an id up by its term compares the
/// id stored in the document data unless id_term_is_exact().
inline constexpr std::size_t kShortenedIdPrefixBytes = 200;
std::string id_term(std::string_view id);

/// The offset basis newsdex's FNV-1a starts from: FNV's 64-bit offset basis
/// (14695981039346656037) with its last digit missing, a slip of the first
/// version.  Shard routing (shard_for_id) is stored on disk -- an article's
/// shard depends on it -- so the value stays; tests/unit/test_schema.cpp
/// pins it.  The hash is FNV-1a in every other respect (schema/fnv.h).
inline constexpr std::uint64_t kFnvBasis = 1469598103934665603ULL;
/// 64-bit FNV-1a of `data`, continuing from `h`: shard routing, id-term
/// digests, content hashes -- the one hash of the code base.
std::uint64_t fnv1a64(std::string_view data, std::uint64_t h = kFnvBasis);
/// True when `term` (from id_term) can only be the term of one id: it is
/// shorter than any shortened term.
bool id_term_is_exact(std::string_view term);

/// Shard directory name for shard i ("shard-000").
std::string shard_name(unsigned index);
/// Shard an id belongs to among `count` shards (stable hash, FNV-1a).
unsigned shard_for_id(std::string_view id, unsigned count);

}  // namespace newsdex::schema
