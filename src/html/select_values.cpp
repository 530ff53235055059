// Applies each match's pseudo-element to produce extracted strings.
#include "html/select_values.hpp"

#include "html/matcher.hpp"
#include "html/node_text.hpp"

namespace gleaner::html {

std::vector<std::string> select_values(const GumboNode* scope, const SelectorList& list,
                                       const ElementIndex* index) {
  std::vector<std::string> values;
  for (const Match& match : select_matches(scope, list, index)) {
    const PseudoElement& pseudo = match.selector->pseudo_element;
    switch (pseudo.kind) {
      case PseudoElementKind::none:
      case PseudoElementKind::all_text:
        values.push_back(all_text(match.element));
        break;
      case PseudoElementKind::text:
        if (std::string text = own_text(match.element); !text.empty()) values.push_back(std::move(text));
        break;
      case PseudoElementKind::attr:
        if (auto value = attribute(match.element, pseudo.attribute)) values.emplace_back(*value);
        break;
    }
  }
  return values;
}

}  // namespace gleaner::html
