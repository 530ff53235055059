// JsonLocations: where values of a job document start in the file's text, so
// that a config message about a JSON pointer can also give line:column.
// Used by `gleaner check`; comments are skipped, never counted as values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/json_pointer.hpp"
#include "config/text_position.hpp"

namespace gleaner::config {

class JsonLocations {
 public:
  // Finds where the values `wanted` names start in `text`, which must be a
  // document read_json() accepted (JSON with // and /* */ comments); on other
  // text some are not found. Only the containers on the way to a wanted value
  // are entered, so time and memory stay linear in the text, however deep.
  JsonLocations(std::string_view text, const std::vector<JsonPointer>& wanted);

  // Line and column of the first character of the value `where` names (its
  // opening quote, bracket, digit or letter); nullopt when it was not wanted
  // or the document has no such value. For a key given twice, the last one:
  // the parser keeps that one.
  std::optional<TextPosition> find(const JsonPointer& where) const;

 private:
  std::unordered_map<std::string, TextPosition> positions_;  // keyed by RFC 6901 pointer text
};

}  // namespace gleaner::config
