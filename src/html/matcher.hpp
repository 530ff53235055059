// Matches compiled selectors against gumbo elements (Selectors Level 4 §3.3:
// a selector "matches" an element). Read-only: safe on many threads at once.
#pragma once

#include <gumbo.h>

#include <vector>

#include "html/selector.hpp"

namespace gleaner::html {

// Whether `element` is the subject of `selector`. The pseudo-element only
// picks what to extract, so it plays no part. Ancestors are not limited to any
// scope, as in the DOM's querySelectorAll().
bool matches(const GumboNode* element, const ComplexSelector& selector);

struct Match {
  const GumboNode* element;
  const ComplexSelector* selector;  // the first member of the list that matched
};

// Every element below `scope` (not scope itself) that matches some member of
// `list`, once each, in document order. `scope` is a document or an element.
std::vector<Match> select_matches(const GumboNode* scope, const SelectorList& list);

// select_matches() without the selectors.
std::vector<const GumboNode*> select_all(const GumboNode* scope, const SelectorList& list);

}  // namespace gleaner::html
