// Right-to-left selector matching over gumbo's tree, without recursion over
// the compounds and without allocating for ordinary selectors.
#include "html/matcher.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "html/ascii.hpp"
#include "html/element_index.hpp"
#include "html/node_text.hpp"
#include "html/node_tree.hpp"

namespace gleaner::html {

namespace {

// Selectors Level 4 §6.6: `.name` matches when `name` is one of the
// ASCII-whitespace-separated tokens of the class attribute. §6.1 `~=` too.
template <class Equal>
bool has_word(std::string_view list, std::string_view word, Equal equal) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && is_ascii_whitespace(list[i])) ++i;
    std::size_t start = i;
    while (i < list.size() && !is_ascii_whitespace(list[i])) ++i;
    if (i > start && equal(list.substr(start, i - start), word)) return true;
  }
  return false;
}

bool exactly_equal(std::string_view a, std::string_view b) { return a == b; }

bool contains_whitespace(std::string_view text) {
  for (char c : text) {
    if (is_ascii_whitespace(c)) return true;
  }
  return false;
}

bool find_ignoring_case(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (ascii_iequals(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

// Selectors Level 4 §6.1 and §6.2. Empty values never match the operators
// that look for a part of the value (`~=`, `^=`, `$=`, `*=`).
bool matches_attribute(const GumboNode* element, const AttributeSelector& selector) {
  auto found = attribute(element, selector.name);
  if (!found) return false;
  if (selector.match == AttributeMatch::exists) return true;
  const std::string_view value = *found;
  const std::string_view wanted = selector.value;
  const bool fold = selector.value_case == ValueCase::insensitive ||
                    (selector.value_case == ValueCase::html_legacy && is_html_element(element));
  auto equal = fold ? ascii_iequals : exactly_equal;
  switch (selector.match) {
    case AttributeMatch::exists:
      return true;
    case AttributeMatch::equals:
      return equal(value, wanted);
    case AttributeMatch::includes:
      return !wanted.empty() && !contains_whitespace(wanted) && has_word(value, wanted, equal);
    case AttributeMatch::dash_match:
      return equal(value, wanted) || (value.size() > wanted.size() && value[wanted.size()] == '-' &&
                                      equal(value.substr(0, wanted.size()), wanted));
    case AttributeMatch::prefix:
      return !wanted.empty() && value.size() >= wanted.size() &&
             equal(value.substr(0, wanted.size()), wanted);
    case AttributeMatch::suffix:
      return !wanted.empty() && value.size() >= wanted.size() &&
             equal(value.substr(value.size() - wanted.size()), wanted);
    case AttributeMatch::substring:
      if (wanted.empty()) return false;
      return fold ? find_ignoring_case(value, wanted) : value.find(wanted) != std::string_view::npos;
  }
  return false;
}

bool has_attribute(const GumboNode* element, std::string_view name) {
  return attribute(element, name).has_value();
}

bool is_html(const GumboNode* element, GumboTag tag) {
  return element->v.element.tag == tag && is_html_element(element);
}

const GumboNode* html_parent(const GumboNode* node, GumboTag tag) {
  const GumboNode* parent = parent_element(node);
  return parent != nullptr && is_html(parent, tag) ? parent : nullptr;
}

// HTML §4.10.15 "concept-option-disabled": its own attribute or its optgroup's.
bool option_disabled(const GumboNode* option) {
  if (has_attribute(option, "disabled")) return true;
  const GumboNode* group = html_parent(option, GUMBO_TAG_OPTGROUP);
  return group != nullptr && has_attribute(group, "disabled");
}

// HTML §4.10.7: a select's "display size" is its size attribute when that
// parses as a number above 1, else 1 (for a select without `multiple`).
bool displays_one_option(const GumboNode* select) {
  auto size = attribute(select, "size");
  if (!size) return true;
  std::size_t i = 0;
  while (i < size->size() && is_ascii_whitespace((*size)[i])) ++i;
  if (i < size->size() && (*size)[i] == '+') ++i;
  std::uint64_t value = 0;
  bool digits = false;
  for (; i < size->size() && (*size)[i] >= '0' && (*size)[i] <= '9'; ++i) {
    digits = true;
    value = std::min<std::uint64_t>(value * 10 + static_cast<std::uint64_t>((*size)[i] - '0'), 1000);
  }
  return !digits || value <= 1;
}

// HTML §4.10.7 "selectedness setting algorithm", as it stands once the page
// is parsed: in a select without `multiple`, the last option marked
// `selected` wins; with none marked and a display size of 1, the first
// option that is not disabled is selected.
bool option_selected(const GumboNode* option) {
  const GumboNode* select = html_parent(option, GUMBO_TAG_SELECT);
  if (select == nullptr) {
    const GumboNode* group = html_parent(option, GUMBO_TAG_OPTGROUP);
    if (group != nullptr) select = html_parent(group, GUMBO_TAG_SELECT);
  }
  if (select == nullptr || has_attribute(select, "multiple")) return has_attribute(option, "selected");
  // The select's list of options in tree order: option children, and the
  // option children of its optgroup children.
  const GumboNode* last_selected = nullptr;
  const GumboNode* first_enabled = nullptr;
  auto visit = [&](const GumboNode* candidate) {
    if (!is_html(candidate, GUMBO_TAG_OPTION)) return;
    if (has_attribute(candidate, "selected")) last_selected = candidate;
    if (first_enabled == nullptr && !option_disabled(candidate)) first_enabled = candidate;
  };
  for (const GumboNode* child : child_nodes(select)) {
    if (!is_element(child)) continue;
    if (is_html(child, GUMBO_TAG_OPTGROUP)) {
      for (const GumboNode* grandchild : child_nodes(child)) {
        if (is_element(grandchild)) visit(grandchild);
      }
    } else {
      visit(child);
    }
  }
  if (last_selected != nullptr) return option == last_selected;
  return displays_one_option(select) && option == first_enabled;
}

// HTML §4.16.3 :checked: checked checkboxes and radio buttons, selected options.
bool is_checked(const GumboNode* element) {
  if (is_html(element, GUMBO_TAG_INPUT)) {
    auto type = attribute(element, "type");
    return type && (ascii_iequals(*type, "checkbox") || ascii_iequals(*type, "radio")) &&
           has_attribute(element, "checked");
  }
  if (is_html(element, GUMBO_TAG_OPTION)) return option_selected(element);
  return false;
}

bool can_be_disabled(const GumboNode* element) {
  if (!is_html_element(element)) return false;
  switch (element->v.element.tag) {
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_OPTION:
      return true;
    default:
      return false;
  }
}

// HTML §4.10.18.5 "concept-fe-disabled": inside a disabled fieldset, except
// within that fieldset's first legend child.
bool in_disabled_fieldset(const GumboNode* element) {
  const GumboNode* below = element;
  for (const GumboNode* ancestor = parent_element(element); ancestor != nullptr;
       below = ancestor, ancestor = parent_element(ancestor)) {
    if (!is_html(ancestor, GUMBO_TAG_FIELDSET) || !has_attribute(ancestor, "disabled")) continue;
    const GumboNode* first_legend = nullptr;
    for (const GumboNode* child : child_nodes(ancestor)) {
      if (is_element(child) && is_html(child, GUMBO_TAG_LEGEND)) {
        first_legend = child;
        break;
      }
    }
    if (below != first_legend) return true;
  }
  return false;
}

// HTML §4.16.3 :disabled.
bool is_disabled(const GumboNode* element) {
  if (!can_be_disabled(element)) return false;
  switch (element->v.element.tag) {
    case GUMBO_TAG_OPTGROUP: return has_attribute(element, "disabled");
    case GUMBO_TAG_OPTION: return option_disabled(element);
    default: return has_attribute(element, "disabled") || in_disabled_fieldset(element);
  }
}

// HTML §4.16.3 :link / :any-link: a and area elements with an href.
bool is_link(const GumboNode* element) {
  return (is_html(element, GUMBO_TAG_A) || is_html(element, GUMBO_TAG_AREA)) &&
         has_attribute(element, "href");
}

// Selectors Level 3 §6.6.5.9 :empty: no element children and no text, not
// even whitespace (browsers keep Level 3's rule); comments do not count.
bool is_empty(const GumboNode* element) {
  if (hides_children_from_selectors(element)) return true;
  for (const GumboNode* child : child_nodes(element)) {
    if (is_element(child) || is_text(child)) return false;
  }
  return true;
}

bool is_root(const GumboNode* element) {
  return element->parent != nullptr && element->parent->type == GUMBO_NODE_DOCUMENT;
}

bool holds_non_content_text(const GumboNode* element) {
  if (element->type == GUMBO_NODE_TEMPLATE) return true;
  GumboTag tag = element->v.element.tag;
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE;
}

// Streams an element's text as all_text() would produce it (whitespace runs
// collapsed, ends trimmed) through a Knuth-Morris-Pratt search.
class TextSearch {
 public:
  explicit TextSearch(const TextNeedle& needle) : needle_(needle), found_(needle.text.empty()) {}

  bool found() const { return found_; }

  void feed(std::string_view text) {
    for (char c : text) {
      if (found_) return;
      if (is_ascii_whitespace(c)) {
        space_pending_ = started_;
        continue;
      }
      if (space_pending_) step(' ');
      space_pending_ = false;
      started_ = true;
      step(c);
    }
  }

 private:
  void step(char c) {
    const std::string& text = needle_.text;
    while (matched_ > 0 && text[matched_] != c) matched_ = needle_.fallback[matched_ - 1];
    if (text[matched_] == c) ++matched_;
    if (matched_ == text.size()) found_ = true;
  }

  const TextNeedle& needle_;
  std::size_t matched_ = 0;
  bool found_;
  bool space_pending_ = false;
  bool started_ = false;
};

bool contains_text(const GumboNode* element, const TextNeedle& needle) {
  TextSearch search(needle);
  for (const GumboNode* node = next_in_subtree(element, element, true); node != nullptr && !search.found();) {
    if (is_text(node)) search.feed(node->v.text.text);
    bool descend = !is_element(node) || !holds_non_content_text(node);
    node = next_in_subtree(node, element, descend);
  }
  return search.found();
}

bool is_ancestral(Combinator combinator) {
  return combinator == Combinator::descendant || combinator == Combinator::child;
}

// How a match attempt failed, after the "SelectorChecker" of browser engines:
// the outcome tells the combinator loops further right which retries are
// pointless, which keeps matching polynomial.
enum class Outcome : unsigned char {
  fails_locally,       // another candidate for this compound may still match
  fails_all_siblings,  // no earlier sibling can match either; an ancestor might
  fails_completely,    // no candidate anywhere above can match
};

// A few node pointers in place, more on the heap: one per compound of the
// selector being matched.
class NodeStack {
 public:
  explicit NodeStack(std::size_t size) {
    if (size > inline_.size()) {
      heap_.resize(size);
      data_ = heap_.data();
    }
  }
  NodeStack(const NodeStack&) = delete;
  NodeStack& operator=(const NodeStack&) = delete;
  const GumboNode*& operator[](std::size_t i) { return data_[i]; }

 private:
  std::array<const GumboNode*, 16> inline_;  // written before read; not worth zeroing per match
  std::vector<const GumboNode*> heap_;
  const GumboNode** data_ = inline_.data();
};

// The sibling counts of :nth-*() for the elements seen last. Walks in
// document order meet siblings one after another, so the previous sibling's
// position is usually here and each position costs O(1) instead of O(siblings).
struct NthCacheEntry {
  const PseudoClass* key = nullptr;
  const GumboNode* element = nullptr;
  std::int64_t position = 0;
};

enum class Among { all, same_type, matching };

// All the state of one selection; it lives on the caller's stack, so
// matching shares nothing between threads.
class Matcher {
 public:
  bool complex_matches(const GumboNode* subject, const ComplexSelector& selector,
                       const GumboNode* anchor = nullptr);

 private:
  bool compound_matches(const GumboNode* element, const CompoundSelector& compound);
  bool pseudo_class_matches(const GumboNode* element, const PseudoClass& pseudo);
  bool any_matches(const GumboNode* element, const std::vector<ComplexSelector>& selectors);
  bool has_relative(const GumboNode* anchor, const ComplexSelector& relative);
  std::int64_t position(const GumboNode* element, const PseudoClass& pseudo, bool from_end, Among among);
  bool qualifies(const GumboNode* sibling, const GumboNode* element, const PseudoClass& pseudo, Among among);

  std::array<NthCacheEntry, 16> nth_cache_{};
  std::size_t next_slot_ = 0;
};

}  // namespace

// Compounds are matched right to left: the subject first, then for each
// combinator its candidates (parent, ancestors, previous sibling, previous
// siblings) nearest first. `at[level]` holds the element tried for each
// compound, which is all the state backtracking needs, so no recursion.
// With an `anchor` (inside :has()), an extra leftmost level stands for the
// anchor element, related to compounds[0] by `selector.leading`.
bool Matcher::complex_matches(const GumboNode* subject, const ComplexSelector& selector,
                              const GumboNode* anchor) {
  const std::size_t compounds = selector.compounds.size();
  if (!is_element(subject) || compounds == 0 || selector.combinators.size() + 1 != compounds) {
    return false;
  }
  const std::size_t offset = anchor != nullptr ? 1 : 0;
  const std::size_t levels = compounds + offset;
  // The combinator between `level` and `level + 1`.
  auto combinator_after = [&](std::size_t level) {
    return offset == 1 && level == 0 ? selector.leading : selector.combinators[level - offset];
  };
  auto level_matches = [&](std::size_t level, const GumboNode* element) {
    if (offset == 1 && level == 0) return element == anchor;
    return compound_matches(element, selector.compounds[level - offset]);
  };

  // Most elements fail on their own compound: reject them before any setup.
  if (!compound_matches(subject, selector.compounds.back())) return false;
  if (levels == 1) return true;

  NodeStack at(levels);
  std::size_t level = levels - 1;
  at[level] = subject;
  bool known_match = true;  // the subject's compound, just checked
  for (;;) {
    Outcome outcome = Outcome::fails_locally;
    if (known_match || level_matches(level, at[level])) {
      known_match = false;
      if (level == 0) return true;
      const Combinator combinator = combinator_after(level - 1);
      const GumboNode* next = is_ancestral(combinator) ? parent_element(at[level])
                                                       : previous_element_sibling(at[level]);
      if (next != nullptr) {
        at[--level] = next;
        continue;
      }
      outcome = is_ancestral(combinator) ? Outcome::fails_completely : Outcome::fails_all_siblings;
    }
    // Back up to the nearest combinator loop that has a candidate left.
    for (;;) {
      if (level + 1 == levels) return false;
      const GumboNode* next = nullptr;
      switch (combinator_after(level)) {
        case Combinator::descendant:
          if (outcome != Outcome::fails_completely) {
            next = parent_element(at[level]);
            if (next == nullptr) outcome = Outcome::fails_completely;
          }
          break;
        case Combinator::subsequent_sibling:
          if (outcome == Outcome::fails_locally) {
            next = previous_element_sibling(at[level]);
            if (next == nullptr) outcome = Outcome::fails_all_siblings;
          }
          break;
        case Combinator::child:
        case Combinator::next_sibling:
          break;  // one candidate only: its outcome is the caller's
      }
      if (next != nullptr) {
        at[level] = next;
        break;
      }
      ++level;
    }
  }
}

bool Matcher::compound_matches(const GumboNode* element, const CompoundSelector& compound) {
  if (!compound.tag.empty()) {
    if (compound.tag_id != GUMBO_TAG_UNKNOWN) {
      if (element->v.element.tag != compound.tag_id) return false;
    } else if (!has_tag_name(element, compound.tag)) {
      return false;
    }
  }
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
      if (!has_word(*classes, wanted, exactly_equal)) return false;
    }
  }
  for (const AttributeSelector& selector : compound.attributes) {
    if (!matches_attribute(element, selector)) return false;
  }
  for (const PseudoClass& pseudo : compound.pseudo_classes) {
    if (!pseudo_class_matches(element, pseudo)) return false;
  }
  return true;
}

