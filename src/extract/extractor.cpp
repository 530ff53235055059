#include "extract/extractor.hpp"

#include <re2/re2.h>

#include <nlohmann/json.hpp>

#include "extract/link_hrefs.hpp"
#include "html/document.hpp"
#include "html/matcher.hpp"
#include "html/node_text.hpp"
#include "html/select_values.hpp"
#include "html/selector_parser.hpp"

namespace gleaner::extract {
namespace {

nlohmann::ordered_json field_value(const html::Document& document, const config::FieldRule& field) {
  std::vector<std::string> values = html::select_values(document.root(), field.selector);
  if (field.all) return nlohmann::ordered_json(std::move(values));
  if (values.empty()) return nullptr;
  return std::move(values.front());
}

}  // namespace

Page Extractor::extract(const Url& page_url, std::string_view body) const {
  return extract(PageContext(page_url), body);
}

Page Extractor::extract(const PageContext& context, std::string_view body) const {
  const Url& page_url = context.url;
  Page page;
  const html::Document document = html::Document::parse(body);

  const Url base = *document_base(document, page_url);
  for (const std::string_view href : link_hrefs(document, job_.follow)) {
    if (auto url = base.resolve(href)) {
      page.links.push_back(std::move(*url));
    } else {
      ++page.unresolvable_links;
    }
  }

  for (std::size_t rule = 0; rule < job_.items.size(); ++rule) {
    const config::ItemRule& item = job_.items[rule];
    if (item.url_pattern && !RE2::PartialMatch(page_url.str(), *item.url_pattern)) continue;
    Record record;
    record.rule = rule;
    record.value["url"] = page_url.str();
    for (const config::FieldRule& field : item.fields) record.value[field.name] = field_value(document, field);
    page.records.push_back(std::move(record));
  }
  return page;
}

}  // namespace gleaner::extract
