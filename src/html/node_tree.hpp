// Structural helpers over gumbo's tree: which nodes are elements, their
// parents and children, and a pre-order walk that needs no recursion.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <vector>

namespace gleaner::html {

// Gumbo gives <template> its own node type; for selectors it is an element.
// Inline, as are the other one-liners: the matcher calls them per ancestor.
inline bool is_element(const GumboNode* node) {
  return node != nullptr &&
         (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE);
}

// Text that belongs to the document's content: text, CDATA and whitespace
// nodes, never comments.
inline bool is_text(const GumboNode* node) {
  return node != nullptr && (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
                             node->type == GUMBO_NODE_WHITESPACE);
}

// The parent if it is an element; nullptr for <html> (whose parent is the
// document node) and for the document node itself.
inline const GumboNode* parent_element(const GumboNode* node) {
  const GumboNode* parent = node == nullptr ? nullptr : node->parent;
  return is_element(parent) ? parent : nullptr;
}

// The child nodes of a document or element node, typed; gumbo stores them as
// void*. Empty for any other node.
class ChildNodes {
 public:
  class iterator {
   public:
    explicit iterator(void* const* at) : at_(at) {}
    const GumboNode* operator*() const { return static_cast<const GumboNode*>(*at_); }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator==(const iterator&) const = default;

   private:
    void* const* at_;
  };

  explicit ChildNodes(const GumboVector* children) : children_(children) {}
  std::size_t size() const { return children_ == nullptr ? 0 : children_->length; }
  const GumboNode* operator[](std::size_t i) const {
    return static_cast<const GumboNode*>(children_->data[i]);
  }
  iterator begin() const { return iterator(size() == 0 ? nullptr : children_->data); }
  iterator end() const { return iterator(size() == 0 ? nullptr : children_->data + size()); }

 private:
  const GumboVector* children_;
};

ChildNodes child_nodes(const GumboNode* node);

// The nearest element before/after `node` among its parent's children (the
// document node counts as a parent, so <html> has siblings too); nullptr when
// there is none.
const GumboNode* previous_element_sibling(const GumboNode* node);
const GumboNode* next_element_sibling(const GumboNode* node);

// HTML §4.12.3: a <template>'s contents live in a separate document fragment,
// so selectors, as in a browser, see a template as having no children.
inline bool hides_children_from_selectors(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEMPLATE;
}

// Pre-order successor of `node` within the subtree of `root` (exclusive), or
// nullptr at the end; with `descend` false, `node`'s children are skipped.
// Needs no stack: it climbs through parents, so walks allocate nothing.
const GumboNode* next_in_subtree(const GumboNode* node, const GumboNode* root, bool descend);

// Visits every descendant of `scope` (not scope itself) in document order.
// The stack is explicit because gumbo limits nothing: malformed pages nest
// tens of thousands of levels deep, which would overflow a recursive walk.
class PreorderWalk {
 public:
  explicit PreorderWalk(const GumboNode* scope);

  // The next node, or nullptr when the walk is over.
  const GumboNode* next();

  // Do not descend into the node that next() returned last.
  void skip_children() { skip_children_ = true; }

 private:
  void push_children(const GumboNode* node);

  std::vector<const GumboNode*> pending_;  // top is the next node in document order
  const GumboNode* current_ = nullptr;
  bool skip_children_ = false;
};

}  // namespace gleaner::html