bool Matcher::any_matches(const GumboNode* element, const std::vector<ComplexSelector>& selectors) {
  for (const ComplexSelector& selector : selectors) {
    if (complex_matches(element, selector)) return true;
  }
  return false;
}

bool Matcher::pseudo_class_matches(const GumboNode* element, const PseudoClass& pseudo) {
  switch (pseudo.kind) {
    case PseudoClassKind::root:
      return is_root(element);
    case PseudoClassKind::empty:
      return is_empty(element);
    case PseudoClassKind::first_child:
      return previous_element_sibling(element) == nullptr;
    case PseudoClassKind::last_child:
      return next_element_sibling(element) == nullptr;
    case PseudoClassKind::only_child:
      return previous_element_sibling(element) == nullptr && next_element_sibling(element) == nullptr;
    case PseudoClassKind::first_of_type:
    case PseudoClassKind::last_of_type:
    case PseudoClassKind::only_of_type: {
      bool first = pseudo.kind != PseudoClassKind::last_of_type;
      bool last = pseudo.kind != PseudoClassKind::first_of_type;
      if (first) {
        for (auto* s = previous_element_sibling(element); s != nullptr; s = previous_element_sibling(s)) {
          if (same_element_type(s, element)) return false;
        }
      }
      if (last) {
        for (auto* s = next_element_sibling(element); s != nullptr; s = next_element_sibling(s)) {
          if (same_element_type(s, element)) return false;
        }
      }
      return true;
    }
    case PseudoClassKind::nth_child:
    case PseudoClassKind::nth_last_child: {
      // §14.3.1: with `of S`, the element must match S and only siblings
      // matching S are counted.
      Among among = pseudo.selectors.empty() ? Among::all : Among::matching;
      if (among == Among::matching && !any_matches(element, pseudo.selectors)) return false;
      bool from_end = pseudo.kind == PseudoClassKind::nth_last_child;
      return pseudo.nth.matches(position(element, pseudo, from_end, among));
    }
    case PseudoClassKind::nth_of_type:
    case PseudoClassKind::nth_last_of_type: {
      bool from_end = pseudo.kind == PseudoClassKind::nth_last_of_type;
      return pseudo.nth.matches(position(element, pseudo, from_end, Among::same_type));
    }
    case PseudoClassKind::is:
    case PseudoClassKind::where:
      return any_matches(element, pseudo.selectors);
    case PseudoClassKind::not_:
      return !any_matches(element, pseudo.selectors);
    case PseudoClassKind::has:
      for (const ComplexSelector& relative : pseudo.selectors) {
        if (has_relative(element, relative)) return true;
      }
      return false;
    case PseudoClassKind::any_link:
      return is_link(element);
    case PseudoClassKind::checked:
      return is_checked(element);
    case PseudoClassKind::disabled:
      return is_disabled(element);
    case PseudoClassKind::enabled:
      return can_be_disabled(element) && !is_disabled(element);
    case PseudoClassKind::contains:
      for (const TextNeedle& needle : pseudo.needles) {
        if (contains_text(element, needle)) return true;
      }
      return false;
  }
  return false;
}

