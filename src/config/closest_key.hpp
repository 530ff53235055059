// Guesses which known key a misspelt one was meant to be, so an "unknown key"
// error can say: did you mean "max_pages"?
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace gleaner::config {

// The known key within two edits (a swap of neighbours counts as one) of
// `key`, the nearest first; nullopt when none is that close.
std::optional<std::string_view> closest_key(std::string_view key,
                                            const std::vector<std::string_view>& known);

}  // namespace gleaner::config
