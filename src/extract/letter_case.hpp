// The "case" transform: one code point to one, for ASCII, Latin, Greek,
// Cyrillic and Armenian letters. One-to-many mappings (ß -> SS), the Turkish
// i's and invalid UTF-8 bytes are left as they are.
#pragma once

#include <string>
#include <string_view>

namespace gleaner::extract {

std::string to_lower_case(std::string_view text);
std::string to_upper_case(std::string_view text);

}  // namespace gleaner::extract
