// The compiled form of a CSS selector list: what parse_selector() produces and
// the matcher walks. Parsed once per job, then shared read-only by all threads.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gleaner::html {

// Selectors Level 4 §6.1-6.2.
enum class AttributeMatch {
  exists,      // [a]
  equals,      // [a=v]
  includes,    // [a~=v]  v is one of the whitespace-separated words
  dash_match,  // [a|=v]  v, or starts with "v-"
  prefix,      // [a^=v]
  suffix,      // [a$=v]
  substring,   // [a*=v]
};

// Selectors Level 4 §6.3 and HTML §4.16.2 "Case-sensitivity of selectors".
enum class ValueCase {
  sensitive,       // the default, and the `s` flag
  insensitive,     // the `i` flag: ASCII case-insensitive
  html_legacy,     // no flag, and the attribute is one whose value HTML compares
                   // ASCII case-insensitively on HTML elements (type, lang, ...)
};

struct AttributeSelector {
  std::string name;  // lower case: HTML attribute names are case-insensitive
  AttributeMatch match = AttributeMatch::exists;
  std::string value;
  ValueCase value_case = ValueCase::sensitive;
};

struct ComplexSelector;

// Selectors Level 4 §14.3 / CSS Syntax §6: the elements at 1-based positions
// a*n + b for some n >= 0.
struct NthFormula {
  std::int64_t a = 0;
  std::int64_t b = 1;

  bool matches(std::int64_t position) const {
    if (a == 0) return position == b;
    const std::int64_t steps = position - b;
    return steps % a == 0 && steps / a >= 0;
  }
};

enum class PseudoClassKind {
  root,              // §13.1
  empty,             // §13.2 (no element or text children; whitespace is text)
  first_child,       // §14.3
  last_child,
  only_child,
  first_of_type,     // §14.4
  last_of_type,
  only_of_type,
  nth_child,         // :nth-child(An+B [of S])
  nth_last_child,    // :nth-last-child(An+B [of S])
  nth_of_type,
  nth_last_of_type,
  is,                // §4.2, :is(list)
  where,             // §4.4, as :is() (specificity plays no part in matching)
  not_,              // §4.3, :not(list)
  has,               // §4.5, :has(relative list)
  any_link,          // §8.1 :link and :any-link (a scraper has visited nothing)
  checked,           // §11.3 with HTML's definitions (§4.16.3 "Pseudo-classes")
  disabled,          // §11.1
  enabled,
  contains,          // extension: :contains("text"), as in jQuery and soupsieve
};

// A substring that :contains() looks for in an element's collapsed text, with
// the Knuth-Morris-Pratt failure table so that matching streams the text
// without copying it.
struct TextNeedle {
  std::string text;                // ASCII whitespace runs collapsed to one space
  std::vector<std::uint32_t> fallback;  // fallback[i]: longest proper border of text[0..i]
};

struct PseudoClass {
  PseudoClassKind kind = PseudoClassKind::root;
  NthFormula nth;                          // the :nth-*() kinds (first-child is 0n+1)
  std::vector<ComplexSelector> selectors;  // :is/:where/:not/:has arguments; nth-child's `of S`
  std::vector<TextNeedle> needles;         // :contains(): matches if any is found
};

// A sequence of simple selectors with no combinator between them: `a.b#c[d]:e`.
struct CompoundSelector {
  std::string tag;  // lower case; empty for `*` or when no type selector is given
  GumboTag tag_id = GUMBO_TAG_UNKNOWN;  // gumbo's enum for `tag`, when gumbo knows it
  std::vector<std::string> ids;
  std::vector<std::string> classes;
  std::vector<AttributeSelector> attributes;
  std::vector<PseudoClass> pseudo_classes;
};

// Selectors Level 4 §16.
enum class Combinator {
  descendant,          // whitespace
  child,               // >
  next_sibling,        // +
  subsequent_sibling,  // ~
};

// What to extract from a matched element (Scrapy/parsel pseudo-elements).
enum class PseudoElementKind {
  none,      // the element itself
  text,      // ::text, the element's own direct text nodes
  attr,      // ::attr(name)
  all_text,  // ::all-text, all descendant text, whitespace collapsed and trimmed
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
  // Only inside :has(): the relative selector's leading combinator, which
  // relates the :has() element to compounds[0] (`:has(> a)`; none written
  // means descendant), Selectors Level 4 §3.7 "Relative selectors".
  Combinator leading = Combinator::descendant;
};

// A comma-separated list; an element matches if any member matches.
struct SelectorList {
  std::vector<ComplexSelector> selectors;
  std::string text;  // the selector as written, for messages
};

}  // namespace gleaner::html
