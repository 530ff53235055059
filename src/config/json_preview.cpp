#include "config/json_preview.hpp"

namespace gleaner::config {

std::string preview(const Json& value) {
  // replace, not strict: a preview must never throw over a stray byte.
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() <= max_preview_chars) return text;
  std::size_t cut = max_preview_chars - 3;
  // Cut on a character boundary so the message stays valid UTF-8.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "...";
}

}  // namespace gleaner::config
