// Transform steps 1-6 of a value field (normalize_whitespace, regex,
// replace, split, join, case), applied to the strings its selector yielded.
// Steps 7-9 (type, default, required) are the field evaluator's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/item_rule.hpp"

namespace gleaner::extract {

// Steps 1-3 on one matched string. nullopt when the regex did not match
// (the value is missing); the result may be empty.
std::optional<std::string> clean_text(std::string text, const config::ValueTransforms& transforms);

struct TransformedTexts {
  std::vector<std::string> texts;  // never holds an empty string
  bool is_list = false;            // false: at most one text
};

// Steps 1-6 on the strings a field's selector yielded (at most one unless
// `all`). Missing strings (no regex match, empty) are left out, so no texts
// at all means the value is missing.
TransformedTexts transform_texts(std::vector<std::string> matched, bool all,
                                 const config::ValueTransforms& transforms);

// Step 4: the trimmed, non-empty parts of `text` between separators.
std::vector<std::string> split_text(std::string_view text, std::string_view separator);

}  // namespace gleaner::extract
