#include "extract/link_hrefs.hpp"

#include "html/matcher.hpp"
#include "html/node_text.hpp"
#include "html/selector_parser.hpp"

namespace gleaner::extract {

std::vector<std::string_view> link_hrefs(const html::Document& document, const std::vector<html::SelectorList>& rules) {
  std::vector<std::string_view> hrefs;
  for (const html::SelectorList& rule : rules) {
    for (const html::Match& match : html::select_matches(document.root(), rule, &document.index())) {
      const html::PseudoElement& pseudo = match.selector->pseudo_element;
      const std::string_view name =
          pseudo.kind == html::PseudoElementKind::attr ? std::string_view(pseudo.attribute) : std::string_view("href");
      if (auto href = html::attribute(match.element, name)) hrefs.push_back(*href);
    }
  }
  return hrefs;
}

std::optional<Url> document_base(const html::Document& document, const std::optional<Url>& page_url) {
  static const html::SelectorList base_selector = *html::parse_selector("base[href]");
  const auto bases = html::select_all(document.root(), base_selector, &document.index());
  if (bases.empty()) return page_url;
  const std::string_view href = *html::attribute(bases.front(), "href");
  auto resolved = page_url ? page_url->resolve(href) : Url::parse(href);
  if (resolved) return std::move(*resolved);
  return page_url;
}

}  // namespace gleaner::extract