// Selectors Level 4 §4.5: whether some element matches `relative` anchored
// at `anchor`. Only the elements the combinators can reach are tried: the
// anchor's descendants, or its following siblings (and their descendants
// when the selector goes down from there).
bool Matcher::has_relative(const GumboNode* anchor, const ComplexSelector& relative) {
  bool goes_down = is_ancestral(relative.leading);
  for (Combinator combinator : relative.combinators) goes_down = goes_down || is_ancestral(combinator);

  if (is_ancestral(relative.leading)) {
    if (hides_children_from_selectors(anchor)) return false;
    // `:has(> a + b)`: a sibling chain below a child stays among the children.
    const bool children_only = relative.leading == Combinator::child &&
                               std::none_of(relative.combinators.begin(), relative.combinators.end(),
                                            is_ancestral);
    for (const GumboNode* node = next_in_subtree(anchor, anchor, true); node != nullptr;) {
      if (is_element(node) && complex_matches(node, relative, anchor)) return true;
      bool descend = !children_only && is_element(node) && !hides_children_from_selectors(node);
      node = next_in_subtree(node, anchor, descend);
    }
    return false;
  }
  for (const GumboNode* sibling = next_element_sibling(anchor); sibling != nullptr;
       sibling = next_element_sibling(sibling)) {
    if (complex_matches(sibling, relative, anchor)) return true;
    if (goes_down && !hides_children_from_selectors(sibling)) {
      for (const GumboNode* node = next_in_subtree(sibling, sibling, true); node != nullptr;) {
        if (is_element(node) && complex_matches(node, relative, anchor)) return true;
        node = next_in_subtree(node, sibling, is_element(node) && !hides_children_from_selectors(node));
      }
    }
    // `:has(+ a)` can only be the next sibling; `:has(+ a ~ b)` goes further.
    if (relative.leading == Combinator::next_sibling && relative.combinators.empty()) break;
  }
  return false;
}

