// Document: one fetched page parsed by gumbo into an HTML5 tree (implied
// html/head/body, tbody inserted into tables, entities decoded). Built on a
// worker thread by extract/, then read-only; the selector matcher walks it.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>

namespace gleaner::html {

class ElementIndex;

class Document {
 public:
  // Never fails: HTML5 parsing recovers from any input. `html` must already be
  // UTF-8 (see the charset stage); the Document keeps it, since gumbo nodes
  // point into it: move it in where the caller is done with it.
  static Document parse(std::string html);

  Document(Document&& other) noexcept;
  Document& operator=(Document&& other) noexcept;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  // May run on any thread, not only the one that parsed: the tree's memory
  // goes back to the destroying thread's pool (gumbo_arena.hpp).
  ~Document();

  // The GUMBO_NODE_DOCUMENT node; its element child is <html>. Valid as long
  // as this Document lives; nullptr only for a moved-from Document.
  const GumboNode* root() const;

  // The elements filed by tag, id, class and attribute name, for selections
  // scoped to root() (matcher.hpp). Built on the first call, so only pages
  // that are selected from pay for it; like the rest of a Document, for one
  // thread at a time.
  const ElementIndex& index() const;

 private:
  struct Parsed;
  explicit Document(std::unique_ptr<Parsed> parsed);

  // Behind a pointer so that moving a Document never moves the source buffer.
  std::unique_ptr<Parsed> parsed_;
};

}  // namespace gleaner::html
