// The strings a selector extracts from a page: what `gleaner select` prints
// and what extract/ turns into field values.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

#include "html/selector.hpp"

namespace gleaner::html {

class ElementIndex;

// One value per element select_all() finds, shaped by the pseudo-element of
// the first list member that matched it:
//   none          all_text(element), kept even when empty
//   ::all-text    the same
//   ::text        own_text(element), skipped when empty
//   ::attr(name)  the attribute's value, skipped when the element lacks it
// `index` as in select_matches().
std::vector<std::string> select_values(const GumboNode* scope, const SelectorList& list,
                                       const ElementIndex* index = nullptr);

}  // namespace gleaner::html