bool Matcher::qualifies(const GumboNode* sibling, const GumboNode* element, const PseudoClass& pseudo,
                        Among among) {
  switch (among) {
    case Among::all: return true;
    case Among::same_type: return same_element_type(sibling, element);
    case Among::matching: return any_matches(sibling, pseudo.selectors);
  }
  return false;
}

// The element's 1-based position among its qualifying siblings, counted from
// the start or the end. `element` itself qualifies.
std::int64_t Matcher::position(const GumboNode* element, const PseudoClass& pseudo, bool from_end,
                               Among among) {
  auto cached = [&](const GumboNode* sibling) -> const NthCacheEntry* {
    for (const NthCacheEntry& entry : nth_cache_) {
      if (entry.element == sibling && entry.key == &pseudo) return &entry;
    }
    return nullptr;
  };
  std::int64_t result = 0;
  std::int64_t between = 0;  // qualifying siblings between `element` and the one cached
  bool known = false;
  for (auto* s = previous_element_sibling(element); s != nullptr; s = previous_element_sibling(s)) {
    // Entries hold positions among qualifying elements, and of-type entries
    // among their own type, so only a qualifying sibling's entry applies.
    const bool type_ok = among != Among::same_type || same_element_type(s, element);
    if (const NthCacheEntry* entry = type_ok ? cached(s) : nullptr) {
      result = from_end ? entry->position - between - 1 : entry->position + between + 1;
      known = true;
      break;
    }
    if (qualifies(s, element, pseudo, among)) ++between;
  }
  if (!known && !from_end) result = between + 1;
  if (!known && from_end) {
    result = 1;
    for (auto* s = next_element_sibling(element); s != nullptr; s = next_element_sibling(s)) {
      if (qualifies(s, element, pseudo, among)) ++result;
    }
  }
  nth_cache_[next_slot_] = NthCacheEntry{&pseudo, element, result};
  next_slot_ = (next_slot_ + 1) % nth_cache_.size();
  return result;
}

