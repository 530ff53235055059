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

using Record = nlohmann::ordered_json;

nlohmann::ordered_json field_value(const html::Document& document, const config::FieldRule& field) {
  std::vector<std::string> values = html::select_values(document.root(), field.selector);
  if (field.all) return nlohmann::ordered_json(std::move(values));
  if (values.empty()) return nullptr;
  return std::move(values.front());
}

}  // namespace

Page Extractor::extract(const Url& page_url, std::string_view body) const {
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
