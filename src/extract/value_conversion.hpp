// Transform step 7: a field's transformed text converted to its type
// ("number", "integer", "boolean", "url"; "string" and "html" stay text).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config/item_rule.hpp"
#include "core/url.hpp"

namespace gleaner::extract {

struct Conversion {
  nlohmann::ordered_json value;  // null when the text is not of the type
  std::string problem;           // then why, for a FieldWarning: "not a number"
};

// Never throws, whatever the text. `base` resolves type "url".
Conversion convert_text(const std::string& text, const config::FieldRule& field, const Url& base);

// Type "boolean" for an element that matched: true unless its text, trimmed
// and lower-cased, is "false", "no", "0", "off" or "n".
bool boolean_of(std::string_view text);

}  // namespace gleaner::extract
