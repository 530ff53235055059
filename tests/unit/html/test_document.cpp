// Document: gumbo's tree behind a move-only owner of the source buffer.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "html/document.hpp"
#include "html/node_text.hpp"
#include "html/node_tree.hpp"

using namespace gleaner::html;

namespace {

const GumboNode* first_element_named(const GumboNode* scope, std::string_view name) {
  PreorderWalk walk(scope);
  while (const GumboNode* node = walk.next()) {
    if (has_tag_name(node, name)) return node;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the root is the document node, whose element child is html with head and body") {
  // HTML §13.2.6: html, head and body are implied even for an empty input.
  for (const char* html : {"", "text only", "<p>x", "<!doctype html><html><head></head><body></body></html>"}) {
    CAPTURE(html);
    Document doc = Document::parse(html);
    REQUIRE(doc.root() != nullptr);
    CHECK(doc.root()->type == GUMBO_NODE_DOCUMENT);
    const GumboNode* root_element = nullptr;
    for (const GumboNode* child : child_nodes(doc.root())) {
      if (is_element(child)) root_element = child;
    }
    REQUIRE(root_element != nullptr);
    CHECK(tag_name(root_element) == "html");
    CHECK(parent_element(root_element) == nullptr);
    CHECK(first_element_named(doc.root(), "head") != nullptr);
    CHECK(first_element_named(doc.root(), "body") != nullptr);
  }
}

TEST_CASE("a document keeps its own copy of the source, which gumbo's nodes point into") {
  // Unknown tag names are read back from the source text (original_tag).
  std::string source = "<My-Tag>x</My-Tag>";
  Document doc = Document::parse(source);
  source.assign(source.size(), '#');
  const GumboNode* element = first_element_named(doc.root(), "my-tag");
  REQUIRE(element != nullptr);
  CHECK(tag_name(element) == "my-tag");
}

TEST_CASE("moving a document keeps its nodes valid, even for a short source") {
  // A short std::string lives inside its object; the source must not move with the Document.
  Document first = Document::parse("<x-a>1</x-a>");
  const GumboNode* root = first.root();
  Document second = std::move(first);
  CHECK(second.root() == root);
  CHECK(first.root() == nullptr);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  CHECK(tag_name(first_element_named(second.root(), "x-a")) == "x-a");

  Document third = Document::parse("<p>");
  third = std::move(second);
  CHECK(third.root() == root);
  CHECK(all_text(third.root()) == "1");
}

TEST_CASE("parsing never fails, whatever the bytes") {
  const std::string inputs[] = {
      std::string("\0\0<p>\0</p>", 10),       // NUL characters (HTML §13.2.5: replaced or dropped)
      "\xff\xfe<p>\xc3(\xed\xa0\x80</p>",       // invalid UTF-8
      "<<<>>></></ <p <a href=\"x",            // broken markup
      "<![CDATA[x]]><!-- unterminated",
      "<table><td><table><td><form><select><option><svg><math><template>",
      "&#0;&#x110000;&#xd800;&bogus;&amp",     // bad character references
  };
  for (const std::string& input : inputs) {
    Document doc = Document::parse(input);
    CHECK(doc.root() != nullptr);
    CHECK(first_element_named(doc.root(), "body") != nullptr);
  }
}