bool matches(const GumboNode* element, const ComplexSelector& selector) {
  Matcher matcher;
  return matcher.complex_matches(element, selector);
}

namespace {

// The first member of `list` that `element` matches, or nullptr.
const ComplexSelector* first_matching(Matcher& matcher, const GumboNode* element, const SelectorList& list) {
  for (const ComplexSelector& selector : list.selectors) {
    if (matcher.complex_matches(element, selector)) return &selector;
  }
  return nullptr;
}

}  // namespace

std::vector<Match> select_matches(const GumboNode* scope, const SelectorList& list, const ElementIndex* index) {
  std::vector<Match> found;
  Matcher matcher;
  if (index != nullptr && scope != nullptr && scope == index->root()) {
    std::vector<const GumboNode*> storage;
    for (const GumboNode* element : index->candidates(list, storage)) {
      if (const ComplexSelector* selector = first_matching(matcher, element, list)) found.push_back({element, selector});
    }
    return found;
  }
  if (scope == nullptr || (!is_element(scope) && scope->type != GUMBO_NODE_DOCUMENT)) return found;
  const bool inside = !hides_children_from_selectors(scope);
  for (const GumboNode* node = inside ? next_in_subtree(scope, scope, true) : nullptr; node != nullptr;) {
    if (is_element(node)) {
      // Once per element, however many members match it.
      if (const ComplexSelector* selector = first_matching(matcher, node, list)) found.push_back({node, selector});
    }
    node = next_in_subtree(node, scope, is_element(node) && !hides_children_from_selectors(node));
  }
  return found;
}

std::vector<const GumboNode*> select_all(const GumboNode* scope, const SelectorList& list, const ElementIndex* index) {
  std::vector<const GumboNode*> elements;
  for (const Match& match : select_matches(scope, list, index)) elements.push_back(match.element);
  return elements;
}

}  // namespace gleaner::html
