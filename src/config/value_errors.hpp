// Messages for a CSS selector or an RE2 pattern in a job that does not
// compile: what is wrong and at which column of the selector or pattern, so
// that a long one can be fixed without guessing. Used by job_values.cpp.
#pragma once

#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace gleaner::config {

// `parser_message` is html::parse_selector's error for `selector`, which
// reads `invalid selector "ul..x" at 3: expected ...` (a 0-based position).
// Returns `invalid CSS selector "ul..x": expected ... at column 4`, the
// column 1-based as an editor counts; a message of another shape is kept.
std::string describe_selector_error(std::string_view selector, std::string_view parser_message);

// For a pattern that failed to compile (!pattern.ok()): RE2's reason, the
// part of the pattern it is about and that part's column, e.g.
//   invalid regular expression "a**": bad repetition operator "**" at column 2
//   invalid regular expression "/p/(\d+": missing ) "(\d+" at column 4
std::string describe_regex_error(const re2::RE2& pattern);

}  // namespace gleaner::config
