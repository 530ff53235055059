// Structural helpers over gumbo's tree.
#include "html/node_tree.hpp"

namespace gleaner::html {

ChildNodes child_nodes(const GumboNode* node) {
  if (node == nullptr) return ChildNodes(nullptr);
  if (node->type == GUMBO_NODE_DOCUMENT) return ChildNodes(&node->v.document.children);
  if (is_element(node)) return ChildNodes(&node->v.element.children);
  return ChildNodes(nullptr);
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
