// The compiled form of a CSS selector list: what parse_selector() produces and
// the matcher walks. Parsed once per job, then shared read-only by all threads.
#pragma once

#include <string>
#include <vector>

namespace gleaner::html {

enum class AttributeMatch {
  exists,  // [a]
  equals,  // [a=v]
};

struct AttributeSelector {
  std::string name;  // lower case: HTML attribute names are case-insensitive
  AttributeMatch match = AttributeMatch::exists;
  std::string value;
};

// A sequence of simple selectors with no combinator between them: `a.b#c[d]`.
struct CompoundSelector {
  std::string tag;  // lower case; empty for `*` or when no type selector is given
  std::vector<std::string> ids;
  std::vector<std::string> classes;
  std::vector<AttributeSelector> attributes;
};

enum class Combinator {
  descendant,  // whitespace
  child,       // >
};

// What to extract from a matched element (Scrapy/parsel pseudo-elements).
enum class PseudoElementKind {
  none,  // the element itself
  text,  // ::text, the element's own direct text nodes
  attr,  // ::attr(name)
};

struct PseudoElement {
  PseudoElementKind kind = PseudoElementKind::none;
  std::string attribute;  // for ::attr(name), lower case
};

// compounds[0] combinators[0] compounds[1] ... : left to right as written.
struct ComplexSelector {
  std::vector<CompoundSelector> compounds;
  std::vector<Combinator> combinators;  // size() == compounds.size() - 1
  PseudoElement pseudo_element;
};

// A comma-separated list; an element matches if any member matches.
struct SelectorList {
  std::vector<ComplexSelector> selectors;
  std::string text;  // the selector as written, for messages
};

}  // namespace gleaner::html
