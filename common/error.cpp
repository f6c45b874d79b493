// The key functions of the public error types (include/newsdex/error.h):
// defined once here, so their vtables and typeinfo are emitted in one place
// and exported from the shared library.
#include "newsdex/error.h"

namespace newsdex {

UserError::~UserError() = default;
SystemError::~SystemError() = default;

}  // namespace newsdex
