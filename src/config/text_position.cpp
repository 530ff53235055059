#include "config/text_position.hpp"

#include <algorithm>

namespace gleaner::config {

TextPosition position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition position;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((byte & 0xC0) != 0x80) {  // continuation bytes share their character's column
      ++position.column;
    }
  }
  return position;
}

}  // namespace gleaner::config
