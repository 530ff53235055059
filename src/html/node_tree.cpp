// Structural helpers over gumbo's tree.
#include "html/node_tree.hpp"

namespace gleaner::html {

ChildNodes child_nodes(const GumboNode* node) {
  if (node == nullptr) return ChildNodes(nullptr);
  if (node->type == GUMBO_NODE_DOCUMENT) return ChildNodes(&node->v.document.children);
  if (is_element(node)) return ChildNodes(&node->v.element.children);
  return ChildNodes(nullptr);
}

const GumboNode* previous_element_sibling(const GumboNode* node) {
  ChildNodes siblings = child_nodes(node->parent);
  for (std::size_t i = node->index_within_parent; i > 0; --i) {
    if (is_element(siblings[i - 1])) return siblings[i - 1];
  }
  return nullptr;
}

const GumboNode* next_element_sibling(const GumboNode* node) {
  ChildNodes siblings = child_nodes(node->parent);
  for (std::size_t i = node->index_within_parent + 1; i < siblings.size(); ++i) {
    if (is_element(siblings[i])) return siblings[i];
  }
  return nullptr;
}

const GumboNode* next_in_subtree(const GumboNode* node, const GumboNode* root, bool descend) {
  if (descend) {
    ChildNodes children = child_nodes(node);
    if (children.size() > 0) return children[0];
  }
  while (node != root && node->parent != nullptr) {
    ChildNodes siblings = child_nodes(node->parent);
    std::size_t next = node->index_within_parent + 1;
    if (next < siblings.size()) return siblings[next];
    node = node->parent;
    if (node == root) break;
  }
  return nullptr;
}

PreorderWalk::PreorderWalk(const GumboNode* scope) { push_children(scope); }

const GumboNode* PreorderWalk::next() {
  if (current_ != nullptr && !skip_children_) push_children(current_);
  skip_children_ = false;
  if (pending_.empty()) {
    current_ = nullptr;
    return nullptr;
  }
  current_ = pending_.back();
  pending_.pop_back();
  return current_;
}

void PreorderWalk::push_children(const GumboNode* node) {
  ChildNodes children = child_nodes(node);
  // Reversed, so that the first child ends up on top of the stack.
  for (std::size_t i = children.size(); i > 0; --i) pending_.push_back(children[i - 1]);
}

}  // namespace gleaner::html
