#include "extract/field_matches.hpp"

#include <optional>

#include "extract/utf8_text.hpp"
#include "html/matcher.hpp"
#include "html/node_text.hpp"
#include "html/outer_html.hpp"
#include "html/select_values.hpp"

namespace gleaner::extract {
namespace {

// What one matched element yields, as html::select_values() has it, except
// that `as_html` turns a bare element into its outer HTML.
std::optional<std::string> value_of_element(const GumboNode* element, const html::PseudoElement& pseudo,
                                            bool as_html) {
  switch (pseudo.kind) {
    case html::PseudoElementKind::none:
      return as_html ? html::outer_html(element) : html::all_text(element);
    case html::PseudoElementKind::all_text:
      return html::all_text(element);
    case html::PseudoElementKind::text:
      if (std::string text = html::own_text(element); !text.empty()) return text;
      return std::nullopt;
    case html::PseudoElementKind::attr:
      if (auto value = html::attribute(element, pseudo.attribute)) return std::string(*value);
      return std::nullopt;
  }
  return std::nullopt;
}

// A selector that is only a pseudo-element ("::attr(data-id)", "::text")
// reads the root itself, as in parsel: a scope card's own attributes. The
// matcher looks only below the root, and "*::text" stays what it says.
bool reads_root_itself(const html::SelectorList& list) {
  return list.selectors.size() == 1 && trim_whitespace(list.text).substr(0, 2) == "::";
}

// The element a root stands for: itself, or for the document its <html>.
const GumboNode* root_element(const GumboNode* root) {
  if (root->type == GUMBO_NODE_ELEMENT) return root;
  if (root->type != GUMBO_NODE_DOCUMENT) return nullptr;
  const GumboVector& children = root->v.document.children;
  for (unsigned int i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT) return child;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> selector_values(const GumboNode* root, const html::SelectorList& list, bool as_html,
                                         const html::ElementIndex* index) {
  std::vector<std::string> values;
  if (reads_root_itself(list)) {
    const GumboNode* element = root_element(root);
    if (element == nullptr) return values;
    if (auto value = value_of_element(element, list.selectors.front().pseudo_element, as_html)) {
      values.push_back(std::move(*value));
    }
    return values;
  }
  if (!as_html) return html::select_values(root, list, index);
  for (const html::Match& match : html::select_matches(root, list, index)) {
    if (auto value = value_of_element(match.element, match.selector->pseudo_element, as_html)) {
      values.push_back(std::move(*value));
    }
  }
  return values;
}

std::vector<std::string> field_values(const GumboNode* root, const config::FieldRule& field,
                                      const html::ElementIndex* index) {
  const bool as_html = field.type == config::FieldType::html;
  std::vector<std::string> values = selector_values(root, field.selector, as_html, index);
  for (auto fallback = field.fallback_selectors.begin(); values.empty() && fallback != field.fallback_selectors.end();
       ++fallback) {
    values = selector_values(root, *fallback, as_html, index);
  }
  return values;
}

std::vector<const GumboNode*> field_elements(const GumboNode* root, const config::FieldRule& field,
                                            const html::ElementIndex* index) {
  if (field.selector.selectors.empty()) return {root};
  std::vector<const GumboNode*> elements = html::select_all(root, field.selector, index);
  for (auto fallback = field.fallback_selectors.begin();
       elements.empty() && fallback != field.fallback_selectors.end(); ++fallback) {
    elements = html::select_all(root, *fallback, index);
  }
  return elements;
}

}  // namespace gleaner::extract
