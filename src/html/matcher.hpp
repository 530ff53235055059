// Matches compiled selectors against gumbo elements (Selectors Level 4 §3.3:
// a selector "matches" an element). Read-only over the selectors and the
// tree; per-call state lives on the caller's stack, so many threads may match
// at once. No recursion over the tree or the compounds; time is polynomial
// (the "fails completely" pruning of browser engines) and ordinary selectors
// allocate nothing but the result vector.
#pragma once

#include <gumbo.h>

#include <vector>

#include "html/selector.hpp"

namespace gleaner::html {

class ElementIndex;

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
// As in a browser, the contents of a <template> are not searched.
// With an `index` of the document that `scope` is the root of, only the
// index's candidates are tried (the same result, found faster); an index of
// another node is ignored.
std::vector<Match> select_matches(const GumboNode* scope, const SelectorList& list,
                                  const ElementIndex* index = nullptr);

// select_matches() without the selectors.
std::vector<const GumboNode*> select_all(const GumboNode* scope, const SelectorList& list,
                                         const ElementIndex* index = nullptr);

}  // namespace gleaner::html
