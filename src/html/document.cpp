// Document: RAII over gumbo's GumboOutput and the source buffer it points into.
#include "html/document.hpp"

#include <string>
#include <utility>

namespace gleaner::html {

namespace {

const GumboOptions& parse_options() {
  static const GumboOptions options = [] {
    GumboOptions o = kGumboDefaultOptions;
    // We never read gumbo's error list; recording none keeps a hostile page
    // (one error per byte) from doubling the memory its tree needs.
    o.max_errors = 0;
    return o;
  }();
  return options;
}

}  // namespace

struct Document::Parsed {
  std::string source;
  GumboOutput* output = nullptr;

  explicit Parsed(std::string_view html) : source(html) {}
  Parsed(const Parsed&) = delete;
  Parsed& operator=(const Parsed&) = delete;
  ~Parsed() {
    if (output != nullptr) gumbo_destroy_output(&parse_options(), output);
  }
};

Document Document::parse(std::string_view html) {
  auto parsed = std::make_unique<Parsed>(html);
  parsed->output = gumbo_parse_with_options(&parse_options(), parsed->source.data(),
                                            parsed->source.size());
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

}  // namespace gleaner::html
