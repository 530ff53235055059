// Parses CSS selector text into a compiled SelectorList, once per job.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "html/selector.hpp"

namespace gleaner::html {

// Errors read: invalid selector "div > > a" at 6: expected a simple selector after '>'
// (the position is the 0-based character offset of the offending input).
Result<SelectorList> parse_selector(std::string_view text);

}  // namespace gleaner::html
