// A list of strings as one column of a state file: a JSON array, which the
// sqlite3 shell and SQLite's json functions can read, and which gives back
// every UTF-8 string exactly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gleaner::state {

// Never fails: a byte sequence that is not UTF-8 (neither the extractor nor
// curl's URL API produce one) is stored as U+FFFD, since a page copy is a cache.
std::string encode_string_list(const std::vector<std::string>& list);
// nullopt: `text` is not a JSON array of strings.
std::optional<std::vector<std::string>> decode_string_list(std::string_view text);

}  // namespace gleaner::state
