#include "config/json_pointer.hpp"

namespace gleaner::config {

JsonPointer JsonPointer::child(std::string_view key) const {
  std::string text = text_ + '/';
  // RFC 6901 §3: '~' and '/' inside a key are written "~0" and "~1".
  for (char c : key) {
    if (c == '~') {
      text += "~0";
    } else if (c == '/') {
      text += "~1";
    } else {
      text += c;
    }
  }
  return JsonPointer(std::move(text));
}

JsonPointer JsonPointer::child(std::size_t index) const {
  return JsonPointer(text_ + '/' + std::to_string(index));
}

}  // namespace gleaner::config
