// Names elements as the selector tests write their expectations: each
// element's id, or its tag name when it has none, separated by spaces.
#pragma once

#include <string>
#include <vector>

#include "html/node_text.hpp"

namespace gleaner::html::testing {

inline std::string names(const std::vector<const GumboNode*>& elements) {
  std::string out;
  for (const GumboNode* element : elements) {
    if (!out.empty()) out += ' ';
    auto id = attribute(element, "id");
    out += id ? std::string(*id) : tag_name(element);
  }
  return out;
}

}  // namespace gleaner::html::testing
