/** @file error.h
 *  @brief The two kinds of error newsdex reports.
 *
 *  Every failure the library throws is one of two kinds, so that a program
 *  can tell "fix your input" from "something is wrong with the machine":
 *  - UserError: a bad query, a bad option, a bad input record.  The message
 *    names the problem and, where it has one, the position (query column,
 *    file and line).
 *  - SystemError: I/O failure, a database that cannot be opened or is
 *    corrupt, a missing data file.
 *  The command-line tools map them to exit codes 2 and 3 (see docs/cli.md).
 */
#ifndef NEWSDEX_ERROR_H
#define NEWSDEX_ERROR_H

#include <stdexcept>
#include <string>

#include <newsdex/export.h>

namespace newsdex {

/// The user's mistake: bad query, bad option, bad input record.
class NEWSDEX_API UserError : public std::runtime_error {
  public:
    /// Construct with a one-line message that names the problem.
    explicit UserError(const std::string& message) : std::runtime_error(message) {}
    /// Out of line (the key function), so that the type's vtable and
    /// typeinfo live in the library once and a catch in a program that
    /// links it matches what the library throws.
    ~UserError() override;
};

/// The system's failure: I/O, unreadable or corrupt database, missing data.
class NEWSDEX_API SystemError : public std::runtime_error {
  public:
    /// Construct with a one-line message that names the resource.
    explicit SystemError(const std::string& message) : std::runtime_error(message) {}
    /// Out of line: the key function (see UserError).
    ~SystemError() override;
};

}  // namespace newsdex

#endif
