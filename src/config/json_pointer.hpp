// JsonPointer: where a value sits in the job document (RFC 6901), so that
// every config error can name the exact place to fix.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gleaner::config {

class JsonPointer {
 public:
  JsonPointer() = default;  // the whole document

  JsonPointer child(std::string_view key) const;
  JsonPointer child(std::size_t index) const;

  // RFC 6901 text: "" for the whole document, "/items/0/fields/a~1b" below it.
  const std::string& str() const { return text_; }

  // As shown in messages: like str(), but the whole document reads "/".
  std::string display() const { return text_.empty() ? "/" : text_; }

 private:
  explicit JsonPointer(std::string text) : text_(std::move(text)) {}

  std::string text_;
};

}  // namespace gleaner::config
