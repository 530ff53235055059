// Line and column of a byte offset in a text, for "file:line:column" messages
// about job files.
#pragma once

#include <cstddef>
#include <string_view>

namespace gleaner::config {

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in UTF-8 characters, as editors count
};

// An offset at or past the end names the position just after the last character.
TextPosition position_at(std::string_view text, std::size_t offset);

}  // namespace gleaner::config
