// Document: RAII over gumbo's GumboOutput, the arena it is allocated in and
// the source buffer it points into.
#include "html/document.hpp"

#include <string>
#include <utility>

#include "html/element_index.hpp"
#include "html/gumbo_arena.hpp"

namespace gleaner::html {

namespace {

GumboOptions parse_options(GumboArena& arena) {
  GumboOptions options = kGumboDefaultOptions;
  // We never read gumbo's error list; recording none keeps a hostile page
  // (one error per byte) from doubling the memory its tree needs.
  options.max_errors = 0;
  arena.install_in(options);
  return options;
}

}  // namespace

// Every block of the tree comes from `arena`, so the tree is freed when the
// arena is, without gumbo_destroy_output's walk and one free() per node
// (17% of the parse CPU on 45 KB shop pages: bench-parse-only --arena).
//
// Lifetime: the arena belongs to this one Document, never shared, so the tree
// lives exactly as long as the Document, however many other Documents are
// alive on the thread. Its chunks come from, and go back to, a per-thread
// pool (gumbo_arena.cpp) that only its own thread touches; a Document that
// dies on another thread than it was parsed on (Documents are movable; today
// extract::Extractor parses and drops each one inside one call on a worker)
// gives its chunks to that thread's pool, so no lock is needed anywhere.
struct Document::Parsed {
  std::string source;
  GumboArena arena;
  GumboOutput* output = nullptr;
  std::unique_ptr<ElementIndex> index;  // made by the first index() call

  explicit Parsed(std::string html) : source(std::move(html)) {}
};

Document Document::parse(std::string html) {
  auto parsed = std::make_unique<Parsed>(std::move(html));
  const GumboOptions options = parse_options(parsed->arena);
  parsed->output = gumbo_parse_with_options(&options, parsed->source.data(), parsed->source.size());
  return Document(std::move(parsed));
}

Document::Document(std::unique_ptr<Parsed> parsed) : parsed_(std::move(parsed)) {}
Document::Document(Document&& other) noexcept = default;
Document& Document::operator=(Document&& other) noexcept = default;
Document::~Document() = default;

const GumboNode* Document::root() const {
  if (parsed_ == nullptr || parsed_->output == nullptr) return nullptr;
  return parsed_->output->document;
}

const ElementIndex& Document::index() const {
  if (parsed_->index == nullptr) parsed_->index = std::make_unique<ElementIndex>(root());
  return *parsed_->index;
}

}  // namespace gleaner::html
