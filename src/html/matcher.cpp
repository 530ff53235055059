// Right-to-left selector matching over gumbo's tree, without recursion.
#include "html/matcher.hpp"

#include <string_view>

#include "html/ascii.hpp"
#include "html/node_text.hpp"
#include "html/node_tree.hpp"

namespace gleaner::html {

namespace {

// Selectors Level 4 §6.6: `.name` matches when `name` is one of the
// ASCII-whitespace-separated tokens of the class attribute.
bool has_class(std::string_view class_attribute, std::string_view name) {
  std::size_t i = 0;
  while (i < class_attribute.size()) {
    while (i < class_attribute.size() && is_ascii_whitespace(class_attribute[i])) ++i;
    std::size_t start = i;
    while (i < class_attribute.size() && !is_ascii_whitespace(class_attribute[i])) ++i;
    if (i > start && class_attribute.substr(start, i - start) == name) return true;
  }
  return false;
}

bool matches_attribute(const GumboNode* element, const AttributeSelector& selector) {
  auto value = attribute(element, selector.name);
  if (!value) return false;
  switch (selector.match) {
    case AttributeMatch::exists: return true;
    case AttributeMatch::equals: return *value == selector.value;  // §6.1: case-sensitive
  }
  return false;
}

bool matches_compound(const GumboNode* element, const CompoundSelector& compound) {
  if (!compound.tag.empty() && !has_tag_name(element, compound.tag)) return false;
  if (!compound.ids.empty()) {
    // §6.7: compared exactly; an element has at most one id, so `#a#b` never matches.
    auto id = attribute(element, "id");
    if (!id) return false;
    for (const std::string& wanted : compound.ids) {
      if (*id != wanted) return false;
    }
  }
  if (!compound.classes.empty()) {
    auto classes = attribute(element, "class");
    if (!classes) return false;
    for (const std::string& wanted : compound.classes) {
      if (!has_class(*classes, wanted)) return false;
    }
  }
  for (const AttributeSelector& selector : compound.attributes) {
    if (!matches_attribute(element, selector)) return false;
  }
  return true;
}

}  // namespace

// Compounds are checked right to left, from the subject up through its
// ancestors. A descendant combinator may need a retry with a higher ancestor
// when a later compound fails, but only the most recent one: if it runs out
// of ancestors, every earlier one, which could only move higher still, would
// too (the "fails completely" rule of browser engines). So one retry point
// suffices and matching takes at most compounds x depth steps.
bool matches(const GumboNode* element, const ComplexSelector& selector) {
  const auto& compounds = selector.compounds;
  if (!is_element(element) || compounds.empty() ||
      selector.combinators.size() + 1 != compounds.size()) {
    return false;
  }
  std::size_t index = compounds.size() - 1;
  const GumboNode* candidate = element;
  const GumboNode* retry_from = nullptr;  // the ancestor tried for retry_index
  std::size_t retry_index = 0;
  for (;;) {
    if (matches_compound(candidate, compounds[index])) {
      if (index == 0) return true;
      const GumboNode* parent = parent_element(candidate);
      if (parent == nullptr) return false;
      --index;
      if (selector.combinators[index] == Combinator::descendant) {
        retry_from = parent;
        retry_index = index;
      }
      candidate = parent;
      continue;
    }
    if (retry_from == nullptr) return false;
    retry_from = parent_element(retry_from);
    if (retry_from == nullptr) return false;
    candidate = retry_from;
    index = retry_index;
  }
}

std::vector<Match> select_matches(const GumboNode* scope, const SelectorList& list) {
  std::vector<Match> found;
  PreorderWalk walk(scope);
  while (const GumboNode* node = walk.next()) {
    if (!is_element(node)) continue;
    for (const ComplexSelector& selector : list.selectors) {
      if (matches(node, selector)) {
        found.push_back({node, &selector});
        break;  // once per element, however many members match it
      }
    }
  }
  return found;
}

std::vector<const GumboNode*> select_all(const GumboNode* scope, const SelectorList& list) {
  std::vector<const GumboNode*> elements;
  for (const Match& match : select_matches(scope, list)) elements.push_back(match.element);
  return elements;
}

}  // namespace gleaner::html
