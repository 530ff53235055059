#include "extract/item_records.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <vector>

#include "extract/field_evaluator.hpp"
#include "extract/record_metadata.hpp"
#include "html/matcher.hpp"

namespace gleaner::extract {

bool item_applies(const config::ItemRule& item, const Url& page_url, const html::Document& document) {
  if (item.url_pattern && !RE2::PartialMatch(page_url.str(), *item.url_pattern)) return false;
  if (item.when.empty()) return true;
  return std::any_of(item.when.begin(), item.when.end(), [&](const html::SelectorList& selector) {
    return !html::select_all(document.root(), selector, &document.index()).empty();
  });
}

void extract_items(const config::ItemRule& item, std::size_t rule, const PageContext& context,
                   const html::Document& document, const Url& base, Page& page) {
  const std::vector<const GumboNode*> roots =
      item.scope ? html::select_all(document.root(), *item.scope, &document.index()) : std::vector<const GumboNode*>{document.root()};
  FieldEvaluator evaluator(base, rule, page.warnings, &document.index());
  for (const GumboNode* root : roots) {
    Record record;
    record.rule = rule;
    record.value = nlohmann::ordered_json::object();
    for (const std::string& name : item.metadata) record.value[name] = metadata_value(name, context, item);
    if (auto missing = evaluator.fill(item.fields, root, "", record.value)) {
      page.dropped.push_back(DroppedItem{rule, "missing required field \"" + *missing + "\""});
    } else {
      page.records.push_back(std::move(record));
    }
  }
}

}  // namespace gleaner::extract
