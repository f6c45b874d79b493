/** @file export.h
 *  @brief NEWSDEX_API: marks what the shared library exports.
 *
 *  The library is built with -fvisibility=hidden, so only declarations marked
 *  NEWSDEX_API are visible to programs that link it; everything else
 *  (the analyzer, the entity extractor, Xapian glue) stays internal, and
 *  changing it is not an ABI change.
 */
#ifndef NEWSDEX_EXPORT_H
#define NEWSDEX_EXPORT_H

#if defined(_WIN32)
#define NEWSDEX_API
#else
/// Exported from the shared library (default visibility).
#define NEWSDEX_API __attribute__((visibility("default")))
#endif

#endif
