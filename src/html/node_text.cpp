// Text, attributes and tag names of gumbo nodes.
#include "html/node_text.hpp"

#include "html/ascii.hpp"
#include "html/node_tree.hpp"

namespace gleaner::html {

namespace {

// Appends text while collapsing each run of ASCII whitespace into one space
// and dropping it at both ends (the "strip and collapse ASCII whitespace"
// algorithm, Infra §4.6), across node boundaries.
class CollapsedText {
 public:
  void append(std::string_view text) {
    for (char c : text) {
      if (is_ascii_whitespace(c)) {
        space_pending_ = !out_.empty();
        continue;
      }
      if (space_pending_) out_ += ' ';
      space_pending_ = false;
      out_ += c;
    }
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  bool space_pending_ = false;
};

// Gumbo keeps the original tag only for tags outside its enum; it is the raw
// "<my-Widget class=x>" text, from which gumbo can cut the name.
std::string_view original_tag_name(const GumboNode* element) {
  GumboStringPiece piece = element->v.element.original_tag;
  if (piece.data == nullptr || piece.length == 0) return {};
  gumbo_tag_from_original_text(&piece);
  return {piece.data, piece.length};
}

bool holds_non_content_text(const GumboNode* element) {
  if (element->type == GUMBO_NODE_TEMPLATE) return true;
  GumboTag tag = element->v.element.tag;
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE;
}

// ascii_iequals(name, wanted) for gumbo's NUL-terminated name, read only as
// far as it agrees: most names differ in their first letter, and the
// matcher asks for an attribute of thousands of elements per page.
bool is_named(const char* name, std::string_view wanted) {
  for (const char c : wanted) {
    if (*name == '\0' || ascii_lower(*name) != ascii_lower(c)) return false;
    ++name;
  }
  return *name == '\0';
}

}  // namespace

std::string all_text(const GumboNode* node) {
  CollapsedText text;
  if (is_text(node)) {
    text.append(node->v.text.text);
    return text.take();
  }
  PreorderWalk walk(node);
  while (const GumboNode* descendant = walk.next()) {
    if (is_text(descendant)) {
      text.append(descendant->v.text.text);
    } else if (is_element(descendant) && holds_non_content_text(descendant)) {
      walk.skip_children();
    }
  }
  return text.take();
}

std::string own_text(const GumboNode* element) {
  CollapsedText text;
  for (const GumboNode* child : child_nodes(element)) {
    if (is_text(child)) text.append(child->v.text.text);
  }
  return text.take();
}

std::optional<std::string_view> attribute(const GumboNode* element, std::string_view name) {
  if (!is_element(element)) return std::nullopt;
  const GumboVector& attributes = element->v.element.attributes;
  for (unsigned int i = 0; i < attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
    if (is_named(attr->name, name)) return std::string_view(attr->value);
  }
  return std::nullopt;
}

std::string tag_name(const GumboNode* element) {
  if (!is_element(element)) return {};
  GumboTag tag = element->v.element.tag;
  if (tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(tag);
  return ascii_lower(original_tag_name(element));
}

bool has_tag_name(const GumboNode* element, std::string_view lower_case_name) {
  if (!is_element(element)) return false;
  GumboTag tag = element->v.element.tag;
  if (tag != GUMBO_TAG_UNKNOWN) {
    // Compared in place: gumbo's names are NUL-terminated, and measuring
    // them first doubled the cost of matching deep pages.
    const char* name = gumbo_normalized_tagname(tag);
    for (char c : lower_case_name) {
      if (*name != c) return false;  // also stops at the NUL of a shorter name
      ++name;
    }
    return *name == '\0';
  }
  return ascii_iequals(original_tag_name(element), lower_case_name);
}

bool same_element_type(const GumboNode* a, const GumboNode* b) {
  if (!is_element(a) || !is_element(b)) return false;
  const GumboElement& x = a->v.element;
  const GumboElement& y = b->v.element;
  if (x.tag != y.tag || x.tag_namespace != y.tag_namespace) return false;
  return x.tag != GUMBO_TAG_UNKNOWN || ascii_iequals(original_tag_name(a), original_tag_name(b));
}

}  // namespace gleaner::html
