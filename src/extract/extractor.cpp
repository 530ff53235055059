#include "extract/extractor.hpp"

#include <re2/re2.h>

#include <nlohmann/json.hpp>

#include "html/document.hpp"
#include "html/matcher.hpp"
#include "html/node_text.hpp"
#include "html/select_values.hpp"
#include "html/selector_parser.hpp"

namespace gleaner::extract {
namespace {

using Record = nlohmann::ordered_json;

// Relative links resolve against <base href> when the page has one
// (HTML Standard, "document base URL"), otherwise against the page URL.
Url base_url(const html::Document& document, const Url& page_url) {
  static const html::SelectorList base_selector = *html::parse_selector("base[href]");
  const auto bases = html::select_all(document.root(), base_selector);
  if (bases.empty()) return page_url;
  auto resolved = page_url.resolve(*html::attribute(bases.front(), "href"));
  return resolved ? *resolved : page_url;
}

nlohmann::ordered_json field_value(const html::Document& document, const config::FieldRule& field) {
  std::vector<std::string> values = html::select_values(document.root(), field.selector);
  if (field.all) return nlohmann::ordered_json(std::move(values));
  if (values.empty()) return nullptr;
  return std::move(values.front());
}

// A follow rule picks elements; the link is their href unless the selector
// names an attribute itself (`img.next::attr(data-src)`).
void collect_links(const html::Document& document, const Url& base, const html::SelectorList& rule,
                   Page& page) {
  for (const html::Match& match : html::select_matches(document.root(), rule)) {
    const html::PseudoElement& pseudo = match.selector->pseudo_element;
    std::optional<std::string_view> href;
    if (pseudo.kind == html::PseudoElementKind::attr) {
      href = html::attribute(match.element, pseudo.attribute);
    } else {
      href = html::attribute(match.element, "href");
    }
    if (!href) continue;
    auto url = base.resolve(*href);
    if (url) {
      page.links.push_back(std::move(*url));
    } else {
      ++page.unresolvable_links;
    }
  }
}

}  // namespace

Page Extractor::extract(const Url& page_url, std::string_view body) const {
  Page page;
  const html::Document document = html::Document::parse(body);

  const Url base = base_url(document, page_url);
  for (const html::SelectorList& rule : job_.follow) collect_links(document, base, rule, page);

  for (const config::ItemRule& item : job_.items) {
    if (item.url_pattern && !RE2::PartialMatch(page_url.str(), *item.url_pattern)) continue;
    Record record;
    record["url"] = page_url.str();
    for (const config::FieldRule& field : item.fields) record[field.name] = field_value(document, field);
    // Pages are not always valid UTF-8; replace bad bytes rather than lose the record.
    page.records.push_back(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return page;
}

}  // namespace gleaner::extract
